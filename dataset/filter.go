package dataset

import "slices"

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
		return str(f.Region, x.Region) && str(f.Sector, x.Sector) && str(f.Exporter, x.Entity) &&
			f.Host == "" && (f.Year == 0 || f.Year == x.Year) && str(f.Topic, x.Topic)
	case *Project:
		if !str(f.Region, x.Region) || !str(f.Sector, x.Sector) || !str(f.Host, x.Host) || f.Topic != "" {
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
		if f.Region != "" && !slices.Contains(x.Regions, f.Region) {
			return false
		}
		return f.Sector == "" && f.Host == "" && f.Year == 0 && f.Topic == "" && str(f.Exporter, x.Actor)
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
