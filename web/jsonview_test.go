package web

import (
	"strings"
	"testing"

	"github.com/infragame/infragame/report/i18n"
)

// TestResultNumbers: numbers are shown rounded as the command line's
// tables round them, with the exact literal kept in data-value (and the
// title when they differ).
func TestResultNumbers(t *testing.T) {
	for _, c := range []struct{ lit, want string }{
		{"0.45058312345678", `<span class="n" data-value="0.45058312345678" title="0.45058312345678">0.450583</span>`},
		{"54.7023", `<span class="n" data-value="54.7023">54.7023</span>`},
		{"2015", `<span class="n" data-value="2015">2015</span>`},
		{"700000000000.0001", `<span class="n" data-value="700000000000.0001" title="700000000000.0001">700000000000</span>`},
		{"1e-7", `<span class="n" data-value="1e-7" title="1e-7">1e-07</span>`},
		{"-0.30000000000000004", `<span class="n" data-value="-0.30000000000000004" title="-0.30000000000000004">-0.3</span>`},
	} {
		if got := numberHTML(c.lit); got != c.want {
			t.Errorf("%s: %s, want %s", c.lit, got, c.want)
		}
	}
	h, err := resultHTML(map[string]any{"rows": []map[string]any{{"x": 1.0 / 3}}, "list": []float64{2.0 / 3, 1}}, i18n.EN)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`data-value="0.3333333333333333" title="0.3333333333333333">0.333333</span>`, `data-value="0.6666666666666666"`, `data-value="1">1</span>`} {
		if !strings.Contains(string(h), want) {
			t.Errorf("result lacks %s:\n%s", want, h)
		}
	}
}

// TestResultLabelsChinese: a document's field names are shown in Chinese on
// a Chinese page, the JSON name kept as the label's title; a name used as a
// key (an offer's) is shown as written; English shows the names spaced.
func TestResultLabelsChinese(t *testing.T) {
	doc := map[string]any{"grant_element_pct": 66.8, "offers": map[string]any{"japan": map[string]any{"win_probability": 0.5}}}
	zh, err := resultHTML(doc, i18n.ZH)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<dt><span title="grant_element_pct">赠与成分（%）</span></dt>`, `<dt>japan</dt>`, `<span title="win_probability">中标概率</span>`} {
		if !strings.Contains(string(zh), want) {
			t.Errorf("zh lacks %s:\n%s", want, zh)
		}
	}
	en, err := resultHTML(doc, i18n.EN)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(en), `<dt>grant element pct</dt>`) {
		t.Errorf("en: %s", en)
	}
}
