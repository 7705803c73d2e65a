package offergame

import (
	"context"
	"testing"

	"github.com/infragame/infragame/cases"
	"github.com/infragame/infragame/finance"
	"github.com/infragame/infragame/game/efg"
	"github.com/infragame/infragame/tender"
)

func jakarta(t testing.TB) *Model {
	t.Helper()
	b, err := cases.Raw("jakarta-bandung-2015.yaml")
	if err != nil {
		t.Fatal(err)
	}
	f, err := tender.ParseFile(b)
	if err != nil {
		t.Fatal(err)
	}
	m, err := New(f, tender.DefaultRule, Grid{})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// The grid uses the case's numbers: China's cost range 4000–5500 (midpoint
// 4750), Japan's 3300–5783 (midpoint 4541.5); loans at 2 % and 0.1 %,
// 40 years with 10 of grace, 75 % financed (cases/jakarta-bandung-2015.yaml).
func TestGridFromCase(t *testing.T) {
	m := jakarta(t)
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

// The host's choice comes from tender.Evaluate: at the case's own terms
// and prices equal to expected cost, whoever tender evaluate ranks first
// wins, and the payoffs follow.
func TestSimultaneousGame(t *testing.T) {
	m := jakarta(t)
	g, err := m.Simultaneous()
	if err != nil {
		t.Fatal(err)
	}
	for a, oa := range m.Exporters[0].Options {
		for b, ob := range m.Exporters[1].Options {
			w, score, err := m.Decide(oa, ob)
			if err != nil {
				t.Fatal(err)
			}
			if score[w] < score[1-w] {
				t.Errorf("host awards the lower score at (%d, %d)", a, b)
			}
			got := g.Payoff(w, []int{a, b})
			want := m.Profit(w, [2]Option{oa, ob}[w])
			if got != want || g.Payoff(1-w, []int{a, b}) != 0 {
				t.Errorf("(%d, %d): payoffs %g/%g, want winner %d to get %g", a, b, g.Payoff(0, []int{a, b}), g.Payoff(1, []int{a, b}), w, want)
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

// The sequential game is a perfect-information game whose
// backward-induction solution has the host award the offer tender
// evaluate ranks first at the final offers on the path of play.
func TestSequentialGame(t *testing.T) {
	m := jakarta(t)
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
}
