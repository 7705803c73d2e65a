package cli_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestUsageErrors pins the exit-code contract of docs/architecture.md
// (0 ok, 1 failure, 2 usage) for mistakes at every depth of the command
// tree, and the "did you mean" suggestions.
func TestUsageErrors(t *testing.T) {
	db := tempDB(t)
	tests := []struct {
		args []string
		code int
		want string // fragment of stderr
	}{
		{[]string{"finnce"}, 2, `did you mean finance?`},
		{[]string{"finance", "gee"}, 2, `unknown command "gee" for "infragame finance"; did you mean ge?`},
		{[]string{"tender", "evalute", "case:jakarta-bandung-2015"}, 2, `did you mean evaluate?`},
		{[]string{"data", "lst", "project"}, 2, `did you mean list?`},
		{[]string{"data", "zzzzzzzz"}, 2, `unknown command "zzzzzzzz"`},
		{[]string{"finance", "ge", "--rat", "2"}, 2, `did you mean --rate?`},
		{[]string{"finance", "ge", "--rat=2"}, 2, `did you mean --rate?`},
		{[]string{"data", "show"}, 2, `accepts 1 arg(s), received 0`},
		{[]string{"version", "extra"}, 2, `unknown command "extra"`},
		{[]string{"data", "show", "jakarta-bandng-hsr"}, 1, `did you mean jakarta-bandung-hsr?`},
		{[]string{"--table", "records", "data", "summary"}, 2, `need --format csv`},
		{[]string{"--format", "json", "--csv-dir", "x", "brief"}, 2, `need --format csv`},
		// The review: "data list" without a kind should list the kinds;
		// an empty break-even range is a usage error, as docs/tender.md says.
		{[]string{"data", "list"}, 2, `fact, project, institution, strategy, event or fx`},
		{[]string{"tender", "breakeven", "case:jakarta-bandung-2015", "--param", "host.shadow_price", "--min", "5", "--max", "1"}, 2, `range [5, 1] is empty`},
	}
	for _, tt := range tests {
		_, errOut, code := run(t, db, tt.args...)
		if code != tt.code || !strings.Contains(errOut, tt.want) {
			t.Errorf("%v: exit %d, want %d; stderr %q lacks %q", tt.args, code, tt.code, errOut, tt.want)
		}
	}
	// A group alone prints its help and succeeds.
	if out, _, code := run(t, db, "finance"); code != 0 || !strings.Contains(out, "Usage") {
		t.Errorf("finance alone: exit %d\n%s", code, out)
	}
}

func TestVersionFormats(t *testing.T) {
	db := tempDB(t)
	out, _, code := run(t, db, "--format", "json", "version")
	var v struct {
		Version, Module, GoVersion string
	}
	if err := json.Unmarshal([]byte(out), &v); code != 0 || err != nil || v.Module != "github.com/infragame/infragame" || v.Version == "" {
		t.Fatalf("version json: %d %v %q", code, err, out)
	}
	out, _, code = run(t, db, "--format", "csv", "version")
	if code != 0 || !strings.HasPrefix(out, "version,module,commit,commit_time,modified,go_version\n") || strings.Count(out, "\n") != 2 {
		t.Fatalf("version csv: %d %q", code, out)
	}
	out, _, code = run(t, db, "version")
	if code != 0 || !strings.HasPrefix(out, "infragame ") {
		t.Fatalf("version: %d %q", code, out)
	}
}

// The README's AidData import followed by brief: the 21.75-year loan has no
// IMF or DAC value (whole periods only), which must show as null / "n/a"
// with a note, never as NaN or a JSON encoding failure.
func TestBriefAfterAidDataImport(t *testing.T) {
	db := tempDB(t)
	out, errOut, code := run(t, db, "data", "import", "--from", "aiddata", "../../dataset/testdata/aiddata-gcdf3-sample.csv")
	if code != 0 {
		t.Fatalf("import: %d %s", code, errOut)
	}
	// Record 61320 is the curated jakarta-bandung-hsr loan (source_id
	// AidData 61320): skipped, not imported twice.
	if !strings.Contains(out, "AidData 61320 (already in jakarta-bandung-hsr)") {
		t.Errorf("import did not report the curated duplicate:\n%s", out)
	}
	out, errOut, code = run(t, db, "--format", "json", "brief")
	if code != 0 {
		t.Fatalf("brief json: %d %s", code, errOut)
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("brief json does not parse: %v", err)
	}
	if strings.Contains(out, `"project": "aiddata-61320"`) {
		t.Error("the curated AidData 61320 loan is listed twice")
	}
	// AidData publishes 27.599 by the IMF convention for record T-0001
	// (dataset/testdata/aiddata-gcdf3-sample.csv, column Grant Element (IMF)).
	if !strings.Contains(out, `"published_imf_pct": 27.599`) {
		t.Error("the published IMF grant element was dropped")
	}
	out, _, code = run(t, db, "brief")
	if code != 0 || strings.Contains(out, "NaN") || !strings.Contains(out, "n/a for aiddata-t-0001") {
		t.Fatalf("brief table: exit %d, NaN or missing note\n%s", code, out)
	}
}

// Wrong-scale rates and shares (package units) are refused with the file's
// line and the likely value, and accepted with --allow-unusual.
func TestUnusualScales(t *testing.T) {
	db := tempDB(t)
	dir := t.TempDir()
	write := func(name, from, old, new string) string {
		b, err := os.ReadFile(from)
		if err != nil {
			t.Fatal(err)
		}
		s := strings.Replace(string(b), old, new, 1)
		if s == string(b) {
			t.Fatalf("%s: %q not found", from, old)
		}
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	// The line of the Chinese loan's rate in the case file (the file
	// gains fields; the test follows it).
	jb, err := os.ReadFile("../../cases/jakarta-bandung-2015.yaml")
	if err != nil {
		t.Fatal(err)
	}
	rateLine := 1 + strings.Count(string(jb[:strings.Index(string(jb), "rate_pct: 2, maturity_years: 40")]), "\n")
	tests := []struct {
		args []string
		want string
	}{
		// Percentage fields, as shipped: a value typed as a fraction.
		{[]string{"tender", "evaluate", write("t.yaml", "../../cases/jakarta-bandung-2015.yaml", "rate_pct: 2, maturity_years: 40", "rate_pct: 0.02, maturity_years: 40")},
			fmt.Sprintf("t.yaml:%d:37: offers[1].loan.rate_pct: 0.02 read as 0.02 %% is unusual for a loan rate (this field is a percentage: 5 is 5 %%); did you mean 2?", rateLine)},
		{[]string{"lcc", "run", write("l.yaml", "../../examples/lcc/hsr_two_offers.yaml", "discount_rate_pct: {dist: triangular, min: 3, mode: 5, max: 8, value: 5}", "discount_rate_pct: 0.05")},
			"analysis.discount_rate_pct: 0.05 read as 0.05 % is unusual for a discount rate (this field is a percentage: 5 is 5 %); did you mean 5?"},
		// The decimal fields of files written before the one-unit rule: a
		// value typed as a percentage.
		{[]string{"tender", "evaluate", write("t0.yaml", "../../cases/jakarta-bandung-2015.yaml", "rate_pct: 2, maturity_years: 40", "rate: 2, maturity_years: 40")},
			fmt.Sprintf("t0.yaml:%d:33: offers[1].loan.rate: 2 read as 200 %%", rateLine)},
		{[]string{"lcc", "run", write("l0.yaml", "../../examples/lcc/hsr_two_offers.yaml", "discount_rate_pct: {dist: triangular, min: 3, mode: 5, max: 8, value: 5}", "discount_rate: 5")},
			"did you mean 0.05?"},
		// A debt ratio typed as a fraction (0.27 for 27 % of GDP).
		{[]string{"tender", "evaluate", write("d.yaml", "../../cases/jakarta-bandung-2015.yaml", "public_debt_ratio_pct: 27", "public_debt_ratio_pct: 0.27")},
			"observables.public_debt_ratio_pct: 0.27 read as 0.27 % is unusual for a debt ratio (this field is a percentage: 5 is 5 %); did you mean 27?"},
		{[]string{"finance", "compare", write("f.yaml", "../../examples/finance/jakarta-bandung.yaml", "share_financed_pct: 75", "share_financed_pct: 0.75")},
			"offers[0].loan.share_financed_pct: 0.75 read as 0.75 %"},
	}
	for _, tt := range tests {
		_, errOut, code := run(t, db, tt.args...)
		if code == 0 || !strings.Contains(errOut, tt.want) {
			t.Errorf("%v: exit %d, stderr %q lacks %q", tt.args, code, errOut, tt.want)
		}
		if _, errOut, code := run(t, db, append(tt.args, "--allow-unusual")...); strings.Contains(errOut, "unusual") {
			t.Errorf("%v --allow-unusual: exit %d, still refused: %s", tt.args, code, errOut)
		}
	}
}

// A three-player game solved with the two-player default says which
// methods apply; "game random --strategies 2x2x2" needs no --players.
func TestGameManyPlayers(t *testing.T) {
	db := tempDB(t)
	_, errOut, code := run(t, db, "game", "solve", "../../examples/game/mm.nfg")
	if code != 1 || !strings.Contains(errOut, "for a 3-player game use --method pure, simpdiv") {
		t.Errorf("3-player default method: exit %d %q", code, errOut)
	}
	out, errOut, code := run(t, db, "game", "random", "--strategies", "2x2x2", "--seed", "1")
	if code != 0 || !strings.Contains(out, `{ 2 2 2 }`) {
		t.Errorf("game random 2x2x2: exit %d %q %q", code, out, errOut)
	}
}
