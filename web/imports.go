package web

import (
	"errors"
	"net/http"
	"path"

	"github.com/infragame/infragame/dataset"
	"github.com/infragame/infragame/store"
)

// validImportName reports whether name is an uploaded file's name: a base name of letters, digits,
// dots, dashes and underscores (it tells the kind, projects.yaml, and the
// format, .csv).
// It is checked by hand rather than by a regular expression: the bounded
// repetition {0,99} compiles to a program of some 1,300 allocations, which
// a package-level regexp would pay at every start of the binary.
func validImportName(name string) bool {
	if len(name) == 0 || len(name) > 100 {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case 'A' <= c && c <= 'Z', 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		case i > 0 && (c == '.' || c == '_' || c == '-'):
		default:
			return false
		}
	}
	return true
}

// apiImport imports the file in the body into the store (a write: the
// server must allow writes and the request carry the token), then shows
// the new records everywhere.
func (s *Server) apiImport(r *http.Request) (any, error) {
	q := r.URL.Query()
	name := path.Base(q.Get("name"))
	if !validImportName(name) {
		return nil, badRequestf("name", "name: give the file's name, e.g. projects.yaml or gcdf.csv (letters, digits, . _ -), got %q", q.Get("name"))
	}
	req := ImportRequest{Name: name, From: q.Get("from")}
	if k := q.Get("kind"); k != "" {
		kind, err := dataset.ParseKind(k)
		if err != nil {
			return nil, BadRequest("kind", err)
		}
		req.Kind = kind
	}
	data, _, err := readUpload(r, "file")
	if err != nil {
		return nil, err
	}
	req.Content = data
	sum, after, err := s.imp(r.Context(), req)
	switch {
	case errors.Is(err, store.ErrAlreadyImported):
		return nil, &inputError{status: http.StatusConflict, err: err}
	case errors.Is(err, dataset.ErrNeedKind):
		return nil, BadRequest("kind", err)
	case errors.Is(err, dataset.ErrKindAidData):
		return nil, BadRequest("kind", err)
	case errors.Is(err, dataset.ErrUnknownSource):
		return nil, BadRequest("from", err)
	case errors.Is(err, dataset.ErrEmptyFile):
		return nil, BadRequest("file", err)
	case err != nil:
		var ps dataset.Problems
		if errors.As(err, &ps) {
			return nil, BadRequest("file", err)
		}
		return nil, err
	}
	d := s.snapshot()
	d.Set = after
	if err := s.Reload(d); err != nil {
		return nil, err
	}
	return sum, nil
}

type importView struct {
	Writes bool
	Kinds  []string
	// Kind and From preselect the form (?kind=, ?from=): a link can say
	// "import an AidData CSV".
	Kind, From string
}

// pageImport is the form of `infragame data import`: on a server started
// with --allow-writes, a file, its kind and source format, and the bearer
// token, which app.js keeps in sessionStorage and sends as the
// Authorization header of POST /api/v1/imports, showing the import report
// or the problem (file, line, field) it answers; a read-only server
// explains how to allow imports instead.
func (s *Server) pageImport(w http.ResponseWriter, r *http.Request) {
	l := lang(r)
	q := r.URL.Query()
	v := importView{Writes: s.cfg.AllowWrites, Kind: q.Get("kind"), From: q.Get("from")}
	for _, k := range dataset.Kinds {
		v.Kinds = append(v.Kinds, string(k))
	}
	s.render(w, http.StatusOK, "import", s.newPage(r, "/data", l.T("web.import.title"), v))
}
