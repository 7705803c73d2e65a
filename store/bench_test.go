package store_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/infragame/infragame/dataset"
	"github.com/infragame/infragame/store"
)

// BenchmarkImportAidData streams the AidData CSV named by
// $INFRAGAME_BENCH_CSV (e.g. the 21,000-row file scripts/bench.sh makes)
// into a fresh store; without it, the three-row sample repeated.
func BenchmarkImportAidData(b *testing.B) {
	path := os.Getenv("INFRAGAME_BENCH_CSV")
	if path == "" {
		path = "../dataset/testdata/aiddata-gcdf3-sample.csv"
	}
	ctx := context.Background()
	dir := b.TempDir()
	i := 0
	for b.Loop() {
		b.StopTimer()
		i++
		st, err := store.Open(ctx, filepath.Join(dir, "db"+string(rune('a'+i%26))+".sqlite"))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		hash, _ := store.Hash(f)
		f.Seek(0, 0)
		insts, err := st.RecordsOf(ctx, dataset.KindInstitution)
		if err != nil {
			b.Fatal(err)
		}
		known := &dataset.Set{}
		for _, r := range insts {
			known.Add(r)
		}
		ar, ps := dataset.NewAidDataReader(path, f, known)
		if ps != nil {
			b.Fatal(ps)
		}
		ar.ReuseRecord = true
		if _, err := st.ImportStream(ctx, path, "aiddata", hash, ar.Next); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		f.Close()
		st.Close()
		os.Remove(filepath.Join(dir, "db"+string(rune('a'+i%26))+".sqlite"))
		b.StartTimer()
	}
}

// BenchmarkSearch opens the store at $INFRAGAME_BENCH_DB (e.g. one that
// holds the 21,000-row file scripts/bench.sh imports) and searches it, as
// one `infragame data search` does after start-up; without it, the
// embedded records in a fresh store. $INFRAGAME_BENCH_QUERY is the query
// (default "Hydropower").
func BenchmarkSearch(b *testing.B) {
	benchSearch(b, func(ctx context.Context, st *store.Store, q string) error {
		_, err := st.Search(ctx, q)
		return err
	})
}

// BenchmarkSearchHits is [BenchmarkSearch] as `infragame data search`
// runs it for a table or CSV: the hits from the records' heads
// (Store.SearchHits with records false) and the default limit of 50 hits.
// Same store and query variables.
// searchLimit is `data search`'s default --limit.
const searchLimit = 50

func BenchmarkSearchHits(b *testing.B) {
	benchSearch(b, func(ctx context.Context, st *store.Store, q string) error {
		_, _, err := st.SearchHits(ctx, q, "", false, searchLimit)
		return err
	})
}

// benchSearch opens the benchmark's store and runs search on it once an
// iteration, the open included.
func benchSearch(b *testing.B, search func(context.Context, *store.Store, string) error) {
	ctx := context.Background()
	path := os.Getenv("INFRAGAME_BENCH_DB")
	if path == "" {
		path = filepath.Join(b.TempDir(), "db.sqlite")
		st, err := store.Open(ctx, path)
		if err != nil {
			b.Fatal(err)
		}
		st.Close()
	}
	q := os.Getenv("INFRAGAME_BENCH_QUERY")
	if q == "" {
		q = "Hydropower"
	}
	for b.Loop() {
		st, err := store.Open(ctx, path)
		if err != nil {
			b.Fatal(err)
		}
		if err := search(ctx, st, q); err != nil {
			b.Fatal(err)
		}
		st.Close()
	}
}
