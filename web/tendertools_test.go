package web_test

import (
	"strings"
	"testing"
)

func init() {
	apiCalls = append(apiCalls,
		struct{ method, path, body string }{"GET", "/api/v1/tender/jakarta-bandung-2015/breakeven?param=host.shadow_price&min=0&max=3", ""},
		struct{ method, path, body string }{"GET", "/api/v1/tender/jakarta-bandung-2015/breakeven?param=host.discount_rate_pct&min=0&max=20", ""},
		struct{ method, path, body string }{"GET", "/api/v1/tender/jakarta-bandung-2015/breakeven?param=host.nope", ""},
		struct{ method, path, body string }{"GET", "/api/v1/tender/jakarta-bandung-2015/breakeven", ""},
	)
	pagePaths = append(pagePaths, "/tender/jakarta-bandung-2015/breakeven?param=host.shadow_price&min=0&max=3",
		"/tender/jakarta-bandung-2015/evaluate?runs=200")
}

// TestTenderToolsEqualCLI: the break-even endpoint is `tender breakeven`
// for the same parameter and range (in percent for a _pct name, and when
// the range holds no break-even); the evaluation page's numbers are
// `tender evaluate --runs`'s.
func TestTenderToolsEqualCLI(t *testing.T) {
	ts := newStoreServer(t)
	for _, c := range []struct{ query, param, lo, hi string }{
		{"param=host.shadow_price&min=0&max=3", "host.shadow_price", "0", "3"},
		{"param=host.discount_rate_pct&min=0&max=20", "host.discount_rate_pct", "0", "20"},
		{"param=offers.japan.capex&min=3000&max=8000", "offers.japan.capex", "3000", "8000"},
	} {
		_, got := get(t, ts, "/api/v1/tender/jakarta-bandung-2015/breakeven?"+c.query)
		if want := runCLI(t, "tender", "breakeven", "case:jakarta-bandung-2015", "--param", c.param, "--min", c.lo, "--max", c.hi); !jsonEqual(t, got, want) {
			t.Errorf("breakeven %s differs from the CLI's:\n%.400s\nwant\n%.400s", c.query, got, want)
		}
	}
	resp, body := get(t, ts, "/api/v1/tender/jakarta-bandung-2015/breakeven?param=host.shadow_pric")
	if resp.StatusCode != 400 || !strings.Contains(body, "host.shadow_price") {
		t.Errorf("unknown parameter: %d %s", resp.StatusCode, body)
	}
	_, page := get(t, ts, "/tender/jakarta-bandung-2015/evaluate?lang=zh&runs=200&seed=3")
	if d := sameNumbers(htmlValues(t, section(t, page, "result", "share")), jsonNumbers(t, runCLI(t, "tender", "evaluate", "case:jakarta-bandung-2015", "--runs", "200", "--seed", "3"))); d != "" {
		t.Errorf("evaluate page: %s", d)
	}
}
