package web_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/infragame/infragame/report"
	"github.com/infragame/infragame/web"
)

// TestSweepInBrowser runs a shipped sweep from the Chinese /sweep page as
// a user does: pick the example, run it, follow the progress, and find
// the analysis drawn (a tornado per output, no console error or CSP
// violation) with the first table's first μ* the API's job document's,
// rounded as the report rounds it; a screenshot is kept as sweep-run-zh.jpg.
func TestSweepInBrowser(t *testing.T) {
	tab := browser(t)
	ts := newServer(t, web.Config{})
	ctx, problems, done := tab()
	var state, job, first string
	var charts int
	var shot []byte
	err := chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/sweep?example=hsr_morris&lang=zh"),
		chromedp.Click(chromedp.CSS("#sweep-run-example")),
	)
	if err == nil {
		err = waitFor(ctx, `document.getElementById("job") !== null && document.getElementById("job").dataset.state !== "running"`, 90*time.Second)
	}
	if err == nil {
		state, err = chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("job").dataset.state`))
	}
	if err == nil {
		job, err = chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("job").dataset.job`))
	}
	if err == nil {
		err = waitFor(ctx, `document.querySelectorAll("[data-drawn='1']").length > 0`, 20*time.Second)
	}
	if err == nil {
		charts, err = chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("[data-drawn='1']").length`))
	}
	if err == nil {
		// The first index table: the row of the parameter, then μ*.
		first, err = chromedp.Run(ctx, chromedp.Evaluate[string](`(function(){var c=document.querySelector("[data-drawn='1']").closest("section").querySelector("tbody td.num");return c?c.textContent:""})()`))
	}
	if err == nil {
		shot, err = chromedp.Run(ctx, chromedp.FullScreenshot(70))
	}
	for _, p := range problems() {
		t.Errorf("sweep: %s", p)
	}
	done()
	if err != nil {
		t.Fatal(err)
	}
	_ = os.WriteFile(filepath.Join(outputDir(t), "sweep-run-zh.jpg"), shot, 0o644)
	_, body := get(t, ts, "/api/v1/jobs/"+job)
	var doc struct {
		Result struct {
			Outputs []struct {
				Morris []struct {
					MuStar float64 `json:"mu_star"`
				} `json:"morris"`
			} `json:"outputs"`
		} `json:"result"`
	}
	if err := json.Unmarshal([]byte(body), &doc); err != nil || len(doc.Result.Outputs) == 0 {
		t.Fatalf("job: %v %.300s", err, body)
	}
	if state != "done" || charts != len(doc.Result.Outputs) {
		t.Errorf("sweep: state %q, %d charts for %d outputs", state, charts, len(doc.Result.Outputs))
	}
	// The report's tables round as the command line's (report.Cell).
	if want := report.Cell(doc.Result.Outputs[0].Morris[0].MuStar); first != want {
		t.Errorf("first μ* shown %q, API %q", first, want)
	}
}
