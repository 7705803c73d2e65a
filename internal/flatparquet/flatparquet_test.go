package flatparquet_test

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/parquet-go/parquet-go"

	"github.com/infragame/infragame/internal/flatparquet"
)

// row is the test schema; the parquet tags give parquet-go (an
// independent implementation, used by the tests only) the same schema as
// cols.
type row struct {
	A string  `parquet:"a,dict"`
	B uint64  `parquet:"b"`
	C int64   `parquet:"c"`
	D int32   `parquet:"d"`
	E float64 `parquet:"e"`
}

var cols = []flatparquet.Column{
	{Name: "a", Type: flatparquet.String},
	{Name: "b", Type: flatparquet.Uint64},
	{Name: "c", Type: flatparquet.Int64},
	{Name: "d", Type: flatparquet.Int32},
	{Name: "e", Type: flatparquet.Double},
}

func randomRows(r *rand.Rand, n, words int) []row {
	rows := make([]row, n)
	for i := range rows {
		rows[i] = row{
			A: fmt.Sprintf("w%d-中文", r.IntN(words)),
			B: r.Uint64(),
			C: r.Int64() - math.MaxInt64/2,
			D: r.Int32() - math.MaxInt32/2,
			E: r.NormFloat64(),
		}
		if i%7 == 3 {
			rows[i].E = math.NaN()
		}
		if i%11 == 0 { // runs of equal strings
			rows[i].A = "same"
		}
	}
	return rows
}

func write(t *testing.T, rows []row, group int) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := flatparquet.NewWriter(&buf, "test", cols, "infragame test")
	for i, r := range rows {
		w.String(0, r.A)
		w.Uint64(1, r.B)
		w.Int64(2, r.C)
		w.Int32(3, r.D)
		w.Double(4, r.E)
		if group > 0 && (i+1)%group == 0 {
			if err := w.Flush(); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func same(a, b row) bool {
	return a.A == b.A && a.B == b.B && a.C == b.C && a.D == b.D &&
		(a.E == b.E || math.IsNaN(a.E) && math.IsNaN(b.E))
}

// TestReadByParquetGo writes files with flatparquet and reads them back
// with parquet-go: schema (physical and logical types) and every value.
func TestReadByParquetGo(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, tc := range []struct{ n, words, group int }{
		{0, 1, 0}, {1, 1, 0}, {10, 1, 0}, {1000, 3, 0}, {1000, 300, 0}, {5000, 70000, 1024}, {3000, 5, 7},
		{20000, 50, 0}, // several pages (pageRows = 8192) in one row group
	} {
		t.Run(fmt.Sprintf("n%d-words%d-group%d", tc.n, tc.words, tc.group), func(t *testing.T) {
			want := randomRows(r, tc.n, tc.words)
			data := write(t, want, tc.group)
			f, err := parquet.OpenFile(bytes.NewReader(data), int64(len(data)))
			if err != nil {
				t.Fatal(err)
			}
			if got, wantSchema := f.Schema().String(), parquet.SchemaOf(row{}).String(); got != replaceName(wantSchema, "test") {
				t.Errorf("schema\n%s\nwant\n%s", got, wantSchema)
			}
			if got := f.NumRows(); got != int64(tc.n) {
				t.Fatalf("NumRows=%d, want %d", got, tc.n)
			}
			got, err := parquet.Read[row](bytes.NewReader(data), int64(len(data)))
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(want) {
				t.Fatalf("%d rows, want %d", len(got), len(want))
			}
			for i := range want {
				if !same(got[i], want[i]) {
					t.Fatalf("row %d: %+v, want %+v", i, got[i], want[i])
				}
			}
		})
	}
}

// replaceName gives a parquet-go schema text the root name of ours.
func replaceName(s, name string) string {
	i := bytes.IndexByte([]byte(s), '{')
	return "message " + name + " " + s[i:]
}

func readAll(t *testing.T, data []byte) []row {
	t.Helper()
	f, err := flatparquet.Open(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range f.Columns() {
		names = append(names, c.Name)
	}
	if fmt.Sprint(names) != "[a b c d e]" {
		t.Fatalf("columns %v", names)
	}
	var rows []row
	err = f.Rows(func(v []flatparquet.Value) error {
		rows = append(rows, row{string(v[0].Str), uint64(v[1].Int), v[2].Int, int32(v[3].Int), v[4].Float})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestRoundTrip reads flatparquet's own files.
func TestRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, group := range []int{0, 1, 100} {
		want := randomRows(r, 777+20000*min(group, 1), 20)
		got := readAll(t, write(t, want, group))
		if len(got) != len(want) {
			t.Fatalf("%d rows, want %d", len(got), len(want))
		}
		for i := range want {
			if !same(got[i], want[i]) {
				t.Fatalf("group %d row %d: %+v, want %+v", group, i, got[i], want[i])
			}
		}
	}
}

// TestReadParquetGoFiles reads files written by parquet-go without
// compression: data pages of version 1 and 2, small pages, dictionaries
// with bit-packed indices.
func TestReadParquetGoFiles(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	want := randomRows(r, 5000, 40)
	for _, v := range []int{1, 2} {
		var buf bytes.Buffer
		w := parquet.NewGenericWriter[row](&buf, parquet.DataPageVersion(v), parquet.PageBufferSize(4096), parquet.MaxRowsPerRowGroup(1500))
		if _, err := w.Write(want); err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		got := readAll(t, buf.Bytes())
		if len(got) != len(want) {
			t.Fatalf("v%d: %d rows, want %d", v, len(got), len(want))
		}
		for i := range want {
			if !same(got[i], want[i]) {
				t.Fatalf("v%d row %d: %+v, want %+v", v, i, got[i], want[i])
			}
		}
	}
}

func TestRefused(t *testing.T) {
	var buf bytes.Buffer
	w := parquet.NewGenericWriter[row](&buf, parquet.Compression(&parquet.Zstd))
	w.Write(randomRows(rand.New(rand.NewPCG(7, 8)), 10, 2))
	w.Close()
	_, err := flatparquet.Open(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if !errors.Is(err, flatparquet.ErrUnsupported) {
		t.Errorf("compressed file: err=%v, want ErrUnsupported", err)
	}
	for _, bad := range [][]byte{nil, []byte("PAR1"), []byte("PAR1\x00\x00\x00\x00PAR1"), []byte("PAR1\x05\x00\x00\x00\xff\xff\xff\xff\xff\x05\x00\x00\x00PAR1")} {
		if _, err := flatparquet.Open(bytes.NewReader(bad), int64(len(bad))); err == nil {
			t.Errorf("Open(%q) succeeded", bad)
		}
	}
}

// FuzzOpen checks that no input makes Open or Rows panic or hang.
func FuzzOpen(f *testing.F) {
	var buf bytes.Buffer
	w := flatparquet.NewWriter(&buf, "test", cols, "fuzz")
	for i := range 20 {
		w.String(0, fmt.Sprint(i%3))
		w.Uint64(1, uint64(i))
		w.Int64(2, int64(i))
		w.Int32(3, int32(i))
		w.Double(4, float64(i))
	}
	w.Close()
	f.Add(buf.Bytes())
	f.Fuzz(func(t *testing.T, data []byte) {
		pf, err := flatparquet.Open(bytes.NewReader(data), int64(len(data)))
		if err != nil || pf.NumRows() > 1e5 {
			return
		}
		pf.Rows(func([]flatparquet.Value) error { return nil })
	})
}
