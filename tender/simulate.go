package tender

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sync"

	"github.com/infragame/infragame/lcc"
	"github.com/infragame/infragame/mc"
)

// MCOffer summarises one offer over the Monte Carlo runs.
type MCOffer struct {
	ID string `json:"id"`
	// WinProb is the share of runs the offer ranks first.
	WinProb float64 `json:"win_prob"`
	// Score and FinancingCost are the distributions of its score under the
	// host's rule and of its financing-adjusted cost.
	Score         mc.Stats `json:"score"`
	FinancingCost mc.Stats `json:"financing_cost"`
}

// MCResult is the outcome of [Simulate].
type MCResult struct {
	Runs   int       `json:"runs"`
	Seed   uint64    `json:"seed"`
	Offers []MCOffer `json:"offers"`
	// Clamped counts, per parameter, the draws clamped to its valid range.
	Clamped map[string]int `json:"clamped,omitempty"`
}

// Simulate evaluates the tender opt.Runs times with every parameter of
// t.Uncertain drawn, in name order, from a PCG source seeded with
// (opt.Seed, run): the result does not depend on opt.Workers. Draws
// outside a parameter's valid range are clamped and counted. It reports
// each offer's probability of winning and the distributions of its score
// and financing-adjusted cost.
func Simulate(ctx context.Context, t Tender, opt mc.Options) (*MCResult, error) {
	if opt.Runs < 1 || opt.Runs > lcc.MaxRuns {
		return nil, fmt.Errorf("tender: runs must be in [1, %d], got %d", lcc.MaxRuns, opt.Runs)
	}
	if err := t.Validate(); err != nil {
		return nil, err
	}
	names := sortedDistKeys(t.Uncertain)
	n := len(t.Offers)
	// The workers write each run's outputs straight into the columns that
	// are summarised (offer i's score in cols[2i], its financing cost in
	// cols[2i+1]) and count wins and clamped draws themselves, so nothing
	// but the summaries is left after the parallel runs.
	cols := make([][]float64, 2*n)
	for k := range cols {
		cols[k] = make([]float64, opt.Runs)
	}
	// Each worker's tally: per uncertain name the runs whose draw was
	// clamped, then per offer its wins; and its first failed run.
	type tally struct {
		counts []int
		errRun int
		err    error
	}
	var (
		mu      sync.Mutex
		tallies []*tally
	)
	err := mc.Parallel(ctx, opt.Runs, opt.Workers, 32, opt.Progress, func() func(int) {
		c := t.Clone()
		ps := c.Params()
		params := make([]mc.Param, len(names))
		for k, name := range names {
			params[k], _ = mc.FindParam(ps, name)
		}
		index := map[string]int{}
		for i, o := range c.Offers {
			index[o.ID] = i
		}
		tl := &tally{counts: padded(len(names) + n)}
		mu.Lock()
		tallies = append(tallies, tl)
		mu.Unlock()
		clamped, wins := tl.counts[:len(names)], tl.counts[len(names):]
		var sc scratch
		var pcg rand.PCG
		return func(r int) {
			pcg.Seed(opt.Seed, uint64(r))
			src := &pcg
			for k, name := range names {
				v := t.Uncertain[name].Sample(src)
				if params[k].Check(v) != nil {
					clamped[k]++
					v = params[k].Clamp(v)
				}
				*params[k].Ptr = v
			}
			res, err := evaluate(&c, &sc)
			if err != nil {
				if tl.err == nil {
					tl.errRun, tl.err = r, err
				}
				return
			}
			for _, o := range res.Offers {
				i := index[o.ID]
				cols[2*i][r], cols[2*i+1][r] = o.Score, o.Financing.Total
			}
			wins[index[res.Winner]]++
		}
	})
	if err != nil {
		return nil, err
	}
	// The error of the first run that failed, whichever worker ran it.
	var first *tally
	for _, tl := range tallies {
		if tl.err != nil && (first == nil || tl.errRun < first.errRun) {
			first = tl
		}
	}
	if first != nil {
		return nil, fmt.Errorf("run %d: %w", first.errRun, first.err)
	}
	res := &MCResult{Runs: opt.Runs, Seed: opt.Seed}
	counts := make([]int, len(names)+n)
	for _, tl := range tallies {
		for k, c := range tl.counts {
			counts[k] += c
		}
	}
	clamped, wins := counts[:len(names)], counts[len(names):]
	for k, name := range names {
		if clamped[k] > 0 {
			if res.Clamped == nil {
				res.Clamped = map[string]int{}
			}
			res.Clamped[name] = clamped[k]
		}
	}
	st := mc.SummarizeEach(opt.Workers, cols...)
	for i, o := range t.Offers {
		res.Offers = append(res.Offers, MCOffer{ID: o.ID, WinProb: float64(wins[i]) / float64(opt.Runs),
			Score: st[2*i], FinancingCost: st[2*i+1]})
	}
	return res, nil
}

// padded returns a slice of n zeros with a cache line (64 bytes) of
// unused memory on each side, for counters a worker writes on every run:
// without it two workers' small allocations can share a cache line, which
// then bounces between their cores (false sharing).
func padded(n int) []int {
	const pad = 8 // ints a cache line
	return make([]int, n+2*pad)[pad : pad+n : pad+n]
}
