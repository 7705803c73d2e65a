package web_test

import (
	"strings"
	"testing"
)

func init() {
	pagePaths = append(pagePaths, "/data/summary")
	apiCalls = append(apiCalls, struct{ method, path, body string }{"GET", "/api/v1/data/summary", ""})
}

// TestDataSummaryEqualsCLI: the summary endpoint and page give the
// document of `infragame data summary --format json` over the same
// records (the store's, as the command line reads them).
func TestDataSummaryEqualsCLI(t *testing.T) {
	ts := newStoreServer(t)
	want := runCLI(t, "data", "summary")
	if _, got := get(t, ts, "/api/v1/data/summary"); !jsonEqual(t, got, want) {
		t.Errorf("data summary differs from the CLI's:\n%.400s\nwant\n%.400s", got, want)
	}
	_, page := get(t, ts, "/data/summary?lang=zh")
	res := section(t, page, "result", "")
	if d := sameNumbers(htmlValues(t, res), jsonNumbers(t, want)); d != "" {
		t.Errorf("summary page: %s", d)
	}
	// Money with its unit, rates as percentages, in each language (the
	// seed's 9.26 万亿日元 of 2013 orders, record jp-orders-2013-value).
	for l, want := range map[string][]string{"zh": {">9.26万亿日元<", ">53.3%<"}, "en": {">¥9.26 tn<", ">53.3 %<"}} {
		_, page := get(t, ts, "/data/summary?lang="+l)
		for _, w := range want {
			if !strings.Contains(page, w) {
				t.Errorf("summary page %s: %q not shown", l, w)
			}
		}
		if strings.Contains(page, ">9260000000000<") {
			t.Errorf("summary page %s: money shown as a 13-digit integer", l)
		}
	}
	if _, page = get(t, ts, "/data?lang=zh"); !strings.Contains(page, `href="/data/summary?lang=zh"`) {
		t.Error("the dataset page has no link to the summary")
	}
}
