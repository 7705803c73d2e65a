package game

import (
	"context"
	"fmt"
	"math"
	"slices"
)

// SimpdivOptions tunes [SimplicialSubdivision].
type SimpdivOptions struct {
	// Start is the first starting point (default: the centroid).
	Start Profile
	// Grid is the initial number of grid steps per unit (default 4); each
	// restart doubles it.
	Grid int
	// MaxGrid ends the refinement (default 2²⁰).
	MaxGrid int
	// MaxPivots bounds the pivots of one restart (default 200 000).
	MaxPivots int
	// Tol is the regret, relative to the payoff range, that the result must
	// meet (default 1e−9 after the final Newton polish).
	Tol float64
}

// SimpdivResult is the result of [SimplicialSubdivision].
type SimpdivResult struct {
	// Restarts lists the approximate fixed point found on each grid
	// (T = grid steps per unit).
	Restarts    []PathPoint `json:"restarts"`
	Pivots      int         `json:"pivots"`
	Equilibrium Equilibrium `json:"equilibrium"`
}

// SimplicialSubdivision computes a Nash equilibrium of an n-player game by
// a simplicial restart algorithm on the product of the players' simplices
// (Merrill 1972, "Applications and extensions of an algorithm that computes
// fixed points of certain upper semi-continuous point to set mappings",
// Univ. of Michigan; the restart scheme of gambit-simpdiv, whose own
// variable-dimension variant is van der Laan & Talman 1982, Math. Oper.
// Res. 7, 1–13).
//
// Method. Profiles are mapped linearly to tail sums y_{i,k} = Σ_{j>k} p_ij,
// which turns each simplex into an "order simplex" 1 ≥ y_{i,1} ≥ … ≥ 0, so
// the product of simplices scaled by the grid size m is a union of cells of
// Freudenthal's triangulation of ℝ^D, D = Σ_i (S_i − 1). A slab of one more
// dimension ("level" 0 or 1) is triangulated the same way. Every grid vertex
// gets a vector label: at level 1, T(g(p)) − T(p) for the map
//
//	g_i(p) = Π_Δ(p_i + v_i/R),
//
// Π_Δ the Euclidean projection onto player i's simplex (its fixed points are
// the Nash equilibria; Gül, Pearce & Stacchetti 1993, Math. Oper. Res. 18,
// 548–552), shrunk towards the centroid by 1/(4m) so that labels point
// strictly into the domain on its boundary. (Nash's own map converges only
// like m^{−1/2} near the boundary; the projection map like 1/m.) at level 0, T(c) − T(p) with c the starting
// point. Starting from the level-0 facet containing c, complementary pivoting
// (lexicographic ratio test on the system Σλ_k·[1; L(v_k)] = [1; 0]) follows
// a path of simplices, each pivot replacing one vertex by Freudenthal's rule,
// until a level-1 facet carries the zero: an approximate fixed point of g.
// It restarts from that point on a grid twice as fine, until the regret is
// below 1e−6·R; a Newton step on the support then polishes the point, which
// is returned when its regret is within Tol·R.
func SimplicialSubdivision(ctx context.Context, g *Game, opts SimpdivOptions) (*SimpdivResult, error) {
	if err := g.Validate(); err != nil {
		return nil, err
	}
	if opts.Grid <= 0 {
		opts.Grid = 4
	}
	if opts.MaxGrid <= 0 {
		opts.MaxGrid = 1 << 20
	}
	if opts.MaxPivots <= 0 {
		opts.MaxPivots = 200_000
	}
	if opts.Tol <= 0 {
		opts.Tol = 1e-9
	}
	c := opts.Start
	if c == nil {
		c = g.Uniform()
	}
	if err := g.CheckProfile(c, 1e-9); err != nil {
		return nil, err
	}
	R := g.payoffRange()
	res := &SimpdivResult{}
	best := cloneProfile(c)
	bestReg := g.MaxRegret(best)
	for m := opts.Grid; m <= opts.MaxGrid; m *= 2 {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		// Keep the start strictly inside so the start facet is interior.
		// A generic perturbation of a hundredth of a grid cell puts the
		// start in the interior of a cell (no ties in the first pivots).
		start := cloneProfile(best)
		idx := 0
		for i := range start {
			s := 0.0
			for j := range start[i] {
				idx++
				w := math.Mod(float64(idx)*0.7548776662466927, 1)
				start[i][j] = 0.999*start[i][j] + 0.001/float64(len(start[i])) + 0.01/float64(m)*w
				s += start[i][j]
			}
			for j := range start[i] {
				start[i][j] /= s
			}
		}
		p, piv, err := merrill(ctx, g, start, m, R, opts.MaxPivots)
		res.Pivots += piv
		if err != nil {
			if ctx.Err() != nil {
				return res, ctx.Err()
			}
			if len(res.Restarts) == 0 {
				return res, err
			}
			// Keep the best point of the coarser grids.
			if q := polish(g, best); q != nil && g.MaxRegret(q) < bestReg {
				best = q
			}
			break
		}
		res.Restarts = append(res.Restarts, PathPoint{T: float64(m), Profile: cloneProfile(p)})
		if reg := g.MaxRegret(p); reg < bestReg || m == opts.Grid {
			best, bestReg = p, reg
		}
		if q := polish(g, best); q != nil && g.MaxRegret(q) <= opts.Tol*R {
			best = q
			break
		}
	}
	eq, err := g.newApprox(best, opts.Tol*R)
	if err != nil {
		return res, err
	}
	res.Equilibrium = eq
	return res, nil
}

// polish tries Newton's method (refineNewton) on the supports obtained by
// cutting p at several thresholds, and returns the candidate with the least
// regret (nil if none is a profile).
func polish(g *Game, p Profile) Profile {
	var best Profile
	bestReg := math.Inf(1)
	for _, tau := range []float64{1e-6, 1e-4, 1e-3, 1e-2, 0.05, 0.2} {
		q := cloneProfile(p)
		for i := range q {
			mx := slices.Max(q[i])
			s := 0.0
			for j := range q[i] {
				if q[i][j] < tau*mx {
					q[i][j] = 0
				}
				s += q[i][j]
			}
			for j := range q[i] {
				q[i][j] /= s
			}
		}
		if r := refineNewton(g, q); r != nil {
			if reg := g.MaxRegret(r); reg < bestReg {
				best, bestReg = r, reg
			}
		}
	}
	return best
}

// merrill runs one restart on grid m from start c and returns the
// approximate fixed point and the number of pivots.
func merrill(ctx context.Context, g *Game, c Profile, m int, R float64, maxPivots int) (Profile, int, error) {
	shape := g.Shape()
	D := 0
	for _, s := range shape {
		D += s - 1
	}
	lev := D // index of the level coordinate
	// tail maps a profile to tail sums (length D).
	tail := func(p Profile) []float64 {
		out := make([]float64, 0, D)
		for i, s := range shape {
			acc := 0.0
			t := make([]float64, s-1)
			for k := s - 1; k >= 1; k-- {
				acc += p[i][k]
				t[k-1] = acc
			}
			out = append(out, t...)
			_ = i
		}
		return out
	}
	toProfile := func(v []int) Profile {
		p := make(Profile, len(shape))
		o := 0
		for i, s := range shape {
			p[i] = make([]float64, s)
			prev := float64(m)
			for k := 0; k < s-1; k++ {
				y := float64(v[o+k])
				p[i][k] = (prev - y) / float64(m)
				prev = y
			}
			p[i][s-1] = prev / float64(m)
			o += s - 1
		}
		return p
	}
	inside := func(v []int) bool {
		if v[lev] < 0 || v[lev] > 1 {
			return false
		}
		o := 0
		for _, s := range shape {
			prev := m
			for k := 0; k < s-1; k++ {
				if v[o+k] > prev || v[o+k] < 0 {
					return false
				}
				prev = v[o+k]
			}
			o += s - 1
		}
		return true
	}
	tc := tail(c)
	eps := 1 / (4 * float64(m))
	label := func(v []int) []float64 {
		p := toProfile(v)
		col := make([]float64, D+1)
		col[0] = 1
		tp := tail(p)
		if v[lev] == 0 {
			for k := range D {
				col[k+1] = tc[k] - tp[k]
			}
			return col
		}
		val := g.StrategyValues(p)
		q := make(Profile, len(p))
		for i := range p {
			a := make([]float64, len(p[i]))
			for j, x := range val[i] {
				a[j] = p[i][j] + x/R
			}
			q[i] = projectSimplex(a)
			for j := range q[i] {
				q[i][j] = (1-eps)*q[i][j] + eps/float64(len(q[i]))
			}
		}
		tq := tail(q)
		for k := range D {
			col[k+1] = tq[k] - tp[k]
		}
		return col
	}
	// Starting simplex: Freudenthal cell of z = m·T(c) at level 0, with the
	// level coordinate last in the permutation.
	z := make([]float64, D)
	base := make([]int, D+1)
	for k := range D {
		z[k] = float64(m) * tc[k]
		base[k] = int(math.Floor(z[k]))
	}
	perm := make([]int, D)
	for k := range perm {
		perm[k] = k
	}
	slices.SortStableFunc(perm, func(a, b int) int {
		fa, fb := z[a]-math.Floor(z[a]), z[b]-math.Floor(z[b])
		switch {
		case fa > fb:
			return -1
		case fa < fb:
			return 1
		}
		return 0
	})
	perm = append(perm, lev)
	verts := func(b []int, pi []int) [][]int {
		out := make([][]int, 0, len(pi)+1)
		v := slices.Clone(b)
		out = append(out, slices.Clone(v))
		for _, d := range pi {
			v[d]++
			out = append(out, slices.Clone(v))
		}
		return out
	}
	simplex := verts(base, perm)
	for _, v := range simplex {
		if !inside(v) {
			return nil, 0, fmt.Errorf("game: simplicial subdivision: start point outside the grid")
		}
	}
	// Revised simplex data: basis rows hold vertices; binv is B⁻¹.
	n := D + 1
	basis := make([][]int, n)
	bmat := make([][]float64, n) // columns of B (labels), for the initial inverse
	for k := range n {
		basis[k] = simplex[k]
		bmat[k] = label(simplex[k])
	}
	binv, ok := invert(bmat)
	if !ok {
		return nil, 0, fmt.Errorf("%w: simplicial subdivision: singular start simplex", ErrNoConvergence)
	}
	enter := simplex[D+1]
	for piv := 0; piv < maxPivots; piv++ {
		if piv%64 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, piv, err
			}
		}
		a := label(enter)
		d := make([]float64, n)
		for r := range n {
			for k := range n {
				d[r] += binv[r][k] * a[k]
			}
		}
		// Lexicographic minimum ratio over rows of [B⁻¹e₁ | B⁻¹] / d_r.
		leave := -1
		for r := range n {
			if d[r] <= 1e-12 {
				continue
			}
			if leave < 0 {
				leave = r
				continue
			}
			for k := range n {
				x, y := binv[r][k]/d[r], binv[leave][k]/d[leave]
				if x < y-1e-12*(1+math.Abs(y)) {
					leave = r
					break
				}
				if x > y+1e-12*(1+math.Abs(y)) {
					break
				}
			}
		}
		if leave < 0 {
			return nil, piv, fmt.Errorf("%w: simplicial subdivision: unbounded pivot", ErrNoConvergence)
		}
		// Pivot B⁻¹.
		pr := binv[leave]
		f := d[leave]
		for k := range n {
			pr[k] /= f
		}
		for r := range n {
			if r != leave && d[r] != 0 {
				for k := range n {
					binv[r][k] -= d[r] * pr[k]
				}
			}
		}
		out := basis[leave]
		basis[leave] = enter
		// The facet is the basis. All at level 1: done.
		done := true
		for _, v := range basis {
			done = done && v[lev] == 1
		}
		if done {
			p := make(Profile, len(shape))
			for i, s := range shape {
				p[i] = make([]float64, s)
			}
			for r, v := range basis {
				w := binv[r][0]
				q := toProfile(v)
				for i := range p {
					for j := range p[i] {
						p[i][j] += w * q[i][j]
					}
				}
			}
			for i := range p {
				s := 0.0
				for j := range p[i] {
					p[i][j] = max(p[i][j], 0)
					s += p[i][j]
				}
				for j := range p[i] {
					p[i][j] /= s
				}
			}
			return p, piv + 1, nil
		}
		// Replace the dropped vertex by Freudenthal's pivot rule.
		k := slices.IndexFunc(simplex, func(v []int) bool { return slices.Equal(v, out) })
		L := len(perm)
		switch k {
		case 0:
			base[perm[0]]++
			perm = append(perm[1:], perm[0])
		case L:
			base[perm[L-1]]--
			perm = append([]int{perm[L-1]}, perm[:L-1]...)
		default:
			perm[k-1], perm[k] = perm[k], perm[k-1]
		}
		simplex = verts(base, perm)
		enter = nil
		for _, v := range simplex {
			if !slices.ContainsFunc(basis, func(b []int) bool { return slices.Equal(b, v) }) {
				enter = v
			}
		}
		if enter == nil || !inside(enter) {
			return nil, piv, fmt.Errorf("%w: simplicial subdivision left the domain (grid %d)", ErrNoConvergence, m)
		}
	}
	return nil, maxPivots, fmt.Errorf("%w: simplicial subdivision: more than %d pivots on grid %d", ErrNoConvergence, maxPivots, m)
}

// invert returns the inverse of the matrix whose columns are cols.
func invert(cols [][]float64) ([][]float64, bool) {
	n := len(cols)
	a := make([][]float64, n)
	inv := make([][]float64, n)
	for r := range n {
		a[r] = make([]float64, n)
		inv[r] = make([]float64, n)
		inv[r][r] = 1
		for c := range n {
			a[r][c] = cols[c][r]
		}
	}
	for c := range n {
		p := c
		for r := c + 1; r < n; r++ {
			if math.Abs(a[r][c]) > math.Abs(a[p][c]) {
				p = r
			}
		}
		if math.Abs(a[p][c]) < 1e-14 {
			return nil, false
		}
		a[c], a[p] = a[p], a[c]
		inv[c], inv[p] = inv[p], inv[c]
		f := a[c][c]
		for k := range n {
			a[c][k] /= f
			inv[c][k] /= f
		}
		for r := range n {
			if r != c && a[r][c] != 0 {
				f := a[r][c]
				for k := range n {
					a[r][k] -= f * a[c][k]
					inv[r][k] -= f * inv[c][k]
				}
			}
		}
	}
	return inv, true
}

// projectSimplex returns the Euclidean projection of a onto the probability
// simplex: max(a_j − τ, 0) with τ chosen so the entries sum to 1 (Held,
// Wolfe & Crowder 1974).
func projectSimplex(a []float64) []float64 {
	s := slices.Clone(a)
	slices.Sort(s)
	slices.Reverse(s)
	sum, tau := 0.0, 0.0
	for k, v := range s {
		sum += v
		t := (sum - 1) / float64(k+1)
		if v-t > 0 {
			tau = t
		}
	}
	out := make([]float64, len(a))
	for j, v := range a {
		out[j] = max(v-tau, 0)
	}
	return out
}
