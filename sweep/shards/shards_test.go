package shards

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/infragame/infragame/sweep"
)

// noisy is y = x1 + 2 x2 + N(0, 1) from the run's source.
type noisy struct{}

func (noisy) Outputs() []string { return []string{"y", "z"} }
func (noisy) Bind([]string) (sweep.Evaluator, error) {
	return sweep.EvalFunc(func(x []float64, src rand.Source, y []float64) error {
		y[0] = x[0] + 2*x[1] + rand.New(src).NormFloat64()
		y[1] = math.Exp(x[0]) / 3
		return nil
	}), nil
}

func testPlan(t *testing.T, seed uint64) (*PlanInfo, *sweep.Plan) {
	t.Helper()
	s := &sweep.Spec{Model: sweep.ModelSpec{Kind: "noisy"}, Seed: seed, Runs: 2, Design: sweep.DesignSpec{Kind: sweep.Saltelli, Points: 32},
		Params: []sweep.ParamSpec{{Name: "a", Range: []float64{0, 1}}, {Name: "b", Dist: &sweep.Dist{Kind: "normal", Mean: 1, SD: 0.2}}}}
	p, err := sweep.NewPlan(s)
	if err != nil {
		t.Fatal(err)
	}
	pi, err := NewPlanInfo(p, noisy{}, []byte("model file"))
	if err != nil {
		t.Fatal(err)
	}
	return pi, p
}

func runShards(t *testing.T, dir string, n int, seed uint64) {
	t.Helper()
	pi, p := testPlan(t, seed)
	for k := range n {
		st, err := WriteShard(context.Background(), dir, pi, p, noisy{}, sweep.RunOptions{Shard: k, Shards: n, Workers: 1 + k%2})
		if err != nil || st != Written {
			t.Fatalf("shard %d/%d: %v %v", k, n, st, err)
		}
	}
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Determinism: 1, 3 and 8 shards give byte-identical merged CSV and
// Parquet files, and the merged CSV of one shard is that shard's file.
func TestMergeDeterministic(t *testing.T) {
	var refCSV, refPQ []byte
	for _, n := range []int{1, 3, 8} {
		dir := t.TempDir()
		runShards(t, dir, n, 11)
		for _, ext := range []string{".csv", ".parquet"} {
			out := filepath.Join(t.TempDir(), "result"+ext)
			rows, err := Merge(context.Background(), dir, out, nil)
			if err != nil {
				t.Fatal(err)
			}
			if rows != 32*4*2 {
				t.Errorf("%d rows", rows)
			}
			got := readFile(t, out)
			ref := &refCSV
			if ext == ".parquet" {
				ref = &refPQ
			}
			if *ref == nil {
				*ref = got
				if ext == ".csv" && !bytes.Equal(got, readFile(t, filepath.Join(dir, Name(0, 1)+".csv"))) {
					t.Error("merged CSV differs from the one-shard file")
				}
				continue
			}
			if !bytes.Equal(got, *ref) {
				t.Errorf("%d shards: merged %s differs from one shard's", n, ext)
			}
		}
	}
	if !bytes.HasPrefix(refCSV, []byte("point_id,run,seed,a,b,y,z\n0,0,")) {
		t.Errorf("CSV starts %q", refCSV[:40])
	}
}

// The Parquet result reads back to the same rows as the CSV, and both give
// the same analysis.
func TestParquetRoundTrip(t *testing.T) {
	dir := t.TempDir()
	runShards(t, dir, 3, 5)
	out := t.TempDir()
	for _, ext := range []string{".csv", ".parquet"} {
		if _, err := Merge(context.Background(), dir, filepath.Join(out, "r"+ext), nil); err != nil {
			t.Fatal(err)
		}
	}
	pi, _ := testPlan(t, 5)
	var rows [2][]string
	for i, ext := range []string{".csv", ".parquet"} {
		err := ReadResult(filepath.Join(out, "r"+ext), pi.Columns, func(r *sweep.Row) error {
			rows[i] = append(rows[i], fmt.Sprint(r.PointID, r.Run, r.Seed, r.X))
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(rows[0]) != 256 || strings.Join(rows[0], "\n") != strings.Join(rows[1], "\n") {
		t.Fatalf("CSV and Parquet rows differ (%d, %d)", len(rows[0]), len(rows[1]))
	}
	a1, _, err := Analyze(filepath.Join(out, "r.csv"), "", sweep.AnalyzeOptions{Bootstrap: 50})
	if err != nil {
		t.Fatal(err)
	}
	a2, _, err := Analyze(filepath.Join(out, "r.parquet"), "", sweep.AnalyzeOptions{Bootstrap: 50})
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(a1) != fmt.Sprint(a2) {
		t.Errorf("analyses differ:\n%v\n%v", a1, a2)
	}
}

func TestMergeErrors(t *testing.T) {
	dir := t.TempDir()
	runShards(t, dir, 4, 1)
	out := filepath.Join(t.TempDir(), "r.csv")

	// Missing shard.
	os.Remove(filepath.Join(dir, Name(2, 4)+".json"))
	if _, err := Merge(context.Background(), dir, out, nil); err == nil || !strings.Contains(err.Error(), "1 of 4 shards missing or incomplete: shard-00002-of-00004") {
		t.Errorf("missing shard: %v", err)
	}
	// Rerun skips the complete shards and redoes the missing one.
	pi, p := testPlan(t, 1)
	for k := range 4 {
		st, err := WriteShard(context.Background(), dir, pi, p, noisy{}, sweep.RunOptions{Shard: k, Shards: 4})
		if err != nil || (st == Skipped) != (k != 2) {
			t.Fatalf("rerun shard %d: %v %v", k, st, err)
		}
	}
	if _, err := Merge(context.Background(), dir, out, nil); err != nil {
		t.Fatal(err)
	}
	// Duplicate: a manifest copied under another name.
	b := readFile(t, filepath.Join(dir, Name(1, 4)+".json"))
	os.WriteFile(filepath.Join(dir, Name(3, 4)+".json.bak"), b, 0o644)
	os.WriteFile(filepath.Join(dir, "shard-00001-of-00008.json"), b, 0o644)
	_, err := Merge(context.Background(), dir, out, nil)
	if err == nil || !strings.Contains(err.Error(), "shard-00001-of-00008.json: its manifest says shard 1 of 4") ||
		!strings.Contains(err.Error(), "shard 1 present 2 times: shard-00001-of-00004.json, shard-00001-of-00008.json") {
		t.Errorf("duplicate: %v", err)
	}
	os.Remove(filepath.Join(dir, "shard-00001-of-00008.json"))
	// A shard of another plan (other seed).
	other := t.TempDir()
	runShards(t, other, 4, 2)
	for _, ext := range []string{".json", ".csv", ".parquet"} {
		os.Rename(filepath.Join(other, Name(3, 4)+ext), filepath.Join(dir, Name(3, 4)+ext))
	}
	if _, err := Merge(context.Background(), dir, out, nil); err == nil || !strings.Contains(err.Error(), "shard-00003-of-00004.json: a shard of another plan") {
		t.Errorf("foreign shard: %v", err)
	}
	// And a run of another plan into the directory is refused.
	pi2, p2 := testPlan(t, 2)
	if _, err := WriteShard(context.Background(), dir, pi2, p2, noisy{}, sweep.RunOptions{}); err == nil || !strings.Contains(err.Error(), "another plan") {
		t.Errorf("run of another plan: %v", err)
	}
}

// A data file changed after its run is detected by the merge.
func TestMergeDetectsTampering(t *testing.T) {
	dir := t.TempDir()
	runShards(t, dir, 2, 3)
	path := filepath.Join(dir, Name(1, 2)+".csv")
	b := readFile(t, path)
	i := bytes.LastIndexByte(b[:len(b)-1], '\n')
	b[i+1] = '9' // same size, different content
	os.WriteFile(path, b, 0o644)
	if _, err := Merge(context.Background(), dir, filepath.Join(t.TempDir(), "r.csv"), nil); err == nil || !strings.Contains(err.Error(), "SHA-256") {
		t.Errorf("tampered shard: %v", err)
	}
}

// An interrupted run leaves no shard behind: neither data file nor
// manifest, and no temporary file.
func TestInterruptedRunLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	_, p := testPlan(t, 1)
	// testPlan's 128 points fit in the two windows sweep.Run has started
	// when it first reports progress: with 4,000 a cancellation there
	// interrupts the run.
	s := *p.Spec
	s.Design.Points = 1000
	p, err := sweep.NewPlan(&s)
	if err != nil {
		t.Fatal(err)
	}
	pi, err := NewPlanInfo(p, noisy{}, []byte("model file"))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	_, err = WriteShard(ctx, dir, pi, p, noisy{}, sweep.RunOptions{Workers: 1, Progress: func(done, total int) { cancel() }})
	if err == nil {
		// The whole shard fitted in one window: nothing to interrupt.
		t.Skip("shard finished before the cancellation")
	}
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if e.Name() != PlanFile {
			t.Errorf("left %s after an interrupted run", e.Name())
		}
	}
}

// BenchmarkMerge measures the merge throughput (rows/s) of 8 shards of a
// 4-parameter, 2-output plan into CSV and into Parquet.
func BenchmarkMerge(b *testing.B) {
	dir := b.TempDir()
	s := &sweep.Spec{Model: sweep.ModelSpec{Kind: "noisy"}, Seed: 1, Runs: 4, Design: sweep.DesignSpec{Kind: sweep.LHS, Points: 25000},
		Params: []sweep.ParamSpec{{Name: "a", Range: []float64{0, 1}}, {Name: "b", Range: []float64{0, 1}}, {Name: "c", Range: []float64{0, 1}}, {Name: "d", Range: []float64{0, 1}}}}
	p, err := sweep.NewPlan(s)
	if err != nil {
		b.Fatal(err)
	}
	pi, err := NewPlanInfo(p, noisy{}, nil)
	if err != nil {
		b.Fatal(err)
	}
	for k := range 8 {
		if _, err := WriteShard(context.Background(), dir, pi, p, noisy{}, sweep.RunOptions{Shard: k, Shards: 8}); err != nil {
			b.Fatal(err)
		}
	}
	for _, ext := range []string{".csv", ".parquet"} {
		b.Run(ext[1:], func(b *testing.B) {
			out := filepath.Join(b.TempDir(), "r"+ext)
			var rows int64
			for b.Loop() {
				if rows, err = Merge(context.Background(), dir, out, nil); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}

// rowByRow hides a tableWriter's encoder: sweep.Run then writes its rows
// one by one.
type rowByRow struct{ sweep.RowWriter }

// Rows encoded in sweep.Run's workers (EncodingWriter) are the bytes
// WriteRow writes, whatever the workers, across Parquet row groups of a
// merged result's size and of a shard's.
func TestEncodedRowsEqualWrittenRows(t *testing.T) {
	_, p := testPlan(t, 5)
	// 10,000 × 4 points × 2 runs: 80,000 rows, more than a row group
	// (rowGroup, 65,536 rows).
	s := *p.Spec
	s.Design.Points = 10000
	p, err := sweep.NewPlan(&s)
	if err != nil {
		t.Fatal(err)
	}
	if p.Len()*s.Runs <= rowGroup {
		t.Fatalf("%d rows: not more than a row group", p.Len()*s.Runs)
	}
	cols, _, err := sweep.Columns(p, noisy{})
	if err != nil {
		t.Fatal(err)
	}
	write := func(t *testing.T, encoded bool, workers, group int) (csvOut, pqOut []byte) {
		var cb, pb bytes.Buffer
		tw, err := newTableWriter(&cb, &pb, cols, group)
		if err != nil {
			t.Fatal(err)
		}
		var w sweep.RowWriter = tw
		if !encoded {
			w = rowByRow{tw}
		}
		if err := sweep.Run(context.Background(), p, noisy{}, sweep.RunOptions{Workers: workers}, w); err != nil {
			t.Fatal(err)
		}
		if err := tw.close(); err != nil {
			t.Fatal(err)
		}
		return cb.Bytes(), pb.Bytes()
	}
	// Run's writer encodes the rows of up to 4 workers (writerKeepsUp);
	// the workers encode them beyond.
	for _, group := range []int{rowGroup, shardRowGroup} {
		refCSV, refPQ := write(t, false, 1, group)
		for _, workers := range []int{1, 5, 7} {
			gotCSV, gotPQ := write(t, true, workers, group)
			if !bytes.Equal(gotCSV, refCSV) || !bytes.Equal(gotPQ, refPQ) {
				t.Errorf("row groups of %d rows, %d workers: encoded rows differ from rows written one by one", group, workers)
			}
		}
	}
}

// The bytes of a shard's files are fixed: the SHA-256 of the CSV and
// Parquet files of testPlan(11) in one shard, as written by the
// row-by-row writer before rows were encoded in Run's workers (commit
// 5f98ae1). A change to the format must change these on purpose.
func TestShardFilesUnchanged(t *testing.T) {
	dir := t.TempDir()
	runShards(t, dir, 1, 11)
	for _, c := range []struct{ ext, want string }{
		{".csv", wantShardCSV},
		{".parquet", wantShardParquet},
	} {
		sum := sha256.Sum256(readFile(t, filepath.Join(dir, Name(0, 1)+c.ext)))
		if got := hex.EncodeToString(sum[:]); got != c.want {
			t.Errorf("%s: SHA-256 %s, want %s", c.ext, got, c.want)
		}
	}
}

const (
	wantShardCSV     = "905218f379a1c4396c4526efabd050e31c5e7d80bccd84f228e79f0e0c54a315"
	wantShardParquet = "42db1c1dc67b1e1f316b78f4ae2d0eb071b96ff1d492df7be3ee2e54ce63fbf1"
)

// A shard of more rows than a shard's row group (shardRowGroup) writes
// its Parquet file group by group while it runs: the file reads back as
// the shard's CSV, and its manifest gives both files' sizes and hashes.
func TestShardOfSeveralRowGroups(t *testing.T) {
	_, p := testPlan(t, 7)
	s := *p.Spec
	s.Design.Points = 3000 // 3,000 × 4 points × 2 runs: 24,000 rows, not a whole number of groups
	p, err := sweep.NewPlan(&s)
	if err != nil {
		t.Fatal(err)
	}
	if rows := p.Len() * s.Runs; rows <= 2*shardRowGroup || rows%shardRowGroup == 0 {
		t.Fatalf("%d rows: want more than two row groups and a partial last one", rows)
	}
	pi, err := NewPlanInfo(p, noisy{}, []byte("model file"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if _, err := WriteShard(context.Background(), dir, pi, p, noisy{}, sweep.RunOptions{Workers: 2}); err != nil {
		t.Fatal(err)
	}
	base := filepath.Join(dir, Name(0, 1))
	var fromCSV, fromParquet []string
	for _, c := range []struct {
		ext  string
		rows *[]string
	}{{".csv", &fromCSV}, {".parquet", &fromParquet}} {
		err := ReadResult(base+c.ext, pi.Columns, func(r *sweep.Row) error {
			*c.rows = append(*c.rows, fmt.Sprint(r.PointID, r.Run, r.Seed, r.X))
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(fromCSV) != p.Len()*s.Runs || strings.Join(fromCSV, "\n") != strings.Join(fromParquet, "\n") {
		t.Fatalf("the Parquet file's %d rows differ from the CSV's %d", len(fromParquet), len(fromCSV))
	}
	mf, err := readManifest(base + ".json")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []FileInfo{mf.CSV, mf.Parquet} {
		b := readFile(t, filepath.Join(dir, f.Name))
		if sum := sha256.Sum256(b); int64(len(b)) != f.Bytes || hex.EncodeToString(sum[:]) != f.SHA256 {
			t.Errorf("%s: %d bytes, SHA-256 %x; the manifest says %d, %s", f.Name, len(b), sum, f.Bytes, f.SHA256)
		}
	}
}
