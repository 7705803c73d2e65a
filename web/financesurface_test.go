package web_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/infragame/infragame/web"
)

func init() {
	pagePaths = append(pagePaths, "/finance/surface", "/finance/surface?method=dac2018&income_group=lmic&axis=maturity&y=10:40:10&grace_years=5&rates=0,1,2")
	apiCalls = append(apiCalls, []struct{ method, path, body string }{
		{"GET", "/api/v1/finance/surface?maturity_years=40&rates=0,2&y=0,40", ""},
		{"GET", "/api/v1/finance/surface?method=aiddata&axis=maturity&y=10:30:10&grace_years=5", ""},
		{"GET", "/api/v1/finance/surface?method=all&maturity_years=40", ""},
	}...)
}

// TestFinanceSurfaceEqualsCLI: the surface endpoint and page give the
// document of `infragame finance surface … --format json` for the same
// flags, with null cells where the terms are invalid; bad input is a 400
// naming the field.
func TestFinanceSurfaceEqualsCLI(t *testing.T) {
	ts := newServer(t, web.Config{})
	for _, c := range []struct {
		query string
		args  []string
	}{
		// The command line's defaults, at a 40-year maturity.
		{"maturity_years=40", []string{"--maturity", "40"}},
		// The example of `finance surface --help`: IMF, rates 0–4 % by 0.25, grace 0–15.
		{"method=imf&rates=0:4:0.25&axis=grace&y=0:15:1&maturity_years=40", []string{"--method", "imf", "--rates", "0:4:0.25", "--axis", "grace", "--y", "0:15:1", "--maturity", "40"}},
		// Its second example: AidData over maturity at 5 years' grace; invalid cells (grace ≥ maturity) are null.
		{"method=aiddata&rates=0:6:0.5&axis=maturity&y=0:50:5&grace_years=5", []string{"--method", "aiddata", "--rates", "0:6:0.5", "--axis", "maturity", "--y", "0:50:5", "--grace", "5"}},
		{"method=dac2018&income_group=lic&rates=0,1,2&y=0,5,10&maturity_years=30&payments_per_year=1&profile=annuity&front_end_fee_pct=0.5",
			[]string{"--method", "dac2018", "--income-group", "lic", "--rates", "0,1,2", "--y", "0,5,10", "--maturity", "30", "--payments-per-year", "1", "--profile", "annuity", "--front-end-fee", "0.5"}},
		{"method=user&discount_pct=7&maturity_years=25&y=0,5", []string{"--method", "user", "--discount", "7", "--maturity", "25", "--y", "0,5"}},
	} {
		want := runCLI(t, append([]string{"finance", "surface"}, c.args...)...)
		_, got := get(t, ts, "/api/v1/finance/surface?"+c.query)
		if !jsonEqual(t, got, want) {
			t.Errorf("surface %s differs from the CLI's:\n%.400s\nwant\n%.400s", c.query, got, want)
		}
		_, page := get(t, ts, "/finance/surface?lang=zh&"+c.query)
		res := section(t, page, "result", "share")
		if d := sameNumbers(htmlValues(t, res), jsonNumbers(t, want)); d != "" {
			t.Errorf("surface page %s: %s", c.query, d)
		}
		checkRounding(t, "surface page", res)
	}
	// The first visit computes the form's defaults (maturity 40).
	_, page := get(t, ts, "/finance/surface?lang=zh")
	if d := sameNumbers(htmlValues(t, section(t, page, "result", "share")), jsonNumbers(t, runCLI(t, "finance", "surface", "--maturity", "40"))); d != "" {
		t.Errorf("surface page, defaults: %s", d)
	}
	// The form sends both the maturity and the grace; the page drops the
	// one the axis varies, and its default repayment profile.
	_, page = get(t, ts, "/finance/surface?lang=en&method=aiddata&axis=maturity&rates=0,2&y=10,20&maturity_years=40&grace_years=5&profile=&payments_per_year=&income_group=")
	if d := sameNumbers(htmlValues(t, section(t, page, "result", "share")), jsonNumbers(t, runCLI(t, "finance", "surface", "--method", "aiddata", "--axis", "maturity", "--rates", "0,2", "--y", "10,20", "--grace", "5"))); d != "" {
		t.Errorf("surface page, maturity axis: %s", d)
	}
	_, page = get(t, ts, "/finance/surface?lang=zh")
	if !strings.Contains(page, "赠与成分曲面") || !strings.Contains(page, "data-echarts=") {
		t.Error("surface page: no Chinese title or no chart")
	}
	for _, c := range []struct{ query, field string }{
		{"rates=0:5:0.5", "maturity_years"},
		{"maturity_years=40&method=all", "method"},
		{"maturity_years=40&method=dac2018", "method"},
		{"maturity_years=40&axis=sideways", "axis"},
		{"maturity_years=40&rates=5:0:1", "rates"},
		{"maturity_years=40&rates=0:100:0.01&y=0:100:1", "rates"},
		// The command line's rules: what the surface would ignore is refused.
		{"maturity_years=40&grace_years=5", "grace_years"},
		{"axis=maturity&maturity_years=40", "maturity_years"},
		{"maturity_years=40&income_group=lic", "income_group"},
		{"maturity_years=40&rate_pct=2", "rate_pct"},
		{"maturity_years=40&method=aiddata&payments_per_year=4", "payments_per_year"},
	} {
		resp, body := get(t, ts, "/api/v1/finance/surface?"+c.query)
		var p web.Problem
		if err := json.Unmarshal([]byte(body), &p); err != nil || resp.StatusCode != 400 || p.Field != c.field {
			t.Errorf("%s: %d %+v, want 400 field %q", c.query, resp.StatusCode, p, c.field)
		}
	}
}
