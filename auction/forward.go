package auction

import (
	"math"
)

// Forward shooting for two bidders at a binding reserve.
//
// With two bidders the inverse-bid system reads φ_i' = H_i(φ_i)/(φ_j − b),
// H_i = F_i/f_i. Backward shots from a trial top bid are unstable near
// the bottom (their deviations grow like a negative power of b − b_low),
// which makes them many and long. Integrated upward from the bottom the
// same deviations decay, and the solutions leaving the bottom form a
// one-parameter family known in closed form to leading order; the top
// conditions φ_1(b̄) = h_1, φ_2(b̄) = h_2 then fix the parameter by a
// one-dimensional root search on a smooth miss (the boundary-value view
// of Fibich & Gavish 2011; Marshall et al. 1994 shoot backward instead).
//
// At a binding reserve r above both lower bounds, with y_i = φ_i − b and
// u = b − r, the system is y_i' = H_i(φ_i)/y_j − 1 with y_i(r) = 0. A
// leading balance gives y_1 = c·u^α_1, y_2 = (R_1 + R_2)/c · u^α_2 with
// α_i = R_i/(R_1 + R_2), R_i = H_i(r): different powers for the two
// bidders unless R_1 = R_2, which is why the square-root variable of the
// collocation path does not fit this bottom. The shots start there at
// u_0 = 1e-9 of the span with parameter p = ln c. Linearised about the
// leading terms, a deviation (1 + ε_i) has ε_1 + ε_2 decaying like u_0/u
// (the mode backward shots excite) and the other combination neutral (a
// change of c, which the search absorbs), so the start's truncation
// error is forgotten upward.
//
// The miss of a shot is measured at the highest types: at a loose
// tolerance the other bidder's deficit where the first inverse bid
// reaches its highest type (cheap, with a kink at the root), at the final
// one the difference of the bids at which the two reach them, the system
// continued beyond the first (smooth in p). Both are positive when bidder
// 0 is ahead, and increase with p.
//
// Different lower bounds were tried the same way (unknowns φ_2 − b and
// ln(φ_1 − ℓ_1), whose flat start exp(−1/(kκu)) becomes a shift of the
// logarithm): correct, but the miss is about 1e4 times as sensitive to the
// parameter and the shots needed as many evaluations as the backward
// shots, so those auctions stay with the shooting solver.
type forward struct {
	sh   *shooter // F/f of the two bidders
	bLow float64
	span float64
	h    [2]float64
	// α_i and R_1 + R_2 at the reserve.
	alpha [2]float64
	rsum  float64
	b0    float64 // start of the shots
	// cont: a shot's miss is the difference of the bids at which the
	// two inverse bids reach their highest types (see forward).
	cont  bool
	evals int
	k     [7][2]float64
	yt    [2]float64
}

// phis returns the inverse bids at b of the state z.
func (f *forward) phis(b float64, z [2]float64) (float64, float64) {
	return b + z[0], b + z[1]
}

// ratio is F_i/f_i at x, continued linearly beyond the highest type for
// uniform and power distributions (the shots continue beyond it to
// measure their miss) and constant for the others.
func (f *forward) ratio(i int, x float64) float64 {
	if c := f.sh.linK[i]; c > 0 && x > f.sh.lo[i] {
		return (x - f.sh.lo[i]) / c
	}
	return f.sh.ratio(i, x)
}

// rhs evaluates z' at b; false when an inverse bid is at or below the
// diagonal or a value is not finite.
func (f *forward) rhs(b float64, z [2]float64, out *[2]float64) bool {
	f.evals++
	if !(z[0] > 0 && z[1] > 0) {
		return false
	}
	out[0] = f.ratio(0, b+z[0])/z[1] - 1
	out[1] = f.ratio(1, b+z[1])/z[0] - 1
	return out[0]-out[0] == 0 && out[1]-out[1] == 0
}

// slopes returns φ' from z'.
func (f *forward) slopes(dz [2]float64) (float64, float64) {
	return dz[0] + 1, dz[1] + 1
}

// forwardMaxSteps bounds a forward shot (they take a few hundred steps).
const forwardMaxSteps = 20000

// run integrates from (b, z) upward with Dormand–Prince 5(4) until the
// miss is known (see forward). It returns the bid and state where the
// first inverse bid reaches its highest type, the miss, and false when
// the shot failed before (step size underflow, too many steps). With rec
// non-nil the accepted steps up to there are recorded (b increasing).
func (f *forward) run(b float64, z [2]float64, tol float64, rec *trajectory) (float64, [2]float64, float64, bool) {
	var k0 [2]float64
	if !f.rhs(b, z, &k0) {
		return b, z, 0, false
	}
	record := func(b float64, z, dz [2]float64) {
		if rec == nil {
			return
		}
		p0, p1 := f.phis(b, z)
		d0, d1 := f.slopes(dz)
		rec.b = append(rec.b, b)
		rec.phi = append(rec.phi, rec.keep([]float64{p0, p1}))
		rec.dph = append(rec.dph, rec.keep([]float64{d0, d1}))
	}
	record(b, z, k0)
	k := &f.k
	k[0] = k0
	atol := tol * f.span
	hmin := 1e-15 * f.span
	h := 1e-3 * (b - f.bLow)
	var crossed [2]bool
	var cross [2]float64
	var endB float64
	var endZ [2]float64
	for steps := 0; steps < forwardMaxSteps; steps++ {
		ok := true
		for st := 1; st < 7 && ok; st++ {
			yt := z
			for j := 0; j < st; j++ {
				ha := h * dpA[st][j]
				yt[0] += ha * k[j][0]
				yt[1] += ha * k[j][1]
			}
			f.yt = yt
			ok = f.rhs(b+dpC[st]*h, yt, &k[st])
		}
		errNorm := 0.0
		if ok {
			for i := 0; i < 2; i++ {
				e := 0.0
				for j := 0; j < 7; j++ {
					e += dpE[j] * k[j][i]
				}
				e *= h
				sc := atol + tol*math.Abs(f.yt[i])
				if v := math.Abs(e) / sc; v > errNorm || v != v {
					errNorm = v
				}
			}
		}
		if !ok || !(errNorm <= 1) {
			if h <= hmin {
				return f.failed(crossed, endB, endZ, b, z)
			}
			h = math.Max(hmin, 0.25*h)
			continue
		}
		bNew := b + h
		zNew := f.yt
		p0, p1 := f.phis(bNew, zNew)
		if c0, c1 := p0 >= f.h[0], p1 >= f.h[1]; (c0 && !crossed[0]) || (c1 && !crossed[1]) {
			// An inverse bid reaches its highest type within the step:
			// locate the crossing on the step's cubic Hermite interpolant.
			var dl, dr, ql [2]float64
			dl[0], dl[1] = f.slopes(k[0])
			dr[0], dr[1] = f.slopes(k[6])
			ql[0], ql[1] = f.phis(b, z)
			pr := [2]float64{p0, p1}
			hs := bNew - b
			first := !crossed[0] && !crossed[1]
			var at [2]float64
			for i, c := range [2]bool{c0, c1} {
				if !c || crossed[i] {
					continue
				}
				lo, hi := 0.0, 1.0
				for it := 0; it < 60; it++ {
					mid := 0.5 * (lo + hi)
					if hermiteValue(ql[i], pr[i], dl[i]*hs, dr[i]*hs, mid) >= f.h[i] {
						hi = mid
					} else {
						lo = mid
					}
				}
				crossed[i], cross[i], at[i] = true, b+hi*hs, hi
			}
			if first {
				// The first crossing ends the recorded solution.
				s := at[0]
				if !c0 || (c1 && at[1] < s) {
					s = at[1]
				}
				endB, endZ = b+s*hs, zNew
				if rec != nil {
					rec.b = append(rec.b, endB)
					rec.phi = append(rec.phi, rec.keep([]float64{
						math.Min(hermiteValue(ql[0], pr[0], dl[0]*hs, dr[0]*hs, s), f.h[0]),
						math.Min(hermiteValue(ql[1], pr[1], dl[1]*hs, dr[1]*hs, s), f.h[1])}))
					rec.dph = append(rec.dph, rec.keep([]float64{
						hermiteSlope(ql[0], pr[0], dl[0]*hs, dr[0]*hs, hs, s),
						hermiteSlope(ql[1], pr[1], dl[1]*hs, dr[1]*hs, hs, s)}))
					rec = nil
				}
			}
			if first && !f.cont {
				// The deficit of the other bidder at the first crossing.
				if !crossed[0] {
					return endB, endZ, (hermiteValue(ql[0], pr[0], dl[0]*hs, dr[0]*hs, (endB-b)/hs) - f.h[0]) / f.span, true
				}
				if !crossed[1] {
					return endB, endZ, (f.h[1] - hermiteValue(ql[1], pr[1], dl[1]*hs, dr[1]*hs, (endB-b)/hs)) / f.span, true
				}
			}
			if crossed[0] && crossed[1] {
				// The miss: how much later the second bidder reaches its
				// highest type (the system continued beyond the first
				// one's), positive when bidder 0 is ahead.
				return endB, endZ, (cross[1] - cross[0]) / f.span, true
			}
		}
		b, z = bNew, zNew
		k[0] = k[6]
		if !crossed[0] && !crossed[1] {
			record(b, z, k[0])
		}
		h *= stepFactor(errNorm)
		h = math.Min(h, forwardStepShare*(b-f.bLow))
	}
	return f.failed(crossed, endB, endZ, b, z)
}

// failed is the result of a shot that could not continue: after one
// inverse bid reached its highest type, a miss of ±1 for that bidder
// ahead; before, a failure.
func (f *forward) failed(crossed [2]bool, endB float64, endZ [2]float64, b float64, z [2]float64) (float64, [2]float64, float64, bool) {
	switch {
	case crossed[0]:
		return endB, endZ, 1, true
	case crossed[1]:
		return endB, endZ, -1, true
	}
	return b, z, 0, false
}

// shot integrates from b0 with parameter p and returns the miss. A shot
// that fails on the way (an inverse bid falls onto the diagonal) counts as
// a miss of ±1: the other bidder is far ahead.
func (f *forward) shot(p, tol float64, rec *trajectory) (float64, bool) {
	u0 := f.b0 - f.bLow
	z := [2]float64{math.Exp(p) * math.Pow(u0, f.alpha[0]), f.rsum * math.Exp(-p) * math.Pow(u0, f.alpha[1])}
	if rec != nil {
		rec.reset()
	}
	_, zEnd, miss, ok := f.run(f.b0, z, tol, rec)
	if !ok {
		if zEnd[1] < zEnd[0] {
			return 1, false // bidder 1 fell onto the diagonal
		}
		return -1, false
	}
	return miss, true
}

// solveTwoForward solves two bidders at a binding reserve by forward
// shooting (see forward). It returns false, leaving e unchanged, for other
// auctions and when the search does not converge; the shooting solver
// then takes the auction.
func solveTwoForward(e *equilibrium, o Options) bool {
	if len(e.d) != 2 || len(e.part) != 2 {
		return false
	}
	var lo, hi [2]float64
	for i := 0; i < 2; i++ {
		lo[i], hi[i] = e.d[i].Support()
		if !forwardDist(e.d[i]) {
			return false
		}
	}
	if !(e.bLow == e.r && lo[0] < e.r && lo[1] < e.r) {
		return false
	}
	f := &forward{bLow: e.bLow, h: hi}
	f.span = math.Max(hi[0], hi[1]) - e.bLow
	if !(f.span > 0) || math.IsInf(f.span, 0) {
		return false
	}
	f.sh = newShooter(e.d, e.bLow)
	R0, R1 := f.sh.ratio(0, e.r), f.sh.ratio(1, e.r)
	if !(R0 > 0 && R1 > 0) || math.IsInf(R0+R1, 0) {
		return false
	}
	f.rsum = R0 + R1
	f.alpha = [2]float64{R0 / f.rsum, R1 / f.rsum}
	f.b0 = e.bLow + 1e-9*f.span
	var up trajectory
	p, miss, ok := f.search(o, &up)
	if !ok {
		return false
	}
	// useTrajectory takes b decreasing from the top bid.
	n := len(up.b)
	tr := &trajectory{b: make([]float64, n), phi: make([][]float64, n), dph: make([][]float64, n)}
	for i := 0; i < n; i++ {
		tr.b[i] = up.b[n-1-i]
		tr.phi[i] = up.phi[n-1-i]
		tr.dph[i] = up.dph[n-1-i]
	}
	e.bTop = tr.b[0]
	tr.phi[0] = []float64{hi[0], hi[1]}
	// Below b0 the patch takes the leading powers u^α_i.
	e.useTrajectory(tr, f.span, f.alpha[:])
	e.diag["rhs_evals"] = float64(f.evals)
	e.diag["steps"] = float64(n)
	e.diag["forward_parameter"] = p
	e.diag["forward_miss"] = miss
	e.method = "forward"
	return true
}

// forwardMissTol is the largest miss (a share of the span) of an accepted
// forward solution.
const forwardMissTol = 1e-9

// search finds the parameter whose shot reaches both highest types at the
// same bid. At a loose tolerance (1e-7) it brackets the root by steps
// doubling from 1 and narrows the bracket by Illinois steps (regula falsi,
// bisection when they stall) to a miss below 1e-3; at the final
// tolerance, secant steps from there, started with the last bracket's
// slope, until the miss is below forwardMissTol or three steps in a row
// have not improved it (the misses are then at the integration's noise).
// The root at the loose tolerance is off by about 2e-4 in p (a miss of
// 3e-3 at the final one), so the phases do not share a bracket and the
// first phase stops early. rec receives the final shot with the smallest
// miss.
func (f *forward) search(o Options, rec *trajectory) (float64, float64, bool) {
	p := 0.5 * math.Log(f.rsum) // c_1 = c_2
	const tol1 = 1e-7
	m, _ := f.shot(p, tol1, nil)
	pa, ma := p, m
	step := 1.0
	var pb, mb float64
	found := m == 0
	pb, mb = p, m
	for it := 0; it < 60 && !found; it++ {
		q := pa - math.Copysign(step, ma)
		mq, _ := f.shot(q, tol1, nil)
		if mq == 0 || (mq > 0) != (ma > 0) {
			pb, mb, found = q, mq, true
			break
		}
		pa, ma = q, mq
		step *= 2
	}
	if !found {
		return 0, 0, false
	}
	// ta, tb: the true misses at pa, pb (ma, mb are halved by Illinois).
	ta, tb := ma, mb
	side, stall := 0, 0
	for it := 0; it < 100 && mb != 0 && math.Abs(mb) > 1e-3; it++ {
		if o.ctx != nil && o.ctx.Err() != nil {
			return 0, 0, false
		}
		w := math.Abs(pb - pa)
		q := pb - mb*(pb-pa)/(mb-ma)
		if stall >= 2 || !(q > math.Min(pa, pb) && q < math.Max(pa, pb)) {
			q, stall = 0.5*(pa+pb), 0
		}
		mq, _ := f.shot(q, tol1, nil)
		if (mq > 0) == (mb > 0) {
			pb, mb, tb = q, mq, mq
			if side == 1 {
				ma /= 2
			}
			side = 1
		} else {
			pa, ma, ta = q, mq, mq
			if side == -1 {
				mb /= 2
			}
			side = -1
		}
		if math.Abs(pb-pa) > 0.5*w {
			stall++
		} else {
			stall = 0
		}
		if math.Abs(pb-pa) <= 4e-16*math.Max(1, math.Abs(q)) {
			break
		}
	}
	slope := (tb - ta) / (pb - pa)
	if !(slope > 0) || math.IsInf(slope, 0) {
		return 0, 0, false
	}
	// Final tolerance.
	f.cont = true
	var scratch trajectory
	bestP, bestM := pb, math.Inf(1)
	p0 := pb
	m0, ok0 := f.shot(p0, o.Tol, &scratch)
	if ok0 {
		bestP, bestM = p0, m0
		*rec, scratch = scratch, *rec
	}
	worse := 0
	for it := 0; it < 30 && math.Abs(m0) > forwardMissTol && worse < 3; it++ {
		if o.ctx != nil && o.ctx.Err() != nil {
			return 0, 0, false
		}
		p1 := p0 - m0/slope
		if math.Abs(p1-p0) <= 4e-16*math.Max(1, math.Abs(p0)) {
			break
		}
		m1, ok1 := f.shot(p1, o.Tol, &scratch)
		if ok1 && math.Abs(m1) < math.Abs(bestM) {
			bestP, bestM, worse = p1, m1, 0
			*rec, scratch = scratch, *rec
		} else {
			worse++ // noise-limited
		}
		if s := (m1 - m0) / (p1 - p0); s > 0 && !math.IsInf(s, 0) {
			slope = s
		}
		p0, m0 = p1, m1
	}
	return bestP, bestM, math.Abs(bestM) <= forwardMissTol
}

// forwardDist reports whether forward shooting handles d: densities
// positive and smooth up to the highest type (uniform, power with
// exponent ≥ 1 or on a positive lower bound, truncated normal and
// log-normal), also reflected for procurement.
func forwardDist(d Dist) bool {
	if r, ok := d.(reflected); ok {
		d = r.d
	}
	switch d.(type) {
	case Uniform, Power, TruncNormal, TruncLogNormal, *truncCached:
		return true
	}
	return false
}

// forwardStepShare bounds a step by this share of the distance to the
// bottom.
const forwardStepShare = 1
