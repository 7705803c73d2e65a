package offergame

import (
	"context"
	"testing"

	"github.com/infragame/infragame/cases"
	"github.com/infragame/infragame/finance"
	"github.com/infragame/infragame/game/efg"
	"github.com/infragame/infragame/tender"
)

func jakarta(t testing.TB, withModel bool) *Model {
	t.Helper()
	b, err := cases.Raw("jakarta-bandung-2015.yaml")
	if err != nil {
		t.Fatal(err)
	}
	f, err := tender.ParseFile(b)
	if err != nil {
		t.Fatal(err)
	}
	var choice *tender.ChoiceModel
	if withModel {
		fs, err := cases.All()
		if err != nil {
			t.Fatal(err)
		}
		cm, err := tender.FitLibrary(fs)
		if err != nil {
			t.Fatal(err)
		}
		choice = &cm
	}
	m, err := New(f, tender.DefaultRule, Grid{}, choice)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// The grid uses the case's numbers: China's cost range 4000–5500 (midpoint
// 4750), Japan's 3300–5783 (midpoint 4541.5); loans at 2 % and 0.1 %,
// 40 years with 10 of grace, 75 % financed (cases/jakarta-bandung-2015.yaml).
func TestGridFromCase(t *testing.T) {
	m := jakarta(t, false)
	if m.Exporters[0].Offer != "china" || m.Exporters[0].ExpectedCost != 4750 || m.Exporters[1].ExpectedCost != 4541.5 {
		t.Fatalf("exporters %+v", m.Exporters)
	}
	if n := len(m.Exporters[0].Options); n != 6 {
		t.Fatalf("%d options, want 3 markups × 2 terms", n)
	}
	soft := m.Exporters[0].Options[3]
	if !soft.Soft || soft.Rate != 0.01 || soft.Price != 4750 {
		t.Errorf("soft option %+v", soft)
	}
	// Concession: 0.75 × 4750 × (GE(1 %) − GE(2 %)) at 10 %, 40/10 years.
	want := round2(0.75 * 4750 * (finance.AidDataGrantElement(0.01, 40, 10, 0.1) - finance.AidDataGrantElement(0.02, 40, 10, 0.1)))
	if soft.Concession != want || want <= 0 {
		t.Errorf("concession %g, want %g", soft.Concession, want)
	}
}

// The host's choice comes from package tender: without a model the
// tender winner (higher score) takes all; with the library's choice model
// each exporter's payoff is its choice probability × its profit.
func TestSimultaneousGame(t *testing.T) {
	for _, withModel := range []bool{false, true} {
		m := jakarta(t, withModel)
		g, err := m.Simultaneous()
		if err != nil {
			t.Fatal(err)
		}
		for a, oa := range m.Exporters[0].Options {
			for b, ob := range m.Exporters[1].Options {
				pr, score, err := m.Decide(oa, ob)
				if err != nil {
					t.Fatal(err)
				}
				if s := pr[0] + pr[1]; s < 1-1e-12 || s > 1+1e-12 {
					t.Fatalf("probabilities %v do not sum to 1", pr)
				}
				if !withModel && (pr[0] == 1) != (score[0] >= score[1]) {
					t.Errorf("tender winner at (%d, %d): probabilities %v, scores %v", a, b, pr, score)
				}
				for i, o := range []Option{oa, ob} {
					if got, want := g.Payoff(i, []int{a, b}), round2(pr[i]*m.Profit(i, o)); got != want {
						t.Errorf("model %v (%d, %d) player %d: payoff %g, want %g", withModel, a, b, i, got, want)
					}
				}
			}
		}
		sol, err := m.Solve(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if len(sol.Equilibria) == 0 {
			t.Fatal("no equilibrium")
		}
	}
}

// The sequential game is a perfect-information game whose
// backward-induction solution has the host award the offer tender
// evaluate ranks first at the final offers on the path of play.
func TestSequentialGame(t *testing.T) {
	m := jakarta(t, false)
	g, err := m.Sequential("")
	if err != nil {
		t.Fatal(err)
	}
	if g.Players[0] != "japan" || g.Players[2] != "host" || !g.PerfectInformation() {
		t.Fatalf("players %v, perfect information %v", g.Players, g.PerfectInformation())
	}
	// 3 first offers × 6 counter-offers × 4 revisions × 2 awards.
	leaves := 0
	g.Walk(func(n *efg.Node) {
		if n.Kind == efg.Terminal {
			leaves++
		}
	})
	if leaves != 144 {
		t.Errorf("%d leaves, want 144", leaves)
	}
	spe, err := efg.SubgamePerfect(g)
	if err != nil {
		t.Fatal(err)
	}
	c, err := g.Check(spe.Behavior)
	if err != nil || !c.Nash || !c.SequentiallyRational {
		t.Fatalf("SPE check: %v %+v", err, c)
	}
	if _, err := m.Sequential("france"); err == nil {
		t.Error("unknown leader accepted")
	}
	// With the choice model the host is chance: two players, chance
	// probabilities summing to 1 at every award.
	mm := jakarta(t, true)
	gm, err := mm.Sequential("")
	if err != nil {
		t.Fatal(err)
	}
	if len(gm.Players) != 2 || len(gm.Infosets[0]) != 3*6*4 {
		t.Errorf("players %v, %d chance sets (want 72)", gm.Players, len(gm.Infosets[0]))
	}
	if _, err := efg.SubgamePerfect(gm); err != nil {
		t.Fatal(err)
	}
}
