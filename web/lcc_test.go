package web_test

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"

	"github.com/infragame/infragame/web"
)

func init() {
	hsr := exampleFile("lcc/hsr_two_offers.yaml")
	pagePaths = append(pagePaths, "/lcc", "/lcc?study_text="+url.QueryEscape(hsr), "/lcc?runs=200&study_text="+url.QueryEscape(hsr))
	for _, b := range []map[string]any{{"study": hsr}, {"study": hsr, "runs": 50, "seed": 3}, {"study": "analysis: [", "runs": 0}, {"study": hsr, "runs": -1}} {
		body, _ := json.Marshal(b)
		apiCalls = append(apiCalls, struct{ method, path, body string }{"POST", "/api/v1/lcc/run", string(body)})
	}
}

// TestLCCEqualsCLI: the life-cycle-cost endpoint and page give the
// document of `infragame lcc run FILE [--runs N --seed S] --format json`
// for every shipped study; bad input is a 400 naming the field.
func TestLCCEqualsCLI(t *testing.T) {
	ts := newServer(t, web.Config{})
	for _, name := range []string{"hsr_two_offers.yaml", "coal_usc_vs_subcritical.yaml"} {
		study := example(t, "lcc/"+name)
		want := runCLI(t, "lcc", "run", "examples/lcc/"+name)
		if status, _, got := postJSON(t, ts, "/api/v1/lcc/run", map[string]any{"study": study}); status != 200 || !jsonEqual(t, got, want) {
			t.Errorf("lcc run %s: %d, differs from the CLI's:\n%.400s\nwant\n%.400s", name, status, got, want)
		}
		_, page := get(t, ts, "/lcc?lang=zh&runs=&study_text="+url.QueryEscape(study))
		if d := sameNumbers(htmlValues(t, section(t, page, "result", "share")), jsonNumbers(t, want)); d != "" {
			t.Errorf("lcc page %s: %s", name, d)
		}
		want = runCLI(t, "lcc", "run", "examples/lcc/"+name, "--runs", "300", "--seed", "7")
		if status, _, got := post(t, ts, "/api/v1/lcc/run?runs=300&seed=7", "application/yaml", []byte(study)); status != 200 || !jsonEqual(t, got, want) {
			t.Errorf("lcc run %s --runs 300 --seed 7: %d, differs from the CLI's:\n%.400s", name, status, got)
		}
	}
	_, page := get(t, ts, "/lcc?lang=zh")
	if !strings.Contains(page, "全寿命周期成本") || !strings.Contains(page, "hsr_two_offers.yaml") {
		t.Error("lcc page: no Chinese title or no examples")
	}
	if strings.Contains(page, "tender_three_offers.yaml") {
		t.Error("lcc page: a tender file of examples/lcc offered as a study")
	}
	for _, c := range []struct {
		req   map[string]any
		field string
	}{
		{map[string]any{}, "study"},
		{map[string]any{"study": "analysis: [", "runs": 0}, "study"},
		{map[string]any{"study": example(t, "lcc/hsr_two_offers.yaml"), "runs": 100000}, "runs"},
	} {
		status, _, body := postJSON(t, ts, "/api/v1/lcc/run", c.req)
		var p web.Problem
		if err := json.Unmarshal([]byte(body), &p); err != nil || status != 400 || p.Field != c.field {
			t.Errorf("%v: %d %+v, want 400 field %q", c.req, status, p, c.field)
		}
	}
}
