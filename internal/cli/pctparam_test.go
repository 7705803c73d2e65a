package cli

import (
	"encoding/json"
	"strings"
	"testing"
)

// A rate named with _pct is taken and shown in percent: the break-even of
// China's loan rate in Jakarta–Bandung is the same point whether asked as
// offers.china.loan.rate over [0, 0.1] or as offers.china.loan.rate_pct
// over [0, 10], a hundred times larger in the second; a _pct name on a
// parameter that is no rate or share is refused.
func TestPercentParams(t *testing.T) {
	type point struct {
		Value, Delta float64
		Change       *float64 `json:"change_pct"`
	}
	type doc struct {
		Param        string
		Base, Lo, Hi float64
		Points       []point
	}
	get := func(args ...string) doc {
		t.Helper()
		out, errs, code := run(t, append([]string{"--format", "json", "tender", "breakeven", "case:jakarta-bandung-2015"}, args...)...)
		var d doc
		if code != 0 || json.Unmarshal([]byte(out), &d) != nil {
			t.Fatalf("%v: %d %s", args, code, errs)
		}
		return d
	}
	dec := get("--param", "offers.china.loan.rate", "--min", "0", "--max", "0.1")
	pct := get("--param", "offers.china.loan.rate_pct", "--min", "0", "--max", "10")
	if pct.Param != "offers.china.loan.rate_pct" || pct.Base != 2 || pct.Lo != 0 || pct.Hi != 10 || len(pct.Points) != 1 || len(dec.Points) != 1 {
		t.Fatalf("percent: %+v\ndecimal: %+v", pct, dec)
	}
	if d := pct.Points[0].Value - 100*dec.Points[0].Value; d > 1e-9 || d < -1e-9 || *pct.Points[0].Change != *dec.Points[0].Change {
		t.Errorf("break-even %v %% against %v", pct.Points[0].Value, dec.Points[0].Value)
	}
	if _, errs, code := run(t, "tender", "breakeven", "case:jakarta-bandung-2015", "--param", "host.shadow_price_pct"); code != 2 || !strings.Contains(errs, "not a rate or share") {
		t.Errorf("_pct on a non-rate: %d %s", code, errs)
	}
	out, errs, code := run(t, "--format", "csv", "tender", "map", "case:jakarta-bandung-2015", "--x", "host.shadow_price", "--y", "host.discount_rate_pct", "--ymin", "0", "--ymax", "8", "--nx", "2", "--ny", "3")
	if code != 0 || !strings.HasPrefix(out, "host.shadow_price,host.discount_rate_pct,winner,margin\n") || !strings.Contains(out, ",4,") || !strings.Contains(out, ",8,") {
		t.Errorf("map: %d %s\n%s", code, errs, out)
	}
}
