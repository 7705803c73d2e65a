package game_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/infragame/infragame/game"
)

func TestRandomClasses(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	// ρ = 1: common interests, all players get the same payoff.
	g, err := game.Random(rng, game.Covariance, []int{3, 3, 2}, game.RandomOptions{Rho: 1, Real: true})
	if err != nil {
		t.Fatal(err)
	}
	for k := range g.NumProfiles() {
		if g.Payoffs[0][k] != g.Payoffs[1][k] || g.Payoffs[1][k] != g.Payoffs[2][k] {
			t.Fatalf("ρ=1: payoffs differ at profile %d", k)
		}
	}
	// ρ = −1 with two players: constant-sum (payoffs symmetric about the
	// middle of [lo, hi] = 50).
	g, err = game.Random(rng, game.Covariance, []int{4, 4}, game.RandomOptions{Rho: -1, Real: true})
	if err != nil {
		t.Fatal(err)
	}
	for k := range g.NumProfiles() {
		if s := g.Payoffs[0][k] + g.Payoffs[1][k]; math.Abs(s-100) > 1e-9 {
			t.Fatalf("ρ=−1: u1+u2 = %g at profile %d", s, k)
		}
	}
	// ρ below −1/(n−1) is not a correlation of n exchangeable variables.
	if _, err := game.Random(rng, game.Covariance, []int{2, 2, 2}, game.RandomOptions{Rho: -0.9}); err == nil {
		t.Error("ρ = −0.9 with 3 players accepted")
	}
	// Coordination: every diagonal payoff exceeds every off-diagonal one.
	g, err = game.Random(rng, game.Coordination, []int{3, 3}, game.RandomOptions{})
	if err != nil {
		t.Fatal(err)
	}
	minDiag, maxOff := math.Inf(1), math.Inf(-1)
	for r := range 3 {
		for c := range 3 {
			v := g.Payoff(0, []int{r, c})
			if r == c {
				minDiag = min(minDiag, v)
			} else {
				maxOff = max(maxOff, v)
			}
		}
	}
	if minDiag <= maxOff {
		t.Errorf("coordination: diagonal min %g ≤ off-diagonal max %g", minDiag, maxOff)
	}
	// Degenerate: payoffs in {0, 1, 2}; uniform: integers in [0, 100].
	g, _ = game.Random(rng, game.Degenerate, []int{5, 5}, game.RandomOptions{})
	for _, v := range g.Payoffs[0] {
		if v != 0 && v != 1 && v != 2 {
			t.Fatalf("degenerate payoff %g", v)
		}
	}
	g, _ = game.Random(rng, game.Uniform, []int{5, 5}, game.RandomOptions{})
	for _, v := range g.Payoffs[1] {
		if v != math.Trunc(v) || v < 0 || v > 100 {
			t.Fatalf("uniform payoff %g", v)
		}
	}
	// Same seed, same game.
	a, _ := game.Random(rand.New(rand.NewPCG(1, 1)), game.Uniform, []int{3, 4}, game.RandomOptions{})
	b, _ := game.Random(rand.New(rand.NewPCG(1, 1)), game.Uniform, []int{3, 4}, game.RandomOptions{})
	for i := range a.Payoffs {
		for k := range a.Payoffs[i] {
			if a.Payoffs[i][k] != b.Payoffs[i][k] {
				t.Fatal("same seed gave different games")
			}
		}
	}
	if _, err := game.Random(rng, "nope", []int{2, 2}, game.RandomOptions{}); err == nil {
		t.Error("unknown class accepted")
	}
}
