package web

import (
	"errors"
	"fmt"
	"github.com/infragame/infragame/internal/parseerr"
	"io"
	"net/http"
	"strings"

	"github.com/infragame/infragame/publish"
	"github.com/infragame/infragame/tender"
	"github.com/infragame/infragame/units"
)

// MaxUploadBytes caps one uploaded input file (a case, a game, an offer
// file), as the command line caps a file it reads.
const MaxUploadBytes = 4 << 20

// readUpload returns the uploaded file: the body of an API request
// (any content type but a form), or a form's file field or text field.
// name is the form field; the returned label names the input in messages.
func readUpload(r *http.Request, field string) (data []byte, label string, err error) {
	ct := r.Header.Get("Content-Type")
	switch {
	case r.Method == http.MethodGet:
		// A page's link carries a small pasted input in its query.
		data, label = []byte(r.URL.Query().Get(field+"_text")), field
	case strings.HasPrefix(ct, "multipart/form-data"):
		if err := r.ParseMultipartForm(MaxUploadBytes); err != nil {
			return nil, "", BadRequest(field, fmt.Errorf("form: %w", err))
		}
		if f, h, err := r.FormFile(field); err == nil {
			defer f.Close()
			data, err = io.ReadAll(io.LimitReader(f, MaxUploadBytes+1))
			if err != nil {
				return nil, "", BadRequest(field, err)
			}
			label = h.Filename
		} else if !errors.Is(err, http.ErrMissingFile) {
			return nil, "", BadRequest(field, err)
		}
		if len(data) == 0 {
			data, label = []byte(r.FormValue(field+"_text")), field
		}
	case strings.HasPrefix(ct, "application/x-www-form-urlencoded"):
		if err := r.ParseForm(); err != nil {
			return nil, "", BadRequest(field, err)
		}
		data, label = []byte(r.PostForm.Get(field+"_text")), field
	default:
		data, err = io.ReadAll(io.LimitReader(r.Body, MaxUploadBytes+1))
		if err != nil {
			return nil, "", err
		}
		label = "request body"
	}
	if len(data) > MaxUploadBytes {
		return nil, "", badRequestf(field, "%s: larger than %d MiB", label, MaxUploadBytes>>20)
	}
	if len(strings.TrimSpace(string(data))) == 0 {
		return nil, "", badRequestf(field, "%s: empty", field)
	}
	return data, label, nil
}

// allowUnusual reads ?allow_unusual=true (the CLI's --allow-unusual).
func allowUnusual(r *http.Request) (units.Options, error) {
	switch v := r.URL.Query().Get("allow_unusual"); v {
	case "", "false", "0":
		return units.Options{}, nil
	case "true", "1", "on":
		return units.Options{AllowUnusual: true}, nil
	default:
		return units.Options{}, badRequestf("allow_unusual", "allow_unusual: want true or false, got %q", v)
	}
}

// uploadedCase parses an uploaded case file exactly as `infragame report
// case FILE` does.
func uploadedCase(r *http.Request) (*tender.File, error) {
	data, label, err := readUpload(r, "case")
	if err != nil {
		return nil, err
	}
	opt, err := allowUnusual(r)
	if err != nil {
		return nil, err
	}
	f, err := tender.ParseFile(data, opt)
	if err != nil {
		return nil, BadRequest("case", parseerr.InFile(label, err))
	}
	return f, nil
}

func (s *Server) apiCaseUpload(r *http.Request) (any, error) {
	l, err := apiLang(r)
	if err != nil {
		return nil, err
	}
	f, err := uploadedCase(r)
	if err != nil {
		return nil, err
	}
	opt, err := caseOptions(r)
	if err != nil {
		return nil, err
	}
	return publish.Case(f, opt, s.meta(l, "infragame report case FILE"))
}

// pageCaseUpload evaluates an uploaded case and shows its report.
func (s *Server) pageCaseUpload(w http.ResponseWriter, r *http.Request) {
	l := lang(r)
	f, err := uploadedCase(r)
	if err != nil {
		s.renderError(w, r, "/tender", err)
		return
	}
	opt, err := caseOptions(r)
	if err != nil {
		s.renderError(w, r, "/tender", err)
		return
	}
	doc, err := publish.Case(f, opt, s.meta(l, "infragame report case FILE"))
	if err != nil {
		s.renderError(w, r, "/tender", BadRequest("case", err))
		return
	}
	v, err := viewDoc(doc)
	if err != nil {
		s.renderError(w, r, "/tender", err)
		return
	}
	s.render(w, http.StatusOK, "document", s.newPage(r, "/tender", doc.Title, docPage{Intro: l.T("web.tender.intro"), Doc: v}))
}
