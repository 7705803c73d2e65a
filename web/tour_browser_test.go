package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/infragame/infragame/internal/testutil"
	"github.com/infragame/infragame/report/i18n"
)

// tourTab is one Chromium tab that every form of TestTourInBrowser shares
// (one browser start for the whole test); run gives each form a subtest
// of its own, so one failing form does not hide the others.
type tourTab struct {
	formTab
}

func newTourTab(t *testing.T, budget time.Duration) *tourTab {
	t.Helper()
	actx := testutil.Browser(t)
	ctx, problems, closeTab := testutil.Tab(t, actx, false)
	ctx, cancel := context.WithTimeout(ctx, budget)
	t.Cleanup(func() {
		cancel()
		closeTab()
	})
	return &tourTab{formTab{t: t, ctx: ctx, problems: problems, out: outputDir(t), last: time.Now()}}
}

// run runs f as the subtest name on the shared tab; a console error, an
// exception or a CSP violation that the subtest's finish did not report
// (it stopped before) is reported here.
func (b *tourTab) run(t *testing.T, name string, f func(b *formTab)) {
	t.Run(name, func(t *testing.T) {
		sub := b.formTab
		sub.t = t
		sub.seen = len(b.problems())
		sub.last = time.Now()
		defer func() {
			probs := b.problems()
			for _, p := range probs[sub.seen:] {
				t.Errorf("%s: %s", name, p)
			}
			b.seen = len(probs)
		}()
		f(&sub)
	})
}

// langs are the page languages each form is run in.
var langs = []i18n.Lang{i18n.EN, i18n.ZH}

// followJob waits for the job page that a form opened: it must first be
// shown running and then be reloaded by the page's own script when the
// job's server-sent events end (nothing else reloads it); the progress
// shown meanwhile is returned. A short job may already have ended and the
// page reloaded itself done before this first looks: that is an error only
// when mustRun says the job is long enough to be followed (the sim run of
// 400 runs); otherwise the done page is taken as it is.
func followJob(b *formTab, what string, mustRun bool) []string {
	b.t.Helper()
	// The state is read and the page marked in one evaluation: marked in
	// a second one, a job that ended in between has had its page reloaded
	// done, the mark lands on the new page and never goes away (seen once
	// under load: "not reloaded done within 3 minutes, progress seen
	// [320/320]").
	state := eval[string](b, `(function () { var s = document.getElementById("job").dataset.state; if (s === "running") window.__following = true; return s; })()`)
	if state == "done" && !mustRun {
		b.t.Logf("%s: the job had ended before the page was followed", what)
		return nil
	}
	if state != "running" {
		b.t.Fatalf("%s: the job page opened %q, not running: too few runs to see the progress", what, state)
	}
	var seen []string
	deadline := time.Now().Add(3 * time.Minute)
	for {
		v, err := chromedp.Run(b.ctx, chromedp.Evaluate[[]string](`[String(window.__following), document.readyState, (document.getElementById("job") || {dataset: {}}).dataset.state || "", (document.getElementById("job-count") || {}).textContent || ""]`))
		if err == nil {
			if v[3] != "" && (len(seen) == 0 || seen[len(seen)-1] != v[3]) {
				seen = append(seen, v[3])
			}
			if v[0] == "undefined" && v[1] == "complete" && v[2] != "running" && v[2] != "" {
				if v[2] != "done" {
					b.t.Fatalf("%s: job %s", what, v[2])
				}
				return seen
			}
		}
		if time.Now().After(deadline) {
			b.t.Fatalf("%s: the job page was not reloaded done within 3 minutes (progress seen %v)", what, seen)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// checkCells compares the table cells shown inside sel with those of the
// CLI's report.
func (b *formTab) checkCells(what, sel string, want []string) {
	b.t.Helper()
	if d := sameCells(b.cells(sel), want); d != "" {
		b.t.Errorf("%s: %s", what, d)
	}
}

// labels are the texts of the catalogue keys in language l.
func labels(l i18n.Lang, keys ...string) []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = l.T(k)
	}
	return out
}

// TestTourInBrowser runs in headless Chromium, in English and in Chinese,
// the forms of the README tour that no other browser test runs: the market
// simulation (a run followed live by server-sent events, a comparison, a
// calibration, a scenario checked), a sweep (its design, its run as a job,
// its analysis), the tender's break-even at a target probability, its
// Monte Carlo evaluation and the backtest of uploaded case files, an
// auction bid, the game tools (random, dominance, check, a case's offer
// game) in the language their other test does not use, and the loan form's
// grant element by one method and the life-cycle-cost study's seed. Each
// form's numbers (data-value) are the CLI's --format json for the same
// inputs, or its tables the cells of the CLI's report; labels are in the
// page's language; no console error, exception or CSP violation; a
// screenshot of each (form-tour-*.jpg).
func TestTourInBrowser(t *testing.T) {
	start := time.Now()
	tab := newTourTab(t, 15*time.Minute)
	ts := newStoreServer(t)
	defer func() { t.Logf("TestTourInBrowser: %.1f s; screenshots in %s", time.Since(start).Seconds(), tab.out) }()

	for _, l := range langs {
		tab.run(t, "sim-run-"+string(l), func(b *formTab) {
			// 400 runs keep the job running long enough to be followed
			// (about a second of work on one core for 200, README).
			scenario := map[i18n.Lang]string{i18n.EN: "japan-tiers-pqi", i18n.ZH: "baseline"}[l]
			b.open(ts.URL + "/sim?lang=" + string(l))
			b.do("choose", chromedp.SetValue(chromedp.CSS("#sim-scenario"), scenario))
			b.fill("#sim-runs", "400")
			b.fill(`#sim-form input[name="seed"]`, "3")
			b.submit("#sim-submit", `document.getElementById("job") !== null`)
			progress := followJob(b, "sim run", true)
			b.t.Logf("progress shown: %v", progress)
			if err := waitFor(b.ctx, `document.querySelectorAll("[data-echarts]").length > 0 && document.querySelectorAll("[data-echarts]").length === document.querySelectorAll("[data-drawn='1']").length`, 20*time.Second); err != nil {
				b.t.Errorf("charts: %v", err)
			}
			if !strings.Contains(eval[string](b, `location.search`), "scenario="+scenario) {
				b.t.Errorf("the job's link lost the scenario: %s", eval[string](b, `location.search`))
			}
			b.checkCells("sim run", "main", cliReport(b.t, string(l), "sim", scenario, "--runs", "400", "--seed", "3"))
			b.hasText("sim "+string(l), labels(l, "web.sim.progress", "web.sim.state.done", "web.simcompare.title")...)
			b.finish("tour-sim-run-" + string(l))
		})
		tab.run(t, "sim-compare-"+string(l), func(b *formTab) {
			b.open(ts.URL + "/sim?lang=" + string(l))
			b.do("choose", chromedp.SetValue(chromedp.CSS("#compare-a"), "baseline"), chromedp.SetValue(chromedp.CSS("#compare-b"), "japan-tiers-pqi"))
			b.fill(`#compare-form input[name="runs"]`, "60")
			b.fill(`#compare-form input[name="seed"]`, "5")
			b.submit("#compare-submit", `document.getElementById("job") !== null`)
			followJob(b, "sim compare", false)
			b.checkNumbers("sim compare", "#result", runCLI(b.t, "sim", "compare", "baseline", "japan-tiers-pqi", "--runs", "60", "--seed", "5"))
			b.hasText("compare "+string(l), labels(l, "web.simcompare.title", "web.sim.state.done")...)
			b.finish("tour-sim-compare-" + string(l))
		})
		tab.run(t, "sim-calibrate-"+string(l), func(b *formTab) {
			b.open(ts.URL + "/sim?lang=" + string(l))
			b.fill(`#calibrate-form input[name="runs"]`, "40")
			b.submit("#calibrate-submit", `document.getElementById("job") !== null`)
			followJob(b, "sim calibrate", false)
			b.checkNumbers("sim calibrate", "#result", runCLI(b.t, "sim", "calibrate", "--runs", "40", "--seed", "1"))
			b.hasText("calibrate "+string(l), labels(l, "web.simcalibrate.title")...)
			b.finish("tour-sim-calibrate-" + string(l))
		})
		tab.run(t, "sim-validate-"+string(l), func(b *formTab) {
			// From /sim's link; a scenario file uploaded (README: sim
			// validate market/scenarios/price-war.yaml).
			b.open(ts.URL + "/sim?lang=" + string(l))
			b.submit(`#sim-tools a[href^="/sim/validate"]`, `document.getElementById("upload-form") !== null`)
			file := abs(b.t, "market/scenarios/price-war.yaml")
			b.do("upload", chromedp.SetUploadFiles(chromedp.CSS(`#upload-form input[type="file"]`), []string{file}))
			b.submit("#upload-submit", `document.getElementById("result") !== null`)
			text, err := os.ReadFile(file)
			if err != nil {
				b.t.Fatal(err)
			}
			_, _, doc := postJSON(b.t, ts, "/api/v1/sim/validate", map[string]any{"scenario": string(text)})
			var v struct {
				Scenario string `json:"scenario"`
			}
			_ = json.Unmarshal([]byte(doc), &v)
			code, out := simValidateCLI(b.t, file)
			if code != 0 || !out.Valid || out.Name != v.Scenario {
				b.t.Fatalf("sim validate: exit %d, %+v, the page's scenario %q", code, out, v.Scenario)
			}
			b.checkNumbers("sim validate", "#result", doc)
			b.hasText("validate "+string(l), append(labels(l, "web.simvalidate.title"), v.Scenario)...)
			b.finish("tour-sim-validate-" + string(l))
		})
		tab.run(t, "sweep-"+string(l), func(b *formTab) {
			// English: the shipped hsr_morris example picked; Chinese: the
			// Ishigami spec pasted with 64 base points, 64·(3+2) = 320
			// points (docs/sweeps.md, saltelli), to keep the run short.
			b.open(ts.URL + "/sweep?lang=" + string(l))
			spec := filepath.Join(b.t.TempDir(), "spec.yaml")
			if l == i18n.EN {
				eval[bool](b, `!!(Array.from(document.querySelectorAll("#examples a")).find(a => a.textContent === "hsr_morris").id = "example-hsr")`)
				b.submit("#example-hsr", `document.getElementById("sweep-spec").value !== ""`)
				spec = abs(b.t, "examples/sweep/hsr_morris.yaml")
			} else {
				text := strings.Replace(exampleFile("sweep/ishigami.yaml"), "points: 4096", "points: 64", 1)
				if err := os.WriteFile(spec, []byte(text), 0o644); err != nil {
					b.t.Fatal(err)
				}
				b.do("paste", chromedp.SetValue(chromedp.CSS("#sweep-spec"), text))
			}
			b.submit("#sweep-design", `document.getElementById("design") !== null`)
			var d struct {
				Points int `json:"points"`
				Plan   []struct {
					Values map[string]json.Number `json:"values"`
				} `json:"plan"`
			}
			if err := json.Unmarshal([]byte(runCLI(b.t, "sweep", "design", spec)), &d); err != nil {
				b.t.Fatal(err)
			}
			exact, _ := b.numbers("#design")
			want := []string{fmt.Sprint(d.Points)}
			for _, p := range d.Plan[:min(20, len(d.Plan))] {
				for _, v := range p.Values {
					want = append(want, v.String())
				}
			}
			if diff := sameNumbers(exact, want); diff != "" || len(exact) == 0 || exact[0] != want[0] {
				b.t.Errorf("sweep design: %s (points %v, the CLI's %d)", diff, exact[:min(1, len(exact))], d.Points)
			}
			b.finish("tour-sweep-design-" + string(l))
			b.submit("#sweep-run", `document.getElementById("job") !== null`)
			followJob(b, "sweep run", false)
			if err := waitFor(b.ctx, `document.querySelectorAll("[data-echarts]").length > 0 && document.querySelectorAll("[data-echarts]").length === document.querySelectorAll("[data-drawn='1']").length`, 20*time.Second); err != nil {
				b.t.Errorf("tornado charts: %v", err)
			}
			dir := b.t.TempDir()
			runCLIFiles(b.t, "sweep", "run", spec, "--out", filepath.Join(dir, "s"))
			res := filepath.Join(dir, "r.csv")
			runCLIFiles(b.t, "sweep", "merge", filepath.Join(dir, "s"), "-o", res)
			// The analysis is the report's tables, before the design's.
			shown := eval[[]string](b, `Array.from(document.querySelectorAll("main td")).filter(e => !e.closest("#design")).map(e => e.textContent.trim())`)
			if diff := sameCells(shown, cliReport(b.t, string(l), "sweep", res)); diff != "" {
				b.t.Errorf("sweep analysis: %s", diff)
			}
			rows := b.fetchText(`document.getElementById("sweep-rows-csv").href`)
			if want, err := os.ReadFile(res); err != nil || strings.Count(rows, "\n") != strings.Count(string(want), "\n") {
				b.t.Errorf("rows: %d lines, sweep merge writes %d (%v)", strings.Count(rows, "\n"), strings.Count(string(want), "\n"), err)
			}
			b.hasText("sweep "+string(l), labels(l, "web.sweep.rows_csv", "web.sweep.design", "web.sim.state.done")...)
			b.finish("tour-sweep-run-" + string(l))
		})
		tab.run(t, "tender-target-prob-"+string(l), func(b *formTab) {
			b.open(ts.URL + "/tender/jakarta-bandung-2015/breakeven?lang=" + string(l))
			b.do("choose", chromedp.SetValue(chromedp.CSS("#t-param"), "offers.japan.capex"), chromedp.SetValue(chromedp.CSS("#t-offer"), "japan"))
			b.fill("#t-min", "")
			b.fill("#t-max", "")
			b.fill("#t-target_prob", "0.5")
			b.submit("#tool-submit", `document.getElementById("result") !== null`)
			b.checkNumbers("tender breakeven --target-prob", "#result .result", runCLI(b.t, "tender", "breakeven", "case:jakarta-bandung-2015", "--param", "offers.japan.capex", "--target-prob", "0.5", "--offer", "japan"))
			b.hasText("breakeven "+string(l), labels(l, "web.breakeven.title", "web.breakeven.offer")...)
			b.finish("tour-tender-target-prob-" + string(l))
		})
		tab.run(t, "tender-breakeven-param-"+string(l), func(b *formTab) {
			// Any parameter of the case: a rate in percent.
			b.open(ts.URL + "/tender/jakarta-bandung-2015/breakeven?lang=" + string(l))
			b.do("choose", chromedp.SetValue(chromedp.CSS("#t-param"), "offers.japan.loan.rate_pct"))
			b.fill("#t-min", "0")
			b.fill("#t-max", "3")
			b.submit("#tool-submit", `document.getElementById("result") !== null`)
			b.checkNumbers("tender breakeven rate_pct", "#result .result", runCLI(b.t, "tender", "breakeven", "case:jakarta-bandung-2015", "--param", "offers.japan.loan.rate_pct", "--min", "0", "--max", "3"))
			b.finish("tour-tender-breakeven-" + string(l))
		})
		tab.run(t, "tender-monte-carlo-"+string(l), func(b *formTab) {
			b.open(ts.URL + "/tender/jakarta-bandung-2015/evaluate?lang=" + string(l))
			b.do("runs", chromedp.SetValue(chromedp.CSS("#t-runs"), "1000"))
			b.fill("#t-seed", "11")
			b.submit("#tool-submit", `document.getElementById("result") !== null`)
			b.checkNumbers("tender evaluate --runs", "#result .result", runCLI(b.t, "tender", "evaluate", "case:jakarta-bandung-2015", "--runs", "1000", "--seed", "11"))
			b.hasText("evaluate "+string(l), labels(l, "web.evaluate.title", "web.lcc.runs")...)
			b.finish("tour-tender-evaluate-" + string(l))
		})
		tab.run(t, "backtest-upload-"+string(l), func(b *formTab) {
			// README: tender backtest cases/ --only, with two case files.
			files := []string{abs(b.t, "cases/jakarta-bandung-2015.yaml"), abs(b.t, "cases/mumbai-ahmedabad-2015.yaml")}
			b.open(ts.URL + "/tender?lang=" + string(l))
			b.submit(`a[href^="/tender/backtest"]`, `document.getElementById("backtest-form") !== null`)
			b.do("upload", chromedp.SetUploadFiles(chromedp.CSS(`#backtest-form input[name="case"]`), files), chromedp.Click(chromedp.CSS("#backtest-only")))
			b.submit("#backtest-submit", `document.getElementById("result") !== null`)
			b.checkNumbers("tender backtest FILES --only", "#result .result", runCLI(b.t, "tender", "backtest", files[0], files[1], "--only"))
			b.hasText("backtest "+string(l), labels(l, "web.backtest.only")...)
			b.finish("tour-backtest-upload-" + string(l))
		})
		tab.run(t, "auction-bid-"+string(l), func(b *formTab) {
			b.open(ts.URL + "/auction?lang=" + string(l))
			b.do("paste", chromedp.SetValue(chromedp.CSS("#engine-input"), exampleFile("auction/issue.yaml")),
				chromedp.SetValue(chromedp.CSS(`#engine-form select[name="command"]`), "bid"))
			b.fill(`#engine-form input[name="bidder"]`, "weak")
			b.fill(`#engine-form input[name="type"]`, "0.8")
			b.submit("#engine-submit", `document.getElementById("result") !== null`)
			b.checkNumbers("auction bid", "#result .result", runCLI(b.t, "auction", "bid", "examples/auction/issue.yaml", "weak", "0.8"))
			b.hasText("auction bid "+string(l), labels(l, "web.auction.bidder", "web.auction.type")...)
			b.finish("tour-auction-bid-" + string(l))
		})
		tab.run(t, "game-random-"+string(l), func(b *formTab) {
			b.open(ts.URL + "/game/random?lang=" + string(l))
			b.fill("#t-strategies", "8x8")
			b.fill("#t-seed", "42")
			b.submit("#tool-submit", `document.getElementById("game-file") !== null`)
			file := runCLI(b.t, "game", "random", "--strategies", "8x8", "--seed", "42", "--format", "table")
			if got := eval[string](b, `document.getElementById("game-file").textContent`); got != file {
				b.t.Errorf("random game: the page shows another file than game random")
			}
			b.do("method", chromedp.SetValue(chromedp.CSS(`#solve-form select[name="method"]`), "lcp"))
			b.submit("#solve-game", `document.getElementById("result") !== null`)
			g := filepath.Join(b.t.TempDir(), "g.nfg")
			if err := os.WriteFile(g, []byte(file), 0o644); err != nil {
				b.t.Fatal(err)
			}
			b.checkNumbers("random game solved", "#result .result", runCLI(b.t, "game", "solve", g, "--method", "lcp"))
			b.hasText("random "+string(l), labels(l, "web.game.methodlabel")...)
			b.finish("tour-game-random-" + string(l))
		})
		tab.run(t, "game-dominance-"+string(l), func(b *formTab) {
			b.open(ts.URL + "/game/dominance?lang=" + string(l))
			b.do("paste", chromedp.SetValue(chromedp.CSS("#engine-input"), exampleFile("game/deg.nfg")),
				chromedp.SetValue(chromedp.CSS(`#engine-form select[name="pure"]`), "true"))
			b.submit("#engine-submit", `document.getElementById("result") !== null`)
			b.checkNumbers("dominance --pure", "#result .result", runCLI(b.t, "game", "dominance", "examples/game/deg.nfg", "--pure"))
			b.hasText("dominance "+string(l), labels(l, "web.gamedominance.title", "web.gamedominance.pure")...)
			b.finish("tour-game-dominance-" + string(l))
		})
		tab.run(t, "game-check-"+string(l), func(b *formTab) {
			// README: game check g.nfg PROFILE on the 8×8 random game.
			g := runCLI(b.t, "game", "random", "--strategies", "8x8", "--seed", "42", "--format", "table")
			file := filepath.Join(b.t.TempDir(), "g.nfg")
			if err := os.WriteFile(file, []byte(g), 0o644); err != nil {
				b.t.Fatal(err)
			}
			profile := "1/2,1/2,0,0,0,0,0,0,1,0,0,0,0,0,0,0"
			b.open(ts.URL + "/game/check?lang=" + string(l))
			b.do("upload", chromedp.SetUploadFiles(chromedp.CSS(`#upload-form input[name="game"]`), []string{file}))
			b.fill("#upload-profile", profile)
			b.submit("#upload-submit", `document.getElementById("result") !== null`)
			b.checkNumbers("game check", "#result .result", runCLI(b.t, "game", "check", file, profile))
			b.hasText("check "+string(l), labels(l, "web.gamecheck.title", "web.gamecheck.profile")...)
			b.finish("tour-game-check-" + string(l))
		})
		tab.run(t, "game-from-case-"+string(l), func(b *formTab) {
			b.open(ts.URL + "/game/from-case?lang=" + string(l))
			b.do("choose", chromedp.SetValue(chromedp.CSS("#t-case"), "jakarta-bandung-2015"), chromedp.SetValue(chromedp.CSS("#t-form"), "nfg"))
			b.fill("#t-markups", "0,10")
			b.submit("#tool-submit", `document.getElementById("game-file") !== null`)
			b.checkNumbers("from-case", "#result .result", runCLI(b.t, "game", "from-case", "case:jakarta-bandung-2015", "--markups", "0,10"))
			nfg := runCLI(b.t, "game", "from-case", "case:jakarta-bandung-2015", "--markups", "0,10", "--format", "table")
			if got := b.fetchText(`document.getElementById("download-game").href`); got != nfg {
				b.t.Errorf("from-case: the .nfg download differs from the CLI's file")
			}
			b.submit("#solve-game", `document.getElementById("result") !== null`)
			g := filepath.Join(b.t.TempDir(), "jb.nfg")
			if err := os.WriteFile(g, []byte(nfg), 0o644); err != nil {
				b.t.Fatal(err)
			}
			b.checkNumbers("from-case solved", "#result .result", runCLI(b.t, "game", "solve", g))
			b.hasText("from-case "+string(l), labels(l, "web.fromcase.title")...)
			b.finish("tour-game-from-case-" + string(l))
		})
		tab.run(t, "finance-method-"+string(l), func(b *formTab) {
			// README: finance ge --rate 2 --maturity 21.75 --grace 5
			// --discount 10 --method aiddata (54.7023, as AidData publishes).
			b.open(ts.URL + "/finance?lang=" + string(l))
			for _, f := range [][2]string{{"rate_pct", "2"}, {"maturity_years", "21.75"}, {"grace_years", "5"}, {"discount_pct", "10"}} {
				b.fill("#f-"+f[0], f[1])
			}
			b.do("method", chromedp.SetValue(chromedp.CSS("#f-method"), "aiddata"))
			b.submit("#loan-submit", `document.getElementById("loan-result") !== null`)
			b.checkNumbers("finance ge --method aiddata", "#ge-result", runCLI(b.t, "finance", "ge", "--rate", "2", "--maturity", "21.75", "--grace", "5", "--discount", "10", "--method", "aiddata"))
			if eval[int](b, `document.querySelectorAll("#schedule-error").length`) != 1 {
				b.t.Errorf("the schedule's error is not shown in its place")
			}
			b.hasText("finance "+string(l), append(labels(l, "web.finance.method"), l.Field("grant_element_pct"))...)
			b.finish("tour-finance-method-" + string(l))
		})
		tab.run(t, "lcc-seed-"+string(l), func(b *formTab) {
			b.open(ts.URL + "/lcc?lang=" + string(l))
			b.do("upload", chromedp.SetUploadFiles(chromedp.CSS(`#upload-form input[name="study"]`), []string{abs(b.t, "examples/lcc/hsr_two_offers.yaml")}),
				chromedp.SetValue(chromedp.CSS(`#upload-runs`), "1000"))
			b.fill("#upload-seed", "42")
			b.submit("#upload-submit", `document.getElementById("result") !== null`)
			b.checkNumbers("lcc run --runs 1000 --seed 42", "#result .result", runCLI(b.t, "lcc", "run", "examples/lcc/hsr_two_offers.yaml", "--runs", "1000", "--seed", "42"))
			b.hasText("lcc "+string(l), labels(l, "web.lcc.runs", "web.gamerandom.seed")...)
			b.finish("tour-lcc-seed-" + string(l))
		})
	}
}
