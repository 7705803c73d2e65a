package market_test

import (
	"strings"
	"testing"

	"github.com/infragame/infragame/dataset"
	"github.com/infragame/infragame/market"
)

func TestShippedScenarios(t *testing.T) {
	all, err := market.Scenarios()
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"aiib-adb-cofinancing", "baseline", "japan-tiers-pqi", "jbic-jica-reform", "price-war", "third-country-joint"}
	if len(all) != len(want) {
		t.Fatalf("%d scenarios, want %d", len(all), len(want))
	}
	for i, s := range all {
		if s.Name != want[i] || s.Start != 2010 || s.End != 2025 || s.Source == "" {
			t.Errorf("scenario %d: %s %d–%d source %q", i, s.Name, s.Start, s.End, s.Source)
		}
		if _, err := market.New(s); err != nil {
			t.Errorf("%s: %v", s.Name, err)
		}
	}
	if _, err := market.Named("baseline2"); err == nil || !strings.Contains(err.Error(), "price-war") {
		t.Errorf("unknown name: %v", err)
	}
}

func TestReadScenarioErrors(t *testing.T) {
	for _, c := range []struct{ name, yaml, want string }{
		{"unknown key", "name: a\nstart: 2010\nend: 2012\nfoo: 1\n", "foo"},
		{"syntax", "name: [a\n", "s.yaml"},
		{"years", "name: a\nstart: 2010\nend: 2005\n", "s.yaml:3:6: end: 2005 must be ≥ start 2010"},
		{"adaptation", "name: a\nstart: 2010\nend: 2012\nadaptation: annealing\n", "s.yaml:4:13: adaptation: unknown \"annealing\""},
		{"param name", "name: a\nstart: 2010\nend: 2012\nparams:\n  jp.markupp: 1\n", "s.yaml:5:15: params.jp.markupp: market: unknown parameter"},
		{"param range", "name: a\nstart: 2010\nend: 2012\nparams:\n  jp.markup: -1\n", "s.yaml:5:14: params.jp.markup: -1 outside [0, 2]"},
		{"param type", "name: a\nstart: 2010\nend: 2012\nparams:\n  jp.markup: high\n", "s.yaml"},
		{"name", "name: a b\nstart: 2010\nend: 2012\n", "s.yaml:1:7: name:"},
	} {
		_, err := market.ReadScenario("s.yaml", []byte(c.yaml))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want it to contain %q", c.name, err, c.want)
		}
	}
	if _, err := market.ReadScenario("big.yaml", make([]byte, market.MaxScenarioBytes+1)); err == nil || !strings.Contains(err.Error(), "limit") {
		t.Errorf("size limit: %v", err)
	}
}

func TestTiersFromTheDataset(t *testing.T) {
	// Japan's tiers come from the strategy records: with jp.tiers = 1
	// Japan bids more in every tiered region and nowhere else.
	sc := named(t, "baseline")
	base := mustNew(t, short(sc))
	tier := mustNew(t, short(sc.With(market.Values{"jp.tiers": 1})))
	set, err := dataset.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, s := range set.Strategies {
		if s.Actor == "JP" && s.Type == "tier" && s.Order > 0 {
			n++
		}
	}
	if n != 3 {
		t.Fatalf("%d tier records", n)
	}
	count := func(sim *market.Simulation, region int) float64 {
		c := 0.0
		for r := range 8 {
			for _, y := range sim.RunOne(t.Context(), 1, r) {
				for s := range market.Sectors {
					c += y.Count[1][region][s]
				}
			}
		}
		return c
	}
	for r, name := range market.Regions {
		b, x := count(base, r), count(tier, r)
		if name == "developed" && b != x {
			t.Errorf("developed markets (no tier): %g vs %g orders", b, x)
		}
		if name != "developed" && !(x > b) {
			t.Errorf("%s: tiers should raise Japan's orders: %g vs %g", name, x, b)
		}
	}
}

func FuzzReadScenario(f *testing.F) {
	all, err := market.Scenarios()
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range all {
		f.Add([]byte("name: " + s.Name + "\nstart: 2010\nend: 2012\n"))
	}
	f.Add([]byte("name: x\nstart: 2010\nend: 2011\nadaptation: replicator\nparams:\n  coop.enabled: 1\n  jp.markup: 0.3\n"))
	f.Add([]byte("{name: &a x, start: *a}"))
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := market.ReadScenario("f.yaml", b)
		if err != nil {
			return
		}
		if err := s.Validate(); err != nil {
			t.Fatalf("accepted an invalid scenario: %v", err)
		}
	})
}
