package store_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"testing"

	"github.com/infragame/infragame/dataset"
	"github.com/infragame/infragame/store"
)

func open(t *testing.T, path string) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// TestEmbeddedRoundTrip: every embedded record — every seed figure with its
// figure as printed — comes back from the store and from a JSON and CSV
// export unchanged.
func TestEmbeddedRoundTrip(t *testing.T) {
	ctx := context.Background()
	emb, err := dataset.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	st := open(t, filepath.Join(t.TempDir(), "db.sqlite"))
	got, err := st.Records(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got.Len() != emb.Len() {
		t.Fatalf("store has %d records, embedded %d", got.Len(), emb.Len())
	}
	for _, want := range emb.All() {
		r, ok := got.Get(want.Base().ID)
		if !ok {
			t.Fatalf("record %s missing from the store", want.Base().ID)
		}
		a, _ := json.Marshal(want)
		b, _ := json.Marshal(r)
		if !bytes.Equal(a, b) {
			t.Fatalf("record %s changed in the store:\n%s\n%s", want.Base().ID, a, b)
		}
		// CSV export and re-read
		var buf bytes.Buffer
		if err := dataset.WriteCSV(&buf, r.RecordKind(), []dataset.Record{r}); err != nil {
			t.Fatal(err)
		}
		back, ps := dataset.ReadCSV("x.csv", &buf, r.RecordKind())
		if len(ps) != 0 {
			t.Fatalf("%s: %v", r.Base().ID, ps)
		}
		c, _ := json.Marshal(back.All()[0])
		if !bytes.Equal(a, c) {
			t.Fatalf("record %s changed through CSV:\n%s\n%s", want.Base().ID, a, c)
		}
	}
	// The JSON export document reads back as the same set.
	doc := map[string]any{}
	for _, k := range dataset.Kinds {
		doc[k.Plural()] = got.Of(k)
	}
	js, _ := json.Marshal(doc)
	back, ps := dataset.ReadYAML("export.json", js, "")
	if len(ps) != 0 {
		t.Fatal(ps)
	}
	x, _ := json.Marshal(back)
	y, _ := json.Marshal(got)
	if !bytes.Equal(x, y) {
		t.Fatal("JSON export does not read back to the same records")
	}
}

const userYAML = `projects:
  - id: user-line
    name: User line
    host: TH
    region: southeast-asia
    sector: rail
    year: 2016
    parties: [{country: CN, role: winner}]
    source: my notes
`

func TestImportTransactionalAndIdempotent(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "db.sqlite")
	st := open(t, path)
	before, _ := st.Records(ctx)
	set, ps := dataset.ReadYAML("u.yaml", []byte(userYAML), "")
	if len(ps) != 0 {
		t.Fatal(ps)
	}
	imp, err := st.Import(ctx, "u.yaml", "infragame", []byte(userYAML), set)
	if err != nil {
		t.Fatal(err)
	}
	if imp.ID != 1 || imp.Records != 1 {
		t.Fatalf("import %+v", imp)
	}
	if _, err := st.Import(ctx, "u.yaml", "infragame", []byte(userYAML), set); !errors.Is(err, store.ErrAlreadyImported) {
		t.Fatalf("second import: %v", err)
	}
	// A different file reusing the id imports nothing.
	other := userYAML + "  - id: another\n    name: A\n    host: TH\n    region: southeast-asia\n    sector: rail\n    year: 2016\n    source: s\n"
	set2, _ := dataset.ReadYAML("v.yaml", []byte(other), "")
	_, err = st.Import(ctx, "v.yaml", "infragame", []byte(other), set2)
	var probs dataset.Problems
	if !errors.As(err, &probs) || probs[0].Line == 0 || probs[0].File != "v.yaml" {
		t.Fatalf("duplicate across imports: %v", err)
	}
	after, _ := st.Records(ctx)
	if after.Len() != before.Len()+1 {
		t.Fatalf("records %d, want %d: a failed import must write nothing", after.Len(), before.Len()+1)
	}
	if _, ok := after.Get("another"); ok {
		t.Fatal("partial import")
	}
	// Reopening keeps the user's records.
	st.Close()
	st2 := open(t, path)
	again, _ := st2.Records(ctx)
	if _, ok := again.Get("user-line"); !ok || again.Len() != after.Len() {
		t.Fatal("user records lost on reopen")
	}
	if v, _ := st2.SchemaVersion(ctx); v != 3 {
		t.Fatalf("schema version %d", v)
	}
	n, err := st2.RemoveImport(ctx, 1)
	if err != nil || n != 1 {
		t.Fatalf("remove: %d %v", n, err)
	}
	if o, _, err := st2.Origin(ctx, dataset.KindFact.Plural()); err == nil {
		t.Fatalf("unexpected origin %q", o)
	}
}
