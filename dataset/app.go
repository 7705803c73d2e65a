package dataset

import (
	"fmt"
	"slices"
	"strings"

	"github.com/infragame/infragame/internal/suggest"
)

// List returns the records of kind k in s that pass f, in the order sortBy
// names ([SortRecords]; "" for the kind's default). f is resolved against s
// first ([Filter.Resolve]): an unknown region, sector, topic or country is
// an error listing the valid values. The result is never nil.
func (s *Set) List(k Kind, f Filter, sortBy string) ([]Record, error) {
	if err := f.Resolve(s); err != nil {
		return nil, err
	}
	recs := s.Select(k, f)
	if err := SortRecords(recs, sortBy, k); err != nil {
		return nil, err
	}
	if recs == nil {
		recs = []Record{}
	}
	return recs, nil
}

// NotFoundError is returned by [Set.Lookup] for an id no record has.
type NotFoundError struct {
	ID string
	// Similar are ids close to ID (at most five), nearest first.
	Similar []string
}

func (e *NotFoundError) Error() string {
	if len(e.Similar) > 0 {
		return fmt.Sprintf("no record with id %q; did you mean %s?", e.ID, strings.Join(e.Similar, ", "))
	}
	return fmt.Sprintf("no record with id %q (try 'infragame data search %s')", e.ID, e.ID)
}

// Lookup returns the record with id, or a *NotFoundError naming ids close
// to it: within a small edit distance, or containing it (or contained in
// it) as a whole word-part.
func (s *Set) Lookup(id string) (Record, error) {
	if r, ok := s.Get(id); ok {
		return r, nil
	}
	return nil, &NotFoundError{ID: id, Similar: s.similarIDs(id)}
}

// similarIDs returns at most five record ids close to id.
func (s *Set) similarIDs(id string) []string {
	var ids []string
	for _, r := range s.All() {
		ids = append(ids, r.Base().ID)
	}
	out := suggest.Closest(id, ids)
	if len(out) >= 5 || len(id) < 3 {
		return out
	}
	low := strings.ToLower(id)
	for _, c := range ids {
		if len(out) == 5 {
			break
		}
		if strings.Contains(c, low) && !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

// Hit is one search result as "data search --format json" prints it.
type Hit struct {
	ID      string `json:"id"`
	Kind    Kind   `json:"kind"`
	Title   string `json:"title"`
	Excerpt string `json:"excerpt"`
	Record  Record `json:"record"`
}

// SearchResult is a search's answer as "data search --format json" and
// GET /api/v1/search write it: Total records matched and Hits holds the
// best of them, all of them unless a limit was asked for (then
// len(Hits) < Total says that more matched).
type SearchResult struct {
	Total int   `json:"total"`
	Hits  []Hit `json:"hits"`
}

// Hits turns search matches into hits, keeping only records of kind k
// ("" keeps all), in the matches' order. The result is never nil.
func Hits(ms []Match, k Kind) []Hit {
	hits := []Hit{}
	for _, m := range ms {
		if k != "" && m.Record.RecordKind() != k {
			continue
		}
		hits = append(hits, Hit{m.Record.Base().ID, m.Record.RecordKind(), Title(m.Record), m.Excerpt, m.Record})
	}
	return hits
}
