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
	if _, page = get(t, ts, "/data?lang=zh"); !strings.Contains(page, `href="/data/summary?lang=zh"`) {
		t.Error("the dataset page has no link to the summary")
	}
}
