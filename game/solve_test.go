package game_test

import (
	"context"
	"errors"
	"testing"

	"github.com/infragame/infragame/game"
)

// TestSolveMethods runs every method of Solve on games whose equilibria are
// known: battle of the sexes (pure (1,0),(1,0) and (0,1),(0,1), mixed
// (2/3,1/3),(1/3,2/3); any textbook, e.g. Osborne 2004, §4.1) and matching
// pennies (value 0, uniform play).
func TestSolveMethods(t *testing.T) {
	bos := game.Bimatrix([][]float64{{2, 0}, {0, 1}}, [][]float64{{1, 0}, {0, 2}})
	pennies := game.ZeroSum([][]float64{{1, -1}, {-1, 1}})
	for _, tc := range []struct {
		method string
		g      *game.Game
		n      int // equilibria expected (-1: at least one)
		exact  bool
		path   bool
	}{
		{"pure", bos, 2, true, false},
		{"enummixed", bos, 3, true, false},
		{"lcp", bos, -1, true, false}, // at least one
		{"lp", pennies, 1, true, false},
		{"logit", pennies, 1, false, true},
		{"simpdiv", pennies, 1, false, true},
		{"replicator", bos, 1, false, true},
		{"fp", pennies, 1, false, true},
	} {
		t.Run(tc.method, func(t *testing.T) {
			for _, withPath := range []bool{false, true} {
				res, err := game.Solve(context.Background(), tc.g, tc.method, game.SolveOptions{Path: withPath, MaxIter: 200000})
				if err != nil {
					t.Fatal(err)
				}
				if res.Method != tc.method || (tc.n >= 0 && len(res.Equilibria) != tc.n) || len(res.Equilibria) == 0 {
					t.Fatalf("method %q, %d equilibria, want %q and %d", res.Method, len(res.Equilibria), tc.method, tc.n)
				}
				for _, e := range res.Equilibria {
					if (e.Exact != nil) != tc.exact {
						t.Errorf("exact %v, want exact=%v", e.Exact, tc.exact)
					}
					if e.Regret > 1e-3 {
						t.Errorf("regret %g", e.Regret)
					}
				}
				if got := len(res.Path) > 0; got != (withPath && tc.path) {
					t.Errorf("Path=%v: path of %d points", withPath, len(res.Path))
				}
			}
		})
	}
	if res, _ := game.Solve(context.Background(), pennies, "lp", game.SolveOptions{}); res == nil || res.Value == nil || *res.Value != "0" {
		t.Errorf("lp value %v, want 0", res)
	}
}

func TestSolveErrors(t *testing.T) {
	bos := game.Bimatrix([][]float64{{2, 0}, {0, 1}}, [][]float64{{1, 0}, {0, 2}})
	if _, err := game.Solve(context.Background(), bos, "bogus", game.SolveOptions{}); !errors.Is(err, game.ErrMethod) {
		t.Errorf("unknown method: %v, want ErrMethod", err)
	}
	if _, err := game.Solve(context.Background(), bos, "lp", game.SolveOptions{}); !errors.Is(err, game.ErrNotConstantSum) {
		t.Errorf("lp on a general-sum game: %v", err)
	}
	if _, err := game.Solve(context.Background(), bos, "enummixed", game.SolveOptions{MaxEquilibria: 1}); !errors.Is(err, game.ErrTooMany) {
		t.Errorf("MaxEquilibria 1: %v", err)
	}
	three := game.New(2, 2, 2)
	if _, err := game.Solve(context.Background(), three, "lcp", game.SolveOptions{}); !errors.Is(err, game.ErrPlayers) {
		t.Errorf("lcp, 3 players: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := game.Solve(ctx, bos, "enummixed", game.SolveOptions{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

func TestParseProfile(t *testing.T) {
	bos := game.Bimatrix([][]float64{{2, 0}, {0, 1}}, [][]float64{{1, 0}, {0, 2}})
	for _, tc := range []struct {
		in       string
		exact    bool
		eq       bool
		errMatch bool
	}{
		{"2/3,1/3,1/3,2/3", true, true, false},
		{"1,0,1,0", true, true, false},
		{"1,0,0,1", true, false, false},
		{"0.5,0.5,0.5,0.5", false, false, false},
		{"0.666666666667,0.333333333333,0.333333333333,0.666666666667", false, true, false}, // within 1e-9
		{"1,0,1", false, false, true},
		{"1,x,1,0", false, false, true},
		{"0x1,0,1,0", false, false, true},
		{"-1,2,1,0", false, false, true},
		{"1/2,1/3,1,0", false, false, true},
	} {
		p, exact, err := game.ParseProfile(bos, tc.in)
		if tc.errMatch {
			if !errors.Is(err, game.ErrProfile) {
				t.Errorf("%q: error %v, want one matching ErrProfile", tc.in, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v", tc.in, err)
			continue
		}
		if (exact != nil) != tc.exact {
			t.Errorf("%q: exact %v", tc.in, exact)
		}
		tol := 1e-6
		if c := game.CheckProfileAt(bos, p, exact, tol); c.Equilibrium != tc.eq {
			t.Errorf("%q: equilibrium %v, want %v (%+v)", tc.in, c.Equilibrium, tc.eq, c)
		}
	}
}

func FuzzParseProfile(f *testing.F) {
	for _, s := range []string{"2/3,1/3,1/3,2/3", "0.5,0.5,1,0", "1,0", "", ",,,", "1e400,0,1,0"} {
		f.Add(s)
	}
	g := game.Bimatrix([][]float64{{2, 0}, {0, 1}}, [][]float64{{1, 0}, {0, 2}})
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 1000 {
			return
		}
		p, exact, err := game.ParseProfile(g, s)
		if err != nil {
			if !errors.Is(err, game.ErrProfile) {
				t.Fatalf("%q: error %v does not match ErrProfile", s, err)
			}
			return
		}
		_ = game.CheckProfileAt(g, p, exact, 1e-9)
	})
}
