package game_test

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/infragame/infragame/game"
)

// TestSimplicialSubdivision checks the n-player simplicial method on random
// games: the result must be an equilibrium (regret ≤ 1e−9 of the payoff
// range), and on nondegenerate two-player games it must be one of the
// extreme equilibria that EnumMixed lists (all equilibria are extreme there).
func TestSimplicialSubdivision(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 14))
	ctx := context.Background()
	shapes := [][]int{{2, 2}, {3, 3}, {4, 5}, {6, 6}, {2, 2, 2}, {3, 3, 3}, {2, 3, 2}, {2, 2, 2, 2}}
	for k := range 40 {
		shape := shapes[k%len(shapes)]
		g, err := game.Random(rng, game.Uniform, shape, game.RandomOptions{Real: true})
		if err != nil {
			t.Fatal(err)
		}
		res, err := game.SimplicialSubdivision(ctx, g, game.SimpdivOptions{})
		if err != nil {
			t.Fatalf("game %d %v: %v", k, shape, err)
		}
		if r := g.MaxRegret(res.Equilibrium.Profile); r > 1e-9*100 {
			t.Fatalf("game %d: regret %g", k, r)
		}
		if len(shape) != 2 {
			continue
		}
		ex, err := game.EnumMixed(ctx, g)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, e := range ex.Equilibria {
			d := 0.0
			for i := range e.Profile {
				for j := range e.Profile[i] {
					d = max(d, math.Abs(e.Profile[i][j]-res.Equilibrium.Profile[i][j]))
				}
			}
			found = found || d < 1e-7
		}
		if !found {
			t.Fatalf("game %d: %v is not among EnumMixed's equilibria", k, res.Equilibrium.Profile)
		}
	}
}
