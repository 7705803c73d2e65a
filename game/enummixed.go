package game

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"math/big"
	"math/bits"
	"slices"
	"sort"
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
	// (for the polytope that was not enumerated, the distinct partners
	// found), Bases the lexicographically feasible bases visited (0 for the
	// polytope not enumerated: P when n < m, else Q), Arithmetic the number
	// type used ("int64", or "hybrid" when some entries needed math/big).
	Vertices   [2]int `json:"vertices"`
	Bases      [2]int `json:"bases"`
	Arithmetic string `json:"arithmetic"`
	// PartnerFaces counts the degenerate vertices of the enumerated
	// polytope whose partner faces were enumerated.
	PartnerFaces int `json:"partner_faces"`
}

// Clique is a maximal Nash subset: indices into [Extreme.X] and [Extreme.Y].
type Clique struct {
	X []int `json:"x"`
	Y []int `json:"y"`
}

// ErrTooMany is returned (wrapped) when an enumeration finds more results
// than the limit it was given.
var ErrTooMany = errors.New("game: more results than the limit")

func errTooMany(limit int) error {
	return fmt.Errorf("%w: more than %d extreme equilibria", ErrTooMany, limit)
}

// EnumMixed returns all extreme Nash equilibria of a two-player game, in
// exact rational arithmetic — the set that lrsnash and gambit-enummixed
// report — and the maximal Nash subsets they form. It is
// [EnumMixedWith] with default options.
func EnumMixed(ctx context.Context, g *Game) (*Extreme, error) {
	return EnumMixedWith(ctx, g, EnumOptions{})
}

// EnumMixedWith is [EnumMixed] with options (workers, progress, a limit on
// the number of equilibria).
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
// Thm 2.14; Avis, Rosenberg, Savani & von Stengel 2010, "Enumeration of Nash
// equilibria for two-player games", Economic Theory 42, 9–37).
//
// As lrsnash (lrslib) does, the vertices of one polytope — P, or Q when
// n < m (the lower dimension) — are enumerated by lexicographic reverse
// search (Avis & Fukuda 1992; Avis 2000), which keeps only the current
// basis: memory does not grow with the number of vertices. For each vertex
// x the partners are the vertices of the face of the other polytope that
// its labels define: when x is nondegenerate (exactly m labels) that face
// is at most one point, the solution of a square system solved exactly;
// when x is degenerate it is a face of higher dimension whose vertices are
// themselves enumerated by reverse search after a phase-1 simplex run
// ("partner faces", as lrsnash). Each degenerate vertex is reported once,
// at its lexicographically minimal basis.
//
// Arithmetic is exact: fraction-free integer pivoting in int64 with 128-bit
// intermediates, where single entries that outgrow int64 move to math/big
// and back ("hybrid arithmetic", cf. lrs). The search tree is split at a
// small depth and its subtrees walked by opts.Workers goroutines (in the
// spirit of lrslib's mplrs). ctx is checked every 256 bases.
//
// The memory used is that of a few tableaux per worker plus the
// equilibria found. It returns [ErrPlayers] for a game that does not have
// two players, [ErrTooLarge] when m+n > 64, [ErrTooMany] when
// opts.MaxEquilibria is exceeded, and ctx's error when cancelled.
func EnumMixedWith(ctx context.Context, g *Game, opts EnumOptions) (*Extreme, error) {
	f, err := enumSearch(ctx, g, opts)
	if err != nil {
		return nil, err
	}
	return f.extreme(g)
}

// enumFound is what the search of [EnumMixedWith] found, before it is
// normalised and checked: the distinct extreme strategies of each player as
// integer vectors (unnormalised, in the game's frame), and the pairs of
// them that are equilibria, in the order found.
type enumFound struct {
	ia, ib   [][]*big.Int // the payoff matrices made positive integers
	ck       eqChecker    // ia and ib in int64 when they fit
	xs, ys   []intVec
	pairs    [][2]int // indices into xs, ys
	vertices [2]int
	bases    [2]int
	arith    string
	faces    int
}

// enumSearch runs the reverse search of [EnumMixedWith] and indexes the
// distinct vertices of the equilibria found.
func enumSearch(ctx context.Context, g *Game, opts EnumOptions) (*enumFound, error) {
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
	ia, ib := g.integerMatrix(0), g.integerMatrix(1)
	// Enumerate the polytope of lower dimension (fewer vertices, by the
	// upper bound theorem): P when m ≤ n, else Q as the P of the transposed
	// game.
	ea, eb, swap := ia, ib, n < m
	if swap {
		ea, eb = transpose(ib), transpose(ia)
	}
	ck := newEqChecker(ia, ib)
	ea64 := ck.a64 // smallMatrix(ea), whose bound depends on ea's rows
	if swap {
		ea64 = smallMatrix(ea)
	}
	recs, st, err := enumerateRS(ctx, ea, eb, ea64, opts)
	if err != nil {
		return nil, err
	}
	f := &enumFound{ia: ia, ib: ib, ck: ck, arith: "int64", faces: int(st.faces)}
	if st.usedBig {
		f.arith = "hybrid"
	}
	// Index the distinct vertices by label mask.
	xs, ys := newVertexIndex(len(recs)), newVertexIndex(len(recs))
	f.pairs = make([][2]int, 0, len(recs))
	for _, r := range recs {
		f.pairs = append(f.pairs, [2]int{xs.at(r.xl, r.x), ys.at(r.yl, r.y)})
	}
	f.xs, f.ys = xs.vecs, ys.vecs
	f.vertices = [2]int{int(st.vertices), len(ys.vecs)}
	f.bases = [2]int{int(st.bases), 0}
	if swap {
		f.xs, f.ys = f.ys, f.xs
		for k, p := range f.pairs {
			f.pairs[k] = [2]int{p[1], p[0]}
		}
		f.vertices = [2]int{f.vertices[1], f.vertices[0]}
		f.bases = [2]int{0, int(st.bases)}
	}
	return f, nil
}

// vertexIndex numbers distinct vertices by their label masks: by a linear
// scan while they are few (the usual case, and no map to build), through a
// map beyond.
type vertexIndex struct {
	labels []uint64
	vecs   []intVec
	idx    map[uint64]int // nil while len(labels) ≤ vertexScan
}

const vertexScan = 32

// newVertexIndex returns an index with room for n vertices (at most as
// many as the equilibria found) up to vertexScan.
func newVertexIndex(n int) vertexIndex {
	n = min(n, vertexScan)
	return vertexIndex{labels: make([]uint64, 0, n), vecs: make([]intVec, 0, n)}
}

// at returns the number of the vertex with labels l, adding v if new.
func (s *vertexIndex) at(l uint64, v intVec) int {
	if s.idx != nil {
		if k, ok := s.idx[l]; ok {
			return k
		}
	} else {
		for k, x := range s.labels {
			if x == l {
				return k
			}
		}
	}
	k := len(s.labels)
	s.labels = append(s.labels, l)
	s.vecs = append(s.vecs, v)
	if s.idx != nil {
		s.idx[l] = k
	} else if len(s.labels) > vertexScan {
		s.idx = make(map[uint64]int, 2*len(s.labels))
		for i, x := range s.labels {
			s.idx[x] = i
		}
	}
	return k
}

// extreme normalises the vertices found exactly, orders them, checks every
// equilibrium and finds the maximal Nash subsets: [EnumMixedWith]'s result.
func (f *enumFound) extreme(g *Game) (*Extreme, error) {
	res := &Extreme{Vertices: f.vertices, Bases: f.bases, Arithmetic: f.arith, PartnerFaces: f.faces}
	xIdx, yIdx := make([]int, len(f.xs)), make([]int, len(f.ys))
	for _, v := range f.xs {
		res.X = append(res.X, v.normalised())
	}
	for _, v := range f.ys {
		res.Y = append(res.Y, v.normalised())
	}
	// Order strategies lexicographically (largest first, as gambit).
	xo := ratOrder(res.X)
	yo := ratOrder(res.Y)
	res.X, res.Y = permute(res.X, xo), permute(res.Y, yo)
	xv, yv := permute(f.xs, xo), permute(f.ys, yo)
	for k, a := range xo {
		xIdx[a] = k
	}
	for k, b := range yo {
		yIdx[b] = k
	}
	res.Pairs = sortedPairs(f.pairs, xIdx, yIdx)
	// Every equilibrium is checked exactly before it is returned: in int64
	// on the integer vectors when the sums fit, else in math/big.
	ck := f.ck
	res.Equilibria = make([]Equilibrium, 0, len(res.Pairs))
	for _, p := range res.Pairs {
		prof := RatProfile{res.X[p[0]], res.Y[p[1]]}
		var eq Equilibrium
		ok, err := ck.check(xv[p[0]], yv[p[1]])
		switch {
		case err != nil:
			return nil, err
		case ok:
			eq = g.exactEquilibrium(prof)
		default:
			if eq, err = g.newExact2(f.ia, f.ib, prof); err != nil {
				return nil, err
			}
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

// sortedPairs renumbers pairs by xIdx and yIdx and sorts them by the row
// player's strategy, then the column player's.
func sortedPairs(pairs [][2]int, xIdx, yIdx []int) [][2]int {
	out := make([][2]int, 0, len(pairs))
	for _, p := range pairs {
		out = append(out, [2]int{xIdx[p[0]], yIdx[p[1]]})
	}
	slices.SortFunc(out, func(a, b [2]int) int {
		if a[0] != b[0] {
			return a[0] - b[0]
		}
		return a[1] - b[1]
	})
	return out
}

// eqChecker decides in int64 arithmetic whether a pair of integer vectors
// is an equilibrium, when the payoffs and sums fit.
type eqChecker struct {
	a64, b64   [][]int64
	maxA, maxB int64
}

func newEqChecker(ia, ib [][]*big.Int) eqChecker {
	a64, b64 := smallMatrix(ia), smallMatrix(ib)
	return eqChecker{a64: a64, b64: b64, maxA: maxAbs(a64), maxB: maxAbs(b64)}
}

// check returns (true, nil) when (x, y) is an equilibrium, an error when
// the int64 check finds a positive regret (an internal error), and
// (false, nil) when it cannot decide: the caller checks in math/big.
func (c eqChecker) check(x, y intVec) (bool, error) {
	if c.a64 == nil || c.b64 == nil {
		return false, nil
	}
	rowOK, rowDone := bestResponse64(c.a64, false, c.maxA, x, y)
	colOK, colDone := bestResponse64(c.b64, true, c.maxB, y, x)
	switch {
	case rowDone && !rowOK:
		return false, errRowRegret
	case colDone && !colOK:
		return false, errColRegret
	}
	return rowDone && colDone, nil
}

// maxAbs returns the largest absolute value in a (0 when a is nil).
func maxAbs(a [][]int64) int64 {
	var m int64
	for _, row := range a {
		for _, v := range row {
			m = max(m, v, -v)
		}
	}
	return m
}

func transpose(a [][]*big.Int) [][]*big.Int {
	t := rowsOf(make([]*big.Int, len(a)*len(a[0])), len(a[0]), len(a))
	for j := range t {
		for i := range a {
			t[j][i] = a[i][j]
		}
	}
	return t
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
			if c := ratCmp(a[k], b[k]); c != 0 {
				return c > 0
			}
		}
		return false
	})
	return o
}

func permute[T any](v []T, o []int) []T {
	out := make([]T, len(o))
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
	if ny <= 64 {
		return maximalBicliques64(nx, ny, edges)
	}
	return maximalBicliquesWords(nx, ny, edges)
}

// maximalBicliquesWords is [maximalBicliques] for any ny, right-hand sets
// as bit sets of several words.
func maximalBicliquesWords(nx, ny int, edges [][2]int) []Clique {
	words := (ny + 63) / 64
	nbr := make([][]uint64, nx)
	for i := range nbr {
		nbr[i] = make([]uint64, words)
	}
	for _, e := range edges {
		nbr[e[0]][e[1]/64] |= 1 << uint(e[1]%64)
	}
	key := func(s []uint64) string {
		b := make([]byte, 0, 8*len(s))
		for _, w := range s {
			b = binary.LittleEndian.AppendUint64(b, w)
		}
		return string(b)
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

// maximalBicliques64 is [maximalBicliques] for ny ≤ 64: right-hand sets
// are single words, told apart by a scan while they are few (by a map
// beyond), and the cliques' index lists share one array.
func maximalBicliques64(nx, ny int, edges [][2]int) []Clique {
	nbr := make([]uint64, nx)
	for _, e := range edges {
		nbr[e[0]] |= 1 << uint(e[1])
	}
	var queue []uint64
	var seen map[uint64]bool // nil while the queue is scanned
	add := func(s uint64) {
		if seen != nil {
			if seen[s] {
				return
			}
			seen[s] = true
		} else {
			if slices.Contains(queue, s) {
				return
			}
			if len(queue) == 32 {
				seen = make(map[uint64]bool, 64)
				for _, q := range queue {
					seen[q] = true
				}
				seen[s] = true
			}
		}
		queue = append(queue, s)
	}
	for _, s := range nbr {
		add(s)
	}
	for i := 0; i < len(queue); i++ {
		for j := 0; j < i; j++ {
			if inter := queue[i] & queue[j]; inter != 0 {
				add(inter)
			}
		}
	}
	total := 0
	for _, ys := range queue {
		total += bits.OnesCount64(ys)
		for _, row := range nbr {
			if ys&^row == 0 {
				total++
			}
		}
	}
	idx := make([]int, 0, total)
	out := make([]Clique, len(queue))
	for k, ys := range queue {
		start := len(idx)
		for b := range ny {
			if ys>>uint(b)&1 == 1 {
				idx = append(idx, b)
			}
		}
		if len(idx) > start {
			out[k].Y = idx[start:len(idx):len(idx)]
		}
		start = len(idx)
		for a, row := range nbr {
			if ys&^row == 0 {
				idx = append(idx, a)
			}
		}
		if len(idx) > start {
			out[k].X = idx[start:len(idx):len(idx)]
		}
	}
	slices.SortFunc(out, func(a, b Clique) int {
		if c := slices.Compare(a.X, b.X); c != 0 {
			return c
		}
		return slices.Compare(a.Y, b.Y)
	})
	return out
}
