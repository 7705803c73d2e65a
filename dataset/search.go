package dataset

import (
	"encoding/json"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// Normalize folds text for matching: full-width ASCII forms (９．２６, Ｊ)
// become ASCII, dashes become "-", whitespace is removed and letters are
// lower-cased. The seed's PDF text prints 9.26 as "9． 26", so both the
// query "9.26" and the printed figure fold to "9.26".
func Normalize(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r = foldRune(r); r >= 0 {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// foldRune is [Normalize] for one rune: -1 drops it (white space).
func foldRune(r rune) rune {
	switch {
	case r >= 0xFF01 && r <= 0xFF5E:
		r -= 0xFEE0
	case r == 0x2010 || r == 0x2011 || r == 0x2012 || r == 0x2013 || r == 0x2014 || r == 0x2212 || r == 0xFE63:
		r = '-'
	case r == 0x3002:
		r = '.'
	}
	if unicode.IsSpace(r) {
		return -1
	}
	return unicode.ToLower(r)
}

// Text returns every string and number in a record, for full-text search.
func Text(r Record) string {
	b, _ := json.Marshal(r)
	var v any
	_ = json.Unmarshal(b, &v)
	var parts []string
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case string:
			parts = append(parts, x)
		case float64:
			parts = append(parts, strconv.FormatFloat(x, 'f', -1, 64))
		case []any:
			for _, e := range x {
				walk(e)
			}
		case map[string]any:
			keys := make([]string, 0, len(x))
			for k := range x {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				walk(x[k])
			}
		}
	}
	walk(v)
	return strings.Join(parts, " ")
}

// Match is a search hit: the record and a short excerpt around the first
// matching term.
type Match struct {
	Record  Record
	Score   int
	Excerpt string
}

// Search returns the records that contain every term of query ([Terms]:
// folded by [Normalize], scale and currency words understood) within one of
// their fields ([SearchText]), best
// matches first: a hit in the id, name,
// subject or printed figure scores above a hit elsewhere (quote, note,
// source). English and Chinese both work; "9.26" finds "9． 26 万亿日元".
func Search(s *Set, query string) []Match {
	rs := s.All()
	texts := make([]string, len(rs))
	for i, r := range rs {
		texts[i] = SearchText(r)
	}
	return SearchTexts(rs, texts, query)
}

// SearchTexts is [Search] over records whose search texts are known
// already (texts[i] is [SearchText](rs[i]), as a store keeps it), given in
// the order [Set.All] lists them: kind by kind in [Kinds] order. It
// returns what Search returns for a set of those records.
func SearchTexts(rs []Record, texts []string, query string) []Match {
	if len(rs) != len(texts) {
		panic("dataset: SearchTexts: records and texts differ in length")
	}
	ms, _ := searchTexts(rs, texts, query, func(i int) (string, error) { return Text(rs[i]), nil })
	return ms
}

// searchTexts ranks the records that match query (every group of [Terms]
// in their search text) by score, ties in the records' order, with their
// excerpts.
func searchTexts(rs []Record, texts []string, query string, text func(i int) (string, error)) ([]Match, error) {
	q := NewQuery(query)
	type ranked struct {
		i int
		s Scored
	}
	var found []ranked
	for i, r := range rs {
		if s, ok := q.Score(r, texts[i]); ok {
			found = append(found, ranked{i, s})
		}
	}
	sort.SliceStable(found, func(i, j int) bool { return found[i].s.Score > found[j].s.Score })
	var out []Match
	for _, f := range found {
		m, err := q.Match(rs[f.i], f.s, func() (string, error) { return text(f.i) })
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, nil
}

// Query is a search query as [Search] reads it: groups of alternative
// terms ([Terms]), every group to be found in a record.
type Query struct {
	groups [][]string
	buf    excerptBuf
	norm   []byte // a headline normalised, reused
}

// NewQuery parses query.
func NewQuery(query string) *Query { return &Query{groups: Terms(query)} }

// Empty reports whether the query has no terms (it matches nothing).
func (q *Query) Empty() bool { return len(q.groups) == 0 }

// Scored is a record's match of a query before its excerpt: its Score
// (2 for each group of terms found in the record's headline — id, name or
// subject, printed figure — and 1 for each found only elsewhere) and what
// [Query.Match] needs for the excerpt.
type Scored struct {
	Score    int
	first    string // the first group's first term found in the record
	headline string
}

// Score reports whether the record r, whose search text ([SearchText]) is
// text, matches q, and its score. r may be a head ([DecodeHead]); text is
// not retained.
func (q *Query) Score(r Record, text string) (Scored, bool) {
	if len(q.groups) == 0 || !matchGroups(text, q.groups) {
		return Scored{}, false
	}
	first := -1
	for i, alt := range q.groups[0] {
		if strings.Contains(text, alt) {
			first = i
			break
		}
	}
	return q.ScoreMatched(r, first), true
}

// Groups is the query's groups of alternative terms ([Terms]); the caller
// must not change them.
func (q *Query) Groups() [][]string { return q.groups }

// FirstGroup is the alternatives of the query's first group of terms.
func (q *Query) FirstGroup() []string {
	if len(q.groups) == 0 {
		return nil
	}
	return q.groups[0]
}

// ScoreMatched is [Query.Score] for a record known to match (every group
// found in its search text, as a store's query checks it), whose search
// text contains [Query.FirstGroup][first] and none of the alternatives
// before it.
func (q *Query) ScoreMatched(r Record, first int) Scored {
	hl := headline(r)
	q.norm = appendNormalized(q.norm[:0], hl)
	head := unsafe.String(unsafe.SliceData(q.norm), len(q.norm))
	s := Scored{headline: hl}
	if first >= 0 && first < len(q.groups[0]) {
		s.first = q.groups[0][first]
	}
	for _, g := range q.groups {
		inHead := false
		for _, alt := range g {
			if strings.Contains(head, alt) {
				inHead = true
				break
			}
		}
		if inHead {
			s.Score += 2
		} else {
			s.Score++
		}
	}
	return s
}

// Match returns the match of the record r that Score scored s, with its
// excerpt: around the first term in r's quote, else in its headline, else
// in text() ([Text] of the whole record, asked for only then).
func (q *Query) Match(r Record, s Scored, text func() (string, error)) (Match, error) {
	ex, err := excerpt(r.Base().Quote, s.headline, text, s.first, &q.buf)
	if err != nil {
		return Match{}, err
	}
	return Match{Record: r, Score: s.Score, Excerpt: ex}, nil
}

// AppendHead appends to dst the record's headline (its id, name or
// subject, printed figure: the part of a record where a term scores 2, see
// [Scored]) as [Normalize] folds it. r may be a head ([DecodeHead]): both
// give the same text. A store keeps it beside the record, so that a search
// can rank its hits without reading them: a group of terms scores 2 in a
// record exactly when strings.Contains(head, t) for one of its terms t.
//
// It writes the parts of the headline one by one, without joining them
// first: [Normalize] drops the spaces that join them (an import computes
// it for every row, and the joins were three allocations a row).
func AppendHead(dst []byte, r Record) []byte {
	dst = appendNormalized(dst, r.Base().ID)
	var num [32]byte
	switch x := r.(type) {
	case *Fact:
		dst = appendNormalized(dst, x.Subject)
		if x.Printed != nil {
			dst = appendNormalized(dst, x.Printed.Text)
			dst = appendNormalizedBytes(dst, strconv.AppendFloat(num[:0], x.Printed.Value, 'f', -1, 64))
		}
	case *Project:
		dst = appendNormalized(dst, x.Name)
		dst = appendNormalized(dst, x.NameZh)
	case *Event:
		dst = appendNormalized(dst, x.Date)
		dst = appendNormalized(dst, x.Title)
	case *FX:
		dst = appendNormalized(dst, x.Currency)
		dst = appendNormalized(dst, " per USD ")
		dst = strconv.AppendInt(dst, int64(x.Year), 10)
	default:
		dst = appendNormalized(dst, Title(r))
	}
	return dst
}

// headline is the text that names a record: id, name or subject, printed figure.
func headline(r Record) string {
	parts := []string{r.Base().ID, Title(r)}
	if f, ok := r.(*Fact); ok && f.Printed != nil {
		parts = append(parts, f.Printed.Text, strconv.FormatFloat(f.Printed.Value, 'f', -1, 64))
	}
	if p, ok := r.(*Project); ok {
		parts = append(parts, p.NameZh)
	}
	return strings.Join(parts, " ")
}

// Title is a one-line human name for a record.
func Title(r Record) string {
	switch x := r.(type) {
	case *Fact:
		return x.Subject
	case *Project:
		return x.Name
	case *Institution:
		return x.Name
	case *Strategy:
		return x.Name
	case *Event:
		return x.Date + " " + x.Title
	case *FX:
		return x.Currency + " per USD " + strconv.Itoa(x.Year)
	}
	return ""
}

// excerptBuf is the scratch space of [excerpt], kept from one call to the
// next (a broad search spent most of its allocations growing it).
type excerptBuf struct {
	runes  []rune
	norm   []byte
	origin []int
}

// excerpt finds the normalised term in a record's quote, headline or
// whole text ([Text], asked for only when the other two lack the term) and
// returns that field's text around it (up to ~60 runes).
// buf holds the buffers of earlier calls, for the next (nil for none).
func excerpt(quote, headline string, text func() (string, error), term string, buf *excerptBuf) (string, error) {
	if buf == nil {
		buf = &excerptBuf{}
	}
	runes, norm, origin := buf.runes, buf.norm, buf.origin // origin[k]: index of the rune of f that wrote norm[k]
	defer func() { buf.runes, buf.norm, buf.origin = runes, norm, origin }()
	for field := range 3 {
		var f string
		switch field { // the whole text only when the quote and headline lack the term
		case 0:
			f = quote
		case 1:
			f = headline
		default:
			var err error
			if f, err = text(); err != nil {
				return "", err
			}
		}
		runes, norm, origin = runes[:0], norm[:0], origin[:0]
		for _, r := range f {
			runes = append(runes, r)
		}
		for i, r := range runes {
			if r = foldRune(r); r >= 0 {
				n := len(norm)
				norm = utf8.AppendRune(norm, r)
				for range len(norm) - n {
					origin = append(origin, i)
				}
			}
		}
		k := strings.Index(string(norm), term)
		if k < 0 {
			continue
		}
		i := origin[k]
		lo, hi := max(0, i-20), min(len(runes), i+40)
		s := strings.Join(strings.Fields(string(runes[lo:hi])), " ")
		if lo > 0 {
			s = "…" + s
		}
		if hi < len(runes) {
			s += "…"
		}
		return s, nil
	}
	return "", nil
}
