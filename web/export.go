package web

import (
	"bytes"
	"net/http"

	"github.com/infragame/infragame/dataset"
	"github.com/infragame/infragame/publish"
	"github.com/infragame/infragame/report"
)

// exportSelection reads the query of GET /api/v1/export: the dataset
// explorer's filters (q, kind, region, sector, exporter, host, year,
// topic, flagged, sort) and format. With no filter it is the selection of
// `infragame data export [--kind K]`; with filters, the records the
// explorer shows for the same query.
func (s *Server) exportSelection(r *http.Request) (*dataset.Export, report.Format, error) {
	set := s.snapshot().Set
	q := r.URL.Query()
	d, err := parseDataQuery(q, set, false)
	if err != nil {
		return nil, "", err
	}
	format := report.Format(q.Get("format"))
	switch format {
	case "":
		format = report.FormatJSON
	case report.FormatJSON, report.FormatXLSX:
	case report.FormatCSV:
		if d.Kind == "" {
			return nil, "", badRequestf("kind", "kind: format=csv writes one kind (fact, project, institution, strategy, event or fx); the command line writes one file per kind with --out DIR")
		}
	default:
		return nil, "", badRequestf("format", "format: want json, csv or xlsx, got %q", format)
	}
	var kinds []dataset.Kind
	if d.Kind != "" {
		kinds = []dataset.Kind{d.Kind}
	}
	if d.Q == "" && d.Kind != "" && d.Sort != "" { // the explorer's order
		recs, err := list(set, d)
		if err != nil {
			return nil, "", err
		}
		return &dataset.Export{Kinds: kinds, Records: map[dataset.Kind][]dataset.Record{d.Kind: recs}}, format, nil
	}
	keep := d.Filter.Match
	if d.Q != "" {
		hit := map[string]bool{}
		for _, h := range search(set, d.Q, d.Kind) {
			hit[h.ID] = true
		}
		keep = func(r dataset.Record) bool { return hit[r.Base().ID] && d.Filter.Match(r) }
	}
	return dataset.NewExport(set, kinds, keep), format, nil
}

// apiExport answers with the selected records as a file to download: the
// bytes of `infragame data export --format json|csv|xlsx [--kind K]`
// (JSON: {"version", "facts", "projects", …}; CSV: one kind, every field;
// XLSX: a sheet per kind and the sources).
func (s *Server) apiExport(w http.ResponseWriter, r *http.Request) {
	fail := func(err error) {
		p := problemFor(r, err)
		if p.Status >= 500 {
			s.logf("%s %s: %v", r.Method, r.URL.Path, err)
		}
		writeProblem(w, p)
	}
	e, format, err := s.exportSelection(r)
	if err != nil {
		fail(err)
		return
	}
	var buf bytes.Buffer
	name := "infragame-dataset"
	if len(e.Kinds) == 1 {
		name = "infragame-" + e.Kinds[0].Plural()
	}
	var ct string
	switch format {
	case report.FormatJSON:
		ct, err = "application/json", report.WriteJSON(&buf, e.Document(s.cfg.Version))
	case report.FormatCSV:
		ct, err = "text/csv; charset=utf-8", e.WriteCSV(&buf, e.Kinds[0])
	case report.FormatXLSX:
		var tables []*report.Table
		if tables, err = publish.DatasetTables(e); err == nil {
			wb := &report.Workbook{About: report.About{Command: "infragame data export --format xlsx", Version: s.cfg.Version}}
			wb.Add(tables...)
			ct = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
			_, err = wb.WriteTo(&buf)
		}
	}
	if err != nil {
		fail(err)
		return
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+"."+string(format)+`"`)
	_, _ = w.Write(buf.Bytes())
}
