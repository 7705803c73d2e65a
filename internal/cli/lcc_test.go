package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLCCRun(t *testing.T) {
	out, errs, code := run(t, "lcc", "run", "../../examples/lcc/hsr_two_offers.yaml")
	if code != 0 || !strings.Contains(out, "agency_pv") || !strings.Contains(out, "renewal:rolling_stock") {
		t.Fatalf("code %d\n%s\n%s", code, out, errs)
	}
	a, _, _ := run(t, "lcc", "run", "../../examples/lcc/hsr_two_offers.yaml", "--runs", "300", "--seed", "5", "--workers", "1", "--format", "json")
	b, _, _ := run(t, "lcc", "run", "../../examples/lcc/hsr_two_offers.yaml", "--runs", "300", "--seed", "5", "--workers", "3", "--format", "json")
	if a != b {
		t.Error("JSON output depends on the number of workers")
	}
	var doc struct {
		Runs        int `json:"runs"`
		Differences []struct {
			Agency struct{ P50 float64 } `json:"agency_pv"`
		} `json:"differences"`
	}
	if err := json.Unmarshal([]byte(a), &doc); err != nil || doc.Runs != 300 || len(doc.Differences) != 1 {
		t.Fatalf("json: %v %+v", err, doc)
	}
	bad := filepath.Join(t.TempDir(), "bad.yaml")
	os.WriteFile(bad, []byte("analysis: {horizon: 10}\nalternatives:\n  - name: a\n    service_life: -2\n"), 0o600)
	_, errs, code = run(t, "lcc", "run", bad)
	if code != 1 || !strings.Contains(errs, "bad.yaml:4:19: a.service_life: must be > 0") {
		t.Errorf("bad file: code %d, %s", code, errs)
	}
}

func TestTenderCommands(t *testing.T) {
	f := "../../examples/lcc/tender_three_offers.yaml"
	out, errs, code := run(t, "tender", "evaluate", f)
	if code != 0 || !strings.Contains(out, "Financing-adjusted cost") || !strings.Contains(out, "fiscal_premium") {
		t.Fatalf("evaluate: %d %s %s", code, out, errs)
	}
	out, errs, code = run(t, "tender", "breakeven", f, "--param", "host.shadow_price", "--min", "0", "--max", "5")
	if code != 0 || !strings.Contains(out, "new_winner") {
		t.Fatalf("breakeven: %d %s %s", code, out, errs)
	}
	_, errs, code = run(t, "tender", "breakeven", f, "--param", "host.nope")
	if code != 2 || !strings.Contains(errs, "valid names") || !strings.Contains(errs, "host.shadow_price") {
		t.Errorf("unknown param: %d %s", code, errs)
	}
	svg := filepath.Join(t.TempDir(), "map.svg")
	out, errs, code = run(t, "tender", "map", f, "--x", "host.shadow_price", "--y", "host.discount_rate", "--nx", "4", "--ny", "3", "--svg", svg, "--format", "csv")
	if code != 0 || strings.Count(out, "\n") != 13 {
		t.Fatalf("map: %d %q %s", code, out, errs)
	}
	if b, err := os.ReadFile(svg); err != nil || !bytes.Contains(b, []byte("<svg")) {
		t.Errorf("svg: %v", err)
	}
	out, errs, code = run(t, "tender", "backtest")
	if code != 0 || !strings.Contains(out, "jakarta-bandung-2015") || !strings.Contains(out, "decided cases predicted correctly") {
		t.Fatalf("backtest: %d %s %s", code, out, errs)
	}
	out, _, code = run(t, "tender", "evaluate", "case:jakarta-bandung-2015")
	if code != 0 || !strings.Contains(out, "china") {
		t.Errorf("case evaluate: %d %s", code, out)
	}
	a, _, code := run(t, "tender", "evaluate", f, "--runs", "200", "--seed", "4", "--workers", "1", "--format", "json")
	b, _, _ := run(t, "tender", "evaluate", f, "--runs", "200", "--seed", "4", "--workers", "2", "--format", "json")
	if code != 0 || a != b || !strings.Contains(a, "win_prob") {
		t.Errorf("tender Monte Carlo: code %d, same for 1 and 2 workers: %v", code, a == b)
	}
	out, _, code = run(t, "tender", "tornado", f, "--pct", "10")
	if code != 0 || !strings.Contains(out, "swing") {
		t.Errorf("tornado: %d %s", code, out)
	}
}

// Every example file runs.
func TestExamplesRun(t *testing.T) {
	files, _ := filepath.Glob("../../examples/lcc/*.yaml")
	if len(files) < 3 {
		t.Fatalf("%d example files", len(files))
	}
	for _, f := range files {
		cmd := "lcc"
		if strings.Contains(f, "tender") {
			cmd = "tender"
		}
		var args []string
		if cmd == "lcc" {
			args = []string{"lcc", "run", f, "--runs", "50"}
		} else {
			args = []string{"tender", "evaluate", f}
		}
		if _, errs, code := run(t, args...); code != 0 {
			t.Errorf("%s: exit %d: %s", f, code, errs)
		}
	}
}
