package dataset

import (
	"encoding/json"
	"strconv"
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
	return string(AppendSearchTextJSON(make([]byte, 0, len(b)/2), b))
}

// AppendSearchTextJSON appends [SearchTextJSON](b) to dst, so that a
// caller encoding many records can reuse one buffer.
func AppendSearchTextJSON(dst, b []byte) []byte {
	first := true
	emit := func(s string) {
		if !first {
			dst = append(dst, fieldSep...)
		}
		first = false
		dst = appendNormalized(dst, s)
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
					if !first {
						dst = append(dst, fieldSep...)
					}
					first = false
					dst = appendNormalizedBytes(dst, raw)
				}
			}
			i = j
		case c == '-' || (c >= '0' && c <= '9'):
			j := i + 1
			for j < len(b) && (b[j] == '.' || b[j] == 'e' || b[j] == 'E' || b[j] == '+' || b[j] == '-' || (b[j] >= '0' && b[j] <= '9')) {
				j++
			}
			dst = appendSearchNumber(dst, &first, b[i:j])
			i = j - 1
		}
	}
	return dst
}

// appendSearchNumber appends the JSON number tok to the search text dst
// (after a separator unless first): as written when it is already in
// strconv.FormatFloat's 'f' form, else its value in that form.
func appendSearchNumber(dst []byte, first *bool, tok []byte) []byte {
	if canonicalNumber(tok) {
		if !*first {
			dst = append(dst, fieldSep...)
		}
		*first = false
		return append(dst, tok...)
	}
	if v, err := strconv.ParseFloat(string(tok), 64); err == nil {
		if !*first {
			dst = append(dst, fieldSep...)
		}
		*first = false
		dst = strconv.AppendFloat(dst, v, 'f', -1, 64)
	}
	return dst
}

// canonicalNumber reports whether the JSON number tok is already written
// as strconv.FormatFloat(v, 'f', -1, 64) writes its value: no exponent,
// at most 15 digits (any such decimal is the shortest that parses to its
// float64, since float64 holds 15 significant decimal digits) and no
// trailing zero after a decimal point.
func canonicalNumber(tok []byte) bool {
	digits, dot := 0, false
	for _, c := range tok {
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c == '.':
			dot = true
		case c == '-':
		default:
			return false
		}
	}
	if digits == 0 || digits > 15 || dot && tok[len(tok)-1] == '0' || tok[len(tok)-1] == '.' {
		return false
	}
	return true
}

// appendNormalized appends [Normalize](s) to b.
func appendNormalized(b []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			b = appendFoldedASCII(b, c)
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if r = foldRune(r); r >= 0 {
			b = utf8.AppendRune(b, r)
		}
	}
	return b
}

// appendNormalizedBytes is [appendNormalized] of a byte slice.
func appendNormalizedBytes(b, s []byte) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			b = appendFoldedASCII(b, c)
			continue
		}
		r, n := utf8.DecodeRune(s[i:])
		i += n
		if r = foldRune(r); r >= 0 {
			b = utf8.AppendRune(b, r)
		}
	}
	return b
}

func appendFoldedASCII(b []byte, c byte) []byte {
	switch {
	case c >= 'A' && c <= 'Z':
		return append(b, c+'a'-'A')
	case c == ' ' || (c >= '\t' && c <= '\r'):
		return b
	}
	return append(b, c)
}
