package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// "lcc migrate -w" rewrites a decimal-form study in place, the migrated
// study gives the same output to the last digit, and "tender migrate"
// prints a migrated case; files giving both names, or an unusual
// percentage, are refused with the file, line and field.
func TestMigrateWrite(t *testing.T) {
	dir := t.TempDir()
	old := "# rates as decimals\nanalysis: {horizon: 30, discount_rate: 0.035}\nalternatives:\n  - name: a\n    capex: 100\n    service_life: 30\n    om: 2\n    om_escalation: 0.01   # 1 %\n"
	p := filepath.Join(dir, "study.yaml")
	if err := os.WriteFile(p, []byte(old), 0o600); err != nil {
		t.Fatal(err)
	}
	before, errs, code := run(t, "--format", "json", "lcc", "run", p)
	if code != 0 {
		t.Fatalf("lcc run: %d %s", code, errs)
	}
	if _, errs, code := run(t, "lcc", "migrate", "-w", p); code != 0 || !strings.Contains(errs, "2 field(s) rewritten") {
		t.Fatalf("lcc migrate -w: %d %s", code, errs)
	}
	b, _ := os.ReadFile(p)
	want := "# rates as decimals\nanalysis: {horizon: 30, discount_rate_pct: 3.5}\nalternatives:\n  - name: a\n    capex: 100\n    service_life: 30\n    om: 2\n    om_escalation_pct: 1   # 1 %\n"
	if string(b) != want {
		t.Fatalf("migrated:\n%s\nwant\n%s", b, want)
	}
	after, errs, code := run(t, "--format", "json", "lcc", "run", p)
	if code != 0 || after != before {
		t.Fatalf("lcc run after migration: %d %s\n%s\nwant\n%s", code, errs, after, before)
	}

	out, errs, code := run(t, "tender", "migrate", "../../cases/jakarta-bandung-2015.yaml")
	if code != 0 || !strings.Contains(out, "loan: {currency: JPY, rate_pct: 0.1,") || !strings.Contains(out, "offers.japan.share_financed_pct:") {
		t.Fatalf("tender migrate: %d %s\n%s", code, errs, out)
	}

	both := filepath.Join(dir, "both.yaml")
	os.WriteFile(both, []byte("analysis:\n  horizon: 30\n  discount_rate: 0.035\n  discount_rate_pct: 3.5\nalternatives:\n  - {name: a, capex: 100, service_life: 30}\n"), 0o600)
	if _, errs, code := run(t, "lcc", "run", both); code != 1 || !strings.Contains(errs, "both.yaml") || !strings.Contains(errs, "both.yaml:4:3: analysis.discount_rate_pct: both") {
		t.Errorf("both names: %d %s", code, errs)
	}
	if _, errs, code := run(t, "lcc", "migrate", both); code != 1 || !strings.Contains(errs, "both.yaml:3:3: analysis.discount_rate: both") {
		t.Errorf("migrate, both names: %d %s", code, errs)
	}
	low := filepath.Join(dir, "low.yaml")
	os.WriteFile(low, []byte("analysis: {horizon: 30, discount_rate_pct: 0.035}\nalternatives:\n  - {name: a, capex: 100, service_life: 30}\n"), 0o600)
	if _, errs, code := run(t, "lcc", "run", low); code != 1 || !strings.Contains(errs, "low.yaml:1:44: analysis.discount_rate_pct: 0.035 read as 0.035 %") || !strings.Contains(errs, "did you mean 3.5?") {
		t.Errorf("unusual percentage: %d %s", code, errs)
	}
	if _, errs, code := run(t, "--allow-unusual", "lcc", "run", low); code != 0 {
		t.Errorf("--allow-unusual: %d %s", code, errs)
	}
	// A range error on a percentage field says what the file gave.
	over := filepath.Join(dir, "over.yaml")
	os.WriteFile(over, []byte("analysis: {horizon: 30, discount_rate_pct: 3}\nalternatives:\n  - {name: a, capex: 100, service_life: 30, resilience_pct: 150}\n"), 0o600)
	if _, errs, code := run(t, "lcc", "run", over); code != 1 || !strings.Contains(errs, "over.yaml:3:61: alternatives[0].resilience_pct: must be ≤ 1, got 1.5 (as a fraction; the file says 150 %)") {
		t.Errorf("range error: %d %s", code, errs)
	}
}
