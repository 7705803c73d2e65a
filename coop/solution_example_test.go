package coop_test

import (
	"context"
	"fmt"

	"github.com/infragame/infragame/coop"
)

// The glove game: a left glove and two right gloves; a pair is worth 1.
func ExampleSolve() {
	sp, err := coop.ParseSpec("glove.yaml", []byte(`players: [left, right1, right2]
values: {left: 0, right1: 0, right2: 0, left+right1: 1, left+right2: 1, right1+right2: 0, left+right1+right2: 1}
`))
	if err != nil {
		panic(err)
	}
	s, err := coop.Solve(context.Background(), sp.Game)
	if err != nil {
		panic(err)
	}
	fmt.Printf("Shapley %.4f\n", s.Shapley)
	fmt.Printf("core non-empty %v, nucleolus %.4f\n", s.Core.NonEmpty, s.Nucleolus)
	// Output:
	// Shapley [0.6667 0.1667 0.1667]
	// core non-empty true, nucleolus [1.0000 0.0000 0.0000]
}

// Two exporters share a consortium's profit of 10; alone they would earn
// 1 and 3.
func ExampleSolveBargain() {
	b := &coop.Bargain{Players: [2]string{"A", "B"}, Disagreement: [2]float64{1, 3}, Frontier: coop.TUFrontier(10, [2]float64{1, 3})}
	s, err := coop.SolveBargain(b)
	if err != nil {
		panic(err)
	}
	fmt.Printf("power %.0f %%: Nash %.2f, Kalai–Smorodinsky %.2f\n", s.PowerPct, s.Nash, s.KalaiSmorodinsky)
	// Output:
	// power 50 %: Nash [4.00 6.00], Kalai–Smorodinsky [4.00 6.00]
}
