package web

import (
	"bytes"
	"net/http"
	"path"

	"github.com/infragame/infragame/internal/migrate"
)

// The migrate tools: `infragame lcc|tender|sim migrate FILE` as
// /migrate?kind=KIND (upload or paste an old file, read the notes, download
// the migrated file) and POST /api/v1/migrate/{kind} (the JSON document)
// and /api/v1/migrate/{kind}/file (the file itself).

func (s *Server) migrateRoutes() []route {
	return []route{
		{Method: "POST", Pattern: "/api/v1/migrate/{kind}", Summary: "Rewrite an old study, tender/case or scenario file's decimal rates and shares as _pct percentages: the migrated text and notes (infragame lcc|tender|sim migrate FILE)", Handle: s.apiMigrate},
		{Method: "POST", Pattern: "/api/v1/migrate/{kind}/file", Summary: "The migrated file itself, to download: byte for byte what infragame lcc|tender|sim migrate FILE prints", Raw: s.apiMigrateFile},
	}
}

// migrateInput reads a migrate request: the kind in the path or the query,
// the file (body, upload or pasted text in file_text) and its name
// (?name=, else the uploaded file's, else FILE.yaml), which prefixes the
// messages as the path does on the command line.
func migrateInput(r *http.Request, kind string) (migrate.Kind, string, []byte, error) {
	k, err := migrate.Lookup(kind)
	if err != nil {
		return migrate.Kind{}, "", nil, BadRequest("kind", err)
	}
	data, label, err := readUpload(r, "file")
	if err != nil {
		return migrate.Kind{}, "", nil, err
	}
	if label == "file" {
		// Text pasted in a browser's textarea comes with CRLF line ends
		// (HTML form submission); the file it stands for has LF, so the
		// migrated bytes are those of the command line.
		data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	}
	name := r.URL.Query().Get("name")
	if name == "" && r.MultipartForm != nil {
		name = r.FormValue("name")
	}
	if name == "" && r.MultipartForm != nil && r.MultipartForm.File["file"] != nil {
		name = label
	}
	if name == "" {
		name = "FILE.yaml"
	}
	name = path.Base(name)
	if !validImportName(name) {
		return migrate.Kind{}, "", nil, badRequestf("name", "name: a file name of letters, digits, . _ -, got %q", name)
	}
	return k, name, data, nil
}

func (s *Server) apiMigrate(r *http.Request) (any, error) {
	k, name, data, err := migrateInput(r, r.PathValue("kind"))
	if err != nil {
		return nil, err
	}
	res, err := k.File(name, data)
	if err != nil {
		return nil, BadRequest("file", err)
	}
	return res, nil
}

func (s *Server) apiMigrateFile(w http.ResponseWriter, r *http.Request) {
	k, name, data, err := migrateInput(r, r.PathValue("kind"))
	if err == nil {
		var res *migrate.Result
		if res, err = k.File(name, data); err == nil {
			w.Header().Set("Content-Type", "application/yaml; charset=utf-8")
			w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
			w.Header().Set("Cache-Control", "no-store")
			_, _ = w.Write([]byte(res.File))
			return
		}
		err = BadRequest("file", err)
	}
	writeProblem(w, problemFor(r, err))
}

type migrateView struct {
	Kinds  []string
	Kind   string
	Name   string
	Text   string
	Result *migrate.Result
	Link   string
}

// pageMigrate shows the form and, given a file (pasted: in the link;
// uploaded: posted), the notes, the migrated text and a button that
// downloads it.
func (s *Server) pageMigrate(w http.ResponseWriter, r *http.Request) {
	l := lang(r)
	q := r.URL.Query()
	v := migrateView{Kinds: migrate.Kinds(), Kind: q.Get("kind"), Name: q.Get("name"), Text: q.Get("file_text")}
	if v.Kind == "" {
		v.Kind = "tender"
	}
	if r.Method == http.MethodPost || v.Text != "" {
		k, name, data, err := migrateInput(r, v.Kind)
		if err == nil {
			v.Name, v.Text = name, string(data)
			if v.Result, err = k.File(name, data); err != nil {
				err = BadRequest("file", err)
			}
		}
		if err != nil {
			pg := s.newPage(r, "/migrate", l.T("web.migrate.title"), v)
			p := problemFor(r, err)
			pg.Error = p.Detail
			s.render(w, p.Status, "migrate", pg)
			return
		}
		if r.Method == http.MethodGet && len(v.Text) <= maxLinkInput {
			v.Link = r.URL.RequestURI()
		}
	}
	if v.Name == "" {
		v.Name = "FILE.yaml"
	}
	s.render(w, http.StatusOK, "migrate", s.newPage(r, "/migrate", l.T("web.migrate.title"), v))
}
