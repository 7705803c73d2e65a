package dataset

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
	"sync"
)

// column is one CSV column of a kind: a field of the record, with nested
// structs (value, printed, size) flattened into one column per leaf field
// ("value.value", "value.unit", "printed.text"). Lists of structs (parties,
// loans) stay one column holding JSON.
type column struct {
	name  string
	index []int
	typ   reflect.Type
	// path is the JSON path of a flattened leaf (["value", "unit"]); nil
	// for a top-level field.
	path []string
}

// columns returns the CSV columns of kind k in struct order (the fields of
// Common first), nested structs flattened.
func columns(k Kind) []column {
	if cs, ok := columnCache.Load(k); ok {
		return cs.([]column)
	}
	cs := columnsOf(k)
	columnCache.Store(k, cs)
	return cs
}

// columnCache holds the columns of each kind: reflecting over the record
// types on every read made a CSV read cost milliseconds.
var columnCache sync.Map

func columnsOf(k Kind) []column {
	t := reflect.TypeOf(New(k)).Elem()
	var out []column
	var walk func(t reflect.Type, prefix []int, path []string)
	walk = func(t reflect.Type, prefix []int, path []string) {
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			idx := append(append([]int{}, prefix...), i)
			if f.Anonymous {
				walk(f.Type, idx, path)
				continue
			}
			name := strings.Split(f.Tag.Get("json"), ",")[0]
			if name == "" || name == "-" || !f.IsExported() {
				continue
			}
			p := append(append([]string{}, path...), name)
			if st := structType(f.Type); st != nil {
				walk(st, idx, p)
				continue
			}
			c := column{name: strings.Join(p, "."), index: idx, typ: f.Type}
			if len(p) > 1 {
				c.path = p
			}
			out = append(out, c)
		}
	}
	walk(t, nil, nil)
	return out
}

// structType returns the struct type of a field that is a struct or a
// pointer to one (flattened in CSV), or nil.
func structType(t reflect.Type) reflect.Type {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() == reflect.Struct {
		return t
	}
	return nil
}

// nestedColumns returns the top-level nested fields of kind k that CSV
// flattens, by JSON name, so that a file written before flattening (one JSON
// cell per nested field) still reads.
func nestedColumns(k Kind) map[string]reflect.Type {
	t := reflect.TypeOf(New(k)).Elem()
	out := map[string]reflect.Type{}
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if f.Anonymous {
				walk(f.Type)
				continue
			}
			name := strings.Split(f.Tag.Get("json"), ",")[0]
			if name != "" && name != "-" && f.IsExported() && structType(f.Type) != nil {
				out[name] = f.Type
			}
		}
	}
	walk(t)
	return out
}

// Columns returns the CSV header of kind k.
func Columns(k Kind) []string {
	cs := columns(k)
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.name
	}
	return out
}

// fieldAt returns the field at index of v, or an invalid Value when a nil
// pointer lies on the way.
func fieldAt(v reflect.Value, index []int) reflect.Value {
	for i, x := range index {
		if i > 0 && v.Kind() == reflect.Pointer {
			if v.IsNil() {
				return reflect.Value{}
			}
			v = v.Elem()
		}
		v = v.Field(x)
	}
	return v
}

// isList reports whether a column holds a list of strings, written as
// "a|b|c" in CSV.
func isList(t reflect.Type) bool {
	return t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.String
}

// WriteCSV writes the records of kind k as CSV: one column per field,
// nested structs flattened into one column per leaf ("value.value",
// "value.unit", "value.year", "printed.text"), numbers at full precision,
// lists of strings joined with "|", lists of structs (parties, loans) as
// JSON. [ReadCSV] reads the same shape back.
func WriteCSV(w io.Writer, k Kind, recs []Record) error {
	cw := csv.NewWriter(w)
	cols := columns(k)
	if err := cw.Write(Columns(k)); err != nil {
		return err
	}
	for _, r := range recs {
		if r.RecordKind() != k {
			continue
		}
		v := reflect.ValueOf(r).Elem()
		row := make([]string, len(cols))
		for i, c := range cols {
			f := fieldAt(v, c.index)
			if !f.IsValid() {
				continue
			}
			cell, err := formatCell(f)
			if err != nil {
				return fmt.Errorf("record %q field %s: %w", r.Base().ID, c.name, err)
			}
			row[i] = cell
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func formatCell(v reflect.Value) (string, error) {
	switch v.Kind() {
	case reflect.String:
		return v.String(), nil
	case reflect.Int, reflect.Int64:
		if v.Int() == 0 {
			return "", nil
		}
		return strconv.FormatInt(v.Int(), 10), nil
	case reflect.Float64:
		return strconv.FormatFloat(v.Float(), 'g', -1, 64), nil
	case reflect.Bool:
		if !v.Bool() {
			return "", nil
		}
		return "true", nil
	case reflect.Pointer:
		if v.IsNil() {
			return "", nil
		}
		if k := v.Elem().Kind(); k == reflect.Float64 || k == reflect.Bool {
			return formatScalarAlways(v.Elem()), nil
		}
	case reflect.Slice:
		if v.Len() == 0 {
			return "", nil
		}
		if isList(v.Type()) {
			return strings.Join(v.Interface().([]string), "|"), nil
		}
	}
	b, err := json.Marshal(v.Interface())
	return string(b), err
}

func formatScalarAlways(v reflect.Value) string {
	if v.Kind() == reflect.Bool {
		return strconv.FormatBool(v.Bool())
	}
	return strconv.FormatFloat(v.Float(), 'g', -1, 64)
}

// ReadCSV reads records of kind k from CSV with a header row naming columns
// as [WriteCSV] writes them (any order, any subset that includes id).
// Unknown columns, unparsable cells and field-rule violations are reported
// with line, column and field; all problems are returned.
func ReadCSV(file string, r io.Reader, k Kind) (*Set, Problems) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = 0
	header, err := cr.Read()
	if err == io.EOF {
		return &Set{}, nil
	}
	if err != nil {
		return nil, Problems{csvProblem(file, err)}
	}
	byName := map[string]column{}
	for _, c := range columns(k) {
		byName[c.name] = c
	}
	for name, t := range nestedColumns(k) { // one JSON cell, as written before flattening
		if _, ok := byName[name]; !ok {
			byName[name] = column{name: name, typ: t}
		}
	}
	var ps Problems
	cols := make([]column, len(header))
	hasID := false
	for i, h := range header {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		c, ok := byName[h]
		if !ok {
			ps = append(ps, Problem{File: file, Line: 1, Column: i + 1, Field: h, Reason: fmt.Sprintf("unknown column for %s records (known: %s)", k, strings.Join(Columns(k), ", "))})
			continue
		}
		hasID = hasID || h == "id"
		cols[i] = c
	}
	if !hasID {
		ps = append(ps, Problem{File: file, Line: 1, Reason: "missing required column id"})
	}
	if len(ps) > 0 {
		return nil, ps
	}
	set := &Set{}
	for {
		row, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			ps = append(ps, csvProblem(file, err))
			if errors.Is(err, csv.ErrFieldCount) {
				continue
			}
			break
		}
		line, _ := cr.FieldPos(0)
		obj := map[string]any{}
		colOf := map[string]int{}
		bad := false
		for i, cell := range row {
			c := cols[i]
			if c.path != nil {
				colOf[c.path[0]] = i + 1
			} else {
				colOf[c.name] = i + 1
			}
			raw, err := parseCell(c.typ, cell)
			if err != nil {
				l, col := cr.FieldPos(i)
				ps = append(ps, Problem{File: file, Line: l, Column: col, Field: c.name, Reason: err.Error()})
				bad = true
				continue
			}
			if raw != nil {
				setPath(obj, c, raw)
			}
		}
		if bad {
			continue
		}
		body, _ := json.Marshal(obj)
		rec, err := Decode(k, body)
		if err != nil {
			ps = append(ps, Problem{File: file, Line: line, Reason: err.Error()})
			continue
		}
		for _, p := range Check(rec) {
			p.File, p.Line = file, line
			top := p.Field
			if i := strings.IndexAny(top, ".["); i >= 0 {
				top = top[:i]
			}
			if col, ok := colOf[top]; ok {
				_, p.Column = cr.FieldPos(col - 1)
			}
			ps = append(ps, p)
		}
		set.setWhere(rec.Base().ID, Problem{File: file, Line: line})
		set.Add(rec)
	}
	return set, ps
}

// parseCell converts a CSV cell into the JSON of a field of type t; nil for
// an empty cell (the field keeps its zero value).
func parseCell(t reflect.Type, cell string) (json.RawMessage, error) {
	s := strings.TrimSpace(cell)
	if s == "" {
		return nil, nil
	}
	base := t
	if base.Kind() == reflect.Pointer {
		base = base.Elem()
	}
	switch base.Kind() {
	case reflect.String:
		b, _ := json.Marshal(cell)
		return b, nil
	case reflect.Int, reflect.Int64:
		n, err := strconv.Atoi(s)
		if err != nil {
			return nil, fmt.Errorf("%q is not a whole number", s)
		}
		return json.RawMessage(strconv.Itoa(n)), nil
	case reflect.Float64:
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return nil, fmt.Errorf("%q is not a number", s)
		}
		if f != f || f > 1e308 || f < -1e308 {
			return nil, fmt.Errorf("%q is not a finite number", s)
		}
		return json.RawMessage(strconv.FormatFloat(f, 'g', -1, 64)), nil
	case reflect.Bool:
		v, err := strconv.ParseBool(s)
		if err != nil {
			return nil, fmt.Errorf("%q is not true or false", s)
		}
		return json.RawMessage(strconv.FormatBool(v)), nil
	}
	if isList(t) && !strings.HasPrefix(s, "[") {
		parts := strings.Split(s, "|")
		for i := range parts {
			parts[i] = strings.TrimSpace(parts[i])
		}
		b, _ := json.Marshal(parts)
		return b, nil
	}
	if !json.Valid([]byte(s)) {
		return nil, fmt.Errorf("want JSON for this nested field, got %q", truncate(s, 40))
	}
	return json.RawMessage(s), nil
}

func truncate(s string, n int) string {
	for i := range s { // i: the byte offset of each rune in turn
		if n == 0 {
			return s[:i] + "…"
		}
		n--
	}
	return s
}

func csvProblem(file string, err error) Problem {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return Problem{File: file, Line: pe.Line, Column: pe.Column, Reason: pe.Err.Error()}
	}
	return Problem{File: file, Reason: err.Error()}
}

// setPath stores a cell's JSON in obj at the column's path, building the
// nested objects of flattened columns.
func setPath(obj map[string]any, c column, raw json.RawMessage) {
	if c.path == nil {
		obj[c.name] = raw
		return
	}
	m := obj
	for _, p := range c.path[:len(c.path)-1] {
		next, ok := m[p].(map[string]any)
		if !ok {
			next = map[string]any{}
			m[p] = next
		}
		m = next
	}
	m[c.path[len(c.path)-1]] = raw
}
