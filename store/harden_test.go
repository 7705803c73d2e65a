package store_test

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/infragame/infragame/store"
)

// TestForeignDatabaseUntouched: another application's SQLite file is
// refused, and not a byte of it changes (it used to be switched to WAL).
func TestForeignDatabaseUntouched(t *testing.T) {
	path := filepath.Join(t.TempDir(), "other.db")
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("CREATE TABLE records (x INTEGER); INSERT INTO records VALUES (1)"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	before, _ := os.ReadFile(path)
	_, err = store.Open(context.Background(), path)
	if !errors.Is(err, store.ErrNotStore) {
		t.Fatalf("got %v, want ErrNotStore", err)
	}
	after, _ := os.ReadFile(path)
	if !bytes.Equal(before, after) {
		t.Fatal("the foreign database changed")
	}
	if _, err := os.Stat(path + "-wal"); err == nil {
		t.Fatal("a WAL file was created")
	}
}

// TestReadOnlyStore: a store opened read-only reads, and refuses writes
// with ErrReadOnly.
func TestReadOnlyStore(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "db.sqlite")
	st, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	ro, err := store.OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	set, err := ro.Records(ctx)
	if err != nil || set.Len() == 0 {
		t.Fatalf("read-only read: %v, %d records", err, set.Len())
	}
	if _, err := ro.Import(ctx, "x.yaml", "yaml", []byte("x"), set); !errors.Is(err, store.ErrReadOnly) {
		t.Fatalf("import into read-only store: %v", err)
	}
}
