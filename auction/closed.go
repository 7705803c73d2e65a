package auction

import (
	"math"
	"sort"
)

// solveSymmetric fills e with the symmetric equilibrium (Riley &
// Samuelson 1981; Krishna 2010, Auction Theory, eq. 2.11 with a reserve):
// with n bidders of common distribution F and effective reserve
// r' = max(r, ℓ),
//
//	β(v) = v − ∫_{r'}^{v} F(t)^{n−1} dt / F(v)^{n−1},  v ≥ r',
//
// each bidder wins with probability (1 − F(r')^n)/n and earns
// ∫_{r'}^{h} F(t)^{n−1}(1 − F(t)) dt; revenue equals that of the
// second-price auction.
func solveSymmetric(e *equilibrium) (*equilibrium, error) {
	F := e.d[0]
	n := float64(len(e.d))
	lo, hi := F.Support()
	r0 := e.bLow
	pw := func(t float64) float64 { return math.Pow(F.CDF(t), n-1) }
	// Tabulate C(v) = ∫_{r'}^{v} F^{n−1} on a grid (one Gauss–Kronrod rule
	// per cell); the bid at any v adds one rule over the last part cell.
	const tab = 2001
	v0 := math.Max(lo, r0)
	vs := make([]float64, tab)
	cum := make([]float64, tab)
	bs := make([]float64, tab)
	out, buf := make([]float64, 1), make([]float64, 1)
	g := func(x float64, y []float64) { y[0] = pw(x) }
	for k := range vs {
		vs[k] = v0 + (hi-v0)*float64(k)/float64(tab-1)
		if k > 0 {
			gk15(g, vs[k-1], vs[k], out, buf)
			cum[k] = cum[k-1] + out[0]
		}
	}
	bid := func(v float64) float64 {
		if v <= r0 {
			return v
		}
		den := pw(v)
		if den == 0 {
			return v
		}
		k := min(tab-1, max(0, int((v-v0)/(hi-v0)*float64(tab-1))))
		for k > 0 && vs[k] > v {
			k--
		}
		o, bb := make([]float64, 1), make([]float64, 1)
		gk15(g, vs[k], v, o, bb)
		return v - (cum[k]+o[0])/den
	}
	for k := range vs {
		bs[k] = bid(vs[k])
	}
	e.bidFn = func(_ int, v float64) float64 { return bid(v) }
	e.bTop = bid(hi)
	// The inverse bid is only needed for best-response checks: interpolate
	// the tabulated bid function's inverse linearly.
	e.phi = func(_ int, b float64) float64 {
		k := sort.SearchFloat64s(bs, b)
		if k <= 0 {
			return vs[0]
		}
		if k >= tab {
			return vs[tab-1]
		}
		w := (b - bs[k-1]) / (bs[k] - bs[k-1])
		return vs[k-1] + w*(vs[k]-vs[k-1])
	}
	k := len(e.d)
	st := &eqStats{win: make([]float64, k), profit: make([]float64, k)}
	w := (1 - math.Pow(F.CDF(r0), n)) / n
	prof := integrate(func(t float64) float64 { return pw(t) * F.Survival(t) }, r0, hi, 1e-15*(hi-lo), breaksOf(F)...)
	for i := range st.win {
		st.win[i], st.profit[i] = w, prof
	}
	sp := secondPrice(e.d, e.r)
	st.revenue = sp.revenue
	st.winnerValue = sp.surplus
	e.symStats = st
	e.method = "symmetric"
	return e, nil
}

// asUniform reports whether d is uniform and returns its support.
func asUniform(d Dist) (lo, hi float64, ok bool) {
	switch t := d.(type) {
	case Uniform:
		return t.Low, t.High, true
	case Power:
		if t.Exponent == 1 {
			return t.Low, t.High, true
		}
	case reflected:
		if l, h, ok := asUniform(t.d); ok {
			return -h, -l, true
		}
	}
	return 0, 0, false
}

// solveTwoUniform fills e with the closed form for two uniform bidders on
// [ℓ, ℓ+ω_1] and [ℓ, ℓ+ω_2] (common lower bound) and reports whether it
// applied. Write x = b − ℓ.
//
// Without a binding reserve (Griesmer, Levitan & Shubik 1967; Plum 1992;
// Krishna 2010, §4.3):
//
//	φ_i = ℓ + 2x/(1 + k_i x²), k_i = 1/ω_i² − 1/ω_j²,  b̄ = ℓ + ω_1ω_2/(ω_1 + ω_2).
//
// With a reserve ℓ + ρ, 0 < ρ < min ω_i (the two-bidder uniform case with
// a minimum bid of Kaplan & Zamir 2012, written through the identity
// (φ_1 − b)(φ_2 − b) = x² − ρ² that the system implies):
//
//	1/(φ_i − ℓ) = x/ρ² + C_i √(x² − ρ²),
//	b̄ = ℓ + (ρ² + ω_1ω_2)/(ω_1 + ω_2),
//	C_i = (1/ω_i − x̄/ρ²)/√(x̄² − ρ²).
func solveTwoUniform(e *equilibrium) bool {
	l1, h1, ok1 := asUniform(e.d[0])
	l2, h2, ok2 := asUniform(e.d[1])
	if !ok1 || !ok2 || l1 != l2 {
		return false
	}
	l := l1
	w := [2]float64{h1 - l, h2 - l}
	rho := e.r - l
	if rho <= 0 || math.IsInf(e.r, -1) {
		k := [2]float64{1/(w[0]*w[0]) - 1/(w[1]*w[1]), 1/(w[1]*w[1]) - 1/(w[0]*w[0])}
		e.bTop = l + w[0]*w[1]/(w[0]+w[1])
		e.phi = func(i int, b float64) float64 {
			x := b - l
			return l + 2*x/(1+k[i]*x*x)
		}
		e.dphiFn = func(i int, b float64) float64 {
			x := b - l
			q := 1 + k[i]*x*x
			return 2 * (1 - k[i]*x*x) / (q * q)
		}
		e.bidFn = func(i int, v float64) float64 {
			y := v - l
			// Root of k y x² − 2x + y = 0 in [0, y], in a stable form.
			return l + y/(1+math.Sqrt(1-k[i]*y*y))
		}
		e.method = "closed-form two uniform (Plum 1992)"
		return true
	}
	xb := (rho*rho + w[0]*w[1]) / (w[0] + w[1])
	sq := math.Sqrt(xb*xb - rho*rho)
	c := [2]float64{(1/w[0] - xb/(rho*rho)) / sq, (1/w[1] - xb/(rho*rho)) / sq}
	e.bTop = l + xb
	e.phi = func(i int, b float64) float64 {
		x := b - l
		if x <= rho {
			return l + rho
		}
		return l + 1/(x/(rho*rho)+c[i]*math.Sqrt(x*x-rho*rho))
	}
	e.dphiFn = func(i int, b float64) float64 {
		x := b - l
		if x <= rho {
			return math.Inf(1)
		}
		s := math.Sqrt(x*x - rho*rho)
		z := x/(rho*rho) + c[i]*s
		return -(1/(rho*rho) + c[i]*x/s) / (z * z)
	}
	e.method = "closed-form two uniform with reserve (Kaplan & Zamir 2012)"
	return true
}

// breaksOf returns the points where d's density may be non-smooth.
func breaksOf(d Dist) []float64 {
	switch t := d.(type) {
	case Empirical:
		return t.X
	case reflected:
		b := breaksOf(t.d)
		out := make([]float64, len(b))
		for i, x := range b {
			out[i] = -x
		}
		return out
	}
	lo, hi := d.Support()
	return []float64{lo, hi}
}
