package auction

import (
	"context"
	"fmt"
	"math"
)

// eqStats are the ex-ante statistics of an equilibrium in value
// coordinates.
type eqStats struct {
	win, profit []float64 // per bidder (all n)
	revenue     float64   // E[winning bid · 1{sale}]
	winnerValue float64   // E[winner's value · 1{sale}]
}

// stats integrates over the bid b in [bLow, bTop]. With G_k(b) =
// F_k(φ_k(b)), the density of "bidder k wins with bid b" is
//
//	w_k(b) = Π_{j≠k} G_j(b) · f_k(φ_k(b)) φ_k'(b),
//
// so P(k wins) = ∫ w_k, E[profit_k] = ∫ (φ_k − b) w_k, revenue = ∫ b Σ w_k
// and E[winner's value] = ∫ Σ φ_k w_k.
func (e *equilibrium) stats() *eqStats {
	st, _ := e.statsContext(context.Background())
	return st
}

// statsContext is stats stopped by ctx (polled between pieces).
func (e *equilibrium) statsContext(ctx context.Context) (*eqStats, error) {
	n := len(e.d)
	if e.symStats != nil {
		return e.symStats, nil
	}
	st := &eqStats{win: make([]float64, n), profit: make([]float64, n)}
	if e.single {
		i := e.part[0]
		_, hi := e.d[i].Support()
		p := e.bLow
		st.win[i] = e.d[i].Survival(p)
		st.profit[i] = integrate(e.d[i].Survival, p, hi, 1e-14*(hi-p+1), breaksOf(e.d[i])...)
		st.revenue = p * st.win[i]
		st.winnerValue = st.revenue + st.profit[i]
		return st, nil
	}
	m := len(e.part)
	phi := make([]float64, m)
	G := make([]float64, m)
	dph := make([]float64, m)
	hint := 0
	// acc sets y to the integrands at bid b from phi and dph (the slopes
	// in the variable of integration).
	acc := func(b float64, y []float64) {
		for k := range y {
			y[k] = 0
		}
		for k, i := range e.part {
			G[k] = e.d[i].CDF(phi[k])
		}
		for k, i := range e.part {
			Hm := 1.0
			for j := range e.part {
				if j != k {
					Hm *= G[j]
				}
			}
			w := Hm * e.d[i].PDF(phi[k]) * dph[k]
			if math.IsNaN(w) || math.IsInf(w, 0) {
				w = 0
			}
			y[k] = w
			y[m+k] = (phi[k] - b) * w
			y[2*m] += b * w
			y[2*m+1] += phi[k] * w
		}
	}
	f := func(b float64, y []float64) {
		switch {
		case e.phiAll != nil:
			e.phiAll(b, &hint, phi, dph)
		case e.phiBoth != nil:
			for k := range e.part {
				phi[k], dph[k] = e.phiBoth(k, b)
			}
		default:
			for k := range e.part {
				phi[k], dph[k] = e.phi(k, b), e.dphi(k, b)
			}
		}
		acc(b, y)
	}
	sum := make([]float64, 2*m+2)
	span := e.bTop - e.bLow
	scale := 1.0
	for _, i := range e.part {
		lo, hi := e.d[i].Support()
		scale = math.Max(scale, math.Max(math.Abs(lo), math.Abs(hi)))
	}
	if e.knots != nil {
		// Piecewise-cubic solution: one 7-point Gauss rule per piece
		// between consecutive steps (the patch below keeps Gauss–Kronrod
		// 15). Against Gauss–Kronrod 15 per piece it moves the golden
		// figures by at most 7.2e-11 relative (the contest case; 3.4e-12
		// for the ten-bidder benchmark), far below the solver's own
		// accuracy (the revenue moves by a few 1e-8 with any change of
		// the shots' rounding), for 7 instead of 15 evaluations of every
		// bidder's CDF and density per piece (issue 17.5). The win
		// probabilities' sum of the contest case moves from 1 − 3e-15 to
		// 1 + 3e-13; the no-sale probability is clamped at 0.
		out := make([]float64, 2*m+2)
		buf := make([]float64, 2*m+2)
		if d := e.patchTop - e.bLow; d > 0 {
			// The patch is smooth in u = √((b − bLow)/d), or in
			// u = ((b − bLow)/d)^patchPow when its smallest power is
			// below 1/2 (see patchIn): substitute.
			g := func(u float64, y []float64) {
				f(e.bLow+d*u*u, y)
				for k := range y {
					y[k] *= 2 * d * u
				}
			}
			if e.patchIn != nil {
				// Powers below 1/2: in the patch's own variable, without
				// forming bids that round to bLow.
				g = func(u float64, y []float64) {
					acc(e.bLow+e.patchIn(u, phi, dph), y)
				}
			}
			for c := 0; c < 8; c++ {
				gk15Sum(g, float64(c)/8, float64(c+1)/8, out, buf)
				for k := range sum {
					sum[k] += out[k]
				}
			}
		}
		for p := 0; p+1 < len(e.knots); p++ {
			if e.knots[p+1] <= e.patchTop {
				continue
			}
			if p%cancelEvery == 0 && ctx.Err() != nil {
				return nil, fmt.Errorf("auction: statistics stopped: %w", context.Cause(ctx))
			}
			g7Sum(f, e.knots[p], e.knots[p+1], out, buf)
			for k := range sum {
				sum[k] += out[k]
			}
		}
	} else {
		// Substitute b = bLow + span·u², which removes the
		// inverse-square-root singularity of the bid density at a binding
		// reserve, and grade the pieces toward the bottom.
		g := func(u float64, y []float64) {
			f(e.bLow+span*u*u, y)
			for k := range y {
				y[k] *= 2 * span * u
			}
		}
		pts := []float64{1}
		for x := 0.5; x > 1e-7; x /= 2 {
			pts = append(pts, x)
		}
		pts = append(pts, 0)
		for p := 0; p+1 < len(pts); p++ {
			a, b := pts[p+1], pts[p]
			integrateVec(g, a, b, 2*m+2, 1e-14*scale*(b-a), sum)
		}
	}
	for k, i := range e.part {
		st.win[i] = sum[k]
		st.profit[i] = sum[m+k]
	}
	st.revenue = sum[2*m]
	st.winnerValue = sum[2*m+1]
	return st, nil
}

// spStats is the second-price benchmark in value coordinates.
type spStats struct {
	win, profit              []float64
	revenue, surplus, noSale float64
}

// secondPrice computes the second-price auction with reserve r, where
// every type bids its value. With H(t) = Π_j F_j(t), H_{−i} the product
// without i and r' = max(r, min_j ℓ_j):
//
//	E[max value · 1{sale}] = r'(1 − H(r')) + ∫_{r'}^{h} (1 − H(t)) dt,
//	P(i wins) = ∫_{r'} H_{−i}(t) f_i(t) dt,
//	E[profit_i] = ∫_{r'} H_{−i}(t) (1 − F_i(t)) dt,
//
// and revenue is the surplus less the profits.
func secondPrice(d []Dist, r float64) *spStats {
	n := len(d)
	L0, U := math.Inf(1), math.Inf(-1)
	var br []float64
	for _, di := range d {
		lo, hi := di.Support()
		L0, U = math.Min(L0, lo), math.Max(U, hi)
		br = append(br, breaksOf(di)...)
	}
	if !math.IsInf(r, 0) {
		br = append(br, r)
	}
	r0 := math.Max(r, L0)
	scale := math.Max(1, math.Max(math.Abs(L0), math.Abs(U)))
	tol := 1e-14 * scale
	H := func(t float64) float64 {
		p := 1.0
		for _, di := range d {
			p *= di.CDF(t)
		}
		return p
	}
	Hm := func(i int, t float64) float64 {
		p := 1.0
		for j, dj := range d {
			if j != i {
				p *= dj.CDF(t)
			}
		}
		return p
	}
	sp := &spStats{win: make([]float64, n), profit: make([]float64, n)}
	sp.noSale = H(r0)
	sp.surplus = r0*(1-sp.noSale) + integrate(func(t float64) float64 { return 1 - H(t) }, r0, U, tol, br...)
	tot := 0.0
	for i, di := range d {
		_, hi := di.Support()
		sp.win[i] = integrate(func(t float64) float64 { return Hm(i, t) * di.PDF(t) }, r0, hi, tol, br...)
		sp.profit[i] = integrate(func(t float64) float64 { return Hm(i, t) * di.Survival(t) }, r0, hi, tol, br...)
		tot += sp.profit[i]
	}
	sp.revenue = sp.surplus - tot
	return sp
}
