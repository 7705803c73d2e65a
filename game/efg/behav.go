package efg

import (
	"fmt"
	"math/big"
	"sort"
)

// Behavior is a behaviour-strategy profile: Behavior[p-1][h][a] is the
// probability with which player p chooses action a at his information set
// with index h. Chance's probabilities come from the game.
type Behavior [][][]*big.Rat

// Centroid returns the profile in which every player mixes uniformly at
// every information set.
func (g *Game) Centroid() Behavior {
	b := make(Behavior, len(g.Players))
	for p := range b {
		b[p] = make([][]*big.Rat, len(g.Infosets[p+1]))
		for h, is := range g.Infosets[p+1] {
			b[p][h] = make([]*big.Rat, len(is.Actions))
			for a := range is.Actions {
				b[p][h][a] = big.NewRat(1, int64(len(is.Actions)))
			}
		}
	}
	return b
}

// CheckShape returns an error wrapping [ErrProfile] unless b has g's shape
// and every distribution is a probability vector.
func (g *Game) CheckShape(b Behavior) error {
	if len(b) != len(g.Players) {
		return fmt.Errorf("%w: %d players in the profile, game has %d", ErrProfile, len(b), len(g.Players))
	}
	one := big.NewRat(1, 1)
	for p := range b {
		if len(b[p]) != len(g.Infosets[p+1]) {
			return fmt.Errorf("%w: player %d has %d information sets in the profile, %d in the game", ErrProfile, p+1, len(b[p]), len(g.Infosets[p+1]))
		}
		for h, d := range b[p] {
			if len(d) != len(g.Infosets[p+1][h].Actions) {
				return fmt.Errorf("%w: player %d information set %d has %d probabilities for %d actions", ErrProfile, p+1, h+1, len(d), len(g.Infosets[p+1][h].Actions))
			}
			s := new(big.Rat)
			for _, v := range d {
				if v == nil || v.Sign() < 0 {
					return fmt.Errorf("%w: player %d information set %d has a negative or missing probability", ErrProfile, p+1, h+1)
				}
				s.Add(s, v)
			}
			if s.Cmp(one) != 0 {
				return fmt.Errorf("%w: player %d information set %d: probabilities sum to %s", ErrProfile, p+1, h+1, s.RatString())
			}
		}
	}
	return nil
}

// prob returns the probability of action a at node n under b.
func (g *Game) prob(b Behavior, n *Node, a int) *big.Rat {
	h := n.Infoset
	if h.Player == 0 {
		return h.Probs[a]
	}
	return b[h.Player-1][h.Index][a]
}

// indexed is a pre-order numbering of the tree.
type indexed struct {
	nodes []*Node
	id    map[*Node]int
}

func (g *Game) index() indexed {
	ix := indexed{id: map[*Node]int{}}
	g.Walk(func(n *Node) {
		ix.id[n] = len(ix.nodes)
		ix.nodes = append(ix.nodes, n)
	})
	return ix
}

// reach returns, for every node in pre-order, the probability of reaching
// it counting only the moves of players other than skip (skip = −1: all
// moves, chance included).
func (g *Game) reach(ix indexed, b Behavior, skip int) []*big.Rat {
	r := make([]*big.Rat, len(ix.nodes))
	for k, n := range ix.nodes {
		if n.Parent == nil {
			r[k] = big.NewRat(1, 1)
			continue
		}
		par := n.Parent
		pr := r[ix.id[par]]
		if par.Infoset.Player == skip || pr.Sign() == 0 {
			r[k] = pr
			continue
		}
		for a, c := range par.Children {
			if c == n {
				r[k] = new(big.Rat).Mul(pr, g.prob(b, par, a))
			}
		}
	}
	return r
}

// values returns every node's expected payoff vector under b, counting the
// outcomes at and below the node.
func (g *Game) values(ix indexed, b Behavior) [][]*big.Rat {
	v := make([][]*big.Rat, len(ix.nodes))
	t := new(big.Rat)
	for k := len(ix.nodes) - 1; k >= 0; k-- {
		n := ix.nodes[k]
		vk := make([]*big.Rat, len(g.Players))
		for i := range vk {
			vk[i] = new(big.Rat)
			if n.Outcome != nil {
				vk[i].Set(n.Outcome.Payoffs[i])
			}
		}
		for a, c := range n.Children {
			p := g.prob(b, n, a)
			if p.Sign() == 0 {
				continue
			}
			cv := v[ix.id[c]]
			for i := range vk {
				vk[i].Add(vk[i], t.Mul(p, cv[i]))
			}
		}
		v[k] = vk
	}
	return v
}

// Payoffs returns the players' expected payoffs under b.
func (g *Game) Payoffs(b Behavior) []*big.Rat {
	ix := g.index()
	return g.values(ix, b)[0]
}

// InfosetCheck reports the local optimality of one information set.
type InfosetCheck struct {
	Player  int    `json:"player"`  // 1-based
	Infoset int    `json:"infoset"` // 1-based, as in the file
	Label   string `json:"label,omitempty"`
	// Reach is the probability that play reaches the information set.
	Reach *big.Rat `json:"-"`
	// Values are the player's expected payoffs of each action given that
	// the set is reached (beliefs from Bayes' rule) and play continues by
	// the profile; for an unreached single-node set they are conditional
	// on the node; nil for an unreached set of several nodes.
	Values []*big.Rat `json:"-"`
	// Regret is the best action value minus the value of the prescribed
	// mixture (nil when Values is nil).
	Regret *big.Rat `json:"-"`
}

// Check is the verification of a behaviour profile.
type Check struct {
	// Payoffs are the expected payoffs.
	Payoffs []*big.Rat
	// BestResponse[i] is the most player i can get against the others'
	// behaviour (by any strategy, found by backward induction over his own
	// information sets; exact for games with perfect recall).
	BestResponse []*big.Rat
	Infosets     []InfosetCheck
	// Nash: no player gains by deviating (BestResponse equals Payoffs)
	// and every information set reached with positive probability has
	// zero regret.
	Nash bool
	// PerfectInformation tells whether SequentiallyRational is meaningful.
	PerfectInformation bool
	// SequentiallyRational (perfect-information games): zero regret at
	// every node, reached or not — the profile is subgame perfect.
	SequentiallyRational bool
}

// Check verifies b exactly. It needs perfect recall for the best-response
// values; without it, it returns an error wrapping [ErrPerfectRecall].
func (g *Game) Check(b Behavior) (*Check, error) {
	if err := g.CheckShape(b); err != nil {
		return nil, err
	}
	if err := g.PerfectRecall(); err != nil {
		return nil, err
	}
	ix := g.index()
	vals := g.values(ix, b)
	all := g.reach(ix, b, -1)
	c := &Check{Payoffs: vals[0], PerfectInformation: g.PerfectInformation()}
	c.Nash, c.SequentiallyRational = true, c.PerfectInformation
	t := new(big.Rat)
	for p := 1; p <= len(g.Players); p++ {
		others := g.reach(ix, b, p)
		for _, h := range g.Infosets[p] {
			ic := InfosetCheck{Player: p, Infoset: h.Index + 1, Label: h.Label, Reach: new(big.Rat)}
			w := new(big.Rat)
			for _, n := range h.Nodes {
				ic.Reach.Add(ic.Reach, all[ix.id[n]])
				w.Add(w, others[ix.id[n]])
			}
			if w.Sign() > 0 || len(h.Nodes) == 1 {
				ic.Values = make([]*big.Rat, len(h.Actions))
				for a := range h.Actions {
					s := new(big.Rat)
					for _, n := range h.Nodes {
						cv := vals[ix.id[n.Children[a]]][p-1]
						if w.Sign() > 0 {
							s.Add(s, t.Mul(others[ix.id[n]], cv))
						} else {
							s.Add(s, cv)
						}
					}
					if w.Sign() > 0 {
						s.Quo(s, w)
					}
					ic.Values[a] = s
				}
				best, mix := new(big.Rat).Set(ic.Values[0]), new(big.Rat)
				for a, v := range ic.Values {
					if v.Cmp(best) > 0 {
						best.Set(v)
					}
					mix.Add(mix, t.Mul(b[p-1][h.Index][a], v))
				}
				ic.Regret = best.Sub(best, mix)
				if ic.Regret.Sign() != 0 {
					if ic.Reach.Sign() > 0 {
						c.Nash = false
					}
					c.SequentiallyRational = false
				}
			}
			c.Infosets = append(c.Infosets, ic)
		}
		br := g.bestResponse(ix, b, p, others)
		c.BestResponse = append(c.BestResponse, br)
		if br.Cmp(c.Payoffs[p-1]) != 0 {
			c.Nash = false
		}
	}
	return c, nil
}

// bestResponse returns player p's best-response value against b: his
// information sets are decided deepest first (by the length of his own
// sequence, perfect recall), each choosing the action with the highest
// sum over its nodes of (others' reach) × (value with the decisions
// already made below).
func (g *Game) bestResponse(ix indexed, b Behavior, p int, others []*big.Rat) *big.Rat {
	sets := append([]*Infoset(nil), g.Infosets[p]...)
	depth := map[*Infoset]int{}
	for _, h := range sets {
		depth[h] = len(g.ownSequence(h.Nodes[0], p))
	}
	sort.SliceStable(sets, func(i, j int) bool { return depth[sets[i]] > depth[sets[j]] })
	choice := map[*Infoset]int{}
	memo := map[*Node]*big.Rat{}
	var val func(n *Node) *big.Rat
	val = func(n *Node) *big.Rat {
		if v, ok := memo[n]; ok {
			return v
		}
		v := new(big.Rat)
		if n.Outcome != nil {
			v.Set(n.Outcome.Payoffs[p-1])
		}
		if n.Kind != Terminal {
			if n.Infoset.Player == p {
				v.Add(v, val(n.Children[choice[n.Infoset]]))
			} else {
				t := new(big.Rat)
				for a, c := range n.Children {
					if q := g.prob(b, n, a); q.Sign() != 0 {
						v.Add(v, t.Mul(q, val(c)))
					}
				}
			}
		}
		memo[n] = v
		return v
	}
	t := new(big.Rat)
	for _, h := range sets {
		var best *big.Rat
		for a := range h.Actions {
			s := new(big.Rat)
			for _, n := range h.Nodes {
				s.Add(s, t.Mul(others[ix.id[n]], val(n.Children[a])))
			}
			if best == nil || s.Cmp(best) > 0 {
				best, choice[h] = s, a
			}
		}
	}
	return val(g.Root)
}
