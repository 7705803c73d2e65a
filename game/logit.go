package game

import (
	"context"
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// LogitOptions tunes [Logit].
type LogitOptions struct {
	// MaxLambda ends the path (default 1e6, as gambit-logit).
	MaxLambda float64
	// FirstStep is the initial arclength step (default 0.03).
	FirstStep float64
	// MaxSteps bounds the number of predictor–corrector steps (default 10000).
	MaxSteps int
	// Tol is the regret, relative to the payoff range, that the limit
	// profile must meet (default 1e−6).
	Tol float64
}

// LogitResult is the result of [Logit].
type LogitResult struct {
	// Path holds the traced points (T = λ).
	Path []PathPoint `json:"path"`
	// Equilibrium is the limiting Nash equilibrium: the last point of the
	// path, refined by Newton's method on its support and verified.
	Equilibrium Equilibrium `json:"equilibrium"`
}

// jacobianBlocks returns w[i][k][j][l] = u_i(j, l, p_{−i,−k}) for i ≠ k:
// player i's expected payoff when i plays j and k plays l, the others mixing
// according to p. Its sum over l weighted by p_kl is v_ij.
func (g *Game) jacobianBlocks(p Profile) [][][][]float64 {
	n := g.NumPlayers()
	shape := g.Shape()
	w := make([][][][]float64, n)
	for i := range n {
		w[i] = make([][][]float64, n)
		for k := range n {
			if k == i {
				continue
			}
			w[i][k] = make([][]float64, shape[i])
			for j := range w[i][k] {
				w[i][k][j] = make([]float64, shape[k])
			}
		}
	}
	s := make([]int, n)
	for idx := range g.NumProfiles() {
		g.Profile(idx, s)
		for i := range n {
			u := g.Payoffs[i][idx]
			if u == 0 {
				continue
			}
			for k := range n {
				if k == i {
					continue
				}
				wt := 1.0
				for l := range n {
					if l != i && l != k {
						wt *= p[l][s[l]]
					}
				}
				w[i][k][s[i]][s[k]] += wt * u
			}
		}
	}
	return w
}

// Logit traces the principal branch of the logit quantal response
// equilibrium correspondence (McKelvey & Palfrey 1995, Games Econ. Behav.
// 10, 6–38) from the centroid at λ = 0 towards λ = MaxLambda, as
// gambit-logit (Turocy 2005, Games Econ. Behav. 51, 243–263). In the
// variables z_ij = ln p_ij and λ, a QRE solves, for each player i,
//
//	Σ_j p_ij = 1,   z_ij − z_i1 − λ·(v_ij − v_i1) = 0  (j ≥ 2),
//
// with v_ij = u_i(j, p_{−i}); the solution set is a curve that is followed
// by pseudo-arclength continuation (Euler predictor, Newton corrector on
// the system augmented with the tangent, adaptive step; Allgower & Georg
// 1990, Numerical Continuation Methods, ch. 2). The limit of the branch as
// λ → ∞ is a Nash equilibrium; the last point is refined by Newton's method
// on its support (trying a few support thresholds) and returned when its
// regret is within Tol·R, R the payoff range. Far along the branch the
// probabilities of dying strategies underflow and the corrector may stall
// before MaxLambda; the last point is then treated the same way, and the
// error says where the path stopped if it does not pass.
func Logit(ctx context.Context, g *Game, opts LogitOptions) (*LogitResult, error) {
	if err := g.Validate(); err != nil {
		return nil, err
	}
	if opts.MaxLambda <= 0 {
		opts.MaxLambda = 1e6
	}
	if opts.FirstStep <= 0 {
		opts.FirstStep = 0.03
	}
	if opts.MaxSteps <= 0 {
		opts.MaxSteps = 10000
	}
	if opts.Tol <= 0 {
		opts.Tol = 1e-6
	}
	shape := g.Shape()
	n := len(shape)
	off := make([]int, n+1)
	for i, s := range shape {
		off[i+1] = off[i] + s
	}
	N := off[n]
	toProfile := func(z []float64) Profile {
		p := make(Profile, n)
		for i := range n {
			p[i] = make([]float64, shape[i])
			for j := range p[i] {
				p[i][j] = math.Exp(z[off[i]+j])
			}
		}
		return p
	}
	// residual and Jacobian at z (len N+1, last = λ).
	eval := func(z []float64, h []float64, jac *mat.Dense) {
		p := toProfile(z)
		v := g.StrategyValues(p)
		lam := z[N]
		var w [][][][]float64
		if jac != nil {
			w = g.jacobianBlocks(p)
			jac.Zero()
		}
		for i := range n {
			r0 := off[i]
			s := 0.0
			for j := range shape[i] {
				s += p[i][j]
			}
			h[r0] = s - 1
			if jac != nil {
				for j := range shape[i] {
					jac.Set(r0, off[i]+j, p[i][j])
				}
			}
			for j := 1; j < shape[i]; j++ {
				r := off[i] + j
				h[r] = z[off[i]+j] - z[off[i]] - lam*(v[i][j]-v[i][0])
				if jac == nil {
					continue
				}
				jac.Set(r, off[i]+j, 1)
				jac.Set(r, off[i], -1)
				for k := range n {
					if k == i {
						continue
					}
					for l := range shape[k] {
						jac.Set(r, off[k]+l, -lam*(w[i][k][j][l]-w[i][k][0][l])*p[k][l])
					}
				}
				jac.Set(r, N, -(v[i][j] - v[i][0]))
			}
		}
	}
	z := make([]float64, N+1)
	for i := range n {
		for j := range shape[i] {
			z[off[i]+j] = -math.Log(float64(shape[i]))
		}
	}
	jac := mat.NewDense(N, N+1, nil)
	aug := mat.NewDense(N+1, N+1, nil)
	hv := make([]float64, N)
	rhs := mat.NewVecDense(N+1, nil)
	sol := mat.NewVecDense(N+1, nil)
	// tangent solves [J; tᵀ]·t' = e_{N+1}.
	tangent := func(z, prev []float64) ([]float64, error) {
		eval(z, hv, jac)
		aug.Slice(0, N, 0, N+1).(*mat.Dense).Copy(jac)
		for c := range N + 1 {
			aug.Set(N, c, prev[c])
		}
		rhs.Zero()
		rhs.SetVec(N, 1)
		if err := sol.SolveVec(aug, rhs); err != nil {
			return nil, err
		}
		t := make([]float64, N+1)
		norm := 0.0
		for c := range t {
			t[c] = sol.AtVec(c)
			norm += t[c] * t[c]
		}
		norm = math.Sqrt(norm)
		for c := range t {
			t[c] /= norm
		}
		return t, nil
	}
	e := make([]float64, N+1)
	e[N] = 1
	t, err := tangent(z, e)
	if err != nil {
		return nil, fmt.Errorf("%w: logit path: singular Jacobian at λ = 0", ErrNoConvergence)
	}
	res := &LogitResult{Path: []PathPoint{{T: 0, Profile: toProfile(z)}}}
	h := opts.FirstStep
	zp := make([]float64, N+1)
	// stalled records why tracing stopped before MaxLambda; the last point
	// is still polished and accepted if its regret is within tolerance
	// (far along the branch, probabilities of dying strategies underflow and
	// the corrector can stall although the profile has converged).
	var stalled error
	for step := 0; z[N] < opts.MaxLambda; step++ {
		if step >= opts.MaxSteps {
			stalled = fmt.Errorf("%w: logit path reached only λ = %.4g in %d steps", ErrNoConvergence, z[N], opts.MaxSteps)
			break
		}
		if step&15 == 0 && ctx.Err() != nil {
			return res, ctx.Err()
		}
		if h < 1e-12*(1+math.Abs(z[N])) {
			stalled = fmt.Errorf("%w: logit path step vanished at λ = %.4g", ErrNoConvergence, z[N])
			break
		}
		for c := range zp {
			zp[c] = z[c] + h*t[c]
		}
		if zp[N] > opts.MaxLambda && t[N] > 0 {
			// Land on MaxLambda.
			f := (opts.MaxLambda - z[N]) / t[N]
			for c := range zp {
				zp[c] = z[c] + f*t[c]
			}
		}
		ok, iters := false, 0
		for ; iters < 12; iters++ {
			eval(zp, hv, jac)
			aug.Slice(0, N, 0, N+1).(*mat.Dense).Copy(jac)
			for c := range N + 1 {
				aug.Set(N, c, t[c])
			}
			for r := range N {
				rhs.SetVec(r, -hv[r])
			}
			rhs.SetVec(N, 0)
			if err := sol.SolveVec(aug, rhs); err != nil {
				break
			}
			dn, zn := 0.0, 0.0
			for c := range zp {
				d := sol.AtVec(c)
				zp[c] += d
				dn += d * d
				zn += zp[c] * zp[c]
			}
			if math.IsNaN(dn) || dn > h*h {
				break
			}
			if math.Sqrt(dn) <= 1e-10*(1+math.Sqrt(zn)) {
				ok = true
				break
			}
		}
		if !ok {
			h /= 2
			continue
		}
		nt, err := tangent(zp, t)
		if err != nil {
			h /= 2
			continue
		}
		copy(z, zp)
		t = nt
		res.Path = append(res.Path, PathPoint{T: z[N], Profile: toProfile(z)})
		if iters <= 3 {
			h *= 1.5
		}
	}
	last := toProfile(z)
	rangeP := g.payoffRange()
	p := refineNewton(g, last)
	if p == nil || g.MaxRegret(p) > g.MaxRegret(last) {
		p = last
	}
	if q := polish(g, last); q != nil && g.MaxRegret(q) < g.MaxRegret(p) {
		p = q
	}
	eq, err := g.newApprox(p, opts.Tol*rangeP)
	if err != nil {
		if stalled != nil {
			return res, fmt.Errorf("%w (%v)", stalled, err)
		}
		return res, err
	}
	res.Equilibrium = eq
	return res, nil
}

// refineNewton polishes an approximate equilibrium p: on the support
// S_i = {j : p_ij > 1e−6 · max_j p_ij}, it solves by Newton's method
//
//	v_ij − v_{i,j₀} = 0 (j ∈ S_i, j ≠ j₀),   Σ_{j∈S_i} p_ij = 1,
//
// and returns the result if it stays a probability profile, else nil.
func refineNewton(g *Game, p Profile) Profile {
	n := g.NumPlayers()
	shape := g.Shape()
	supp := make([][]int, n)
	for i := range n {
		mx := 0.0
		for _, v := range p[i] {
			mx = max(mx, v)
		}
		for j, v := range p[i] {
			if v > 1e-6*mx {
				supp[i] = append(supp[i], j)
			}
		}
	}
	q := make(Profile, n)
	for i := range n {
		q[i] = make([]float64, shape[i])
		for _, j := range supp[i] {
			q[i][j] = p[i][j]
		}
	}
	var idx [][2]int
	for i := range n {
		for _, j := range supp[i] {
			idx = append(idx, [2]int{i, j})
		}
	}
	k := len(idx)
	if k == n {
		// Pure profile: nothing to solve.
		return q
	}
	a := mat.NewDense(k, k, nil)
	b := mat.NewVecDense(k, nil)
	x := mat.NewVecDense(k, nil)
	col := map[[2]int]int{}
	for c, ij := range idx {
		col[ij] = c
	}
	for it := 0; it < 30; it++ {
		v := g.StrategyValues(q)
		w := g.jacobianBlocks(q)
		a.Zero()
		r := 0
		for i := range n {
			j0 := supp[i][0]
			for _, j := range supp[i] {
				if j == j0 {
					s := -1.0
					for _, l := range supp[i] {
						s += q[i][l]
						a.Set(r, col[[2]int{i, l}], 1)
					}
					b.SetVec(r, -s)
				} else {
					b.SetVec(r, -(v[i][j] - v[i][j0]))
					for kk := range n {
						if kk == i {
							continue
						}
						for _, l := range supp[kk] {
							a.Set(r, col[[2]int{kk, l}], w[i][kk][j][l]-w[i][kk][j0][l])
						}
					}
				}
				r++
			}
		}
		if err := x.SolveVec(a, b); err != nil {
			return nil
		}
		d := 0.0
		for c, ij := range idx {
			q[ij[0]][ij[1]] += x.AtVec(c)
			d = max(d, math.Abs(x.AtVec(c)))
		}
		if d < 1e-15 {
			break
		}
	}
	for i := range q {
		for j := range q[i] {
			if q[i][j] < -1e-12 || math.IsNaN(q[i][j]) {
				return nil
			}
			q[i][j] = max(q[i][j], 0)
		}
	}
	return q
}
