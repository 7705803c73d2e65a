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

// TestStoresCarryAppID: a new store (from the seed image or made the slow
// way) and a store migrated from schema 2 carry the application id in
// their file header once closed, so that Open knows them without looking
// at their tables.
func TestStoresCarryAppID(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	for _, tc := range []struct {
		name string
		open func(context.Context, string) (*store.Store, error)
	}{{"image", store.Open}, {"slow", store.OpenWithoutImage}} {
		path := filepath.Join(dir, tc.name+".db")
		st, err := tc.open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		st.Close()
		if !store.HasAppID(path) {
			t.Errorf("%s: a new store's header has no application id", tc.name)
		}
		downgradeToV2(t, path)
		db, err := sql.Open("sqlite", "file:"+path)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec("PRAGMA application_id = 0"); err != nil {
			t.Fatal(err)
		}
		db.Close()
		if store.HasAppID(path) {
			t.Fatalf("%s: the application id is still set", tc.name)
		}
		st, err = store.Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		st.Close()
		if !store.HasAppID(path) {
			t.Errorf("%s: a store migrated from schema 2 has no application id", tc.name)
		}
	}
	if store.HasAppID(filepath.Join(dir, "none.db")) {
		t.Error("a missing file has the application id")
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
