package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSimCommands(t *testing.T) {
	db := tempDB(t)
	out, errOut, code := run(t, db, "sim", "scenarios")
	if code != 0 || !strings.Contains(out, "japan-tiers-pqi") || !strings.Contains(out, "price-war") {
		t.Fatalf("sim scenarios: %d %s%s", code, out, errOut)
	}
	if out, _, code := run(t, db, "sim", "params"); code != 0 || !strings.Contains(out, "pqi.budget") {
		t.Errorf("sim params: %d", code)
	}
	dir := t.TempDir()
	good := filepath.Join(dir, "s.yaml")
	os.WriteFile(good, []byte("name: short\ntitle: t\nstart: 2010\nend: 2012\nparams:\n  coop.enabled: 1\n"), 0o644)
	if out, errOut, code := run(t, db, "sim", "validate", good); code != 0 || !strings.Contains(out, "valid") {
		t.Errorf("validate good: %d %s%s", code, out, errOut)
	}
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte("name: bad\nstart: 2010\nend: 2012\nparams:\n  coop.enabld: 1\n"), 0o644)
	if _, errOut, code := run(t, db, "sim", "validate", bad); code == 0 || !strings.Contains(errOut, "bad.yaml") || !strings.Contains(errOut, "coop.enabld") {
		t.Errorf("validate bad: %d %s", code, errOut)
	}

	rowsFile := filepath.Join(dir, "rows.csv")
	svg := filepath.Join(dir, "orders.svg")
	out, errOut, code = run(t, db, "sim", "run", good, "--runs", "3", "--rows", rowsFile, "--svg", svg, "--lang", "zh")
	if b, err := os.ReadFile(svg); err != nil || !strings.Contains(string(b), "<svg") || !strings.Contains(string(b), "日本") {
		t.Errorf("svg: %v", err)
	}
	if code != 0 || !strings.Contains(out, "orders_usd_bn") {
		t.Fatalf("sim run: %d %s%s", code, out, errOut)
	}
	b, _ := os.ReadFile(rowsFile)
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) < 100 || !strings.HasPrefix(lines[0], "scenario,seed,run,year") || !strings.HasPrefix(lines[len(lines)-1], "short,1,2,2012") {
		t.Errorf("rows: %d lines, first %q, last %q", len(lines), lines[0], lines[len(lines)-1])
	}
	// Workers do not change the output.
	a, _, _ := run(t, db, "--format", "json", "sim", "run", good, "--runs", "4", "--workers", "1")
	c, _, _ := run(t, db, "--format", "json", "sim", "run", good, "--runs", "4", "--workers", "3")
	if a != c {
		t.Error("sim run output depends on --workers")
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(a), &doc); err != nil || doc["runs"] != float64(4) {
		t.Errorf("json: %v %v", err, doc["runs"])
	}
	out, errOut, code = run(t, db, "sim", "compare", good, good, "--runs", "3")
	if code != 0 || !strings.Contains(out, "jp.orders_value.total") {
		t.Errorf("sim compare: %d %s%s", code, out, errOut)
	}
	if _, errOut, code := run(t, db, "sim", "run", "nosuch"); code == 0 || !strings.Contains(errOut, "baseline") {
		t.Errorf("unknown scenario: %d %s", code, errOut)
	}
	if _, _, code := run(t, db, "sim", "run", "baseline", "--runs", "0"); code != 2 {
		t.Errorf("--runs 0: exit %d, want 2", code)
	}
}
