package efg

import (
	"fmt"
	"math/big"
)

// SPE is a subgame-perfect equilibrium in pure behaviour strategies found
// by backward induction.
type SPE struct {
	// Behavior is the equilibrium (each distribution puts 1 on one action).
	Behavior Behavior
	// Payoffs are the expected payoffs at the root.
	Payoffs []*big.Rat
	// Ties lists the decision nodes at which several actions were optimal
	// for the mover; backward induction took the first, and choosing
	// another gives other subgame-perfect equilibria.
	Ties []Tie
}

// Tie is a decision node with several optimal actions.
type Tie struct {
	Player  int    `json:"player"`
	Infoset int    `json:"infoset"` // 1-based
	Label   string `json:"label,omitempty"`
	Actions []int  `json:"actions"` // 0-based indices of the optimal actions
}

// SubgamePerfect solves a game of perfect information (chance moves
// allowed, every personal information set a single node) by backward
// induction (Kuhn 1953; Zermelo): at every node, from the leaves up, the
// mover takes an action maximising his expected payoff given the choices
// already made below, and chance nodes average over their actions.
// Outcomes on non-terminal nodes count toward every play through them.
// Ties are broken toward the first action and reported.
//
// The result is verified with [Game.Check] (sequential rationality at
// every node); a failure would be a bug and is returned as an error.
func SubgamePerfect(g *Game) (*SPE, error) {
	if err := g.Validate(); err != nil {
		return nil, err
	}
	if !g.PerfectInformation() {
		return nil, fmt.Errorf("%w: backward induction needs every information set to be a single node; use the sequence form or the reduced normal form", ErrImperfectInformation)
	}
	ix := g.index()
	b := g.Centroid()
	vals := make([][]*big.Rat, len(ix.nodes))
	res := &SPE{}
	t := new(big.Rat)
	for k := len(ix.nodes) - 1; k >= 0; k-- {
		n := ix.nodes[k]
		v := make([]*big.Rat, len(g.Players))
		for i := range v {
			v[i] = new(big.Rat)
			if n.Outcome != nil {
				v[i].Set(n.Outcome.Payoffs[i])
			}
		}
		switch n.Kind {
		case Chance:
			for a, c := range n.Children {
				cv := vals[ix.id[c]]
				for i := range v {
					v[i].Add(v[i], t.Mul(n.Infoset.Probs[a], cv[i]))
				}
			}
		case Personal:
			p := n.Infoset.Player
			best := 0
			var ties []int
			for a, c := range n.Children {
				cv := vals[ix.id[c]][p-1]
				switch cmp := cv.Cmp(vals[ix.id[n.Children[best]]][p-1]); {
				case a == 0:
					ties = []int{0}
				case cmp > 0:
					best, ties = a, []int{a}
				case cmp == 0:
					ties = append(ties, a)
				}
			}
			d := b[p-1][n.Infoset.Index]
			for a := range d {
				d[a] = new(big.Rat)
			}
			d[best].SetInt64(1)
			if len(ties) > 1 {
				res.Ties = append(res.Ties, Tie{Player: p, Infoset: n.Infoset.Index + 1, Label: n.Infoset.Label, Actions: ties})
			}
			cv := vals[ix.id[n.Children[best]]]
			for i := range v {
				v[i].Add(v[i], cv[i])
			}
		}
		vals[k] = v
	}
	res.Behavior, res.Payoffs = b, vals[0]
	c, err := g.Check(b)
	if err != nil {
		return nil, err
	}
	if !c.SequentiallyRational || !c.Nash {
		return nil, fmt.Errorf("efg: internal error: backward induction result fails verification")
	}
	return res, nil
}
