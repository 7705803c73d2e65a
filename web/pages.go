package web

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"strings"
	"sync"

	"github.com/infragame/infragame/report"
	"github.com/infragame/infragame/report/i18n"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed assets
var assetFS embed.FS

// templates holds one parsed template per page, each the layout plus the
// page's content block, parsed on first use (not in init: every command of
// the one binary would pay for it at start-up).
var templates = sync.OnceValue(func() map[string]*template.Template {
	base := template.Must(template.New("").ParseFS(templateFS, "templates/layout.html", "templates/doc.html"))
	names, _ := fs.Glob(templateFS, "templates/*.html")
	out := map[string]*template.Template{}
	for _, n := range names {
		name := strings.TrimSuffix(strings.TrimPrefix(n, "templates/"), ".html")
		if name == "layout" || name == "doc" {
			continue
		}
		out[name] = template.Must(template.Must(base.Clone()).ParseFS(templateFS, n))
	}
	return out
})

// navItem is a link of the navigation bar.
type navItem struct {
	Href, Label string
	Active      bool
}

// page is what the layout renders.
type page struct {
	L          i18n.Lang
	Lang       string
	LangTag    string
	OtherLang  string
	Title      string
	Nav        []navItem
	SwitchURL  string
	Version    string
	Provenance string
	Error      string
	Content    any
}

// navPages are the pages of the navigation bar: path and label key.
var navPages = []struct{ path, key string }{
	{"/", "web.nav.overview"},
	{"/data", "web.nav.data"},
	{"/finance", "web.nav.finance"},
	{"/tender", "web.nav.tender"},
	{"/contest", "web.nav.contest"},
	{"/game", "web.nav.game"},
	{"/auction", "web.nav.auction"},
	{"/coop", "web.nav.coop"},
	{"/lcc", "web.nav.lcc"},
	{"/sim", "web.nav.sim"},
	{"/sweep", "web.nav.sweep"},
	{"/api", "web.nav.api"},
}

// lang picks the page language: ?lang=, then Accept-Language, then English.
func lang(r *http.Request) i18n.Lang {
	if q := r.URL.Query().Get("lang"); q != "" {
		if l, err := i18n.ParseLang(q); err == nil {
			return l
		}
	}
	for _, part := range strings.Split(r.Header.Get("Accept-Language"), ",") {
		tag, _, _ := strings.Cut(strings.TrimSpace(part), ";")
		if l, err := i18n.ParseLang(tag); err == nil {
			return l
		}
	}
	return i18n.EN
}

// withLang returns the request's URL with lang set to l: the language
// toggle keeps every other input, so a shared link stays the same result.
func withLang(u *url.URL, l i18n.Lang) string {
	q := u.Query()
	q.Set("lang", string(l))
	return u.Path + "?" + q.Encode()
}

// link returns path with the page's language.
func link(l i18n.Lang, path string, kv ...string) string {
	q := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] != "" {
			q.Set(kv[i], kv[i+1])
		}
	}
	q.Set("lang", string(l))
	return path + "?" + q.Encode()
}

// newPage fills the layout for a request.
func (s *Server) newPage(r *http.Request, active, title string, content any) *page {
	l := lang(r)
	other := i18n.ZH
	if l == i18n.ZH {
		other = i18n.EN
	}
	tag := "en"
	if l == i18n.ZH {
		tag = "zh-Hans"
	}
	p := &page{L: l, Lang: string(l), LangTag: tag, OtherLang: string(other), Title: title,
		SwitchURL: withLang(r.URL, other), Version: s.cfg.Version, Provenance: s.cfg.Provenance, Content: content}
	for _, n := range navPages {
		p.Nav = append(p.Nav, navItem{Href: link(l, n.path), Label: l.T(n.key), Active: n.path == active})
	}
	return p
}

// render writes a page; a template error is a 500 problem.
func (s *Server) render(w http.ResponseWriter, status int, name string, p *page) {
	t, ok := templates()[name]
	if !ok {
		writeProblem(w, Problem{Type: "about:blank", Title: "Internal Server Error", Status: 500, Detail: "no template " + name})
		return
	}
	var b bytes.Buffer
	if err := t.ExecuteTemplate(&b, "layout", p); err != nil {
		s.logf("template %s: %v", name, err)
		writeProblem(w, Problem{Type: "about:blank", Title: "Internal Server Error", Status: 500, Detail: "page rendering failed"})
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(b.Bytes())
}

// renderError shows an error page: bad input is a 4xx with the reader's
// message (file, line, field), as on the command line.
func (s *Server) renderError(w http.ResponseWriter, r *http.Request, active string, err error) {
	p := problemFor(r, err)
	if p.Status >= 500 {
		s.logf("%s %s: %v", r.Method, r.URL.Path, err)
	}
	pg := s.newPage(r, active, p.Title, nil)
	pg.Error = p.Detail
	s.render(w, p.Status, "error", pg)
}

// docView is a report document as the page template shows it: charts as
// ECharts options.
type docView struct {
	Title, Subtitle string
	About           []report.KV
	AboutHeading    string
	SourcesHeading  string
	Footnotes       []string
	Sections        []sectionView
}

type sectionView struct {
	Heading    string
	Paragraphs []string
	Quotes     []string
	Figures    []figureView
	Tables     []tableView
}

type figureView struct {
	Title, Caption string
	// Option is the ECharts option as JSON (put in a data attribute).
	Option string
}

type cellView struct {
	Text, Href string
	Num        bool
	// Exact, when set, is the number behind a rounded cell as JSON writes
	// it (and so `--format json`): the table shows it in data-value.
	Exact string
}

type tableView struct {
	Title   string
	Columns []string
	Rows    [][]cellView
	Notes   []string
}

// viewDoc converts a report document for the page template.
func viewDoc(d *report.Document) (*docView, error) {
	v := &docView{Title: d.Title, Subtitle: d.Subtitle, About: d.About, AboutHeading: d.AboutHeading,
		SourcesHeading: d.SourcesHeading, Footnotes: d.Footnotes}
	for _, s := range d.Sections {
		sv := sectionView{Heading: s.Heading, Paragraphs: s.Paragraphs, Quotes: s.Quotes}
		for _, f := range s.Figures {
			fv, err := viewFigure(f.Chart, f.Caption)
			if err != nil {
				return nil, err
			}
			sv.Figures = append(sv.Figures, fv)
		}
		for _, t := range s.Tables {
			sv.Tables = append(sv.Tables, viewTable(t, nil))
		}
		v.Sections = append(v.Sections, sv)
	}
	return v, nil
}

// viewDocValues is viewDoc with the exact number behind every rounded
// numeric cell of its tables in the cell's data-value (the pages of jobs
// whose documents are long: /sim, /sweep), so a reader or a test reads
// the value the JSON document has, not the text rounded for reading.
func viewDocValues(d *report.Document) (*docView, error) {
	v, err := viewDoc(d)
	if err != nil {
		return nil, err
	}
	k := 0
	for _, s := range d.Sections {
		for ti, t := range s.Tables {
			tv := &v.Sections[k].Tables[ti]
			for r := range tv.Rows {
				for c := range tv.Rows[r] {
					if x, ok := t.Number(r, c); ok {
						b, err := json.Marshal(x)
						if err != nil {
							return nil, err
						}
						tv.Rows[r][c].Exact = string(b)
					}
				}
			}
		}
		k++
	}
	return v, nil
}

func viewFigure(c report.Chart, caption string) (figureView, error) {
	o, err := EChartsOption(c)
	if err != nil {
		return figureView{}, err
	}
	b, err := json.Marshal(o)
	if err != nil {
		return figureView{}, fmt.Errorf("web: chart option: %w", err)
	}
	title := ""
	if t, ok := o["title"].(map[string]any); ok {
		title, _ = t["text"].(string)
	}
	return figureView{Title: title, Caption: caption, Option: string(b)}, nil
}

// viewTable converts a table; href, when not nil, gives a link for a cell
// (row, column) or "".
func viewTable(t *report.Table, href func(row, col int) string) tableView {
	tv := tableView{Title: t.Title, Columns: t.Columns, Notes: t.Notes}
	for i, r := range t.Rows {
		row := make([]cellView, len(r))
		for j, c := range r {
			row[j] = cellView{Text: c, Num: report.LooksNumeric(c)}
			if href != nil {
				row[j].Href = href(i, j)
			}
		}
		tv.Rows = append(tv.Rows, row)
	}
	return tv
}

// pageRecorder keeps what a page handler writes, so a page can be cached.
type pageRecorder struct {
	h      http.Header
	status int
	body   bytes.Buffer
}

func (p *pageRecorder) Header() http.Header { return p.h }
func (p *pageRecorder) WriteHeader(code int) {
	if p.status == 0 {
		p.status = code
	}
}
func (p *pageRecorder) Write(b []byte) (int, error) {
	if p.status == 0 {
		p.status = http.StatusOK
	}
	return p.body.Write(b)
}

// cached serves a page whose content depends only on its URL, its language
// and the data from the page cache; successful renderings are kept until
// the data change.
func (s *Server) cached(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		key := string(lang(r)) + " " + r.URL.RequestURI()
		if b, ok := s.pageCache.get(key); ok {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Header().Set("Cache-Control", "no-store")
			_, _ = w.Write(b)
			return
		}
		rec := &pageRecorder{h: http.Header{}}
		h(rec, r)
		for k, v := range rec.h {
			w.Header()[k] = v
		}
		if rec.status == 0 {
			rec.status = http.StatusOK
		}
		if rec.status == http.StatusOK {
			s.pageCache.put(key, rec.body.Bytes())
		}
		w.WriteHeader(rec.status)
		_, _ = w.Write(rec.body.Bytes())
	}
}
