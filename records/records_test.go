package records_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/infragame/infragame/dataset"
	"github.com/infragame/infragame/records"
	"github.com/infragame/infragame/store"
)

// storeRecords returns the records of a store at path holding only the
// embedded data.
func storeRecords(t *testing.T, path string) *dataset.Set {
	t.Helper()
	st, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	set, err := st.Records(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return set
}

// TestEmbeddedIsWhatAStoreReturns: the front binary computes the records
// of a machine with no database from the embedded data; they must be what
// the full binary reads from a new store, in memory or in a new file
// (created from the seed image), record by record and in order.
func TestEmbeddedIsWhatAStoreReturns(t *testing.T) {
	if records.Memory != store.Memory {
		t.Fatalf("records.Memory = %q, store.Memory = %q", records.Memory, store.Memory)
	}
	got, err := records.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	for name, path := range map[string]string{"memory": store.Memory, "file": filepath.Join(t.TempDir(), "new.db")} {
		t.Run(name, func(t *testing.T) {
			want := storeRecords(t, path)
			g, w := got.All(), want.All()
			if len(g) != len(w) || len(g) == 0 {
				t.Fatalf("%d records, the store has %d", len(g), len(w))
			}
			for i := range g {
				if !reflect.DeepEqual(g[i], w[i]) {
					gj, _ := json.Marshal(g[i])
					wj, _ := json.Marshal(w[i])
					t.Errorf("record %d: %s %s\n got %s\nwant %s", i, g[i].RecordKind(), g[i].Base().ID, gj, wj)
				}
			}
		})
	}
}

func TestLoad(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	missing := filepath.Join(dir, "none.db")
	for _, p := range []string{records.Memory, missing} {
		set, err := records.Load(ctx, p, nil)
		if err != nil || set.Len() == 0 {
			t.Errorf("Load(%q, nil) = %d records, %v; want the embedded data", p, set.Len(), err)
		}
	}
	if _, err := os.Stat(missing); err == nil {
		t.Errorf("Load created %s", missing)
	}
	existing := filepath.Join(dir, "x.db")
	if err := os.WriteFile(existing, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := records.Load(ctx, existing, nil); err == nil {
		t.Errorf("Load of an existing database without an opener succeeded")
	}
	called := ""
	open := func(_ context.Context, path string) (*dataset.Set, error) { called = path; return &dataset.Set{}, nil }
	if _, err := records.Load(ctx, existing, open); err != nil || called != existing {
		t.Errorf("Load(existing, open): opener called with %q, %v", called, err)
	}
	if _, err := records.Load(ctx, dir, open); called != dir || err != nil {
		t.Errorf("a directory must go to the store, which refuses it: opener called with %q", called)
	}
}

func TestPath(t *testing.T) {
	t.Setenv("INFRAGAME_DB", "")
	t.Setenv("XDG_DATA_HOME", "/data")
	if p, _ := records.Path("x.db"); p != "x.db" {
		t.Errorf("--db: %q", p)
	}
	if p, _ := records.Path(""); p != filepath.Join("/data", "infragame", "infragame.db") {
		t.Errorf("XDG_DATA_HOME: %q", p)
	}
	t.Setenv("INFRAGAME_DB", "/env.db")
	if p, _ := records.Path(""); p != "/env.db" || !records.Explicit("") {
		t.Errorf("INFRAGAME_DB: %q", p)
	}
}
