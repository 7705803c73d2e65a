package efg

import (
	"fmt"
	"math/big"

	"github.com/infragame/infragame/game"
)

// New returns a game without a tree, with the given players. Build the
// tree with [Game.NewInfoset], [Game.NewOutcome], [Leaf] and [Move], then
// call [Game.SetRoot].
func New(title string, players ...string) *Game {
	return &Game{Title: title, Players: players, Infosets: make([][]*Infoset, len(players)+1)}
}

// NewInfoset adds an information set of player p (0: chance, with probs;
// otherwise probs must be nil).
func (g *Game) NewInfoset(p int, label string, actions []string, probs []*big.Rat) *Infoset {
	if p < 0 || p > len(g.Players) {
		panic(fmt.Sprintf("efg: player %d out of range", p))
	}
	h := &Infoset{Player: p, Index: len(g.Infosets[p]), Label: label, Actions: actions, Probs: probs}
	g.Infosets[p] = append(g.Infosets[p], h)
	return h
}

// NewOutcome adds an outcome.
func (g *Game) NewOutcome(label string, payoffs ...*big.Rat) *Outcome {
	o := &Outcome{Label: label, Payoffs: payoffs}
	g.Outcomes = append(g.Outcomes, o)
	return o
}

// Leaf returns a terminal node with outcome o (nil: none).
func Leaf(label string, o *Outcome) *Node {
	return &Node{Label: label, Kind: Terminal, Outcome: o}
}

// Move returns a node of information set h with the given children, one
// per action, and outcome o (nil: none).
func Move(label string, h *Infoset, o *Outcome, children ...*Node) *Node {
	if len(children) != len(h.Actions) {
		panic(fmt.Sprintf("efg: %d children for %d actions", len(children), len(h.Actions)))
	}
	n := &Node{Label: label, Kind: Personal, Infoset: h, Outcome: o, Children: children}
	if h.Player == 0 {
		n.Kind = Chance
	}
	for _, c := range children {
		c.Parent = n
	}
	return n
}

// SetRoot makes root the game's tree and renumbers as a file read back
// would: information sets, their member lists and outcomes in pre-order
// of first appearance; information sets and outcomes that no node uses
// are dropped. It returns g.Validate().
func (g *Game) SetRoot(root *Node) error {
	g.Root = root
	g.Infosets = make([][]*Infoset, len(g.Players)+1)
	seenH := map[*Infoset]bool{}
	seenO := map[*Outcome]bool{}
	g.Outcomes = nil
	g.Walk(func(n *Node) {
		if h := n.Infoset; h != nil {
			if !seenH[h] {
				seenH[h] = true
				h.Nodes = nil
				if h.Player >= 0 && h.Player < len(g.Infosets) {
					h.Index = len(g.Infosets[h.Player])
					g.Infosets[h.Player] = append(g.Infosets[h.Player], h)
				}
			}
			h.Nodes = append(h.Nodes, n)
		}
		if o := n.Outcome; o != nil && !seenO[o] {
			seenO[o] = true
			g.Outcomes = append(g.Outcomes, o)
		}
	})
	return g.Validate()
}

// FromStrategic returns a strategic-form game as an extensive-form game:
// the players move in turn, each at a single information set that
// contains all of his nodes (he does not see the earlier moves), and each
// profile ends at an outcome with its exact payoffs. It returns an error
// wrapping [ErrTooLarge] past 1<<20 profiles.
func FromStrategic(sg *game.Game) (*Game, error) {
	if err := sg.Validate(); err != nil {
		return nil, err
	}
	if sg.NumProfiles() > 1<<20 {
		return nil, fmt.Errorf("%w: %d profiles", ErrTooLarge, sg.NumProfiles())
	}
	g := New(sg.Title, append([]string(nil), sg.Players...)...)
	g.Comment = sg.Comment
	sets := make([]*Infoset, sg.NumPlayers())
	for p := range sets {
		sets[p] = g.NewInfoset(p+1, "", append([]string(nil), sg.Strategies[p]...), nil)
	}
	prof := make([]int, sg.NumPlayers())
	var build func(p int) *Node
	build = func(p int) *Node {
		if p == sg.NumPlayers() {
			k := sg.Index(prof)
			pay := make([]*big.Rat, sg.NumPlayers())
			for i := range pay {
				pay[i] = new(big.Rat).Set(sg.RatPayoff(i, k))
			}
			return Leaf("", g.NewOutcome("", pay...))
		}
		children := make([]*Node, len(sg.Strategies[p]))
		for s := range children {
			prof[p] = s
			children[s] = build(p + 1)
		}
		return Move("", sets[p], nil, children...)
	}
	return g, g.SetRoot(build(0))
}

// R returns the integer v as a *big.Rat (a shorthand for building games).
func R(v int64) *big.Rat { return big.NewRat(v, 1) }
