package dataset

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"unicode/utf8"
)

// AppendJSON appends the JSON encoding of r to dst, byte for byte as
// json.Marshal writes it (field order, omitempty, number format, escapes
// of <, >, &, U+2028, U+2029 and invalid UTF-8 included).
//
// Projects and institutions, the records an AidData import makes by the
// ten thousand, are written by hand: about a fifth of the CPU of
// encoding/json's reflection, which was an eighth of an import's
// (BENCHMARKS.md, "Import and search"). Other kinds go through
// encoding/json. TestAppendJSONMatchesMarshal fills every field of these
// types by reflection and fails when a field is added here but not to the
// writer below.
func AppendJSON(dst []byte, r Record) ([]byte, error) {
	o := jsonObj{b: dst}
	if !o.record(r) {
		b, err := json.Marshal(r)
		return append(dst, b...), err
	}
	return o.b, o.err
}

// AppendJSONSearch appends the JSON encoding of r to dst, as [AppendJSON],
// and its search text to search, as [AppendSearchTextJSON] of that
// encoding, in one pass for projects and institutions: the strings and
// numbers go to the search text as they are written, so the encoding need
// not be read again.
func AppendJSONSearch(dst, search []byte, r Record) (js, text []byte, err error) {
	o := jsonObj{b: dst, search: search, first: true, withSearch: true}
	if !o.record(r) {
		b, err := json.Marshal(r)
		return append(dst, b...), AppendSearchTextJSON(search, b), err
	}
	return o.b, o.search, o.err
}

// jsonObj writes JSON objects into b; more says whether the object being
// written has a member already (so the next needs a comma). With
// withSearch, every string and number written is also appended to search
// as AppendSearchTextJSON would read it (first: none yet).
type jsonObj struct {
	b          []byte
	more       bool
	err        error
	search     []byte
	first      bool
	withSearch bool
}

// record writes r if its kind is written by hand.
func (o *jsonObj) record(r Record) bool {
	switch x := r.(type) {
	case *Project:
		o.project(x)
	case *Institution:
		o.institution(x)
	default:
		return false
	}
	return true
}

// text appends s to b as a JSON string, and to the search text.
func (o *jsonObj) text(s string) {
	o.b = appendJSONString(o.b, s)
	if o.withSearch {
		if !o.first {
			o.search = append(o.search, fieldSep...)
		}
		o.first = false
		o.search = appendNormalized(o.search, s)
	}
}

// number adds the number just written to b from offset start to the
// search text.
func (o *jsonObj) number(start int) {
	if o.withSearch {
		o.search = appendSearchNumber(o.search, &o.first, o.b[start:])
	}
}

func (o *jsonObj) key(k string) {
	if o.more {
		o.b = append(o.b, ',')
	}
	o.more = true
	o.b = append(o.b, '"')
	o.b = append(o.b, k...)
	o.b = append(o.b, '"', ':')
}

// open begins the object member k; close ends it.
func (o *jsonObj) open(k string) {
	o.key(k)
	o.b = append(o.b, '{')
	o.more = false
}

func (o *jsonObj) close() {
	o.b = append(o.b, '}')
	o.more = true
}

func (o *jsonObj) str(k, v string) {
	o.key(k)
	o.text(v)
}

func (o *jsonObj) strOmit(k, v string) {
	if v != "" {
		o.str(k, v)
	}
}

func (o *jsonObj) int(k string, v int) {
	o.key(k)
	start := len(o.b)
	o.b = strconv.AppendInt(o.b, int64(v), 10)
	o.number(start)
}

func (o *jsonObj) intOmit(k string, v int) {
	if v != 0 {
		o.int(k, v)
	}
}

func (o *jsonObj) float(k string, v float64) {
	o.key(k)
	start := len(o.b)
	o.b = o.appendFloat(o.b, v)
	o.number(start)
}

func (o *jsonObj) floatPtr(k string, v *float64) {
	if v != nil {
		o.float(k, *v)
	}
}

func (o *jsonObj) boolPtr(k string, v *bool) {
	if v != nil {
		o.key(k)
		o.b = strconv.AppendBool(o.b, *v)
	}
}

func (o *jsonObj) strs(k string, v []string) {
	if len(v) == 0 {
		return
	}
	o.key(k)
	o.b = append(o.b, '[')
	for i, s := range v {
		if i > 0 {
			o.b = append(o.b, ',')
		}
		o.text(s)
	}
	o.b = append(o.b, ']')
}

// appendFloat writes v as encoding/json does (ES6 number form: 'f' format
// unless |v| < 1e-6 or ≥ 1e21, then 'e' without a padded exponent); NaN
// and infinities are an error, as there.
func (o *jsonObj) appendFloat(b []byte, v float64) []byte {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		if o.err == nil {
			o.err = fmt.Errorf("json: unsupported value: %s", strconv.FormatFloat(v, 'g', -1, 64))
		}
		return append(b, '0')
	}
	format := byte('f')
	if a := math.Abs(v); a != 0 && (a < 1e-6 || a >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, v, format, -1, 64)
	if n := len(b); format == 'e' && n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
		b[n-2] = b[n-1] // e-07 → e-7
		b = b[:n-1]
	}
	return b
}

func (o *jsonObj) common(c *Common) {
	o.str("id", c.ID)
	o.str("source", c.Source)
	o.strOmit("quote", c.Quote)
	o.strs("flags", c.Flags)
	o.strOmit("note", c.Note)
}

func (o *jsonObj) printed(k string, p *Printed) {
	if p == nil {
		return
	}
	o.open(k)
	o.float("value", p.Value)
	o.strOmit("scale", p.Scale)
	o.str("unit", p.Unit)
	o.strOmit("text", p.Text)
	o.close()
}

func (o *jsonObj) money(k string, m *Money) {
	if m == nil {
		return
	}
	o.open(k)
	o.float("amount", m.Amount)
	o.str("currency", m.Currency)
	o.int("year", m.Year)
	o.printed("printed", m.Printed)
	o.close()
}

func (o *jsonObj) project(p *Project) {
	o.b = append(o.b, '{')
	o.common(&p.Common)
	o.str("name", p.Name)
	o.strOmit("name_zh", p.NameZh)
	o.str("host", p.Host)
	o.str("region", p.Region)
	o.str("sector", p.Sector)
	o.int("year", p.Year)
	o.intOmit("start_year", p.StartYear)
	o.intOmit("end_year", p.EndYear)
	if len(p.Size) > 0 {
		o.key("size")
		o.b = append(o.b, '[')
		for i, q := range p.Size {
			if i > 0 {
				o.b = append(o.b, ',')
			}
			o.b, o.more = append(o.b, '{'), false
			o.float("value", q.Value)
			o.str("unit", q.Unit)
			o.intOmit("year", q.Year)
			o.b = append(o.b, '}')
		}
		o.b, o.more = append(o.b, ']'), true
	}
	o.money("value", p.Value)
	if len(p.Parties) > 0 {
		o.key("parties")
		o.b = append(o.b, '[')
		for i, pt := range p.Parties {
			if i > 0 {
				o.b = append(o.b, ',')
			}
			o.b, o.more = append(o.b, '{'), false
			o.str("country", pt.Country)
			o.str("role", pt.Role)
			o.strs("firms", pt.Firms)
			o.b = append(o.b, '}')
		}
		o.b, o.more = append(o.b, ']'), true
	}
	o.strs("lenders", p.Lenders)
	o.strs("instruments", p.Instruments)
	if len(p.Loans) > 0 {
		o.key("loans")
		o.b = append(o.b, '[')
		for i := range p.Loans {
			if i > 0 {
				o.b = append(o.b, ',')
			}
			o.loan(&p.Loans[i])
		}
		o.b, o.more = append(o.b, ']'), true
	}
	o.strOmit("outcome", p.Outcome)
	o.strOmit("status", p.Status)
	o.b = append(o.b, '}')
}

func (o *jsonObj) loan(l *Loan) {
	o.b, o.more = append(o.b, '{'), false
	o.str("lender", l.Lender)
	o.strOmit("offered_by", l.OfferedBy)
	o.str("status", l.Status)
	o.intOmit("year", l.Year)
	o.money("amount", l.Amount)
	o.strOmit("currency", l.Currency)
	o.floatPtr("share_pct", l.SharePct)
	o.floatPtr("rate_pct", l.RatePct)
	o.floatPtr("maturity_years", l.MaturityYears)
	o.floatPtr("grace_years", l.GraceYears)
	o.strOmit("profile", l.Profile)
	o.boolPtr("guarantee_required", l.GuaranteeRequired)
	o.boolPtr("tied", l.Tied)
	o.floatPtr("grant_element_pct", l.GrantElementPct)
	o.strOmit("ge_method", l.GEMethod)
	o.floatPtr("grant_element_imf_pct", l.GrantElementIMFPct)
	o.strOmit("source_id", l.SourceID)
	o.strOmit("source", l.Source)
	o.strOmit("note", l.Note)
	o.b = append(o.b, '}')
}

func (o *jsonObj) institution(in *Institution) {
	o.b = append(o.b, '{')
	o.common(&in.Common)
	o.str("name", in.Name)
	o.strOmit("name_zh", in.NameZh)
	o.str("type", in.Type)
	o.str("country", in.Country)
	o.intOmit("founded", in.Founded)
	o.money("capital", in.Capital)
	o.strOmit("role", in.Role)
	o.b = append(o.b, '}')
}

// jsonSafe[c] says whether encoding/json writes the ASCII byte c as it is
// (with its HTML escaping, the default of json.Marshal): printable, and
// not '"', '\\', '<', '>' or '&'.
var jsonSafe = func() (t [utf8.RuneSelf]bool) {
	for c := ' '; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	return t
}()

// appendJSONString writes s as a JSON string with encoding/json's escapes:
// \" \\ \b \f \n \r \t, \u00XX for other control bytes and for <, >, &,
// \ufffd for each byte of invalid UTF-8, \u2028 and \u2029.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if jsonSafe[c] {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
