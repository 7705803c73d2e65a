package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/infragame/infragame/internal/testutil"
	"github.com/infragame/infragame/web"
)

// browser starts headless Chromium (skipped without it, failing under
// CI=true) and returns a function that opens a tab collecting console
// errors, exceptions and log errors (CSP violations, failed requests); each
// tab's actions get a 2-minute deadline.
func browser(t *testing.T) func() (ctx context.Context, problems func() []string, done func()) {
	t.Helper()
	actx := testutil.Browser(t)
	return func() (context.Context, func() []string, func()) {
		ctx, problems, closeTab := testutil.Tab(t, actx, false)
		tctx, cancelTime := context.WithTimeout(ctx, 2*time.Minute)
		return tctx, problems, func() {
			cancelTime()
			closeTab()
		}
	}
}

// outputDir is where the screenshots go: $INFRAGAME_TEST_OUTPUT/web, or
// infragame-test-output/web in the temporary directory.
func outputDir(t *testing.T) string {
	dir := os.Getenv("INFRAGAME_TEST_OUTPUT")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "infragame-test-output")
	}
	dir = filepath.Join(dir, "web")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestPagesInBrowser opens every page in English and Chinese in headless
// Chromium: every chart drawn by ECharts, no console error, no CSP
// violation, a screenshot of each page kept.
func TestPagesInBrowser(t *testing.T) {
	tab := browser(t)
	ts := newServer(t, web.Config{})
	out := outputDir(t)
	for pi, p := range pagePaths {
		for _, l := range []string{"en", "zh"} {
			u := ts.URL + p
			if strings.Contains(p, "?") {
				u += "&lang=" + l
			} else {
				u += "?lang=" + l
			}
			ctx, problems, done := tab()
			var charts, drawn int
			var shot []byte
			err := chromedp.Do(ctx,
				chromedp.Navigate(u),
				chromedp.WaitReady(chromedp.CSS("footer")),
			)
			if err == nil {
				charts, err = chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("[data-echarts]").length`))
			}
			if err == nil {
				_, err = chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelectorAll("[data-echarts]").length === document.querySelectorAll("[data-drawn]").length`, chromedp.WithPollingTimeout(20*time.Second)))
			}
			if err == nil {
				drawn, err = chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("[data-drawn='1'] svg").length`))
			}
			if err == nil {
				shot, err = chromedp.Run(ctx, chromedp.FullScreenshot(70))
			}
			probs := problems()
			done()
			name := strings.Trim(strings.NewReplacer("/", "_", "?", "_", "&", "_", "=", "-", "%", "").Replace(p), "_")
			if name == "" {
				name = "overview"
			}
			if len(name) > 40 {
				name = fmt.Sprintf("%s-%d", name[:strings.IndexAny(name+"_", "_")], pi)
			}
			if err != nil {
				t.Errorf("%s %s: %v", p, l, err)
				continue
			}
			if drawn != charts {
				t.Errorf("%s %s: %d of %d charts drawn", p, l, drawn, charts)
			}
			for _, pr := range probs {
				t.Errorf("%s %s: %s", p, l, pr)
			}
			if err := os.WriteFile(filepath.Join(out, fmt.Sprintf("%s-%s.jpg", name, l)), shot, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	t.Logf("screenshots in %s", out)
}

// TestFormsInBrowser runs an analysis through the forms and checks the
// numbers shown against the API (whose documents equal the CLI's JSON,
// TestAPIEqualsCLIDocuments): a dataset search in Chinese, and a
// simulation followed live to its report.
func TestFormsInBrowser(t *testing.T) {
	tab := browser(t)
	ts := newServer(t, web.Config{})
	out := outputDir(t)

	// Dataset search, typed into the form.
	ctx, problems, done := tab()
	var count string
	err := chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/data?lang=zh"),
		chromedp.SetValue(chromedp.CSS(`input[name="q"]`), "高铁"),
		chromedp.Click(chromedp.CSS("#data-submit")),
	)
	if err == nil {
		err = waitFor(ctx, `location.search.includes("q=") && document.getElementById("count") !== null`, 30*time.Second)
	}
	if err == nil {
		count, err = chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#count")))
	}
	for _, p := range problems() {
		t.Errorf("data: %s", p)
	}
	done()
	if err != nil {
		t.Fatal(err)
	}
	// The form keeps the kind the page showed (projects by default).
	_, body := get(t, ts, "/api/v1/search?kind=project&q="+url.QueryEscape("高铁"))
	var res struct {
		Total int               `json:"total"`
		Hits  []json.RawMessage `json:"hits"`
	}
	if err := json.Unmarshal([]byte(body), &res); err != nil {
		t.Fatal(err)
	}
	if want := fmt.Sprintf("共%d条记录", len(res.Hits)); count != want || len(res.Hits) == 0 || res.Total != len(res.Hits) {
		t.Errorf("search 高铁: page says %q, API has %d hits of %d", count, len(res.Hits), res.Total)
	}

	// A simulation: submit, follow the progress, get the report.
	ctx, problems, done = tab()
	var state string
	var charts int
	var shot []byte
	err = chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/sim?lang=en"),
		chromedp.SetValue(chromedp.CSS("#sim-runs"), "30"),
		chromedp.Click(chromedp.CSS("#sim-submit")),
	)
	if err == nil {
		err = waitFor(ctx, `document.getElementById("job") !== null && document.getElementById("job").dataset.state !== "running"`, 90*time.Second)
	}
	if err == nil {
		state, err = chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("job").dataset.state`))
	}
	if err == nil {
		err = waitFor(ctx, `document.querySelectorAll("[data-drawn='1']").length > 0`, 20*time.Second)
	}
	if err == nil {
		charts, err = chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("[data-drawn='1']").length`))
	}
	if err == nil {
		shot, err = chromedp.Run(ctx, chromedp.FullScreenshot(70))
	}
	for _, p := range problems() {
		t.Errorf("sim: %s", p)
	}
	done()
	if err != nil {
		t.Fatal(err)
	}
	if state != "done" || charts == 0 {
		t.Errorf("simulation: state %q, %d charts", state, charts)
	}
	_ = os.WriteFile(filepath.Join(out, "sim-run-en.jpg"), shot, 0o644)
}

// waitFor evaluates expr until it is true, across page loads (a form
// submission or a reload replaces the page under a running evaluation).
func waitFor(ctx context.Context, expr string, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr))
		if err == nil && ok {
			return nil
		}
		if time.Now().After(deadline) {
			if err == nil {
				err = fmt.Errorf("still false after %v", timeout)
			}
			return fmt.Errorf("waiting for %s: %w", expr, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
