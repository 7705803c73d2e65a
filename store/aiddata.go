package store

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/infragame/infragame/dataset"
)

// AidDataImport is the outcome of [Store.ImportAidData].
type AidDataImport struct {
	Import
	// Counts is the number of records stored of each kind.
	Counts map[dataset.Kind]int
	// Skipped lists the rows not stored because a record in the store
	// already holds their AidData record id, as "AidData ID (already in
	// RECORD)".
	Skipped []string
}

// ImportAidData streams an AidData GCDF 3.0 CSV, named name (for errors and
// the import list), from r into the store: the content's hash is checked
// first (a second import of the same content is refused after one read),
// then rows are mapped and stored one at a time in one transaction.
//
// A row whose AidData record id is already the source of a record in the
// store (a curated project whose loan says "source_id: AidData 61320") is
// skipped, so the same loan is never counted twice; skipped lists those
// record ids with the record that holds them.
func (st *Store) ImportAidData(ctx context.Context, name string, f io.ReadSeeker) (AidDataImport, error) {
	var res AidDataImport
	hash, err := Hash(f)
	if err != nil {
		return res, err
	}
	if err := st.CheckNew(ctx, hash); err != nil {
		return res, err
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return res, err
	}
	insts, err := st.RecordsOf(ctx, dataset.KindInstitution)
	if err != nil {
		return res, err
	}
	known := &dataset.Set{}
	for _, r := range insts {
		known.Add(r)
	}
	ar, ps := dataset.NewAidDataReader(name, f, known)
	if ps != nil {
		return res, ps
	}
	ar.ReuseRecord = true // ImportStream encodes each row before it reads the next
	// only the projects with a loan whose source is an AidData record are
	// read (the stored JSON has no spaces: "source_id":"AidData 61320"):
	// decoding every stored project took 0.4 s in a store that held an
	// earlier 21,000-row import
	projects, err := st.query(ctx, `SELECT kind, body FROM records WHERE kind = ? AND instr(body, '"source_id":"AidData ') > 0 ORDER BY id`, string(dataset.KindProject))
	if err != nil {
		return res, err
	}
	curated := map[string]string{} // AidData record id → id of the record holding it
	for _, p := range projects.Projects {
		for _, l := range p.Loans {
			if id, ok := strings.CutPrefix(l.SourceID, "AidData "); ok {
				curated[strings.ToLower(strings.TrimSpace(id))] = p.ID
			}
		}
	}
	counts := map[dataset.Kind]int{}
	var skipped []string
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
	imp, err := st.ImportStream(ctx, name, "aiddata", hash, next)
	return AidDataImport{Import: imp, Counts: counts, Skipped: skipped}, err
}
