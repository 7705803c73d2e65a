package store_test

import (
	"bytes"
	"context"
	"database/sql"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/infragame/infragame/store"
)

var updateSeed = flag.Bool("update-seed", false, "rewrite store/seed.sqlite.gz, the image new stores start from")

// dump is every row of every table of the store at path, with the
// schema, user_version, application id and page size: two stores with equal dumps hold
// the same content.
func dump(t *testing.T, path string) string {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var b strings.Builder
	for _, q := range []string{
		"PRAGMA integrity_check", "PRAGMA user_version", "PRAGMA application_id", "PRAGMA page_size", "PRAGMA journal_mode",
		"SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name",
		"SELECT key, value FROM meta ORDER BY key",
		"SELECT * FROM imports ORDER BY id",
		"SELECT name, seq FROM sqlite_sequence ORDER BY name",
		"SELECT id, kind, origin, typeof(import_id), import_id, typeof(title), title, typeof(body), hex(body), typeof(search), search, typeof(head), head FROM records ORDER BY id",
	} {
		rows, err := db.Query(q)
		if err != nil {
			t.Fatal(q, err)
		}
		cols, _ := rows.Columns()
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		b.WriteString(q + "\n")
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			for _, v := range vals {
				if bs, ok := v.([]byte); ok {
					v = string(bs)
				}
				fmt.Fprintf(&b, "%T:%q\x1f", v, fmt.Sprint(v))
			}
			b.WriteString("\n")
		}
		rows.Close()
	}
	return b.String()
}

// TestSeedImageCurrent: the embedded seed image is that of this schema
// and embedded data, and a store made from it holds exactly what a store
// made the slow way holds. "go test ./store -run TestSeedImageCurrent
// -update-seed" rewrites the image after the schema or the data changed.
func TestSeedImageCurrent(t *testing.T) {
	ctx := context.Background()
	if *updateSeed {
		var buf bytes.Buffer
		if err := store.WriteSeedImage(ctx, &buf); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile("seed.sqlite.gz", buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Skip("seed.sqlite.gz rewritten: run the tests again without -update-seed")
	}
	if !store.SeedImageCurrent() {
		t.Fatal("store/seed.sqlite.gz is not the image of this schema and embedded data: run go test ./store -run TestSeedImageCurrent -update-seed")
	}
	dir := t.TempDir()
	// the image is used in a directory that does not exist yet, as the
	// default store's on first use
	slow, fast := filepath.Join(dir, "slow.sqlite"), filepath.Join(dir, "new", "dir", "fast.sqlite")
	st, err := store.OpenWithoutImage(ctx, slow)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	st, err = store.Open(ctx, fast)
	if err != nil {
		t.Fatal(err)
	}
	if !store.MadeFromImage(st) {
		t.Fatal("Open did not make the new store from the image")
	}
	st.Close()
	if a, b := dump(t, slow), dump(t, fast); a != b {
		t.Fatalf("a store made from the image differs from one made the slow way:\n%.3000s\n---\n%.3000s", a, b)
	}
}

// TestNewStoreRace: processes (here goroutines) creating the same new
// store at once all open it, none loses the store another made, and no
// temporary file stays behind.
func TestNewStoreRace(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "db.sqlite")
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			st, err := store.Open(ctx, path)
			if err == nil {
				_, err = st.Records(ctx)
				st.Close()
			}
			errs[i] = err
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".new-") {
			t.Fatalf("temporary file %s left behind", e.Name())
		}
	}
}
