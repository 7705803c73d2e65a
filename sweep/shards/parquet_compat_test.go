package shards

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"

	"github.com/infragame/infragame/sweep"
)

// The merged Parquet file reads with parquet-go (an independent
// implementation, a test-only dependency) as the same rows as the CSV,
// with INT64 point_id and run, UINT64 seed and DOUBLE values.
func TestParquetReadByParquetGo(t *testing.T) {
	dir := t.TempDir()
	runShards(t, dir, 3, 5)
	out := t.TempDir()
	for _, ext := range []string{".csv", ".parquet"} {
		if _, err := Merge(context.Background(), dir, filepath.Join(out, "r"+ext), nil); err != nil {
			t.Fatal(err)
		}
	}
	pi, _ := testPlan(t, 5)
	var want []string
	err := ReadResult(filepath.Join(out, "r.csv"), pi.Columns, func(r *sweep.Row) error {
		want = append(want, fmt.Sprint(r.PointID, r.Run, r.Seed, r.X))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join(out, "r.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, _ := f.Stat()
	pf, err := parquet.OpenFile(f, st.Size())
	if err != nil {
		t.Fatal(err)
	}
	schema := pf.Schema()
	if got, x := schema.String(), oldSchema(pi.Columns).String(); got != x {
		t.Errorf("schema\n%s\nwant\n%s", got, x)
	}
	idx := map[string]int{}
	for i, fl := range schema.Fields() {
		idx[fl.Name()] = i
	}
	r := parquet.NewReader(pf)
	var got []string
	buf := make([]parquet.Row, 64)
	for {
		n, err := r.ReadRows(buf)
		for _, pr := range buf[:n] {
			var xs []float64
			for _, c := range pi.Columns[3:] {
				xs = append(xs, pr[idx[c]].Double())
			}
			got = append(got, fmt.Sprint(pr[idx["point_id"]].Int64(), pr[idx["run"]].Int64(), pr[idx["seed"]].Uint64(), xs))
		}
		if err != nil {
			break
		}
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("parquet-go reads %d rows that differ from the CSV's %d", len(got), len(want))
	}
}

// oldSchema is the schema the versions before flatparquet wrote with
// parquet-go.
func oldSchema(cols []string) *parquet.Schema {
	g := parquet.Group{}
	for i, c := range cols {
		switch i {
		case 0, 1:
			g[c] = parquet.Int(64)
		case 2:
			g[c] = parquet.Uint(64)
		default:
			g[c] = parquet.Leaf(parquet.DoubleType)
		}
	}
	return parquet.NewSchema("sweep", g)
}

// A result written by an earlier version (parquet-go, its default
// uncompressed v2 pages) still reads.
func TestReadParquetOfEarlierVersions(t *testing.T) {
	pi, _ := testPlan(t, 5)
	s := oldSchema(pi.Columns)
	path := filepath.Join(t.TempDir(), "old.parquet")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := parquet.NewGenericWriter[any](f, s, parquet.CreatedBy("infragame", "sweep", ""))
	var want []string
	for i := range 100 {
		row := make(parquet.Row, len(pi.Columns))
		vals := map[string]parquet.Value{"point_id": parquet.Int64Value(int64(i / 2)), "run": parquet.Int64Value(int64(i % 2)), "seed": parquet.Int64Value(int64(1000 + i))}
		var xs []float64
		for k, c := range pi.Columns[3:] {
			x := float64(i) + float64(k)/10
			vals[c] = parquet.DoubleValue(x)
			xs = append(xs, x)
		}
		for j, fl := range s.Fields() {
			row[j] = vals[fl.Name()].Level(0, 0, j)
		}
		if _, err := w.WriteRows([]parquet.Row{row}); err != nil {
			t.Fatal(err)
		}
		want = append(want, fmt.Sprint(i/2, i%2, 1000+i, xs))
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	var got []string
	err = ReadResult(path, pi.Columns, func(r *sweep.Row) error {
		got = append(got, fmt.Sprint(r.PointID, r.Run, r.Seed, r.X))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("read\n%v\nwant\n%v", got[:3], want[:3])
	}
}
