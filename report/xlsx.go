package report

import (
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"sync"
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
var percentCell = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^([-+]?[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s?%$`) })

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
	if m := percentCell().FindStringSubmatch(t); m != nil {
		f, _ := strconv.ParseFloat(m[1], 64)
		return f / 100, true
	}
	return s, false
}

// Number returns the full-precision number behind cell (r, c) when the
// row was added with [Table.AddRow] and the text of the cell is that
// number as [Cell] prints it (rounded to 6 significant digits); false for
// text, a number formatted by its caller, NaN and infinities.
func (t *Table) Number(r, c int) (float64, bool) { return t.rawNumber(r, c) }

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
// units in the header, "name (unit)", from [Table.Unit]), then a "sources" sheet with every
// table's notes and sources, and an "about" sheet with the command, the
// version and the parameters.
//
// The workbook is written by [xlsxBook] (Office Open XML, ECMA-376 Part 1,
// SpreadsheetML): no spreadsheet library is linked into the program, so
// commands that do not write workbooks do not pay for one at start-up.
func WriteXLSX(w io.Writer, about About, tables ...*Table) error {
	b := &xlsxBook{}
	used := map[string]bool{}
	for i, t := range tables {
		b.sheets = append(b.sheets, tableSheet(sheetName(t.Title, i, used), t))
	}
	rows := [][]string{{"table", "source or note"}}
	for i, t := range tables {
		name := t.Title
		if name == "" {
			name = fmt.Sprintf("table%d", i+1)
		}
		for _, s := range t.Sources {
			rows = append(rows, []string{name, s})
		}
		for _, n := range t.Notes {
			rows = append(rows, []string{name, n})
		}
	}
	b.sheets = append(b.sheets, textSheet("sources", rows))
	ab := [][]string{{"field", "value"}, {"program", "infragame"}, {"version", about.Version}, {"command", about.Command}}
	for _, kv := range about.Params {
		ab = append(ab, []string{kv.Key, kv.Value})
	}
	b.sheets = append(b.sheets, textSheet("about", ab))
	return b.write(w)
}

// textSheet is a two-column sheet of text with a bold, frozen header row.
func textSheet(name string, rows [][]string) *xlsxSheet {
	sh := &xlsxSheet{name: name, widths: []float64{28, 100}}
	for r, row := range rows {
		cells := make([]xlsxCell, len(row))
		for c, s := range row {
			cells[c] = xlsxCell{text: s, isText: true}
			if r == 0 {
				cells[c].style = styleHeader
			}
		}
		sh.rows = append(sh.rows, cells)
	}
	return sh
}

func tableSheet(name string, t *Table) *xlsxSheet {
	sh := &xlsxSheet{name: name}
	header := make([]xlsxCell, len(t.Columns))
	for c := range t.Columns {
		header[c] = xlsxCell{text: t.header(c), isText: true, style: styleHeader}
	}
	sh.rows = append(sh.rows, header)
	// the number format of a column: integers, or decimals (with
	// thousands separators for large magnitudes)
	colFmt := make([]int, len(t.Columns))
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
		case currencyStyle(t.Unit(c)) != 0:
			colFmt[c] = currencyStyle(t.Unit(c))
		case allInt:
			colFmt[c] = styleInt
		case big:
			colFmt[c] = styleBig
		default:
			colFmt[c] = styleDec
		}
	}
	for r, row := range t.Rows {
		cells := make([]xlsxCell, len(row))
		for c, s := range row {
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
			switch x := v.(type) {
			case float64:
				st := styleDec
				if len(colFmt) > 0 {
					st = colFmt[min(c, len(colFmt)-1)]
				}
				if pct {
					st = stylePct
				}
				cells[c] = xlsxCell{num: x, isNum: true, style: st}
			case string:
				cells[c] = xlsxCell{text: x, isText: true}
			}
		}
		sh.rows = append(sh.rows, cells)
	}
	for c, h := range t.Columns {
		w := float64(displayWidth(h)) + 2
		for _, row := range t.Rows {
			if c < len(row) {
				w = math.Max(w, float64(displayWidth(row[c]))+2)
			}
		}
		sh.widths = append(sh.widths, math.Min(w, 60))
	}
	return sh
}
