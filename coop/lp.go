package coop

import (
	"context"
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize/convex/lp"
)

// row is a linear constraint a·z ≤ b (inequality) or a·z = b (equality)
// over z = (x_0, …, x_{n−1}, t).
type row struct {
	a []float64
	b float64
}

// solveLP minimises c·z subject to the rows, z free, with gonum's simplex.
func solveLP(c []float64, ineq, eq []row) ([]float64, error) {
	nv := len(c)
	var G, A mat.Matrix
	var h, b []float64
	if len(ineq) > 0 {
		g := mat.NewDense(len(ineq), nv, nil)
		for i, r := range ineq {
			g.SetRow(i, r.a)
			h = append(h, r.b)
		}
		G = g
	}
	if len(eq) > 0 {
		a := mat.NewDense(len(eq), nv, nil)
		for i, r := range eq {
			a.SetRow(i, r.a)
			b = append(b, r.b)
		}
		A = a
	}
	cs, as, bs := lp.Convert(c, G, h, A, b)
	_, x, err := lp.Simplex(cs, as, bs, 1e-10, nil)
	if err != nil {
		return nil, err
	}
	z := make([]float64, nv)
	for i := range z {
		z[i] = x[i] - x[nv+i]
	}
	return z, nil
}

// ErrNoImputation is returned by [Game.Nucleolus] when Σ v({i}) > v(N).
var ErrNoImputation = errors.New("coop: the imputation set is empty (the singletons are worth more than the grand coalition)")

// excessLP maximises obj·z over z = (x, t) subject to x(N) = v(N), the
// equalities eq, the inequalities base, and x(S) − v(S) ≥ t for every
// coalition S with active[S] (t fixed to *tfix when non-nil), adding
// coalition constraints only when a candidate violates them.
func excessLP(ctx context.Context, w []float64, n int, obj []float64, eq, base []row, active []bool, tfix *float64) ([]float64, error) {
	full := uint32(1)<<n - 1
	c := make([]float64, n+1)
	for i, o := range obj {
		c[i] = -o
	}
	coal := func(s uint32) row {
		a := make([]float64, n+1)
		for i := 0; i < n; i++ {
			if s&(1<<i) != 0 {
				a[i] = -1
			}
		}
		a[n] = 1
		return row{a, -w[s]}
	}
	eqs := append([]row(nil), eq...)
	gn := make([]float64, n+1)
	for i := 0; i < n; i++ {
		gn[i] = 1
	}
	eqs = append(eqs, row{gn, w[full]})
	if tfix != nil {
		tr := make([]float64, n+1)
		tr[n] = 1
		eqs = append(eqs, row{tr, *tfix})
	}
	ineq := append([]row(nil), base...)
	in := map[uint32]bool{}
	// Start with singletons and their complements, which bound x and t.
	for i := 0; i < n; i++ {
		for _, s := range []uint32{1 << i, full &^ (1 << i)} {
			if s != 0 && s != full && active[s] && !in[s] {
				ineq = append(ineq, coal(s))
				in[s] = true
			}
		}
	}
	scale := 1.0
	for _, v := range w {
		scale = math.Max(scale, math.Abs(v))
	}
	tol := 1e-9 * scale
	// Keep t bounded while few constraints are present.
	tb := make([]float64, n+1)
	tb[n] = 1
	ineq = append(ineq, row{tb, 4*scale*float64(n) + 1})
	for it := 0; it < 10000; it++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		z, err := solveLP(c, ineq, eqs)
		if err != nil {
			return nil, err
		}
		sums := coalitionSums(z[:n])
		// Add the most violated constraints (up to 2n per round).
		type viol struct {
			s uint32
			d float64
		}
		var vs []viol
		for s := uint32(1); s < full; s++ {
			if !active[s] || in[s] {
				continue
			}
			if d := sums[s] - w[s] - z[n]; d < -tol {
				vs = append(vs, viol{s, d})
			}
		}
		if len(vs) == 0 {
			return z, nil
		}
		// Partial selection of the worst.
		k := min(len(vs), 2*n)
		for a := 0; a < k; a++ {
			m := a
			for b := a + 1; b < len(vs); b++ {
				if vs[b].d < vs[m].d {
					m = b
				}
			}
			vs[a], vs[m] = vs[m], vs[a]
			ineq = append(ineq, coal(vs[a].s))
			in[vs[a].s] = true
		}
	}
	return nil, errors.New("coop: constraint generation did not converge")
}

// CoreResult describes the core of a game.
type CoreResult struct {
	// NonEmpty reports whether the core is non-empty.
	NonEmpty bool `json:"non_empty"`
	// LeastCore is max_x min_{∅≠S≠N} [x(S) − v(S)] over x(N) = v(N) (for a
	// cost game, c(S) − x(S)); the core is non-empty when it is ≥ 0.
	LeastCore float64 `json:"least_core_value"`
	// Allocation maximises that minimum: a core allocation when the core
	// is non-empty (cost shares for a cost game).
	Allocation []float64 `json:"allocation"`
}

// Core solves the least-core linear program.
func (g *Game) Core() (*CoreResult, error) { return g.CoreContext(context.Background()) }

// CoreContext is [Game.Core], stopping with ctx's error when ctx is done.
func (g *Game) CoreContext(ctx context.Context) (*CoreResult, error) {
	if err := g.Validate(); err != nil {
		return nil, err
	}
	n := g.N()
	w := g.worth()
	if n == 1 {
		return &CoreResult{NonEmpty: true, Allocation: []float64{g.V[1]}}, nil
	}
	active := make([]bool, 1<<n)
	for s := range active {
		active[s] = true
	}
	obj := make([]float64, n+1)
	obj[n] = 1
	z, err := excessLP(ctx, w, n, obj, nil, nil, active, nil)
	if err != nil {
		return nil, fmt.Errorf("coop: least core: %w", err)
	}
	scale := 1.0
	for _, v := range w {
		scale = math.Max(scale, math.Abs(v))
	}
	r := &CoreResult{LeastCore: z[n], NonEmpty: z[n] >= -1e-9*scale, Allocation: make([]float64, n)}
	for i := range r.Allocation {
		r.Allocation[i] = g.sign() * z[i]
	}
	return r, nil
}

// InCore reports whether the allocation x (cost shares for a cost game)
// is in the core, within tol.
func (g *Game) InCore(x []float64, tol float64) bool {
	n := g.N()
	w := g.worth()
	y := make([]float64, n)
	for i := range y {
		y[i] = g.sign() * x[i]
	}
	s := coalitionSums(y)
	full := 1<<n - 1
	if math.Abs(s[full]-w[full]) > tol {
		return false
	}
	for c := 1; c < full; c++ {
		if s[c] < w[c]-tol {
			return false
		}
	}
	return true
}

// basis is an incrementally reduced set of coalition indicator vectors.
type basis struct {
	n    int
	rows [][]float64
	piv  []int
}

func (b *basis) reduce(s uint32) []float64 {
	v := make([]float64, b.n)
	for i := 0; i < b.n; i++ {
		if s&(1<<i) != 0 {
			v[i] = 1
		}
	}
	for k, r := range b.rows {
		if f := v[b.piv[k]]; f != 0 {
			for i := range v {
				v[i] -= f * r[i]
			}
		}
	}
	return v
}

func (b *basis) contains(s uint32) bool {
	for _, x := range b.reduce(s) {
		if math.Abs(x) > 1e-9 {
			return false
		}
	}
	return true
}

func (b *basis) add(s uint32) {
	v := b.reduce(s)
	p := -1
	for i, x := range v {
		if math.Abs(x) > 1e-9 && (p < 0 || math.Abs(x) > math.Abs(v[p])) {
			p = i
		}
	}
	if p < 0 {
		return
	}
	f := v[p]
	for i := range v {
		v[i] /= f
	}
	for k, r := range b.rows {
		if g := r[p]; g != 0 {
			for i := range r {
				r[i] -= g * v[i]
			}
			b.rows[k] = r
		}
	}
	b.rows = append(b.rows, v)
	b.piv = append(b.piv, p)
}

// Nucleolus returns the nucleolus over imputations (cost shares for a
// cost game) by the sequential linear programs of Maschler, Peleg &
// Shapley (1979): stage k maximises the smallest excess x(S) − v(S) over
// the coalitions not yet fixed; the coalitions whose excess equals the
// optimum in every optimal solution (checked one by one with an
// auxiliary linear program) are fixed at it; stages end when the fixed
// coalitions determine x.
func (g *Game) Nucleolus() ([]float64, error) { return g.NucleolusContext(context.Background()) }

// NucleolusContext is [Game.Nucleolus], stopping with ctx's error when ctx
// is done.
func (g *Game) NucleolusContext(ctx context.Context) ([]float64, error) {
	if err := g.Validate(); err != nil {
		return nil, err
	}
	n := g.N()
	w := g.worth()
	full := uint32(1)<<n - 1
	if n == 1 {
		return []float64{g.V[1]}, nil
	}
	sing := 0.0
	var base []row
	for i := 0; i < n; i++ {
		sing += w[1<<i]
		a := make([]float64, n+1)
		a[i] = -1
		base = append(base, row{a, -w[1<<i]})
	}
	scale := 1.0
	for _, v := range w {
		scale = math.Max(scale, math.Abs(v))
	}
	tol := 1e-8 * scale
	if sing > w[full]+tol {
		return nil, ErrNoImputation
	}
	bs := &basis{n: n}
	bs.add(full)
	active := make([]bool, 1<<n)
	for s := uint32(1); s < full; s++ {
		active[s] = true
	}
	var eq []row
	var x []float64
	obj := make([]float64, n+1)
	obj[n] = 1
	for stage := 0; stage <= n && len(bs.rows) < n; stage++ {
		z, err := excessLP(ctx, w, n, obj, eq, base, active, nil)
		if err != nil {
			return nil, fmt.Errorf("coop: nucleolus stage %d: %w", stage+1, err)
		}
		t := z[n]
		x = z[:n]
		sums := coalitionSums(x)
		var cand []uint32
		for s := uint32(1); s < full; s++ {
			if active[s] && sums[s]-w[s] <= t+tol {
				cand = append(cand, s)
			}
		}
		dropped := map[uint32]bool{}
		fixedAny := false
		for _, s := range cand {
			if dropped[s] || bs.contains(s) {
				continue
			}
			o := make([]float64, n+1)
			for i := 0; i < n; i++ {
				if s&(1<<i) != 0 {
					o[i] = 1
				}
			}
			zz, err := excessLP(ctx, w, n, o, eq, base, active, &t)
			if err != nil {
				return nil, fmt.Errorf("coop: nucleolus stage %d check: %w", stage+1, err)
			}
			ss := coalitionSums(zz[:n])
			if ss[s]-w[s] > t+tol {
				// Not tight in every optimal solution; nor is any
				// candidate slack at this solution.
				for _, c := range cand {
					if ss[c]-w[c] > t+tol {
						dropped[c] = true
					}
				}
				continue
			}
			a := make([]float64, n+1)
			copy(a, o[:n])
			eq = append(eq, row{a, w[s] + t})
			bs.add(s)
			fixedAny = true
		}
		if !fixedAny {
			return nil, errors.New("coop: nucleolus: no coalition could be fixed (numerical trouble)")
		}
		for s := uint32(1); s < full; s++ {
			if active[s] && bs.contains(s) {
				active[s] = false
			}
		}
		if len(bs.rows) == n {
			// x is determined by the fixed coalitions: solve them.
			z, err := excessLP(ctx, w, n, obj, eq, base, make([]bool, 1<<n), nil)
			if err == nil {
				x = z[:n]
			}
		}
	}
	out := make([]float64, n)
	for i := range out {
		out[i] = g.sign() * x[i]
	}
	return out, nil
}
