package lcc

import (
	"context"
	"errors"
	"fmt"
	"github.com/infragame/infragame/internal/parseerr"
	"math/rand/v2"
	"sort"
	"strings"
	"sync"

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
	// The outputs are written by the workers as they go, so that nothing
	// but the summaries is left after the parallel runs: each run's PVs
	// (pv, for MCResult.PV), and the columns that are summarised, in the
	// order of the summaries below (per alternative agency, user, host,
	// npv; per difference with the first agency, user, host). Each
	// worker counts its clamped draws and cheaper runs, summed at the end.
	pv := make([][]CategoryPV, opt.Runs)
	pvAll := make([]CategoryPV, opt.Runs*n)
	cols := make([][]float64, 4*n+3*(n-1))
	for k := range cols {
		cols[k] = make([]float64, opt.Runs)
	}
	// tallies[w] holds worker w's counts: per uncertain name the runs
	// whose draw was clamped, then per alternative the runs where it is
	// cheaper (agency PV) than the first.
	var (
		mu      sync.Mutex
		tallies [][]int
	)
	err := mc.Parallel(ctx, opt.Runs, opt.Workers, 64, opt.Progress, func() func(int) {
		// Each worker owns a copy of the study; every run overwrites all
		// uncertain inputs, so no state carries over between runs.
		w := newRunner(&s, names)
		t := padded[int](len(names) + n)
		mu.Lock()
		tallies = append(tallies, t)
		mu.Unlock()
		clamped, cheaper := t[:len(names)], t[len(names):]
		npv := padded[float64](n)
		return func(r int) {
			out := pvAll[r*n : (r+1)*n : (r+1)*n]
			pv[r] = out
			w.run(opt.Seed, r, out, npv, clamped)
			for i := range n {
				cols[4*i][r], cols[4*i+1][r], cols[4*i+2][r], cols[4*i+3][r] = out[i].Agency, out[i].User, out[i].Host, npv[i]
			}
			for i := 1; i < n; i++ {
				if out[i].Agency < out[0].Agency {
					cheaper[i]++
				}
				k := 4*n + 3*(i-1)
				cols[k][r], cols[k+1][r], cols[k+2][r] = out[i].Agency-out[0].Agency, out[i].User-out[0].User, out[i].Host-out[0].Host
			}
		}
	})
	if err != nil {
		return nil, err
	}

	res := &MCResult{Runs: opt.Runs, Seed: opt.Seed, PV: pv}
	counts := make([]int, len(names)+n)
	for _, t := range tallies {
		for k, c := range t {
			counts[k] += c
		}
	}
	clamped, cheaper := counts[:len(names)], counts[len(names):]
	for k, name := range names {
		if clamped[k] > 0 {
			if res.Clamped == nil {
				res.Clamped = map[string]int{}
			}
			res.Clamped[name] = clamped[k]
		}
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

// padded returns a slice of n zeros with a cache line (64 bytes) of
// unused memory on each side, for a worker's counters or scratch that it
// writes on every run: without it two workers' small allocations can
// share a cache line, which then bounces between their cores (false
// sharing).
func padded[T int | float64](n int) []T {
	const pad = 8 // 8-byte elements a cache line
	return make([]T, n+2*pad)[pad : pad+n : pad+n]
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
// adds 1 to clamped[k] if the draw of the k-th uncertain name was clamped.
func (w *runner) run(seed uint64, r int, out []CategoryPV, npv []float64, clamped []int) {
	w.src.Seed(seed, uint64(r))
	src := &w.src
	for k, name := range w.names {
		p := w.params[k]
		v := w.s.Uncertain[name].Sample(src)
		if p.Check(v) != nil {
			clamped[k]++
			v = p.Clamp(v)
		}
		*p.Ptr = v
	}
	for i := range w.c.Alternatives {
		res := w.eval.evaluate(&w.c.Analysis, &w.c.Alternatives[i], false)
		out[i], npv[i] = res.PV, res.NPV
	}
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
