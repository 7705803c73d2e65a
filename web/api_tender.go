package web

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/infragame/infragame/brief"
	"github.com/infragame/infragame/cases"
	"github.com/infragame/infragame/contest"
	"github.com/infragame/infragame/tender"
	"github.com/infragame/infragame/units"
)

// tenderRoutes are the endpoints of the tender and contest engines and of
// the brief: the documents of "infragame tender evaluate", "tender
// backtest", "contest analyze" and "brief".
func (s *Server) tenderRoutes() []route {
	return []route{
		{Method: "GET", Pattern: "/api/v1/tender/{id}/evaluate", Summary: "Rank a library case's offers with every term and the host-choice model (infragame tender evaluate case:ID)", Handle: s.apiTenderEvaluateCase, Cache: true},
		{Method: "POST", Pattern: "/api/v1/tender/evaluate", Summary: "Rank the offers of a tender or case file in the body (infragame tender evaluate FILE)", Handle: s.apiTenderEvaluateFile},
		{Method: "GET", Pattern: "/api/v1/tender/{id}/map", Summary: "Who wins where: the winner and its margin over a grid of two inputs of a library case (infragame tender map case:ID)", Handle: s.apiTenderMapCase, Cache: true},
		{Method: "POST", Pattern: "/api/v1/tender/map", Summary: "Who wins where for the tender or case file in the body (infragame tender map FILE)", Handle: s.apiTenderMapFile},
		{Method: "GET", Pattern: "/api/v1/tender/backtest", Summary: "Predict every case of the library, in and out of sample (infragame tender backtest)", Handle: s.apiTenderBacktest, Cache: true},
		{Method: "GET", Pattern: "/api/v1/contest/{id}", Summary: "Compete or cooperate in one case, with thresholds and the offer game (infragame contest analyze case:ID)", Handle: s.apiContestCase, Cache: true},
		{Method: "GET", Pattern: "/api/v1/brief", Summary: "The seed paper's picture computed from the data (infragame brief)", Handle: s.apiBrief, Cache: true},
	}
}

// maxTenderRuns bounds the Monte Carlo runs of one evaluation request (the
// command line allows more, behind --max-runs).
const maxTenderRuns = 10000

// querySeed reads seed (default 1, as the command line's --seed).
func querySeed(q url.Values) (uint64, error) {
	v := q.Get("seed")
	if v == "" {
		return 1, nil
	}
	n, err := strconv.ParseUint(v, 10, 64)
	if err != nil {
		return 0, badRequestf("seed", "seed: %q is not a whole number ≥ 0", v)
	}
	return n, nil
}

// evaluate ranks the offers of f as "tender evaluate" does.
func (s *Server) evaluate(r *http.Request, f *tender.File) (any, error) {
	q := r.URL.Query()
	seed, err := querySeed(q)
	if err != nil {
		return nil, err
	}
	runs := 0
	if v := q.Get("runs"); v != "" {
		if runs, err = strconv.Atoi(v); err != nil || runs < 0 || runs > maxTenderRuns {
			return nil, badRequestf("runs", "runs: want a whole number from 0 to %d, got %q", maxTenderRuns, v)
		}
	}
	t, err := f.EvaluationTender()
	if err != nil {
		return nil, BadRequest("", err)
	}
	m, err := cases.ChoiceModel()
	if err != nil {
		return nil, err
	}
	return tender.EvaluateAll(r.Context(), t, tender.EvaluateOptions{Model: m, Stress: f.HostStress(), Seed: seed, Runs: runs})
}

func (s *Server) apiTenderEvaluateCase(r *http.Request) (any, error) {
	f, err := s.caseFile(r.PathValue("id"))
	if err != nil {
		return nil, err
	}
	return s.evaluate(r, f)
}

func (s *Server) apiTenderEvaluateFile(r *http.Request) (any, error) {
	f, err := uploadedCase(r)
	if err != nil {
		return nil, err
	}
	return s.evaluate(r, f)
}

func (s *Server) apiTenderBacktest(r *http.Request) (any, error) {
	return tender.BacktestAll(tender.DefaultRule, s.snapshot().Cases)
}

// share reads a share given in percent, 0–100, as the CLI's flags take it
// (nil when absent), checks it for plausibility (units.Check; allow_unusual
// keeps an unusual value) and returns it as a fraction. The field is
// NAME_pct; NAME alone, as links written before the _pct names had it, is
// read the same way (a percentage, so an old fraction such as 0.3 is
// refused as unusual with the percentage it probably meant), and giving
// both is refused.
func share(r *http.Request, name string) (*float64, error) {
	q := r.URL.Query()
	if q.Has(name + "_pct") {
		if q.Has(name) {
			return nil, badRequestf(name, "%s and %s_pct give the same share: give only %s_pct (a percentage: 12 is 12 %%)", name, name, name)
		}
		name += "_pct"
	}
	if !q.Has(name) {
		return nil, nil
	}
	v, err := queryFloat(q, name, 0)
	if err != nil {
		return nil, err
	}
	if v < 0 || v > 100 {
		return nil, badRequestf(name, "%s: %g %% is outside 0–100 %% (a percentage: 12 is 12 %%)", name, v)
	}
	opt, err := allowUnusual(r)
	if err != nil {
		return nil, err
	}
	if u := units.Check(units.Share, units.Percent, v); u != nil && !opt.AllowUnusual {
		return nil, badRequestf(name, "%s: %v", name, u)
	}
	f := units.FractionOf(v)
	return &f, nil
}

func (s *Server) apiContestCase(r *http.Request) (any, error) {
	q := r.URL.Query()
	f, err := s.caseFile(r.PathValue("id"))
	if err != nil {
		return nil, err
	}
	var o contest.Overrides
	for name, dst := range map[string]**float64{"host_power": &o.HostPower, "synergy": &o.Synergy, "civil_share": &o.CivilShare} {
		if *dst, err = share(r, name); err != nil {
			return nil, err
		}
	}
	seed, err := querySeed(q)
	if err != nil {
		return nil, err
	}
	st, err := contest.SetupOf(f, o)
	if err != nil {
		return nil, BadRequest("", err)
	}
	if err := st.Validate(); err != nil {
		return nil, BadRequest("", err)
	}
	m, err := cases.ChoiceModel()
	if err != nil {
		return nil, err
	}
	return contest.AnalyzeCase(r.Context(), f, st, contest.CaseOptions{Verify: queryBool(q, "verify"), Choice: &m, Seed: seed})
}

func (s *Server) apiBrief(r *http.Request) (any, error) {
	d := s.snapshot()
	return brief.Build(d.Set, d.Cases)
}
