package game

import (
	"context"
	"fmt"
	"math/big"
	"math/bits"
	"slices"
	"sort"
	"strings"
)

// maxEnumLabels bounds m+n for [EnumMixed]: label sets are 64-bit masks.
const maxEnumLabels = 64

// Extreme is the result of [EnumMixed]: every extreme Nash equilibrium of a
// two-player game, and how they combine into maximal Nash subsets.
type Extreme struct {
	// Equilibria lists the extreme equilibria, exact, ordered by the row
	// player's strategy then the column player's.
	Equilibria []Equilibrium `json:"equilibria"`
	// Pairs[k] = {a, b}: Equilibria[k] combines the row player's extreme
	// strategy X[a] with the column player's Y[b].
	Pairs [][2]int `json:"pairs"`
	// X and Y are the distinct extreme equilibrium strategies of the row
	// and the column player.
	X [][]*big.Rat `json:"-"`
	Y [][]*big.Rat `json:"-"`
	// Cliques are the maximal Nash subsets: for each clique every
	// combination of a mixture of {X[a] : a ∈ Clique.X} with a mixture of
	// {Y[b] : b ∈ Clique.Y} is an equilibrium (Jansen 1981; Avis et al.
	// 2010, §4). The equilibrium components are the connected unions of
	// cliques.
	Cliques []Clique `json:"cliques"`
	// NonExtreme reports that some equilibria are not extreme: a clique
	// has more than one strategy on some side, so a whole segment or
	// polytope of equilibria connects extreme ones (degenerate games).
	NonExtreme bool `json:"non_extreme"`
	// Vertices counts the vertices of the two best-response polytopes
	// (for a polytope that was not enumerated, the partners solved for),
	// Bases the feasible bases visited (0 when not enumerated; which
	// polytope is enumerated depends on timing), Arithmetic the number type used
	// ("int64", or "hybrid" when some entries needed math/big).
	Vertices   [2]int `json:"vertices"`
	Bases      [2]int `json:"bases"`
	Arithmetic string `json:"arithmetic"`
}

// Clique is a maximal Nash subset: indices into [Extreme.X] and [Extreme.Y].
type Clique struct {
	X []int `json:"x"`
	Y []int `json:"y"`
}

// vertex is a vertex of a best-response polytope.
type vertex struct {
	labels uint64   // tight constraints (see EnumMixed)
	coords captured // strategy coordinates, unnormalised
}

// enumerator enumerates the vertices of {z ≥ 0 : M·z = 1} by depth-first
// search over all feasible bases, pivoting back after each visit.
type enumerator struct {
	t        *hybridTableau
	saved    [][]int64 // per depth: snapshot of the tableau before a pivot
	vars     int
	basis    []int // basic variable of each row
	inBasis  uint64
	visited  map[uint64]struct{}
	vmap     map[uint64]int
	vertices []vertex
	coordVar []int // variables whose values are the strategy coordinates
	rowsBuf  []int
	rowOf    []int
	lexCols  []int // initial basis columns, row order, for lexicographic ties
	ctx      context.Context
	steps    int
	err      error
}

func (e *enumerator) record() {
	labels := ^e.inBasis & (1<<uint(e.vars) - 1)
	for r, v := range e.basis {
		if e.t.sgn(r, e.vars) == 0 {
			labels |= 1 << uint(v)
		}
	}
	if _, ok := e.vmap[labels]; ok {
		return
	}
	for i := range e.rowOf {
		e.rowOf[i] = -1
	}
	for r, v := range e.basis {
		e.rowOf[v] = r
	}
	if e.rowsBuf == nil {
		e.rowsBuf = make([]int, len(e.coordVar))
	}
	rows := e.rowsBuf
	for i, v := range e.coordVar {
		rows[i] = e.rowOf[v]
	}
	e.vmap[labels] = len(e.vertices)
	e.vertices = append(e.vertices, vertex{labels: labels, coords: e.t.capture(rows)})
}

// dfs visits the current basis and all feasible bases reachable from it.
// It returns false on overflow or cancellation.
func (e *enumerator) dfs(depth int) bool {
	e.record()
	e.steps++
	if e.steps&1023 == 0 && e.ctx.Err() != nil {
		e.err = e.ctx.Err()
		return false
	}
	for nb := ^e.inBasis & (1<<uint(e.vars) - 1); nb != 0; nb &= nb - 1 {
		c := bits.TrailingZeros64(nb)
		// Lexicographic minimum-ratio row: ties in the ratio test are broken
		// by the rows of the basis inverse (the initial slack columns), so
		// only lexicographically feasible bases are visited — the vertices
		// of the perturbed polytope {C·z ≤ 1 + (ε, ε², …)}, which is simple
		// and whose vertices map onto all vertices of the original one.
		r := -1
		for i := range e.basis {
			if e.t.sgn(i, c) <= 0 {
				continue
			}
			if r < 0 {
				r = i
				continue
			}
			cmp := e.t.cmpRatio(i, r, c)
			for k := 0; cmp == 0 && k < len(e.lexCols); k++ {
				cmp = e.t.cmpCol(i, r, c, e.lexCols[k])
			}
			if cmp < 0 {
				r = i
			}
		}
		if r < 0 {
			continue
		}
		old := e.basis[r]
		next := e.inBasis&^(1<<uint(old)) | 1<<uint(c)
		if _, ok := e.visited[next]; ok {
			continue
		}
		e.visited[next] = struct{}{}
		// Undo by restoring a copy when every entry is an int64
		// (a copy is cheaper than the reverse pivot), else pivot back.
		if depth >= len(e.saved) {
			e.saved = append(e.saved, nil)
		}
		var d int64
		var ok bool
		e.saved[depth], d, ok = e.t.snapshot(e.saved[depth])
		if !e.t.pivot(r, c) {
			return false
		}
		e.basis[r], e.inBasis = c, next
		if !e.dfs(depth + 1) {
			return false
		}
		if ok {
			e.t.restore(e.saved[depth], d)
		} else if !e.t.pivot(r, old) {
			return false
		}
		e.basis[r] = old
		e.inBasis = e.inBasis&^(1<<uint(c)) | 1<<uint(old)
	}
	return true
}

// polytope enumerates the vertices of {z ≥ 0 : [M | I]·z = 1} (or
// [I | M] when slackFirst), returning them and the number of bases.
func polytope(ctx context.Context, m [][]*big.Int, slackFirst bool) ([]vertex, int, bool, error) {
	rows, k := len(m), len(m[0])
	vars := rows + k
	full := make([][]*big.Int, rows)
	rhs := make([]*big.Int, rows)
	basis := make([]int, rows)
	var coord []int
	for r := range rows {
		full[r] = make([]*big.Int, vars)
		for j := range vars {
			full[r][j] = new(big.Int)
		}
		off, slack := 0, k+r
		if slackFirst {
			off, slack = rows, r
		}
		for j := range k {
			full[r][off+j].Set(m[r][j])
		}
		full[r][slack].SetInt64(1)
		basis[r] = slack
		rhs[r] = big.NewInt(1)
	}
	for j := range k {
		if slackFirst {
			coord = append(coord, rows+j)
		} else {
			coord = append(coord, j)
		}
	}
	t := newHybridTableau(full, rhs)
	e := &enumerator{t: t, vars: vars, basis: basis, lexCols: append([]int(nil), basis...), visited: make(map[uint64]struct{}, 1024),
		vmap: make(map[uint64]int, 1024), coordVar: coord, rowOf: make([]int, vars), ctx: ctx}
	for _, v := range basis {
		e.inBasis |= 1 << uint(v)
	}
	e.visited[e.inBasis] = struct{}{}
	if !e.dfs(0) {
		return nil, 0, t.usedBig, e.err
	}
	return e.vertices, len(e.visited), t.usedBig, nil
}

// EnumMixed returns all extreme Nash equilibria of a two-player game, in
// exact rational arithmetic — the set that lrsnash and gambit-enummixed
// report — and the maximal Nash subsets they form.
//
// Method. With payoffs made positive integers (scaled by the common
// denominator and shifted, which changes no best response) the best-response
// polytopes are
//
//	P = {x ∈ ℝᵐ : x ≥ 0, Bᵀx ≤ 1},   Q = {y ∈ ℝⁿ : y ≥ 0, A·y ≤ 1}.
//
// A point of P has label i ∈ {1..m} when x_i = 0 and label m+j when
// (Bᵀx)_j = 1; a point of Q has label i when (Ay)_i = 1 and m+j when
// y_j = 0. A pair of vertices (x, y) ≠ (0, 0) whose labels cover
// {1..m+n} is, normalised, an extreme equilibrium, and every extreme
// equilibrium arises so (von Stengel 2002, Handbook of Game Theory 3, ch. 45,
// Thm 2.14; Avis, Rosenberg, Savani, von Stengel 2010, Economic Theory 42,
// 9–37). Vertices are found by depth-first search over the
// lexicographically feasible bases of the two dictionaries (the lexicographic
// ratio test makes the walk that over the vertices of a perturbed, simple
// polytope, which reaches every vertex even when degenerate), using
// fraction-free integer pivoting in int64 with 128-bit intermediates, where
// single entries that outgrow int64 move to math/big and back ("hybrid
// arithmetic", cf. lrs). A vertex is identified by its full label set, which
// is unique to it. Vertex pairs are
// matched with 64-bit label masks; maximal Nash subsets are the maximal
// bicliques of the bipartite compatibility graph.
//
// The two polytopes are searched concurrently in two goroutines; when the
// first search ends, the partner vertices in the other polytope are solved
// for exactly where possible (see partners and the package documentation)
// and the other search is cancelled. ctx is checked every 1024 bases. It returns [ErrPlayers]
// for a game that does not have two players, [ErrTooLarge] when m+n > 64.
func EnumMixed(ctx context.Context, g *Game) (*Extreme, error) {
	if err := g.Validate(); err != nil {
		return nil, err
	}
	if g.NumPlayers() != 2 {
		return nil, fmt.Errorf("%w: enumeration of mixed equilibria needs 2, game has %d", ErrPlayers, g.NumPlayers())
	}
	m, n := len(g.Strategies[0]), len(g.Strategies[1])
	if m+n > maxEnumLabels {
		return nil, fmt.Errorf("%w: %d+%d strategies, at most %d in all", ErrTooLarge, m, n, maxEnumLabels)
	}
	ra, rb := g.RatMatrices()
	ia, ib := integerize(ra), integerize(rb)
	bt := make([][]*big.Int, n) // Bᵀ
	for j := range n {
		bt[j] = make([]*big.Int, m)
		for i := range m {
			bt[j][i] = ib[i][j]
		}
	}
	arith := "int64"
	full := uint64(1)<<uint(m+n) - 1
	// The origin is the only vertex of P with labels ⊇ {1..m}, likewise Q.
	xZero, yZero := uint64(1)<<uint(m)-1, full&^(uint64(1)<<uint(m)-1)
	var (
		pv, qv     []vertex
		pb, qb     int
		big1, big2 bool
		pairs      [][2]int
	)
	// Enumerate both polytopes concurrently; as soon as one is done, solve
	// for the partners of its vertices in the other (possible unless some
	// vertex is too degenerate) and stop the other search. Which one finishes first
	// does not change the result, only the statistics. (lrslib's 2nash runs
	// lrsnash on both orders in parallel for the same reason: the vertex
	// counts of the two polytopes can differ by orders of magnitude.)
	type enumResult struct {
		v      []vertex
		bases  int
		isBig  bool
		err    error
		second bool // Q rather than P
	}
	sub, cancel := context.WithCancel(ctx)
	defer cancel()
	ch := make(chan enumResult, 2)
	go func() {
		v, nb, bg, err := polytope(sub, bt, false)
		ch <- enumResult{v, nb, bg, err, false}
	}()
	go func() {
		v, nb, bg, err := polytope(sub, ia, true)
		ch <- enumResult{v, nb, bg, err, true}
	}()
	first := <-ch
	if first.err != nil {
		return nil, first.err
	}
	var ok bool
	if !first.second {
		pv, pb, big1 = first.v, first.bases, first.isBig
		qv, pairs, ok = partners(pv, m, xZero, ia, func(a int) int { return a }, func(b int) int { return m + b })
	} else {
		qv, qb, big2 = first.v, first.bases, first.isBig
		var rev [][2]int
		pv, rev, ok = partners(qv, n, yZero, bt, func(a int) int { return m + a }, func(b int) int { return b })
		for _, p := range rev {
			pairs = append(pairs, [2]int{p[1], p[0]})
		}
	}
	if ok {
		cancel()
	} else {
		second := <-ch
		if second.err != nil {
			return nil, second.err
		}
		if second.second {
			qv, qb, big2 = second.v, second.bases, second.isBig
		} else {
			pv, pb, big1 = second.v, second.bases, second.isBig
		}
		pairs = pairVertices(pv, qv, m, n)
	}
	if big1 || big2 {
		arith = "hybrid"
	}
	res := &Extreme{Vertices: [2]int{len(pv), len(qv)}, Bases: [2]int{pb, qb}, Arithmetic: arith}
	xIdx, yIdx := map[int]int{}, map[int]int{}
	// Normalise and index the strategies taking part.
	norm := func(c captured) []*big.Rat {
		v := c.rats()
		s := new(big.Rat)
		for _, x := range v {
			s.Add(s, x)
		}
		for _, x := range v {
			x.Quo(x, s)
		}
		return v
	}
	for _, p := range pairs {
		if _, ok := xIdx[p[0]]; !ok {
			xIdx[p[0]] = -1
		}
		if _, ok := yIdx[p[1]]; !ok {
			yIdx[p[1]] = -1
		}
	}
	xs := sortedKeys(xIdx)
	ys := sortedKeys(yIdx)
	for _, a := range xs {
		res.X = append(res.X, norm(pv[a].coords))
	}
	for _, b := range ys {
		res.Y = append(res.Y, norm(qv[b].coords))
	}
	// Order strategies lexicographically (largest first, as gambit).
	xo := ratOrder(res.X)
	yo := ratOrder(res.Y)
	res.X, res.Y = permute(res.X, xo), permute(res.Y, yo)
	for k, a := range xs {
		xIdx[a] = slices.Index(xo, k)
	}
	for k, b := range ys {
		yIdx[b] = slices.Index(yo, k)
	}
	for _, p := range pairs {
		res.Pairs = append(res.Pairs, [2]int{xIdx[p[0]], yIdx[p[1]]})
	}
	sort.Slice(res.Pairs, func(i, j int) bool {
		if res.Pairs[i][0] != res.Pairs[j][0] {
			return res.Pairs[i][0] < res.Pairs[j][0]
		}
		return res.Pairs[i][1] < res.Pairs[j][1]
	})
	for _, p := range res.Pairs {
		eq, err := g.newExact2(ia, ib, RatProfile{res.X[p[0]], res.Y[p[1]]})
		if err != nil {
			return nil, err
		}
		res.Equilibria = append(res.Equilibria, eq)
	}
	res.Cliques = maximalBicliques(len(res.X), len(res.Y), res.Pairs)
	for _, c := range res.Cliques {
		if len(c.X) > 1 || len(c.Y) > 1 {
			res.NonExtreme = true
		}
	}
	return res, nil
}

func sortedKeys(m map[int]int) []int {
	k := make([]int, 0, len(m))
	for a := range m {
		k = append(k, a)
	}
	sort.Ints(k)
	return k
}

// ratOrder returns the indices of v sorted in decreasing lexicographic order.
func ratOrder(v [][]*big.Rat) []int {
	o := make([]int, len(v))
	for i := range o {
		o[i] = i
	}
	sort.SliceStable(o, func(i, j int) bool {
		a, b := v[o[i]], v[o[j]]
		for k := range a {
			if c := a[k].Cmp(b[k]); c != 0 {
				return c > 0
			}
		}
		return false
	})
	return o
}

func permute(v [][]*big.Rat, o []int) [][]*big.Rat {
	out := make([][]*big.Rat, len(o))
	for k, i := range o {
		out[k] = v[i]
	}
	return out
}

// maximalBicliques returns the maximal complete bipartite subgraphs of the
// graph with nx left and ny right nodes and the given edges: the formal
// concepts (X, Y) with X = common neighbours of Y and Y = common neighbours
// of X, both non-empty. Right-hand sets are closed under intersection, so
// they are generated by intersecting neighbourhoods until closure.
func maximalBicliques(nx, ny int, edges [][2]int) []Clique {
	if len(edges) == 0 {
		return nil
	}
	words := (ny + 63) / 64
	nbr := make([][]uint64, nx)
	for i := range nbr {
		nbr[i] = make([]uint64, words)
	}
	for _, e := range edges {
		nbr[e[0]][e[1]/64] |= 1 << uint(e[1]%64)
	}
	key := func(s []uint64) string {
		var b strings.Builder
		for _, w := range s {
			fmt.Fprintf(&b, "%016x", w)
		}
		return b.String()
	}
	seen := map[string][]uint64{}
	var queue [][]uint64
	for _, s := range nbr {
		if k := key(s); seen[k] == nil {
			seen[k] = s
			queue = append(queue, s)
		}
	}
	for i := 0; i < len(queue); i++ {
		for j := 0; j < i; j++ {
			inter := make([]uint64, words)
			empty := true
			for w := range inter {
				inter[w] = queue[i][w] & queue[j][w]
				empty = empty && inter[w] == 0
			}
			if empty {
				continue
			}
			if k := key(inter); seen[k] == nil {
				seen[k] = inter
				queue = append(queue, inter)
			}
		}
	}
	var out []Clique
	for _, ys := range queue {
		var c Clique
		for b := range ny {
			if ys[b/64]>>uint(b%64)&1 == 1 {
				c.Y = append(c.Y, b)
			}
		}
		for a := range nx {
			sub := true
			for w := range ys {
				if ys[w]&^nbr[a][w] != 0 {
					sub = false
					break
				}
			}
			if sub {
				c.X = append(c.X, a)
			}
		}
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool {
		if c := slices.Compare(out[i].X, out[j].X); c != 0 {
			return c < 0
		}
		return slices.Compare(out[i].Y, out[j].Y) < 0
	})
	return out
}

// pairVertices returns the pairs (a, b) of vertices of P and Q, neither the
// origin, whose labels cover {1…m+n}.
func pairVertices(pv, qv []vertex, m, n int) [][2]int {
	full := uint64(1)<<uint(m+n) - 1
	xZero, yZero := uint64(1)<<uint(m)-1, full&^(uint64(1)<<uint(m)-1)
	// Pairing: a vertex y of Q with exactly n labels (nondegenerate) matches
	// x only if its labels equal the complement of x's, found by hashing;
	// vertices with more labels, and x with more than m, are scanned.
	byLabels := map[uint64]int{}
	var degY []int
	for b, yv := range qv {
		if bits.OnesCount64(yv.labels) == n {
			byLabels[yv.labels] = b
		} else {
			degY = append(degY, b)
		}
	}
	var pairs [][2]int
	for a, xv := range pv {
		if xv.labels&xZero == xZero {
			continue
		}
		need := full &^ xv.labels
		cands := degY
		if bits.OnesCount64(xv.labels) == m {
			if b, ok := byLabels[need]; ok && qv[b].labels&yZero != yZero {
				pairs = append(pairs, [2]int{a, b})
			}
		} else {
			cands = nil
			for b := range qv {
				cands = append(cands, b)
			}
		}
		for _, b := range cands {
			yv := qv[b]
			if yv.labels&need != need || yv.labels&yZero == yZero {
				continue
			}
			pairs = append(pairs, [2]int{a, b})
		}
	}
	return pairs
}
