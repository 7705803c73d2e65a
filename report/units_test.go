package report

import "testing"

func TestWorkbookHeaders(t *testing.T) {
	tb := &Table{
		Columns:    []string{"id", "rate_%", "orders_usd_bn", "A (USD bn)", "win_probability", "price", "margin"},
		Units:      []string{"", "%"},
		SheetUnits: []string{"", "", "", "", "", "USD 2015"},
	}
	want := []string{"id", "rate_% (%)", "orders_usd_bn (USD bn)", "A (USD bn)", "win_probability (probability)", "price (USD 2015)", "margin"}
	for c, w := range want {
		if got := tb.header(c); got != w {
			t.Errorf("header %d = %q, want %q", c, got, w)
		}
	}
	tb.SetUnit(UnitScore, "margin", "no-such-column")
	if got := tb.header(6); got != "margin (score)" {
		t.Errorf("after SetUnit: %q", got)
	}
	for _, h := range want {
		name, unit := SplitHeader(h)
		if h == "A (USD bn)" && (name != "A" || unit != "USD bn") {
			t.Errorf("SplitHeader(%q) = %q, %q", h, name, unit)
		}
	}
	if Unitless["year"] == "" || NameUnit("grant_element_pct") != UnitPercent {
		t.Error("catalogue: year must be unitless, _pct a percentage")
	}
}
