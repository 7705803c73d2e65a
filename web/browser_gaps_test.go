package web_test

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
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

	// Random game, in Chinese: the file shown is the CLI's, and solving it
	// with a chosen method gives the CLI's equilibria.
	b.open(ts.URL + "/game/random?lang=zh")
	b.fill("#t-strategies", "3x3")
	b.fill("#t-seed", "42")
	b.submit("#tool-submit", `document.getElementById("game-file") !== null`)
	file := runCLI(t, "game", "random", "--strategies", "3x3", "--seed", "42", "--format", "table")
	if got := eval[string](b, `document.getElementById("game-file").textContent`); got != file {
		t.Errorf("random game: the page shows\n%s\nthe CLI writes\n%s", got, file)
	}
	if got := b.fetchText(`document.getElementById("download-game").href`); got != file {
		t.Errorf("random game: the download differs from the CLI's file")
	}
	b.hasText("random zh", "随机博弈", "随机种子", "求解此博弈")
	b.finish("game-random-zh")
	gameFile := filepath.Join(t.TempDir(), "g.nfg")
	if err := os.WriteFile(gameFile, []byte(file), 0o644); err != nil {
		t.Fatal(err)
	}
	b.do("method", chromedp.SetValue(chromedp.CSS(`#solve-form select[name="method"]`), "lcp"))
	b.submit("#solve-game", `document.getElementById("result") !== null`)
	b.checkNumbers("random game solved", "#result .result", runCLI(t, "game", "solve", gameFile, "--method", "lcp"))
	b.finish("game-random-solved-zh")

	// Upload with a solver chosen in the paste form: the upload honours it.
	b.open(ts.URL + "/game?lang=en")
	eval[bool](b, `(() => { const s = document.querySelector('#engine-form select[name="method"]'); s.value = "lcp"; s.dispatchEvent(new Event("change")); return true })()`)
	if m := eval[string](b, `document.getElementById("upload-method").value`); m != "lcp" {
		t.Errorf("upload form: method %q after choosing lcp in the paste form", m)
	}
	b.do("upload game", chromedp.SetUploadFiles(chromedp.CSS(`#upload-form input[name="game"]`), []string{abs(t, "examples/game/bos.nfg")}))
	b.submit("#upload-submit", `document.getElementById("result") !== null`)
	b.checkNumbers("upload with lcp", "#result .result", runCLI(t, "game", "solve", "examples/game/bos.nfg", "--method", "lcp"))
	if m := eval[string](b, `document.getElementById("upload-method").value`); m != "lcp" {
		t.Errorf("after the upload the form shows method %q, not lcp", m)
	}
	b.finish("game-upload-lcp-en")

	// Dominance, in English: an example game pasted.
	b.open(ts.URL + "/game/dominance?lang=en")
	b.do("paste", chromedp.SetValue(chromedp.CSS("#engine-input"), exampleFile("game/deg.nfg")))
	b.submit("#engine-submit", `document.getElementById("result") !== null`)
	b.checkNumbers("dominance", "#result .result", runCLI(t, "game", "dominance", "examples/game/deg.nfg"))
	b.hasText("dominance en", "Dominated strategies", "Pure strategies only")
	b.finish("game-dominance-en")

	// Check a profile, in Chinese.
	b.open(ts.URL + "/game/check?lang=zh")
	b.do("paste", chromedp.SetValue(chromedp.CSS("#engine-input"), exampleFile("game/bos.nfg")))
	b.fill(`#engine-form input[name="profile"]`, "2/3,1/3,1/3,2/3")
	b.submit("#engine-submit", `document.getElementById("result") !== null`)
	b.checkNumbers("check", "#result .result", runCLI(t, "game", "check", "examples/game/bos.nfg", "2/3,1/3,1/3,2/3"))
	b.hasText("check zh", "检验策略组合", "策略组合")
	b.finish("game-check-zh")

	// A case's offer game, in English: the grid is the CLI's document and
	// the .efg download its file.
	b.open(ts.URL + "/game/from-case?lang=en")
	b.do("form", chromedp.SetValue(chromedp.CSS("#t-form"), "efg"))
	b.submit("#tool-submit", `document.getElementById("game-file") !== null`)
	b.checkNumbers("from-case", "#result .result", runCLI(t, "game", "from-case", "case:jakarta-bandung-2015", "--form", "efg"))
	if got, want := b.fetchText(`document.getElementById("download-game").href`), runCLI(t, "game", "from-case", "case:jakarta-bandung-2015", "--form", "efg", "--format", "table"); got != want {
		t.Errorf("from-case: the .efg download differs from the CLI's file")
	}
	b.hasText("from-case en", "Offer game of a case", "Solve this game")
	b.finish("game-from-case-en")

	// Tender break-even, in Chinese: choose an input and a range.
	b.open(ts.URL + "/tender/jakarta-bandung-2015?lang=zh")
	b.submit(`a[href^="/tender/jakarta-bandung-2015/breakeven"]`, `document.getElementById("tool-form") !== null`)
	b.do("param", chromedp.SetValue(chromedp.CSS("#t-param"), "host.shadow_price"))
	b.fill("#t-min", "0")
	b.fill("#t-max", "3")
	b.submit("#tool-submit", `document.getElementById("result") !== null`)
	b.checkNumbers("tender breakeven", "#result .result", runCLI(t, "tender", "breakeven", "case:jakarta-bandung-2015", "--param", "host.shadow_price", "--min", "0", "--max", "3"))
	b.hasText("breakeven zh", "盈亏平衡点", "输入参数")
	b.finish("tender-breakeven-zh")

	// Tender evaluation with Monte Carlo runs, in English.
	b.open(ts.URL + "/tender/jakarta-bandung-2015/evaluate?lang=en")
	b.do("runs", chromedp.SetValue(chromedp.CSS("#t-runs"), "200"))
	b.fill("#t-seed", "7")
	b.submit("#tool-submit", `document.getElementById("result") !== null`)
	b.checkNumbers("tender evaluate --runs", "#result .result", runCLI(t, "tender", "evaluate", "case:jakarta-bandung-2015", "--runs", "200", "--seed", "7"))
	b.hasText("evaluate en", "Evaluation with Monte Carlo runs")
	b.finish("tender-evaluate-en")
}
