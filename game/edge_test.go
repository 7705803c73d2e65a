package game_test

import (
	"context"
	"math/rand/v2"
	"testing"

	"github.com/infragame/infragame/game"
)

// TestEdgeShapes runs every solver on games where some player has a single
// strategy, and on constant games (every profile an equilibrium).
func TestEdgeShapes(t *testing.T) {
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(11, 12))
	for _, shape := range [][]int{{1, 1}, {1, 4}, {4, 1}, {2, 1, 3}, {1, 1, 1}} {
		for _, class := range []game.Class{game.Uniform, game.Degenerate} {
			g, err := game.Random(rng, class, shape, game.RandomOptions{Levels: 1})
			if err != nil {
				t.Fatal(err)
			}
			if p, err := game.PureEquilibria(ctx, g); err != nil || len(p) == 0 {
				t.Errorf("%v %s: pure: %v, %d equilibria", shape, class, err, len(p))
			}
			if lg, err := game.Logit(ctx, g, game.LogitOptions{}); err != nil || lg.Equilibrium.Regret > 1e-6*100 {
				t.Errorf("%v %s: logit: %v", shape, class, err)
			}
			if _, err := game.SimplicialSubdivision(ctx, g, game.SimpdivOptions{}); err != nil {
				t.Errorf("%v %s: simpdiv: %v", shape, class, err)
			}
			if len(shape) != 2 {
				continue
			}
			if ex, err := game.EnumMixed(ctx, g); err != nil || len(ex.Equilibria) == 0 {
				t.Errorf("%v %s: enummixed: %v", shape, class, err)
			}
			if eqs, err := game.LemkeHowson(ctx, g, game.LCPOptions{}); err != nil || len(eqs) == 0 {
				t.Errorf("%v %s: lcp: %v", shape, class, err)
			}
		}
	}
}
