package game_test

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/infragame/infragame/game"
)

// TestZeroSumLPRandom: in a zero-sum game every equilibrium gives the row
// player the value (von Neumann 1928), so the LP value must equal the
// payoff of each extreme equilibrium EnumMixed finds; games with payoffs in
// {0, 1, 2} are degenerate (several optimal strategies).
func TestZeroSumLPRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	ctx := context.Background()
	exact := 0
	for k := range 60 {
		m, n := 2+rng.IntN(6), 2+rng.IntN(6)
		opt := game.RandomOptions{Lo: -50, Hi: 50}
		if k%2 == 1 {
			opt = game.RandomOptions{Lo: 0, Hi: 2}
		}
		g, err := game.Random(rng, game.RandomZeroSum, []int{m, n}, opt)
		if err != nil {
			t.Fatal(err)
		}
		s, err := game.SolveZeroSum(g, 1e-9)
		if err != nil {
			t.Fatalf("game %d: %v", k, err)
		}
		if s.ExactValue != nil {
			exact++
		}
		ex, err := game.EnumMixed(ctx, g)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range ex.Equilibria {
			if math.Abs(e.Payoffs[0]-s.Value) > 1e-9 {
				t.Fatalf("game %d: LP value %g, equilibrium payoff %g", k, s.Value, e.Payoffs[0])
			}
		}
		if r := g.MaxRegret(s.Equilibrium.Profile); r > 1e-9 {
			t.Fatalf("game %d: regret %g", k, r)
		}
	}
	if exact < 30 {
		t.Errorf("only %d of 60 LP solutions were made exact", exact)
	}
}
