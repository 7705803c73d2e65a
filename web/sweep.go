package web

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"path"
	"strconv"
	"strings"

	"github.com/infragame/infragame/examples"
	"github.com/infragame/infragame/publish"
	"github.com/infragame/infragame/report"
	"github.com/infragame/infragame/sweep"
	"github.com/infragame/infragame/sweep/models"
	"github.com/infragame/infragame/sweep/shards"
)

// MaxSweepRows caps the points × runs of one sweep job started from the
// web app (the command line runs plans of 2^31 points, split into shards).
const MaxSweepRows = 50000

// sweepDesignRows is the number of design points a page shows (the
// count says how many there are).
const sweepDesignRows = 20

// maxSweepDesignRows caps ?limit= of POST /api/v1/sweep/design.
const maxSweepDesignRows = 1000

func (s *Server) sweepRoutes() []route {
	return []route{
		{Method: "GET", Pattern: "/api/v1/sweep/examples", Summary: "The shipped sweep specs (examples/sweep)", Handle: s.apiSweepExamples},
		{Method: "POST", Pattern: "/api/v1/sweep/design", Summary: "The design of a sweep spec: its first points and their count (infragame sweep design SPEC)", Handle: s.apiSweepDesign},
		{Method: "POST", Pattern: "/api/v1/sweep/jobs", Summary: "Run a sweep spec as a job; its result is the analysis (infragame sweep run, merge, analyze --format json)", Handle: s.apiStartSweep},
		{Method: "GET", Pattern: "/api/v1/sweep/jobs/{id}/rows", Summary: "The result rows of a finished sweep job as CSV or JSON (the rows of sweep merge)", Raw: s.apiSweepRows},
	}
}

// SweepRequest is the input of the sweep endpoints: a spec's text, or the
// name of a shipped example (examples/sweep/NAME.yaml).
type SweepRequest struct {
	Spec    string `json:"spec"`
	Example string `json:"example"`
	// Limit is the number of design points returned (default 20).
	Limit int `json:"limit"`
	// Bootstrap and Confidence are the options of "sweep analyze".
	Bootstrap  int     `json:"bootstrap"`
	Confidence float64 `json:"confidence"`
}

// sweepExamples lists the names of the shipped specs.
func sweepExamples() []string {
	ents, _ := fs.ReadDir(examples.FS, "sweep")
	var out []string
	for _, e := range ents {
		if n, ok := strings.CutSuffix(e.Name(), ".yaml"); ok {
			out = append(out, n)
		}
	}
	return out
}

func (s *Server) apiSweepExamples(*http.Request) (any, error) { return sweepExamples(), nil }

// openSweep reads the request's spec with [models.Open], as the command
// line does. A model file named by a path is read among the shipped
// examples, relative to examples/sweep/ (case:ID and scenario:NAME as on
// the command line). A plan of more than MaxSweepRows points × runs is
// refused when run is set.
func openSweep(req SweepRequest, run bool) (*models.Job, error) {
	name, text := "spec", req.Spec
	if strings.TrimSpace(text) == "" {
		if req.Example == "" {
			return nil, badRequestf("spec", "spec: required: the text of a sweep spec (docs/sweeps.md) or an example (%s)", strings.Join(sweepExamples(), ", "))
		}
		b, err := fs.ReadFile(examples.FS, "sweep/"+req.Example+".yaml")
		if err != nil || strings.ContainsAny(req.Example, "/\\") {
			return nil, badRequestf("example", "example: no sweep example %q (want one of %s)", req.Example, strings.Join(sweepExamples(), ", "))
		}
		name, text = req.Example+".yaml", string(b)
	}
	j, err := models.Open(name, []byte(text), func(p string) ([]byte, error) {
		q := path.Join("sweep", p)
		if path.IsAbs(p) || !fs.ValidPath(q) {
			return nil, fmt.Errorf("%q: the web app reads model files among the shipped examples only (relative to examples/sweep/), or case:ID, scenario:NAME", p)
		}
		b, err := fs.ReadFile(examples.FS, q)
		if err != nil {
			return nil, fmt.Errorf("%q: no such example file (the web app reads model files relative to examples/sweep/)", p)
		}
		if len(b) > models.MaxModelFile {
			return nil, fmt.Errorf("%q: larger than %d bytes", p, models.MaxModelFile)
		}
		return b, nil
	})
	if err != nil {
		return nil, BadRequest("spec", err)
	}
	if n := int64(j.Plan.Len()) * int64(j.Spec.Runs); run && n > MaxSweepRows {
		return nil, &inputError{status: http.StatusUnprocessableEntity, field: "design",
			err: fmt.Errorf("design: %d points × %d runs = %d rows, more than the web app's %d (run it with \"infragame sweep run\", which splits it into shards)", j.Plan.Len(), j.Spec.Runs, n, MaxSweepRows)}
	}
	return j, nil
}

func decodeSweepRequest(r *http.Request) (SweepRequest, error) {
	var req SweepRequest
	if _, err := decodeEngineRequest(r, "spec", &req); err != nil {
		return req, err
	}
	if req.Limit < 0 || req.Limit > maxSweepDesignRows {
		return req, badRequestf("limit", "limit: want 0 to %d design points, got %d", maxSweepDesignRows, req.Limit)
	}
	return req, nil
}

func (s *Server) apiSweepDesign(r *http.Request) (any, error) {
	req, err := decodeSweepRequest(r)
	if err != nil {
		return nil, err
	}
	j, err := openSweep(req, false)
	if err != nil {
		return nil, err
	}
	if req.Limit == 0 {
		req.Limit = sweepDesignRows
	}
	return sweep.Design(j.Plan, req.Limit), nil
}

// sweepOutcome is a finished sweep job: the rows (kept for the download)
// and the analysis, whose JSON is the job's result.
type sweepOutcome struct {
	Spec *sweep.Spec
	// Fingerprint is the plan's (shards.PlanInfo), which the report
	// names.
	Fingerprint string
	Columns     []string
	Rows        []sweepRow
	Analysis    *sweep.Analysis
}

type sweepRow struct {
	PointID int       `json:"point_id"`
	Run     int       `json:"run"`
	Seed    uint64    `json:"seed"`
	Values  []float64 `json:"values"` // parameters then outputs
}

// MarshalJSON writes the analysis: the document of "sweep analyze
// --format json" (a design without indices: its kind and no outputs).
func (o *sweepOutcome) MarshalJSON() ([]byte, error) {
	if o.Analysis == nil {
		return json.Marshal(&sweep.Analysis{Design: o.Spec.Design.Kind, Outputs: []sweep.OutputAnalysis{}})
	}
	return json.Marshal(o.Analysis)
}

// collectRows is the [sweep.RowWriter] of a web job: it keeps the rows and
// the per-point means of the outputs.
type collectRows struct {
	out   *sweepOutcome
	means *sweep.Means
}

func (c *collectRows) WriteRow(r *sweep.Row) error {
	v := make([]float64, 0, len(r.X)+len(r.Y))
	c.out.Rows = append(c.out.Rows, sweepRow{r.PointID, r.Run, r.Seed, append(append(v, r.X...), r.Y...)})
	c.means.Add(r.PointID, r.Y)
	return nil
}

// startSweep runs the whole plan in one job (the rows of "sweep run" with
// one shard) and analyses it as "sweep analyze" does.
func (s *Server) startSweep(req SweepRequest) (*job, error) {
	j, err := openSweep(req, true)
	if err != nil {
		return nil, err
	}
	cols, _, err := sweep.Columns(j.Plan, j.Model)
	if err != nil {
		return nil, BadRequest("spec", err)
	}
	analyzable := j.Spec.Design.Kind == sweep.Saltelli || j.Spec.Design.Kind == sweep.MorrisOT
	if !analyzable && (req.Bootstrap != 0 || req.Confidence != 0) {
		return nil, badRequestf("bootstrap", "bootstrap, confidence: apply to the Sobol' intervals of a saltelli design only; this is a %s design", j.Spec.Design.Kind)
	}
	opt := sweep.AnalyzeOptions{Bootstrap: req.Bootstrap, Confidence: req.Confidence, Seed: j.Spec.Seed}
	if opt.Bootstrap < 0 || opt.Confidence < 0 || opt.Confidence >= 1 {
		return nil, badRequestf("bootstrap", "bootstrap must be ≥ 0 and confidence in (0, 1)")
	}
	nout := len(cols) - 3 - j.Plan.Dim()
	pi, err := shards.NewPlanInfo(j.Plan, j.Model, j.ModelFile)
	if err != nil {
		return nil, BadRequest("spec", err)
	}
	return s.jobs.start("sweep", simJobTimeout, func(ctx context.Context, progress func(done, total int64)) (any, error) {
		out := &sweepOutcome{Spec: j.Spec, Columns: cols, Fingerprint: pi.Fingerprint}
		w := &collectRows{out: out, means: sweep.NewMeans(j.Plan, nout)}
		total := int64(j.Plan.Len())
		progress(0, total)
		err := sweep.Run(ctx, j.Plan, j.Model, sweep.RunOptions{Workers: 1, Progress: func(done, _ int) { progress(int64(done), total) }}, w)
		if err != nil {
			return nil, err
		}
		if analyzable {
			y, id, c, ok := w.means.Mean()
			if !ok {
				return nil, fmt.Errorf("point %d has %d rows, want %d runs", id, c, j.Spec.Runs)
			}
			if out.Analysis, err = sweep.Analyze(j.Plan, cols[3+j.Plan.Dim():], y, opt); err != nil {
				return nil, err
			}
		}
		return out, nil
	})
}

func (s *Server) apiStartSweep(r *http.Request) (any, error) {
	req, err := decodeSweepRequest(r)
	if err != nil {
		return nil, err
	}
	j, err := s.startSweep(req)
	if err != nil {
		return nil, err
	}
	return j.status(false), nil
}

// sweepOutcomeOf is the outcome of a finished sweep job.
func (s *Server) sweepOutcomeOf(id string) (*sweepOutcome, error) {
	j, ok := s.jobs.get(id)
	if !ok || j.Kind != "sweep" {
		return nil, notFound("no sweep job %q (jobs are kept while the server runs, the last %d)", id, s.jobs.max)
	}
	st := j.status(false)
	if st.State != "done" {
		return nil, &inputError{status: http.StatusConflict, err: fmt.Errorf("job %s is %s, not done", id, st.State)}
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	out, _ := j.result.(*sweepOutcome)
	return out, nil
}

// apiSweepRows writes the rows of a finished job: CSV as "sweep merge"
// writes it (numbers in shortest round-trip form), or JSON (columns and
// rows).
func (s *Server) apiSweepRows(w http.ResponseWriter, r *http.Request) {
	out, err := s.sweepOutcomeOf(r.PathValue("id"))
	if err != nil {
		writeProblem(w, problemFor(r, err))
		return
	}
	name := "sweep"
	if out.Spec.Name != "" {
		name = out.Spec.Name
	}
	switch f := r.URL.Query().Get("format"); f {
	case "", "csv":
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", name+".csv"))
		var b []byte
		b = append(b, strings.Join(out.Columns, ",")...)
		b = append(b, '\n')
		for _, row := range out.Rows {
			b = strconv.AppendInt(b, int64(row.PointID), 10)
			b = append(b, ',')
			b = strconv.AppendInt(b, int64(row.Run), 10)
			b = append(b, ',')
			b = strconv.AppendUint(b, row.Seed, 10)
			for _, v := range row.Values {
				b = append(b, ',')
				b = strconv.AppendFloat(b, v, 'g', -1, 64)
			}
			b = append(b, '\n')
		}
		_, _ = w.Write(b)
	case "json":
		doc := struct {
			Columns []string   `json:"columns"`
			Rows    []sweepRow `json:"rows"`
		}{Columns: out.Columns, Rows: out.Rows}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", name+".json"))
		_ = json.NewEncoder(w).Encode(doc)
	default:
		writeProblem(w, problemFor(r, badRequestf("format", "format: want csv or json, got %q", f)))
	}
}

// sweepView is the /sweep page.
type sweepView struct {
	Examples []string
	Example  string
	Text     string
	MaxRows  int
	Design   *sweep.DesignDoc
	Names    []string
	Rows     []sweepDesignRow
	Problem  string
	Job      *JobStatus
	Doc      *docView
}

// sweepDesignRow is a design point on the page: each value rounded for
// reading as the command line's tables round it, the exact one kept in
// data-value.
type sweepDesignRow struct {
	ID     int
	Role   string
	Values []sweepCell
}

type sweepCell struct{ Text, Exact string }

func designRows(d *sweep.DesignDoc, names []string) []sweepDesignRow {
	rows := make([]sweepDesignRow, 0, len(d.Plan))
	for _, pt := range d.Plan {
		r := sweepDesignRow{ID: pt.ID, Role: pt.Role}
		for _, n := range names {
			x := pt.Values[n]
			r.Values = append(r.Values, sweepCell{report.Cell(x), strconv.FormatFloat(x, 'g', -1, 64)})
		}
		rows = append(rows, r)
	}
	return rows
}

// pageSweep shows the form with a spec (?example=NAME, or pasted and
// posted), its design, and with ?job=ID the job's progress and, when done,
// the analysis. The form's "run" button starts the job and redirects to
// the page of the job, which keeps the example's name.
func (s *Server) pageSweep(w http.ResponseWriter, r *http.Request) {
	l := lang(r)
	if err := r.ParseForm(); err != nil {
		s.renderError(w, r, "/sweep", BadRequest("", err))
		return
	}
	v := sweepView{Examples: sweepExamples(), MaxRows: MaxSweepRows, Example: r.Form.Get("example"), Text: r.Form.Get("spec_text")}
	jobOnly := v.Example == "" && v.Text == "" && r.URL.Query().Get("job") != ""
	if v.Example == "" && v.Text == "" && r.Method == http.MethodGet && !jobOnly {
		v.Example = "ishigami"
	}
	if jobOnly {
		// A pasted spec too long for the link: the job's page alone.
		s.sweepJobView(w, r, &v)
		return
	}
	if v.Text == "" && v.Example != "" {
		b, err := fs.ReadFile(examples.FS, "sweep/"+v.Example+".yaml")
		if err != nil || strings.ContainsAny(v.Example, "/\\") {
			s.renderError(w, r, "/sweep", badRequestf("example", "example: no sweep example %q (want one of %s)", v.Example, strings.Join(sweepExamples(), ", ")))
			return
		}
		v.Text = string(b)
	}
	req := SweepRequest{Spec: v.Text}
	if r.Form.Get("spec_text") == "" {
		req = SweepRequest{Example: v.Example}
	}
	j, err := openSweep(req, false)
	if err != nil {
		p := problemFor(r, err)
		v.Problem = p.Detail
		s.render(w, p.Status, "sweep", s.newPage(r, "/sweep", l.T("web.nav.sweep"), v))
		return
	}
	v.Design, v.Names = sweep.Design(j.Plan, sweepDesignRows), j.Plan.Names()
	v.Rows = designRows(v.Design, v.Names)
	q := r.URL.Query()
	if r.Form.Get("run") != "" {
		jb, err := s.startSweep(req)
		if err != nil {
			p := problemFor(r, err)
			v.Problem = p.Detail
			s.render(w, p.Status, "sweep", s.newPage(r, "/sweep", l.T("web.nav.sweep"), v))
			return
		}
		q.Del("run")
		q.Set("job", jb.ID)
		if req.Example != "" {
			q.Set("example", req.Example)
		} else if len(req.Spec) <= maxLinkSpec {
			// The link keeps a small pasted spec, as the engine pages do.
			q.Set("spec_text", req.Spec)
		}
		q.Set("lang", string(l))
		http.Redirect(w, r, "/sweep?"+q.Encode(), http.StatusSeeOther)
		return
	}
	if id := q.Get("job"); id != "" {
		jb, ok := s.jobs.get(id)
		if !ok || jb.Kind != "sweep" {
			// A shared link to a finished server's job: run it again.
			if jb, err = s.startSweep(req); err != nil {
				s.renderError(w, r, "/sweep", err)
				return
			}
			q.Set("job", jb.ID)
			http.Redirect(w, r, "/sweep?"+q.Encode(), http.StatusSeeOther)
			return
		}
		s.sweepJobDoc(r, jb, &v)
	}
	s.render(w, http.StatusOK, "sweep", s.newPage(r, "/sweep", l.T("web.nav.sweep"), v))
}

// maxLinkSpec is the longest pasted spec a job's link carries.
const maxLinkSpec = 4000

// sweepJobView renders the page of a job alone (no spec in the link).
func (s *Server) sweepJobView(w http.ResponseWriter, r *http.Request, v *sweepView) {
	l := lang(r)
	id := r.URL.Query().Get("job")
	jb, ok := s.jobs.get(id)
	if !ok || jb.Kind != "sweep" {
		s.renderError(w, r, "/sweep", notFound("no sweep job %q (jobs are kept while the server runs, the last %d)", id, s.jobs.max))
		return
	}
	if st := s.sweepJobDoc(r, jb, v); st == nil {
		s.renderError(w, r, "/sweep", fmt.Errorf("sweep job %s: no report", id))
		return
	}
	s.render(w, http.StatusOK, "sweep", s.newPage(r, "/sweep", l.T("web.nav.sweep"), *v))
}

// sweepJobDoc is the job's state and, when done, its analysis as the
// report's sections (tables and tornado charts) in v.Doc.
func (s *Server) sweepJobDoc(r *http.Request, jb *job, v *sweepView) *JobStatus {
	st := jb.status(false)
	v.Job = &st
	if st.State != "done" {
		return &st
	}
	out, err := s.sweepOutcomeOf(jb.ID)
	if err != nil || out == nil || out.Analysis == nil {
		return &st
	}
	doc := publish.Sweep(publish.SweepInput{Analysis: out.Analysis, Spec: out.Spec, Result: "job " + jb.ID}, s.meta(lang(r), "infragame sweep analyze RESULT"))
	if v.Doc, err = viewDocValues(doc); err != nil {
		v.Problem = err.Error()
	}
	return &st
}
