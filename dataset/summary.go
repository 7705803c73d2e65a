package dataset

import (
	"sort"
)

// Count is a label and how many records carry it.
type Count struct {
	Label string `json:"label"`
	N     int    `json:"n"`
}

// Counts tallies records by kind, by region, by sector and by exporter
// (a country that is a party to a project in any role, or the entity of a
// fact), each sorted by count then label.
type Counts struct {
	ByKind     []Count `json:"by_kind"`
	ByRegion   []Count `json:"by_region"`
	BySector   []Count `json:"by_sector"`
	ByExporter []Count `json:"by_exporter"`
	Flagged    int     `json:"flagged"`
}

// Tally computes [Counts] for s.
func Tally(s *Set) Counts {
	kind, region, sector, exporter := map[string]int{}, map[string]int{}, map[string]int{}, map[string]int{}
	var c Counts
	for _, k := range Kinds {
		kind[string(k)] = len(s.Of(k))
	}
	for _, r := range s.All() {
		if len(r.Base().Flags) > 0 {
			c.Flagged++
		}
		switch x := r.(type) {
		case *Fact:
			if x.Region != "" {
				region[x.Region]++
			}
			if x.Sector != "" {
				sector[x.Sector]++
			}
			if x.Entity != "" && IsCountry(x.Entity) {
				exporter[x.Entity]++
			}
		case *Project:
			region[x.Region]++
			sector[x.Sector]++
			seen := map[string]bool{}
			for _, p := range x.Parties {
				if p.Role != "host" && !seen[p.Country] {
					seen[p.Country] = true
					exporter[p.Country]++
				}
			}
		}
	}
	c.ByKind = sorted(kind, false)
	c.ByRegion = sorted(region, true)
	c.BySector = sorted(sector, true)
	c.ByExporter = sorted(exporter, true)
	return c
}

func sorted(m map[string]int, byCount bool) []Count {
	out := make([]Count, 0, len(m))
	for k, v := range m {
		out = append(out, Count{k, v})
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
