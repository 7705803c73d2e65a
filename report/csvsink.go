package report

import (
	"bytes"
	"strings"
	"unicode"
)

// CSVSink collects what a command writes as CSV, so that the caller can
// hold the output contract: exactly one rectangular table per stream or
// file. Tables given to [Write] are kept whole; bytes written directly (a
// command that streams its own CSV) are kept as they are.
type CSVSink struct {
	tables []*Table
	raw    bytes.Buffer
}

// Write implements io.Writer for commands that write CSV themselves.
func (s *CSVSink) Write(p []byte) (int, error) { return s.raw.Write(p) }

// Add appends tables.
func (s *CSVSink) Add(tables ...*Table) { s.tables = append(s.tables, tables...) }

// Tables returns the tables added, in order.
func (s *CSVSink) Tables() []*Table { return s.tables }

// Raw returns the bytes written directly.
func (s *CSVSink) Raw() []byte { return s.raw.Bytes() }

// Name is the table's machine name: Table.ID when set, otherwise the first
// words of its title in lower case joined by "_" ("(a) Competition: first-
// price auction" → "competition_first_price_auction"), otherwise "table".
func (t *Table) Name() string {
	if t.ID != "" {
		return t.ID
	}
	var words []string
	for _, w := range strings.FieldsFunc(strings.ToLower(t.Title), func(r rune) bool {
		return !(r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)))
	}) {
		if len(w) == 1 && len(words) == 0 { // "(a)", "(b)" labels
			continue
		}
		words = append(words, w)
		if len(words) == 4 {
			break
		}
	}
	if len(words) == 0 {
		return "table"
	}
	return strings.Join(words, "_")
}

// UniqueNames returns the tables' names, made unique by a numeric suffix.
func UniqueNames(tables []*Table) []string {
	seen := map[string]int{}
	out := make([]string, len(tables))
	for i, t := range tables {
		n := t.Name()
		seen[n]++
		if seen[n] > 1 {
			n = n + "_" + string(rune('0'+seen[n]))
		}
		out[i] = n
	}
	return out
}

// Shown is a table cell printed one way and stored another: Text in text
// tables (with a unit, a marker or a scale word: "¥10 tn", "66.77 *"), the
// plain Value in CSV and workbooks, so that spreadsheet cells are numbers.
type Shown struct {
	Text  string
	Value float64
}

func (s Shown) String() string { return s.Text }

// Number returns the value stored in CSV and workbooks.
func (s Shown) Number() float64 { return s.Value }

// Clipped is a text cell shortened for a terminal table ("Jakarta–Bandung
// High-Spe…"); CSV and workbooks store Full.
type Clipped struct {
	Text, Full string
}

func (c Clipped) String() string { return c.Text }

// Clip returns s shortened to n runes with a trailing "…" for text tables,
// kept whole in CSV and workbooks.
func Clip(s string, n int) Clipped {
	r := []rune(s)
	if len(r) <= n || n < 1 {
		return Clipped{Text: s, Full: s}
	}
	return Clipped{Text: string(r[:n-1]) + "…", Full: s}
}
