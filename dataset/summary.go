package dataset

import (
	"sort"
)

// Count is a label and how many records carry it.
type Count struct {
	Label string `json:"label"`
	N     int    `json:"n"`
	// Facts and Projects split N by kind (regions, sectors and countries are
	// only counted on facts and projects).
	Facts    int `json:"facts"`
	Projects int `json:"projects"`
}

// Counts tallies records by kind, and facts and projects by region, by
// sector and by country (ByExporter: a country that is a party to a project
// in a role other than host — bidder, winner, lender, contractor, partner,
// operator, sponsor — or the country a fact is about; so host countries
// appear when they are parties or the subject of a fact), each sorted by
// count then label. Flagged counts flagged records of every kind;
// FlaggedByKind splits it.
type Counts struct {
	ByKind        []Count `json:"by_kind"`
	ByRegion      []Count `json:"by_region"`
	BySector      []Count `json:"by_sector"`
	ByExporter    []Count `json:"by_exporter"`
	Flagged       int     `json:"flagged"`
	FlaggedByKind []Count `json:"flagged_by_kind"`
}

// Tally computes [Counts] for s.
func Tally(s *Set) Counts {
	kind, region, sector, exporter := map[string]int{}, map[string]int{}, map[string]int{}, map[string]int{}
	flagged := map[string]int{}
	split := map[string]*[2]int{} // "group/label" → facts, projects
	bump := func(m map[string]int, group, label string, kindIdx int) {
		m[label]++
		key := group + "/" + label
		if split[key] == nil {
			split[key] = new([2]int)
		}
		split[key][kindIdx]++
	}
	var c Counts
	for _, k := range Kinds {
		kind[string(k)] = len(s.Of(k))
	}
	for _, r := range s.All() {
		if len(r.Base().Flags) > 0 {
			c.Flagged++
			flagged[string(r.RecordKind())]++
		}
		switch x := r.(type) {
		case *Fact:
			if x.Region != "" {
				bump(region, "region", x.Region, 0)
			}
			if x.Sector != "" {
				bump(sector, "sector", x.Sector, 0)
			}
			if x.Entity != "" && IsCountry(x.Entity) {
				bump(exporter, "exporter", x.Entity, 0)
			}
		case *Project:
			bump(region, "region", x.Region, 1)
			bump(sector, "sector", x.Sector, 1)
			seen := map[string]bool{}
			for _, p := range x.Parties {
				if p.Role != "host" && !seen[p.Country] {
					seen[p.Country] = true
					bump(exporter, "exporter", p.Country, 1)
				}
			}
		}
	}
	c.ByKind = sorted(kind, false)
	c.ByRegion = withSplit(sorted(region, true), "region", split)
	c.BySector = withSplit(sorted(sector, true), "sector", split)
	c.ByExporter = withSplit(sorted(exporter, true), "exporter", split)
	c.FlaggedByKind = sorted(flagged, false)
	return c
}

func sorted(m map[string]int, byCount bool) []Count {
	out := make([]Count, 0, len(m))
	for k, v := range m {
		out = append(out, Count{Label: k, N: v})
	}
	if !byCount {
		order := map[string]int{}
		for i, k := range Kinds {
			order[string(k)] = i
		}
		sort.Slice(out, func(i, j int) bool { return order[out[i].Label] < order[out[j].Label] })
		return out
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].N != out[j].N {
			return out[i].N > out[j].N
		}
		return out[i].Label < out[j].Label
	})
	return out
}

func withSplit(cs []Count, group string, split map[string]*[2]int) []Count {
	for i := range cs {
		if sp := split[group+"/"+cs[i].Label]; sp != nil {
			cs[i].Facts, cs[i].Projects = sp[0], sp[1]
		}
	}
	return cs
}
