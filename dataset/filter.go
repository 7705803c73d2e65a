package dataset

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// Filter selects records. Empty fields match everything.
type Filter struct {
	Region string
	Sector string
	// Exporter matches a party country (any role) or loan offerer of a
	// project, the entity of a fact, the actor of a strategy or event.
	Exporter string
	// Host matches a project's host country.
	Host string
	// Year matches a fact's or FX year, an event's year, or a project whose
	// year, start or end year equals it or whose start–end span contains it.
	Year  int
	Topic string
	// Flagged keeps only records with at least one flag.
	Flagged bool
}

// Match reports whether r passes the filter.
func (f Filter) Match(r Record) bool {
	if f.Flagged && len(r.Base().Flags) == 0 {
		return false
	}
	switch x := r.(type) {
	case *Fact:
		return InRegion(x.Region, f.Region) && str(f.Sector, x.Sector) && str(f.Exporter, x.Entity) &&
			f.Host == "" && (f.Year == 0 || f.Year == x.Year) && str(f.Topic, x.Topic)
	case *Project:
		if !(InRegion(x.Region, f.Region) || countryIn(x.Host, f.Region)) || !str(f.Sector, x.Sector) || !str(f.Host, x.Host) || f.Topic != "" {
			return false
		}
		if f.Exporter != "" && !slices.ContainsFunc(x.Parties, func(p Party) bool { return p.Country == f.Exporter }) &&
			!slices.ContainsFunc(x.Loans, func(l Loan) bool { return l.OfferedBy == f.Exporter }) {
			return false
		}
		if f.Year != 0 {
			in := f.Year == x.Year || f.Year == x.StartYear || f.Year == x.EndYear ||
				(x.StartYear != 0 && x.EndYear != 0 && f.Year >= x.StartYear && f.Year <= x.EndYear)
			if !in {
				return false
			}
		}
		return true
	case *Institution:
		return f.Region == "" && f.Sector == "" && f.Host == "" && f.Year == 0 && f.Topic == "" && str(f.Exporter, x.Country)
	case *Strategy:
		if f.Region != "" && !slices.ContainsFunc(x.Regions, func(r string) bool { return InRegion(r, f.Region) }) {
			return false
		}
		return f.Sector == "" && f.Host == "" && f.Year == 0 && f.Topic == "" &&
			(f.Exporter == "" || slices.Contains(strings.Split(x.Actor, "+"), f.Exporter))
	case *Event:
		if f.Exporter != "" && !slices.Contains(x.Actors, f.Exporter) {
			return false
		}
		return f.Region == "" && f.Sector == "" && f.Host == "" && f.Topic == "" && (f.Year == 0 || f.Year == x.EventYear())
	case *FX:
		return f.Region == "" && f.Sector == "" && f.Exporter == "" && f.Host == "" && f.Topic == "" && (f.Year == 0 || f.Year == x.Year)
	}
	return false
}

func str(want, got string) bool { return want == "" || want == got }

// Select returns the records of kind k (all kinds when k is "") that pass f.
func (s *Set) Select(k Kind, f Filter) []Record {
	var src []Record
	if k == "" {
		src = s.All()
	} else {
		src = s.Of(k)
	}
	var out []Record
	for _, r := range src {
		if f.Match(r) {
			out = append(out, r)
		}
	}
	return out
}

// regionParents is the region hierarchy a --region filter follows: a record
// labelled with a region also matches each of that region's ancestors.
// ASEAN5 and the Mekong countries are ASEAN members; ASEAN lies in Southeast
// Asia, which lies in Asia; Sub-Saharan Africa lies in Africa; Central Asia
// lies both in Asia and in Russia/CIS. "west-asia" and "middle-east" overlap
// (Egypt is Middle East but Africa) and stay separate labels.
var regionParents = map[string][]string{
	"asia": {"global"}, "east-asia": {"asia"}, "southeast-asia": {"asia"},
	"asean": {"southeast-asia"}, "asean5": {"asean"}, "mekong": {"asean"},
	"south-asia": {"asia"}, "central-asia": {"asia", "russia-cis"}, "west-asia": {"asia"},
	"middle-east": {"global"}, "russia-cis": {"global"}, "europe": {"global"},
	"eastern-europe": {"europe"}, "north-america": {"global"}, "latin-america": {"global"},
	"africa": {"global"}, "sub-saharan-africa": {"africa"}, "oceania": {"global"},
}

// InRegion reports whether a record labelled region lies within want: the
// same region or one of its descendants in the hierarchy of [Regions]
// (asean5 ⊂ asean ⊂ southeast-asia ⊂ asia ⊂ global; sub-saharan-africa ⊂
// africa). An empty want matches everything.
func InRegion(region, want string) bool {
	if want == "" || region == want {
		return true
	}
	for _, p := range regionParents[region] {
		if InRegion(p, want) {
			return true
		}
	}
	return false
}

// Resolve checks a filter typed by a user against the vocabularies and
// normalises its case: region, sector and topic are lower-case, country
// codes upper-case, institution ids lower-case. A value no record could
// carry is an error that lists the valid ones, so a typo never silently
// selects nothing.
func (f *Filter) Resolve(s *Set) error {
	f.Region = strings.ToLower(strings.TrimSpace(f.Region))
	f.Sector = strings.ToLower(strings.TrimSpace(f.Sector))
	f.Topic = strings.ToLower(strings.TrimSpace(f.Topic))
	if f.Region != "" && !slices.Contains(Regions, f.Region) {
		return fmt.Errorf("unknown region %q (regions: %s)", f.Region, strings.Join(Regions, ", "))
	}
	if f.Sector != "" && !slices.Contains(Sectors, f.Sector) {
		return fmt.Errorf("unknown sector %q (sectors: %s)", f.Sector, strings.Join(Sectors, ", "))
	}
	if f.Host != "" {
		f.Host = strings.ToUpper(strings.TrimSpace(f.Host))
		if !IsCountry(f.Host) {
			return fmt.Errorf("unknown host %q: want an ISO 3166-1 alpha-2 country code such as ID, IN, TH", f.Host)
		}
	}
	if f.Exporter != "" {
		e := strings.TrimSpace(f.Exporter)
		switch {
		case IsCountry(strings.ToUpper(e)):
			f.Exporter = strings.ToUpper(e)
		case s != nil && isInstitution(s, strings.ToLower(e)):
			f.Exporter = strings.ToLower(e)
		default:
			return fmt.Errorf("unknown exporter %q: want an ISO 3166-1 alpha-2 country code such as JP, CN, or an institution id (infragame data list institution)", f.Exporter)
		}
	}
	if f.Topic != "" && s != nil {
		var topics []string
		for _, r := range s.Of(KindFact) {
			if t := r.(*Fact).Topic; t != "" && !slices.Contains(topics, t) {
				topics = append(topics, t)
			}
		}
		if !slices.Contains(topics, f.Topic) {
			slices.Sort(topics)
			return fmt.Errorf("unknown topic %q (topics: %s)", f.Topic, strings.Join(topics, ", "))
		}
	}
	return nil
}

func isInstitution(s *Set, id string) bool {
	r, ok := s.Get(id)
	if !ok {
		return false
	}
	_, ok = r.(*Institution)
	return ok
}

// SortRecords orders records of kind k in place by key: "id"; "date"
// (events by date, facts and projects by year, then id); "year" (the same);
// "value" (facts and projects grouped by unit or currency, largest value
// first within each, then id). An empty key sorts events by date and everything else by
// id.
func SortRecords(recs []Record, key string, k Kind) error {
	key = strings.ToLower(strings.TrimSpace(key))
	if key == "" {
		key = "id"
		if k == KindEvent {
			key = "date"
		}
	}
	id := func(r Record) string { return r.Base().ID }
	var less func(a, b Record) int
	switch key {
	case "id":
		less = func(a, b Record) int { return strings.Compare(id(a), id(b)) }
	case "date", "year":
		less = func(a, b Record) int {
			if c := strings.Compare(sortDate(a), sortDate(b)); c != 0 {
				return c
			}
			return strings.Compare(id(a), id(b))
		}
	case "value":
		less = func(a, b Record) int {
			ua, va := sortValue(a)
			ub, vb := sortValue(b)
			if c := strings.Compare(ua, ub); c != 0 {
				return c
			}
			switch {
			case va > vb:
				return -1
			case va < vb:
				return 1
			}
			return strings.Compare(id(a), id(b))
		}
	default:
		return fmt.Errorf("unknown --sort %q (want id, date, year or value)", key)
	}
	slices.SortStableFunc(recs, less)
	return nil
}

// sortDate is a sortable date string: YYYY[-MM[-DD]] of an event, the year
// of a fact, FX record or project ("" sorts first).
func sortDate(r Record) string {
	switch x := r.(type) {
	case *Event:
		return x.Date
	case *Fact:
		return yearKey(x.Year)
	case *Project:
		if x.Year != 0 {
			return yearKey(x.Year)
		}
		return yearKey(x.StartYear)
	case *FX:
		return yearKey(x.Year)
	}
	return ""
}

func yearKey(y int) string {
	if y == 0 {
		return ""
	}
	return fmt.Sprintf("%04d", y)
}

// sortValue is the unit (or currency) and normalised value of a fact or
// project; records without one sort last.
func sortValue(r Record) (string, float64) {
	switch x := r.(type) {
	case *Fact:
		return x.Value.Unit, x.Value.Value
	case *Project:
		if x.Value != nil {
			return x.Value.Currency, x.Value.Amount
		}
	}
	return "\uffff", math.Inf(-1)
}

// groupMembers lists the member countries (ISO 3166-1 alpha-2) of the
// country groupings among [Regions], so that a project labelled with a
// wider region (southeast-asia) is still found by --region asean when its
// host is a member. ASEAN: the ten members listed by the ASEAN Secretariat
// (asean.org, "ASEAN Member States") plus Timor-Leste, admitted on
// 26 October 2025; ASEAN-5 as in the IMF World Economic Outlook grouping;
// Mekong: the five ASEAN members of the Mekong–Japan and Lancang–Mekong
// cooperation frameworks.
var groupMembers = map[string][]string{
	"asean":  {"BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "VN", "TL"},
	"asean5": {"ID", "MY", "PH", "SG", "TH"},
	"mekong": {"KH", "LA", "MM", "TH", "VN"},
}

// countryIn reports whether country belongs to the grouping region (only
// groupings with a member list; see groupMembers).
func countryIn(country, region string) bool {
	return country != "" && slices.Contains(groupMembers[region], country)
}
