package game_test

import (
	"context"
	"math/rand/v2"
	"testing"

	"github.com/infragame/infragame/game"
)

// TestLemkeHowsonFindsExtremeEquilibria checks that every equilibrium
// Lemke–Howson returns, in floating-point and exact pivoting, is one of the
// extreme equilibria enumerated by EnumMixed (itself checked against
// lrsnash), on nondegenerate and degenerate games.
func TestLemkeHowsonFindsExtremeEquilibria(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	ctx := context.Background()
	for k := range 120 {
		m, n := 2+rng.IntN(6), 2+rng.IntN(6)
		class := game.Uniform
		if k%3 == 2 {
			class = game.Degenerate
		}
		g, err := game.Random(rng, class, []int{m, n}, game.RandomOptions{})
		if err != nil {
			t.Fatal(err)
		}
		ex, err := game.EnumMixed(ctx, g)
		if err != nil {
			t.Fatal(err)
		}
		all := map[string]bool{}
		for _, e := range ex.Equilibria {
			all[e.Exact.String()] = true
		}
		for _, exact := range []bool{false, true} {
			eqs, err := game.LemkeHowson(ctx, g, game.LCPOptions{Exact: exact, Recursive: k%2 == 0})
			if err != nil {
				t.Fatalf("game %d exact=%v: %v", k, exact, err)
			}
			if len(eqs) == 0 {
				t.Fatalf("game %d: no equilibrium", k)
			}
			for _, e := range eqs {
				if !all[e.Exact.String()] {
					t.Fatalf("game %d exact=%v: %s is not an extreme equilibrium", k, exact, e.Exact)
				}
			}
		}
	}
}

// TestLemkeHowsonDegenerateLarge runs every label on degenerate 30×30
// games (payoffs in {0, 1, 2}), where floating-point ties can make a path
// cycle; the cycle must be detected and the path redone exactly. Every
// result must have exact regret zero.
func TestLemkeHowsonDegenerateLarge(t *testing.T) {
	ctx := context.Background()
	for seed := range 3 {
		g, err := game.Random(rand.New(rand.NewPCG(uint64(seed), 30)), game.Degenerate, []int{30, 30}, game.RandomOptions{})
		if err != nil {
			t.Fatal(err)
		}
		eqs, err := game.LemkeHowson(ctx, g, game.LCPOptions{})
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		for _, e := range eqs {
			for i, r := range g.RatRegrets(e.Exact) {
				if r.Sign() != 0 {
					t.Fatalf("seed %d: player %d regret %s", seed, i+1, r.RatString())
				}
			}
		}
	}
}

// TestLemkeHowsonFloatCycle: on this degenerate 100×100 game (as written by
// "infragame game random --class degenerate --strategies 100x100 --seed 3")
// the floating-point path from label 34 cycles; the cycle is detected and
// the path is redone in exact arithmetic.
func TestLemkeHowsonFloatCycle(t *testing.T) {
	g, err := game.Random(rand.New(rand.NewPCG(3, 0)), game.Degenerate, []int{100, 100}, game.RandomOptions{})
	if err != nil {
		t.Fatal(err)
	}
	eqs, err := game.LemkeHowson(context.Background(), g, game.LCPOptions{Labels: []int{33}, MaxPivots: 50000})
	if err != nil {
		t.Fatal(err)
	}
	if len(eqs) != 1 {
		t.Fatalf("%d equilibria", len(eqs))
	}
}
