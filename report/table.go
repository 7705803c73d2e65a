package report

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
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
func WriteText(w io.Writer, t *Table) error {
	widths := make([]int, len(t.Columns))
	for i, c := range t.Columns {
		widths[i] = displayWidth(c)
	}
	for _, r := range t.Rows {
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
	if len(t.Columns) > 0 {
		line(t.Columns)
		seps := make([]string, len(widths))
		for i, wd := range widths {
			seps[i] = strings.Repeat("-", wd)
		}
		line(seps)
	}
	for _, r := range t.Rows {
		line(r)
	}
	for _, n := range t.Notes {
		b.WriteString(n)
		b.WriteString("\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
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
