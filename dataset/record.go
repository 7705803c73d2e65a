package dataset

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

// Record is any dataset record.
type Record interface {
	// RecordKind is the record's kind.
	RecordKind() Kind
	// Base returns the fields every record has.
	Base() *Common
	check(c *checker)
}

// RecordKind implements [Record].
func (*Fact) RecordKind() Kind { return KindFact }

// RecordKind implements [Record].
func (*Project) RecordKind() Kind { return KindProject }

// RecordKind implements [Record].
func (*Institution) RecordKind() Kind { return KindInstitution }

// RecordKind implements [Record].
func (*Strategy) RecordKind() Kind { return KindStrategy }

// RecordKind implements [Record].
func (*Event) RecordKind() Kind { return KindEvent }

// RecordKind implements [Record].
func (*FX) RecordKind() Kind { return KindFX }

// Base implements [Record].
func (c *Common) Base() *Common { return c }

// Plural is the key under which records of kind k are grouped in an export
// document and in a user import file ("facts", "projects", …, "fx").
func (k Kind) Plural() string {
	switch k {
	case KindFact:
		return "facts"
	case KindProject:
		return "projects"
	case KindInstitution:
		return "institutions"
	case KindStrategy:
		return "strategies"
	case KindEvent:
		return "events"
	case KindFX:
		return "fx"
	}
	return string(k)
}

// ParseKind accepts a kind in singular or plural form.
func ParseKind(s string) (Kind, error) {
	for _, k := range Kinds {
		if s == string(k) || s == k.Plural() {
			return k, nil
		}
	}
	return "", fmt.Errorf("unknown kind %q (want one of fact, project, institution, strategy, event, fx)", s)
}

// New returns a new empty record of kind k.
func New(k Kind) Record {
	switch k {
	case KindFact:
		return &Fact{}
	case KindProject:
		return &Project{}
	case KindInstitution:
		return &Institution{}
	case KindStrategy:
		return &Strategy{}
	case KindEvent:
		return &Event{}
	case KindFX:
		return &FX{}
	}
	panic("dataset: unknown kind " + string(k))
}

// Decode unmarshals the JSON encoding of a record of kind k (as stored or
// exported), rejecting unknown fields.
func Decode(k Kind, body []byte) (Record, error) {
	r := New(k)
	dec := json.NewDecoder(bytesReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(r); err != nil {
		return nil, fmt.Errorf("%s record: %w", k, err)
	}
	return r, nil
}

// recordHead holds the fields of a record's JSON encoding that
// [DecodeHead] reads.
type recordHead struct {
	ID       string   `json:"id"`
	Quote    string   `json:"quote"`
	Subject  string   `json:"subject"`
	Printed  *Printed `json:"printed"`
	Name     string   `json:"name"`
	NameZh   string   `json:"name_zh"`
	Date     string   `json:"date"`
	Title    string   `json:"title"`
	Currency string   `json:"currency"`
	Year     int      `json:"year"`
}

// DecodeHead decodes from the JSON encoding of a record of kind k only
// what [Title] and [Query.Score] and [Query.Match] read: the id, the quote, the name (and
// Chinese name), subject and printed figure, an event's date and title, an
// exchange rate's currency and year. The other fields are left zero, so
// the record is a head, not the record: decode it with [Decode] to use it
// otherwise. Unknown fields are not checked.
func DecodeHead(k Kind, body []byte) (Record, error) {
	var h recordHead
	if !h.scan(body) {
		h = recordHead{}
		if err := json.Unmarshal(body, &h); err != nil {
			return nil, fmt.Errorf("%s record: %w", k, err)
		}
	}
	c := Common{ID: h.ID, Quote: h.Quote}
	switch k {
	case KindFact:
		return &Fact{Common: c, Subject: h.Subject, Printed: h.Printed}, nil
	case KindProject:
		return &Project{Common: c, Name: h.Name, NameZh: h.NameZh}, nil
	case KindInstitution:
		return &Institution{Common: c, Name: h.Name, NameZh: h.NameZh}, nil
	case KindStrategy:
		return &Strategy{Common: c, Name: h.Name, NameZh: h.NameZh}, nil
	case KindEvent:
		return &Event{Common: c, Date: h.Date, Title: h.Title}, nil
	case KindFX:
		return &FX{Common: c, Currency: h.Currency, Year: h.Year}, nil
	}
	return nil, fmt.Errorf("unknown record kind %q", k)
}

// Set is a collection of records of every kind. The zero value is empty and
// ready to use.
type Set struct {
	Facts        []*Fact        `json:"facts"`
	Projects     []*Project     `json:"projects"`
	Institutions []*Institution `json:"institutions"`
	Strategies   []*Strategy    `json:"strategies"`
	Events       []*Event       `json:"events"`
	FX           []*FX          `json:"fx"`

	// where records the file position of each record read by a reader, so
	// that cross-record problems can say where they are.
	where map[string]Problem
}

func (s *Set) setWhere(id string, p Problem) {
	if s.where == nil {
		s.where = map[string]Problem{}
	}
	if _, ok := s.where[id]; !ok {
		s.where[id] = p
	}
}

// Locate fills in the file and line of problems about records whose
// position is known.
func (s *Set) Locate(ps Problems) Problems {
	for i, p := range ps {
		if w, ok := s.where[p.Record]; ok && p.Line == 0 {
			ps[i].File, ps[i].Line, ps[i].Column = w.File, w.Line, w.Column
		}
	}
	return ps
}

// Add appends r to the slice of its kind.
func (s *Set) Add(r Record) {
	switch x := r.(type) {
	case *Fact:
		s.Facts = append(s.Facts, x)
	case *Project:
		s.Projects = append(s.Projects, x)
	case *Institution:
		s.Institutions = append(s.Institutions, x)
	case *Strategy:
		s.Strategies = append(s.Strategies, x)
	case *Event:
		s.Events = append(s.Events, x)
	case *FX:
		s.FX = append(s.FX, x)
	default:
		panic(fmt.Sprintf("dataset: unknown record type %T", r))
	}
}

// Of returns the records of kind k in order.
func (s *Set) Of(k Kind) []Record {
	var out []Record
	switch k {
	case KindFact:
		for _, r := range s.Facts {
			out = append(out, r)
		}
	case KindProject:
		for _, r := range s.Projects {
			out = append(out, r)
		}
	case KindInstitution:
		for _, r := range s.Institutions {
			out = append(out, r)
		}
	case KindStrategy:
		for _, r := range s.Strategies {
			out = append(out, r)
		}
	case KindEvent:
		for _, r := range s.Events {
			out = append(out, r)
		}
	case KindFX:
		for _, r := range s.FX {
			out = append(out, r)
		}
	}
	return out
}

// All returns every record, kind by kind in the order of [Kinds].
func (s *Set) All() []Record {
	var out []Record
	for _, k := range Kinds {
		out = append(out, s.Of(k)...)
	}
	return out
}

// Len is the number of records.
func (s *Set) Len() int {
	return len(s.Facts) + len(s.Projects) + len(s.Institutions) + len(s.Strategies) + len(s.Events) + len(s.FX)
}

// Get returns the record with the given id.
func (s *Set) Get(id string) (Record, bool) {
	for _, r := range s.All() {
		if r.Base().ID == id {
			return r, true
		}
	}
	return nil, false
}

// Merge returns a new set holding the records of s followed by those of o.
func (s *Set) Merge(o *Set) *Set {
	out := &Set{}
	for _, r := range s.All() {
		out.Add(r)
	}
	for _, r := range o.All() {
		out.Add(r)
	}
	return out
}

// SortByID sorts every kind's records by id (the embedded order is the
// files' order; stores return records sorted).
func (s *Set) SortByID() {
	sort.SliceStable(s.Facts, func(i, j int) bool { return s.Facts[i].ID < s.Facts[j].ID })
	sort.SliceStable(s.Projects, func(i, j int) bool { return s.Projects[i].ID < s.Projects[j].ID })
	sort.SliceStable(s.Institutions, func(i, j int) bool { return s.Institutions[i].ID < s.Institutions[j].ID })
	sort.SliceStable(s.Strategies, func(i, j int) bool { return s.Strategies[i].ID < s.Strategies[j].ID })
	sort.SliceStable(s.Events, func(i, j int) bool { return s.Events[i].ID < s.Events[j].ID })
	sort.SliceStable(s.FX, func(i, j int) bool { return s.FX[i].ID < s.FX[j].ID })
}

// scan fills h from the top-level fields of a JSON object as
// encoding/json writes one, skipping the other values without decoding
// them (json.Unmarshal checks and walks the whole body, nested loans and
// parties included). It returns false for anything it does not read
// (malformed input among them); [DecodeHead] then decodes with
// json.Unmarshal.
func (h *recordHead) scan(b []byte) bool {
	i := skipSpace(b, 0)
	if i >= len(b) || b[i] != '{' {
		return false
	}
	i = skipSpace(b, i+1)
	if i < len(b) && b[i] == '}' {
		return true
	}
	for {
		if i >= len(b) || b[i] != '"' {
			return false
		}
		j := endString(b, i)
		if j < 0 {
			return false
		}
		key := b[i+1 : j-1]
		i = skipSpace(b, j)
		if i >= len(b) || b[i] != ':' {
			return false
		}
		i = skipSpace(b, i+1)
		e := endValue(b, i)
		if e < 0 {
			return false
		}
		var dst any
		switch string(key) {
		case "id":
			dst = &h.ID
		case "quote":
			dst = &h.Quote
		case "subject":
			dst = &h.Subject
		case "printed":
			dst = &h.Printed
		case "name":
			dst = &h.Name
		case "name_zh":
			dst = &h.NameZh
		case "date":
			dst = &h.Date
		case "title":
			dst = &h.Title
		case "currency":
			dst = &h.Currency
		case "year":
			dst = &h.Year
		}
		if dst != nil && !decodeValue(b[i:e], dst) {
			return false
		}
		i = skipSpace(b, e)
		if i >= len(b) {
			return false
		}
		switch b[i] {
		case ',':
			i = skipSpace(b, i+1)
		case '}':
			return skipSpace(b, i+1) == len(b)
		default:
			return false
		}
	}
}

// decodeValue decodes one JSON value into dst: a string without escapes
// directly, anything else by json.Unmarshal.
func decodeValue(v []byte, dst any) bool {
	if p, ok := dst.(*string); ok && len(v) >= 2 && v[0] == '"' && bytes.IndexByte(v, '\\') < 0 && utf8.Valid(v) {
		*p = string(v[1 : len(v)-1])
		return true
	}
	return json.Unmarshal(v, dst) == nil
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// endString returns the index just past the JSON string that starts at
// b[i] (a quote), or -1 if it does not end.
func endString(b []byte, i int) int {
	for j := i + 1; j < len(b); j++ {
		switch b[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return -1
}

// endValue returns the index just past the JSON value that starts at b[i],
// or -1 if it does not end.
func endValue(b []byte, i int) int {
	if i >= len(b) {
		return -1
	}
	switch b[i] {
	case '"':
		return endString(b, i)
	case '{', '[':
		depth := 0
		for j := i; j < len(b); j++ {
			switch b[j] {
			case '"':
				if j = endString(b, j); j < 0 {
					return -1
				}
				j--
			case '{', '[':
				depth++
			case '}', ']':
				if depth--; depth == 0 {
					return j + 1
				}
			}
		}
		return -1
	}
	j := i
	for j < len(b) && !strings.ContainsRune(",}] \t\n\r", rune(b[j])) {
		j++
	}
	if j == i {
		return -1
	}
	return j
}
