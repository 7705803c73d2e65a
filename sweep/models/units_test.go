package models

import (
	"context"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/infragame/infragame/market"
	"github.com/infragame/infragame/units"
)

// A swept rate or share on the wrong scale is refused as a scenario, tender
// or study file refuses it, at file:line:field with the value as the spec
// gives it and the likely intended one; --allow-unusual keeps it.
func TestSweepUnitChecks(t *testing.T) {
	none := func(string) ([]byte, error) { return nil, os.ErrNotExist }
	head := func(kind, file string) string {
		return "name: u\nmodel: {kind: " + kind + ", file: " + file + "}\ndesign: {kind: grid, levels: 2}\nparams:\n"
	}
	tender, sim, contest := head("tender", "case:jakarta-bandung-2015"), head("sim", "scenario:baseline"), head("contest", "case:jakarta-bandung-2015")
	for _, c := range []struct{ name, spec, want string }{
		// 0.02–0.05 under a percent name is 0.02 % to 0.05 % (units.Check:
		// a percent discount rate below 0.5 %).
		{"pct range", tender + "  - {name: host.discount_rate_pct, range: [0.02, 0.05]}\n",
			"s.yaml:5:43: params[0].range: range [0.02, 0.05] is unusual for a discount rate (host.discount_rate_pct is a percentage, as its name ends in _pct: 5 is 5 %); did you mean [2, 5]?"},
		// 2–10 under the decimal name is 200 % to 1000 %.
		{"fraction range", tender + "  - {name: host.discount_rate, range: [2, 10]}\n",
			"s.yaml:5:39: params[0].range: range [2, 10] is unusual for a discount rate (host.discount_rate is a decimal fraction: 0.05 is 5 %; name it host.discount_rate_pct to give percentages); did you mean [0.02, 0.1]?"},
		{"normal mean", tender + "  - {name: offers.japan.share_financed_pct, dist: {kind: normal, mean: 0.75, sd: 0.05}}\n",
			"params[0].dist.mean: normal mean 0.75 is unusual for a share"},
		{"sim share", sim + "  - {name: jp.guarantee_share_pct, range: [0.2, 0.8]}\n",
			"params[0].range: range [0.2, 0.8] is unusual for a share (jp.guarantee_share_pct is a percentage, as its name ends in _pct: 5 is 5 %); did you mean [20, 80]?"},
		// e^-3 = 0.0498 %: a loan rate below 0.05 %; mu + ln 100 was meant.
		{"sim lognormal", sim + "  - {name: jp.concessional.rate_pct, dist: {kind: lognormal, mu: -3, sigma: 0.2}}\n",
			"params[0].dist.mu: lognormal median e^mu = 0.04978706837 (mu -3) is unusual for a loan rate"},
		{"contest", contest + "  - {name: host_power_pct, range: [0.1, 0.9]}\n",
			"did you mean [10, 90]?"},
	} {
		_, err := Open("s.yaml", []byte(c.spec), none)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want %q", c.name, err, c.want)
		}
		if _, err := Open("s.yaml", []byte(c.spec), none, units.Options{AllowUnusual: true}); err != nil {
			t.Errorf("%s, --allow-unusual: %v", c.name, err)
		}
	}
	for _, ok := range []string{
		tender + "  - {name: host.discount_rate_pct, range: [0, 10]}\n", // from 0 up: plausible
		tender + "  - {name: host.discount_rate, range: [0.02, 0.1]}\n",
		sim + "  - {name: jp.markup_pct, dist: {kind: lognormal, mu: 2.5, sigma: 0.3}}\n", // median 12 %
		sim + "  - {name: jp.build_years, range: [0.1, 0.5]}\n",                           // not a rate or share
	} {
		if _, err := Open("s.yaml", []byte(ok), none); err != nil {
			t.Errorf("refused a plausible spec: %v\n%s", err, ok)
		}
	}
}

// A lognormal's mu and sigma are those of the logarithm of the values as
// the spec gives them: for a parameter named _pct, of the percentages.
// Nothing shifts mu by ln 100 on the way to the model (the swept value is
// drawn in percent, then converted to its fraction), so the median e^mu
// of jp.markup_pct's lognormal is 12 % and the run is the one of
// jp.markup_pct 12. (A distribution in a study or tender file is another
// matter: there pctyaml.Normalize converts the file's percentages to the
// fractions the reader keeps, and mu is shifted by −ln 100, exactly the
// logarithm of the division by 100.)
func TestSweepLognormalPctMu(t *testing.T) {
	j, err := Open("s.yaml", []byte("name: u\nmodel: {kind: sim, file: scenario:baseline}\ndesign: {kind: lhs, points: 1}\nparams:\n  - {name: jp.markup_pct, dist: {kind: lognormal, mu: 2.4849066497880004, sigma: 0.3}}\n"), nil)
	if err != nil {
		t.Fatal(err)
	}
	p := j.Spec.Params[0]
	// ln 12 = 2.4849066497880004 (math.Log(12)); the quantile at 1/2 is e^mu.
	if got := p.Value(0.5); math.Abs(got-12) > 1e-12 {
		t.Fatalf("median %v, want 12 (percent)", got)
	}
	ev, err := j.Model.Bind([]string{"jp.markup_pct"})
	if err != nil {
		t.Fatal(err)
	}
	y := make([]float64, len(j.Model.Outputs()))
	if err := ev.Eval([]float64{12}, constSource(5), y); err != nil {
		t.Fatal(err)
	}
	sc, _ := market.Named("baseline")
	want, err := market.Evaluate(context.Background(), sc, map[string]float64{"jp.markup": 0.12}, 5, 0)
	if err != nil {
		t.Fatal(err)
	}
	for i, n := range j.Model.Outputs() {
		if y[i] != want[n] && !(math.IsNaN(y[i]) && math.IsNaN(want[n])) {
			t.Errorf("%s: %v at jp.markup_pct 12, %v at jp.markup 0.12", n, y[i], want[n])
		}
	}
}

// constSource is a rand.Source whose first value is the seed the sim model
// passes to market (Sim.Bind uses src.Uint64() as the seed).
type constSource uint64

func (c constSource) Uint64() uint64 { return uint64(c) }
