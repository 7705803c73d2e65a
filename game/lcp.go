package game

import (
	"context"
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
)

// LCPOptions tunes [LemkeHowson].
type LCPOptions struct {
	// Labels lists the missing labels to start from, 0-based: 0…m−1 are the
	// row player's strategies, m…m+n−1 the column player's. Empty means
	// every label.
	Labels []int
	// Recursive also restarts from every equilibrium found, with every
	// label, until no new equilibrium appears: this explores the
	// Lemke–Howson graph component of the artificial equilibrium (Shapley
	// 1974), as gambit-lcp does. Restarts from equilibria that fail
	// numerically or exceed MaxPivots are skipped.
	Recursive bool
	// Exact pivots in exact integer arithmetic all the way (int64 with
	// math/big fallback) instead of floating point. Results are exact either
	// way; floating point is much faster on large games.
	Exact bool
	// MaxPivots bounds each path (default 1000·(m+n) + 20000). Paths on
	// random games are usually short, but the longest over all labels grows
	// quickly with the size (thousands of pivots at 60×60), and Savani & von
	// Stengel (2006, Econometrica 74, 397–429) give games where every path is
	// exponentially long.
	MaxPivots int
}

// lhSide is one of the two best-response tableaux.
type lhSide struct {
	t       lhTableau
	basis   []int // basic variable of each row
	rowOf   []int // row of each variable, −1 when nonbasic
	vars    int
	lexCols []int // columns of the initial basis, for lexicographic ties
}

func (s *lhSide) clone() *lhSide {
	return &lhSide{t: s.t.clone(), basis: append([]int(nil), s.basis...),
		rowOf: append([]int(nil), s.rowOf...), vars: s.vars, lexCols: s.lexCols}
}

// minRatio returns the leaving row for entering column c by the
// lexicographic minimum-ratio rule, or −1 if the column is unbounded.
func (s *lhSide) minRatio(c int) int {
	best := -1
	for r := range s.basis {
		if s.t.sgn(r, c) <= 0 {
			continue
		}
		if best < 0 {
			best = r
			continue
		}
		cmp := s.t.cmpCol(r, best, c, s.vars)
		for k := 0; cmp == 0 && k < len(s.lexCols); k++ {
			cmp = s.t.cmpCol(r, best, c, s.lexCols[k])
		}
		if cmp < 0 {
			best = r
		}
	}
	return best
}

func (s *lhSide) pivot(r, c int) bool {
	if !s.t.pivot(r, c) {
		return false
	}
	s.rowOf[s.basis[r]] = -1
	s.basis[r] = c
	s.rowOf[c] = r
	return true
}

// lhState is a pair of tableaux at a completely labelled vertex pair.
type lhState struct{ p, q *lhSide }

func (st lhState) clone() lhState { return lhState{st.p.clone(), st.q.clone()} }

// path follows the Lemke–Howson path dropping label k (von Stengel 2002,
// Handbook of Game Theory 3, ch. 45, §3). It returns false on arithmetic
// trouble.
func (st lhState) path(ctx context.Context, k, maxPivots int) (bool, error) {
	cur, other := st.p, st.q
	if st.p.rowOf[k] >= 0 {
		cur, other = st.q, st.p
	}
	// Zobrist hash of the pair of bases and the entering variable: a
	// repeated state means the path cycles, which exact lexicographic
	// pivoting never does, so it signals floating-point trouble.
	vars := st.p.vars
	zob := rand.New(rand.NewPCG(0x1e3c, uint64(vars)))
	zp, zq, ze := make([]uint64, vars), make([]uint64, vars), make([]uint64, vars)
	for i := range vars {
		zp[i], zq[i], ze[i] = zob.Uint64(), zob.Uint64(), zob.Uint64()
	}
	var h uint64
	for _, v := range st.p.basis {
		h ^= zp[v]
	}
	for _, v := range st.q.basis {
		h ^= zq[v]
	}
	seen := map[uint64]struct{}{}
	enter := k
	for step := 0; step < maxPivots; step++ {
		// One pivot in exact arithmetic on payoffs with long denominators
		// can take a long time, so cancellation is checked at every pivot.
		if err := ctx.Err(); err != nil {
			return false, err
		}
		key := h ^ ze[enter]
		if cur == st.q {
			key = ^key
		}
		if _, dup := seen[key]; dup {
			return false, nil
		}
		seen[key] = struct{}{}
		r := cur.minRatio(enter)
		if r < 0 {
			return false, nil
		}
		leave := cur.basis[r]
		if !cur.pivot(r, enter) {
			return false, nil
		}
		z := zp
		if cur == st.q {
			z = zq
		}
		h ^= z[leave] ^ z[enter]
		if leave == k {
			return true, nil
		}
		enter = leave
		cur, other = other, cur
	}
	return false, fmt.Errorf("%w: Lemke–Howson path from label %d longer than %d pivots", ErrNoConvergence, k+1, maxPivots)
}

// newLHState builds the tableaux for P (rows: columns of B) and Q (rows:
// rows of A) at the artificial equilibrium (0, 0). mode: 0 float, 1 exact.
func newLHState(ia, ib [][]*big.Int, fa, fb [][]float64, mode int) (lhState, bool) {
	m, n := len(ia), len(ia[0])
	vars := m + n
	build := func(rows int, entry func(r, j int) (*big.Int, float64), slackFirst bool) (*lhSide, bool) {
		side := &lhSide{basis: make([]int, rows), rowOf: make([]int, vars), vars: vars}
		for i := range side.rowOf {
			side.rowOf[i] = -1
		}
		for r := range rows {
			s := m + r
			if slackFirst {
				s = r
			}
			side.basis[r], side.rowOf[s] = s, r
			side.lexCols = append(side.lexCols, s)
		}
		if mode == 0 {
			ft := &floatTableau{rows: rows, stride: vars + 1, a: make([]float64, rows*(vars+1)), eps: 1e-11}
			for r := range rows {
				for j := range vars {
					_, f := entry(r, j)
					ft.a[r*ft.stride+j] = f
				}
				ft.a[r*ft.stride+vars] = 1
			}
			side.t = ft
			return side, true
		}
		full := make([][]*big.Int, rows)
		rhs := make([]*big.Int, rows)
		for r := range rows {
			full[r] = make([]*big.Int, vars)
			for j := range vars {
				full[r][j], _ = entry(r, j)
			}
			rhs[r] = big.NewInt(1)
		}
		side.t = newHybridTableau(full, rhs)
		return side, true
	}
	zero, one := big.NewInt(0), big.NewInt(1)
	// P: Bᵀx + s = 1, variables x_0…x_{m−1}, s_0…s_{n−1}.
	p, ok1 := build(n, func(r, j int) (*big.Int, float64) {
		switch {
		case j < m && mode == 0:
			return nil, fb[j][r]
		case j < m:
			return ib[j][r], 0
		case j == m+r:
			return one, 1
		}
		return zero, 0
	}, false)
	// Q: r + A·y = 1, variables r_0…r_{m−1}, y_0…y_{n−1}.
	q, ok2 := build(m, func(r, j int) (*big.Int, float64) {
		switch {
		case j >= m && mode == 0:
			return nil, fa[r][j-m]
		case j >= m:
			return ia[r][j-m], 0
		case j == r:
			return one, 1
		}
		return zero, 0
	}, true)
	return lhState{p, q}, ok1 && ok2
}

// exactFromBases solves, in rationals, for the vertex pair described by the
// two bases, and returns it normalised, or nil if the bases do not describe
// an exact equilibrium (floating-point trouble).
func exactFromBases(g *Game, ia, ib [][]*big.Int, st lhState) RatProfile {
	m, n := len(ia), len(ia[0])
	// Q side: unknown y_j for basic y's; equations for rows whose slack is
	// nonbasic: Σ_j A'[i][j] y_j = 1.
	solve := func(side *lhSide, coordLo, coordHi, slackLo int, coef func(eq, v int) *big.Int, nEq int) []*big.Rat {
		var unk []int
		for _, v := range side.basis {
			if v >= coordLo && v < coordHi {
				unk = append(unk, v-coordLo)
			}
		}
		var eqs []int
		for e := range nEq {
			if side.rowOf[slackLo+e] < 0 {
				eqs = append(eqs, e)
			}
		}
		if len(eqs) != len(unk) || len(unk) == 0 {
			return nil
		}
		k := len(unk)
		mat := make([][]*big.Rat, k)
		for r, e := range eqs {
			mat[r] = make([]*big.Rat, k+1)
			for c, u := range unk {
				mat[r][c] = new(big.Rat).SetInt(coef(e, u))
			}
			mat[r][k] = big.NewRat(1, 1)
		}
		sol := solveRat(mat)
		if sol == nil {
			return nil
		}
		out := make([]*big.Rat, coordHi-coordLo)
		for i := range out {
			out[i] = new(big.Rat)
		}
		sum := new(big.Rat)
		for c, u := range unk {
			if sol[c].Sign() < 0 {
				return nil
			}
			out[u] = sol[c]
			sum.Add(sum, sol[c])
		}
		if sum.Sign() <= 0 {
			return nil
		}
		for _, v := range out {
			v.Quo(v, sum)
		}
		return out
	}
	y := solve(st.q, m, m+n, 0, func(e, u int) *big.Int { return ia[e][u] }, m)
	x := solve(st.p, 0, m, m, func(e, u int) *big.Int { return ib[u][e] }, n)
	if x == nil || y == nil {
		return nil
	}
	return RatProfile{x, y}
}

// solveRat solves the square system [M | b] by Gaussian elimination with
// exact rationals; nil if singular.
func solveRat(a [][]*big.Rat) []*big.Rat {
	k := len(a)
	t := new(big.Rat)
	for c := range k {
		p := -1
		for r := c; r < k; r++ {
			if a[r][c].Sign() != 0 {
				p = r
				break
			}
		}
		if p < 0 {
			return nil
		}
		a[c], a[p] = a[p], a[c]
		inv := new(big.Rat).Inv(a[c][c])
		for j := c; j <= k; j++ {
			a[c][j].Mul(a[c][j], inv)
		}
		for r := range k {
			if r == c || a[r][c].Sign() == 0 {
				continue
			}
			f := new(big.Rat).Set(a[r][c])
			for j := c; j <= k; j++ {
				a[r][j].Sub(a[r][j], t.Mul(f, a[c][j]))
			}
		}
	}
	out := make([]*big.Rat, k)
	for r := range k {
		out[r] = a[r][k]
	}
	return out
}

// LemkeHowson finds Nash equilibria of a two-player game by the
// Lemke–Howson algorithm (Lemke & Howson 1964, SIAM J. Appl. Math. 12,
// 413–423), following the path from the artificial equilibrium (0, 0) of
// the best-response polytopes P = {x ≥ 0 : Bᵀx ≤ 1} and Q = {y ≥ 0 :
// Ay ≤ 1} that drops each label in opts.Labels (all by default), with the
// lexicographic minimum-ratio rule so degenerate games are handled. It
// returns the distinct equilibria found, in order of discovery, like
// gambit-lcp.
//
// By default the pivoting is in floating point (payoffs rescaled to
// [1, 2]); the final basis is then solved exactly in rationals and the
// equilibrium verified to have zero exact regret. If that fails the path is
// repeated in exact integer arithmetic. Every result is exact.
func LemkeHowson(ctx context.Context, g *Game, opts LCPOptions) ([]Equilibrium, error) {
	if err := g.Validate(); err != nil {
		return nil, err
	}
	if g.NumPlayers() != 2 {
		return nil, fmt.Errorf("%w: Lemke–Howson needs 2 players, game has %d", ErrPlayers, g.NumPlayers())
	}
	m, n := len(g.Strategies[0]), len(g.Strategies[1])
	labels := opts.Labels
	if len(labels) == 0 {
		for k := range m + n {
			labels = append(labels, k)
		}
	}
	for _, k := range labels {
		if k < 0 || k >= m+n {
			return nil, fmt.Errorf("game: Lemke–Howson label %d out of range 1…%d", k+1, m+n)
		}
	}
	maxPivots := opts.MaxPivots
	if maxPivots <= 0 {
		maxPivots = 1000*(m+n) + 20000
	}
	ra, rb := g.RatMatrices()
	ia, ib := integerize(ra), integerize(rb)
	fa, fb := rescale(g.Matrices())
	var out []Equilibrium
	seen := map[string]bool{}
	type start struct {
		st          lhState
		mode, label int
	}
	var queue []start
	var starts [2]lhState
	startMode := 0
	if opts.Exact {
		startMode = 1
	}
	getStart := func(mode int) lhState {
		if starts[mode].p == nil {
			starts[mode], _ = newLHState(ia, ib, fa, fb, mode)
		}
		return starts[mode].clone()
	}
	for _, k := range labels {
		queue = append(queue, start{getStart(startMode), startMode, k})
	}
	for len(queue) > 0 {
		if err := ctx.Err(); err != nil {
			return out, err
		}
		s := queue[0]
		queue = queue[1:]
		st, mode := s.st, s.mode
		artificial := isArtificial(st)
		var prof RatProfile
		backToStart := false
		for {
			ok, err := st.path(ctx, s.label, maxPivots)
			if cerr := ctx.Err(); cerr != nil {
				return out, cerr
			}
			if ok && err == nil && !artificial && isArtificial(st) {
				// A path from an equilibrium may lead back to (0, 0).
				backToStart = true
				break
			}
			if ok && err == nil {
				if p := exactFromBases(g, ia, ib, st); p != nil {
					if _, err := g.newExact2(ia, ib, p); err == nil {
						prof = p
						break
					}
				}
			}
			if err != nil {
				// Too long a path is not a numerical problem: the same path
				// in exact arithmetic would be just as long. (Restarts from
				// equilibria in recursive mode are skipped instead.)
				if !artificial {
					break
				}
				return out, err
			}
			if !artificial || mode == 1 {
				break
			}
			// Repeat the path from the artificial equilibrium in exact
			// (hybrid int64/math/big) arithmetic.
			mode++
			st = getStart(mode)
		}
		if backToStart {
			continue
		}
		if prof == nil && !artificial {
			// Restarts from equilibria found in floating point are a bonus
			// of the recursive mode; a failed one is skipped.
			continue
		}
		if prof == nil {
			return out, fmt.Errorf("%w: Lemke–Howson from label %d failed in every arithmetic", ErrNoConvergence, s.label+1)
		}
		key := prof.String()
		if seen[key] {
			continue
		}
		seen[key] = true
		eq, err := g.newExact2(ia, ib, prof)
		if err != nil {
			return out, err
		}
		out = append(out, eq)
		if opts.Recursive {
			for k := range m + n {
				queue = append(queue, start{st.clone(), mode, k})
			}
		}
	}
	return out, nil
}

// isArtificial reports whether st is at the artificial equilibrium (every
// slack basic). Paths from there can be repeated in another arithmetic.
func isArtificial(st lhState) bool {
	m := len(st.q.basis)
	for r, v := range st.p.basis {
		if v != m+r {
			return false
		}
	}
	for r, v := range st.q.basis {
		if v != r {
			return false
		}
	}
	return true
}

// rescale maps each matrix affinely onto [1, 2] (constant matrices to 1).
func rescale(a, b [][]float64) (fa, fb [][]float64) {
	f := func(x [][]float64) [][]float64 {
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, r := range x {
			for _, v := range r {
				lo, hi = min(lo, v), max(hi, v)
			}
		}
		out := make([][]float64, len(x))
		for i, r := range x {
			out[i] = make([]float64, len(r))
			for j, v := range r {
				out[i][j] = 1
				if hi > lo {
					out[i][j] = 1 + (v-lo)/(hi-lo)
				}
			}
		}
		return out
	}
	return f(a), f(b)
}
