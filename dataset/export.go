package dataset

import (
	"bytes"
	"encoding/csv"
	"io"
	"strings"
)

// An Export is a selection of records, grouped by kind, as `infragame data
// export` writes it and the web app's download serves it: the whole set,
// one kind, or the records a filter or a search picked.
type Export struct {
	// Kinds are the kinds exported, in [Kinds] order.
	Kinds []Kind
	// Records holds each kind's records in the order written; a kind of
	// Kinds with none has an empty list.
	Records map[Kind][]Record
}

// NewExport selects the records of each kind in kinds (every kind when
// kinds is empty) that keep returns true for (every record when keep is
// nil), in the set's order.
func NewExport(s *Set, kinds []Kind, keep func(Record) bool) *Export {
	if len(kinds) == 0 {
		kinds = Kinds
	}
	e := &Export{Kinds: kinds, Records: map[Kind][]Record{}}
	for _, k := range kinds {
		out := []Record{}
		for _, r := range s.Of(k) {
			if keep == nil || keep(r) {
				out = append(out, r)
			}
		}
		e.Records[k] = out
	}
	return e
}

// Len is the number of records exported.
func (e *Export) Len() int {
	n := 0
	for _, k := range e.Kinds {
		n += len(e.Records[k])
	}
	return n
}

// Document is the JSON document of `data export --format json`: "version"
// (the program's version, as given) and, for each kind, its plural name
// ("facts", "projects", …) holding the records with every field. `data
// import` reads it back.
func (e *Export) Document(version string) map[string]any {
	doc := map[string]any{"version": version}
	for _, k := range e.Kinds {
		doc[k.Plural()] = e.Records[k]
	}
	return doc
}

// WriteCSV writes the records of kind k as [WriteCSV] does: one column per
// field, nested structs flattened, lists of structs as JSON.
func (e *Export) WriteCSV(w io.Writer, k Kind) error { return WriteCSV(w, k, e.Records[k]) }

// Table is one kind of an export as rows of text: the CSV columns and
// cells of [WriteCSV], the sources of each record (id: source) and which
// columns hold free text (quotes, notes, sources) that a spreadsheet must
// keep as text. A workbook writes one sheet per Table.
type Table struct {
	Kind    Kind
	Columns []string
	Rows    [][]string
	Text    []bool
	Sources []string
}

// Tables returns one [Table] per kind of the export.
func (e *Export) Tables() ([]Table, error) {
	var out []Table
	for _, k := range e.Kinds {
		var buf bytes.Buffer
		if err := e.WriteCSV(&buf, k); err != nil {
			return nil, err
		}
		rows, err := csv.NewReader(&buf).ReadAll()
		if err != nil {
			return nil, err
		}
		t := Table{Kind: k, Columns: rows[0], Rows: rows[1:], Text: make([]bool, len(rows[0]))}
		for i, c := range t.Columns {
			// text as printed in a source, and free text, stay text
			t.Text[i] = strings.HasSuffix(c, "text") || c == "quote" || c == "note" || c == "subject" || c == "source"
		}
		for _, r := range e.Records[k] {
			t.Sources = append(t.Sources, r.Base().ID+": "+r.Base().Source)
		}
		out = append(out, t)
	}
	return out, nil
}
