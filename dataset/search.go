package dataset

import (
	"encoding/json"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
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

// SearchHeads is [SearchTexts] over records of which only the head is
// decoded ([DecodeHead]: the id, the quote and the fields that name the
// record), so that a search with many hits does not decode every hit
// whole. text(i) returns [Text] of record i whole; an excerpt needs it only
// when neither the quote nor the headline holds the term. The matches are
// those SearchTexts returns for the whole records, in the same order, with
// the same scores and excerpts, but their records are the heads.
func SearchHeads(heads []Record, texts []string, query string, text func(i int) (string, error)) ([]Match, error) {
	if len(heads) != len(texts) {
		panic("dataset: SearchHeads: records and texts differ in length")
	}
	return searchTexts(heads, texts, query, text)
}

func searchTexts(rs []Record, texts []string, query string, text func(i int) (string, error)) ([]Match, error) {
	groups := Terms(query)
	if len(groups) == 0 {
		return nil, nil
	}
	var out []Match
	var buf excerptBuf
	for i, r := range rs {
		nf := texts[i]
		if !matchGroups(nf, groups) {
			continue
		}
		hl := headline(r)
		head := Normalize(hl)
		score := 0
		first := ""
		for gi, g := range groups {
			inHead := false
			for _, alt := range g {
				if strings.Contains(head, alt) {
					inHead = true
				}
				if gi == 0 && first == "" && strings.Contains(nf, alt) {
					first = alt
				}
			}
			if inHead {
				score += 2
			} else {
				score++
			}
		}
		ex, err := excerpt(r.Base().Quote, hl, func() (string, error) { return text(i) }, first, &buf)
		if err != nil {
			return nil, err
		}
		out = append(out, Match{Record: r, Score: score, Excerpt: ex})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Score > out[j].Score })
	return out, nil
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
