package efg

import (
	"errors"
	"fmt"
	"math/big"
	"strings"
)

// Sentinel errors of the solvers and checks (wrapped with context).
var (
	// ErrPerfectRecall is returned by a method that needs perfect recall
	// for a game without it.
	ErrPerfectRecall = errors.New("efg: game does not have perfect recall")
	// ErrImperfectInformation is returned by backward induction for a game
	// with an information set of more than one node.
	ErrImperfectInformation = errors.New("efg: game has imperfect information")
	// ErrPlayers is returned by a two-player method for another number of
	// players.
	ErrPlayers = errors.New("efg: wrong number of players")
	// ErrTooLarge is returned when a game is too large for a method.
	ErrTooLarge = errors.New("efg: game too large for this method")
	// ErrProfile is returned for a behaviour profile of the wrong shape or
	// with a distribution that is not a probability vector.
	ErrProfile = errors.New("efg: invalid behaviour profile")
	// ErrNoSolution is returned when Lemke's algorithm ends on a ray from
	// every covering vector it tries.
	ErrNoSolution = errors.New("efg: Lemke's algorithm found no solution")
)

// Kind is the kind of a node.
type Kind int

// Node kinds.
const (
	Terminal Kind = iota
	Chance
	Personal
)

func (k Kind) String() string {
	switch k {
	case Chance:
		return "chance"
	case Personal:
		return "personal"
	}
	return "terminal"
}

// Game is a finite game in extensive form.
type Game struct {
	Title   string
	Comment string
	// Players names the players; player p (1-based in the file) is
	// Players[p-1].
	Players []string
	// Root is the root of the tree.
	Root *Node
	// Infosets[0] lists chance's information sets and Infosets[p] player
	// p's, ordered by their numbers in the file read (by first appearance
	// in pre-order for a game built with SetRoot); an information set's
	// number in a written file is its index + 1.
	Infosets [][]*Infoset
	// Outcomes, ordered likewise; an outcome's number is its index + 1.
	Outcomes []*Outcome
}

// Outcome is a payoff vector attached to nodes.
type Outcome struct {
	Label   string
	Payoffs []*big.Rat
}

// Infoset is an information set: nodes of one player (0: chance) that the
// player cannot tell apart, with the same actions.
type Infoset struct {
	Player  int // 0 for chance, else 1-based
	Index   int // position in Game.Infosets[Player]
	Label   string
	Actions []string
	// Probs are the action probabilities of a chance information set.
	Probs []*big.Rat
	// Nodes are the members in pre-order.
	Nodes []*Node
}

// Node is a node of the tree.
type Node struct {
	Label string
	Kind  Kind
	// Infoset is nil for a terminal node.
	Infoset *Infoset
	// Outcome is nil when the node has none.
	Outcome *Outcome
	// Children[a] follows action a of the information set.
	Children []*Node
	Parent   *Node
	// Line is the node's line in the file it was read from (0 if built).
	Line int
}

// Player returns the node's player: 0 for chance, −1 for a terminal node.
func (n *Node) Player() int {
	if n.Infoset == nil {
		return -1
	}
	return n.Infoset.Player
}

// NumPlayers returns the number of (personal) players.
func (g *Game) NumPlayers() int { return len(g.Players) }

// Walk calls f on every node in pre-order (the file's order). It uses an
// explicit stack, so deep trees do not exhaust the goroutine stack.
func (g *Game) Walk(f func(*Node)) {
	if g.Root == nil {
		return
	}
	stack := []*Node{g.Root}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		f(n)
		for i := len(n.Children) - 1; i >= 0; i-- {
			stack = append(stack, n.Children[i])
		}
	}
}

// NumNodes returns the number of nodes.
func (g *Game) NumNodes() int {
	k := 0
	g.Walk(func(*Node) { k++ })
	return k
}

// PerfectInformation reports whether every information set of a personal
// player has a single node.
func (g *Game) PerfectInformation() bool {
	for p := 1; p < len(g.Infosets); p++ {
		for _, h := range g.Infosets[p] {
			if len(h.Nodes) > 1 {
				return false
			}
		}
	}
	return true
}

// seqStep is one move of a player on a path: information set and action.
type seqStep struct{ h, a int }

// ownSequences returns, for every node, the sequence of (infoset, action)
// moves that player p made on the path to it.
func (g *Game) ownSequence(n *Node, p int) []seqStep {
	var rev []seqStep
	for c := n; c.Parent != nil; c = c.Parent {
		par := c.Parent
		if par.Infoset.Player == p {
			for a, ch := range par.Children {
				if ch == c {
					rev = append(rev, seqStep{par.Infoset.Index, a})
				}
			}
		}
	}
	for i, j := 0, len(rev)-1; i < j; i, j = i+1, j-1 {
		rev[i], rev[j] = rev[j], rev[i]
	}
	return rev
}

func seqKey(s []seqStep) string {
	var b strings.Builder
	for _, x := range s {
		fmt.Fprintf(&b, "%d:%d;", x.h, x.a)
	}
	return b.String()
}

// PerfectRecall returns nil if every player recalls his own past moves:
// all nodes of an information set are reached by the same sequence of the
// player's own information sets and actions. Otherwise it returns an
// error wrapping [ErrPerfectRecall] naming an offending information set.
// It takes time linear in nodes × players.
func (g *Game) PerfectRecall() error {
	ix := g.index()
	for p := 1; p < len(g.Infosets); p++ {
		// id[k]: a number identifying node k's own-move sequence for p.
		type step struct{ parent, h, a int }
		trie := map[step]int{}
		id := make([]int, len(ix.nodes))
		for k, n := range ix.nodes {
			if n.Parent == nil {
				continue
			}
			par := n.Parent
			pk := ix.id[par]
			if par.Infoset.Player != p {
				id[k] = id[pk]
				continue
			}
			a := 0
			for i, c := range par.Children {
				if c == n {
					a = i
				}
			}
			st := step{id[pk], par.Infoset.Index, a}
			v, ok := trie[st]
			if !ok {
				v = len(trie) + 1
				trie[st] = v
			}
			id[k] = v
		}
		for _, h := range g.Infosets[p] {
			for _, n := range h.Nodes[1:] {
				if id[ix.id[n]] != id[ix.id[h.Nodes[0]]] {
					return fmt.Errorf("%w: %s's information set %d%s has nodes reached by different own moves", ErrPerfectRecall, g.playerName(p), h.Index+1, labelSuffix(h.Label))
				}
			}
		}
	}
	return nil
}

func (g *Game) playerName(p int) string {
	if p == 0 {
		return "chance"
	}
	if g.Players[p-1] != "" {
		return fmt.Sprintf("player %d (%s)", p, g.Players[p-1])
	}
	return fmt.Sprintf("player %d", p)
}

func labelSuffix(s string) string {
	if s == "" {
		return ""
	}
	return fmt.Sprintf(" %q", s)
}

// leafPayoffs returns the total payoff vector of a play ending at a
// terminal node: the sum of the outcomes met on the path from the root.
func (g *Game) pathPayoff(n *Node) []*big.Rat {
	v := make([]*big.Rat, len(g.Players))
	for i := range v {
		v[i] = new(big.Rat)
	}
	for c := n; c != nil; c = c.Parent {
		if c.Outcome != nil {
			for i, x := range c.Outcome.Payoffs {
				v[i].Add(v[i], x)
			}
		}
	}
	return v
}
