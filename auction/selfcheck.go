package auction

import (
	"fmt"
	"math"
)

// SelfCheckTolerance is the largest best-response gain, as a fraction of
// the span of the types (highest type minus lowest winning bid), that a
// numerical solution may show on the self-check grid before [Solve]
// refuses it with [ErrNoConvergence]. The check is coarse (a grid of 21
// types per bidder against 201 bids, no refinement), so it catches a
// failed solve, not the last digits: [Result.Verify] is the fine check.
const SelfCheckTolerance = 1e-3

// selfCheck tests a numerical solution before it is returned: the win
// and no-sale probabilities must add up to 1 (within SelfCheckTolerance)
// and no type on a grid may gain more than SelfCheckTolerance × span by
// bidding on a grid of bids against the others' equilibrium bid
// distributions. Backward shooting is unstable near the lowest winning
// bid (Fibich & Gavish 2011), and when several bidders' inverse bids
// meet the diagonal there (bidders whose lowest types cannot win) the
// bracket on the top bid may not resolve the solution; such a solution
// is an error, never a silent answer.
//
// Cost: n·201 evaluations of the bid distributions and n·21 inversions
// of the bid functions, then O(n²·201) products.
func (r *Result) selfCheck() error {
	e := r.eq
	if e.single {
		return nil
	}
	sum := r.NoSaleProbability
	for _, b := range r.Bidders {
		sum += b.WinProbability
	}
	if math.Abs(sum-1) > SelfCheckTolerance || math.IsNaN(sum) {
		return fmt.Errorf("%w: the win and no-sale probabilities of the solution add up to %.6g, not 1", ErrNoConvergence, sum)
	}
	const typeGrid, bidGrid = 21, 201
	n := len(e.d)
	span := 0.0
	bmin := math.Inf(1)
	for _, di := range e.d {
		lo, hi := di.Support()
		span = math.Max(span, hi-e.bLow)
		bmin = math.Min(bmin, lo)
	}
	bmin = math.Max(bmin, e.bLow)
	if !math.IsInf(e.r, -1) {
		bmin = math.Max(bmin, e.r)
	}
	bmax := e.bTop
	if !(bmax > bmin) || !(span > 0) {
		return nil
	}
	bids := make([]float64, bidGrid)
	cdf := make([][]float64, n)
	for k := range bids {
		bids[k] = bmin + (bmax-bmin)*float64(k)/float64(bidGrid-1)
	}
	for j := range cdf {
		cdf[j] = make([]float64, bidGrid)
		for k, b := range bids {
			cdf[j][k] = e.bidCDF(j, b)
		}
	}
	tol := SelfCheckTolerance * span
	for i := 0; i < n; i++ {
		if !e.active(i) {
			continue
		}
		lo, hi := e.d[i].Support()
		for g := 0; g < typeGrid; g++ {
			v := lo + (hi-lo)*float64(g)/float64(typeGrid-1)
			if v <= bmin {
				continue
			}
			b0 := e.bid(i, v)
			eq := (v - b0) * e.winAt(i, b0)
			for k, b := range bids {
				if b >= v {
					break
				}
				p := v - b
				for j := 0; j < n && p > eq+tol; j++ {
					if j != i {
						p *= cdf[j][k]
					}
				}
				if p-eq > tol {
					name := r.Bidders[i].Name
					t, d := v, b
					if r.Form == Procurement {
						t, d = -v, -b
					}
					return fmt.Errorf("%w: the numerical solution fails its best-response check: %s at type %.6g gains %.3g by bidding %.6g instead of %.6g (tolerance %.3g); the shooting method cannot resolve this auction — check it with 'auction solve --verify', or simplify the supports (bidders whose lowest types cannot win, different highest types)",
						ErrNoConvergence, name, t, p-eq, d, sign(r.Form)*b0, tol)
				}
			}
		}
	}
	return nil
}

// winAt is the probability that bidder i (value coordinates) wins with
// bid b against the others' equilibrium bids: 0 below the reserve, else
// Π_{j≠i} P(bid_j < b).
func (e *equilibrium) winAt(i int, b float64) float64 {
	if b < e.r {
		return 0
	}
	p := 1.0
	for j := range e.d {
		if j != i {
			p *= e.bidCDF(j, b)
		}
	}
	return p
}

func sign(f Form) float64 {
	if f == Procurement {
		return -1
	}
	return 1
}
