package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/infragame/infragame/cases"
	"github.com/infragame/infragame/contest"
	"github.com/infragame/infragame/internal/cli/fullcmd"
	"github.com/infragame/infragame/internal/testutil"
	"github.com/infragame/infragame/report/i18n"
)

// formTab is one browser tab that the analyses below share: each fills a
// page's form as a user would, submits it, waits for the result and reads
// the numbers the page shows.
type formTab struct {
	t        *testing.T
	ctx      context.Context
	problems func() []string
	seen     int
	out      string
	last     time.Time
}

func newFormTab(t *testing.T) *formTab {
	t.Helper()
	actx := testutil.Browser(t)
	ctx, problems, closeTab := testutil.Tab(t, actx, false)
	ctx, cancel := context.WithTimeout(ctx, 4*time.Minute)
	t.Cleanup(func() {
		cancel()
		closeTab()
	})
	return &formTab{t: t, ctx: ctx, problems: problems, out: outputDir(t), last: time.Now()}
}

// do runs browser actions; a failure ends the test.
func (b *formTab) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, actions...); err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
}

// open loads a page and waits until it is ready.
func (b *formTab) open(u string) {
	b.t.Helper()
	b.do("open "+u, chromedp.Navigate(u), chromedp.WaitReady(chromedp.CSS("footer")))
}

// submit clicks sel (a submit button or a link) and waits for the new
// page to be loaded with ready true on it.
func (b *formTab) submit(sel, ready string) {
	b.t.Helper()
	if _, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](`window.__before = true`)); err != nil {
		b.t.Fatalf("click %s: %v", sel, err)
	}
	b.do("click "+sel, chromedp.Click(chromedp.CSS(sel)))
	if err := waitFor(b.ctx, `window.__before === undefined && document.readyState === "complete" && document.querySelector("footer") !== null && (`+ready+`)`, 60*time.Second); err != nil {
		b.t.Fatalf("after clicking %s: %v", sel, err)
	}
}

// fill types value into the input sel as a user would: cleared, then typed.
func (b *formTab) fill(sel, value string) {
	b.t.Helper()
	b.do("fill "+sel, chromedp.Clear(chromedp.CSS(sel)), chromedp.SendKeys(chromedp.CSS(sel), value))
}

// eval evaluates a JavaScript expression.
func eval[T any](b *formTab, expr string) T {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		b.t.Fatalf("%s: %v", expr, err)
	}
	return v
}

// numbers returns the numbers shown inside sel: each element's exact value
// (data-value) and the text shown for it.
func (b *formTab) numbers(sel string) (exact, shown []string) {
	b.t.Helper()
	pairs := eval[[][]string](b, `Array.from(document.querySelectorAll(`+jsString(sel+" [data-value]")+`)).map(e => [e.dataset.value, e.textContent])`)
	for _, p := range pairs {
		exact, shown = append(exact, p[0]), append(shown, p[1])
	}
	return exact, shown
}

// cells returns the text of every table cell inside sel.
func (b *formTab) cells(sel string) []string {
	b.t.Helper()
	return eval[[]string](b, `Array.from(document.querySelectorAll(`+jsString(sel+" td")+`)).map(e => e.textContent.trim())`)
}

// checkNumbers compares the numbers shown inside sel with the numbers of
// the CLI's JSON document want (exact values, as multisets), and checks
// each is shown rounded for reading.
func (b *formTab) checkNumbers(what, sel, want string) {
	b.t.Helper()
	exact, shown := b.numbers(sel)
	w := jsonNumbers(b.t, want)
	if len(w) == 0 {
		b.t.Fatalf("%s: the CLI's document has no numbers:\n%.300s", what, want)
	}
	if d := sameNumbers(exact, w); d != "" {
		b.t.Errorf("%s: the page's numbers differ from the CLI's JSON: %s", what, d)
	}
	for i := range exact {
		if !roundedFrom(shown[i], exact[i]) || len(shown[i]) > 12 {
			b.t.Errorf("%s: %q shown for %s", what, shown[i], exact[i])
		}
	}
}

// hasText checks the page shows each of the labels (the Chinese ones on a
// Chinese page).
func (b *formTab) hasText(what string, labels ...string) {
	b.t.Helper()
	text := eval[string](b, `document.body.innerText`)
	for _, l := range labels {
		if !strings.Contains(text, l) {
			b.t.Errorf("%s: the page does not show %q", what, l)
		}
	}
}

// finish checks the page raised no console error, exception or CSP
// violation since the last check, and keeps a screenshot.
func (b *formTab) finish(name string) {
	b.t.Helper()
	probs := b.problems()
	for _, p := range probs[b.seen:] {
		b.t.Errorf("%s: %s", name, p)
	}
	b.seen = len(probs)
	shot, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(70))
	if err != nil {
		b.t.Errorf("%s: screenshot: %v", name, err)
		return
	}
	if err := os.WriteFile(filepath.Join(b.out, "form-"+name+".jpg"), shot, 0o644); err != nil {
		b.t.Fatal(err)
	}
	b.t.Logf("%s: %.1f s", name, time.Since(b.last).Seconds())
	b.last = time.Now()
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// cliReport runs `infragame report KIND ARGS --lang LANG -o FILE.html`
// in-process and returns the text of its table cells, in order.
func cliReport(t *testing.T, lang string, args ...string) []string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "report.html")
	args = append(append([]string{"--db", ":memory:", "--no-progress", "report"}, args...), "--lang", lang, "-o", out)
	var stdout, stderr bytes.Buffer
	if code := fullcmd.Main(t.Context(), args, strings.NewReader(""), &stdout, &stderr); code != 0 {
		t.Fatalf("infragame %s: exit %d: %s", strings.Join(args, " "), code, stderr.String())
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var cells []string
	for _, m := range tdRE.FindAllStringSubmatch(string(b), -1) {
		cells = append(cells, strings.TrimSpace(htmlText(m[1])))
	}
	return cells
}

// htmlText is the text of an HTML fragment.
func htmlText(s string) string { return html.UnescapeString(tagRE.ReplaceAllString(s, "")) }

var (
	tdRE  = regexp.MustCompile(`(?s)<td[^>]*>(.*?)</td>`)
	tagRE = regexp.MustCompile(`<[^>]*>`)
)

// sameCells reports the first difference between the cells a page shows
// and a report's ("" when equal).
func sameCells(got, want []string) string {
	if len(want) == 0 {
		return "the report has no table"
	}
	for i := range min(len(got), len(want)) {
		if got[i] != want[i] {
			return fmt.Sprintf("cell %d: %q shown, the CLI's report has %q", i, got[i], want[i])
		}
	}
	if len(got) != len(want) {
		return fmt.Sprintf("%d cells shown, the CLI's report has %d", len(got), len(want))
	}
	return ""
}

// abs returns the absolute path of a file of the repository.
func abs(t *testing.T, rel string) string {
	t.Helper()
	p, err := filepath.Abs(filepath.Join("..", rel))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestAnalysesInBrowser runs one analysis per page through its form in
// headless Chromium, as a user would (typing, choosing, uploading,
// clicking), and checks that the numbers shown equal the command line's
// --format json for the same inputs (run in-process): exact values in
// data-value, each shown rounded for reading. Chinese labels are checked
// on the pages run in Chinese; no page may log an error; a screenshot of
// each result is kept (form-*.jpg).
func TestAnalysesInBrowser(t *testing.T) {
	b := newFormTab(t)
	ts := newStoreServer(t) // the records in the store's order, as the CLI reads them

	// Finance, in Chinese: a loan typed into the form → grant element by
	// every method and the debt-service schedule.
	b.open(ts.URL + "/finance?lang=zh")
	for _, f := range [][2]string{{"principal", "250"}, {"currency", "JPY"}, {"rate_pct", "0.1"}, {"maturity_years", "40"},
		{"grace_years", "10"}, {"payments_per_year", "2"}, {"front_end_fee_pct", "0.2"}, {"discount_pct", ""}} {
		b.fill("#f-"+f[0], f[1])
	}
	b.do("choose", chromedp.SetValue(chromedp.CSS("#f-profile"), "annuity"), chromedp.SetValue(chromedp.CSS("#f-income_group"), "lmic"))
	b.submit("#loan-submit", `document.getElementById("loan-result") !== null`)
	loan := []string{"--principal", "250", "--currency", "JPY", "--rate", "0.1", "--maturity", "40", "--grace", "10",
		"--payments-per-year", "2", "--front-end-fee", "0.2", "--profile", "annuity"}
	b.checkNumbers("finance ge", "#ge-result", runCLI(t, append([]string{"finance", "ge", "--method", "all", "--income-group", "lmic"}, loan...)...))
	b.checkNumbers("finance schedule", "#schedule-result", runCLI(t, append([]string{"finance", "schedule"}, loan...)...))
	b.hasText("finance zh", "赠与成分", "还本付息", "收入组别", "计算")
	if n := eval[int](b, `document.querySelectorAll("#loan-result [data-drawn='1']").length`); n != 1 {
		t.Errorf("finance: the schedule chart is not drawn (%d)", n)
	}
	b.finish("finance-loan-zh")

	// The comparison of a dataset project's offers, with the host's
	// discount rate changed.
	b.do("choose project", chromedp.SetValue(chromedp.CSS("#compare-project"), "jakarta-bandung-hsr"))
	b.fill("#cmp-host_discount_pct", "8")
	b.submit("#compare-submit", `document.getElementById("compare-result") !== null`)
	b.checkNumbers("finance compare --project", "#compare-result",
		runCLI(t, "finance", "compare", "--project", "jakarta-bandung-hsr", "--host-discount", "8"))
	b.finish("finance-compare-zh")

	// A comparison file uploaded through the form.
	b.open(ts.URL + "/finance?lang=en")
	b.do("upload offers", chromedp.SetUploadFiles(chromedp.CSS("#offers-file"), []string{abs(t, "examples/finance/jakarta-bandung.yaml")}))
	b.fill(`#offers-form input[name="call_probability_pct"]`, "10")
	b.submit("#offers-submit", `document.getElementById("compare-result") !== null`)
	b.checkNumbers("finance compare FILE", "#compare-result",
		runCLI(t, "finance", "compare", "examples/finance/jakarta-bandung.yaml", "--call-probability", "10"))
	b.finish("finance-compare-file-en")

	// Tender: choose a library case from the list; the page's tables are
	// the CLI's report of the same case.
	b.open(ts.URL + "/tender?lang=zh")
	b.submit(`a[href^="/tender/jakarta-bandung-2015"]`, `location.pathname === "/tender/jakarta-bandung-2015"`)
	if d := sameCells(b.cells("main"), cliReport(t, "zh", "case", "case:jakarta-bandung-2015")); d != "" {
		t.Errorf("tender case: %s", d)
	}
	b.hasText("tender zh", "案例")
	b.finish("tender-case-zh")

	// A case file of one's own, uploaded through the form (a library case
	// written to a file, so no field name is spelt here).
	raw, err := cases.Raw("matarbari-sonadia-2015.yaml")
	if err != nil {
		t.Fatal(err)
	}
	caseFile := filepath.Join(t.TempDir(), "my-case.yaml")
	if err := os.WriteFile(caseFile, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	b.open(ts.URL + "/tender?lang=en")
	b.do("upload case", chromedp.SetUploadFiles(chromedp.CSS(`#upload-form input[type="file"]`), []string{caseFile}))
	b.submit("#upload-submit", `document.querySelectorAll("[data-drawn='1']").length > 0`)
	if d := sameCells(b.cells("main"), cliReport(t, "en", "case", caseFile)); d != "" {
		t.Errorf("tender upload: %s", d)
	}
	b.finish("tender-upload-en")

	// Contest, in Chinese: choose a case, change the host's power, the
	// map's grid and ask for the verification.
	b.open(ts.URL + "/contest?lang=zh")
	b.submit(`a[href^="/contest/jakarta-bandung-2015"]`, `document.getElementById("contest-form") !== null`)
	b.fill("#c-host_power_pct", "30")
	b.fill("#c-synergies", "0,5,10")
	b.fill("#c-powers", "0,50,100")
	b.do("verify", chromedp.Click(chromedp.CSS("#c-verify")))
	b.submit("#contest-submit", `location.search.includes("host_power_pct=30") && document.querySelectorAll("[data-drawn='1']").length === 1`)
	b.checkNumbers("contest analyze", "#result .result",
		runCLI(t, "contest", "analyze", "case:jakarta-bandung-2015", "--host-power", "30", "--verify"))
	// The map: one heat-map cell per grid point, each the CLI's gain and
	// verdict.
	var cells []struct {
		Gain    float64 `json:"exporters_gain"`
		Verdict string  `json:"verdict"`
	}
	if err := json.Unmarshal([]byte(runCLI(t, "contest", "map", "case:jakarta-bandung-2015", "--synergies", "0,5,10", "--powers", "0,50,100")), &cells); err != nil {
		t.Fatal(err)
	}
	shownMap := eval[[]struct {
		Name  string    `json:"name"`
		Value []float64 `json:"value"`
	}](b, `JSON.parse(document.querySelector("#result [data-echarts]").dataset.echarts).series[0].data`)
	if len(shownMap) != len(cells) || len(cells) != 9 {
		t.Errorf("contest map: %d cells shown, the CLI has %d", len(shownMap), len(cells))
	}
	verdict := map[string]string{contest.VerdictAllGain: "contestmap.allgain", contest.VerdictHostLoses: "contestmap.hostloses", contest.VerdictCompete: "contestmap.compete"}
	for i := range min(len(shownMap), len(cells)) {
		if v := shownMap[i].Value; len(v) != 3 || v[2] != cells[i].Gain {
			t.Errorf("contest map cell %d: %v shown, the CLI has gain %v", i, v, cells[i].Gain)
		}
		if want := i18n.ZH.T(verdict[cells[i].Verdict]); shownMap[i].Name != want {
			t.Errorf("contest map cell %d: verdict %q shown, the CLI's is %q (%s)", i, shownMap[i].Name, cells[i].Verdict, want)
		}
	}
	b.hasText("contest zh", "东道国议价能力", "合作在何处有利", "验证")
	b.finish("contest-case-zh")

	// Game, in Chinese: paste a .nfg and pick the method.
	b.open(ts.URL + "/game?lang=zh")
	b.do("paste game", chromedp.SetValue(chromedp.CSS("#engine-input"), exampleFile("game/bos.nfg")),
		chromedp.SetValue(chromedp.CSS(`#engine-form select[name="method"]`), "enummixed"))
	b.submit("#engine-submit", `document.getElementById("result") !== null`)
	want := runCLI(t, "game", "solve", "examples/game/bos.nfg", "--method", "enummixed")
	b.checkNumbers("game solve", "#result", want)
	for _, exact := range []string{"2/3", "1/3"} {
		if !strings.Contains(eval[string](b, `document.getElementById("result").innerText`), exact) || !strings.Contains(want, exact) {
			t.Errorf("game: the exact equilibrium %s is not shown", exact)
		}
	}
	b.hasText("game zh", "求解方法", "结果")
	b.finish("game-zh")

	// Game: upload an .efg through the upload form.
	b.open(ts.URL + "/game?lang=en")
	b.do("upload game", chromedp.SetUploadFiles(chromedp.CSS(`#upload-form input[name="game"]`), []string{abs(t, "examples/game/entry.efg")}))
	b.submit("#upload-submit", `document.getElementById("result") !== null`)
	b.checkNumbers("game solve FILE.efg", "#result", runCLI(t, "game", "solve", "examples/game/entry.efg"))
	b.finish("game-upload-en")

	// Auction: choose an example spec, ask for the verification.
	b.open(ts.URL + "/auction?lang=en")
	eval[bool](b, `!!(Array.from(document.querySelectorAll("#examples a")).find(a => a.textContent === "issue.yaml").id = "example-issue")`)
	b.submit("#example-issue", `document.getElementById("result") !== null`)
	b.do("verify", chromedp.SetValue(chromedp.CSS(`#engine-form select[name="verify"]`), "true"))
	b.submit("#engine-submit", `location.search.includes("verify=true") && document.getElementById("result") !== null`)
	b.checkNumbers("auction solve --verify", "#result .result", runCLI(t, "auction", "solve", "examples/auction/issue.yaml", "--verify"))
	if n := eval[int](b, `document.querySelectorAll("#result [data-drawn='1']").length`); n != 1 {
		t.Errorf("auction: the bid chart is not drawn (%d)", n)
	}
	b.finish("auction-verify-en")

	// Coop, in Chinese: upload a game file.
	b.open(ts.URL + "/coop?lang=zh")
	b.do("upload coop", chromedp.SetUploadFiles(chromedp.CSS(`#upload-form input[name="spec"]`), []string{abs(t, "examples/coop/consortium.yaml")}))
	b.submit("#upload-submit", `document.getElementById("result") !== null`)
	b.checkNumbers("coop solve", "#result", runCLI(t, "coop", "solve", "examples/coop/consortium.yaml"))
	b.hasText("coop zh", "结果", "上传")
	b.finish("coop-upload-zh")

	// Overview, in Chinese: no form; its tables are the CLI's brief.
	b.open(ts.URL + "/?lang=zh")
	if d := sameCells(b.cells("main"), cliReport(t, "zh", "brief")); d != "" {
		t.Errorf("overview: %s", d)
	}
	b.hasText("overview zh", "概览")
	b.finish("overview-zh")
	t.Logf("screenshots in %s", b.out)
}

// heatCells returns the cells of the first heat map inside sel as ECharts
// draws them: each cell's label (name) and [x index, y index, value].
func heatCells(b *formTab, sel string) []struct {
	Name  string    `json:"name"`
	Value []float64 `json:"value"`
} {
	b.t.Helper()
	return eval[[]struct {
		Name  string    `json:"name"`
		Value []float64 `json:"value"`
	}](b, `JSON.parse(document.querySelector(`+jsString(sel+" [data-echarts]")+`).dataset.echarts).series[0].data`)
}

// TestMapFormsInBrowser drives the forms of the who-wins map, the pasted
// payoff matrix and the grant-element surface in headless Chromium, and
// checks the numbers shown (tables and heat-map cells) against the command
// line's --format json for the same inputs.
func TestMapFormsInBrowser(t *testing.T) {
	b := newFormTab(t)
	ts := newStoreServer(t)

	// Tender, in Chinese: from the case's page to its map; choose the axes
	// and the grid.
	b.open(ts.URL + "/tender/jakarta-bandung-2015?lang=zh")
	b.submit(`a[href^="/tender/jakarta-bandung-2015/map"]`, `document.getElementById("map-form") !== null`)
	b.do("choose axes", chromedp.SetValue(chromedp.CSS("#m-x"), "offers.japan.capex"), chromedp.SetValue(chromedp.CSS("#m-y"), "host.discount_rate"))
	b.fill("#m-nx", "5")
	b.fill("#m-ny", "4")
	b.fill("#m-ymin", "0")
	b.fill("#m-ymax", "0.1")
	b.submit("#map-submit", `location.search.includes("nx=5") && document.querySelectorAll("#result [data-drawn='1']").length === 1`)
	want := runCLI(t, "tender", "map", "case:jakarta-bandung-2015", "--x", "offers.japan.capex", "--y", "host.discount_rate", "--nx", "5", "--ny", "4", "--ymin", "0", "--ymax", "0.1")
	b.checkNumbers("tender map", "#result .result", want)
	var mp struct {
		Winner [][]string  `json:"winner"`
		Margin [][]float64 `json:"margin"`
	}
	if err := json.Unmarshal([]byte(want), &mp); err != nil {
		t.Fatal(err)
	}
	cells := heatCells(b, "#result")
	if len(cells) != 20 {
		t.Errorf("tender map: %d heat-map cells, want 5 × 4", len(cells))
	}
	for _, c := range cells {
		if len(c.Value) != 3 {
			t.Fatalf("tender map: cell %v", c)
		}
		i, j := int(c.Value[0]), int(c.Value[1])
		if c.Value[2] != mp.Margin[j][i] || c.Name != mp.Winner[j][i] {
			t.Errorf("tender map cell (%d, %d): %v %q shown, the CLI has %v %q", i, j, c.Value[2], c.Name, mp.Margin[j][i], mp.Winner[j][i])
		}
	}
	b.hasText("tender map zh", "谁在何处中标", "横轴：输入")
	b.finish("tender-map-zh")

	// A case file of one's own uploaded to the map form.
	raw, err := cases.Raw("matarbari-sonadia-2015.yaml")
	if err != nil {
		t.Fatal(err)
	}
	caseFile := filepath.Join(t.TempDir(), "my-case.yaml")
	if err := os.WriteFile(caseFile, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	b.open(ts.URL + "/tender/jakarta-bandung-2015/map?lang=en")
	b.do("upload case", chromedp.SetUploadFiles(chromedp.CSS("#map-file"), []string{caseFile}))
	b.fill("#mu-nx", "3")
	b.fill("#mu-ny", "3")
	b.submit("#map-upload-submit", `document.querySelectorAll("#result [data-drawn='1']").length === 1`)
	b.checkNumbers("tender map FILE", "#result .result",
		runCLI(t, "tender", "map", caseFile, "--x", "host.shadow_price", "--y", "host.discount_rate", "--nx", "3", "--ny", "3"))
	b.finish("tender-map-upload-en")

	// Game, in Chinese: a payoff matrix typed into the form (not a file),
	// solved by Lemke–Howson; the game shown downloads as the .nfg file of
	// `game convert --to nfg`.
	b.open(ts.URL + "/game?lang=zh")
	matrix := exampleFile("game/bos-matrix.txt")
	b.do("type matrix", chromedp.SendKeys(chromedp.CSS("#engine-input"), matrix),
		chromedp.SetValue(chromedp.CSS(`#engine-form select[name="method"]`), "lcp"))
	b.submit("#engine-submit", `document.getElementById("result") !== null`)
	b.checkNumbers("game solve MATRIX", "#result .result", runCLI(t, "game", "solve", "examples/game/bos-matrix.txt", "--method", "lcp"))
	// The form's own fields, posted as the button would (a download is
	// not a page Chromium shows).
	nfgText, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](`(async () => { const r = await fetch("/api/v1/game/convert", {method: "POST", body: new FormData(document.getElementById("download-form"))}); return r.status + " " + await r.text(); })()`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	if want := cliText(t, "game", "convert", "examples/game/bos-matrix.txt", "--to", "nfg"); nfgText != "200 "+want {
		t.Errorf("download .nfg: %q, the CLI writes %q", nfgText, want)
	}
	b.hasText("game matrix zh", "下载 .nfg", "求解方法")
	b.finish("game-matrix-zh")

	// Finance: from the loan page to the grant-element surface; AidData's
	// method over maturity at five years' grace (cells where grace is not
	// shorter than maturity are empty).
	b.open(ts.URL + "/finance?lang=en")
	b.submit("#surface-link", `document.getElementById("surface-form") !== null && document.querySelectorAll("[data-drawn='1']").length === 1`)
	b.do("choose", chromedp.SetValue(chromedp.CSS("#s-method"), "aiddata"), chromedp.SetValue(chromedp.CSS("#s-axis"), "maturity"))
	b.fill("#s-rates", "0:4:1")
	b.fill("#s-y", "0:40:5")
	b.fill("#s-grace_years", "5")
	b.submit("#surface-submit", `location.search.includes("method=aiddata") && document.querySelectorAll("#result [data-drawn='1']").length === 1`)
	want = runCLI(t, "finance", "surface", "--method", "aiddata", "--rates", "0:4:1", "--axis", "maturity", "--y", "0:40:5", "--grace", "5")
	b.checkNumbers("finance surface", "#result .result", want)
	var surf struct {
		Cells []struct {
			GE *float64 `json:"grant_element_pct"`
		} `json:"cells"`
	}
	if err := json.Unmarshal([]byte(want), &surf); err != nil {
		t.Fatal(err)
	}
	heat := heatCells(b, "#result")
	if len(heat) != len(surf.Cells) || len(heat) != 5*9 {
		t.Errorf("surface: %d heat-map cells, the CLI has %d", len(heat), len(surf.Cells))
	}
	for k := range min(len(heat), len(surf.Cells)) {
		c, ge := heat[k], surf.Cells[k].GE
		if len(c.Value) != 3 || int(c.Value[0]) != k%5 || int(c.Value[1]) != k/5 || (ge != nil && c.Value[2] != *ge) || (ge == nil && c.Value[2] != 0) {
			t.Errorf("surface cell %d: %v shown, the CLI has %v", k, c.Value, ge)
		}
	}
	b.finish("finance-surface-en")

	// Life-cycle cost, in Chinese: pick a shipped study, then ask for 200
	// Monte Carlo runs.
	b.open(ts.URL + "/lcc?lang=zh")
	eval[bool](b, `!!(Array.from(document.querySelectorAll("#examples a")).find(a => a.textContent === "hsr_two_offers.yaml").id = "example-hsr")`)
	b.submit("#example-hsr", `document.querySelectorAll("#result [data-drawn='1']").length === 1`)
	b.checkNumbers("lcc run", "#result .result", runCLI(t, "lcc", "run", "examples/lcc/hsr_two_offers.yaml"))
	b.do("runs", chromedp.SetValue(chromedp.CSS(`#engine-form select[name="runs"]`), "200"))
	b.submit("#engine-submit", `location.search.includes("runs=200") && document.querySelectorAll("#result [data-drawn='1']").length === 1`)
	b.checkNumbers("lcc run --runs 200", "#result .result", runCLI(t, "lcc", "run", "examples/lcc/hsr_two_offers.yaml", "--runs", "200"))
	b.hasText("lcc zh", "全寿命周期成本", "蒙特卡洛次数")
	b.finish("lcc-runs-zh")

	// The backtest, from the case library's link.
	b.open(ts.URL + "/tender?lang=en")
	b.submit(`a[href^="/tender/backtest"]`, `location.pathname === "/tender/backtest"`)
	b.checkNumbers("tender backtest", "#result .result", runCLI(t, "tender", "backtest"))
	b.finish("tender-backtest-en")

	// The dataset's summary, in Chinese, from the explorer's link.
	b.open(ts.URL + "/data?lang=zh")
	b.submit("#summary-link", `location.pathname === "/data/summary"`)
	// The series hold amounts in currency units (3.2e12 yen), shown whole:
	// only the exact values are compared here.
	if exact, _ := b.numbers("#result .result"); sameNumbers(exact, jsonNumbers(t, runCLI(t, "data", "summary"))) != "" {
		t.Errorf("data summary: %s", sameNumbers(exact, jsonNumbers(t, runCLI(t, "data", "summary"))))
	}
	b.hasText("data summary zh", "概要")
	b.finish("data-summary-zh")
}
