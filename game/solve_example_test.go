package game_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	"github.com/infragame/infragame/game"
)

func ExampleSolve() {
	// Battle of the sexes, every extreme equilibrium, exact.
	g := game.Bimatrix([][]float64{{2, 0}, {0, 1}}, [][]float64{{1, 0}, {0, 2}})
	res, err := game.Solve(context.Background(), g, "enummixed", game.SolveOptions{})
	if err != nil {
		panic(err)
	}
	for _, e := range res.Equilibria {
		fmt.Println(e.Exact, "payoffs", e.Payoffs[0], "and", e.Payoffs[1])
	}
	fmt.Println("non-extreme:", *res.NonExtreme)
	// Output:
	// [[1 0] [1 0]] payoffs 2 and 1
	// [[2/3 1/3] [1/3 2/3]] payoffs 0.6666666666666666 and 0.6666666666666666
	// [[0 1] [0 1]] payoffs 1 and 2
	// non-extreme: false
}

func ExampleSolve_zeroSum() {
	// Matching pennies by linear programming: the value is a fraction.
	g := game.ZeroSum([][]float64{{1, -1}, {-1, 1}})
	res, err := game.Solve(context.Background(), g, "lp", game.SolveOptions{})
	if err != nil {
		panic(err)
	}
	enc := json.NewEncoder(os.Stdout)
	if err := enc.Encode(res.Equilibria[0].Exact); err != nil {
		panic(err)
	}
	fmt.Println("value:", *res.Value)
	// Output:
	// [["1/2","1/2"],["1/2","1/2"]]
	// value: 0
}

func ExampleParseProfile() {
	g := game.Bimatrix([][]float64{{2, 0}, {0, 1}}, [][]float64{{1, 0}, {0, 2}})
	p, exact, err := game.ParseProfile(g, "2/3,1/3,1/3,2/3")
	if err != nil {
		panic(err)
	}
	c := game.CheckProfileAt(g, p, exact, 0)
	fmt.Println("exact regrets:", c.ExactRegrets, "equilibrium:", c.Equilibrium)
	_, _, err = game.ParseProfile(g, "1,0,1")
	fmt.Println(err)
	// Output:
	// exact regrets: [0 0] equilibrium: true
	// profile has 3 entries, the game has 4 strategies in all (2x2)
}
