package web

import (
	"bytes"
	"errors"
	"net/http"
	"path"
	"strings"

	"github.com/infragame/infragame/finance"
	"github.com/infragame/infragame/finance/financedoc"
	"github.com/infragame/infragame/publish"
	"github.com/infragame/infragame/report"
)

// The report downloads: `infragame report finance FILE` and `infragame
// report sweep RESULT` as HTML files, the same bytes as the command line
// writes for the same input, name and --lang (the report states its
// command: infragame report finance NAME --lang L).

func (s *Server) reportRoutes() []route {
	return []route{
		{Method: "POST", Pattern: "/api/v1/reports/finance", Summary: "A financing comparison file as the HTML report (infragame report finance FILE --lang L), to download", Raw: s.apiFinanceReport},
		{Method: "GET", Pattern: "/api/v1/sweep/jobs/{id}/report", Summary: "A finished sweep job's analysis as the HTML report (infragame report sweep RESULT --lang L), to download", Raw: s.apiSweepReport},
	}
}

// reportName reads ?name=, the file name the report names as its input
// (the command line's argument), defaulting to def.
func reportName(r *http.Request, def string) (string, error) {
	name := r.URL.Query().Get("name")
	if name == "" {
		name = def
	}
	name = path.Base(name)
	if !validImportName(name) {
		return "", badRequestf("name", "name: a file name of letters, digits, . _ -, got %q", name)
	}
	return name, nil
}

// writeReportHTML writes d as the command line's writeReport does, as an
// attachment named after the input.
func writeReportHTML(w http.ResponseWriter, r *http.Request, d *report.Document, name string) {
	var b bytes.Buffer
	if err := d.WriteHTML(&b); err != nil {
		writeProblem(w, problemFor(r, err))
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+strings.TrimSuffix(name, path.Ext(name))+`-report.html"`)
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write(b.Bytes())
}

// financeReportDoc is `infragame report finance NAME --lang L` on the
// uploaded comparison file (form field offers, or the body).
func (s *Server) financeReportDoc(r *http.Request) (*report.Document, string, error) {
	l, err := apiLang(r)
	if err != nil {
		return nil, "", err
	}
	opt, err := allowUnusual(r)
	if err != nil {
		return nil, "", err
	}
	data, label, err := readUpload(r, "offers")
	if err != nil {
		return nil, "", err
	}
	if label == "offers" || label == "request body" {
		label = "offers.yaml"
	}
	if r.MultipartForm != nil && r.FormValue("name") != "" && r.URL.Query().Get("name") == "" {
		label = r.FormValue("name")
	}
	name, err := reportName(r, label)
	if err != nil {
		return nil, "", err
	}
	fx, err := s.fx()
	if err != nil {
		return nil, "", err
	}
	res, err := financedoc.CompareFile(name, data, opt, financedoc.CompareOverrides{}, fx, finance.FXTable{})
	if err != nil {
		return nil, "", BadRequest("offers", err)
	}
	m := publish.Meta{Lang: l, Version: s.cfg.Version, Command: "infragame report finance " + name + " --lang " + string(l),
		Provenance: "offer file " + name + "; exchange rates: dataset, file, --fx"}
	return publish.FinanceReport(res, m), name, nil
}

func (s *Server) apiFinanceReport(w http.ResponseWriter, r *http.Request) {
	d, name, err := s.financeReportDoc(r)
	if err != nil {
		writeProblem(w, problemFor(r, err))
		return
	}
	writeReportHTML(w, r, d, name)
}

// apiSweepReport is `infragame report sweep NAME --lang L` on a finished
// job's analysis, NAME (?name=, default the spec's name + .csv) standing
// for the merged result the command line reads.
func (s *Server) apiSweepReport(w http.ResponseWriter, r *http.Request) {
	d, name, err := s.sweepReportDoc(r)
	if err != nil {
		writeProblem(w, problemFor(r, err))
		return
	}
	writeReportHTML(w, r, d, name)
}

func (s *Server) sweepReportDoc(r *http.Request) (*report.Document, string, error) {
	l, err := apiLang(r)
	if err != nil {
		return nil, "", err
	}
	out, err := s.sweepOutcomeOf(r.PathValue("id"))
	if err != nil {
		return nil, "", err
	}
	if out == nil || out.Analysis == nil {
		return nil, "", &inputError{status: http.StatusConflict, err: errNoAnalysis}
	}
	def := out.Spec.Name
	if def == "" {
		def = "sweep"
	}
	name, err := reportName(r, def+".csv")
	if err != nil {
		return nil, "", err
	}
	m := publish.Meta{Lang: l, Version: s.cfg.Version, Command: "infragame report sweep " + name + " --lang " + string(l),
		Provenance: "sweep result " + name + " (plan fingerprint " + short12(out.Fingerprint) + ")"}
	return publish.Sweep(publish.SweepInput{Analysis: out.Analysis, Spec: out.Spec, Result: name}, m), name, nil
}

// short12 is the first 12 characters of a fingerprint, as the reports
// print it.
func short12(s string) string {
	if len(s) > 12 {
		return s[:12]
	}
	return s
}

var errNoAnalysis = errors.New("the job's design has no sensitivity indices to report (a saltelli or morris design has)")
