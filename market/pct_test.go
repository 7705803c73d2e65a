package market_test

import (
	"context"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/infragame/infragame/internal/pctyaml"
	"github.com/infragame/infragame/market"
	"github.com/infragame/infragame/units"
)

// Every shipped scenario reads to the same parameter values, bit for bit,
// in its migrated (_pct) form and in the decimal form files had before the
// one-unit rule, so results do not change.
func TestScenarioPctSameAsFraction(t *testing.T) {
	for _, name := range []string{"jbic-jica-reform", "price-war"} {
		b, err := market.ShippedFile(name)
		if err != nil {
			t.Fatal(err)
		}
		old, n, err := pctyaml.Unmigrate(name, b, market.PctFields(), "")
		if err != nil || n == 0 {
			t.Fatalf("%s: unmigrate: %d fields, %v", name, n, err)
		}
		if strings.Contains(string(old), "_pct") {
			t.Fatalf("%s: unmigrated file still has _pct:\n%s", name, old)
		}
		a, err := market.ReadScenario(name, b)
		if err != nil {
			t.Fatal(err)
		}
		o, err := market.ReadScenario(name, old)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(a.Params, o.Params) {
			t.Errorf("%s: %v (percent) != %v (fraction)", name, a.Params, o.Params)
		}
		back, _, err := pctyaml.Migrate(name, old, market.PctFields(), "")
		if err != nil || string(back) != string(b) {
			t.Errorf("%s: migrate(unmigrate(file)) differs: %v\n%s", name, err, back)
		}
	}
}

func TestScenarioPctChecks(t *testing.T) {
	head := "name: a\nstart: 2010\nend: 2012\nparams:\n"
	for _, c := range []struct{ name, yaml, want string }{
		// 0.5 in a percent field is 0.5 %: the user meant 50 (units.Check, share below 1 %).
		{"wrong scale", head + "  jp.guarantee_share_pct: 0.5\n", "s.yaml:5:27: params.jp.guarantee_share_pct: 0.5 read as 0.5 % is unusual for a share"},
		{"both names", head + "  jp.markup_pct: 2\n  jp.markup: 0.02\n", "both jp.markup_pct (a percentage) and jp.markup (a decimal fraction)"},
		// coop.synergy's range is [0, 50] % (params.go), said in what the file gave.
		{"range", head + "  coop.synergy_pct: 60\n", "s.yaml:5:21: params.coop.synergy_pct: 0.6 outside [0, 0.5] (a decimal fraction; coop.synergy_pct takes a percentage) (as a fraction; the file says 60 %)"},
		{"not a share", head + "  jp.participation_pct: 50\n", "unknown parameter"},
	} {
		_, err := market.ReadScenario("s.yaml", []byte(c.yaml))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want %q", c.name, err, c.want)
		}
	}
	s, err := market.ReadScenario("s.yaml", []byte(head+"  jp.guarantee_share_pct: 0.5\n"), units.Options{AllowUnusual: true})
	if err != nil || s.Params["jp.guarantee_share"] != 0.005 {
		t.Errorf("--allow-unusual: %v, %v", s, err)
	}
}

// A sweep's percentage gives the same results as the decimal fraction.
func TestEvaluatePctName(t *testing.T) {
	sc, err := market.Named("baseline")
	if err != nil {
		t.Fatal(err)
	}
	sc.End = 2011
	a, err := market.Evaluate(context.Background(), sc, map[string]float64{"jp.markup_pct": 12}, 3, 0)
	if err != nil {
		t.Fatal(err)
	}
	b, err := market.Evaluate(context.Background(), sc, map[string]float64{"jp.markup": 0.12}, 3, 0)
	if err != nil {
		t.Fatal(err)
	}
	for k, x := range a {
		if math.Float64bits(x) != math.Float64bits(b[k]) {
			t.Errorf("%s: %v (percent) != %v (fraction)", k, x, b[k])
		}
	}
	// A scenario's percentage is replaced by a sweep's fraction, not refused.
	pw, err := market.Named("price-war")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := market.Evaluate(context.Background(), pw, map[string]float64{"jp.markup": 0.05}, 3, 0); err != nil {
		t.Error(err)
	}
	if !market.KnownParam("jp.markup") || !market.KnownParam("jp.markup_pct") || market.KnownParam("jp.participation_pct") {
		t.Error("KnownParam")
	}
}
