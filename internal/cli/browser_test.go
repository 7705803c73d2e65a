package cli_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/infragame/infragame/internal/testutil"
	"github.com/infragame/infragame/report"
)

// requireBrowser returns Chromium's path, skipping (or failing under
// CI=true) when it is not installed.
func requireBrowser(t *testing.T) string {
	t.Helper()
	p, err := report.BrowserPath()
	if err == nil {
		return p
	}
	return testutil.RequireTool(t, "chromium", "chromium")
}

// testOutputDir is where tests keep artefacts (screenshots, PDFs) for a
// person to look at: $INFRAGAME_TEST_OUTPUT, or infragame-test-output in
// the temporary directory.
func testOutputDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("INFRAGAME_TEST_OUTPUT")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "infragame-test-output")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestBriefReportInBrowser opens the English and Chinese brief reports in
// headless Chromium, keeps a full-page screenshot of each and fails on any
// console error, uncaught exception or browser log error (a blocked
// network request, a CSP violation).
func TestBriefReportInBrowser(t *testing.T) {
	actx := testutil.Browser(t)
	db := tempDB(t)
	dir := t.TempDir()
	out := testOutputDir(t)
	for _, lang := range []string{"en", "zh"} {
		page := filepath.Join(dir, "brief-"+lang+".html")
		if _, errOut, code := run(t, db, "report", "brief", "--lang", lang, "-o", page); code != 0 {
			t.Fatalf("%s: %s", lang, errOut)
		}
		ctx, problems, cancelTab := testutil.Tab(t, actx, true)
		// the first Run allocates the browser: no timeout on it (Listen
		// did that); the page's actions get one
		tctx, cancelTime := context.WithTimeout(ctx, 3*time.Minute)
		var shot []byte
		var title string
		var svgs int
		err := chromedp.Do(tctx, chromedp.Navigate("file://"+page), chromedp.WaitVisible(chromedp.CSS("h1")))
		if err == nil {
			title, err = chromedp.Run(tctx, chromedp.Title())
		}
		if err == nil {
			svgs, err = chromedp.Run(tctx, chromedp.Evaluate[int](`document.querySelectorAll("figure svg").length`))
		}
		if err == nil {
			shot, err = chromedp.Run(tctx, chromedp.FullScreenshot(80))
		}
		cancelTime()
		cancelTab()
		if err != nil {
			t.Fatalf("%s: %v", lang, err)
		}
		shotPath := filepath.Join(out, "brief-"+lang+".jpg")
		if err := os.WriteFile(shotPath, shot, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: screenshot %s (%d bytes)", lang, shotPath, len(shot))
		if len(shot) < 10000 {
			t.Errorf("%s: screenshot only %d bytes", lang, len(shot))
		}
		if svgs < 5 {
			t.Errorf("%s: %d charts rendered", lang, svgs)
		}
		if want := map[string]string{"en": "Infrastructure export", "zh": "基础设施出口"}[lang]; !strings.Contains(title, want) {
			t.Errorf("%s: title %q", lang, title)
		}
		for _, p := range problems() {
			t.Errorf("%s: %s", lang, p)
		}
	}
}

// TestReportPDF prints the Chinese brief, a case and a finance comparison
// to PDF and reads their text back with pdftotext for the key figures.
func TestReportPDF(t *testing.T) {
	requireBrowser(t)
	pdftotext := testutil.RequireTool(t, "pdftotext", "poppler-utils")
	db := tempDB(t)
	dir := t.TempDir()
	tests := []struct {
		name string
		args []string
		want []string
	}{
		// seed §1.1: orders 16 万亿日元 in 2013 against 30 万亿日元 by 2020:
		// 53.3 % reached, 9.4 % a year needed.
		{"brief-zh", []string{"report", "brief", "--lang", "zh"}, []string{"30万亿日元", "53.3%", "9.4%", "资料来源", "版本"}},
		{"case", []string{"report", "case", "case:jakarta-bandung-2015", "--breakevens", "1"}, []string{"Jakarta", "Tornado", "Compete or cooperate", "Assumptions"}},
		{"finance", []string{"report", "finance", filepath.Join("..", "..", "examples", "finance", "jakarta-bandung.yaml")}, []string{"Grant element by every method", "all-in cost"}},
		// the tier-strategy scenario sets pqi.budget, which the report must name
		{"sim-zh", []string{"report", "sim", "japan-tiers-pqi", "--runs", "20", "--lang", "zh"}, []string{"市场模拟", "情景设定", "pqi.budget", "东道国与合作", "随机种子"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pdf := filepath.Join(dir, tt.name+".pdf")
			html := filepath.Join(dir, tt.name+".html")
			args := append(append([]string{}, tt.args...), "-o", html, "--pdf", pdf)
			if _, errOut, code := run(t, db, args...); code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			txt, err := exec.Command(pdftotext, "-layout", pdf, "-").Output()
			if err != nil {
				t.Fatal(err)
			}
			text := string(txt)
			for _, w := range tt.want {
				if !strings.Contains(text, w) {
					t.Errorf("PDF text lacks %q", w)
				}
			}
			if b, err := os.ReadFile(pdf); err == nil {
				_ = os.WriteFile(filepath.Join(testOutputDir(t), tt.name+".pdf"), b, 0o644)
			}
		})
	}
}
