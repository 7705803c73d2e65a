package store_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"

	"github.com/infragame/infragame/store"
)

func openFile(t *testing.T, path string) *os.File {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func pageSize(t *testing.T, path string) int {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow("PRAGMA page_size").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// shrinkPages rewrites the store at path with 4 KiB pages, SQLite's
// default and the page size of stores made before 64 KiB pages.
func shrinkPages(t *testing.T, path string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	for _, q := range []string{"PRAGMA journal_mode = DELETE", "PRAGMA page_size = 4096", "VACUUM", "PRAGMA journal_mode = WAL"} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(q, err)
		}
	}
}

// TestOldStoreGetsLargePages: a store with 4 KiB pages is rewritten with
// 64 KiB pages when opened, records and imports intact, unless another
// connection has it open; then it opens as it is.
func TestOldStoreGetsLargePages(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.sqlite")
	st, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.ImportAidData(ctx, "sample.csv", openFile(t, "../dataset/testdata/aiddata-gcdf3-sample.csv")); err != nil {
		t.Fatal(err)
	}
	before, err := st.Records(ctx)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	if got := pageSize(t, path); got != 65536 {
		t.Fatalf("new store: page size %d, want 65536", got)
	}
	shrinkPages(t, path)

	// another connection holds the store: it opens with its small pages
	other, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := other.Exec("SELECT count(*) FROM records"); err != nil {
		t.Fatal(err)
	}
	st = open(t, path)
	st.Close()
	other.Close()
	if got := pageSize(t, path); got != 4096 {
		t.Fatalf("store open elsewhere: page size %d, want it left at 4096", got)
	}

	st = open(t, path)
	if got := pageSize(t, path); got != 65536 {
		t.Fatalf("page size %d after open, want 65536", got)
	}
	after, err := st.Records(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if a, b := len(after.All()), len(before.All()); a != b {
		t.Fatalf("%d records after the rewrite, %d before", a, b)
	}
	imps, err := st.Imports(ctx)
	if err != nil || len(imps) != 1 {
		t.Fatalf("imports %v, %v", imps, err)
	}
	ms, err := st.Search(ctx, "aiddata")
	if err != nil || len(ms) == 0 {
		t.Fatalf("search after the rewrite: %d hits, %v", len(ms), err)
	}
}
