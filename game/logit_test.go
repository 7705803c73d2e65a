package game_test

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/infragame/infragame/game"
)

// TestLogitRandom traces the logit branch on 80 random games of 2 to 4
// players, including degenerate ones: every limit must be an equilibrium
// within the tolerance, and on nondegenerate two-player games one of the
// extreme equilibria EnumMixed finds (all equilibria are extreme there).
func TestLogitRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	ctx := context.Background()
	shapes := [][]int{{2, 2}, {3, 3}, {5, 5}, {8, 8}, {2, 2, 2}, {3, 3, 3}, {2, 3, 4}, {2, 2, 2, 2}}
	for k := range 80 {
		shape := shapes[k%len(shapes)]
		class := game.Uniform
		if k%3 == 1 {
			class = game.Degenerate
		}
		g, err := game.Random(rng, class, shape, game.RandomOptions{})
		if err != nil {
			t.Fatal(err)
		}
		r, err := game.Logit(ctx, g, game.LogitOptions{})
		if err != nil {
			t.Fatalf("game %d %v %s: %v", k, shape, class, err)
		}
		if reg := g.MaxRegret(r.Equilibrium.Profile); reg > 1e-6*100 {
			t.Fatalf("game %d: regret %g", k, reg)
		}
		if len(shape) != 2 || class != game.Uniform {
			continue
		}
		ex, err := game.EnumMixed(ctx, g)
		if err != nil {
			t.Fatal(err)
		}
		best := math.Inf(1)
		for _, e := range ex.Equilibria {
			d := 0.0
			for i := range e.Profile {
				for j := range e.Profile[i] {
					d = max(d, math.Abs(e.Profile[i][j]-r.Equilibrium.Profile[i][j]))
				}
			}
			best = min(best, d)
		}
		if best > 1e-6 {
			t.Fatalf("game %d: logit limit %v is %g from every extreme equilibrium", k, r.Equilibrium.Profile, best)
		}
	}
}
