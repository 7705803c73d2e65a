package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/infragame/infragame/dataset"
	"github.com/infragame/infragame/store"
)

// importAidData streams an AidData GCDF 3.0 CSV into the store: the file's
// hash is checked first (a second import of the same content is refused
// after one read of the file), then rows are mapped and stored one at a
// time in one transaction. It returns the import and the number of records
// of each kind.
//
// A row whose AidData record id is already the source of a record in the
// store (a curated project whose loan says "source_id: AidData 61320") is
// skipped, so the same loan is never counted twice; skipped lists those
// record ids with the record that holds them.
func importAidData(ctx context.Context, st *store.Store, path string) (imp store.Import, counts map[dataset.Kind]int, skipped []string, err error) {
	f, err := os.Open(path)
	if err != nil {
		return store.Import{}, nil, nil, err
	}
	defer f.Close()
	hash, err := store.Hash(f)
	if err != nil {
		return store.Import{}, nil, nil, err
	}
	if err := st.CheckNew(ctx, hash); err != nil {
		return store.Import{}, nil, nil, err
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return store.Import{}, nil, nil, err
	}
	insts, err := st.RecordsOf(ctx, dataset.KindInstitution)
	if err != nil {
		return store.Import{}, nil, nil, err
	}
	known := &dataset.Set{}
	for _, r := range insts {
		known.Add(r)
	}
	ar, ps := dataset.NewAidDataReader(path, f, known)
	if ps != nil {
		return store.Import{}, nil, nil, ps
	}
	projects, err := st.RecordsOf(ctx, dataset.KindProject)
	if err != nil {
		return store.Import{}, nil, nil, err
	}
	curated := map[string]string{} // AidData record id → id of the record holding it
	for _, r := range projects {
		p := r.(*dataset.Project)
		for _, l := range p.Loans {
			if id, ok := strings.CutPrefix(l.SourceID, "AidData "); ok {
				curated[strings.ToLower(strings.TrimSpace(id))] = p.ID
			}
		}
	}
	counts = map[dataset.Kind]int{}
	next := func() ([]dataset.Record, dataset.Problem, dataset.Problems, error) {
		for {
			recs, where, ps, err := ar.Next()
			kept := recs[:0]
			for _, r := range recs {
				if p, ok := r.(*dataset.Project); ok {
					rid := strings.TrimPrefix(p.ID, "aiddata-")
					if holder, dup := curated[rid]; dup {
						skipped = append(skipped, fmt.Sprintf("AidData %s (already in %s)", rid, holder))
						continue
					}
				}
				kept = append(kept, r)
			}
			if len(recs) > 0 && len(kept) == 0 && len(ps) == 0 && err == nil {
				continue // the whole row was a duplicate: read the next
			}
			for _, r := range kept {
				counts[r.RecordKind()]++
			}
			return kept, where, ps, err
		}
	}
	imp, err = st.ImportStream(ctx, path, "aiddata", hash, next)
	return imp, counts, skipped, err
}
