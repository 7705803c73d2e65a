package web

import (
	"context"
	"fmt"
	"io/fs"
	"net/http"
	"net/url"
	"strconv"

	"github.com/infragame/infragame/contest"
	"github.com/infragame/infragame/publish"
	"github.com/infragame/infragame/report"
	"github.com/infragame/infragame/report/i18n"
	"github.com/infragame/infragame/tender"
)

// apiRoutes lists every API endpoint; openapi.json documents each one.
func (s *Server) apiRoutes() []route {
	rs := []route{
		{Method: "GET", Pattern: "/api/v1/version", Summary: "Version and data provenance", Handle: s.apiVersion},
		{Method: "GET", Pattern: "/api/v1/records", Summary: "Records of one kind with filters (infragame data list)", Handle: s.apiRecords, Cache: true},
		{Method: "GET", Pattern: "/api/v1/records/{id}", Summary: "One record (infragame data show)", Handle: s.apiRecord, Cache: true},
		{Method: "GET", Pattern: "/api/v1/data/summary", Summary: "Records counted by kind, region, sector and exporter, with the headline series (infragame data summary)", Handle: s.apiDataSummary, Cache: true},
		{Method: "GET", Pattern: "/api/v1/export", Summary: "The records, or those a filter or search selects, as a JSON, CSV or XLSX file to download (infragame data export)", Raw: s.apiExport},
		{Method: "GET", Pattern: "/api/v1/search", Summary: "Search the records (infragame data search)", Handle: s.apiSearch, Cache: true},
		{Method: "GET", Pattern: "/api/v1/cases", Summary: "The case library", Handle: s.apiCases, Cache: true},
		{Method: "GET", Pattern: "/api/v1/contest", Summary: "Compete or cooperate in every case with a contest block", Handle: s.apiContest, Cache: true},
		{Method: "GET", Pattern: "/api/v1/reports/brief", Summary: "The brief as a report document (infragame report brief)", Handle: s.apiBriefReport, Cache: true},
		{Method: "POST", Pattern: "/api/v1/reports/case", Summary: "An uploaded case file as a report document (infragame report case FILE)", Handle: s.apiCaseUpload},
		{Method: "GET", Pattern: "/api/v1/reports/case/{id}", Summary: "One case as a report document (infragame report case)", Handle: s.apiCaseReport, Cache: true},
	}
	rs = append(rs, route{Method: "POST", Pattern: "/api/v1/imports", Summary: "Import a file of records into the store (infragame data import); needs --allow-writes and the bearer token", Write: true, Handle: s.apiImport})
	rs = append(rs, route{Method: "GET", Pattern: "/api/v1/contest/{id}/map", Summary: "Where cooperation pays in one case: the verdict over consortium cost saving × host bargaining power (infragame contest map case:ID)", Handle: s.apiContestMap, Cache: true})
	rs = append(rs, s.simRoutes()...)
	rs = append(rs, s.sweepRoutes()...)      // sweep.go
	rs = append(rs, s.financeRoutes()...)    // api_finance.go
	rs = append(rs, s.tenderRoutes()...)     // api_tender.go
	rs = append(rs, s.tenderToolRoutes()...) // tendertools.go
	rs = append(rs, s.engineRoutes()...)
	rs = append(rs, s.migrateRoutes()...) // migrate.go
	rs = append(rs, s.slurmRoutes()...)   // slurm.go
	rs = append(rs, s.reportRoutes()...)  // reportdownloads.go
	return rs
}

// pages registers the HTML pages, the assets and the OpenAPI document.
func (s *Server) pages() {
	sub, _ := fs.Sub(assetFS, "assets")
	assets := http.StripPrefix("/assets/", http.FileServer(http.FS(sub)))
	s.mux.Handle("GET /assets/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=3600")
		assets.ServeHTTP(w, r)
	}))
	s.mux.HandleFunc("GET /api/openapi.json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(openAPIDocument)
	})
	s.mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte("ok\n")) })
	s.mux.HandleFunc("GET /{$}", s.deadline(s.cached(s.pageOverview)))
	s.mux.HandleFunc("GET /data", s.deadline(s.cached(s.pageData)))
	s.mux.HandleFunc("GET /data/{id}", s.deadline(s.cached(s.pageRecord)))
	s.mux.HandleFunc("GET /data/summary", s.deadline(s.cached(s.pageDataSummary)))
	s.mux.HandleFunc("GET /tender", s.deadline(s.cached(s.pageTender)))
	s.mux.HandleFunc("GET /tender/{id}", s.deadline(s.cached(s.pageCase)))
	s.mux.HandleFunc("POST /tender", s.deadline(s.pageCaseUpload))
	s.mux.HandleFunc("GET /tender/{id}/map", s.deadline(s.cached(s.pageTenderMap)))
	s.mux.HandleFunc("GET /tender/backtest", s.deadline(s.cached(s.pageTenderBacktest)))
	s.mux.HandleFunc("POST /tender/backtest", s.deadline(s.pageTenderBacktest))
	s.mux.HandleFunc("POST /tender/map", s.deadline(s.pageTenderMap))
	s.mux.HandleFunc("GET /contest", s.deadline(s.cached(s.pageContest)))
	s.mux.HandleFunc("GET /contest/{id}", s.deadline(s.cached(s.pageContestCase)))
	s.mux.HandleFunc("GET /sim", s.deadline(s.pageSim))
	s.mux.HandleFunc("GET /sim/compare", s.deadline(s.pageSimCompare))
	s.mux.HandleFunc("GET /sim/calibrate", s.deadline(s.pageSimCalibrate))
	s.mux.HandleFunc("GET /sweep", s.deadline(s.pageSweep))
	s.mux.HandleFunc("POST /sweep", s.deadline(s.pageSweep))
	s.mux.HandleFunc("GET /finance", s.deadline(s.cached(s.pageFinance)))
	s.mux.HandleFunc("POST /finance", s.deadline(s.pageFinance))
	s.mux.HandleFunc("GET /finance/surface", s.deadline(s.cached(s.pageFinanceSurface)))
	s.mux.HandleFunc("GET /api", s.cached(s.pageAPI))
	s.mux.HandleFunc("GET /tender/{id}/breakeven", s.deadline(s.cached(s.pageTenderBreakEven)))
	s.mux.HandleFunc("GET /tender/{id}/evaluate", s.deadline(s.cached(s.pageTenderEvaluate)))
	s.mux.HandleFunc("GET /game/random", s.deadline(s.cached(s.pageGameRandom)))
	s.mux.HandleFunc("GET /game/from-case", s.deadline(s.cached(s.pageGameFromCase)))
	s.enginePages()
	s.mux.HandleFunc("GET /data/import", s.pageImport)
	s.mux.HandleFunc("GET /migrate", s.deadline(s.pageMigrate))
	s.mux.HandleFunc("POST /migrate", s.deadline(s.pageMigrate))
	s.mux.HandleFunc("GET /sweep/slurm", s.deadline(s.pageSlurm))
	// Anything else under /api/ is a JSON 404, elsewhere an HTML one.
	s.mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		writeProblem(w, problemFor(r, notFound("no endpoint %s %s; GET /api/openapi.json lists them", r.Method, r.URL.Path)))
	})
	s.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.renderError(w, r, "", notFound("no page %s", r.URL.Path))
	})
}

// deadline runs a page under the compute deadline, as the API's
// endpoints are ([Config.ComputeTimeout]); a page whose computation passes
// it is a 503 with the reason.
func (s *Server) deadline(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), s.cfg.ComputeTimeout)
		defer cancel()
		h(w, r.WithContext(ctx))
	}
}

// Version is the API's /version document.
type Version struct {
	Version    string `json:"version"`
	Provenance string `json:"provenance"`
	Records    int    `json:"records"`
	Cases      int    `json:"cases"`
	Writes     bool   `json:"writes"`
}

func (s *Server) apiVersion(*http.Request) (any, error) {
	d := s.snapshot()
	return Version{Version: s.cfg.Version, Provenance: s.cfg.Provenance, Records: d.Set.Len(), Cases: len(d.Cases), Writes: s.cfg.AllowWrites}, nil
}

// meta is the report metadata of a page or API report in language l.
func (s *Server) meta(l i18n.Lang, command string) publish.Meta {
	return publish.Meta{Lang: l, Version: s.cfg.Version, Command: command, Provenance: publish.Provenance(l, s.snapshot().Set)}
}

// apiLang reads ?lang= of an API request (default English).
func apiLang(r *http.Request) (i18n.Lang, error) {
	v := r.URL.Query().Get("lang")
	if v == "" {
		return i18n.EN, nil
	}
	l, err := i18n.ParseLang(v)
	if err != nil {
		return "", BadRequest("lang", err)
	}
	return l, nil
}

func (s *Server) briefDoc(ctx context.Context, l i18n.Lang) (*report.Document, error) {
	d := s.snapshot()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return publish.Brief(publish.BriefInput{Set: d.Set, Cases: d.Cases}, s.meta(l, "infragame report brief"))
}

func (s *Server) apiBriefReport(r *http.Request) (any, error) {
	l, err := apiLang(r)
	if err != nil {
		return nil, err
	}
	return s.briefDoc(r.Context(), l)
}

func (s *Server) pageOverview(w http.ResponseWriter, r *http.Request) {
	l := lang(r)
	doc, err := s.briefDoc(r.Context(), l)
	if err != nil {
		s.renderError(w, r, "/", err)
		return
	}
	v, err := viewDoc(doc)
	if err != nil {
		s.renderError(w, r, "/", err)
		return
	}
	s.render(w, http.StatusOK, "overview", s.newPage(r, "/", l.T("web.nav.overview"), v))
}

// caseFile finds a library case by id.
func (s *Server) caseFile(id string) (*tender.File, error) {
	for _, f := range s.snapshot().Cases {
		if f.ID == id {
			return f, nil
		}
	}
	return nil, notFound("no case %q; GET /api/v1/cases lists them", id)
}

// CaseEntry is one case of the library as /api/v1/cases lists it.
type CaseEntry struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Country string `json:"country"`
	Year    int    `json:"year"`
	Winner  string `json:"winner,omitempty"`
	Contest bool   `json:"contest"`
}

func (s *Server) caseEntries() []CaseEntry {
	out := []CaseEntry{}
	for _, f := range s.snapshot().Cases {
		e := CaseEntry{ID: f.ID, Name: f.Name, Country: f.Country, Year: f.Year, Contest: f.Contest != nil}
		if f.Outcome != nil {
			e.Winner = f.Outcome.Winner
		}
		out = append(out, e)
	}
	return out
}

func (s *Server) apiCases(*http.Request) (any, error) { return s.caseEntries(), nil }

func tornadoFrac(r *http.Request) (float64, error) {
	v := r.URL.Query().Get("tornado")
	if v == "" {
		return 0.2, nil
	}
	x, err := strconv.ParseFloat(v, 64)
	if err != nil || !(x > 0 && x < 100) {
		return 0, badRequestf("tornado", "tornado: want a percentage between 0 and 100 (20 = ±20 %%), got %q", v)
	}
	return x / 100, nil
}

// maxBreakEvens caps ?breakevens= (each is a root search over the case).
const maxBreakEvens = 10

// caseOptions reads the options of `infragame report case`: ?tornado=
// (percent, default 20) and ?breakevens= (default 3, as the CLI's
// --breakevens).
func caseOptions(r *http.Request) (publish.CaseOptions, error) {
	frac, err := tornadoFrac(r)
	if err != nil {
		return publish.CaseOptions{}, err
	}
	n := 3
	if v := r.URL.Query().Get("breakevens"); v != "" {
		if n, err = strconv.Atoi(v); err != nil || n < 0 || n > maxBreakEvens {
			return publish.CaseOptions{}, badRequestf("breakevens", "breakevens: want 0 to %d inputs, got %q", maxBreakEvens, v)
		}
	}
	return publish.CaseOptions{TornadoFrac: frac, BreakEvens: n}, nil
}

func (s *Server) caseDoc(r *http.Request, id string, l i18n.Lang) (*report.Document, error) {
	f, err := s.caseFile(id)
	if err != nil {
		return nil, err
	}
	opt, err := caseOptions(r)
	if err != nil {
		return nil, err
	}
	return publish.Case(f, opt, s.meta(l, "infragame report case case:"+id))
}

func (s *Server) apiCaseReport(r *http.Request) (any, error) {
	l, err := apiLang(r)
	if err != nil {
		return nil, err
	}
	return s.caseDoc(r, r.PathValue("id"), l)
}

type docPage struct {
	Intro  string
	Links  []navItem
	Upload *uploadForm
	Doc    *docView
}

// uploadForm is a form that posts a file (or pasted text) to Action.
type uploadForm struct {
	Action, Field, Label, Example string
}

func (s *Server) pageTender(w http.ResponseWriter, r *http.Request) {
	l := lang(r)
	t := &report.Table{Columns: []string{l.T("web.data.id"), l.T("web.data.name"), l.T("web.data.host"), l.T("web.data.year"), l.T("web.tender.winner")}}
	entries := s.caseEntries()
	for _, e := range entries {
		t.AddRow(e.ID, e.Name, e.Country, e.Year, e.Winner)
	}
	tv := viewTable(t, func(row, col int) string {
		if col <= 1 {
			return link(l, "/tender/"+url.PathEscape(entries[row].ID))
		}
		return ""
	})
	v := docPage{Intro: l.T("web.tender.intro"), Links: []navItem{{Href: "/tender/backtest?lang=" + string(l), Label: l.T("web.tender.backtest")}, {Href: "/migrate?kind=tender&lang=" + string(l), Label: l.T("web.tools.migrate")}}, Upload: &uploadForm{Action: "/tender?lang=" + string(l), Field: "case", Label: l.T("web.tender.upload"), Example: "cases/*.yaml"},
		Doc: &docView{Title: l.T("web.tender.cases"), Sections: []sectionView{{Tables: []tableView{tv}}}}}
	s.render(w, http.StatusOK, "document", s.newPage(r, "/tender", l.T("web.nav.tender"), v))
}

func (s *Server) pageCase(w http.ResponseWriter, r *http.Request) {
	l := lang(r)
	id := r.PathValue("id")
	doc, err := s.caseDoc(r, id, l)
	if err != nil {
		s.renderError(w, r, "/tender", err)
		return
	}
	v, err := viewDoc(doc)
	if err != nil {
		s.renderError(w, r, "/tender", err)
		return
	}
	links := []navItem{{Href: "/tender/" + url.PathEscape(id) + "/map?lang=" + string(l), Label: l.T("web.tender.map")},
		{Href: "/tender/" + url.PathEscape(id) + "/breakeven?lang=" + string(l), Label: l.T("web.breakeven.title")},
		{Href: "/tender/" + url.PathEscape(id) + "/evaluate?lang=" + string(l), Label: l.T("web.evaluate.title")},
		{Href: "/api/v1/reports/case/" + url.PathEscape(id) + "?lang=" + string(l), Label: l.T("web.download.json")}}
	s.render(w, http.StatusOK, "document", s.newPage(r, "/tender", doc.Title, docPage{Intro: l.T("web.tender.intro"), Links: links, Doc: v}))
}

func (s *Server) contestRows() ([]contest.CaseSummary, error) {
	return contest.Summarize(s.snapshot().Cases, tender.DefaultRule)
}

func (s *Server) apiContest(*http.Request) (any, error) { return s.contestRows() }

func (s *Server) pageContest(w http.ResponseWriter, r *http.Request) {
	l := lang(r)
	rows, err := s.contestRows()
	if err != nil {
		s.renderError(w, r, "/contest", err)
		return
	}
	fig, err := viewFigure(publish.ContestChart(l, rows), "")
	if err != nil {
		s.renderError(w, r, "/contest", err)
		return
	}
	t := &report.Table{Columns: []string{l.T("web.tender.case"), "A", "B", "π_A", "π_B", "host (compete)", "joint π", "host (cooperate)", "pays both", "max host power", "min synergy"}}
	for _, c := range rows {
		t.AddRow(c.Case, c.Exporters[0], c.Exporters[1], fmt.Sprintf("%.0f", c.Competitive[0]), fmt.Sprintf("%.0f", c.Competitive[1]),
			fmt.Sprintf("%.0f", c.HostCompetitive), fmt.Sprintf("%.0f", c.JointProfit), fmt.Sprintf("%.0f", c.HostCooperative),
			map[bool]string{true: l.T("yes"), false: l.T("no")}[c.PaysBoth], pctf(c.MaxHostPowerPct), pctf(c.MinSynergyPct))
	}
	t.Notes = []string{"USD m. " + l.T("web.contest.intro")}
	tv := viewTable(t, func(row, col int) string {
		if col == 0 {
			return link(l, "/contest/"+url.PathEscape(rows[row].Case))
		}
		return ""
	})
	v := docPage{Intro: l.T("web.contest.intro"), Links: []navItem{{Href: "/api/v1/contest", Label: l.T("web.download.json")}},
		Doc: &docView{Title: l.T("web.nav.contest"), Sections: []sectionView{{Figures: []figureView{fig}, Tables: []tableView{tv}}}}}
	s.render(w, http.StatusOK, "document", s.newPage(r, "/contest", l.T("web.nav.contest"), v))
}

// pctf writes a percentage with one decimal and its sign, or a dash.
func pctf(x *float64) string {
	if x == nil {
		return "–"
	}
	return fmt.Sprintf("%.1f %%", *x)
}

func (s *Server) pageAPI(w http.ResponseWriter, r *http.Request) {
	l := lang(r)
	t := &report.Table{Columns: []string{"method", "path", ""}}
	for _, rt := range s.routes {
		t.AddRow(rt.Method, rt.Pattern, rt.Summary)
	}
	tv := viewTable(t, nil)
	v := docPage{Intro: l.T("web.api.intro"), Links: []navItem{{Href: "/api/openapi.json", Label: "OpenAPI 3.1"}},
		Doc: &docView{Title: l.T("web.nav.api"), Sections: []sectionView{{Tables: []tableView{tv}}}}}
	s.render(w, http.StatusOK, "document", s.newPage(r, "/api", l.T("web.nav.api"), v))
}

// Routes lists the API's operations as "METHOD /path" (the patterns of
// openapi.json).
func Routes() []string {
	var s Server
	var out []string
	for _, r := range s.apiRoutes() {
		out = append(out, r.Method+" "+r.Pattern)
	}
	return out
}
