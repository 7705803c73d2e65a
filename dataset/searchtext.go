package dataset

import (
	"encoding/json"
	"strconv"
	"strings"
	"unicode/utf8"
)

// fieldSep separates the fields of a search text. [Normalize] keeps it
// (it is not white space) and no query term contains it, so a term never
// matches across the boundary of two fields, and the order of the fields
// does not change what matches.
const fieldSep = "\x1f"

// SearchText is the text [Search] matches terms against: every string and
// number of the record's JSON form, each passed through [Normalize], joined
// by a separator that no term can contain. A record matches a term t
// (already normalised) exactly when strings.Contains(SearchText(r), t).
// Stores keep it beside the record so that a search can select candidate
// records without decoding them.
func SearchText(r Record) string {
	b, err := json.Marshal(r)
	if err != nil {
		return ""
	}
	return SearchTextJSON(b)
}

// SearchTextJSON is [SearchText] computed from a record's JSON encoding
// (as produced by encoding/json), without decoding it into values: object
// keys, booleans and nulls are skipped, strings unescaped, numbers written
// as [strconv.FormatFloat] with format 'f' writes them.
func SearchTextJSON(b []byte) string {
	var out strings.Builder
	out.Grow(len(b) / 2)
	first := true
	emit := func(s string) {
		if !first {
			out.WriteString(fieldSep)
		}
		first = false
		normalizeTo(&out, s)
	}
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case c == '"':
			j, esc := i+1, false
			for ; j < len(b) && b[j] != '"'; j++ {
				if b[j] == '\\' {
					esc = true
					j++
				}
			}
			raw := b[i+1 : min(j, len(b))]
			// a string followed by ':' is an object key
			k := j + 1
			for k < len(b) && (b[k] == ' ' || b[k] == '\n' || b[k] == '\t' || b[k] == '\r') {
				k++
			}
			if k >= len(b) || b[k] != ':' {
				if esc {
					if s, err := strconv.Unquote(string(b[i : j+1])); err == nil {
						emit(s)
					} else {
						var s string
						if json.Unmarshal(b[i:j+1], &s) == nil {
							emit(s)
						}
					}
				} else {
					emit(string(raw))
				}
			}
			i = j
		case c == '-' || (c >= '0' && c <= '9'):
			j := i + 1
			for j < len(b) && (b[j] == '.' || b[j] == 'e' || b[j] == 'E' || b[j] == '+' || b[j] == '-' || (b[j] >= '0' && b[j] <= '9')) {
				j++
			}
			if v, err := strconv.ParseFloat(string(b[i:j]), 64); err == nil {
				emit(strconv.FormatFloat(v, 'f', -1, 64))
			}
			i = j - 1
		}
	}
	return out.String()
}

// normalizeTo appends [Normalize](s) to b without allocating.
func normalizeTo(b *strings.Builder, s string) {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case c >= 'A' && c <= 'Z':
				b.WriteByte(c + 'a' - 'A')
			case c == ' ' || (c >= '\t' && c <= '\r'):
			default:
				b.WriteByte(c)
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if r = foldRune(r); r >= 0 {
			b.WriteRune(r)
		}
	}
}
