package efg

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"strconv"
)

// RandomOptions shape the games of [Random].
type RandomOptions struct {
	Players    int     // default 2
	Depth      int     // maximum moves on a path (default 4)
	MaxActions int     // actions per move: 2..MaxActions (default 3)
	Chance     float64 // probability that a move is chance's (default 0.2)
	Terminal   float64 // probability that a node above the depth limit ends play (default 0.2)
	Merge      float64 // probability of joining an existing compatible information set (default 0.5; < 0: never, perfect information)
	Lo, Hi     int     // integer payoff range (default 0..9)
	// Internal is the probability that a non-terminal node carries an
	// outcome of its own (default 0.1).
	Internal float64
}

// Random returns a random game with perfect recall. Nodes of one player
// that he reached by the same own moves and that have the same number of
// actions are merged into information sets at random, so the games have
// imperfect information, chance moves and perfect recall. The same rng
// state gives the same game.
func Random(rng *rand.Rand, o RandomOptions) *Game {
	if o.Players <= 0 {
		o.Players = 2
	}
	if o.Depth <= 0 {
		o.Depth = 4
	}
	if o.MaxActions < 2 {
		o.MaxActions = 3
	}
	if o.Chance == 0 {
		o.Chance = 0.2
	}
	if o.Terminal == 0 {
		o.Terminal = 0.2
	}
	if o.Merge == 0 {
		o.Merge = 0.5
	}
	if o.Hi <= o.Lo {
		o.Lo, o.Hi = 0, 9
	}
	if o.Internal == 0 {
		o.Internal = 0.1
	}
	players := make([]string, o.Players)
	for i := range players {
		players[i] = "Player " + strconv.Itoa(i+1)
	}
	g := New("random game", players...)
	pay := func() []*big.Rat {
		v := make([]*big.Rat, o.Players)
		for i := range v {
			v[i] = big.NewRat(int64(o.Lo+rng.IntN(o.Hi-o.Lo+1)), 1)
		}
		return v
	}
	// Build the tree shape first; information sets are assigned below.
	type shape struct{ player, actions int }
	shapes := map[*Node]shape{}
	var build func(depth int) *Node
	build = func(depth int) *Node {
		if depth >= o.Depth || (depth > 0 && rng.Float64() < o.Terminal) {
			return &Node{Kind: Terminal, Outcome: g.NewOutcome("", pay()...)}
		}
		n := &Node{Kind: Personal}
		sh := shape{player: 1 + rng.IntN(o.Players), actions: 2 + rng.IntN(o.MaxActions-1)}
		if rng.Float64() < o.Chance {
			n.Kind, sh.player = Chance, 0
		}
		shapes[n] = sh
		if rng.Float64() < o.Internal {
			n.Outcome = g.NewOutcome("", pay()...)
		}
		n.Children = make([]*Node, sh.actions)
		for a := range n.Children {
			c := build(depth + 1)
			c.Parent = n
			n.Children[a] = c
		}
		return n
	}
	root := build(0)
	open := map[string][]*Infoset{}
	g.Root = root
	g.Walk(func(n *Node) {
		sh, ok := shapes[n]
		if !ok {
			return
		}
		if sh.player == 0 {
			probs := make([]*big.Rat, sh.actions)
			w := make([]int64, sh.actions)
			var tot int64
			for a := range w {
				w[a] = 1 + rng.Int64N(4)
				tot += w[a]
			}
			acts := make([]string, sh.actions)
			for a := range probs {
				probs[a] = big.NewRat(w[a], tot)
				acts[a] = fmt.Sprintf("c%d", a+1)
			}
			h := g.NewInfoset(0, "", acts, probs)
			n.Infoset, h.Nodes = h, []*Node{n}
			return
		}
		key := fmt.Sprintf("%d|%d|%s", sh.player, sh.actions, seqKey(g.ownSequence(n, sh.player)))
		if c := open[key]; len(c) > 0 && rng.Float64() < o.Merge {
			h := c[rng.IntN(len(c))]
			n.Infoset = h
			h.Nodes = append(h.Nodes, n)
			return
		}
		acts := make([]string, sh.actions)
		for a := range acts {
			acts[a] = fmt.Sprintf("%c%d", 'a'+rune(sh.player-1), a+1)
		}
		h := g.NewInfoset(sh.player, "", acts, nil)
		n.Infoset, h.Nodes = h, []*Node{n}
		open[key] = append(open[key], h)
	})
	if err := g.SetRoot(root); err != nil {
		panic("efg: internal error: random game invalid: " + err.Error())
	}
	return g
}
