package cli_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/infragame/infragame/report"
)

func openWorkbook(t *testing.T, path string) *excelize.File {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// rawRows returns a sheet's cells unformatted.
func rawRows(t *testing.T, f *excelize.File, sheet string) [][]string {
	t.Helper()
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// sameCell compares a workbook cell with a JSON value: numbers as numbers
// (exactly), strings as strings, lists of strings joined with "|", objects
// and other lists as JSON.
func sameCell(cell string, v any) bool {
	switch x := v.(type) {
	case nil:
		return cell == ""
	case float64:
		y, err := strconv.ParseFloat(cell, 64)
		return err == nil && y == x || (x == 0 && cell == "")
	case bool:
		return cell == strconv.FormatBool(x) || (!x && cell == "")
	case string:
		if cell == x {
			return true
		}
		// a numeric-looking string is stored as a number
		a, err1 := strconv.ParseFloat(cell, 64)
		b, err2 := strconv.ParseFloat(x, 64)
		return err1 == nil && err2 == nil && a == b
	case []any:
		if len(x) == 0 {
			return cell == ""
		}
		strs := make([]string, 0, len(x))
		for _, e := range x {
			s, ok := e.(string)
			if !ok {
				strs = nil
				break
			}
			strs = append(strs, s)
		}
		if strs != nil {
			return cell == strings.Join(strs, "|")
		}
	}
	var got any
	if err := json.Unmarshal([]byte(cell), &got); err != nil {
		return false
	}
	return reflect.DeepEqual(got, v)
}

// TestTornadoWorkbookMatchesJSON compares every cell of the tornado sheet
// with the JSON output of the same command.
func TestTornadoWorkbookMatchesJSON(t *testing.T) {
	db := tempDB(t)
	out, errOut, code := run(t, db, "tender", "tornado", "case:jakarta-bandung-2015", "--format", "json")
	if code != 0 {
		t.Fatal(errOut)
	}
	var doc struct {
		Bars []map[string]any `json:"bars"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "tornado.xlsx")
	if _, errOut, code := run(t, db, "tender", "tornado", "case:jakarta-bandung-2015", "--format", "xlsx", "-o", path); code != 0 {
		t.Fatal(errOut)
	}
	f := openWorkbook(t, path)
	sheets := f.GetSheetList()
	if len(sheets) != 3 || sheets[1] != "sources" || sheets[2] != "about" {
		t.Fatalf("sheets %q", sheets)
	}
	rows := rawRows(t, f, sheets[0])
	if len(rows)-1 != len(doc.Bars) || len(doc.Bars) == 0 {
		t.Fatalf("%d rows for %d bars", len(rows)-1, len(doc.Bars))
	}
	field := map[string]string{"low": "low_value", "high": "high_value"}
	for i, bar := range doc.Bars {
		for c, col := range rows[0] {
			name, _ := report.SplitHeader(col) // "base (units of param)"
			if n, ok := field[name]; ok {
				name = n
			}
			v, ok := bar[name]
			if !ok {
				t.Fatalf("column %q has no JSON field", col)
			}
			cell := ""
			if c < len(rows[i+1]) {
				cell = rows[i+1][c]
			}
			if !sameCell(cell, v) {
				t.Errorf("bar %d %s: workbook %q, JSON %v", i, col, cell, v)
			}
		}
	}
	about := map[string]string{}
	for _, r := range rawRows(t, f, "about") {
		if len(r) == 2 {
			about[r[0]] = r[1]
		}
	}
	if !strings.Contains(about["command"], "tender tornado case:jakarta-bandung-2015") || about["version"] == "" || about["--format"] != "xlsx" {
		t.Errorf("about sheet: %v", about)
	}
}

// TestDataExportWorkbookMatchesJSON writes the whole dataset as a workbook
// and compares every cell with data export --format json.
func TestDataExportWorkbookMatchesJSON(t *testing.T) {
	db := tempDB(t)
	out, errOut, code := run(t, db, "data", "export", "--format", "json")
	if code != 0 {
		t.Fatal(errOut)
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "data.xlsx")
	if _, errOut, code := run(t, db, "data", "export", "--format", "xlsx", "-o", path); code != 0 {
		t.Fatal(errOut)
	}
	f := openWorkbook(t, path)
	kinds := 0
	for key, v := range doc {
		recs, ok := v.([]any)
		if !ok {
			continue
		}
		kinds++
		rows := rawRows(t, f, key)
		if len(rows)-1 != len(recs) {
			t.Errorf("%s: %d rows for %d records", key, len(rows)-1, len(recs))
			continue
		}
		for i, r := range recs {
			rec := r.(map[string]any)
			for c, col := range rows[0] {
				cell := ""
				if c < len(rows[i+1]) {
					cell = rows[i+1][c]
				}
				name, _ := report.SplitHeader(col) // "value.amount (value.currency …)"
				if v := jsonPath(rec, name); !sameCell(cell, v) {
					t.Errorf("%s[%d].%s: workbook %q, JSON %s", key, i, col, cell, short(v))
				}
			}
		}
	}
	if kinds < 5 {
		t.Errorf("only %d kinds exported", kinds)
	}
	if got := len(f.GetSheetList()); got != kinds+2 {
		t.Errorf("%d sheets for %d kinds + sources + about", got, kinds)
	}
}

func short(v any) string {
	s := fmt.Sprint(v)
	if len(s) > 80 {
		s = s[:80] + "…"
	}
	return s
}

func TestXLSXNeedsOutputFile(t *testing.T) {
	_, errOut, code := run(t, tempDB(t), "tender", "tornado", "case:jakarta-bandung-2015", "--format", "xlsx")
	if code != 2 || !strings.Contains(errOut, "-o FILE.xlsx") {
		t.Errorf("exit %d: %s", code, errOut)
	}
}

// TestWorkbookUnitsInHeaders checks that a table's units reach the header.
func TestWorkbookUnitsInHeaders(t *testing.T) {
	path := filepath.Join(t.TempDir(), "schedule.xlsx")
	if _, errOut, code := run(t, tempDB(t), "finance", "schedule", "--principal", "1e9", "--currency", "JPY", "--rate", "0.1",
		"--maturity", "40", "--grace", "10", "--format", "xlsx", "-o", path); code != 0 {
		t.Fatal(errOut)
	}
	f := openWorkbook(t, path)
	rows := rawRows(t, f, f.GetSheetList()[0])
	want := []string{"period", "time_years (years)", "rate_% (%)", "disbursed (JPY)"}
	for i, w := range want {
		if rows[0][i] != w {
			t.Errorf("header %d = %q, want %q", i, rows[0][i], w)
		}
	}
	// 80 semi-annual payments; principal repaid = principal disbursed
	if len(rows) < 81 {
		t.Errorf("%d rows", len(rows))
	}
}

// TestOutputFileText checks that -o sends a text format to the file and
// nothing to standard output, and that a failing command writes no file.
func TestOutputFileText(t *testing.T) {
	db := tempDB(t)
	path := filepath.Join(t.TempDir(), "t.csv")
	out, errOut, code := run(t, db, "tender", "tornado", "case:jakarta-bandung-2015", "--format", "csv", "-o", path)
	if code != 0 || out != "" {
		t.Fatalf("exit %d, stdout %q: %s", code, out, errOut)
	}
	want, _, _ := run(t, db, "tender", "tornado", "case:jakarta-bandung-2015", "--format", "csv")
	got, err := os.ReadFile(path)
	// a CSV file starts with a UTF-8 byte-order mark (--bom's default for files)
	if err != nil || string(got) != "\uFEFF"+want {
		t.Errorf("file differs from stdout output with a BOM (%v)", err)
	}
	bad := filepath.Join(t.TempDir(), "bad.csv")
	if _, _, code := run(t, db, "tender", "tornado", "case:no-such-case", "--format", "csv", "-o", bad); code == 0 {
		t.Error("bad case accepted")
	}
	if _, err := os.Stat(bad); err == nil {
		t.Error("a failing command wrote its output file")
	}
}

// jsonPath follows a flattened column name ("value.unit") into a decoded
// JSON record; nil when a step is missing.
func jsonPath(rec map[string]any, col string) any {
	var v any = rec
	for _, k := range strings.Split(col, ".") {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}
