package cli_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestContestAnalyze(t *testing.T) {
	db := tempDB(t)
	out, errOut, code := run(t, db, "contest", "analyze", "case:jakarta-bandung-2015", "--verify")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"(a) Competition", "(b) Cooperation", "(c) Does cooperation pay?", "passed", "yes"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	out, _, code = run(t, db, "--format", "json", "contest", "analyze", "case:jakarta-bandung-2015", "--host-power", "0")
	var doc struct {
		ExportersGain float64  `json:"exporters_gain"`
		PaysBoth      bool     `json:"pays_both"`
		MaxHostPower  *float64 `json:"max_host_power_pct"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &doc) != nil {
		t.Fatalf("json: %d %.300s", code, out)
	}
	// With all the bargaining power the consortium gains (β = 0 < β*).
	if !doc.PaysBoth || doc.ExportersGain <= 0 || doc.MaxHostPower == nil || *doc.MaxHostPower <= 0 {
		t.Fatalf("host power 0: %+v", doc)
	}
}

func TestContestMapAndErrors(t *testing.T) {
	db := tempDB(t)
	svg := filepath.Join(t.TempDir(), "coop.svg")
	out, errOut, code := run(t, db, "--format", "csv", "contest", "map", "case:jakarta-bandung-2015", "--synergies", "0,10", "--powers", "0,50,100", "--svg", svg)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if n := strings.Count(out, "\n"); n != 1+6 {
		t.Errorf("%d lines, want header + 6 cells:\n%s", n, out)
	}
	if b, err := os.ReadFile(svg); err != nil || !strings.Contains(string(b), "<svg") {
		t.Errorf("svg: %v", err)
	}
	if _, errOut, code := run(t, db, "contest", "analyze", "case:mumbai-ahmedabad-2015"); code != 1 || !strings.Contains(errOut, "no contest: block") {
		t.Errorf("case without contest block: %d %s", code, errOut)
	}
	if _, errOut, code := run(t, db, "contest", "analyze", "case:jakarta-bandung-2015", "--host-power", "0.3"); code != 2 || !strings.Contains(errOut, "0.3 read as 0.3 % is unusual for a share") || !strings.Contains(errOut, "did you mean 30?") {
		t.Errorf("bad host power: %d %s", code, errOut)
	}
	if _, errOut, code := run(t, db, "contest", "map", "case:jakarta-bandung-2015", "--synergies", "0:150:50"); code != 2 || !strings.Contains(errOut, "--synergies: 100 % is outside [0, 100) %") {
		t.Errorf("bad synergies: %d %s", code, errOut)
	}
	bad := filepath.Join(t.TempDir(), "bad.yaml")
	b, _ := os.ReadFile(filepath.Join("..", "..", "cases", "jakarta-bandung-2015.yaml"))
	os.WriteFile(bad, []byte(strings.Replace(string(b), "cost: {low: 4000, high: 5500}", "cost: {low: 5500, high: 4000}", 1)), 0o644)
	if _, errOut, code := run(t, db, "contest", "analyze", bad); code != 1 || !strings.Contains(errOut, "contest.exporters[0].cost") {
		t.Errorf("bad cost range: %d %s", code, errOut)
	}
}

// A semantic error in a case file names the line of the field.
func TestContestErrorLine(t *testing.T) {
	db := tempDB(t)
	bad := filepath.Join(t.TempDir(), "bad.yaml")
	b, _ := os.ReadFile(filepath.Join("..", "..", "cases", "jakarta-bandung-2015.yaml"))
	src := string(b)
	line := 1 + strings.Count(src[:strings.Index(src, "host_power_pct: 50")], "\n")
	os.WriteFile(bad, []byte(strings.Replace(src, "host_power_pct: 50", "host_power_pct: 200", 1)), 0o644)
	_, errOut, code := run(t, db, "contest", "analyze", bad)
	if want := fmt.Sprintf("bad.yaml:%d:19: contest.host_power_pct: 200 read as 200 %%", line); code != 1 || !strings.Contains(errOut, want) {
		t.Fatalf("exit %d, %q lacks %q", code, errOut, want)
	}
}
