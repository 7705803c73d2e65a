package auction

import (
	"math"
	"math/rand/v2"
	"sort"
)

// VerifyOptions configure [Result.Verify]. Zero fields take defaults.
type VerifyOptions struct {
	// Seed of the PCG source of the Monte Carlo draws (stream 0).
	Seed uint64
	// Draws is the number of simulated auctions (default 50000).
	Draws int
	// TypeGrid is the number of types per bidder at which deviations are
	// tried (default 41); BidGrid the number of deviation bids (default 400,
	// each best one refined by golden-section search).
	TypeGrid, BidGrid int
}

// MCCheck compares one equilibrium quantity with its Monte Carlo estimate.
type MCCheck struct {
	Quantity string  `json:"quantity"`
	Exact    float64 `json:"exact"`
	Estimate float64 `json:"estimate"`
	StdErr   float64 `json:"std_err"`
	// Z is (Estimate − Exact)/StdErr.
	Z float64 `json:"z"`
}

// Verification is the outcome of [Result.Verify].
type Verification struct {
	// MaxDeviationGain is the largest gain any type on the grid can obtain
	// by deviating from its equilibrium bid (in the units of the types).
	MaxDeviationGain float64 `json:"max_deviation_gain"`
	WorstBidder      string  `json:"worst_bidder"`
	WorstType        float64 `json:"worst_type"`
	WorstDeviation   float64 `json:"worst_deviation_bid"`
	Seed             uint64  `json:"seed"`
	Draws            int     `json:"draws"`
	// MonteCarlo compares win probabilities, expected profits and revenue
	// with a simulation of the equilibrium.
	MonteCarlo []MCCheck `json:"monte_carlo"`
	// Passed: no deviation gains more than 1e-7 and every Monte Carlo
	// estimate lies within 3 standard errors of the exact value.
	Passed bool `json:"passed"`
}

// DeviationTolerance is the largest deviation gain [Result.Verify] accepts.
const DeviationTolerance = 1e-7

// Verify checks the equilibrium: a best-response check (every type on a
// grid compares its profit with the best bid on a grid refined by
// golden-section search, against the others' equilibrium bid
// distributions) and a Monte Carlo simulation with a seeded PCG source.
func (r *Result) Verify(o VerifyOptions) *Verification {
	if o.Draws <= 0 {
		o.Draws = 50000
	}
	if o.TypeGrid < 2 {
		o.TypeGrid = 41
	}
	if o.BidGrid < 2 {
		o.BidGrid = 400
	}
	e := r.eq
	n := len(e.d)
	v := &Verification{Seed: o.Seed, Draws: o.Draws}
	// Best responses in value coordinates.
	bmin := math.Inf(1)
	for _, di := range e.d {
		lo, _ := di.Support()
		bmin = math.Min(bmin, lo)
	}
	if !math.IsInf(e.r, -1) {
		bmin = math.Max(bmin, e.r)
	}
	bmax := e.bTop
	for i := 0; i < n; i++ {
		win := func(b float64) float64 { return e.winAt(i, b) }
		lo, hi := e.d[i].Support()
		for g := 0; g < o.TypeGrid; g++ {
			val := lo + (hi-lo)*float64(g)/float64(o.TypeGrid-1)
			b0 := e.bid(i, val)
			eqProfit := (val - b0) * win(b0)
			top := math.Min(bmax, val)
			if !(top > bmin) {
				continue
			}
			prof := func(b float64) float64 { return (val - b) * win(b) }
			best, bestB := math.Inf(-1), bmin
			step := (top - bmin) / float64(o.BidGrid-1)
			for k := 0; k < o.BidGrid; k++ {
				b := bmin + step*float64(k)
				if p := prof(b); p > best {
					best, bestB = p, b
				}
			}
			// Golden-section refinement around the best grid bid.
			if x, fx := goldenMax(prof, math.Max(bmin, bestB-step), math.Min(top, bestB+step), 60); fx > best {
				best, bestB = fx, x
			}
			if gain := best - eqProfit; gain > v.MaxDeviationGain {
				v.MaxDeviationGain = gain
				v.WorstBidder = r.Bidders[i].Name
				v.WorstType, v.WorstDeviation = val, bestB
				if r.Form == Procurement {
					v.WorstType, v.WorstDeviation = -val, -bestB
				}
			}
		}
	}
	v.MonteCarlo = r.monteCarlo(o)
	v.Passed = v.MaxDeviationGain <= DeviationTolerance
	for _, c := range v.MonteCarlo {
		if math.Abs(c.Z) > 3 {
			v.Passed = false
		}
	}
	return v
}

// monteCarlo simulates the equilibrium with bids read from a fine table of
// each bidder's bid function.
func (r *Result) monteCarlo(o VerifyOptions) []MCCheck {
	e := r.eq
	n := len(e.d)
	const tab = 4001
	types := make([][]float64, n)
	bids := make([][]float64, n)
	for i := 0; i < n; i++ {
		lo, hi := e.d[i].Support()
		types[i] = make([]float64, tab)
		bids[i] = make([]float64, tab)
		for k := 0; k < tab; k++ {
			x := lo + (hi-lo)*float64(k)/float64(tab-1)
			types[i][k], bids[i][k] = x, e.bid(i, x)
		}
	}
	bidAt := func(i int, x float64) float64 {
		t := types[i]
		k := sort.SearchFloat64s(t, x)
		if k <= 0 {
			return bids[i][0]
		}
		if k >= tab {
			return bids[i][tab-1]
		}
		w := (x - t[k-1]) / (t[k] - t[k-1])
		return bids[i][k-1] + w*(bids[i][k]-bids[i][k-1])
	}
	rng := rand.New(rand.NewPCG(o.Seed, 0))
	m := 2*n + 1
	sum := make([]float64, m)
	sq := make([]float64, m)
	x := make([]float64, m)
	val := make([]float64, n)
	bid := make([]float64, n)
	for s := 0; s < o.Draws; s++ {
		win, best := -1, math.Inf(-1)
		for i := 0; i < n; i++ {
			val[i] = e.d[i].Quantile(rng.Float64())
			bid[i] = bidAt(i, val[i])
			if bid[i] >= e.r && bid[i] > best {
				win, best = i, bid[i]
			}
		}
		for k := range x {
			x[k] = 0
		}
		if win >= 0 {
			x[win] = 1
			x[n+win] = val[win] - bid[win]
			x[2*n] = bid[win]
		}
		for k := range x {
			sum[k] += x[k]
			sq[k] += x[k] * x[k]
		}
	}
	st := e.stats()
	exact := make([]float64, m)
	names := make([]string, m)
	for i := 0; i < n; i++ {
		exact[i], exact[n+i] = st.win[i], st.profit[i]
		names[i] = r.Bidders[i].Name + " win_probability"
		names[n+i] = r.Bidders[i].Name + " expected_profit"
	}
	exact[2*n], names[2*n] = st.revenue, "revenue"
	N := float64(o.Draws)
	out := make([]MCCheck, m)
	for k := 0; k < m; k++ {
		mean := sum[k] / N
		varr := math.Max(0, sq[k]/N-mean*mean) * N / math.Max(1, N-1)
		se := math.Sqrt(varr / N)
		c := MCCheck{Quantity: names[k], Exact: exact[k], Estimate: mean, StdErr: se}
		if k == 2*n && r.Form == Procurement {
			c.Exact, c.Estimate = -c.Exact, -c.Estimate
		}
		switch {
		case se > 0:
			c.Z = (c.Estimate - c.Exact) / se
		case math.Abs(c.Estimate-c.Exact) > 1e-9:
			c.Z = math.Inf(1)
		}
		out[k] = c
	}
	return out
}
