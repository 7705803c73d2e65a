package lcc

import (
	"context"
	"errors"
	"fmt"
	"github.com/infragame/infragame/internal/parseerr"
	"math/rand/v2"
	"sort"
	"strings"

	"github.com/infragame/infragame/mc"
	"github.com/infragame/infragame/units"
)

// Study is a set of alternatives evaluated under one analysis, with optional
// distributions for any numeric input (probabilistic mode).
type Study struct {
	Analysis     Analysis
	Alternatives []Asset
	// Uncertain maps a parameter name to its distribution. Names are those
	// of [Study.Params]: discount_rate, inflation, or ALT.PARAM where ALT is
	// an alternative's name and PARAM one of [Asset.Params] (e.g.
	// "shinkansen.capex", "cr400.components.rolling_stock.life").
	Uncertain map[string]mc.Dist
}

// Clone returns a deep copy of s (Uncertain is shared: it is read-only).
func (s Study) Clone() Study {
	alts := make([]Asset, len(s.Alternatives))
	for i, a := range s.Alternatives {
		alts[i] = a.Clone()
	}
	s.Alternatives = alts
	return s
}

// Params returns every numeric input of the study by name, aliasing s.
func (s *Study) Params() []mc.Param {
	ps := s.Analysis.Params()
	for i := range s.Alternatives {
		a := &s.Alternatives[i]
		for _, p := range a.Params() {
			p.Name = a.Name + "." + p.Name
			ps = append(ps, p)
		}
	}
	return ps
}

// Validate checks the analysis, every alternative (names unique, no dots),
// and every distribution (its name must exist, its parameters be valid).
func (s *Study) Validate() error {
	var errs []error
	if err := s.Analysis.Validate(); err != nil {
		errs = append(errs, parseerr.Prefix("analysis", err))
	}
	if len(s.Alternatives) == 0 {
		errs = append(errs, parseerr.Fieldf("alternatives", "none given"))
	}
	seen := map[string]bool{}
	for i := range s.Alternatives {
		a := &s.Alternatives[i]
		if a.Name == "" || strings.ContainsAny(a.Name, ". ") {
			errs = append(errs, parseerr.Fieldf(fmt.Sprintf("alternatives[%d].name", i), "must be a non-empty name without dots or spaces"))
		} else if seen[a.Name] {
			errs = append(errs, parseerr.Fieldf(fmt.Sprintf("alternatives[%d].name", i), "duplicate %q", a.Name))
		}
		seen[a.Name] = true
		if err := a.Validate(); err != nil {
			errs = append(errs, parseerr.Prefix(fmt.Sprintf("alternatives[%d]", i), err))
		}
	}
	ps := s.Params()
	for _, name := range sortedKeys(s.Uncertain) {
		if _, err := mc.FindParam(ps, name); err != nil {
			errs = append(errs, parseerr.AtField("uncertain", fmt.Errorf("%q: %w", name, err)))
			continue
		}
		if err := s.Uncertain[name].Validate(); err != nil {
			errs = append(errs, parseerr.Prefix(name, err))
		}
	}
	return errors.Join(errs...)
}

// Evaluate returns the deterministic life-cycle cost of every alternative.
func (s *Study) Evaluate() ([]Result, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	out := make([]Result, len(s.Alternatives))
	for i := range s.Alternatives {
		out[i] = evaluate(&s.Analysis, &s.Alternatives[i], true)
	}
	return out, nil
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// Run limits. A Monte Carlo keeps every run's results (for percentiles):
// about 60 bytes per run and output, so 10^6 runs take tens of MB and
// [MaxRuns] several GB.
const (
	// DefaultMaxRuns is the most runs front ends allow unless told more.
	DefaultMaxRuns = 1_000_000
	// MaxRuns is the most runs [Simulate] accepts.
	MaxRuns = 100_000_000
)

// MCAlternative summarises one alternative over the runs.
type MCAlternative struct {
	Name   string   `json:"name"`
	Agency mc.Stats `json:"agency_pv"`
	User   mc.Stats `json:"user_pv"`
	Host   mc.Stats `json:"host_pv"`
	NPV    mc.Stats `json:"npv"`
}

// MCDifference summarises PV(Alt) - PV(Base) per category over the runs,
// with both alternatives evaluated on the same draws of shared inputs.
type MCDifference struct {
	Base   string   `json:"base"`
	Alt    string   `json:"alt"`
	Agency mc.Stats `json:"agency_pv"`
	User   mc.Stats `json:"user_pv"`
	Host   mc.Stats `json:"host_pv"`
	// ProbAltCheaper is the share of runs where Alt's agency PV is lower.
	ProbAltCheaper float64 `json:"prob_alt_cheaper_agency"`
}

// MCResult is the outcome of a Monte Carlo simulation.
type MCResult struct {
	Runs         int             `json:"runs"`
	Seed         uint64          `json:"seed"`
	Alternatives []MCAlternative `json:"alternatives"`
	// Differences compares every alternative after the first with the first.
	Differences []MCDifference `json:"differences"`
	// Clamped counts, per parameter, the draws that fell outside its valid
	// range and were clamped to it.
	Clamped map[string]int `json:"clamped,omitempty"`
	// PV[r][i] holds run r's present values for alternative i.
	PV [][]CategoryPV `json:"-"`
}

// Simulate runs opt.Runs Monte Carlo evaluations of s. Run r draws every
// uncertain input, in name order, from a PCG source seeded with (opt.Seed,
// r), so a run's draws and the whole result are the same for any number of
// workers. Draws outside a parameter's valid range are clamped (and
// counted). It stops early with ctx's error if ctx is cancelled.
func Simulate(ctx context.Context, s Study, opt mc.Options) (*MCResult, error) {
	if opt.Runs < 1 || opt.Runs > MaxRuns {
		return nil, fmt.Errorf("lcc: runs must be in [1, %d], got %d", MaxRuns, opt.Runs)
	}
	if err := s.Validate(); err != nil {
		return nil, err
	}
	names := sortedKeys(s.Uncertain)
	n := len(s.Alternatives)
	pv := make([][]CategoryPV, opt.Runs)
	npvs := make([][]float64, opt.Runs)
	pvAll, npvAll := make([]CategoryPV, opt.Runs*n), make([]float64, opt.Runs*n)
	for r := range pv {
		pv[r], npvs[r] = pvAll[r*n:(r+1)*n:(r+1)*n], npvAll[r*n:(r+1)*n:(r+1)*n]
	}
	clamped := make([][]int, opt.Runs)
	err := mc.Parallel(ctx, opt.Runs, opt.Workers, 64, opt.Progress, func() func(int) {
		// Each worker owns a copy of the study; every run overwrites all
		// uncertain inputs, so no state carries over between runs.
		w := newRunner(&s, names)
		return func(r int) { clamped[r] = w.run(opt.Seed, r, pv[r], npvs[r]) }
	})
	if err != nil {
		return nil, err
	}

	res := &MCResult{Runs: opt.Runs, Seed: opt.Seed, PV: pv}
	for k, name := range names {
		n := 0
		for r := range clamped {
			if clamped[r] != nil && clamped[r][k] > 0 {
				n++
			}
		}
		if n > 0 {
			if res.Clamped == nil {
				res.Clamped = map[string]int{}
			}
			res.Clamped[name] = n
		}
	}
	// The columns to summarise, in the order of the loops below; they
	// are summarised in parallel (11 sorts of opt.Runs values for two
	// alternatives, serial otherwise after the parallel runs).
	var cols [][]float64
	col := func(f func(r int) float64) {
		x := make([]float64, opt.Runs)
		for r := range x {
			x[r] = f(r)
		}
		cols = append(cols, x)
	}
	cheaper := make([]int, len(s.Alternatives))
	for i := range s.Alternatives {
		col(func(r int) float64 { return pv[r][i].Agency })
		col(func(r int) float64 { return pv[r][i].User })
		col(func(r int) float64 { return pv[r][i].Host })
		col(func(r int) float64 { return npvs[r][i] })
	}
	for i := 1; i < len(s.Alternatives); i++ {
		for r := range pv {
			if pv[r][i].Agency < pv[r][0].Agency {
				cheaper[i]++
			}
		}
		col(func(r int) float64 { return pv[r][i].Agency - pv[r][0].Agency })
		col(func(r int) float64 { return pv[r][i].User - pv[r][0].User })
		col(func(r int) float64 { return pv[r][i].Host - pv[r][0].Host })
	}
	st := mc.SummarizeEach(opt.Workers, cols...)
	for _, a := range s.Alternatives {
		res.Alternatives = append(res.Alternatives, MCAlternative{
			Name: a.Name, Agency: st[0], User: st[1], Host: st[2], NPV: st[3],
		})
		st = st[4:]
	}
	for i := 1; i < len(s.Alternatives); i++ {
		res.Differences = append(res.Differences, MCDifference{
			Base:           s.Alternatives[0].Name,
			Alt:            s.Alternatives[i].Name,
			Agency:         st[0],
			User:           st[1],
			Host:           st[2],
			ProbAltCheaper: float64(cheaper[i]) / float64(opt.Runs),
		})
		st = st[3:]
	}
	return res, nil
}

// runner evaluates Monte Carlo runs on its own copy of a study, with its
// own random source and evaluator buffers.
type runner struct {
	s      *Study
	c      Study
	names  []string
	params []mc.Param
	src    rand.PCG
	eval   evaluator
}

func newRunner(s *Study, names []string) *runner {
	w := &runner{s: s, c: s.Clone(), names: names}
	ps := w.c.Params()
	for _, name := range names {
		p, _ := mc.FindParam(ps, name) // names were validated
		w.params = append(w.params, p)
	}
	return w
}

// run evaluates run r into out and npv (one entry per alternative) and
// returns, per uncertain name, whether the draw was clamped (nil if none
// was).
func (w *runner) run(seed uint64, r int, out []CategoryPV, npv []float64) []int {
	w.src.Seed(seed, uint64(r))
	src := &w.src
	var clamped []int
	for k, name := range w.names {
		p := w.params[k]
		v := w.s.Uncertain[name].Sample(src)
		if p.Check(v) != nil {
			if clamped == nil {
				clamped = make([]int, len(w.names))
			}
			clamped[k] = 1
			v = p.Clamp(v)
		}
		*p.Ptr = v
	}
	for i := range w.c.Alternatives {
		res := w.eval.evaluate(&w.c.Analysis, &w.c.Alternatives[i], false)
		out[i], npv[i] = res.PV, res.NPV
	}
	return clamped
}

// RunDocument is the document of `infragame lcc run` without --runs (and
// of the web API's /api/v1/lcc/run): the study's conventions under
// "analysis" (its rates in percent: discount_rate_pct, inflation_pct) and
// each alternative's [Result] under "alternatives".
func RunDocument(s *Study, res []Result) map[string]any {
	an := s.Analysis
	return map[string]any{"analysis": map[string]any{"horizon": an.Horizon, "discount_rate_pct": units.PercentOf(an.DiscountRate), "inflation_pct": units.PercentOf(an.Inflation),
		"nominal": an.Nominal, "convention": an.Convention.String(), "currency": an.Currency, "price_year": an.PriceYear},
		"alternatives": res}
}
