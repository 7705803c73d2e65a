package shards

import (
	"crypto/sha256"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/infragame/infragame/sweep"
)

// BenchmarkTableWriter measures the cost of writing one row as CSV and
// Parquet, both hashed, alone, on rows shaped like those of
// examples/sweep/tender_sobol.yaml: 4 parameters from a Saltelli design
// (blocks of d + 2 = 6 points in which each parameter takes one of two
// values), 11 outputs: 3 offers of (score, win flag, cost) with score =
// −cost, and the margin and the winner's index.
func BenchmarkTableWriter(b *testing.B) {
	const nx, ny, n = 4, 11, 4096
	cols := []string{"point_id", "run", "seed"}
	for i := range nx + ny {
		cols = append(cols, fmt.Sprint("c", i))
	}
	r := rand.New(rand.NewPCG(1, 2))
	rows := make([]sweep.Row, n)
	var a, bb [nx]float64
	for i := range rows {
		if i%(nx+2) == 0 {
			for j := range nx {
				a[j], bb[j] = r.Float64()/10, r.Float64()/10
			}
		}
		rows[i] = sweep.Row{PointID: i, Seed: r.Uint64(), X: make([]float64, nx), Y: make([]float64, ny)}
		for j := range nx {
			// Row 0 of a block is A, row 1 is B, row 2 + k is A with column k from B.
			if k := i % (nx + 2); k == 1 || k == 2+j {
				rows[i].X[j] = bb[j]
			} else {
				rows[i].X[j] = a[j]
			}
		}
		y := rows[i].Y
		y[0], y[1] = r.Float64()*2e3, float64(r.IntN(3))
		for o := range 3 {
			cost := 5e3 + r.Float64()*1e4
			y[2+3*o], y[3+3*o], y[4+3*o] = -cost, float64(r.IntN(2)), cost
		}
	}
	c0 := cpuTime()
	for b.Loop() {
		cw, pw := &hashingWriter{w: io.Discard, h: sha256.New()}, &hashingWriter{w: io.Discard, h: sha256.New()}
		tw, err := newTableWriter(cw, pw, cols, shardRowGroup)
		if err != nil {
			b.Fatal(err)
		}
		for i := range rows {
			if err := tw.WriteRow(&rows[i]); err != nil {
				b.Fatal(err)
			}
		}
		if err := tw.close(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64((cpuTime()-c0).Nanoseconds())/float64(b.N*n), "cpu-ns/row")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/row")
}

// TestAppendCSVFloats checks the integer shortcut against strconv's 'g'
// formatting, around the bounds where 'g' switches to an exponent
// (10⁶ for shortest formatting) and at the signed zeros and non-finite
// values.
func TestAppendCSVFloats(t *testing.T) {
	vs := []float64{0, math.Copysign(0, -1), 1, -1, 0.5, 999999, -999999, 1e6, -1e6, 1e6 + 1, 123456.5, 1e15, 1e21, -1e-7,
		math.Inf(1), math.Inf(-1), math.NaN(), math.MaxInt64, math.MinInt64, math.MaxFloat64, math.SmallestNonzeroFloat64}
	r := rand.New(rand.NewPCG(3, 4))
	for range 10000 {
		x := r.NormFloat64() * 1e4
		vs = append(vs, float64(r.IntN(4e6)-2e6), x, -x, math.Float64frombits(r.Uint64()))
	}
	// Twice, so that the second pass reads the cache (and the collisions
	// of its direct mapping are exercised).
	var c floatCache
	for _, v := range append(vs, vs...) {
		got := string(c.appendCSVFloats(nil, []float64{v}))
		if want := "," + strconv.FormatFloat(v, 'g', -1, 64); got != want {
			t.Errorf("%v: got %q, want %q", v, got, want)
		}
	}
}

// cpuTime is the user+system CPU time of the process so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
