package efg

import (
	"context"
	"fmt"
	"math/big"
	"strconv"
	"strings"

	"github.com/infragame/infragame/game"
)

// Reduced is the reduced normal form of a game: its strategies are the
// players' reduced strategies (plans), which name an action at every
// information set that the player's own earlier choices do not exclude.
type Reduced struct {
	// Game is the strategic form; its payoffs are exact.
	Game *game.Game
	// Plans[p][s][h] is the action (0-based) that strategy s of player p+1
	// takes at his information set h, or −1 where the plan excludes h.
	Plans [][][]int
}

// MaxReducedPayoffs bounds profiles × nodes in [ReducedNormalForm].
const MaxReducedPayoffs = 1 << 26

// ReducedNormalForm returns the reduced normal form (reduced strategic
// form) of a game with perfect recall and any number of players. Each
// strategy is named by its actions at the player's information sets in
// order, "*" where the plan excludes the set. Payoffs are the exact
// expected payoffs over chance. It returns an error wrapping
// [ErrTooLarge] when profiles × nodes exceeds [MaxReducedPayoffs].
func ReducedNormalForm(ctx context.Context, g *Game) (*Reduced, error) {
	if err := g.Validate(); err != nil {
		return nil, err
	}
	if err := g.PerfectRecall(); err != nil {
		return nil, err
	}
	nodes := g.NumNodes()
	red := &Reduced{Plans: make([][][]int, len(g.Players))}
	total := 1
	for p := 1; p <= len(g.Players); p++ {
		plans, err := g.plans(p, MaxReducedPayoffs/nodes+1)
		if err != nil {
			return nil, err
		}
		red.Plans[p-1] = plans
		total *= len(plans)
		if total*nodes > MaxReducedPayoffs {
			return nil, fmt.Errorf("%w: the reduced normal form has more than %d profiles × nodes", ErrTooLarge, MaxReducedPayoffs)
		}
	}
	shape := make([]int, len(g.Players))
	for p := range shape {
		shape[p] = len(red.Plans[p])
	}
	ng := game.New(shape...)
	ng.Title, ng.Comment = g.Title, g.Comment
	copy(ng.Players, g.Players)
	for p := range shape {
		for s, plan := range red.Plans[p] {
			ng.Strategies[p][s] = g.planName(p+1, plan)
		}
	}
	prof := make([]int, len(shape))
	for k := range ng.NumProfiles() {
		if k%256 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		ng.Profile(k, prof)
		pay := g.planPayoff(red.Plans, prof)
		for i := range shape {
			ng.SetPayoffRat(i, prof, pay[i])
		}
	}
	red.Game = ng
	return red, nil
}

// plans enumerates player p's reduced strategies, at most limit of them.
func (g *Game) plans(p, limit int) ([][]int, error) {
	sets := g.Infosets[p]
	// after[s] lists the information sets whose own sequence ends with
	// step s (key h*stride+a); roots have an empty own sequence.
	stride := 1
	for _, h := range sets {
		stride = max(stride, len(h.Actions))
	}
	after := map[int][]int{}
	var roots []int
	for _, h := range sets {
		s := g.ownSequence(h.Nodes[0], p)
		if len(s) == 0 {
			roots = append(roots, h.Index)
		} else {
			last := s[len(s)-1]
			after[last.h*stride+last.a] = append(after[last.h*stride+last.a], h.Index)
		}
	}
	var out [][]int
	plan := make([]int, len(sets))
	for i := range plan {
		plan[i] = -1
	}
	var rec func(pending []int) error
	rec = func(pending []int) error {
		if len(pending) == 0 {
			if len(out) >= limit {
				return fmt.Errorf("%w: player %d has more than %d reduced strategies", ErrTooLarge, p, limit)
			}
			out = append(out, append([]int(nil), plan...))
			return nil
		}
		h := pending[0]
		for a := range sets[h].Actions {
			plan[h] = a
			next := append(append([]int(nil), pending[1:]...), after[h*stride+a]...)
			if err := rec(next); err != nil {
				return err
			}
		}
		plan[h] = -1
		return nil
	}
	if err := rec(roots); err != nil {
		return nil, err
	}
	return out, nil
}

func (g *Game) planName(p int, plan []int) string {
	parts := make([]string, len(plan))
	for h, a := range plan {
		switch {
		case a < 0:
			parts[h] = "*"
		case g.Infosets[p][h].Actions[a] != "":
			parts[h] = g.Infosets[p][h].Actions[a]
		default:
			parts[h] = strconv.Itoa(a + 1)
		}
	}
	return strings.Join(parts, " ")
}

// planPayoff returns the expected payoffs when player p+1 follows
// plans[p][prof[p]].
func (g *Game) planPayoff(plans [][][]int, prof []int) []*big.Rat {
	pay := make([]*big.Rat, len(g.Players))
	for i := range pay {
		pay[i] = new(big.Rat)
	}
	type item struct {
		n *Node
		w *big.Rat
	}
	stack := []item{{g.Root, big.NewRat(1, 1)}}
	t := new(big.Rat)
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		n := it.n
		if n.Outcome != nil {
			for i, v := range n.Outcome.Payoffs {
				pay[i].Add(pay[i], t.Mul(it.w, v))
			}
		}
		if n.Kind == Terminal {
			continue
		}
		h := n.Infoset
		if h.Player == 0 {
			for a, c := range n.Children {
				if h.Probs[a].Sign() != 0 {
					stack = append(stack, item{c, new(big.Rat).Mul(it.w, h.Probs[a])})
				}
			}
			continue
		}
		a := plans[h.Player-1][prof[h.Player-1]][h.Index]
		stack = append(stack, item{n.Children[a], it.w})
	}
	return pay
}

// BehaviorFromMixed converts a mixed profile over the reduced strategies
// to the realization-equivalent behaviour profile (Kuhn's theorem):
// the probability of action a at information set h is the weight of the
// plans choosing a at h divided by the weight of the plans not excluding
// h; at an information set every plan excludes, it mixes uniformly.
func (r *Reduced) BehaviorFromMixed(g *Game, mixed game.RatProfile) Behavior {
	b := g.Centroid()
	for p := range r.Plans {
		for h := range g.Infosets[p+1] {
			w := make([]*big.Rat, len(g.Infosets[p+1][h].Actions))
			for a := range w {
				w[a] = new(big.Rat)
			}
			tot := new(big.Rat)
			for s, plan := range r.Plans[p] {
				if a := plan[h]; a >= 0 {
					w[a].Add(w[a], mixed[p][s])
					tot.Add(tot, mixed[p][s])
				}
			}
			if tot.Sign() == 0 {
				continue
			}
			for a := range w {
				b[p][h][a] = w[a].Quo(w[a], tot)
			}
		}
	}
	return b
}

// MixedFromBehavior converts a behaviour profile to the equivalent mixed
// profile over reduced strategies: a plan's probability is the product of
// the probabilities of its actions.
func (r *Reduced) MixedFromBehavior(b Behavior) game.RatProfile {
	m := make(game.RatProfile, len(r.Plans))
	for p, plans := range r.Plans {
		m[p] = make([]*big.Rat, len(plans))
		for s, plan := range plans {
			v := big.NewRat(1, 1)
			for h, a := range plan {
				if a >= 0 {
					v.Mul(v, b[p][h][a])
				}
			}
			m[p][s] = v
		}
	}
	return m
}
