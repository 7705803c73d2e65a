package report_test

import (
	"bytes"
	"errors"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/infragame/infragame/report"
)

func TestWriteXLSX(t *testing.T) {
	a := &report.Table{Title: "Ranking: who wins [base case]", Columns: []string{"offer", "score", "share", "count"}, Units: []string{"", "USD m", "", ""},
		Notes: []string{"winner japan"}, Sources: []string{"seed §3.2"}}
	a.AddRow("japan", -5123.25, "12.5 %", 3)
	a.AddRow("china", -5200.5, "7%", 4)
	b := &report.Table{Columns: []string{"id", "note"}}
	b.AddRow("x", "plain text 1e")
	var buf bytes.Buffer
	about := report.About{Command: "infragame tender evaluate case:x --format xlsx", Version: "v1.0.0", Params: []report.KV{{Key: "--pct", Value: "20"}}}
	if err := report.WriteXLSX(&buf, about, a, b); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	want := []string{"Ranking who wins base case", "table2", "sources", "about"}
	if len(sheets) != len(want) {
		t.Fatalf("sheets %q, want %q", sheets, want)
	}
	for i := range want {
		if sheets[i] != want[i] {
			t.Errorf("sheet %d = %q, want %q", i, sheets[i], want[i])
		}
	}
	s := sheets[0]
	get := func(sheet, cell string) string {
		v, err := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	if h := get(s, "B1"); h != "score (USD m)" {
		t.Errorf("header with unit = %q", h)
	}
	num := func(cell string, want float64) {
		t.Helper()
		typ, _ := f.GetCellType(s, cell)
		if typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
			t.Errorf("%s stored as %v, want a number", cell, typ)
		}
		x, err := strconv.ParseFloat(get(s, cell), 64)
		if err != nil || x != want {
			t.Errorf("%s = %q, want %v", cell, get(s, cell), want)
		}
	}
	num("B2", -5123.25)
	num("C2", 0.125)
	num("C3", 0.07)
	num("D3", 4)
	if v := get(s, "A3"); v != "china" {
		t.Errorf("A3 = %q", v)
	}
	// percent and thousands formats
	shown, _ := f.GetCellValue(s, "C2")
	if shown != "12.5%" {
		t.Errorf("C2 shows %q, want 12.5%%", shown)
	}
	// B is in USD m (Table.Units): the currency format.
	if shown, _ := f.GetCellValue(s, "B2"); shown != "-USD 5,123.25" {
		t.Errorf("B2 shows %q, want -USD 5,123.25", shown)
	}
	if p, err := f.GetPanes(s); err != nil || !p.Freeze || p.YSplit != 1 {
		t.Errorf("header row not frozen: %+v %v", p, err)
	}
	if v := get("table2", "B2"); v != "plain text 1e" {
		t.Errorf("text cell = %q", v)
	}
	if v := get("sources", "B2"); v != "seed §3.2" {
		t.Errorf("sources B2 = %q", v)
	}
	if v := get("sources", "B3"); v != "winner japan" {
		t.Errorf("sources B3 = %q", v)
	}
	rows, _ := f.GetRows("about")
	found := map[string]string{}
	for _, r := range rows {
		if len(r) == 2 {
			found[r[0]] = r[1]
		}
	}
	if found["version"] != "v1.0.0" || found["command"] != about.Command || found["--pct"] != "20" {
		t.Errorf("about sheet: %v", found)
	}
}

func TestWriteXLSXNeedsWorkbook(t *testing.T) {
	err := report.Write(new(bytes.Buffer), report.FormatXLSX, nil, &report.Table{})
	if !errors.Is(err, report.ErrNeedsFile) {
		t.Errorf("err = %v", err)
	}
}

// TestWriteXLSXStylesAndLayout reads the workbook back with excelize (a
// reader this package does not use to write): number formats, the bold
// header, column widths, columns past Z, text with edge spaces, control
// characters and markup.
func TestWriteXLSXStylesAndLayout(t *testing.T) {
	cols := make([]string, 30)
	for i := range cols {
		cols[i] = "c" + strconv.Itoa(i+1)
	}
	tb := &report.Table{Title: "wide", Columns: cols}
	row := make([]any, 30)
	for i := range row {
		row[i] = i * 1000
	}
	row[0] = "  padded <a&b> \"q\" "
	row[1] = "bell\x07"
	row[2] = 0.5
	tb.AddRow(row...)
	var buf bytes.Buffer
	if err := report.WriteXLSX(&buf, report.About{Version: "v"}, tb); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	raw := func(cell string) string {
		v, err := f.GetCellValue("wide", cell, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	if v := raw("A2"); v != "  padded <a&b> \"q\" " {
		t.Errorf("A2 = %q", v)
	}
	if v := raw("B2"); v != "bell\uFFFD" {
		t.Errorf("B2 = %q", v)
	}
	if v := raw("AD2"); v != "29000" {
		t.Errorf("AD2 = %q", v)
	}
	if v := raw("AD1"); v != "c30" {
		t.Errorf("AD1 = %q", v)
	}
	if shown, _ := f.GetCellValue("wide", "AD2"); shown != "29,000" {
		t.Errorf("AD2 shows %q", shown)
	}
	if shown, _ := f.GetCellValue("wide", "C2"); shown != "0.5000" {
		t.Errorf("C2 shows %q", shown)
	}
	id, err := f.GetCellStyle("wide", "A1")
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil || st.Font == nil || !st.Font.Bold {
		t.Errorf("header style %+v, %v: want bold", st, err)
	}
	if w, err := f.GetColWidth("wide", "A"); err != nil || w != float64(len("  padded <a&b> \"q\" ")+2) {
		t.Errorf("column A width %v, %v", w, err)
	}
	if w, err := f.GetColWidth("about", "B"); err != nil || w != 100 {
		t.Errorf("about column B width %v, %v", w, err)
	}
}
