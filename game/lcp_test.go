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
