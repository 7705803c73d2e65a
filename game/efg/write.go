package efg

import (
	"bufio"
	"fmt"
	"io"
	"math/big"
	"strings"
)

// FormatRat writes r exactly: as a decimal when its denominator has no
// prime factors but 2 and 5 (at most 12 places), otherwise as a fraction
// (1/3). The .efg writer uses it for payoffs and probabilities.
func FormatRat(r *big.Rat) string { return formatNum(r) }

func formatNum(r *big.Rat) string {
	if r.IsInt() {
		return r.Num().String()
	}
	d := new(big.Int).Set(r.Denom())
	places := 0
	ten := big.NewInt(10)
	for places <= 12 {
		if new(big.Int).Mod(new(big.Int).Exp(ten, big.NewInt(int64(places)), nil), d).Sign() == 0 {
			return r.FloatString(places)
		}
		places++
	}
	return r.RatString()
}

func quote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// Write writes g in .efg format, one node per line as Gambit writes it:
// information sets and outcomes are numbered by their position in
// g.Infosets and g.Outcomes, and every node repeats its information set's
// label and actions and its outcome's label and payoffs. Numbers are
// written exactly: integers, decimals (0.25) where the value is a finite
// decimal of at most 12 places, fractions (1/3) otherwise.
func Write(w io.Writer, g *Game) error {
	if err := g.Validate(); err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "EFG 2 R %s {", quote(g.Title))
	for _, p := range g.Players {
		fmt.Fprintf(bw, " %s", quote(p))
	}
	fmt.Fprintf(bw, " }\n%s\n\n", quote(g.Comment))
	outNum := map[*Outcome]int{}
	for i, o := range g.Outcomes {
		outNum[o] = i + 1
	}
	g.Walk(func(n *Node) {
		switch n.Kind {
		case Terminal:
			fmt.Fprintf(bw, "t %s", quote(n.Label))
		case Chance:
			h := n.Infoset
			fmt.Fprintf(bw, "c %s %d %s {", quote(n.Label), h.Index+1, quote(h.Label))
			for a, act := range h.Actions {
				fmt.Fprintf(bw, " %s %s", quote(act), formatNum(h.Probs[a]))
			}
			bw.WriteString(" }")
		case Personal:
			h := n.Infoset
			fmt.Fprintf(bw, "p %s %d %d %s {", quote(n.Label), h.Player, h.Index+1, quote(h.Label))
			for _, act := range h.Actions {
				fmt.Fprintf(bw, " %s", quote(act))
			}
			bw.WriteString(" }")
		}
		if n.Outcome == nil {
			bw.WriteString(" 0\n")
			return
		}
		fmt.Fprintf(bw, " %d %s {", outNum[n.Outcome], quote(n.Outcome.Label))
		for i, v := range n.Outcome.Payoffs {
			if i > 0 {
				bw.WriteString(",")
			}
			bw.WriteString(" " + formatNum(v))
		}
		bw.WriteString(" }\n")
	})
	return bw.Flush()
}

// Validate checks the consistency of a game built in code (the parser
// guarantees it for games it reads): a root, players, every personal
// node's information set registered in g.Infosets with the node among its
// members, actions matching children, chance probabilities summing to 1,
// outcomes registered in g.Outcomes with one payoff per player.
func (g *Game) Validate() error {
	if g.Root == nil {
		return fmt.Errorf("efg: game has no root")
	}
	if len(g.Players) == 0 {
		return fmt.Errorf("efg: game has no players")
	}
	if len(g.Infosets) != len(g.Players)+1 {
		return fmt.Errorf("efg: Infosets has %d entries, want players + 1 = %d", len(g.Infosets), len(g.Players)+1)
	}
	outs := map[*Outcome]bool{}
	for i, o := range g.Outcomes {
		if len(o.Payoffs) != len(g.Players) {
			return fmt.Errorf("efg: outcome %d has %d payoffs for %d players", i+1, len(o.Payoffs), len(g.Players))
		}
		for _, v := range o.Payoffs {
			if v == nil {
				return fmt.Errorf("efg: outcome %d has a nil payoff", i+1)
			}
		}
		outs[o] = true
	}
	for p, hs := range g.Infosets {
		for i, h := range hs {
			if h.Player != p || h.Index != i {
				return fmt.Errorf("efg: information set %d of player %d is registered as player %d index %d", i+1, p, h.Player, h.Index)
			}
			if len(h.Actions) == 0 {
				return fmt.Errorf("efg: information set %d of player %d has no actions", i+1, p)
			}
			if p == 0 {
				if len(h.Probs) != len(h.Actions) {
					return fmt.Errorf("efg: chance information set %d has %d probabilities for %d actions", i+1, len(h.Probs), len(h.Actions))
				}
				s := new(big.Rat)
				for _, q := range h.Probs {
					if q == nil || q.Sign() < 0 {
						return fmt.Errorf("efg: chance information set %d has a negative or missing probability", i+1)
					}
					s.Add(s, q)
				}
				if s.Cmp(big.NewRat(1, 1)) != 0 {
					return fmt.Errorf("efg: chance information set %d: probabilities sum to %s", i+1, s.RatString())
				}
			}
			if len(h.Nodes) == 0 {
				return fmt.Errorf("efg: information set %d of player %d has no nodes", i+1, p)
			}
		}
	}
	var err error
	seen := map[*Node]bool{}
	g.Walk(func(n *Node) {
		if err != nil {
			return
		}
		if seen[n] {
			err = fmt.Errorf("efg: node %q appears twice in the tree", n.Label)
			return
		}
		seen[n] = true
		if n.Outcome != nil && !outs[n.Outcome] {
			err = fmt.Errorf("efg: node %q has an outcome missing from Outcomes", n.Label)
			return
		}
		if n.Kind == Terminal {
			if n.Infoset != nil || len(n.Children) != 0 {
				err = fmt.Errorf("efg: terminal node %q has an information set or children", n.Label)
			}
			return
		}
		h := n.Infoset
		if h == nil || h.Player < 0 || h.Player >= len(g.Infosets) || h.Index >= len(g.Infosets[h.Player]) || g.Infosets[h.Player][h.Index] != h {
			err = fmt.Errorf("efg: node %q has an unregistered information set", n.Label)
			return
		}
		if (n.Kind == Chance) != (h.Player == 0) {
			err = fmt.Errorf("efg: node %q: kind %s does not match its information set's player %d", n.Label, n.Kind, h.Player)
			return
		}
		if len(n.Children) != len(h.Actions) {
			err = fmt.Errorf("efg: node %q has %d children for %d actions", n.Label, len(n.Children), len(h.Actions))
			return
		}
		for _, c := range n.Children {
			if c == nil || c.Parent != n {
				err = fmt.Errorf("efg: node %q has a missing child or a child with another parent", n.Label)
				return
			}
		}
	})
	if err != nil {
		return err
	}
	for p, hs := range g.Infosets {
		for i, h := range hs {
			for _, n := range h.Nodes {
				if !seen[n] || n.Infoset != h {
					return fmt.Errorf("efg: information set %d of player %d lists a node not in the tree", i+1, p)
				}
			}
		}
	}
	return nil
}
