package efg_test

import (
	"context"
	"errors"
	"os"
	"testing"

	"github.com/infragame/infragame/game"
	"github.com/infragame/infragame/game/efg"
)

// TestSolveMethods solves the entry-deterrence game (Selten 1978: the
// subgame-perfect play is In, Accommodate with payoffs 1, 1; Out with the
// threat to fight is a Nash equilibrium that is not subgame perfect) by
// every method: each must return only verified Nash equilibria, and the
// backward-induction one must be In, Accommodate.
func TestSolveMethods(t *testing.T) {
	g, err := efg.Parse("entry.efg", []byte(entry))
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range append(efg.SolveMethods(), "") {
		res, err := efg.Solve(context.Background(), g, m, efg.SolveOptions{})
		if err != nil {
			t.Fatalf("%q: %v", m, err)
		}
		if m == "" && res.Method != "spe" {
			t.Errorf("default method %q, want spe (perfect information)", res.Method)
		}
		if len(res.Equilibria) == 0 {
			t.Fatalf("%q: no equilibrium", m)
		}
		for _, e := range res.Equilibria {
			if !e.Nash {
				t.Errorf("%q: %+v is not verified Nash", m, e)
			}
		}
		if m == "spe" {
			e := res.Equilibria[0]
			if e.Payoffs[0] != "1" || e.Payoffs[1] != "1" || !*e.SubgamePerfect {
				t.Errorf("spe: %+v", e)
			}
		}
		if (res.Reduced != nil) != (m == "enummixed" || m == "lcp" || m == "pure") || (res.Sequences != nil) != (m == "seqform") {
			t.Errorf("%q: reduced %v, sequences %v", m, res.Reduced, res.Sequences)
		}
	}
	if _, err := efg.Solve(context.Background(), g, "bogus", efg.SolveOptions{}); !errors.Is(err, game.ErrMethod) {
		t.Errorf("unknown method: %v", err)
	}
	kuhn, err := os.ReadFile("../../examples/game/kuhn-poker.efg")
	if err != nil {
		t.Fatal(err)
	}
	if !efg.HasHeader(kuhn) || efg.HasHeader([]byte("NFG 1 R")) {
		t.Error("HasHeader")
	}
	kg, err := efg.Parse("kuhn", kuhn)
	if err != nil {
		t.Fatal(err)
	}
	if efg.DefaultMethod(kg) != "seqform" {
		t.Error("Kuhn poker: default method should be seqform")
	}
	if _, err := efg.Solve(context.Background(), kg, "spe", efg.SolveOptions{}); !errors.Is(err, efg.ErrImperfectInformation) {
		t.Errorf("spe on Kuhn poker: %v", err)
	}
}

func TestInspect(t *testing.T) {
	g, err := efg.Parse("entry.efg", []byte(entry))
	if err != nil {
		t.Fatal(err)
	}
	s, err := efg.Inspect(g, nil)
	if err != nil || s.Profile != nil || !s.PerfectRecall || len(s.Infosets) != 3 || s.Infosets[1] != 1 {
		t.Fatalf("%+v, %v", s, err)
	}
	for _, bad := range []string{"1,0,1", "1,0,q,0", "1,0,1e3,0", "1,0,1/2,1/3", "1,0,-1,2"} {
		if _, err := efg.ParseBehavior(g, bad); !errors.Is(err, efg.ErrProfile) {
			t.Errorf("%q: %v, want an error matching ErrProfile", bad, err)
		}
	}
	b, err := efg.ParseBehavior(g, "0, 1, 0.5, 1/2")
	if err != nil {
		t.Fatal(err)
	}
	s, err = efg.Inspect(g, b)
	if err != nil || s.Profile == nil || s.Profile.Nash {
		t.Fatalf("In, mixed fight: %+v, %v (not Nash: the incumbent gains by accommodating)", s, err)
	}
}

func FuzzParseBehavior(f *testing.F) {
	for _, s := range []string{"1,0,1,0", "0,1,1/2,1/2", "", ",,,", "1e9,0,1,0"} {
		f.Add(s)
	}
	g, err := efg.Parse("entry.efg", []byte(entry))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b, err := efg.ParseBehavior(g, s)
		if err != nil {
			if !errors.Is(err, efg.ErrProfile) {
				t.Fatalf("%q: error %v does not match ErrProfile", s, err)
			}
			return
		}
		if _, err := efg.Inspect(g, b); err != nil {
			t.Fatalf("%q: %v", s, err)
		}
	})
}
