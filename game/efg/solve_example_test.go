package efg_test

import (
	"context"
	"fmt"

	"github.com/infragame/infragame/game/efg"
)

func ExampleSolve() {
	g, err := efg.Parse("entry.efg", []byte(entry))
	if err != nil {
		panic(err)
	}
	// No method: backward induction, as the game has perfect information.
	res, err := efg.Solve(context.Background(), g, "", efg.SolveOptions{})
	if err != nil {
		panic(err)
	}
	e := res.Equilibria[0]
	fmt.Println(res.Method, "payoffs", e.Payoffs, "subgame perfect:", *e.SubgamePerfect)
	for _, is := range e.Infosets {
		fmt.Println(g.Players[is.Player-1], is.Actions, is.Probabilities, "reached with probability", is.Reach)
	}
	// Output:
	// spe payoffs [1 1] subgame perfect: true
	// Entrant [Out In] [0 1] reached with probability 1
	// Incumbent [Fight Accommodate] [0 1] reached with probability 1
}

func ExampleInspect() {
	g, err := efg.Parse("entry.efg", []byte(entry))
	if err != nil {
		panic(err)
	}
	// The entrant stays out, deterred by a threat to fight.
	b, err := efg.ParseBehavior(g, "1,0,1,0")
	if err != nil {
		panic(err)
	}
	s, err := efg.Inspect(g, b)
	if err != nil {
		panic(err)
	}
	fmt.Println("nodes:", s.Nodes, "perfect recall:", s.PerfectRecall)
	fmt.Println("Nash:", s.Profile.Nash, "subgame perfect:", *s.Profile.SubgamePerfect)
	// Output:
	// nodes: 5 perfect recall: true
	// Nash: true subgame perfect: false
}
