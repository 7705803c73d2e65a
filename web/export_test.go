package web_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

func init() {
	apiCalls = append(apiCalls,
		struct{ method, path, body string }{"GET", "/api/v1/export?kind=project&exporter=JP", ""},
		struct{ method, path, body string }{"GET", "/api/v1/export?kind=fact&format=csv", ""},
		struct{ method, path, body string }{"GET", "/api/v1/export?format=csv", ""},
		struct{ method, path, body string }{"GET", "/api/v1/export?format=pdf", ""},
	)
}

// withoutVersion decodes an export document and drops its version (the
// server's and the command line's differ in tests).
func withoutVersion(t *testing.T, doc string) string {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(doc), &m); err != nil {
		t.Fatalf("not JSON: %v\n%.300s", err, doc)
	}
	delete(m, "version")
	b, _ := json.Marshal(m)
	return string(b)
}

// TestExportEqualsCLI: the download of the dataset explorer is `infragame
// data export`: the whole JSON document, one kind as CSV byte for byte, a
// workbook; with filters, the records `data list` selects with the same
// filters, every field.
func TestExportEqualsCLI(t *testing.T) {
	ts := newStoreServer(t)
	_, got := get(t, ts, "/api/v1/export?format=json")
	if want := runCLI(t, "data", "export", "--format", "json"); withoutVersion(t, got) != withoutVersion(t, want) {
		t.Errorf("export JSON differs from data export --format json:\n%.300s\nwant\n%.300s", got, want)
	}
	resp, got := get(t, ts, "/api/v1/export?format=csv&kind=project")
	if want := runCLI(t, "data", "export", "--format", "csv", "--kind", "project"); got != want {
		t.Errorf("export CSV differs from data export --format csv --kind project:\n%.300s\nwant\n%.300s", got, want)
	}
	if ct, cd := resp.Header.Get("Content-Type"), resp.Header.Get("Content-Disposition"); !strings.HasPrefix(ct, "text/csv") || !strings.Contains(cd, "infragame-projects.csv") {
		t.Errorf("export CSV: Content-Type %q, Content-Disposition %q", ct, cd)
	}
	_, got = get(t, ts, "/api/v1/export?format=json&kind=project&exporter=JP&sector=hsr")
	var doc struct {
		Projects json.RawMessage `json:"projects"`
	}
	if err := json.Unmarshal([]byte(got), &doc); err != nil {
		t.Fatal(err)
	}
	if want := runCLI(t, "data", "list", "project", "--exporter", "JP", "--sector", "hsr"); !jsonEqual(t, string(doc.Projects), want) {
		t.Errorf("filtered export differs from data list project --exporter JP --sector hsr:\n%.300s\nwant\n%.300s", doc.Projects, want)
	}
	resp, got = get(t, ts, "/api/v1/export?format=xlsx")
	zr, err := zip.NewReader(bytes.NewReader([]byte(got)), int64(len(got)))
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("export XLSX: %d, not a workbook: %v", resp.StatusCode, err)
	}
	sheets := 0
	for _, f := range zr.File {
		if strings.HasPrefix(f.Name, "xl/worksheets/sheet") {
			sheets++
		}
	}
	if sheets < 6 { // one per kind, and the sources
		t.Errorf("export XLSX: %d sheets", sheets)
	}
	if resp, _ = get(t, ts, "/api/v1/export?format=csv"); resp.StatusCode != 400 {
		t.Errorf("CSV of every kind: %d, want 400", resp.StatusCode)
	}
	_, page := get(t, ts, "/data?lang=zh&kind=project&exporter=JP")
	if !strings.Contains(page, `href="/api/v1/export?exporter=JP&amp;kind=project&amp;format=csv"`) || !strings.Contains(page, "导出") {
		t.Errorf("the explorer offers no export of the records shown:\n%s", section(t, page, `id="count"`, "</table>"))
	}
}
