package cli

import (
	"context"
	"io"
	"os"

	"github.com/infragame/infragame/dataset"
	"github.com/infragame/infragame/store"
)

// importAidData streams an AidData GCDF 3.0 CSV into the store: the file's
// hash is checked first (a second import of the same content is refused
// after one read of the file), then rows are mapped and stored one at a
// time in one transaction. It returns the import and the number of records
// of each kind.
func importAidData(ctx context.Context, st *store.Store, path string) (store.Import, map[dataset.Kind]int, error) {
	f, err := os.Open(path)
	if err != nil {
		return store.Import{}, nil, err
	}
	defer f.Close()
	hash, err := store.Hash(f)
	if err != nil {
		return store.Import{}, nil, err
	}
	if err := st.CheckNew(ctx, hash); err != nil {
		return store.Import{}, nil, err
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return store.Import{}, nil, err
	}
	insts, err := st.RecordsOf(ctx, dataset.KindInstitution)
	if err != nil {
		return store.Import{}, nil, err
	}
	known := &dataset.Set{}
	for _, r := range insts {
		known.Add(r)
	}
	ar, ps := dataset.NewAidDataReader(path, f, known)
	if ps != nil {
		return store.Import{}, nil, ps
	}
	counts := map[dataset.Kind]int{}
	next := func() ([]dataset.Record, dataset.Problem, dataset.Problems, error) {
		recs, where, ps, err := ar.Next()
		for _, r := range recs {
			counts[r.RecordKind()]++
		}
		return recs, where, ps, err
	}
	imp, err := st.ImportStream(ctx, path, "aiddata", hash, next)
	return imp, counts, err
}
