package web

import (
	"encoding/json"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/infragame/infragame/brief"
	"github.com/infragame/infragame/dataset"
	"github.com/infragame/infragame/report"
	"github.com/infragame/infragame/report/i18n"
)

// maxQueryField caps every query-string field of the dataset endpoints.
const maxQueryField = 200

// dataQuery is a dataset request: a search text or a kind with filters, as
// `infragame data search` and `infragame data list` take them.
type dataQuery struct {
	Q      string
	Kind   dataset.Kind
	Filter dataset.Filter
	Sort   string
}

// parseDataQuery reads the query string. kindRequired: the list endpoint
// needs a kind; the page defaults to projects when there is no search text.
func parseDataQuery(q url.Values, set *dataset.Set, kindRequired bool) (dataQuery, error) {
	for k, vs := range q {
		for _, v := range vs {
			if len(v) > maxQueryField {
				return dataQuery{}, badRequestf(k, "%s: longer than %d characters", k, maxQueryField)
			}
		}
	}
	d := dataQuery{Q: strings.TrimSpace(q.Get("q")), Sort: q.Get("sort")}
	f := dataset.Filter{Region: q.Get("region"), Sector: q.Get("sector"), Exporter: q.Get("exporter"),
		Host: q.Get("host"), Topic: q.Get("topic")}
	if y := q.Get("year"); y != "" {
		n, err := strconv.Atoi(y)
		if err != nil || n < 1800 || n > 2200 {
			return d, badRequestf("year", "year: want a year such as 2015, got %q", y)
		}
		f.Year = n
	}
	switch v := q.Get("flagged"); v {
	case "", "0", "false":
	case "1", "true", "on":
		f.Flagged = true
	default:
		return d, badRequestf("flagged", "flagged: want true or false, got %q", v)
	}
	if k := q.Get("kind"); k != "" {
		kind, err := dataset.ParseKind(k)
		if err != nil {
			return d, BadRequest("kind", err)
		}
		d.Kind = kind
	} else if kindRequired {
		return d, badRequestf("kind", "kind: required (fact, project, institution, strategy, event or fx)")
	}
	if err := f.Resolve(set); err != nil {
		return d, BadRequest("", err)
	}
	d.Filter = f
	return d, nil
}

// DefaultPageHits is how many search hits the dataset page shows unless
// ?limit= says otherwise (0: all), the default of `infragame data search`'s
// table.
const DefaultPageHits = 50

// search runs a dataset search, optionally kept to one kind, as `infragame
// data search` does.
func search(set *dataset.Set, q string, kind dataset.Kind) []dataset.Hit {
	return dataset.Hits(dataset.Search(set, q), kind)
}

// list selects and sorts records as `infragame data list` does (the filter
// was resolved by parseDataQuery).
func list(set *dataset.Set, d dataQuery) ([]dataset.Record, error) {
	recs, err := set.List(d.Kind, d.Filter, d.Sort)
	if err != nil {
		return nil, BadRequest("sort", err)
	}
	return recs, nil
}

func (s *Server) apiRecords(r *http.Request) (any, error) {
	set := s.snapshot().Set
	d, err := parseDataQuery(r.URL.Query(), set, true)
	if err != nil {
		return nil, err
	}
	return list(set, d)
}

func (s *Server) apiRecord(r *http.Request) (any, error) {
	id := r.PathValue("id")
	rec, ok := s.snapshot().Set.Get(id)
	if !ok {
		return nil, notFound("no record %q; GET /api/v1/search?q=… finds records", id)
	}
	return rec, nil
}

func (s *Server) apiSearch(r *http.Request) (any, error) {
	set := s.snapshot().Set
	q := r.URL.Query()
	text := strings.TrimSpace(q.Get("q"))
	if text == "" {
		return nil, badRequestf("q", "q: the search text is empty")
	}
	if len(text) > maxQueryField {
		return nil, badRequestf("q", "q: longer than %d characters", maxQueryField)
	}
	var kind dataset.Kind
	if k := q.Get("kind"); k != "" {
		var err error
		if kind, err = dataset.ParseKind(k); err != nil {
			return nil, BadRequest("kind", err)
		}
	}
	limit := 0
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return nil, badRequestf("limit", "limit: %q is not a number of hits (0 for all)", v)
		}
		limit = n
	}
	hits := search(set, text, kind)
	res := dataset.SearchResult{Total: len(hits), Hits: hits}
	if limit > 0 && limit < len(hits) {
		res.Hits = hits[:limit]
	}
	return res, nil
}

// recordName is a record's title in the page language (Chinese name when
// there is one).
func recordName(l i18n.Lang, r dataset.Record) string {
	title := dataset.Title(r)
	var zh string
	switch x := r.(type) {
	case *dataset.Project:
		zh = x.NameZh
	case *dataset.Institution:
		zh = x.NameZh
	case *dataset.Strategy:
		zh = x.NameZh
	case *dataset.Event:
		zh = x.TitleZh
	}
	return l.Name(title, zh)
}

type kindOption struct {
	Value, Label string
	Selected     bool
}

type dataView struct {
	Q     string
	F     dataset.Filter
	Kinds []kindOption
	Count int
	// Shown is how many of Count the table holds (a search shows the
	// best DefaultPageHits unless ?limit= says otherwise, as `infragame
	// data search` does); AllHref is the same page with every hit.
	Shown   int
	AllHref string
	// Pager is set when a list without a query has more records than a
	// page holds.
	Pager    *pager
	Table    tableView
	JSONHref string
	// ExportHref is GET /api/v1/export with the page's query (without
	// format); CSV is offered when the page shows one kind.
	ExportHref string
	CSV        bool
}

// DefaultPageRecords is how many records the dataset page lists (without
// a query) on one page unless ?per= says otherwise (0: all): the embedded
// data fits on one page, a store with an AidData import of 21,000 projects
// takes 42 instead of one page the browser takes seconds to lay out.
const DefaultPageRecords = 500

// pager is one page of a list of Total records: records From to To
// (0-based, To exclusive; First is From+1 for the page) of page Page of
// Pages, with the same page's query for the previous and the next page (""
// at either end).
type pager struct {
	From, To, First, Total, Page, Pages int
	PrevHref, NextHref                  string
}

// parsePage reads ?page= (from 1) and ?per= (records a page, 0 for all)
// for a list of n records. It returns nil when every record fits on the
// page; a page past the last is an error naming the last.
func parsePage(q url.Values, n int) (*pager, error) {
	per, page := DefaultPageRecords, 1
	if v := q.Get("per"); v != "" {
		k, err := strconv.Atoi(v)
		if err != nil || k < 0 {
			return nil, badRequestf("per", "per: %q is not a number of records a page (0 for all)", v)
		}
		per = k
	}
	if v := q.Get("page"); v != "" {
		k, err := strconv.Atoi(v)
		if err != nil || k < 1 {
			return nil, badRequestf("page", "page: %q is not a page number (from 1)", v)
		}
		page = k
	}
	pg := &pager{To: n, Total: n, Page: 1, Pages: 1}
	if per == 0 || n <= per {
		if page > 1 {
			return nil, badRequestf("page", "page: %d is past the last page (1)", page)
		}
		return pg, nil
	}
	pg.Pages = (n + per - 1) / per
	if page > pg.Pages {
		return nil, badRequestf("page", "page: %d is past the last page (%d)", page, pg.Pages)
	}
	pg.Page, pg.From, pg.To = page, (page-1)*per, min(page*per, n)
	pg.First = pg.From + 1
	href := func(p int) string {
		q2 := url.Values{}
		for k, v := range q {
			q2[k] = v
		}
		q2.Set("page", strconv.Itoa(p))
		return "/data?" + q2.Encode()
	}
	if page > 1 {
		pg.PrevHref = href(page - 1)
	}
	if page < pg.Pages {
		pg.NextHref = href(page + 1)
	}
	return pg, nil
}

func (s *Server) pageData(w http.ResponseWriter, r *http.Request) {
	l := lang(r)
	set := s.snapshot().Set
	d, err := parseDataQuery(r.URL.Query(), set, false)
	if err != nil {
		s.renderError(w, r, "/data", err)
		return
	}
	v := dataView{Q: d.Q, F: d.Filter}
	v.Kinds = append(v.Kinds, kindOption{Value: "", Label: l.T("web.data.any"), Selected: d.Kind == ""})
	for _, k := range dataset.Kinds {
		v.Kinds = append(v.Kinds, kindOption{Value: string(k), Label: string(k), Selected: d.Kind == k})
	}
	t := &report.Table{Columns: []string{l.T("web.data.id"), l.T("web.data.kind"), l.T("web.data.name"), l.T("web.data.match")}}
	var ids []string
	count := 0
	if d.Q != "" {
		limit := DefaultPageHits
		if v := r.URL.Query().Get("limit"); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 {
				s.renderError(w, r, "/data", badRequestf("limit", "limit: %q is not a number of hits (0 for all)", v))
				return
			}
			limit = n
		}
		hits := search(set, d.Q, d.Kind)
		for _, h := range hits {
			if !d.Filter.Match(h.Record) {
				continue
			}
			count++
			if limit > 0 && len(ids) == limit {
				continue
			}
			t.AddRow(h.ID, string(h.Kind), recordName(l, h.Record), h.Excerpt)
			ids = append(ids, h.ID)
		}
		if count > len(ids) {
			all := r.URL.Query()
			all.Set("limit", "0")
			v.AllHref = "/data?" + all.Encode()
		}
		v.JSONHref = "/api/v1/search?" + url.Values{"q": {d.Q}, "kind": {string(d.Kind)}}.Encode()
	} else {
		if d.Kind == "" {
			d.Kind = dataset.KindProject
			v.Kinds[0].Selected = false
			for i := range v.Kinds {
				v.Kinds[i].Selected = v.Kinds[i].Value == string(d.Kind)
			}
		}
		recs, err := list(set, d)
		if err != nil {
			s.renderError(w, r, "/data", err)
			return
		}
		pg, err := parsePage(r.URL.Query(), len(recs))
		if err != nil {
			s.renderError(w, r, "/data", err)
			return
		}
		count = len(recs)
		v.Pager = pg
		for _, rec := range recs[pg.From:pg.To] {
			b := rec.Base()
			t.AddRow(b.ID, string(rec.RecordKind()), recordName(l, rec), clip(b.Source, 80))
			ids = append(ids, b.ID)
		}
		q := r.URL.Query()
		q.Del("lang")
		q.Set("kind", string(d.Kind))
		v.JSONHref = "/api/v1/records?" + q.Encode()
	}
	eq := r.URL.Query()
	eq.Del("lang")
	if d.Kind != "" {
		eq.Set("kind", string(d.Kind))
	}
	v.ExportHref, v.CSV = "/api/v1/export?"+eq.Encode(), d.Kind != ""
	v.Count, v.Shown = count, len(ids)
	v.Table = viewTable(t, func(row, col int) string {
		if col == 0 || col == 2 {
			return link(l, "/data/"+url.PathEscape(ids[row]))
		}
		return ""
	})
	s.render(w, http.StatusOK, "data", s.newPage(r, "/data", l.T("web.nav.data"), v))
}

type recordView struct {
	ID, Kind, Title, Source, Quote, Flags string
	Fields                                tableView
}

func (s *Server) pageRecord(w http.ResponseWriter, r *http.Request) {
	l := lang(r)
	id := r.PathValue("id")
	rec, ok := s.snapshot().Set.Get(id)
	if !ok {
		s.renderError(w, r, "/data", notFound("no record %q", id))
		return
	}
	b := rec.Base()
	v := recordView{ID: b.ID, Kind: string(rec.RecordKind()), Title: recordName(l, rec), Source: b.Source, Quote: b.Quote,
		Flags: strings.Join(b.Flags, ", ")}
	if b.Note != "" && v.Flags != "" {
		v.Flags += ": " + b.Note
	}
	fields, err := recordFields(rec)
	if err != nil {
		s.renderError(w, r, "/data", err)
		return
	}
	t := &report.Table{Columns: []string{l.T("web.data.fields"), ""}}
	for _, kv := range fields {
		t.AddRow(kv.Key, kv.Value)
	}
	v.Fields = viewTable(t, nil)
	s.render(w, http.StatusOK, "record", s.newPage(r, "/data", v.Title, v))
}

// recordFields lists a record's JSON fields (nested values as compact
// JSON), sorted by name, without those the page shows on their own.
func recordFields(rec dataset.Record) ([]report.KV, error) {
	b, err := json.Marshal(rec)
	if err != nil {
		return nil, err
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, err
	}
	var out []report.KV
	for k, raw := range m {
		switch k {
		case "id", "source", "quote":
			continue
		}
		var s string
		if json.Unmarshal(raw, &s) == nil {
			out = append(out, report.KV{Key: k, Value: s})
			continue
		}
		out = append(out, report.KV{Key: k, Value: string(raw)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out, nil
}

// clip shortens s to n runes with an ellipsis.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// apiDataSummary is `infragame data summary --format json`: the records
// counted by kind, region, sector and exporter, with the seed's headline
// series (brief.Compute).
func (s *Server) apiDataSummary(*http.Request) (any, error) {
	b, err := brief.Compute(s.snapshot().Set)
	if err != nil {
		return nil, err
	}
	return b.Summary(), nil
}

// pageDataSummary shows the document of `data summary` as tables.
func (s *Server) pageDataSummary(w http.ResponseWriter, r *http.Request) {
	l := lang(r)
	doc, err := s.apiDataSummary(r)
	if err != nil {
		s.renderError(w, r, "/data", err)
		return
	}
	res, err := resultHTMLUnits(doc, l)
	if err != nil {
		s.renderError(w, r, "/data", err)
		return
	}
	v := engineView{Form: engineForm{TitleKey: "web.data.summary", IntroKey: "web.data.summaryintro",
		CLI: "infragame data summary --format json", API: "GET /api/v1/data/summary"}, Result: res, HasResult: true}
	s.render(w, http.StatusOK, "datasummary", s.newPage(r, "/data", l.T("web.data.summary"), v))
}
