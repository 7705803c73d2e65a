package efg

import (
	"context"
	"fmt"
	"math/big"
	"math/rand/v2"
	"sort"
)

// SeqForm is the sequence form of a two-player game with perfect recall
// (Koller, Megiddo and von Stengel 1996). A sequence of player p is the
// list of his own (information set, action) moves on a path; sequence 0
// is the empty one and sequence Seq[p][h][a] ends with action a at
// information set h. A realization plan x of player 1 is a non-negative
// vector with E x = e: x[0] = 1 and, for every information set h,
// Σ_a x[Seq[0][h][a]] = x[Parent[0][h]].
type SeqForm struct {
	// Size[p] is the number of sequences of player p+1.
	Size [2]int
	// Seq[p][h][a] is the sequence ending with action a at information set
	// h of player p+1.
	Seq [2][][]int
	// Parent[p][h] is the sequence leading to information set h.
	Parent [2][]int
	// Payoff[p] maps a pair (sequence of player 1, sequence of player 2)
	// to Σ chance probability × payoff of player p+1 over the leaves
	// reached by that pair, so that player p+1's expected payoff is
	// xᵀ Payoff[p] y. Pairs reaching no leaf are absent.
	Payoff [2]map[[2]int]*big.Rat
}

// NewSeqForm builds the sequence form. The game needs two players and
// perfect recall.
func NewSeqForm(g *Game) (*SeqForm, error) {
	if err := g.Validate(); err != nil {
		return nil, err
	}
	if len(g.Players) != 2 {
		return nil, fmt.Errorf("%w: the sequence form needs 2 players, the game has %d", ErrPlayers, len(g.Players))
	}
	if err := g.PerfectRecall(); err != nil {
		return nil, err
	}
	sf := &SeqForm{}
	for p := range 2 {
		k := 1
		sf.Seq[p] = make([][]int, len(g.Infosets[p+1]))
		for h, is := range g.Infosets[p+1] {
			sf.Seq[p][h] = make([]int, len(is.Actions))
			for a := range is.Actions {
				sf.Seq[p][h][a] = k
				k++
			}
		}
		sf.Size[p] = k
		sf.Parent[p] = make([]int, len(g.Infosets[p+1]))
		for h, is := range g.Infosets[p+1] {
			s := g.ownSequence(is.Nodes[0], p+1)
			if len(s) > 0 {
				last := s[len(s)-1]
				sf.Parent[p][h] = sf.Seq[p][last.h][last.a]
			}
		}
		sf.Payoff[p] = map[[2]int]*big.Rat{}
	}
	type item struct {
		n      *Node
		s      [2]int
		chance *big.Rat
	}
	stack := []item{{g.Root, [2]int{}, big.NewRat(1, 1)}}
	t := new(big.Rat)
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		n := it.n
		if n.Kind == Terminal {
			pay := g.pathPayoff(n)
			for p := range 2 {
				e := sf.Payoff[p][it.s]
				if e == nil {
					e = new(big.Rat)
					sf.Payoff[p][it.s] = e
				}
				e.Add(e, t.Mul(it.chance, pay[p]))
			}
			continue
		}
		for a, c := range n.Children {
			next := item{c, it.s, it.chance}
			if pl := n.Infoset.Player; pl == 0 {
				if n.Infoset.Probs[a].Sign() == 0 {
					continue
				}
				next.chance = new(big.Rat).Mul(it.chance, n.Infoset.Probs[a])
			} else {
				next.s[pl-1] = sf.Seq[pl-1][n.Infoset.Index][a]
			}
			stack = append(stack, next)
		}
	}
	return sf, nil
}

// MaxSequences bounds the two players' sequences in [SequenceForm]: its
// tableau is dense and exact, with about 3n rows and 7n columns for n
// sequences (some 200 MB of big.Rat at the limit).
const MaxSequences = 400

// SeqEquilibrium is a Nash equilibrium found in the sequence form.
type SeqEquilibrium struct {
	// Realization[p] is player p+1's realization plan.
	Realization [2][]*big.Rat
	// Behavior is the equivalent behaviour profile; at information sets
	// that the player's own earlier moves make unreachable the plan says
	// nothing and the profile mixes uniformly (Unreached lists them).
	Behavior  Behavior
	Payoffs   []*big.Rat
	Unreached [][2]int // (player, information set), 1-based
	// Pivots is the number of Lemke pivots after the initial basis.
	Pivots int
}

// SeqFormOptions tune [SequenceForm].
type SeqFormOptions struct {
	// Starts is the number of priors to run Lemke's algorithm from: the
	// centroid (uniform behaviour) first, then behaviour profiles with
	// weights drawn from {1,…,16} by a PCG seeded with (start index, 0).
	// Distinct equilibria are returned. Default 1.
	Starts int
	// MaxPivots bounds each Lemke run (default 100000).
	MaxPivots int
}

// SequenceForm computes Nash equilibria of a two-player game with perfect
// recall by Lemke's algorithm on the linear complementarity problem of
// its sequence form (Koller, Megiddo and von Stengel 1996; von Stengel
// 2002, §6): find realization plans x, y and free u, v with
//
//	E x = e, F y = f, x, y ≥ 0,
//	Eᵀu − A y ≥ 0 ⊥ x,   Fᵀv − Bᵀx ≥ 0 ⊥ y,
//
// where A and B are the sequence-form payoffs, shifted so that every
// leaf's payoff is negative (which changes every payoff by the same
// constant, as the leaf probabilities of a pair of plans sum to 1).
//
// As in Koller, Megiddo and von Stengel, the covering vector comes from a
// prior (x₀, y₀): d = (−A y₀, −Bᵀx₀) ≥ 0. The run starts on the primary
// ray, where each player plays a pure best response to the other's prior
// (one "dependent" sequence per information set, against which the free
// variables u, v are pivoted into the basis) and the artificial z₀ is
// large, and follows the complementary path until z₀ leaves. Arithmetic
// is exact (math/big) with the lexicographic ratio test, so degenerate
// games neither cycle nor lose precision. A prior whose best response has
// ties that leave no valid start, or a run ending on a secondary ray, is
// skipped and the next prior tried (up to 20 more). Every equilibrium is
// verified with [Game.Check] before it is returned.
func SequenceForm(ctx context.Context, g *Game, opts SeqFormOptions) ([]SeqEquilibrium, *SeqForm, error) {
	sf, err := NewSeqForm(g)
	if err != nil {
		return nil, nil, err
	}
	if n := sf.Size[0] + sf.Size[1]; n > MaxSequences {
		return nil, sf, fmt.Errorf("%w: %d sequences (the exact dense tableau takes at most %d)", ErrTooLarge, n, MaxSequences)
	}
	starts := max(opts.Starts, 1)
	maxPiv := opts.MaxPivots
	if maxPiv <= 0 {
		maxPiv = 100000
	}
	var out []SeqEquilibrium
	seen := map[string]bool{}
	found := false
	for k := 0; k < starts || (!found && k < starts+20); k++ {
		if err := ctx.Err(); err != nil {
			return out, sf, err
		}
		prior := g.Centroid()
		if k > 0 {
			rng := rand.New(rand.NewPCG(uint64(k), 0))
			for p := range prior {
				for h := range prior[p] {
					w := make([]int64, len(prior[p][h]))
					var tot int64
					for a := range w {
						w[a] = 1 + rng.Int64N(16)
						tot += w[a]
					}
					for a := range w {
						prior[p][h][a] = big.NewRat(w[a], tot)
					}
				}
			}
		}
		lp := newLemke(g, sf, [2][]*big.Rat{sf.plan(0, prior[0]), sf.plan(1, prior[1])})
		x, y, piv, ok, err := lp.solve(ctx, maxPiv)
		if err != nil {
			return out, sf, err
		}
		if !ok {
			continue
		}
		found = true
		key := ratKey(x) + "|" + ratKey(y)
		if seen[key] {
			continue
		}
		seen[key] = true
		eq := SeqEquilibrium{Realization: [2][]*big.Rat{x, y}, Pivots: piv}
		eq.Behavior, eq.Unreached = g.behaviorFromPlans(sf, eq.Realization)
		c, err := g.Check(eq.Behavior)
		if err != nil {
			return out, sf, err
		}
		if !c.Nash {
			return out, sf, fmt.Errorf("efg: internal error: sequence-form solution fails verification")
		}
		eq.Payoffs = c.Payoffs
		out = append(out, eq)
	}
	if !found {
		return nil, sf, fmt.Errorf("%w: every covering vector ended on a secondary ray", ErrNoSolution)
	}
	return out, sf, nil
}

func ratKey(v []*big.Rat) string {
	s := ""
	for _, x := range v {
		s += x.RatString() + ","
	}
	return s
}

// behaviorFromPlans converts realization plans to behaviour strategies.
func (g *Game) behaviorFromPlans(sf *SeqForm, plans [2][]*big.Rat) (Behavior, [][2]int) {
	b := g.Centroid()
	var unreached [][2]int
	for p := range 2 {
		x := plans[p]
		for h := range g.Infosets[p+1] {
			par := x[sf.Parent[p][h]]
			if par.Sign() == 0 {
				unreached = append(unreached, [2]int{p + 1, h + 1})
				continue
			}
			for a, s := range sf.Seq[p][h] {
				b[p][h][a] = new(big.Rat).Quo(x[s], par)
			}
		}
	}
	return b, unreached
}

// lemke is the tableau of the sequence-form LCP. Columns: x (n1), y (n2),
// u (m1), v (m2), a (n1), b (n2), sE (m1), sF (m2), z0. Rows: a-rows,
// b-rows, E-rows, F-rows. Row r reads Σ_c T[r][c]·var_c = rhs[r].
type lemke struct {
	n1, n2, m1, m2 int
	t              [][]*big.Rat
	rhs            []*big.Rat
	basis          []int // basic column of each row
	cols           int
	dep            [2][]int // dependent sequence of each E/F row
	ay0, bx0       []*big.Rat
	zcol           int
	lex0           int // first column of the lexicographic perturbation
}

func (l *lemke) colX(s int) int  { return s }
func (l *lemke) colY(s int) int  { return l.n1 + s }
func (l *lemke) colU(h int) int  { return l.n1 + l.n2 + h }
func (l *lemke) colV(h int) int  { return l.n1 + l.n2 + l.m1 + h }
func (l *lemke) colA(s int) int  { return l.n1 + l.n2 + l.m1 + l.m2 + s }
func (l *lemke) colB(s int) int  { return 2*l.n1 + l.n2 + l.m1 + l.m2 + s }
func (l *lemke) colSE(h int) int { return 2*l.n1 + 2*l.n2 + l.m1 + l.m2 + h }
func (l *lemke) colSF(h int) int { return 2*l.n1 + 2*l.n2 + 2*l.m1 + l.m2 + h }
func (l *lemke) colZ() int       { return l.zcol }

// complement returns the complementary column of a complementarity
// variable (x↔a, y↔b), or −1.
func (l *lemke) complement(c int) int {
	switch {
	case c < l.n1:
		return l.colA(c)
	case c < l.n1+l.n2:
		return l.colB(c - l.n1)
	case c >= l.colA(0) && c < l.colA(0)+l.n1:
		return c - l.colA(0)
	case c >= l.colB(0) && c < l.colB(0)+l.n2:
		return l.n1 + c - l.colB(0)
	}
	return -1
}

func newLemke(g *Game, sf *SeqForm, prior [2][]*big.Rat) *lemke {
	l := &lemke{n1: sf.Size[0], n2: sf.Size[1], m1: len(sf.Seq[0]) + 1, m2: len(sf.Seq[1]) + 1}
	rows := l.n1 + l.n2 + l.m1 + l.m2
	l.cols = 2*rows + 1
	l.zcol = l.cols - 1
	l.lex0 = l.cols
	l.t = make([][]*big.Rat, rows)
	for r := range l.t {
		l.t[r] = make([]*big.Rat, l.cols)
		for c := range l.t[r] {
			l.t[r][c] = new(big.Rat)
		}
	}
	l.rhs = make([]*big.Rat, rows)
	for r := range l.rhs {
		l.rhs[r] = new(big.Rat)
	}
	l.basis = make([]int, rows)
	// Shift so that every leaf payoff is negative.
	var shift [2]*big.Rat
	for p := range 2 {
		var mx *big.Rat
		g.Walk(func(n *Node) {
			if n.Kind == Terminal {
				v := g.pathPayoff(n)[p]
				if mx == nil || v.Cmp(mx) > 0 {
					mx = v
				}
			}
		})
		shift[p] = new(big.Rat).Add(mx, big.NewRat(1, 1))
	}
	// Chance probability of each pair, to apply the shift per leaf.
	prob := map[[2]int]*big.Rat{}
	type item struct {
		n *Node
		s [2]int
		c *big.Rat
	}
	stack := []item{{g.Root, [2]int{}, big.NewRat(1, 1)}}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if it.n.Kind == Terminal {
			if prob[it.s] == nil {
				prob[it.s] = new(big.Rat)
			}
			prob[it.s].Add(prob[it.s], it.c)
			continue
		}
		for a, c := range it.n.Children {
			nx := item{c, it.s, it.c}
			if pl := it.n.Infoset.Player; pl == 0 {
				if it.n.Infoset.Probs[a].Sign() == 0 {
					continue
				}
				nx.c = new(big.Rat).Mul(it.c, it.n.Infoset.Probs[a])
			} else {
				nx.s[pl-1] = sf.Seq[pl-1][it.n.Infoset.Index][a]
			}
			stack = append(stack, nx)
		}
	}
	t := new(big.Rat)
	z := l.colZ()
	l.ay0 = make([]*big.Rat, l.n1)
	l.bx0 = make([]*big.Rat, l.n2)
	for i := range l.ay0 {
		l.ay0[i] = new(big.Rat)
	}
	for i := range l.bx0 {
		l.bx0[i] = new(big.Rat)
	}
	for key, pr := range prob {
		s1, s2 := key[0], key[1]
		a := new(big.Rat).Sub(sf.Payoff[0][key], t.Mul(pr, shift[0]))
		b := new(big.Rat).Sub(sf.Payoff[1][key], t.Mul(pr, shift[1]))
		// a-row s1: … + A'[s1][s2]·y_s2 ; b-row s2: … + B'[s1][s2]·x_s1.
		l.t[s1][l.colY(s2)].Add(l.t[s1][l.colY(s2)], a)
		l.t[l.n1+s2][l.colX(s1)].Add(l.t[l.n1+s2][l.colX(s1)], b)
		// Covering vector d = (−A'y0, −B'ᵀx0) ≥ 0: the z0 column holds −d.
		l.ay0[s1].Add(l.ay0[s1], t.Mul(a, prior[1][s2]))
		l.bx0[s2].Add(l.bx0[s2], t.Mul(b, prior[0][s1]))
	}
	for s := range l.n1 {
		l.t[s][z].Set(l.ay0[s])
	}
	for s := range l.n2 {
		l.t[l.n1+s][z].Set(l.bx0[s])
	}
	// E and F: row 0 is the root (empty sequence = 1); row h+1 is
	// information set h: Σ_a x_{h,a} − x_{parent(h)} = 0.
	ee := func(p int, set func(row, seq int, v int64)) {
		set(0, 0, 1)
		for h := range sf.Seq[p] {
			for _, s := range sf.Seq[p][h] {
				set(h+1, s, 1)
			}
			set(h+1, sf.Parent[p][h], -1)
		}
	}
	er := l.n1 + l.n2
	ee(0, func(row, seq int, v int64) {
		l.t[seq][l.colU(row)].SetInt64(-v)   // a-rows: −Eᵀu
		l.t[er+row][l.colX(seq)].SetInt64(v) // E-rows: E x
	})
	fr := er + l.m1
	ee(1, func(row, seq int, v int64) {
		l.t[l.n1+seq][l.colV(row)].SetInt64(-v)
		l.t[fr+row][l.colY(seq)].SetInt64(v)
	})
	for s := range l.n1 {
		l.t[s][l.colA(s)].SetInt64(1)
		l.basis[s] = l.colA(s)
	}
	for s := range l.n2 {
		l.t[l.n1+s][l.colB(s)].SetInt64(1)
		l.basis[l.n1+s] = l.colB(s)
	}
	for h := range l.m1 {
		l.t[er+h][l.colSE(h)].SetInt64(1)
		l.basis[er+h] = l.colSE(h)
	}
	for h := range l.m2 {
		l.t[fr+h][l.colSF(h)].SetInt64(1)
		l.basis[fr+h] = l.colSF(h)
	}
	l.rhs[er].SetInt64(1)
	l.rhs[fr].SetInt64(1)
	// Dependent sequences: a pure best response to the other player's
	// prior, chosen at every information set by backward induction over
	// the sequences (values Σ (A'y0)_σ plus the best continuations).
	for p, c := range [2][]*big.Rat{l.ay0, l.bx0} {
		l.dep[p] = make([]int, len(sf.Seq[p])+1)
		val := make([]*big.Rat, sf.Size[p])
		for s := range val {
			val[s] = new(big.Rat).Set(c[s])
		}
		for _, h := range sf.deepestFirst(p) {
			best := 0
			for a, s := range sf.Seq[p][h] {
				if val[s].Cmp(val[sf.Seq[p][h][best]]) > 0 {
					best = a
				}
			}
			bs := sf.Seq[p][h][best]
			l.dep[p][h+1] = bs
			val[sf.Parent[p][h]].Add(val[sf.Parent[p][h]], val[bs])
		}
	}
	return l
}

// deepestFirst orders player p+1's information sets by decreasing length
// of the sequence leading to them.
func (sf *SeqForm) deepestFirst(p int) []int {
	depth := sf.depths(p)
	order := make([]int, len(sf.Seq[p]))
	for h := range order {
		order[h] = h
	}
	sort.SliceStable(order, func(i, j int) bool { return depth[order[i]] > depth[order[j]] })
	return order
}

// depths returns the number of own moves before each information set.
func (sf *SeqForm) depths(p int) []int {
	owner := make([]int, sf.Size[p]) // infoset of each non-empty sequence
	for h, ss := range sf.Seq[p] {
		for _, s := range ss {
			owner[s] = h
		}
	}
	depth := make([]int, len(sf.Seq[p]))
	for h := range depth {
		for s := sf.Parent[p][h]; s != 0; s = sf.Parent[p][owner[s]] {
			depth[h]++
		}
	}
	return depth
}

// plan returns the realization plan of player p+1's behaviour strategy b.
func (sf *SeqForm) plan(p int, b [][]*big.Rat) []*big.Rat {
	x := make([]*big.Rat, sf.Size[p])
	x[0] = big.NewRat(1, 1)
	order := sf.deepestFirst(p)
	for i := len(order) - 1; i >= 0; i-- {
		h := order[i]
		for a, s := range sf.Seq[p][h] {
			x[s] = new(big.Rat).Mul(x[sf.Parent[p][h]], b[h][a])
		}
	}
	return x
}

func (l *lemke) pivot(r, c int) {
	t := new(big.Rat)
	piv := new(big.Rat).Set(l.t[r][c])
	row := l.t[r]
	for k := range row {
		if row[k].Sign() != 0 {
			row[k].Quo(row[k], piv)
		}
	}
	l.rhs[r].Quo(l.rhs[r], piv)
	for i := range l.t {
		if i == r || l.t[i][c].Sign() == 0 {
			continue
		}
		f := new(big.Rat).Set(l.t[i][c])
		for k, v := range row {
			if v.Sign() != 0 {
				l.t[i][k].Sub(l.t[i][k], t.Mul(f, v))
			}
		}
		l.rhs[i].Sub(l.rhs[i], t.Mul(f, l.rhs[r]))
	}
	l.basis[r] = c
}

// lexLess reports whether row r1 divided by d1 is lexicographically
// smaller than row r2 divided by d2, on (rhs, columns of the initial
// basis).
func (l *lemke) lexLess(r1 int, d1 *big.Rat, r2 int, d2 *big.Rat) bool {
	t1, t2 := new(big.Rat), new(big.Rat)
	cmp := func(v1, v2 *big.Rat) int {
		return t1.Quo(v1, d1).Cmp(t2.Quo(v2, d2))
	}
	if c := cmp(l.rhs[r1], l.rhs[r2]); c != 0 {
		return c < 0
	}
	for c := l.lex0; c < l.cols; c++ {
		if k := cmp(l.t[r1][c], l.t[r2][c]); k != 0 {
			return k < 0
		}
	}
	return false
}

func (l *lemke) free(c int) bool { return c >= l.colU(0) && c < l.colA(0) }

// solve runs the initial pivots and Lemke's algorithm. ok is false when
// the run ends on a secondary ray.
func (l *lemke) solve(ctx context.Context, maxPiv int) (x, y []*big.Rat, pivots int, ok bool, err error) {
	er, fr := l.n1+l.n2, l.n1+l.n2+l.m1
	// Dependent sequences replace the equality slacks…
	for h := range l.m1 {
		if l.t[er+h][l.colX(l.dep[0][h])].Sign() == 0 {
			return nil, nil, 0, false, fmt.Errorf("efg: internal error: singular sequence constraints")
		}
		l.pivot(er+h, l.colX(l.dep[0][h]))
	}
	for h := range l.m2 {
		if l.t[fr+h][l.colY(l.dep[1][h])].Sign() == 0 {
			return nil, nil, 0, false, fmt.Errorf("efg: internal error: singular sequence constraints")
		}
		l.pivot(fr+h, l.colY(l.dep[1][h]))
	}
	// …and the free variables replace the dependent sequences' slacks.
	for h := range l.m1 {
		r := l.dep[0][h]
		if l.t[r][l.colU(h)].Sign() == 0 {
			return nil, nil, 0, false, fmt.Errorf("efg: internal error: singular dual constraints")
		}
		l.pivot(r, l.colU(h))
	}
	for h := range l.m2 {
		r := l.n1 + l.dep[1][h]
		if l.t[r][l.colV(h)].Sign() == 0 {
			return nil, nil, 0, false, fmt.Errorf("efg: internal error: singular dual constraints")
		}
		l.pivot(r, l.colV(h))
	}
	// Symbolic perturbation q + (ε, ε², …) on the complementarity rows of
	// this basis: identity columns that never enter, compared
	// lexicographically in ratio ties. Every row is lexico-feasible here
	// or becomes so at the entry of z0, so the path cannot cycle.
	for r, c := range l.basis {
		if !l.free(c) {
			for i := range l.t {
				v := new(big.Rat)
				if i == r {
					v.SetInt64(1)
				}
				l.t[i] = append(l.t[i], v)
			}
			l.cols++
		}
	}
	// The covering vector came with the prior (the z0 column); the start
	// is on the primary ray only if it is non-negative on every
	// complementarity row after the pivots above (ties in the best
	// response can break this; the caller then tries another prior).
	leave := -1
	z := l.colZ()
	for r, c := range l.basis {
		if l.free(c) {
			continue
		}
		if l.t[r][z].Sign() > 0 {
			return nil, nil, 0, false, nil
		}
		if l.rhs[r].Sign() >= 0 {
			continue
		}
		if l.t[r][z].Sign() == 0 {
			return nil, nil, 0, false, nil
		}
		// z0 ≥ rhs/T[r][z] for every row: the largest bound leaves.
		if leave < 0 || l.lexLess(r, new(big.Rat).Neg(l.t[r][z]), leave, new(big.Rat).Neg(l.t[leave][z])) {
			leave = r
		}
	}
	if leave >= 0 {
		left := l.basis[leave]
		l.pivot(leave, l.colZ())
		enter := l.complement(left)
		for {
			if pivots >= maxPiv {
				return nil, nil, pivots, false, fmt.Errorf("efg: Lemke's algorithm exceeded %d pivots", maxPiv)
			}
			if pivots%64 == 0 {
				if err := ctx.Err(); err != nil {
					return nil, nil, pivots, false, err
				}
			}
			best := -1
			for r, c := range l.basis {
				if l.free(c) || l.t[r][enter].Sign() <= 0 {
					continue
				}
				if best < 0 || l.lexLess(r, l.t[r][enter], best, l.t[best][enter]) {
					best = r
				}
			}
			if best < 0 {
				return nil, nil, pivots, false, nil // secondary ray
			}
			left = l.basis[best]
			l.pivot(best, enter)
			pivots++
			if left == l.colZ() {
				break
			}
			enter = l.complement(left)
		}
	}
	x = make([]*big.Rat, l.n1)
	y = make([]*big.Rat, l.n2)
	for i := range x {
		x[i] = new(big.Rat)
	}
	for i := range y {
		y[i] = new(big.Rat)
	}
	for r, c := range l.basis {
		switch {
		case c < l.n1:
			x[c].Set(l.rhs[r])
		case c < l.n1+l.n2:
			y[c-l.n1].Set(l.rhs[r])
		}
	}
	return x, y, pivots, true, nil
}
