package auction

import "math"

// Spectral collocation for two bidders with a common lower bound and no
// binding reserve.
//
// With two bidders the inverse-bid system reads
//
//	φ_i'(b) = R_i(φ_i) / (φ_j − b),  R_i = F_i/f_i,  j ≠ i,
//
// with φ_i(ℓ) = ℓ and φ_i(b̄) = h_i (Lebrun 1999). Instead of shooting
// backward from trial top bids, the boundary-value problem is solved at
// once (the projection approach of Hubbard, Kirkegaard & Paarsch 2013,
// here by collocation). Write X = b̄ − ℓ, τ = (b − ℓ)/X ∈ [0, 1] and
// s = √τ, and represent each inverse bid as
//
//	φ_i = ℓ + X τ g_i(s),  g_i(s) = Σ_n a_{i,n} T_n(2s − 1),
//
// a Chebyshev series. The factor τ builds in φ_i(ℓ) = ℓ; the variable
// s = √τ smooths the non-integer powers of the solution at the singular
// bottom: near ℓ, with F_i ∝ (v − ℓ)^{k_i}, g_i(0) = 1 + 1/k_j and the
// solution family leaving the bottom grows like τ^λ,
// λ = √((k_1+1)(k_2+1)) (λ = √6 for uniform against power 2), which in s
// is s^{2λ}. Dividing the system by X τ gives the equations, regular at
// s = 0,
//
//	r_i(s) = (g_i + s g_i'/2)(g_j − 1) − g_i Q_i(X s² g_i) = 0,
//	Q_i(y) = R_i(ℓ + y)/y  (Q_i(0) = 1/k_i),
//
// and the top conditions X g_i(1) = h_i − ℓ. Unknowns: 2(N+1)
// coefficients and X. Equations: r_1 at the N+1 Chebyshev–Lobatto points
// of s, r_2 at the N of them other than s = 0 (at the singular point the
// equations only restate the bottom slopes, and one of them is implied by
// the rest), and the two top conditions. Newton's method with an analytic
// Jacobian solves them (chord steps reuse the factorisation once the
// residual falls tenfold per step). A degree-10 solve, started from a
// quadratic in τ with the exact bottom slopes and the top bid of two
// uniform bidders with the same supports, starts degree 20, and degrees 32
// and 44 follow while the solution is not resolved and the decay of its
// coefficients promises that the next degree will resolve it.
//
// The result is accepted only if the residuals r_i stay below a tolerance
// on a grid four times finer than the collocation points (plus points
// halving toward s = 0), the top conditions hold, the last Chebyshev
// coefficients are negligible, and the inverse bids are increasing and
// above the diagonal; otherwise the solver falls back to shooting.
// Where F(ℓ+y) would lose digits to cancellation (F < 1e-3) it is
// integrated from the density; a density too steep for one Gauss–Kronrod
// rule there also sends the case to shooting.

// Acceptance: the last three Chebyshev coefficients are below
// spectralTailTol relative to the largest (the truncation error of the
// series; in the test cases the error of the bids is below this figure)
// and the residuals r_i, which are of order one, below spectralResidTol on
// the check grid.
const (
	spectralTailTol  = 1e-10
	spectralResidTol = 1e-8
)

// spectralDist returns the order k of F near its lower bound ℓ
// (F ∝ (v − ℓ)^k) and Q(y) = F(ℓ+y)/(f(ℓ+y)·y), and reports whether the
// distribution is smooth enough on its support (positive finite density
// at the top, power behaviour at the bottom) for the spectral method.
// konst reports that Q is the constant 1/k.
func spectralDist(d Dist) (k float64, q func(y float64) float64, konst, ok bool) {
	lo, hi := d.Support()
	generic := func(y float64) float64 {
		if y <= 0 {
			return 1
		}
		// Newton iterates may step outside the support.
		v := math.Min(lo+y, hi)
		y = v - lo
		F := d.CDF(v)
		if F < 1e-3 {
			// F(ℓ+y) = F(ℓ+y) − F(ℓ) cancels in the CDF near the bottom:
			// integrate the density instead.
			var out, buf [1]float64
			pdf := func(x float64, r []float64) { r[0] = d.PDF(x) }
			if gk15(pdf, lo, v, out[:], buf[:]) > 1e-14*out[0] {
				// A density varying steeply near the bottom: not
				// smooth enough for this method (NaN stops Newton).
				return math.NaN()
			}
			F = out[0]
		}
		return F / (d.PDF(v) * y)
	}
	switch t := d.(type) {
	case Uniform:
		return 1, func(float64) float64 { return 1 }, true, true
	case Power:
		c := 1 / t.Exponent
		return t.Exponent, func(float64) float64 { return c }, true, true
	case *truncCached:
		if t.logx && !(t.lo > 0) {
			return 0, nil, false, false
		}
		return 1, generic, false, true
	case reflected:
		switch u := t.d.(type) {
		case Uniform:
			return 1, func(float64) float64 { return 1 }, true, true
		case Power:
			if u.Exponent == 1 {
				return 1, func(float64) float64 { return 1 }, true, true
			}
		case *truncCached:
			if u.logx && !(u.lo > 0) {
				return 0, nil, false, false
			}
			return 1, generic, false, true
		}
	}
	return 0, nil, false, false
}

// chebBasis fills T[n] = T_n(2s−1) and D[n] = d/ds T_n(2s−1).
func chebBasis(s float64, T, D []float64) {
	t := 2*s - 1
	N := len(T) - 1
	T[0], D[0] = 1, 0
	if N == 0 {
		return
	}
	T[1], D[1] = t, 2
	// U_{n−1}: d/dt T_n = n U_{n−1}.
	u0, u1 := 1.0, 2*t
	for n := 2; n <= N; n++ {
		T[n] = 2*t*T[n-1] - T[n-2]
		D[n] = 2 * float64(n) * u1
		u0, u1 = u1, 2*t*u1-u0
	}
}

// chebEval returns g(s) and g'(s) for the series a in T_n(2s−1)
// (Clenshaw's recurrence for the value and for the derivative series).
func chebEval(a []float64, s float64) (g, dg float64) {
	t := 2*s - 1
	t2 := 2 * t
	// Clenshaw for Σ a_n T_n(t) and, for the derivative
	// d/dt Σ a_n T_n = Σ n a_n U_{n−1}(t), for the U series.
	var b1, b2, c1, c2 float64
	for n := len(a) - 1; n >= 1; n-- {
		an := a[n]
		b1, b2 = t2*b1-b2+an, b1
		c1, c2 = t2*c1-c2+float64(n)*an, c1
	}
	return t*b1 - b2 + a[0], 2 * c1
}

// spectralSol is a converged collocation solution.
type spectralSol struct {
	l, X float64
	a    [2][]float64
	// resid is the largest |r_i| on the check grid, tail the largest of
	// the last three coefficients relative to the largest one.
	resid, tail float64
}

// phi returns φ_k(b) and φ_k'(b).
func (p *spectralSol) phi(k int, b float64) (float64, float64) {
	tau := (b - p.l) / p.X
	if tau <= 0 {
		g, _ := chebEval(p.a[k], 0)
		return p.l, g
	}
	if tau > 1 {
		tau = 1
	}
	s := math.Sqrt(tau)
	g, dg := chebEval(p.a[k], s)
	return p.l + p.X*tau*g, g + 0.5*s*dg
}

// solveTwoSpectral fills e with the collocation solution when the case is
// in its domain (two participants with a common lower bound, no binding
// reserve, smooth distributions) and the solution passes its checks; it
// reports whether it did.
func solveTwoSpectral(e *equilibrium) bool {
	if len(e.d) != 2 || len(e.part) != 2 {
		return false
	}
	l0, h0 := e.d[0].Support()
	l1, h1 := e.d[1].Support()
	if l0 != l1 || e.r > l0 || e.bLow != l0 {
		// Different lower bounds or a binding reserve.
		return false
	}
	var k [2]float64
	var q [2]func(float64) float64
	var konst [2]bool
	for i := 0; i < 2; i++ {
		var ok bool
		k[i], q[i], konst[i], ok = spectralDist(e.d[i])
		if !ok {
			return false
		}
	}
	om := [2]float64{h0 - l0, h1 - l0}
	if math.IsInf(om[0]+om[1], 0) || math.IsNaN(om[0]+om[1]) {
		return false
	}
	// A coarse solve (degree 10, unchecked) gives the start for the
	// degrees N tried in turn, each started from the previous solution,
	// until the solution is resolved.
	sol, _ := collocate(l0, om, k, q, konst, 10, nil)
	degrees := [...]int{20, 32, 44}
	prev, prevN := 0.0, 0
	for _, N := range degrees {
		next, why := collocate(l0, om, k, q, konst, N, sol)
		if why != "" {
			return false
		}
		sol = next
		if sol.tail <= spectralTailTol && sol.resid <= spectralResidTol {
			break
		}
		if N == degrees[len(degrees)-1] || sol.tail > 1e-5 {
			return false
		}
		if prev > 0 && sol.tail*math.Pow(sol.tail/prev, 12.0/float64(N-prevN)) > 10*spectralTailTol {
			// At this rate of convergence the next degree would not
			// resolve it either: leave it to shooting.
			return false
		}
		prev, prevN = sol.tail, N
	}
	e.bTop = l0 + sol.X
	e.patchTop = e.bLow
	e.phi = func(k int, b float64) float64 {
		v, _ := sol.phi(k, b)
		return v
	}
	e.dphiFn = func(k int, b float64) float64 {
		_, d := sol.phi(k, b)
		return d
	}
	e.bidFn = func(k int, v float64) float64 { return sol.bid(k, v) }
	e.phiBoth = sol.phi
	e.method = "collocation"
	e.diag["spectral_degree"] = float64(len(sol.a[0]) - 1)
	e.diag["spectral_residual"] = sol.resid
	e.diag["spectral_tail"] = sol.tail
	return true
}

// bid inverts φ_k at the value v in (ℓ, h_k) by safeguarded Newton steps
// on s.
func (p *spectralSol) bid(k int, v float64) float64 {
	// Solve X s² g(s) = v − ℓ for s in [0, 1].
	y := v - p.l
	lo, hi := 0.0, 1.0
	s := 0.5
	for it := 0; it < 100; it++ {
		g, dg := chebEval(p.a[k], s)
		f := p.X*s*s*g - y
		if f < 0 {
			lo = s
		} else {
			hi = s
		}
		df := p.X * (2*s*g + s*s*dg)
		ns := s - f/df
		if !(ns > lo && ns < hi) || !(df > 0) {
			ns = 0.5 * (lo + hi)
		}
		if math.Abs(ns-s) <= 1e-16 || hi-lo <= 1e-16 {
			s = ns
			break
		}
		s = ns
	}
	return p.l + p.X*s*s
}

// collocate solves the collocation equations (see the comment at the top
// of the file) with Chebyshev series of degree N, started from start (a
// previous solution of any degree) or, when start is nil, from the
// initial guess described there. It returns the solution with its check
// figures, or nil and the reason it failed.
func collocate(l float64, om, k [2]float64, q [2]func(float64) float64, konst [2]bool, N int, start *spectralSol) (*spectralSol, string) {
	n1 := N + 1
	nu := 2*n1 + 1 // unknowns: a_0, a_1, X
	// Collocation points (Chebyshev–Lobatto in s) and basis values.
	sp := make([]float64, n1)
	T := make([][]float64, n1)
	D := make([][]float64, n1)
	for m := range sp {
		sp[m] = 0.5 * (1 - math.Cos(math.Pi*float64(m)/float64(N)))
		T[m] = make([]float64, n1)
		D[m] = make([]float64, n1)
		chebBasis(sp[m], T[m], D[m])
	}
	sp[0] = 0
	sp[N] = 1
	// Start: X from two uniform bidders with the same supports (Plum
	// 1992), g_i quadratic in τ from its bottom value 1 + 1/k_j to its top
	// value ω_i/X.
	z := make([]float64, nu)
	X := om[0] * om[1] / (om[0] + om[1])
	for i := 0; i < 2 && start == nil; i++ {
		c := 1 + 1/k[1-i]
		d := om[i]/X - c
		// s² = 3/8 + T_1/2 + T_2/8 on s ∈ [0, 1].
		z[i*n1] = c + 3*d/8
		z[i*n1+1] = d / 2
		if N >= 2 {
			z[i*n1+2] = d / 8
		}
	}
	z[nu-1] = X
	if start != nil {
		for i := 0; i < 2; i++ {
			copy(z[i*n1:(i+1)*n1], start.a[i])
		}
		z[nu-1] = start.X
	}
	J := make([]float64, nu*nu)
	F := make([]float64, nu)
	Ft := make([]float64, nu)
	zt := make([]float64, nu)
	piv := make([]int, nu)
	g := [2][]float64{make([]float64, n1), make([]float64, n1)}
	dg := [2][]float64{make([]float64, n1), make([]float64, n1)}
	// eval fills the residual (and, when jac, the Jacobian) at z.
	eval := func(z, F []float64, jac bool) float64 {
		X := z[nu-1]
		for m := 0; m < n1; m++ {
			for i := 0; i < 2; i++ {
				a := z[i*n1 : (i+1)*n1]
				var v, dv float64
				for n := 0; n < n1; n++ {
					v += a[n] * T[m][n]
					dv += a[n] * D[m][n]
				}
				g[i][m], dg[i][m] = v, dv
			}
		}
		if jac {
			for r := range J {
				J[r] = 0
			}
		}
		row := 0
		for i := 0; i < 2; i++ {
			j := 1 - i
			for m := 0; m < n1; m++ {
				if i == 1 && m == 0 {
					continue
				}
				s := sp[m]
				gi, gj := g[i][m], g[j][m]
				s2 := s * s
				P := gi + 0.5*s*dg[i][m]
				y := X * s2 * gi
				Q := q[i](y)
				F[row] = P*(gj-1) - gi*Q
				if jac {
					dQ := 0.0
					if !konst[i] {
						h := 1e-7 * om[i]
						if y+h > om[i] {
							h = -h
						}
						dQ = (q[i](y+h) - Q) / h
					}
					Jr := J[row*nu : (row+1)*nu]
					ci, cj := i*n1, j*n1
					for n := 0; n < n1; n++ {
						Jr[ci+n] = (T[m][n]+0.5*s*D[m][n])*(gj-1) - T[m][n]*Q - gi*dQ*X*s2*T[m][n]
						Jr[cj+n] = P * T[m][n]
					}
					Jr[nu-1] = -gi * dQ * s2 * gi
				}
				row++
			}
		}
		for i := 0; i < 2; i++ {
			// Top: X g_i(1)/ω_i − 1 = 0.
			F[row] = X*g[i][N]/om[i] - 1
			if jac {
				Jr := J[row*nu : (row+1)*nu]
				for n := 0; n < n1; n++ {
					Jr[i*n1+n] = X * T[N][n] / om[i]
				}
				Jr[nu-1] = g[i][N] / om[i]
			}
			row++
		}
		nrm := 0.0
		for _, f := range F {
			nrm = math.Max(nrm, math.Abs(f))
		}
		return nrm
	}
	// Newton's method; once the residual is small the factorised Jacobian
	// is kept (chord steps) while it still reduces the residual tenfold
	// per step.
	nrm := eval(z, F, true)
	if !luFactor(J, piv, nu) {
		return nil, "singular Jacobian"
	}
	converged := false
	for it := 0; it < 40; it++ {
		luSolveFactored(J, piv, nu, F)
		// Damped step: z − λ·F (F now holds the Newton step).
		lam := 1.0
		nt := math.Inf(1)
		for tries := 0; tries < 12; tries++ {
			for r := range z {
				zt[r] = z[r] - lam*F[r]
			}
			if nt = eval(zt, Ft, false); nt < nrm {
				break
			}
			lam /= 2
		}
		if !(nt < nrm) {
			// No further decrease: the residual is at the level of
			// rounding in the distribution functions.
			converged = nrm <= 1e-10
			break
		}
		step := 0.0
		for r := range z {
			step = math.Max(step, math.Abs(lam*F[r]))
		}
		copy(z, zt)
		if step <= 1e-14*math.Max(1, math.Abs(z[nu-1])) || nt <= 1e-15 {
			converged = true
			break
		}
		if lam == 1 && nt <= 0.1*nrm && nt < 1e-3 {
			// Chord step: keep the factorisation.
			nrm = nt
			copy(F, Ft)
			continue
		}
		nrm = eval(z, F, true)
		if !luFactor(J, piv, nu) {
			return nil, "singular Jacobian"
		}
	}
	if !converged {
		return nil, "Newton did not converge"
	}
	sol := &spectralSol{l: l, X: z[nu-1], a: [2][]float64{append([]float64(nil), z[:n1]...), append([]float64(nil), z[n1:2*n1]...)}}
	if !(sol.X > 0) || !(sol.X < math.Min(om[0], om[1])) {
		return nil, "top bid out of range"
	}
	// Checks: the last coefficients are negligible, and on a grid four
	// times finer than the collocation points (uniform in s, plus points
	// clustered at the bottom) the residuals are small, the inverse bids
	// increase and stay above the diagonal.
	for i := 0; i < 2; i++ {
		amax := 0.0
		for _, c := range sol.a[i] {
			amax = math.Max(amax, math.Abs(c))
		}
		for n := N - 2; n <= N; n++ {
			sol.tail = math.Max(sol.tail, math.Abs(sol.a[i][n])/amax)
		}
	}
	M := 4 * N
	for m := 0; m <= M+8; m++ {
		var s float64
		if m <= M {
			s = float64(m) / float64(M)
		} else {
			s = math.Ldexp(1, -(m-M)) / float64(M)
		}
		var gv, dv [2]float64
		for i := 0; i < 2; i++ {
			gv[i], dv[i] = chebEval(sol.a[i], s)
		}
		for i := 0; i < 2; i++ {
			j := 1 - i
			P := gv[i] + 0.5*s*dv[i]
			r := P*(gv[j]-1) - gv[i]*q[i](sol.X*s*s*gv[i])
			if !(P > 0) || !(gv[j] > 1) {
				return nil, "inverse bid not increasing or not above the diagonal"
			}
			if !(math.Abs(r) <= sol.resid) {
				sol.resid = math.Abs(r)
				if math.IsNaN(r) {
					return nil, "residual not finite"
				}
			}
		}
	}
	for i := 0; i < 2; i++ {
		g1, _ := chebEval(sol.a[i], 1)
		if !(math.Abs(sol.X*g1-om[i]) <= 1e-13*om[i]) {
			return nil, "top condition violated"
		}
	}
	return sol, ""
}

// luFactor factorises the n×n matrix A (row-major) in place as P·A = L·U
// by Gaussian elimination with partial pivoting, recording the row
// exchanges in piv. It reports false for a singular matrix.
func luFactor(A []float64, piv []int, n int) bool {
	for c := 0; c < n; c++ {
		p, best := c, math.Abs(A[c*n+c])
		for r := c + 1; r < n; r++ {
			if v := math.Abs(A[r*n+c]); v > best {
				p, best = r, v
			}
		}
		if !(best > 0) || math.IsInf(best, 0) {
			return false
		}
		piv[c] = p
		if p != c {
			rp, rc := A[p*n:(p+1)*n], A[c*n:(c+1)*n]
			for x := range rp {
				rp[x], rc[x] = rc[x], rp[x]
			}
		}
		rc := A[c*n : (c+1)*n]
		inv := 1 / rc[c]
		for r := c + 1; r < n; r++ {
			rr := A[r*n : (r+1)*n]
			f := rr[c] * inv
			rr[c] = f
			if f == 0 {
				continue
			}
			src := rc[c+1:]
			dst := rr[c+1 : c+1+len(src)]
			for x, v := range src {
				dst[x] -= f * v
			}
		}
	}
	return true
}

// luSolveFactored overwrites b with the solution of A x = b, A factorised
// by [luFactor].
func luSolveFactored(A []float64, piv []int, n int, b []float64) {
	for c := 0; c < n; c++ {
		if p := piv[c]; p != c {
			b[p], b[c] = b[c], b[p]
		}
	}
	for r := 1; r < n; r++ {
		rr := A[r*n : r*n+r]
		s := b[r]
		for c, l := range rr {
			s -= l * b[c]
		}
		b[r] = s
	}
	for c := n - 1; c >= 0; c-- {
		rc := A[c*n : (c+1)*n]
		s := b[c]
		for x := c + 1; x < n; x++ {
			s -= rc[x] * b[x]
		}
		b[c] = s / rc[c]
	}
}
