package report

import (
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// FormatXLSX writes an Excel workbook: one sheet per table, plus a
// "sources" and an "about" sheet. See [WriteXLSX].
const FormatXLSX Format = "xlsx"

// About is what a workbook's "about" sheet states: the command that made
// it, the program version and the parameters.
type About struct {
	Command string
	Version string
	Params  []KV
}

// ErrNeedsFile is returned when a workbook would go to a terminal or a pipe
// that cannot say where it ends: give an output file.
var ErrNeedsFile = errors.New("report: --format xlsx writes a binary workbook: give -o FILE.xlsx")

// Workbook collects the tables a command writes with [Write] in
// [FormatXLSX], for one workbook written at the end with [Workbook.WriteTo].
// Other bytes written to it pass through to Out (messages a command prints
// beside its records).
type Workbook struct {
	Out    io.Writer
	About  About
	tables []*Table
}

// Write implements io.Writer by passing p through to Out.
func (w *Workbook) Write(p []byte) (int, error) {
	if w.Out == nil {
		return len(p), nil
	}
	return w.Out.Write(p)
}

// Add appends tables to the workbook.
func (w *Workbook) Add(tables ...*Table) { w.tables = append(w.tables, tables...) }

// Len is the number of tables collected.
func (w *Workbook) Len() int { return len(w.tables) }

// WriteTo writes the workbook as XLSX to dst.
func (w *Workbook) WriteTo(dst io.Writer) (int64, error) {
	cw := &countWriter{w: dst}
	err := WriteXLSX(cw, w.About, w.tables...)
	return cw.n, err
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// percentCell matches a cell printed as a percentage: "12.5 %", "-3%".
var percentCell = regexp.MustCompile(`^([-+]?[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s?%$`)

// xlsxValue returns the value to store for a cell: numbers as float64
// (percent strings as fractions, flagged pct), anything else as text.
func xlsxValue(s string) (v any, pct bool) {
	t := strings.TrimSpace(s)
	if t == "" {
		return nil, false
	}
	if f, err := strconv.ParseFloat(t, 64); err == nil && !math.IsNaN(f) && !math.IsInf(f, 0) && !strings.ContainsAny(t, "xXpP_") {
		return f, false
	}
	if m := percentCell.FindStringSubmatch(t); m != nil {
		f, _ := strconv.ParseFloat(m[1], 64)
		return f / 100, true
	}
	return s, false
}

// rawNumber returns the full-precision number behind cell (r, c) when the
// row was added with AddRow and the value printed is the cell's text.
func (t *Table) rawNumber(r, c int) (float64, bool) {
	if r >= len(t.raw) || c >= len(t.raw[r]) || c >= len(t.Rows[r]) {
		return 0, false
	}
	v := t.raw[r][c]
	var x float64
	switch n := v.(type) {
	case float64:
		x = n
	case float32:
		x = float64(n)
	case *float64:
		if n == nil {
			return 0, false
		}
		x = *n
	case int:
		x = float64(n)
	case int64:
		x = float64(n)
	case uint64:
		x = float64(n)
	case interface{ Number() float64 }:
		x = n.Number()
	default:
		return 0, false
	}
	if math.IsNaN(x) || math.IsInf(x, 0) || Cell(v) != t.Rows[r][c] {
		return 0, false
	}
	return x, true
}

// decimals is the number of decimals of x's shortest exact representation.
func decimals(x float64) int {
	s := strconv.FormatFloat(x, 'f', -1, 64)
	if i := strings.IndexByte(s, '.'); i >= 0 {
		return len(s) - i - 1
	}
	return 0
}

// sheetName makes a valid, unique sheet name (≤ 31 characters, none of
// []:*?/\) from a table title.
func sheetName(title string, i int, used map[string]bool) string {
	name := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) {
			return ' '
		}
		return r
	}, title)
	// keep the part before the first parenthesis or colon-like separator short
	name = strings.Join(strings.Fields(name), " ")
	if name == "" {
		name = fmt.Sprintf("table%d", i+1)
	}
	r := []rune(name)
	if len(r) > 28 {
		r = r[:28]
	}
	name = strings.TrimSpace(string(r))
	base := name
	for k := 2; used[strings.ToLower(name)] || strings.EqualFold(name, "sources") || strings.EqualFold(name, "about"); k++ {
		name = fmt.Sprintf("%s %d", base, k)
	}
	used[strings.ToLower(name)] = true
	return name
}

// WriteXLSX writes the tables as an Excel workbook: one sheet per table
// (the header row frozen and bold, numbers stored as numbers with a number
// format — thousands separators, percentages for cells printed with "%" —,
// units from [Table.Units] in the header), then a "sources" sheet with every
// table's notes and sources, and an "about" sheet with the command, the
// version and the parameters.
func WriteXLSX(w io.Writer, about About, tables ...*Table) error {
	f := excelize.NewFile()
	defer f.Close()
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"EEEEEE"}}})
	if err != nil {
		return err
	}
	intFmt, pctFmt, decFmt, bigFmt := "#,##0", "0.0%", "0.0000", "#,##0.00"
	styles := map[string]int{}
	for _, nf := range []string{intFmt, pctFmt, decFmt, bigFmt} {
		nf := nf
		id, err := f.NewStyle(&excelize.Style{CustomNumFmt: &nf})
		if err != nil {
			return err
		}
		styles[nf] = id
	}
	used := map[string]bool{}
	first := true
	for i, t := range tables {
		name := sheetName(t.Title, i, used)
		if first {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return err
			}
			first = false
		} else if _, err := f.NewSheet(name); err != nil {
			return err
		}
		if err := writeSheet(f, name, t, bold, styles, intFmt, pctFmt, decFmt, bigFmt); err != nil {
			return fmt.Errorf("report: sheet %q: %w", name, err)
		}
	}
	// sources
	src := "sources"
	if first {
		if err := f.SetSheetName("Sheet1", src); err != nil {
			return err
		}
	} else if _, err := f.NewSheet(src); err != nil {
		return err
	}
	rows := [][]any{{"table", "source or note"}}
	for i, t := range tables {
		name := t.Title
		if name == "" {
			name = fmt.Sprintf("table%d", i+1)
		}
		for _, s := range t.Sources {
			rows = append(rows, []any{name, s})
		}
		for _, n := range t.Notes {
			rows = append(rows, []any{name, n})
		}
	}
	if err := writeRows(f, src, rows, bold); err != nil {
		return err
	}
	// about
	if _, err := f.NewSheet("about"); err != nil {
		return err
	}
	ab := [][]any{{"field", "value"}, {"program", "infragame"}, {"version", about.Version}, {"command", about.Command}}
	for _, kv := range about.Params {
		ab = append(ab, []any{kv.Key, kv.Value})
	}
	if err := writeRows(f, "about", ab, bold); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}

func writeRows(f *excelize.File, sheet string, rows [][]any, bold int) error {
	for r, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, r+1)
		if err := f.SetSheetRow(sheet, cell, &row); err != nil {
			return err
		}
	}
	if err := f.SetCellStyle(sheet, "A1", "B1", bold); err != nil {
		return err
	}
	if err := f.SetColWidth(sheet, "A", "A", 28); err != nil {
		return err
	}
	if err := f.SetColWidth(sheet, "B", "B", 100); err != nil {
		return err
	}
	return f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
}

func writeSheet(f *excelize.File, sheet string, t *Table, bold int, styles map[string]int, intFmt, pctFmt, decFmt, bigFmt string) error {
	for c, h := range t.Columns {
		if c < len(t.Units) && t.Units[c] != "" {
			h += " (" + t.Units[c] + ")"
		}
		cell, _ := excelize.CoordinatesToCellName(c+1, 1)
		if err := f.SetCellValue(sheet, cell, h); err != nil {
			return err
		}
	}
	if len(t.Columns) > 0 {
		last, _ := excelize.CoordinatesToCellName(len(t.Columns), 1)
		if err := f.SetCellStyle(sheet, "A1", last, bold); err != nil {
			return err
		}
	}
	// the number format of a column: integers, or decimals (with
	// thousands separators for large magnitudes)
	colFmt := make([]string, len(t.Columns))
	for c := range t.Columns {
		allInt, big := true, false
		for _, row := range t.Rows {
			if c >= len(row) {
				continue
			}
			if v, pct := xlsxValue(row[c]); !pct {
				if x, ok := v.(float64); ok {
					if x != math.Trunc(x) {
						allInt = false
					}
					if math.Abs(x) >= 1000 {
						big = true
					}
				}
			}
		}
		switch {
		case allInt:
			colFmt[c] = intFmt
		case big:
			colFmt[c] = bigFmt
		default:
			colFmt[c] = decFmt
		}
	}
	for r, row := range t.Rows {
		for c, s := range row {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+2)
			v, pct := xlsxValue(s)
			if c < len(t.TextColumns) && t.TextColumns[c] {
				v, pct = s, false
				if s == "" {
					v = nil
				}
			}
			if x, ok := t.rawNumber(r, c); ok {
				v, pct = x, false
			}
			if v == nil {
				continue
			}
			if x, ok := v.(float64); ok {
				// the shortest decimals that read back as x: excelize's
				// automatic precision would cut to Excel's 15 digits
				if err := f.SetCellFloat(sheet, cell, x, decimals(x), 64); err != nil {
					return err
				}
			} else if err := f.SetCellValue(sheet, cell, v); err != nil {
				return err
			}
			if _, ok := v.(float64); ok {
				nf := colFmt[min(c, len(colFmt)-1)]
				if pct {
					nf = pctFmt
				}
				if err := f.SetCellStyle(sheet, cell, cell, styles[nf]); err != nil {
					return err
				}
			}
		}
	}
	for c, h := range t.Columns {
		w := float64(displayWidth(h)) + 2
		for _, row := range t.Rows {
			if c < len(row) {
				w = math.Max(w, float64(displayWidth(row[c]))+2)
			}
		}
		col, _ := excelize.ColumnNumberToName(c + 1)
		if err := f.SetColWidth(sheet, col, col, math.Min(w, 60)); err != nil {
			return err
		}
	}
	return f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
}
