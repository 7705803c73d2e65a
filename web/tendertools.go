package web

import (
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/infragame/infragame/cases"
	"github.com/infragame/infragame/mc"
	"github.com/infragame/infragame/tender"
)

// The tender's break-even over a parameter the user picks (`tender
// breakeven`) and its Monte Carlo evaluation (`tender evaluate --runs`),
// as API endpoints and pages of a library case.

func (s *Server) tenderToolRoutes() []route {
	return []route{
		{Method: "POST", Pattern: "/api/v1/tender/backtest", Summary: "Backtest uploaded case files, with the library or alone (infragame tender backtest FILES [--only])", Handle: s.apiTenderBacktestUpload},
		{Method: "GET", Pattern: "/api/v1/tender/{id}/breakeven", Summary: "The values of one parameter of a library case at which the winner changes (infragame tender breakeven case:ID --param P)", Handle: s.apiTenderBreakEven, Cache: true},
	}
}

// maxBreakEvenSteps bounds the scan of one break-even request (the
// command line's default is 200).
const maxBreakEvenSteps = 2000

// breakEven reads param (required; NAME_pct in percent), min and max
// (both or neither, in the name's units) and steps (default 200), and
// finds the break-evens of t as `tender breakeven` does. No break-even in
// the range is not an error: the document has no points.
//
// With target_prob (in (0, 1)) and offer it finds instead the values at
// which that offer's choice probability under the library's host-choice
// model equals target_prob, as `tender breakeven --target-prob P --offer
// ID` does (tender.SolveTargetNamed).
func breakEven(q url.Values, f *tender.File, t tender.Tender) (any, error) {
	param := q.Get("param")
	if param == "" {
		return nil, badRequestf("param", "param: required, a parameter of the tender such as host.shadow_price or offers.japan.loan.rate_pct")
	}
	lo, hi := math.NaN(), math.NaN()
	var err error
	if q.Get("min") != "" || q.Get("max") != "" {
		if lo, err = queryFloat(q, "min", math.NaN()); err != nil {
			return nil, err
		}
		if hi, err = queryFloat(q, "max", math.NaN()); err != nil {
			return nil, err
		}
		if math.IsNaN(lo) || math.IsNaN(hi) {
			return nil, badRequestf("min", "min, max: give both, or neither")
		}
	}
	steps := 200
	if v := q.Get("steps"); v != "" {
		if steps, err = strconv.Atoi(v); err != nil || steps < 1 || steps > maxBreakEvenSteps {
			return nil, badRequestf("steps", "steps: want 1 to %d scan intervals, got %q", maxBreakEvenSteps, v)
		}
	}
	if q.Get("target_prob") != "" || q.Get("offer") != "" {
		return targetProb(q, f, t, param, lo, hi, steps)
	}
	be, err := tender.FindBreakEvenNamed(t, param, lo, hi, steps)
	if errors.Is(err, tender.ErrNoBreakEven) {
		return be, nil
	}
	var up *mc.UnknownParamError
	if errors.As(err, &up) {
		return be, BadRequest("param", err)
	}
	if err != nil {
		return be, BadRequest("", err)
	}
	return be, nil
}

func (s *Server) apiTenderBreakEven(r *http.Request) (any, error) {
	f, err := s.caseFile(r.PathValue("id"))
	if err != nil {
		return nil, err
	}
	t, err := f.EvaluationTender()
	if err != nil {
		return nil, BadRequest("", err)
	}
	return breakEven(r.URL.Query(), f, t)
}

// targetProb is the target-probability mode of breakEven.
func targetProb(q url.Values, f *tender.File, t tender.Tender, param string, lo, hi float64, steps int) (*tender.TargetResult, error) {
	target, err := queryFloat(q, "target_prob", math.NaN())
	if err != nil {
		return nil, err
	}
	if !(target > 0 && target < 1) {
		return nil, badRequestf("target_prob", "target_prob: want a probability in (0, 1) with offer, got %q", q.Get("target_prob"))
	}
	offer := q.Get("offer")
	if offer == "" {
		return nil, badRequestf("offer", "offer: required with target_prob (the offer whose probability is targeted)")
	}
	known := false
	var ids []string
	for _, o := range t.Offers {
		ids = append(ids, o.ID)
		known = known || o.ID == offer
	}
	if !known {
		return nil, badRequestf("offer", "offer: unknown offer %q (want one of %s)", offer, strings.Join(ids, ", "))
	}
	if _, pct := tender.PctParam(param); !pct && strings.HasSuffix(param, "_pct") {
		return nil, badRequestf("param", "param: %s is not a rate or share, so it has no _pct form", param)
	}
	m, err := cases.ChoiceModel()
	if err != nil {
		return nil, err
	}
	res, err := tender.SolveTargetNamed(t, f.HostStress(), &m, offer, param, lo, hi, target, steps)
	var up *mc.UnknownParamError
	if errors.As(err, &up) {
		return nil, BadRequest("param", err)
	}
	if err != nil {
		return nil, BadRequest("", err)
	}
	return res, nil
}

// paramChoices are the parameters of a tender, each rate or share also in
// its _pct form.
func paramChoices(t tender.Tender) []string {
	var out []string
	for _, p := range t.Params() {
		out = append(out, p.Name)
		if _, pct := tender.PctParam(p.Name + "_pct"); pct {
			out = append(out, p.Name+"_pct")
		}
	}
	return out
}

// offerChoices are the offers of a tender after an empty choice (no
// target probability).
func offerChoices(t tender.Tender) []string {
	out := []string{""}
	for _, o := range t.Offers {
		out = append(out, o.ID)
	}
	return out
}

func tenderToolLinks(l, id string) []navItem {
	base := "/tender/" + url.PathEscape(id)
	return []navItem{{Href: base + "?lang=" + l, Label: "web.tender.case"}, {Href: base + "/breakeven?lang=" + l, Label: "web.breakeven.title"},
		{Href: base + "/evaluate?lang=" + l, Label: "web.evaluate.title"}, {Href: base + "/map?lang=" + l, Label: "web.tender.map"}}
}

// toolPage renders a tool page: the form and, when the page's query holds
// its input (ready), the result of run.
func (s *Server) toolPage(w http.ResponseWriter, r *http.Request, active, title string, v toolView, ready bool, run func() (any, error)) {
	if ready {
		res, err := run()
		if err == nil {
			v.Result, err = resultHTML(res, lang(r))
		}
		if err != nil {
			pg := s.newPage(r, active, title, v)
			pg.Error = problemFor(r, err).Detail
			s.render(w, problemFor(r, err).Status, "gametool", pg)
			return
		}
		v.HasResult, v.Link = true, r.URL.RequestURI()
	}
	s.render(w, http.StatusOK, "gametool", s.newPage(r, active, title, v))
}

func (s *Server) pageTenderBreakEven(w http.ResponseWriter, r *http.Request) {
	l := lang(r)
	id := r.PathValue("id")
	f, err := s.caseFile(id)
	if err != nil {
		s.renderError(w, r, "/tender", err)
		return
	}
	t, err := f.EvaluationTender()
	if err != nil {
		s.renderError(w, r, "/tender", BadRequest("", err))
		return
	}
	q := r.URL.Query()
	v := toolView{Tools: tenderToolLinks(string(l), id), Path: r.URL.Path, IntroKey: "web.breakeven.intro",
		CLI: "infragame tender breakeven case:" + id + " --param P [--min A --max B] [--target-prob P --offer ID] --format json", API: "GET /api/v1/tender/" + id + "/breakeven",
		Fields: fieldsFrom(q, []toolField{{Name: "param", LabelKey: "web.breakeven.param", Choices: paramChoices(t), Value: "host.shadow_price"},
			{Name: "min", LabelKey: "web.breakeven.min", Size: 8}, {Name: "max", LabelKey: "web.breakeven.max", Size: 8},
			{Name: "target_prob", LabelKey: "web.breakeven.targetprob", Size: 6}, {Name: "offer", LabelKey: "web.breakeven.offer", Choices: offerChoices(t)}})}
	s.toolPage(w, r, "/tender", l.T("web.breakeven.title")+": "+id, v, q.Get("param") != "", func() (any, error) { return breakEven(q, f, t) })
}

func (s *Server) pageTenderEvaluate(w http.ResponseWriter, r *http.Request) {
	l := lang(r)
	id := r.PathValue("id")
	f, err := s.caseFile(id)
	if err != nil {
		s.renderError(w, r, "/tender", err)
		return
	}
	q := r.URL.Query()
	v := toolView{Tools: tenderToolLinks(string(l), id), Path: r.URL.Path, IntroKey: "web.evaluate.intro",
		CLI: "infragame tender evaluate case:" + id + " [--runs N --seed S] --format json", API: "GET /api/v1/tender/" + id + "/evaluate",
		Fields: fieldsFrom(q, []toolField{{Name: "runs", LabelKey: "web.lcc.runs", Choices: []string{"0", "200", "1000", "10000"}, Value: "1000"},
			{Name: "seed", LabelKey: "web.gamerandom.seed", Value: "1", Size: 8}})}
	s.toolPage(w, r, "/tender", l.T("web.evaluate.title")+": "+id, v, q.Get("runs") != "", func() (any, error) { return s.evaluate(r, f) })
}

// backtestUpload reads the case files of POST /api/v1/tender/backtest: one
// or more files uploaded in the form field "case" (multipart), or one
// file as the body; only=true backtests them alone, else with the library,
// as `tender backtest FILES [--only]`.
func (s *Server) backtestUpload(r *http.Request) (*tender.BacktestReport, error) {
	var files []cases.Named
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		if err := r.ParseMultipartForm(MaxUploadBytes); err != nil {
			return nil, BadRequest("case", fmt.Errorf("form: %w", err))
		}
		for _, h := range r.MultipartForm.File["case"] {
			f, err := h.Open()
			if err != nil {
				return nil, BadRequest("case", err)
			}
			b, err := io.ReadAll(io.LimitReader(f, MaxUploadBytes+1))
			f.Close()
			if err != nil {
				return nil, BadRequest("case", err)
			}
			files = append(files, cases.Named{Name: h.Filename, Data: b})
		}
	} else {
		b, label, err := readUpload(r, "case")
		if err != nil {
			return nil, err
		}
		files = append(files, cases.Named{Name: label, Data: b})
	}
	if len(files) == 0 {
		return nil, badRequestf("case", "case: no case file uploaded")
	}
	only := queryBool(r.URL.Query(), "only") || r.MultipartForm != nil && queryBool(r.MultipartForm.Value, "only")
	var lib []*tender.File
	if !only {
		lib = s.snapshot().Cases
	}
	fs, err := cases.AddCases(lib, files)
	if err != nil {
		return nil, BadRequest("case", err)
	}
	// The cases given decide whether a backtest exists (too few decided
	// contests to fit the model on): an input error.
	rep, err := tender.BacktestAll(tender.DefaultRule, fs)
	return rep, engineError("case", err)
}

func (s *Server) apiTenderBacktestUpload(r *http.Request) (any, error) { return s.backtestUpload(r) }
