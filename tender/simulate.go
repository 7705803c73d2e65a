package tender

import (
	"context"
	"fmt"
	"math/rand/v2"

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
	score := make([][]float64, opt.Runs)
	cost := make([][]float64, opt.Runs)
	scoreAll, costAll := make([]float64, opt.Runs*n), make([]float64, opt.Runs*n)
	for r := range score {
		score[r], cost[r] = scoreAll[r*n:(r+1)*n:(r+1)*n], costAll[r*n:(r+1)*n:(r+1)*n]
	}
	winner := make([]int, opt.Runs)
	clamped := make([][]bool, opt.Runs)
	runErr := make([]error, opt.Runs)
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
		var sc scratch
		var pcg rand.PCG
		return func(r int) {
			pcg.Seed(opt.Seed, uint64(r))
			src := &pcg
			for k, name := range names {
				v := t.Uncertain[name].Sample(src)
				if params[k].Check(v) != nil {
					if clamped[r] == nil {
						clamped[r] = make([]bool, len(names))
					}
					clamped[r][k] = true
					v = params[k].Clamp(v)
				}
				*params[k].Ptr = v
			}
			res, err := evaluate(&c, &sc)
			if err != nil {
				runErr[r] = err
				return
			}
			for _, o := range res.Offers {
				i := index[o.ID]
				score[r][i], cost[r][i] = o.Score, o.Financing.Total
			}
			winner[r] = index[res.Winner]
		}
	})
	if err != nil {
		return nil, err
	}
	for r, e := range runErr {
		if e != nil {
			return nil, fmt.Errorf("run %d: %w", r, e)
		}
	}
	res := &MCResult{Runs: opt.Runs, Seed: opt.Seed}
	for k, name := range names {
		c := 0
		for r := range clamped {
			if clamped[r] != nil && clamped[r][k] {
				c++
			}
		}
		if c > 0 {
			if res.Clamped == nil {
				res.Clamped = map[string]int{}
			}
			res.Clamped[name] = c
		}
	}
	// Each offer's score and financing cost, summarised in parallel.
	cols := make([][]float64, 0, 2*len(t.Offers))
	wins := make([]int, len(t.Offers))
	for i := range t.Offers {
		s, f := make([]float64, opt.Runs), make([]float64, opt.Runs)
		for r := range score {
			if winner[r] == i {
				wins[i]++
			}
			s[r], f[r] = score[r][i], cost[r][i]
		}
		cols = append(cols, s, f)
	}
	st := mc.SummarizeEach(opt.Workers, cols...)
	for i, o := range t.Offers {
		res.Offers = append(res.Offers, MCOffer{ID: o.ID, WinProb: float64(wins[i]) / float64(opt.Runs),
			Score: st[2*i], FinancingCost: st[2*i+1]})
	}
	return res, nil
}
