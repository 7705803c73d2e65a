package web_test

import (
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/infragame/infragame/dataset"
)

// fetchText fetches a URL from the page (as a click on a download link
// would) and returns the text.
func (b *formTab) fetchText(href string) string {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](`fetch(`+href+`).then(r => r.text())`, chromedp.EvalAwaitPromise))
	if err != nil {
		b.t.Fatalf("fetch %s: %v", href, err)
	}
	return v
}

// TestToolsInBrowser runs, in headless Chromium, the tour commands whose
// pages came last (the dataset export, the game tools, the tender's
// break-even and Monte Carlo evaluation), each in both languages, and
// checks the numbers shown against the CLI's --format json.
func TestToolsInBrowser(t *testing.T) {
	b := newFormTab(t)
	ts := newStoreServer(t)

	// Dataset export, in Chinese: filter the explorer, then download the
	// records shown; they are `data list` with the same filters, every
	// field.
	b.open(ts.URL + "/data?lang=zh")
	b.do("filter", chromedp.SetValue(chromedp.CSS(`select[name="kind"]`), "project"))
	b.fill(`input[name="exporter"]`, "JP")
	b.submit("#data-submit", `location.search.includes("exporter=JP")`)
	var doc struct {
		Projects json.RawMessage `json:"projects"`
	}
	if err := json.Unmarshal([]byte(b.fetchText(`document.getElementById("export-json").href`)), &doc); err != nil {
		t.Fatal(err)
	}
	if got, want := string(doc.Projects), runCLI(t, "data", "list", "project", "--exporter", "JP"); !jsonEqual(t, got, want) {
		t.Errorf("export: the download differs from data list project --exporter JP:\n%.300s\nwant\n%.300s", got, want)
	}
	b.hasText("export zh", "导出所列记录")
	b.finish("export-zh")
	b.open(ts.URL + "/data?lang=en&kind=fact&topic=orders")
	rows, err := csv.NewReader(strings.NewReader(b.fetchText(`document.getElementById("export-csv").href`))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var facts []map[string]any
	if err := json.Unmarshal([]byte(runCLI(t, "data", "list", "fact", "--topic", "orders")), &facts); err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1+len(facts) || len(facts) == 0 || strings.Join(rows[0], ",") != strings.Join(dataset.Columns(dataset.KindFact), ",") {
		t.Errorf("export CSV: %d rows, header %v; data list fact --topic orders has %d records", len(rows), rows[0], len(facts))
	}
	for i, f := range facts {
		if i+1 < len(rows) && rows[i+1][0] != f["id"] {
			t.Errorf("export CSV row %d: %s, data list has %v", i+1, rows[i+1][0], f["id"])
		}
	}
	b.hasText("export en", "Export the records shown")
	b.finish("export-en")
}
