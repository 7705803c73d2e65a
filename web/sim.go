package web

import (
	"context"
	"encoding/json"
	"fmt"
	"github.com/infragame/infragame/report/i18n"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/infragame/infragame/dataset"
	"github.com/infragame/infragame/market"
	"github.com/infragame/infragame/mc"
	"github.com/infragame/infragame/publish"
)

// MaxSimRuns caps the runs of one simulation job started from the web app
// (the command line allows 10,000,000; a shared server keeps jobs short).
const MaxSimRuns = 20000

// simJobTimeout bounds one simulation job.
const simJobTimeout = 10 * time.Minute

func (s *Server) simRoutes() []route {
	return []route{
		{Method: "GET", Pattern: "/api/v1/sim/scenarios", Summary: "The shipped simulation scenarios (infragame sim scenarios)", Handle: s.apiScenarios},
		{Method: "POST", Pattern: "/api/v1/sim/jobs", Summary: "Start a simulation job (infragame sim run) ", Handle: s.apiStartSim},
		{Method: "GET", Pattern: "/api/v1/jobs/{id}", Summary: "A job's state, progress and, when done, its result", Handle: s.apiJob},
		{Method: "DELETE", Pattern: "/api/v1/jobs/{id}", Summary: "Cancel a job", Handle: s.apiCancelJob},
		// websim: sim compare as a job.
		{Method: "POST", Pattern: "/api/v1/sim/compare", Summary: "Start a job comparing two scenarios on paired runs (infragame sim compare A B)", Handle: s.apiStartCompare},
		// websim: sim calibrate as a job.
		{Method: "POST", Pattern: "/api/v1/sim/calibrate", Summary: "Start a job computing the baseline's calibration moments and out-of-sample comparison (infragame sim calibrate)", Handle: s.apiStartCalibrate},
		// websim: sim validate.
		{Method: "POST", Pattern: "/api/v1/sim/validate", Summary: "Check a scenario file: strict YAML, errors with file, line and field (infragame sim validate FILE)", Handle: s.apiSimValidate},
		{Method: "GET", Pattern: "/api/v1/jobs/{id}/events", Summary: "A job's progress as server-sent events", Raw: s.jobEvents},
	}
}

// ScenarioEntry is a scenario as /api/v1/sim/scenarios lists it.
type ScenarioEntry struct {
	Name        string `json:"name"`
	Title       string `json:"title"`
	Description string `json:"description,omitempty"`
}

func scenarioEntries() ([]ScenarioEntry, error) {
	all, err := market.Scenarios()
	if err != nil {
		return nil, err
	}
	out := make([]ScenarioEntry, 0, len(all))
	for _, sc := range all {
		out = append(out, ScenarioEntry{Name: sc.Name, Title: sc.Title, Description: sc.Description})
	}
	return out, nil
}

func (s *Server) apiScenarios(*http.Request) (any, error) { return scenarioEntries() }

// SimRequest starts a simulation job: a shipped scenario, runs and seed, as
// `infragame sim run SCENARIO --runs N --seed S`.
type SimRequest struct {
	Scenario string `json:"scenario"`
	Runs     int    `json:"runs"`
	Seed     uint64 `json:"seed"`
}

// SimResult is a finished simulation job's document: the summary exactly as
// `infragame sim run --format json` prints it.
type SimResult struct {
	Scenario string `json:"scenario"`
	Runs     int    `json:"runs"`
	Seed     uint64 `json:"seed"`
	Summary  any    `json:"summary"`
}

// decodeJobRequest reads a job request into req: a JSON body (unknown
// fields refused) or a form, whose runs and seed go to runs and seed and
// whose other fields fill reads.
func decodeJobRequest(r *http.Request, req any, runs *int, seed *uint64, fields func(url.Values)) error {
	if ct := r.Header.Get("Content-Type"); ct == "application/json" || ct == "application/json; charset=utf-8" {
		dec := json.NewDecoder(r.Body)
		dec.DisallowUnknownFields()
		if err := dec.Decode(req); err != nil {
			return BadRequest("", fmt.Errorf("request body: %w", err))
		}
		return nil
	}
	if err := r.ParseForm(); err != nil {
		return BadRequest("", err)
	}
	if fields != nil {
		fields(r.Form)
	}
	if v := r.Form.Get("runs"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			return badRequestf("runs", "runs: want a whole number, got %q", v)
		}
		*runs = n
	}
	if v := r.Form.Get("seed"); v != "" {
		n, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			return badRequestf("seed", "seed: want a non-negative whole number, got %q", v)
		}
		*seed = n
	}
	return nil
}

func parseSimRequest(r *http.Request) (SimRequest, error) {
	req := SimRequest{Runs: 200, Seed: 1}
	if err := decodeJobRequest(r, &req, &req.Runs, &req.Seed, func(f url.Values) { req.Scenario = f.Get("scenario") }); err != nil {
		return req, err
	}
	if req.Scenario == "" {
		return req, badRequestf("scenario", "scenario: required (GET /api/v1/sim/scenarios lists them)")
	}
	if req.Runs < 1 || req.Runs > MaxSimRuns {
		return req, badRequestf("runs", "runs: want 1 to %d on the web app (the command line takes more), got %d", MaxSimRuns, req.Runs)
	}
	return req, nil
}

func (s *Server) startSim(req SimRequest) (*job, error) {
	sc, err := market.Named(req.Scenario)
	if err != nil {
		return nil, BadRequest("scenario", err)
	}
	sim, err := market.New(sc)
	if err != nil {
		return nil, BadRequest("scenario", err)
	}
	return s.jobs.start("sim", simJobTimeout, func(ctx context.Context, progress func(done, total int64)) (any, error) {
		total := int64(req.Runs)
		progress(0, total)
		sum, err := sim.Run(ctx, mc.Options{Runs: req.Runs, Seed: req.Seed, Progress: func(done int) { progress(int64(done), total) }}, nil)
		if err != nil {
			return nil, err
		}
		return &simOutcome{Scenario: sc, Summary: sum, Doc: SimResult{Scenario: sc.Name, Runs: req.Runs, Seed: req.Seed, Summary: publish.SimDoc(sum)}}, nil
	})
}

// simOutcome keeps what the result page needs besides the JSON document.
type simOutcome struct {
	Scenario *market.Scenario
	Summary  *market.Summary
	Doc      SimResult
}

// MarshalJSON writes the document only.
func (o *simOutcome) MarshalJSON() ([]byte, error) { return json.Marshal(o.Doc) }

func (s *Server) apiStartSim(r *http.Request) (any, error) {
	req, err := parseSimRequest(r)
	if err != nil {
		return nil, err
	}
	j, err := s.startSim(req)
	if err != nil {
		return nil, err
	}
	return j.status(false), nil
}

func (s *Server) apiJob(r *http.Request) (any, error) {
	j, ok := s.jobs.get(r.PathValue("id"))
	if !ok {
		return nil, notFound("no job %q (jobs are kept while the server runs, the last %d)", r.PathValue("id"), s.jobs.max)
	}
	return j.status(true), nil
}

func (s *Server) apiCancelJob(r *http.Request) (any, error) {
	j, ok := s.jobs.get(r.PathValue("id"))
	if !ok {
		return nil, notFound("no job %q", r.PathValue("id"))
	}
	j.cancel()
	<-j.done
	return j.status(false), nil
}

// jobEvents streams a job's progress as server-sent events ("progress"
// every 250 ms, then one "end" with the final state).
func (s *Server) jobEvents(w http.ResponseWriter, r *http.Request) {
	j, ok := s.jobs.get(r.PathValue("id"))
	if !ok {
		writeProblem(w, problemFor(r, notFound("no job %q", r.PathValue("id"))))
		return
	}
	fl, ok := w.(http.Flusher)
	if !ok {
		writeProblem(w, Problem{Type: "about:blank", Title: "Internal Server Error", Status: 500, Detail: "streaming unsupported"})
		return
	}
	// Streams outlive the write timeout; extend it for this response.
	_ = http.NewResponseController(w).SetWriteDeadline(time.Now().Add(simJobTimeout + time.Minute))
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	send := func(event string, st JobStatus) {
		b, _ := json.Marshal(st)
		fmt.Fprintf(w, "event: %s\ndata: %s\n\n", event, b)
		fl.Flush()
	}
	tick := time.NewTicker(250 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-j.done:
			send("end", j.status(false))
			return
		case <-tick.C:
			send("progress", j.status(false))
		}
	}
}

type simView struct {
	Scenarios []ScenarioEntry
	Scenario  string
	Runs      int
	Seed      uint64
	MaxRuns   int
	Job       *JobStatus
	Doc       *docView
	// websim: the comparison form (/sim/compare) and its result.
	A, B           string
	CompareRuns    int
	MaxCompareRuns int
	CalibrateRuns  int
	Result         template.HTML
}

// pageSim shows the form; with ?job=ID the job's progress (live, by
// server-sent events) or, when done, its report.
func (s *Server) pageSim(w http.ResponseWriter, r *http.Request) {
	l := lang(r)
	scs, err := scenarioEntries()
	if err != nil {
		s.renderError(w, r, "/sim", err)
		return
	}
	v := simView{Scenarios: scs, Scenario: "baseline", Runs: 200, Seed: 1, MaxRuns: MaxSimRuns, A: "baseline", B: "price-war", CompareRuns: 200, MaxCompareRuns: MaxCompareRuns, CalibrateRuns: 200}
	q := r.URL.Query()
	if q.Get("scenario") != "" {
		req, err := parseSimRequest(r)
		if err != nil {
			s.renderError(w, r, "/sim", err)
			return
		}
		v.Scenario, v.Runs, v.Seed = req.Scenario, req.Runs, req.Seed
		if id := q.Get("job"); id == "" {
			// Start the job and redirect to its page, which keeps the inputs.
			j, err := s.startSim(req)
			if err != nil {
				s.renderError(w, r, "/sim", err)
				return
			}
			q.Set("job", j.ID)
			http.Redirect(w, r, "/sim?"+q.Encode(), http.StatusSeeOther)
			return
		}
	}
	if id := q.Get("job"); id != "" {
		j, ok := s.jobs.get(id)
		if !ok {
			// A shared link to a finished server's job: run it again.
			req, err := parseSimRequest(r)
			if err != nil {
				s.renderError(w, r, "/sim", err)
				return
			}
			if j, err = s.startSim(req); err != nil {
				s.renderError(w, r, "/sim", err)
				return
			}
			q.Set("job", j.ID)
			http.Redirect(w, r, "/sim?"+q.Encode(), http.StatusSeeOther)
			return
		}
		st := j.status(false)
		v.Job = &st
		if st.State == "done" {
			j.mu.Lock()
			out, _ := j.result.(*simOutcome)
			j.mu.Unlock()
			if out != nil {
				doc := publish.Sim(publish.SimInput{Scenario: out.Scenario, Summary: out.Summary}, s.meta(l, simCommand(v)))
				if v.Doc, err = viewDocValues(doc); err != nil {
					s.renderError(w, r, "/sim", err)
					return
				}
			}
		}
	}
	s.render(w, http.StatusOK, "sim", s.newPage(r, "/sim", l.T("web.nav.sim"), v))
}

func simCommand(v simView) string {
	return fmt.Sprintf("infragame report sim %s --runs %d --seed %d", v.Scenario, v.Runs, v.Seed)
}

// SimValidateRequest is the input of POST /api/v1/sim/validate: the text
// of a scenario file (docs/sim.md), as `infragame sim validate FILE`.
type SimValidateRequest struct {
	Scenario string `json:"scenario"`
}

// apiSimValidate reads the scenario strictly and compiles it with the
// command line's functions (market.ReadScenario, market.CheckScenario): a
// bad file is a 400 problem with its file, line, column and field.
func (s *Server) apiSimValidate(r *http.Request) (any, error) {
	var req SimValidateRequest
	label, err := decodeEngineRequest(r, "scenario", &req)
	if err != nil {
		return nil, err
	}
	if req.Scenario == "" {
		return nil, badRequestf("scenario", "scenario: required: the text of a scenario file (docs/sim.md)")
	}
	sc, err := market.ReadScenario(label, []byte(req.Scenario))
	if err != nil {
		return nil, err
	}
	c, err := market.CheckScenario(label, sc)
	if err != nil {
		return nil, BadRequest("scenario", err)
	}
	return c, nil
}

// MaxCompareRuns caps the paired runs of one comparison job: each runs both
// scenarios, so 10,000 pairs are the work of MaxSimRuns single runs.
const MaxCompareRuns = MaxSimRuns / 2

// SimCompareRequest starts a comparison job of two shipped scenarios on the
// same seeds, as `infragame sim compare A B --runs N --seed S`.
type SimCompareRequest struct {
	A    string `json:"a"`
	B    string `json:"b"`
	Runs int    `json:"runs"`
	Seed uint64 `json:"seed"`
}

func parseCompareRequest(r *http.Request) (SimCompareRequest, error) {
	req := SimCompareRequest{Runs: 200, Seed: 1}
	if err := decodeJobRequest(r, &req, &req.Runs, &req.Seed, func(f url.Values) { req.A, req.B = f.Get("a"), f.Get("b") }); err != nil {
		return req, err
	}
	if req.A == "" {
		return req, badRequestf("a", "a: required, a shipped scenario (GET /api/v1/sim/scenarios lists them)")
	}
	if req.B == "" {
		return req, badRequestf("b", "b: required, a shipped scenario (GET /api/v1/sim/scenarios lists them)")
	}
	if req.Runs < 1 || req.Runs > MaxCompareRuns {
		return req, badRequestf("runs", "runs: want 1 to %d paired runs on the web app (the command line takes more), got %d", MaxCompareRuns, req.Runs)
	}
	return req, nil
}

// startCompare runs market.CompareScenarios, the function of `sim
// compare`, as a cancellable job with progress.
func (s *Server) startCompare(req SimCompareRequest) (*job, error) {
	a, err := market.Named(req.A)
	if err != nil {
		return nil, BadRequest("a", err)
	}
	b, err := market.Named(req.B)
	if err != nil {
		return nil, BadRequest("b", err)
	}
	return s.jobs.start("compare", simJobTimeout, func(ctx context.Context, progress func(done, total int64)) (any, error) {
		total := int64(req.Runs)
		progress(0, total)
		return market.CompareScenarios(ctx, a, b, mc.Options{Runs: req.Runs, Seed: req.Seed, Progress: func(done int) { progress(int64(done), total) }})
	})
}

func (s *Server) apiStartCompare(r *http.Request) (any, error) {
	req, err := parseCompareRequest(r)
	if err != nil {
		return nil, err
	}
	j, err := s.startCompare(req)
	if err != nil {
		return nil, err
	}
	return j.status(false), nil
}

// pageSimCompare starts a comparison job from the /sim page's form and
// redirects to its page (?job=ID), which follows its progress and, when
// done, shows sim compare's document as tables; a shared link to a job the
// server no longer holds runs it again.
func (s *Server) pageSimCompare(w http.ResponseWriter, r *http.Request) {
	l := lang(r)
	scs, err := scenarioEntries()
	if err != nil {
		s.renderError(w, r, "/sim", err)
		return
	}
	req, err := parseCompareRequest(r)
	if err != nil {
		s.renderError(w, r, "/sim", err)
		return
	}
	v := simView{Scenarios: scs, Scenario: "baseline", Runs: 200, Seed: req.Seed, MaxRuns: MaxSimRuns, A: req.A, B: req.B, CompareRuns: req.Runs, MaxCompareRuns: MaxCompareRuns, CalibrateRuns: 200}
	s.simJobPage(w, r, l, v, "compare", "/sim/compare", "web.simcompare.title", func() (*job, error) { return s.startCompare(req) })
}

// SimCalibrateRequest starts a job computing the calibration moments and
// the out-of-sample comparison of the baseline, as `infragame sim
// calibrate --runs N --seed S` (the slow re-estimation, --estimate, stays
// on the command line).
type SimCalibrateRequest struct {
	Runs int    `json:"runs"`
	Seed uint64 `json:"seed"`
}

func parseCalibrateRequest(r *http.Request) (SimCalibrateRequest, error) {
	req := SimCalibrateRequest{Runs: 200, Seed: 1}
	if err := decodeJobRequest(r, &req, &req.Runs, &req.Seed, nil); err != nil {
		return req, err
	}
	if req.Runs < 1 || req.Runs > MaxSimRuns {
		return req, badRequestf("runs", "runs: want 1 to %d on the web app (the command line takes more), got %d", MaxSimRuns, req.Runs)
	}
	return req, nil
}

// apiStartCalibrate runs market.CheckCalibration, the function of `sim
// calibrate`, on the embedded dataset (as the command line does) as a
// cancellable job; its progress is 0 of 1 until the moments are computed.
func (s *Server) apiStartCalibrate(r *http.Request) (any, error) {
	req, err := parseCalibrateRequest(r)
	if err != nil {
		return nil, err
	}
	j, err := s.startCalibrate(req)
	if err != nil {
		return nil, err
	}
	return j.status(false), nil
}

func (s *Server) startCalibrate(req SimCalibrateRequest) (*job, error) {
	set, err := dataset.Embedded()
	if err != nil {
		return nil, err
	}
	return s.jobs.start("calibrate", simJobTimeout, func(ctx context.Context, progress func(done, total int64)) (any, error) {
		progress(0, 1)
		rep, err := market.CheckCalibration(ctx, set, false, 0, req.Runs, 0, req.Seed)
		if err == nil {
			progress(1, 1)
		}
		return rep, err
	})
}

// pageSimCalibrate starts a calibration job from the /sim page's form and
// follows it as pageSimCompare does a comparison.
func (s *Server) pageSimCalibrate(w http.ResponseWriter, r *http.Request) {
	l := lang(r)
	scs, err := scenarioEntries()
	if err != nil {
		s.renderError(w, r, "/sim", err)
		return
	}
	req, err := parseCalibrateRequest(r)
	if err != nil {
		s.renderError(w, r, "/sim", err)
		return
	}
	v := simView{Scenarios: scs, Scenario: "baseline", Runs: 200, Seed: req.Seed, MaxRuns: MaxSimRuns, A: "baseline", B: "price-war", CompareRuns: 200, MaxCompareRuns: MaxCompareRuns, CalibrateRuns: req.Runs}
	s.simJobPage(w, r, l, v, "calibrate", "/sim/calibrate", "web.simcalibrate.title", func() (*job, error) { return s.startCalibrate(req) })
}

// simJobPage shows the job of kind named in the URL's job parameter on the
// /sim page, or starts one with start and redirects to path with its id;
// a finished job's result is shown under the forms.
func (s *Server) simJobPage(w http.ResponseWriter, r *http.Request, l i18n.Lang, v simView, kind, path, title string, start func() (*job, error)) {
	q := r.URL.Query()
	j, ok := s.jobs.get(q.Get("job"))
	if !ok || j.Kind != kind {
		var err error
		if j, err = start(); err != nil {
			s.renderError(w, r, "/sim", err)
			return
		}
		q.Set("job", j.ID)
		http.Redirect(w, r, path+"?"+q.Encode(), http.StatusSeeOther)
		return
	}
	st := j.status(false)
	v.Job = &st
	if st.State == "done" {
		j.mu.Lock()
		res := j.result
		j.mu.Unlock()
		var err error
		if v.Result, err = resultHTML(res); err != nil {
			s.renderError(w, r, "/sim", err)
			return
		}
	}
	s.render(w, http.StatusOK, "sim", s.newPage(r, "/sim", l.T(title), v))
}
