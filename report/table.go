package report

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/infragame/infragame/internal/numfmt"
)

// Format is an output format accepted by every command that prints records.
type Format string

// The formats understood by [Write].
const (
	FormatTable Format = "table"
	FormatJSON  Format = "json"
	FormatCSV   Format = "csv"
)

// ErrUnknownFormat is returned by [ParseFormat] for a name that is not a format.
var ErrUnknownFormat = errors.New("report: unknown format")

// ParseFormat returns the format named s (table, json, csv or xlsx).
func ParseFormat(s string) (Format, error) {
	switch f := Format(strings.ToLower(strings.TrimSpace(s))); f {
	case FormatTable, FormatJSON, FormatCSV, FormatXLSX:
		return f, nil
	}
	return "", fmt.Errorf("%w %q (want table, json, csv or xlsx)", ErrUnknownFormat, s)
}

// Table is a titled grid of cells. Columns holds the header; every row must
// have len(Columns) cells. Notes are printed under a text table (sources,
// flags, conventions) and ignored by CSV.
type Table struct {
	// ID is the table's machine name for --table and file names (default:
	// derived from Title, see [Table.Name]).
	ID      string
	Title   string
	Columns []string
	Rows    [][]string
	Notes   []string
	// Units optionally gives each column's unit ("USD m", "%", "years"),
	// shown in a workbook's header as "column (unit)".
	Units []string
	// SheetUnits gives units shown in a workbook's header only, where a
	// text table would grow too wide ("units of param"); see [Table.Unit].
	SheetUnits []string
	// TextColumns marks columns stored as text in a workbook even when a
	// cell looks like a number ("80%" printed in a source stays "80%").
	TextColumns []bool
	// Sources are citations listed on a workbook's sources sheet.
	Sources []string
	// raw keeps the values given to AddRow, so a workbook stores numbers
	// at full precision rather than as printed.
	raw [][]any
}

// AddRow appends a row, formatting each cell with [Cell].
func (t *Table) AddRow(cells ...any) {
	row := make([]string, len(cells))
	for i, c := range cells {
		row[i] = Cell(c)
	}
	for len(t.raw) < len(t.Rows) { // rows appended without AddRow
		t.raw = append(t.raw, nil)
	}
	t.Rows = append(t.Rows, row)
	t.raw = append(t.raw, cells)
}

// Cell formats a value for a table cell: floats with up to 6 significant
// digits (no exponent for ordinary magnitudes), nil as empty.
func Cell(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case float64:
		return FormatFloat(x)
	case float32:
		return FormatFloat(float64(x))
	case *float64:
		if x == nil {
			return ""
		}
		return FormatFloat(*x)
	case fmt.Stringer:
		return x.String()
	default:
		return fmt.Sprint(v)
	}
}

// FormatFloat prints x with %.6g, switching to plain decimals for values
// between 1e-4 and 1e15 so that money reads naturally.
func FormatFloat(x float64) string { return numfmt.Short(x) }

// WriteText writes t as an aligned text table. Widths count runes, with
// East Asian wide characters counted twice so Chinese text lines up.
//
// A column with a unit ([Table.Units]) shows it in the header, "price
// (USD)", as a workbook does, unless the name ends with it ("rate_%"). Amounts of money get thousands separators:
// the numbers of a column whose unit is a currency ("USD", "JPY 2015"), and
// a number followed by a currency code in any cell ("1,500,000,000,000 JPY
// (2015)"); in a money column with amounts of a million or more, amounts of
// a thousand or more print as whole numbers, so the column is consistent.
// CSV and workbooks keep plain numbers.
func WriteText(w io.Writer, t *Table) error {
	columns := slices.Clone(t.Columns)
	for i := range columns {
		if i < len(t.Units) && t.Units[i] != "" && !strings.HasSuffix(columns[i], t.Units[i]) {
			columns[i] += " (" + t.Units[i] + ")"
		}
	}
	money := make([]bool, len(t.Columns))
	whole := make([]bool, len(t.Columns)) // a money column with amounts of a million or more
	for c := range money {
		money[c] = c < len(t.Units) && isCurrencyUnit(t.Units[c])
		for r := range t.Rows {
			if x, ok := t.rawNumber(r, c); ok && money[c] && math.Abs(x) >= 1e6 {
				whole[c] = true
			}
		}
	}
	rows := make([][]string, len(t.Rows))
	for r, row := range t.Rows {
		rows[r] = make([]string, len(row))
		for c, cell := range row {
			// In a column of whole amounts, thousands print whole too
			// (16,666,667 and 16,667, not 16,666,667 and 16,666.7).
			if x, ok := t.rawNumber(r, c); ok && c < len(whole) && whole[c] && math.Abs(x) >= 1000 {
				cell = fmt.Sprintf("%.0f", x)
			}
			rows[r][c] = moneyText(cell, c < len(money) && money[c])
		}
	}
	widths := make([]int, len(columns))
	for i, c := range columns {
		widths[i] = displayWidth(c)
	}
	for _, r := range rows {
		for i := range widths {
			if i < len(r) {
				widths[i] = max(widths[i], displayWidth(r[i]))
			}
		}
	}
	var b strings.Builder
	if t.Title != "" {
		b.WriteString(t.Title)
		b.WriteString("\n")
	}
	line := func(cells []string) {
		for i := range widths {
			c := ""
			if i < len(cells) {
				c = cells[i]
			}
			b.WriteString(c)
			if i < len(widths)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-displayWidth(c)+2))
			}
		}
		b.WriteString("\n")
	}
	if len(columns) > 0 {
		line(columns)
		seps := make([]string, len(widths))
		for i, wd := range widths {
			seps[i] = strings.Repeat("-", wd)
		}
		line(seps)
	}
	for _, r := range rows {
		line(r)
	}
	for _, n := range t.Notes {
		b.WriteString(n)
		b.WriteString("\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// currencyUnitRE matches a unit that is an amount of money: an ISO 4217
// code, alone or followed by a price year or scale ("USD", "JPY 2015",
// "USD m").
var currencyUnitRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Z]{3}(\s|$)`) })

func isCurrencyUnit(u string) bool { return currencyUnitRE().MatchString(u) }

// plainNumberRE is a number as [FormatFloat] prints it without an exponent;
// amountRE is one followed by a currency code.
var (
	plainNumberRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?$`) })
	amountRE      = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(-?[0-9]+)((?:\.[0-9]+)? [A-Z]{3}\b)`) })
)

// moneyText groups the digits of an amount of money in a text cell: the
// whole cell when money is set and the cell is a plain number, else a
// leading number followed by a currency code.
func moneyText(cell string, money bool) string {
	if money && plainNumberRE().MatchString(cell) {
		whole, frac, _ := strings.Cut(cell, ".")
		if frac != "" {
			frac = "." + frac
		}
		return groupThousands(whole) + frac
	}
	if m := amountRE().FindStringSubmatchIndex(cell); m != nil {
		return groupThousands(cell[m[2]:m[3]]) + cell[m[3]:]
	}
	return cell
}

// groupThousands puts a comma between every three digits of an integer.
func groupThousands(s string) string {
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	if len(s) <= 3 {
		return sign + s
	}
	var b strings.Builder
	b.WriteString(sign)
	head := len(s) % 3
	if head > 0 {
		b.WriteString(s[:head])
	}
	for i := head; i < len(s); i += 3 {
		if b.Len() > len(sign) {
			b.WriteByte(',')
		}
		b.WriteString(s[i : i+3])
	}
	return b.String()
}

// WriteCSV writes the header and rows of t as RFC 4180 CSV.
//
// Numbers given to [Table.AddRow] are written at full precision (the
// shortest decimal that reads back as the same float64, without an exponent
// between 1e-4 and 1e15), not as the text table rounds them.
func WriteCSV(w io.Writer, t *Table) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(t.Columns); err != nil {
		return err
	}
	for r, row := range t.Rows {
		out := append([]string(nil), row...)
		for c := range row {
			if x, ok := t.rawNumber(r, c); ok {
				out[c] = FullFloat(x)
			} else if r < len(t.raw) && c < len(t.raw[r]) {
				if cl, ok := t.raw[r][c].(Clipped); ok && cl.Text == row[c] {
					out[c] = cl.Full
				}
			}
		}
		if err := cw.Write(out); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// FullFloat prints x at full precision: the shortest decimal that reads
// back as x, in plain notation for 1e-4 <= |x| < 1e15 and with an exponent
// otherwise.
func FullFloat(x float64) string {
	if ax := math.Abs(x); ax == 0 || (ax >= 1e-4 && ax < 1e15) {
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return strconv.FormatFloat(x, 'g', -1, 64)
}

// WriteJSON writes v as indented JSON followed by a newline.
func WriteJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// Write renders a result in format f: the tables as text or CSV (tables
// separated by a blank line), doc as JSON, or, in [FormatXLSX], the tables
// added to w, which must then be a [*Workbook]. doc is usually the domain
// result itself, whose JSON field names are stable.
func Write(w io.Writer, f Format, doc any, tables ...*Table) error {
	switch f {
	case FormatJSON:
		return WriteJSON(w, doc)
	case FormatXLSX:
		wb, ok := w.(*Workbook)
		if !ok {
			return ErrNeedsFile
		}
		wb.Add(tables...)
		return nil
	case FormatCSV, FormatTable, "":
		if sink, ok := w.(*CSVSink); ok && f == FormatCSV {
			sink.Add(tables...)
			return nil
		}
		for i, t := range tables {
			if i > 0 {
				if _, err := io.WriteString(w, "\n"); err != nil {
					return err
				}
			}
			var err error
			if f == FormatCSV {
				err = WriteCSV(w, t)
			} else {
				err = WriteText(w, t)
			}
			if err != nil {
				return err
			}
		}
		return nil
	}
	return fmt.Errorf("%w %q", ErrUnknownFormat, f)
}

func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		if isWide(r) {
			n += 2
		} else if r != utf8.RuneError {
			n++
		}
	}
	return n
}

// isWide reports whether r occupies two terminal columns (CJK ideographs,
// kana, Hangul, full-width forms and CJK punctuation).
func isWide(r rune) bool {
	return (r >= 0x1100 && r <= 0x115F) || (r >= 0x2E80 && r <= 0xA4CF) ||
		(r >= 0xAC00 && r <= 0xD7A3) || (r >= 0xF900 && r <= 0xFAFF) ||
		(r >= 0xFE30 && r <= 0xFE4F) || (r >= 0xFF00 && r <= 0xFF60) ||
		(r >= 0xFFE0 && r <= 0xFFE6)
}
