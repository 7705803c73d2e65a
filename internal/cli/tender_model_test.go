package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/infragame/infragame/cases"
)

// A user's case files join the library; --only uses them alone; a bad
// file is named with its line and field.
func TestTenderBacktestFiles(t *testing.T) {
	dir := t.TempDir()
	b, err := cases.Raw("jakarta-bandung-2015.yaml")
	if err != nil {
		t.Fatal(err)
	}
	mine := strings.Replace(string(b), "id: jakarta-bandung-2015", "id: my-jakarta", 1)
	if err := os.WriteFile(filepath.Join(dir, "my.yaml"), []byte(mine), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errs, code := run(t, "tender", "backtest", dir, "--format", "json")
	if code != 0 {
		t.Fatalf("backtest DIR: %d %s", code, errs)
	}
	var doc struct {
		Rule []struct {
			Case string `json:"case"`
		} `json:"rule"`
		CV struct {
			Rows []struct {
				Case        string `json:"case"`
				Predictions []struct {
					Method        string             `json:"method"`
					Probabilities map[string]float64 `json:"probabilities"`
				} `json:"predictions"`
			} `json:"rows"`
		} `json:"cross_validation"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	names, _ := cases.All()
	if len(doc.Rule) != len(names)+1 || doc.Rule[len(doc.Rule)-1].Case != "my-jakarta" {
		t.Errorf("library plus file: %d rows", len(doc.Rule))
	}
	for _, r := range doc.CV.Rows {
		for _, p := range r.Predictions {
			if len(p.Probabilities) < 2 {
				t.Errorf("%s %s: probabilities %v", r.Case, p.Method, p.Probabilities)
			}
		}
	}
	// --only with the same case twice under two ids: two contests.
	two := strings.Replace(mine, "id: my-jakarta", "id: my-jakarta-2", 1)
	if err := os.WriteFile(filepath.Join(dir, "two.yaml"), []byte(two), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errs, code = run(t, "tender", "backtest", "--only", dir)
	if code != 0 || !strings.Contains(out, "my-jakarta-2") || strings.Contains(out, "padma-bridge-2013") {
		t.Errorf("--only: %d %s %s", code, out, errs)
	}
	// A duplicate id of the library is refused.
	dup := filepath.Join(t.TempDir(), "dup.yaml")
	os.WriteFile(dup, b, 0o644)
	if _, errs, code = run(t, "tender", "backtest", dup); code == 0 || !strings.Contains(errs, "already given") {
		t.Errorf("duplicate id: %d %s", code, errs)
	}
	// A bad field: the error names the file, the line and the field.
	bad := filepath.Join(t.TempDir(), "bad.yaml")
	os.WriteFile(bad, []byte(strings.Replace(mine, "share_financed_pct: 75", "share_financed_pct: 175", 1)), 0o644)
	if _, errs, code = run(t, "tender", "backtest", bad); code != 1 || !strings.Contains(errs, "bad.yaml:30:25: offers[0].share_financed_pct: 175 read as 175 %") {
		t.Errorf("bad file: %d %s", code, errs)
	}
	if _, errs, code = run(t, "tender", "backtest", "--only"); code != 2 {
		t.Errorf("--only without files: %d %s", code, errs)
	}
}

func TestTenderModelCommands(t *testing.T) {
	out, errs, code := run(t, "tender", "evaluate", "case:jakarta-bandung-2015", "--format", "json")
	if code != 0 || !strings.Contains(out, `"choice_probabilities"`) || !strings.Contains(out, `"p05"`) {
		t.Fatalf("evaluate: %d %s", code, errs)
	}
	out, errs, code = run(t, "tender", "breakeven", "case:jakarta-bandung-2015", "--param", "offers.japan.capex", "--target-prob", "0.5", "--offer", "japan")
	if code != 0 || !strings.Contains(out, "choice probability is 0.5") {
		t.Errorf("target-prob: %d %s %s", code, out, errs)
	}
	if _, _, code = run(t, "tender", "breakeven", "case:jakarta-bandung-2015", "--param", "offers.japan.capex", "--target-prob", "1.5", "--offer", "japan"); code != 2 {
		t.Errorf("target-prob 1.5: exit %d", code)
	}
	if _, _, code = run(t, "tender", "breakeven", "case:jakarta-bandung-2015", "--param", "offers.japan.capex", "--target-prob", "0.5"); code != 2 {
		t.Errorf("target-prob without --offer: exit %d", code)
	}
}

// The README quotes the brief's backtest excerpt as the code prints it.
func TestReadmeQuotesBriefBacktest(t *testing.T) {
	out, errs, code := run(t, "brief")
	if code != 0 {
		t.Fatalf("brief: %d %s", code, errs)
	}
	i := strings.Index(out, "Who should have won")
	if i < 0 {
		t.Fatalf("brief has no backtest table:\n%s", out)
	}
	j := strings.Index(out[i:], "\n\n")
	if j < 0 {
		j = len(out) - i
	}
	block := out[i : i+j]
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(readme), block) {
		t.Errorf("README.md does not quote the brief's backtest excerpt; it should contain:\n%s", block)
	}
}
