package cli_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/infragame/infragame/internal/cli/fullcmd"
)

// run executes the command line with a private database and returns stdout,
// stderr and the exit code.
func run(t *testing.T, db string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	full := append([]string{"--db", db}, args...)
	code := fullcmd.Main(context.Background(), full, strings.NewReader(""), &out, &errb)
	return out.String(), errb.String(), code
}

func tempDB(t *testing.T) string { return filepath.Join(t.TempDir(), "test.db") }

func TestVersionAndHelp(t *testing.T) {
	db := tempDB(t)
	if out, _, code := run(t, db, "--version"); code != 0 || !strings.Contains(out, "infragame") {
		t.Fatalf("--version: %d %q", code, out)
	}
	for _, args := range [][]string{{"--help"}, {"data", "--help"}, {"data", "search", "--help"}, {"brief", "--help"}} {
		if out, _, code := run(t, db, args...); code != 0 || !strings.Contains(out, "Usage") {
			t.Errorf("%v: %d %q", args, code, out)
		}
	}
	if _, errOut, code := run(t, db, "--format", "xml", "data", "list", "fact"); code != 2 || !strings.Contains(errOut, "unknown format") {
		t.Errorf("bad format: %d %q", code, errOut)
	}
}

func TestDataSearch(t *testing.T) {
	db := tempDB(t)
	tests := []struct {
		query string
		want  string // an id that must be found
	}{
		{"9.26", "jp-orders-2013-value"},
		{"雅万", "jakarta-bandung-order-value"},
		{"Dallas", "dallas-houston-length"},
	}
	for _, tt := range tests {
		out, errOut, code := run(t, db, "data", "search", tt.query)
		if code != 0 || !strings.Contains(out, tt.want) {
			t.Errorf("search %q: code %d, %q not in output\n%s%s", tt.query, code, tt.want, out, errOut)
		}
	}
	out, _, _ := run(t, db, "--format", "json", "data", "search", "9.26")
	var res struct {
		Total int              `json:"total"`
		Hits  []map[string]any `json:"hits"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil || len(res.Hits) == 0 || res.Total != len(res.Hits) {
		t.Fatalf("json search: %v %q", err, out)
	}
	all := res
	// --limit keeps the best hits and says how many matched: in JSON the
	// total, in a table a trailer that says how to see them all
	out, _, _ = run(t, db, "--format", "json", "data", "search", "9.26", "--limit", "1")
	if err := json.Unmarshal([]byte(out), &res); err != nil || len(res.Hits) != 1 || res.Total != all.Total || res.Hits[0]["id"] != all.Hits[0]["id"] {
		t.Fatalf("json search --limit 1: %v %q", err, out)
	}
	if all.Total < 2 {
		t.Fatalf("9.26 has %d hits: the limit is not tested", all.Total)
	}
	out, _, code := run(t, db, "data", "search", "9.26", "--limit", "1")
	if want := fmt.Sprintf("%d matches for \"9.26\"; showing the best 1 (--limit 0 for all).", all.Total); code != 0 || !strings.Contains(out, want) {
		t.Errorf("table search --limit 1: code %d, no %q in\n%s", code, want, out)
	}
	out, _, code = run(t, db, "--format", "csv", "data", "search", "9.26")
	if n := strings.Count(out, "\n") - 1; code != 0 || n != all.Total {
		t.Errorf("csv search: code %d, %d rows, want every hit (%d)\n%s", code, n, all.Total, out)
	}
	if _, errOut, code := run(t, db, "data", "search", "9.26", "--limit", "-1"); code != 2 {
		t.Errorf("--limit -1: code %d, want a usage error (2)\n%s", code, errOut)
	}
}

func TestDataListShowExport(t *testing.T) {
	db := tempDB(t)
	out, _, code := run(t, db, "data", "list", "fact", "--topic", "filp")
	if code != 0 || !strings.Contains(out, "filp-fy2016-total") {
		t.Fatalf("list: %d\n%s", code, out)
	}
	out, _, code = run(t, db, "--format", "csv", "data", "list", "fact", "--year", "2013")
	if code != 0 || !strings.HasPrefix(out, "id,source,quote") {
		t.Fatalf("list csv: %d\n%.200s", code, out)
	}
	out, _, code = run(t, db, "data", "show", "jp-orders-2013-value")
	if code != 0 || !strings.Contains(out, "9． 26") || !strings.Contains(out, "seed §") {
		t.Fatalf("show: %d\n%s", code, out)
	}
	if _, errOut, code := run(t, db, "data", "show", "no-such-id"); code != 1 || !strings.Contains(errOut, "no record") {
		t.Fatalf("show missing: %d %q", code, errOut)
	}
	out, _, code = run(t, db, "--format", "json", "data", "export")
	var doc map[string]json.RawMessage
	if code != 0 || json.Unmarshal([]byte(out), &doc) != nil || len(doc["facts"]) < 100 {
		t.Fatalf("export json: %d", code)
	}
	dir := t.TempDir()
	if _, errOut, code := run(t, db, "--format", "csv", "data", "export", "--out", dir); code != 0 {
		t.Fatalf("export csv: %s", errOut)
	}
	for _, f := range []string{"facts.csv", "projects.csv", "fx.csv"} {
		if st, err := os.Stat(filepath.Join(dir, f)); err != nil || st.Size() == 0 {
			t.Errorf("export csv: %s missing", f)
		}
	}
	// The exported JSON imports as a file whose every id is already used: refused, nothing written.
	p := filepath.Join(t.TempDir(), "all.json")
	os.WriteFile(p, []byte(out), 0o644)
	if _, errOut, code := run(t, db, "data", "import", p); code != 1 || !strings.Contains(errOut, "already used") {
		t.Fatalf("re-import of export: %d %.300s", code, errOut)
	}
}

func TestDataImportValidate(t *testing.T) {
	db := tempDB(t)
	dir := t.TempDir()
	good := filepath.Join(dir, "mine.yaml")
	os.WriteFile(good, []byte(`projects:
  - id: my-port
    name: My port
    host: LK
    region: south-asia
    sector: port
    year: 2016
    parties: [{country: CN, role: winner}, {country: JP, role: bidder}]
    loans: [{lender: china-exim, status: signed, rate_pct: 2, maturity_years: 20, grace_years: 5}]
    source: my notes
`), 0o644)
	out, errOut, code := run(t, db, "data", "import", good)
	if code != 0 || !strings.Contains(out, "import #1") {
		t.Fatalf("import: %d %s %s", code, out, errOut)
	}
	if _, errOut, code := run(t, db, "data", "import", good); code != 1 || !strings.Contains(errOut, "already imported") {
		t.Fatalf("second import: %d %s", code, errOut)
	}
	out, _, _ = run(t, db, "data", "show", "my-port")
	if !strings.Contains(out, "My port") {
		t.Fatal("imported record not shown")
	}
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte("projects:\n  - id: p2\n    name: P\n    host: LK\n    region: south-asia\n    sector: port\n    year: 2400\n    size: [{value: -3, unit: km}]\n    source: s\n  - id: p3\n    colour: red\n"), 0o644)
	_, errOut, code = run(t, db, "data", "validate", bad)
	if code != 1 || !strings.Contains(errOut, "bad.yaml:7") || !strings.Contains(errOut, "bad.yaml:8") || !strings.Contains(errOut, "bad.yaml:11") {
		t.Fatalf("validate: %d\n%s", code, errOut)
	}
	_, _, code = run(t, db, "data", "import", bad)
	out, _, _ = run(t, db, "data", "imports")
	if code != 1 || strings.Count(out, "mine.yaml") != 1 || strings.Contains(out, "bad.yaml") {
		t.Fatalf("bad import must write nothing: %d\n%s", code, out)
	}
	// AidData import
	sample := filepath.Join("..", "..", "dataset", "testdata", "aiddata-gcdf3-sample.csv")
	out, errOut, code = run(t, db, "data", "import", "--from", "aiddata", sample)
	if code != 0 || !strings.Contains(out, "project: 2") || !strings.Contains(out, "skipped 1 row(s)") {
		t.Fatalf("aiddata import: %d %s %s", code, out, errOut)
	}
	out, _, _ = run(t, db, "data", "list", "project", "--host", "AG")
	if !strings.Contains(out, "aiddata-t-0001") {
		t.Fatalf("aiddata project not listed:\n%s", out)
	}
	_, errOut, code = run(t, db, "data", "validate", "--from", "aiddata", filepath.Join("..", "..", "dataset", "testdata", "aiddata-bad.csv"))
	if code != 1 || !strings.Contains(errOut, "Interest Rate") {
		t.Fatalf("aiddata validate: %d %s", code, errOut)
	}
}

func TestBriefAndSummary(t *testing.T) {
	db := tempDB(t)
	out, errOut, code := run(t, db, "brief")
	if code != 0 {
		t.Fatalf("brief: %s", errOut)
	}
	// required growth (30/16)^(1/7)-1 = 9.4 %; achieved 1.6^(1/3)-1 = 17.0 %
	for _, want := range []string{"9.4 %", "17.0 %", "Jakarta"} {
		if !strings.Contains(out, want) {
			t.Errorf("brief lacks %q:\n%s", want, out)
		}
	}
	out, _, code = run(t, db, "--format", "json", "data", "summary")
	var doc map[string]any
	if code != 0 || json.Unmarshal([]byte(out), &doc) != nil || doc["counts"] == nil {
		t.Fatalf("summary json: %d %.200s", code, out)
	}
}

// finance compare --project builds the offers from the dataset: Japan's
// 0.1 %/40/10 yen loan (75 %) against CDB's 2 %/40/10 dollar loan (75 %),
// both sized on the seed's US$5 bn (seed §2; Reuters/Kyodo 2015; detik 2015).
func TestFinanceCompareFromDataset(t *testing.T) {
	db := tempDB(t)
	out, errOut, code := run(t, db, "--format", "json", "finance", "compare", "--project", "jakarta-bandung-hsr", "--call-probability", "10")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var doc struct {
		Offers []struct {
			Name   string `json:"name"`
			Lender string `json:"lender"`
		} `json:"offers"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil || len(doc.Offers) != 2 {
		t.Fatalf("offers: %v %.300s", err, out)
	}
	if doc.Offers[0].Lender != "jica" || doc.Offers[1].Lender != "cdb" {
		t.Errorf("lenders %+v", doc.Offers)
	}
	if _, errOut, code := run(t, db, "finance", "compare", "--project", "matarbari"); code != 1 || !strings.Contains(errOut, "comparing needs two") {
		t.Errorf("project without offers: %d %s", code, errOut)
	}
	if _, errOut, code := run(t, db, "finance", "compare"); code != 2 || !strings.Contains(errOut, "either FILE.yaml or --project") {
		t.Errorf("no input: %d %s", code, errOut)
	}
}

// The README's example files validate and import.
func TestReadmeDataExamples(t *testing.T) {
	db := tempDB(t)
	ex := filepath.Join("..", "..", "examples", "data", "my-projects.yaml")
	if out, errOut, code := run(t, db, "data", "import", ex); code != 0 || !strings.Contains(out, "project: 1") {
		t.Fatalf("import %s: %d %s %s", ex, code, out, errOut)
	}
}
