package dataset

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// fieldProblem is a problem inside one record, before position lookup.
type fieldProblem struct{ Field, Reason string }

// checker collects the problems of one record. Nested fields are named
// relative to the path entered (enter, enterIndex): the full name
// ("loans[0].amount.currency") is only written out when a problem is
// found, not once per field of every row an import checks.
type checker struct {
	problems []fieldProblem
	path     []pathElem
	pathBuf  [4]pathElem // path's first array: no allocation for a record's paths
}

// pathElem is a field entered: name, or name[i] when i ≥ 0.
type pathElem struct {
	name string
	i    int
}

func (c *checker) enter(name string)             { c.path = append(c.path, pathElem{name, -1}) }
func (c *checker) enterIndex(name string, i int) { c.path = append(c.path, pathElem{name, i}) }
func (c *checker) leave()                        { c.path = c.path[:len(c.path)-1] }

// fieldName is the full name of field (a name relative to the path
// entered; "" for the entered field itself).
func (c *checker) fieldName(field string) string {
	if len(c.path) == 0 {
		return field
	}
	var b strings.Builder
	for k, e := range c.path {
		if k > 0 {
			b.WriteByte('.')
		}
		b.WriteString(e.name)
		if e.i >= 0 {
			b.WriteByte('[')
			b.WriteString(strconv.Itoa(e.i))
			b.WriteByte(']')
		}
	}
	if field != "" {
		b.WriteByte('.')
		b.WriteString(field)
	}
	return b.String()
}

func (c *checker) add(field, format string, args ...any) {
	c.problems = append(c.problems, fieldProblem{c.fieldName(field), fmt.Sprintf(format, args...)})
}

// validID reports whether id matches ^[a-z0-9][a-z0-9._-]*$ (written out:
// the regular expression cost 10 % of validating an imported row).
func validID(id string) bool {
	for i := 0; i < len(id); i++ {
		c := id[i]
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || i > 0 && (c == '.' || c == '_' || c == '-') {
			continue
		}
		return false
	}
	return id != ""
}

func (c *checker) common(r *Common) {
	switch {
	case r.ID == "":
		c.add("id", "required")
	case !validID(r.ID):
		c.add("id", "%q: use lower-case letters, digits, '-', '.' or '_'", r.ID)
	}
	if strings.TrimSpace(r.Source) == "" {
		c.add("source", "required: the seed section or a citation")
	}
	for i, f := range r.Flags {
		if !slices.Contains(flagNames, f) {
			c.add(fmt.Sprintf("flags[%d]", i), "unknown flag %q (want one of %s)", f, strings.Join(flagNames, ", "))
		}
	}
	if len(r.Flags) > 0 && strings.TrimSpace(r.Note) == "" {
		c.add("note", "a flagged record needs a note saying why")
	}
}

func (c *checker) required(field, v string) {
	if strings.TrimSpace(v) == "" {
		c.add(field, "required")
	}
}

func (c *checker) oneOf(field, v string, allowed []string, optional bool) {
	if v == "" && optional {
		return
	}
	if !slices.Contains(allowed, v) {
		c.add(field, "unknown value %q (want one of %s)", v, strings.Join(allowed, ", "))
	}
}

func (c *checker) year(field string, y int, optional bool) {
	if y == 0 && optional {
		return
	}
	if y < 1900 || y > 2100 {
		c.add(field, "year %d outside 1900–2100", y)
	}
}

func (c *checker) number(field string, v float64) bool {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		c.add(field, "not a finite number")
		return false
	}
	return true
}

func (c *checker) nonNegative(field string, v float64) {
	if c.number(field, v) && v < 0 {
		c.add(field, "negative value %g", v)
	}
}

func (c *checker) country(field, v string, optional bool) {
	if v == "" && optional {
		return
	}
	if !IsCountry(v) {
		c.add(field, "unknown country code %q (want ISO 3166-1 alpha-2, e.g. JP, CN, ID)", v)
	}
}

func (c *checker) currency(field, v string) {
	if !IsCurrency(v) {
		c.add(field, "unknown currency %q (want an ISO 4217 code such as USD, JPY, CNY)", v)
	}
}

func (c *checker) printed(field string, p *Printed) {
	if p == nil {
		return
	}
	c.enter(field)
	defer c.leave()
	c.number("value", p.Value)
	c.required("unit", p.Unit)
	switch p.Scale {
	case "", "万亿", "亿", "万", "千", "百万", "千万", "十亿", "trillion", "billion", "million", "thousand", "lakh crore", "crore":
	default:
		c.add("scale", "unknown scale word %q", p.Scale)
	}
}

func (c *checker) money(field string, m *Money) {
	if m == nil {
		return
	}
	c.enter(field)
	defer c.leave()
	c.nonNegative("amount", m.Amount)
	c.currency("currency", m.Currency)
	c.year("year", m.Year, false)
	c.printed("printed", m.Printed)
}

// quantity checks q, the field entered.
func (c *checker) quantity(q Quantity) {
	c.number("value", q.Value)
	if q.Unit == "" {
		c.add("unit", "required")
	} else if !IsCurrency(q.Unit) && !slices.Contains(moneyUnits, q.Unit) {
		c.add("unit", "unknown unit %q (want a currency code or one of %s)", q.Unit, strings.Join(moneyUnits, ", "))
	}
	if IsCurrency(q.Unit) && q.Year == 0 {
		c.add("year", "money needs its price year")
	}
	c.year("year", q.Year, true)
}

func (f *Fact) check(c *checker) {
	c.common(&f.Common)
	c.required("topic", f.Topic)
	c.required("subject", f.Subject)
	c.required("metric", f.Metric)
	c.oneOf("region", f.Region, Regions, true)
	c.oneOf("sector", f.Sector, Sectors, true)
	c.year("year", f.Year, true)
	c.printed("printed", f.Printed)
	c.enter("value")
	c.quantity(f.Value)
	c.leave()
	if f.Entity != "" && len(f.Entity) == 2 && strings.ToUpper(f.Entity) == f.Entity {
		c.country("entity", f.Entity, true)
	}
}

func (p *Project) check(c *checker) {
	c.common(&p.Common)
	c.required("name", p.Name)
	c.country("host", p.Host, false)
	c.oneOf("region", p.Region, Regions, false)
	c.oneOf("sector", p.Sector, Sectors, false)
	c.year("year", p.Year, false)
	c.year("start_year", p.StartYear, true)
	c.year("end_year", p.EndYear, true)
	if p.StartYear != 0 && p.EndYear != 0 && p.EndYear < p.StartYear {
		c.add("end_year", "%d is before start_year %d", p.EndYear, p.StartYear)
	}
	for i, q := range p.Size {
		c.enterIndex("size", i)
		c.quantity(q)
		c.nonNegative("value", q.Value)
		c.leave()
	}
	c.money("value", p.Value)
	for i, pt := range p.Parties {
		c.enterIndex("parties", i)
		c.country("country", pt.Country, false)
		c.oneOf("role", pt.Role, partyRoles, false)
		c.leave()
	}
	for i, in := range p.Instruments {
		c.enterIndex("instruments", i)
		c.oneOf("", in, instruments, false)
		c.leave()
	}
	c.oneOf("status", p.Status, projectStatuses, true)
	for i := range p.Loans {
		c.enterIndex("loans", i)
		p.Loans[i].check(c)
		c.leave()
	}
}

// check checks the loan, the field entered.
func (l *Loan) check(c *checker) {
	c.required("lender", l.Lender)
	c.oneOf("status", l.Status, loanStatuses, false)
	c.year("year", l.Year, true)
	c.money("amount", l.Amount)
	if l.Currency != "" {
		c.currency("currency", l.Currency)
	}
	if l.OfferedBy != "" && l.OfferedBy != "multilateral" {
		c.country("offered_by", l.OfferedBy, false)
	}
	pct := func(name string, v *float64, hi float64) {
		if v == nil {
			return
		}
		if c.number(name, *v) {
			if *v < 0 {
				c.add(name, "negative value %g", *v)
			} else if *v > hi {
				c.add(name, "%g is above %g", *v, hi)
			}
		}
	}
	pct("share_pct", l.SharePct, 100)
	pct("rate_pct", l.RatePct, 100)
	pct("maturity_years", l.MaturityYears, 100)
	pct("grace_years", l.GraceYears, 100)
	// A grant element is negative when a loan is dearer than the discount
	// rate (IMF convention: above 5 %), so it ranges over [-100, 100].
	for _, ge := range []struct {
		name string
		v    *float64
	}{{"grant_element_pct", l.GrantElementPct}, {"grant_element_imf_pct", l.GrantElementIMFPct}} {
		if ge.v != nil && c.number(ge.name, *ge.v) && (*ge.v < -100 || *ge.v > 100) {
			c.add(ge.name, "%g is outside -100 to 100", *ge.v)
		}
	}
	if l.MaturityYears != nil && l.GraceYears != nil && *l.GraceYears >= *l.MaturityYears && *l.MaturityYears > 0 {
		c.add("grace_years", "grace %g must be shorter than maturity %g (maturity includes grace)", *l.GraceYears, *l.MaturityYears)
	}
	c.oneOf("profile", l.Profile, profiles, true)
}

func (in *Institution) check(c *checker) {
	c.common(&in.Common)
	c.required("name", in.Name)
	c.oneOf("type", in.Type, institutionTypes, false)
	if in.Country != "multilateral" {
		c.country("country", in.Country, false)
	}
	c.year("founded", in.Founded, true)
	c.money("capital", in.Capital)
}

func (s *Strategy) check(c *checker) {
	c.common(&s.Common)
	c.required("actor", s.Actor)
	c.oneOf("type", s.Type, strategyTypes, false)
	c.required("name", s.Name)
	for i, r := range s.Regions {
		c.enterIndex("regions", i)
		c.oneOf("", r, Regions, false)
		c.leave()
	}
}

var datePattern = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(\d{4})(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$`)
})

func (e *Event) check(c *checker) {
	c.common(&e.Common)
	if m := datePattern().FindStringSubmatch(e.Date); m == nil {
		c.add("date", "%q: want YYYY, YYYY-MM or YYYY-MM-DD", e.Date)
	} else {
		var y int
		fmt.Sscan(m[1], &y)
		c.year("date", y, false)
	}
	c.required("title", e.Title)
}

// EventYear returns the year of an event's date.
func (e *Event) EventYear() int {
	var y int
	if len(e.Date) >= 4 {
		fmt.Sscan(e.Date[:4], &y)
	}
	return y
}

func (x *FX) check(c *checker) {
	c.common(&x.Common)
	c.year("year", x.Year, false)
	c.currency("currency", x.Currency)
	if c.number("per_usd", x.PerUSD) && x.PerUSD <= 0 {
		c.add("per_usd", "must be positive, got %g", x.PerUSD)
	}
	c.required("series", x.Series)
}

// Check runs the field rules of one record (not the cross-record rules of
// [Validate]) and returns its problems without positions.
func Check(r Record) Problems { return check(&checker{}, r) }

// check is Check with c's buffers reused (a reader that checks every row
// keeps one checker: the interface call makes a new one escape).
func check(c *checker, r Record) Problems {
	c.problems, c.path = c.problems[:0], c.pathBuf[:0]
	r.check(c)
	if len(c.problems) == 0 {
		return nil
	}
	var ps Problems
	for _, p := range c.problems {
		ps = append(ps, Problem{Record: r.Base().ID, Field: p.Field, Reason: p.Reason})
	}
	return ps
}

// Validate checks rules across records: ids unique across kinds, at most one
// FX rate per (currency, year, series), and references from projects and
// events to institutions and projects that exist in s or in ref (ref may be
// nil; pass the embedded dataset when validating user records against it).
// Field rules are checked by [Check] and by the readers.
func Validate(s *Set, ref *Set) Problems {
	var ps Problems
	seen := map[string]Kind{}
	if ref != nil {
		for _, r := range ref.All() {
			seen[r.Base().ID] = r.RecordKind()
		}
	}
	own := map[string]bool{}
	for _, r := range s.All() {
		id := r.Base().ID
		if own[id] {
			ps = append(ps, Problem{Record: id, Field: "id", Reason: "duplicate id within the input"})
			continue
		}
		own[id] = true
		if k, ok := seen[id]; ok {
			ps = append(ps, Problem{Record: id, Field: "id", Reason: fmt.Sprintf("id already used by a %s record", k)})
		}
	}
	exists := func(id string) bool {
		if own[id] {
			return true
		}
		_, ok := seen[id]
		return ok
	}
	type fxKey struct {
		cur    string
		year   int
		series string
	}
	fx := map[fxKey]string{}
	all := s
	if ref != nil {
		all = ref.Merge(s)
	}
	for _, x := range all.FX {
		k := fxKey{x.Currency, x.Year, x.Series}
		if other, dup := fx[k]; dup && other != x.ID {
			ps = append(ps, Problem{Record: x.ID, Field: "year", Reason: fmt.Sprintf("second %s rate for %d in series %q (also %s)", x.Currency, x.Year, x.Series, other)})
		}
		fx[k] = x.ID
	}
	for _, p := range s.Projects {
		for i, l := range p.Lenders {
			if !exists(l) {
				ps = append(ps, Problem{Record: p.ID, Field: fmt.Sprintf("lenders[%d]", i), Reason: fmt.Sprintf("no institution with id %q", l)})
			}
		}
		for i, l := range p.Loans {
			if !exists(l.Lender) {
				ps = append(ps, Problem{Record: p.ID, Field: fmt.Sprintf("loans[%d].lender", i), Reason: fmt.Sprintf("no institution with id %q", l.Lender)})
			}
		}
	}
	for _, e := range s.Events {
		for i, id := range e.Projects {
			if !exists(id) {
				ps = append(ps, Problem{Record: e.ID, Field: fmt.Sprintf("projects[%d]", i), Reason: fmt.Sprintf("no project with id %q", id)})
			}
		}
		for i, id := range e.Institutions {
			if !exists(id) {
				ps = append(ps, Problem{Record: e.ID, Field: fmt.Sprintf("institutions[%d]", i), Reason: fmt.Sprintf("no institution with id %q", id)})
			}
		}
	}
	return ps
}
