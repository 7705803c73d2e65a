package game_test

import (
	"context"
	"errors"
	"math"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/infragame/infragame/game"
	"github.com/infragame/infragame/game/nfg"
)

// Classic games with textbook answers, each re-derived here from the
// indifference conditions:
//   - matching pennies: unique equilibrium, both mix ½–½ (each player must
//     make the other indifferent: q − (1−q) = −q + (1−q) ⇒ q = ½);
//   - battle of the sexes with payoffs (2,1), (0,0) / (0,0), (1,2): pure
//     equilibria on the diagonal and the mixed one where the column player
//     makes the row player indifferent, 2q = 1 − q ⇒ q = 1/3, and the row
//     player makes the column player indifferent, p = 2(1 − p) ⇒ p = 2/3
//     (Osborne 2004, An Introduction to Game Theory, §4.3);
//   - rock–paper–scissors: unique equilibrium (⅓,⅓,⅓) for both, value 0
//     (von Neumann & Morgenstern 1944, §18).
var classics = []struct {
	name string
	a, b [][]float64
	want []string // exact equilibria, Gambit order "x…,y…"
}{
	{"matching pennies", [][]float64{{1, -1}, {-1, 1}}, [][]float64{{-1, 1}, {1, -1}}, []string{"1/2,1/2,1/2,1/2"}},
	{"battle of the sexes", [][]float64{{2, 0}, {0, 1}}, [][]float64{{1, 0}, {0, 2}},
		[]string{"1,0,1,0", "2/3,1/3,1/3,2/3", "0,1,0,1"}},
	{"rock paper scissors", [][]float64{{0, -1, 1}, {1, 0, -1}, {-1, 1, 0}}, [][]float64{{0, 1, -1}, {-1, 0, 1}, {1, -1, 0}},
		[]string{"1/3,1/3,1/3,1/3,1/3,1/3"}},
}

func sorted(s []string) string {
	s = append([]string(nil), s...)
	sort.Strings(s)
	return strings.Join(s, " | ")
}

func TestClassicGames(t *testing.T) {
	ctx := context.Background()
	for _, c := range classics {
		t.Run(c.name, func(t *testing.T) {
			g := game.Bimatrix(c.a, c.b)
			ex, err := game.EnumMixed(ctx, g)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range ex.Equilibria {
				got = append(got, e.Exact.String())
			}
			if sorted(got) != sorted(c.want) {
				t.Errorf("EnumMixed = %v, want %v", got, c.want)
			}
			if ex.NonExtreme {
				t.Error("NonExtreme set on a nondegenerate game")
			}
			lh, err := game.LemkeHowson(ctx, g, game.LCPOptions{Recursive: true})
			if err != nil {
				t.Fatal(err)
			}
			got = got[:0]
			for _, e := range lh {
				got = append(got, e.Exact.String())
			}
			// BoS: all three equilibria lie in one Lemke–Howson component.
			if sorted(got) != sorted(c.want) {
				t.Errorf("LemkeHowson = %v, want %v", got, c.want)
			}
			lg, err := game.Logit(ctx, g, game.LogitOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if lg.Equilibrium.Regret > 1e-6 {
				t.Errorf("logit regret %g", lg.Equilibrium.Regret)
			}
		})
	}
}

func TestZeroSumLP(t *testing.T) {
	// Rock–paper–scissors: value 0, uniform strategies.
	g := game.ZeroSum([][]float64{{0, -1, 1}, {1, 0, -1}, {-1, 1, 0}})
	s, err := game.SolveZeroSum(g, 1e-9)
	if err != nil {
		t.Fatal(err)
	}
	if s.ExactValue == nil || s.ExactValue.Sign() != 0 || s.Equilibrium.Exact.String() != "1/3,1/3,1/3,1/3,1/3,1/3" {
		t.Errorf("RPS: value %v, profile %v", s.ExactValue, s.Equilibrium.Exact)
	}
	// Morra-like 2×3 game: A = [[3,-1,2],[-2,4,1]]; value 1 with
	// x = (3/5, 2/5)… checked against EnumMixed on the same game.
	g = game.ZeroSum([][]float64{{3, -1, 2}, {-2, 4, 1}})
	s, err = game.SolveZeroSum(g, 1e-9)
	if err != nil {
		t.Fatal(err)
	}
	ex, err := game.EnumMixed(context.Background(), g)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := s.Value, ex.Equilibria[0].Payoffs[0]; math.Abs(got-want) > 1e-12 {
		t.Errorf("value %g, EnumMixed gives %g", got, want)
	}
	if _, err := game.SolveZeroSum(game.Bimatrix([][]float64{{2, 0}, {0, 1}}, [][]float64{{1, 0}, {0, 2}}), 1e-9); !errors.Is(err, game.ErrNotConstantSum) {
		t.Errorf("BoS: error %v, want ErrNotConstantSum", err)
	}
}

func readNFG(t *testing.T, path string) *game.Game {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	g, err := nfg.Read(f)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// TestMcKelveyMcLennan uses the 2×2×2 game of McKelvey & McLennan (1997),
// distributed with Gambit as contrib/games/2x2x2.nfg, documented as having
// nine Nash equilibria, two of them totally mixed
// (https://gambit.sourceforge.net/gambit14/samples.html). Its four pure
// equilibria are listed in Gambit's test suite (tests/test_nash.py,
// create_test_hp_2x2x2_nfg_eq1…eq4): (1,1,1), (1,2,2), (2,1,2), (2,2,1).
func TestMcKelveyMcLennan(t *testing.T) {
	g := readNFG(t, "testdata/mckelvey-mclennan-2x2x2.nfg")
	ctx := context.Background()
	pure, err := game.PureEquilibria(ctx, g)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range pure {
		got = append(got, e.Exact.String())
	}
	want := []string{"1,0,1,0,1,0", "1,0,0,1,0,1", "0,1,1,0,0,1", "0,1,0,1,1,0"}
	if sorted(got) != sorted(want) {
		t.Errorf("pure equilibria %v, want %v", got, want)
	}
	lg, err := game.Logit(ctx, g, game.LogitOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if r := g.MaxRegret(lg.Equilibrium.Profile); r > 1e-9 {
		t.Errorf("logit limit regret %g", r)
	}
	sd, err := game.SimplicialSubdivision(ctx, g, game.SimpdivOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if r := g.MaxRegret(sd.Equilibrium.Profile); r > 1e-9 {
		t.Errorf("simpdiv regret %g", r)
	}
	if len(lg.Path) < 10 || lg.Path[len(lg.Path)-1].T < 1e5 {
		t.Errorf("logit path has %d points ending at λ=%g", len(lg.Path), lg.Path[len(lg.Path)-1].T)
	}
}

func TestDynamics(t *testing.T) {
	ctx := context.Background()
	// Coordination game: replicator dynamics from a point favouring the
	// first strategy converge to (1,1).
	g := game.Bimatrix([][]float64{{2, 0}, {0, 1}}, [][]float64{{2, 0}, {0, 1}})
	tr, err := game.Replicator(ctx, g, game.DynamicsOptions{Start: game.Profile{{0.6, 0.4}, {0.6, 0.4}}})
	if err != nil {
		t.Fatal(err)
	}
	if tr.Final[0][0] < 0.999 || tr.Final[1][0] < 0.999 {
		t.Errorf("replicator ended at %v", tr.Final)
	}
	if len(tr.Path) < 2 {
		t.Errorf("path has %d points", len(tr.Path))
	}
	// Rock–paper–scissors: replicator orbits cycle (Weibull 1995, §3.1.5)
	// and never reach the interior equilibrium from off it.
	rps := game.ZeroSum([][]float64{{0, -1, 1}, {1, 0, -1}, {-1, 1, 0}})
	_, err = game.Replicator(ctx, rps, game.DynamicsOptions{Start: game.Profile{{0.5, 0.3, 0.2}, {0.2, 0.3, 0.5}}, MaxIter: 2000})
	if !errors.Is(err, game.ErrNoConvergence) {
		t.Errorf("RPS replicator: error %v, want ErrNoConvergence", err)
	}
	// Fictitious play converges in zero-sum games (Robinson 1951).
	fp, err := game.FictitiousPlay(ctx, game.ZeroSum([][]float64{{1, -1}, {-1, 1}}), game.DynamicsOptions{Tol: 1e-2})
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(fp.Final[0][0]-0.5) > 0.02 {
		t.Errorf("fictitious play ended at %v", fp.Final)
	}
}

func TestIteratedDominance(t *testing.T) {
	// Prisoner's dilemma: cooperation is strictly dominated for both.
	pd := game.Bimatrix([][]float64{{3, 0}, {5, 1}}, [][]float64{{3, 5}, {0, 1}})
	el, err := game.IteratedDominance(pd, false)
	if err != nil {
		t.Fatal(err)
	}
	if got := el.Kept; len(got[0]) != 1 || got[0][0] != 1 || got[1][0] != 1 {
		t.Errorf("PD kept %v, want [[1] [1]]", got)
	}
	// Row 3 (1, 1) is dominated by the mixture ½·row1 + ½·row2 (payoff 3/2
	// against each column) but by no pure strategy (Myerson 1991, §1.8 /
	// Fudenberg & Tirole 1991, Fig. 2.2 style example).
	g := game.Bimatrix([][]float64{{3, 0}, {0, 3}, {1, 1}}, [][]float64{{1, 0}, {0, 1}, {0, 0}})
	el, err = game.IteratedDominance(g, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(el.Kept[0]) != 3 {
		t.Errorf("pure dominance removed %v", el.Steps)
	}
	el, err = game.IteratedDominance(g, true)
	if err != nil {
		t.Fatal(err)
	}
	if len(el.Kept[0]) != 2 || el.Steps[0].Strategy != 2 || math.Abs(el.Steps[0].By[0]-0.5) > 0.2 {
		t.Errorf("mixed dominance: kept %v steps %+v", el.Kept, el.Steps)
	}
}
