package store_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/infragame/infragame/dataset"
	"github.com/infragame/infragame/store"
)

func ids(ms []dataset.Match) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Record.Base().ID)
	}
	return out
}

// TestSearchAgreesWithDataset: the store's indexed search returns what
// dataset.Search returns over every record, in the same order.
func TestSearchAgreesWithDataset(t *testing.T) {
	ctx := context.Background()
	st := open(t, store.Memory)
	all, err := st.Records(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"9.26", "雅万", "JICA 0.1", "jakarta", "Ｊａｋａｒｔａ", "rail 2015", "zzzz-none", "高铁"} {
		got, err := st.Search(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		want := dataset.Search(all, q)
		if strings.Join(ids(got), ",") != strings.Join(ids(want), ",") {
			t.Errorf("%q: store %v, dataset %v", q, ids(got), ids(want))
		}
	}
}

// TestMigrationFillsSearch: a store made by the first schema (no search
// text) is migrated and its records, imported ones included, are found.
func TestMigrationFillsSearch(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v1.sqlite")
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	p := &dataset.Project{Name: "Old Line 旧线", Host: "TH", Region: "southeast-asia", Sector: "rail", Year: 2016}
	p.ID, p.Source = "old-line", "notes"
	body, _ := json.Marshal(p)
	for _, q := range []string{
		`CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
		 CREATE TABLE imports (id INTEGER PRIMARY KEY AUTOINCREMENT, file TEXT NOT NULL, sha256 TEXT NOT NULL UNIQUE,
			format TEXT NOT NULL, imported_at TEXT NOT NULL, records INTEGER NOT NULL);
		 CREATE TABLE records (id TEXT PRIMARY KEY, kind TEXT NOT NULL,
			origin TEXT NOT NULL CHECK (origin IN ('embedded', 'user')),
			import_id INTEGER REFERENCES imports(id) ON DELETE CASCADE,
			title TEXT NOT NULL, body TEXT NOT NULL);
		 CREATE INDEX records_kind ON records(kind);
		 CREATE INDEX records_import ON records(import_id);
		 PRAGMA user_version = 1;`,
		`INSERT INTO imports(file, sha256, format, imported_at, records) VALUES('o.yaml', 'x', 'infragame', '2026-01-01T00:00:00Z', 1)`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.Exec(`INSERT INTO records(id, kind, origin, import_id, title, body) VALUES('old-line', 'project', 'user', 1, 'Old Line', ?)`, string(body)); err != nil {
		t.Fatal(err)
	}
	db.Close()
	st := open(t, path)
	if v, _ := st.SchemaVersion(ctx); v != 3 {
		t.Fatalf("schema version %d", v)
	}
	for _, q := range []string{"旧线", "old line", "2016"} {
		ms, err := st.Search(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(strings.Join(ids(ms), ","), "old-line") {
			t.Errorf("%q: old-line not found after the migration (%v)", q, ids(ms))
		}
	}
}

// downgradeToV2 makes the store at path what a binary of schema 2 left:
// no head column, user_version 2.
func downgradeToV2(t *testing.T, path string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range []string{"ALTER TABLE records DROP COLUMN head", "PRAGMA user_version = 2"} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(q, err)
		}
	}
}

// TestMigrationFillsHead: a store of schema 2 (no head column), with
// imported records, is migrated and its searches rank as the records do.
func TestMigrationFillsHead(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v2.sqlite")
	st, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.ImportAidData(ctx, "big.csv", bytes.NewReader(aidDataRowsN(t, 300))); err != nil {
		t.Fatal(err)
	}
	st.Close()
	downgradeToV2(t, path)
	st = open(t, path)
	if v, _ := st.SchemaVersion(ctx); v != 3 {
		t.Fatalf("schema version %d", v)
	}
	for _, q := range []string{"雅万", "jakarta", "K1", "Hydropower", "9.26", "loan 2015"} {
		ms, err := st.Search(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		want := dataset.Hits(ms, "")
		got, total, err := st.SearchHits(ctx, q, "", false, 0)
		if err != nil {
			t.Fatal(err)
		}
		if total != len(want) || len(got) != len(want) {
			t.Fatalf("%q: %d hits (total %d), want %d", q, len(got), total, len(want))
		}
		for i := range want {
			if got[i].ID != want[i].ID || got[i].Excerpt != want[i].Excerpt {
				t.Fatalf("%q, hit %d: %+v, want %+v", q, i, got[i], want[i])
			}
		}
	}
}

// TestFailedMigrationChangesNothing: when migration 3 cannot compute a
// record's head (its body is not JSON), Open fails and the store is left
// as it was, schema 2 without the head column.
func TestFailedMigrationChangesNothing(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v2.sqlite")
	st, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	downgradeToV2(t, path)
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`INSERT INTO records(id, kind, origin, title, body) VALUES('bad', 'project', 'embedded', 'Bad', '{not json')`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if st, err := store.Open(ctx, path); err == nil {
		st.Close()
		t.Fatal("Open migrated a store whose record cannot be read")
	}
	db, err = sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var v, heads int
	if err := db.QueryRow("PRAGMA user_version").Scan(&v); err != nil || v != 2 {
		t.Fatalf("user_version %d (%v), want 2", v, err)
	}
	if err := db.QueryRow("SELECT count(*) FROM pragma_table_info('records') WHERE name = 'head'").Scan(&heads); err != nil || heads != 0 {
		t.Fatalf("%d head columns (%v) after a failed migration", heads, err)
	}
}

// TestStreamedImportProblems: problems of streamed items carry their line;
// a reference to a record that exists nowhere refuses the whole import.
func TestStreamedImportProblems(t *testing.T) {
	ctx := context.Background()
	st := open(t, store.Memory)
	p := &dataset.Project{Name: "P", Host: "TH", Region: "southeast-asia", Sector: "rail", Year: 2016, Lenders: []string{"nobody"}}
	p.ID, p.Source = "p1", "s"
	q := &dataset.Project{Name: "Q", Host: "TH", Region: "southeast-asia", Sector: "rail", Year: 2016}
	q.ID, q.Source = "p1", "s"
	items := []struct {
		r    dataset.Record
		line int
	}{{p, 2}, {q, 3}}
	i := 0
	next := func() ([]dataset.Record, dataset.Problem, dataset.Problems, error) {
		if i == len(items) {
			return nil, dataset.Problem{}, nil, io.EOF
		}
		i++
		return []dataset.Record{items[i-1].r}, dataset.Problem{File: "f.csv", Line: items[i-1].line}, nil, nil
	}
	_, err := st.ImportStream(ctx, "f.csv", "x", "h", next)
	var ps dataset.Problems
	if !errors.As(err, &ps) || len(ps) != 2 {
		t.Fatalf("want 2 problems, got %v", err)
	}
	if ps[0].Line != 3 || ps[0].Field != "id" || ps[1].Line != 2 || !strings.Contains(ps[1].Reason, `"nobody"`) {
		t.Fatalf("problems %v", ps)
	}
	if imps, _ := st.Imports(ctx); len(imps) != 0 {
		t.Fatal("a refused import left an import behind")
	}
}

// TestImportKilledLeavesStoreIntact: a process killed (SIGKILL) in the
// middle of a large import leaves the store as it was: consistent, no
// import, the embedded records only; the same file then imports.
func TestImportKilledLeavesStoreIntact(t *testing.T) {
	if os.Getenv("INFRAGAME_KILL_CHILD") != "" {
		killChild()
		return
	}
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "db.sqlite")
	csvPath := filepath.Join(dir, "big.csv")
	if err := os.WriteFile(csvPath, aidDataRowsN(t, 20000), 0o644); err != nil {
		t.Fatal(err)
	}
	st := open(t, path)
	before, _ := st.Records(ctx)
	st.Close()
	for _, after := range []time.Duration{150 * time.Millisecond, 400 * time.Millisecond} {
		cmd := exec.Command(os.Args[0], "-test.run", "^TestImportKilledLeavesStoreIntact$")
		cmd.Env = append(os.Environ(), "INFRAGAME_KILL_CHILD=1", "INFRAGAME_KILL_DB="+path, "INFRAGAME_KILL_CSV="+csvPath)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(after)
		cmd.Process.Kill()
		cmd.Wait()
		db, err := sql.Open("sqlite", "file:"+path)
		if err != nil {
			t.Fatal(err)
		}
		var ok string
		if err := db.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&ok); err != nil || ok != "ok" {
			t.Fatalf("integrity check after kill: %q %v", ok, err)
		}
		db.Close()
		st := open(t, path)
		got, _ := st.Records(ctx)
		imps, _ := st.Imports(ctx)
		if len(imps) > 1 || (len(imps) == 0 && got.Len() != before.Len()) || (len(imps) == 1 && got.Len() != before.Len()+imps[0].Records) {
			t.Fatalf("after kill at %v: %d imports, %d records (before %d)", after, len(imps), got.Len(), before.Len())
		}
		if len(imps) == 1 {
			t.Logf("kill at %v came after the commit", after)
			st.RemoveImport(ctx, imps[0].ID)
		}
		st.Close()
	}
}

// TestImportKilledLeavesNewStoreIntact: the first import into a store the
// same process has just made runs with the rollback journal; killed in
// the middle, it leaves a consistent store with the embedded records
// only (or, killed after the commit, the whole import), in WAL mode again
// once opened.
func TestImportKilledLeavesNewStoreIntact(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	csvPath := filepath.Join(dir, "big.csv")
	if err := os.WriteFile(csvPath, aidDataRowsN(t, 20000), 0o644); err != nil {
		t.Fatal(err)
	}
	seedOnly := open(t, store.Memory)
	want, _ := seedOnly.Records(ctx)
	// the kill comes this long after the import began to write to the
	// store (its rollback journal appeared; the import of 20,000 rows,
	// slowed by 20 µs a row, takes longer)
	for i, after := range []time.Duration{0, 100 * time.Millisecond} {
		path := filepath.Join(dir, fmt.Sprintf("new%d.sqlite", i))
		cmd := exec.Command(os.Args[0], "-test.run", "^TestImportKilledLeavesStoreIntact$")
		cmd.Env = append(os.Environ(), "INFRAGAME_KILL_CHILD=1", "INFRAGAME_KILL_DB="+path, "INFRAGAME_KILL_CSV="+csvPath)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		for j := 0; j < 10000; j++ {
			if _, err := os.Stat(path + "-journal"); err == nil {
				break
			}
			time.Sleep(time.Millisecond)
		}
		time.Sleep(after)
		cmd.Process.Kill()
		cmd.Wait()
		if _, err := os.Stat(path); err != nil {
			t.Logf("kill at %v came before the store was made", after)
			continue
		}
		if _, err := os.Stat(path + "-journal"); err != nil {
			t.Logf("kill at %v left no rollback journal", after)
		}
		st := open(t, path) // rolls back what the killed import left
		db, err := sql.Open("sqlite", "file:"+path)
		if err != nil {
			t.Fatal(err)
		}
		var ok, mode string
		if err := db.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&ok); err != nil || ok != "ok" {
			t.Fatalf("integrity check after kill: %q %v", ok, err)
		}
		if err := db.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
			t.Fatalf("journal mode after kill and open: %q %v", mode, err)
		}
		db.Close()
		got, _ := st.Records(ctx)
		imps, _ := st.Imports(ctx)
		if len(imps) > 1 || (len(imps) == 0 && got.Len() != want.Len()) || (len(imps) == 1 && got.Len() != want.Len()+imps[0].Records) {
			t.Fatalf("after kill at %v: %d imports, %d records (embedded %d)", after, len(imps), got.Len(), want.Len())
		}
		if len(imps) == 1 {
			t.Logf("kill at %v came after the commit", after)
		}
	}
}

func aidDataRowsN(t testing.TB, n int) []byte {
	data, err := os.ReadFile("../dataset/testdata/aiddata-gcdf3-sample.csv")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	_, rest, _ := strings.Cut(lines[1], ",")
	var b bytes.Buffer
	b.WriteString(lines[0] + "\n")
	for i := range n {
		fmt.Fprintf(&b, "K%d,%s\n", i, rest)
	}
	return b.Bytes()
}

func killChild() {
	ctx := context.Background()
	st, err := store.Open(ctx, os.Getenv("INFRAGAME_KILL_DB"))
	if err != nil {
		os.Exit(2)
	}
	f, err := os.Open(os.Getenv("INFRAGAME_KILL_CSV"))
	if err != nil {
		os.Exit(2)
	}
	insts, _ := st.RecordsOf(ctx, dataset.KindInstitution)
	known := &dataset.Set{}
	for _, r := range insts {
		known.Add(r)
	}
	ar, _ := dataset.NewAidDataReader("big.csv", f, known)
	// slow each row a little so that the kill lands inside the transaction
	next := func() ([]dataset.Record, dataset.Problem, dataset.Problems, error) {
		time.Sleep(20 * time.Microsecond)
		return ar.Next()
	}
	st.ImportStream(ctx, "big.csv", "aiddata", "kill-test", next)
	os.Exit(0)
}

// TestStreamedImportCancelled: cancelling the context while batches are
// being written (Ctrl-C) stops the reading and the writing goroutine,
// says nothing was written, leaves no goroutine behind and the store as
// it was; the same input then imports in full.
func TestStreamedImportCancelled(t *testing.T) {
	st := open(t, store.Memory)
	before, err := st.Records(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	const n, cancelAt = 2000, 1000 // many batches of 32 on either side of the cancel
	source := func(cancel func()) store.Source {
		i := 0
		return func() ([]dataset.Record, dataset.Problem, dataset.Problems, error) {
			if i == n {
				return nil, dataset.Problem{}, nil, io.EOF
			}
			i++
			if i == cancelAt && cancel != nil {
				cancel()
			}
			p := &dataset.Project{Name: "P", Host: "TH", Region: "southeast-asia", Sector: "rail", Year: 2016}
			p.ID, p.Source = fmt.Sprintf("p%d", i), "s"
			return []dataset.Record{p}, dataset.Problem{File: "f.csv", Line: i + 1}, nil, nil
		}
	}
	goroutines := runtime.NumGoroutine()
	ctx, cancel := context.WithCancel(context.Background())
	_, err = st.ImportStream(ctx, "f.csv", "x", "h", source(cancel))
	cancel()
	if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "nothing was written") {
		t.Fatalf("want an interruption, got %v", err)
	}
	// database/sql's own goroutine watching the cancelled context may take a moment to end
	for i := 0; runtime.NumGoroutine() > goroutines && i < 100; i++ {
		time.Sleep(10 * time.Millisecond)
	}
	if g := runtime.NumGoroutine(); g > goroutines {
		t.Fatalf("%d goroutines after the import, %d before", g, goroutines)
	}
	after, err := st.Records(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if imps, _ := st.Imports(context.Background()); len(imps) != 0 || len(after.All()) != len(before.All()) {
		t.Fatalf("a cancelled import left %d imports, %d records (was %d)", len(imps), len(after.All()), len(before.All()))
	}
	imp, err := st.ImportStream(context.Background(), "f.csv", "x", "h", source(nil))
	if err != nil || imp.Records != n {
		t.Fatalf("the same input after a cancelled import: %+v, %v", imp, err)
	}
}

// TestSearchHitsHeadsAgree: the hits a search prints as a table or CSV,
// the first limit of them when a limit is given, counted all,
// computed from the heads of the records (dataset.DecodeHead), are those
// of the whole records: same hits, order, titles and excerpts, for every
// kind. The store holds the embedded records and an import of 2,000 rows
// (the AidData sample's first row under new ids); $INFRAGAME_BENCH_DB
// names another store to check as well (e.g. the 21,000-row import
// scripts/bench.sh makes).
func TestSearchHitsHeadsAgree(t *testing.T) {
	ctx := context.Background()
	st := open(t, store.Memory)
	if _, err := st.ImportAidData(ctx, "big.csv", bytes.NewReader(aidDataRowsN(t, 2000))); err != nil {
		t.Fatal(err)
	}
	stores := []*store.Store{st}
	if path := os.Getenv("INFRAGAME_BENCH_DB"); path != "" {
		big, err := store.OpenReadOnly(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		defer big.Close()
		stores = append(stores, big)
	}
	// terms in quotes (雅万, 高铁), headlines (jakarta, K1), printed
	// figures (9.26) and elsewhere only (JICA, 2015, Hydropower, loan, usd)
	queries := []string{"9.26", "雅万", "JICA 0.1", "jakarta", "Ｊａｋａｒｔａ", "rail 2015", "zzzz-none", "高铁", "Hydropower", "loan", "usd", "K1", "china development bank", "2"}
	for si, st := range stores {
		for _, q := range queries {
			kinds := append([]dataset.Kind{""}, dataset.Kinds...)
			if si > 0 {
				kinds = []dataset.Kind{"", dataset.KindProject} // the large store: the whole search and its main kind
			}
			for _, k := range kinds {
				ms, err := st.Search(ctx, q)
				if err != nil {
					t.Fatal(err)
				}
				all := dataset.Hits(ms, k)
				// a limit keeps the first hits of the whole search and
				// counts them all
				for _, limit := range []int{0, 1, 3, 50} {
					want := all
					if limit > 0 && limit < len(all) {
						want = all[:limit]
					}
					whole, total, err := st.SearchHits(ctx, q, k, true, limit)
					if err != nil {
						t.Fatal(err)
					}
					heads, htotal, err := st.SearchHits(ctx, q, k, false, limit)
					if err != nil {
						t.Fatal(err)
					}
					if total != len(all) || htotal != len(all) {
						t.Fatalf("store %d, %q, kind %q, limit %d: %d hits, SearchHits counts %d (records) and %d (heads)", si, q, k, limit, len(all), total, htotal)
					}
					if len(whole) != len(want) || len(heads) != len(want) {
						t.Fatalf("store %d, %q, kind %q, limit %d: %d hits, SearchHits %d (records) and %d (heads)", si, q, k, limit, len(want), len(whole), len(heads))
					}
					for i, w := range want {
						h := heads[i]
						if h.ID != w.ID || h.Kind != w.Kind || h.Title != w.Title || h.Excerpt != w.Excerpt || h.Record != nil {
							t.Fatalf("store %d, %q, kind %q, limit %d, hit %d: heads give %+v, records %+v", si, q, k, limit, i, h, w)
						}
						gb, _ := json.Marshal(whole[i])
						wb, _ := json.Marshal(w)
						if !bytes.Equal(gb, wb) {
							t.Fatalf("store %d, %q, kind %q, limit %d, hit %d: SearchHits gives %s, want %s", si, q, k, limit, i, gb, wb)
						}
					}
				}
			}
		}
	}
}
