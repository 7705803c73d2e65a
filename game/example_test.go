package game_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"

	"github.com/infragame/infragame/game"
)

func ExampleEnumMixed() {
	// Battle of the sexes.
	g := game.Bimatrix([][]float64{{2, 0}, {0, 1}}, [][]float64{{1, 0}, {0, 2}})
	ex, err := game.EnumMixed(context.Background(), g)
	if err != nil {
		panic(err)
	}
	for _, e := range ex.Equilibria {
		fmt.Printf("NE,%s payoffs %.4g\n", e.Exact, e.Payoffs)
	}
	fmt.Println("non-extreme components:", ex.NonExtreme)
	// Output:
	// NE,1,0,1,0 payoffs [2 1]
	// NE,2/3,1/3,1/3,2/3 payoffs [0.6667 0.6667]
	// NE,0,1,0,1 payoffs [1 2]
	// non-extreme components: false
}

func ExampleEnumMixed_degenerate() {
	// The column player is indifferent between her strategies when the row
	// player plays row 1, so a whole segment of equilibria joins two
	// extreme ones: EnumMixed reports them and the clique they form.
	g := game.Bimatrix([][]float64{{1, 1}, {0, 0}}, [][]float64{{1, 1}, {0, 2}})
	ex, _ := game.EnumMixed(context.Background(), g)
	for _, e := range ex.Equilibria {
		fmt.Println("NE," + e.Exact.String())
	}
	fmt.Println("non-extreme:", ex.NonExtreme, "cliques:", ex.Cliques)
	// Output:
	// NE,1,0,1,0
	// NE,1,0,0,1
	// non-extreme: true cliques: [{[0] [0 1]}]
}

func ExampleLemkeHowson() {
	g := game.Bimatrix([][]float64{{2, 0}, {0, 1}}, [][]float64{{1, 0}, {0, 2}})
	// Label 1 (index 0): drop the row player's first strategy.
	eqs, err := game.LemkeHowson(context.Background(), g, game.LCPOptions{Labels: []int{0}})
	if err != nil {
		panic(err)
	}
	fmt.Println("NE," + eqs[0].Exact.String())
	// Output:
	// NE,1,0,1,0
}

func ExampleSolveZeroSum() {
	// Matching pennies with stakes 2 and 1.
	g := game.ZeroSum([][]float64{{2, -1}, {-1, 1}})
	s, err := game.SolveZeroSum(g, 1e-9)
	if err != nil {
		panic(err)
	}
	fmt.Println("value", s.ExactValue.RatString(), "NE,"+s.Equilibrium.Exact.String())
	// Output:
	// value 1/5 NE,2/5,3/5,2/5,3/5
}

func ExampleGame_Regrets() {
	g := game.Bimatrix([][]float64{{3, 0}, {5, 1}}, [][]float64{{3, 5}, {0, 1}})
	// Both cooperate in the prisoner's dilemma: each gains 2 by defecting.
	fmt.Println(g.Regrets(g.Pure([]int{0, 0})))
	// Output:
	// [2 2]
}

func ExampleRandom() {
	rng := rand.New(rand.NewPCG(42, 0))
	g, err := game.Random(rng, game.Degenerate, []int{2, 2}, game.RandomOptions{})
	if err != nil {
		panic(err)
	}
	fmt.Println(g.Title, g.Payoffs)
	// Output:
	// Random degenerate game 2x2 [[2 0 0 2] [2 0 2 1]]
}

// EnumMixedWith with a limit on the number of equilibria: the battle of
// the sexes has three.
func ExampleEnumMixedWith() {
	g := game.Bimatrix([][]float64{{2, 0}, {0, 1}}, [][]float64{{1, 0}, {0, 2}})
	_, err := game.EnumMixedWith(context.Background(), g, game.EnumOptions{Workers: 1, MaxEquilibria: 2})
	fmt.Println(errors.Is(err, game.ErrTooMany), err)
	ex, _ := game.EnumMixedWith(context.Background(), g, game.EnumOptions{Workers: 1, MaxEquilibria: 3})
	fmt.Println(len(ex.Equilibria))
	// Output:
	// true game: more results than the limit: more than 2 extreme equilibria
	// 3
}
