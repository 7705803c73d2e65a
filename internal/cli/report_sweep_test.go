package cli_test

import (
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/infragame/infragame/internal/testutil"
	"github.com/infragame/infragame/report"
)

// ishigami are the analytic Sobol' indices of the Ishigami function with
// a = 7, b = 0.1 (Saltelli et al., Global Sensitivity Analysis: The Primer,
// 2008, §4.6; the values examples/sweep/ishigami.yaml cites): S1 = 0.3139,
// 0.4424, 0; ST = 0.5576, 0.4424, 0.2437.
var ishigami = map[string][2]float64{"x1": {0.3139, 0.5576}, "x2": {0.4424, 0.4424}, "x3": {0, 0.2437}}

// TestReportSweepIshigami runs the Ishigami sweep of examples/sweep
// (Saltelli design, N = 4096, seed 1), checks that every index's bootstrap
// interval holds the analytic value and the estimate is within 0.01 of it,
// then that the sweep report shows those indices, their tornado and, in
// Chinese, its labels; where Chromium is installed, the PDF's text (read
// with pdftotext) holds them too.
func TestReportSweepIshigami(t *testing.T) {
	db := tempDB(t)
	dir := t.TempDir()
	spec := filepath.Join("..", "..", "examples", "sweep", "ishigami.yaml")
	shards, result := filepath.Join(dir, "is"), filepath.Join(dir, "is.csv")
	for _, args := range [][]string{{"sweep", "run", spec, "--out", shards, "--no-progress"}, {"sweep", "merge", shards, "-o", result}} {
		if _, errOut, code := run(t, db, args...); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errOut)
		}
	}
	out, errOut, code := run(t, db, "--format", "json", "sweep", "analyze", result)
	if code != 0 {
		t.Fatalf("analyze: exit %d: %s", code, errOut)
	}
	var an struct {
		Outputs []struct {
			Sobol []struct {
				Param string  `json:"param"`
				S1    float64 `json:"s1"`
				S1Lo  float64 `json:"s1_lo"`
				S1Hi  float64 `json:"s1_hi"`
				ST    float64 `json:"st"`
				STLo  float64 `json:"st_lo"`
				STHi  float64 `json:"st_hi"`
			} `json:"sobol"`
		} `json:"outputs"`
	}
	if err := json.Unmarshal([]byte(out), &an); err != nil || len(an.Outputs) != 1 {
		t.Fatalf("analyze JSON: %v, %d outputs", err, len(an.Outputs))
	}
	if len(an.Outputs[0].Sobol) != 3 {
		t.Fatalf("%d indices, want 3", len(an.Outputs[0].Sobol))
	}
	for _, ix := range an.Outputs[0].Sobol {
		want := ishigami[ix.Param]
		for _, c := range []struct {
			name           string
			est, lo, hi, w float64
		}{{"S1", ix.S1, ix.S1Lo, ix.S1Hi, want[0]}, {"ST", ix.ST, ix.STLo, ix.STHi, want[1]}} {
			if math.Abs(c.est-c.w) > 0.01 || c.w < c.lo || c.w > c.hi {
				t.Errorf("%s %s = %.4f [%.4f, %.4f], analytic %.4f", ix.Param, c.name, c.est, c.lo, c.hi, c.w)
			}
		}
	}

	for _, lang := range []string{"en", "zh"} {
		html := filepath.Join(dir, "is-"+lang+".html")
		if _, errOut, code := run(t, db, "report", "sweep", result, "--lang", lang, "-o", html); code != 0 {
			t.Fatalf("report sweep --lang %s: exit %d: %s", lang, code, errOut)
		}
		b, err := os.ReadFile(html)
		if err != nil {
			t.Fatal(err)
		}
		page := string(b)
		want := []string{"x1", "x2", "x3", "ishigami (7, 0.1)", "N = 4096"}
		for _, ix := range an.Outputs[0].Sobol { // the table shows the analysis' numbers
			want = append(want, report.FormatFloat(ix.S1), report.FormatFloat(ix.ST))
		}
		if lang == "zh" {
			want = append(want, "敏感性分析：ishigami", "指数（方差占比）", "资料来源：infragame 参数扫描")
		} else {
			want = append(want, "Sensitivity analysis: ishigami", "Sobol&#39; indices of ishigami", "ST (total)", "Source: infragame sweep ishigami")
		}
		for _, w := range want {
			if !strings.Contains(page, w) {
				t.Errorf("%s report lacks %q", lang, w)
			}
		}
		if n := strings.Count(page, "<svg "); n != 1 {
			t.Errorf("%s report: %d charts, want the one tornado", lang, n)
		}
	}

	t.Run("pdf", func(t *testing.T) {
		requireBrowser(t)
		pdftotext := testutil.RequireTool(t, "pdftotext", "poppler-utils")
		pdf := filepath.Join(dir, "is.pdf")
		if _, errOut, code := run(t, db, "report", "sweep", result, "-o", filepath.Join(dir, "is-pdf.html"), "--pdf", pdf); code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		txt, err := exec.Command(pdftotext, "-layout", pdf, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range []string{"Sensitivity analysis: ishigami", "Sobol", "x1", report.FormatFloat(an.Outputs[0].Sobol[0].S1)} {
			if !strings.Contains(string(txt), w) {
				t.Errorf("PDF text lacks %q", w)
			}
		}
		if b, err := os.ReadFile(pdf); err == nil {
			_ = os.WriteFile(filepath.Join(testOutputDir(t), "sweep-ishigami.pdf"), b, 0o644)
		}
	})
}
