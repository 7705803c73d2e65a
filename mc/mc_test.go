package mc_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/infragame/infragame/mc"
)

func TestParamCheckClamp(t *testing.T) {
	x := 0.5
	p := mc.Param{Name: "rate", Ptr: &x, Lo: 0, Hi: 1, LoOpen: true}
	for _, c := range []struct {
		v    float64
		want string
	}{{0.5, ""}, {0, "must be > 0"}, {2, "must be ≤ 1"}, {math.NaN(), "not a finite"}} {
		err := p.Check(c.v)
		if (c.want == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), c.want)) {
			t.Errorf("Check(%g) = %v, want %q", c.v, err, c.want)
		}
	}
	if got := p.Clamp(-3); !(got > 0) || got > 1e-300 {
		t.Errorf("Clamp(-3) = %g, want the smallest value above 0", got)
	}
	if got := p.Clamp(7); got != 1 {
		t.Errorf("Clamp(7) = %g", got)
	}
	if _, err := mc.FindParam([]mc.Param{p}, "rat"); !errors.Is(err, mc.ErrUnknownParam) || !strings.Contains(err.Error(), "valid names: rate") {
		t.Errorf("FindParam: %v", err)
	}
}

func TestSummarize(t *testing.T) {
	// 1..5: mean 3, SD sqrt(2.5); gonum's LinInterp interpolates the
	// empirical CDF F(x_i) = i/n, so P50 lies halfway between x_2 (F = 0.4)
	// and x_3 (F = 0.6): 2.5.
	s := mc.Summarize([]float64{5, 1, 4, 2, 3})
	if s.Mean != 3 || math.Abs(s.SD-math.Sqrt(2.5)) > 1e-15 || s.P50 != 2.5 || s.Min != 1 || s.Max != 5 {
		t.Errorf("Summarize = %+v", s)
	}
	var m mc.Moments
	for _, x := range []float64{5, 1, 4, 2, 3} {
		m.Add(x)
	}
	if m.Mean() != 3 || math.Abs(m.SD()-math.Sqrt(2.5)) > 1e-15 || m.Min != 1 || m.Max != 5 {
		t.Errorf("Moments = %v %v %v %v", m.Mean(), m.SD(), m.Min, m.Max)
	}
	lo, hi := m.CI95()
	if h := 1.959963984540054 * math.Sqrt(2.5) / math.Sqrt(5); math.Abs(hi-3-h) > 1e-12 || math.Abs(3-lo-h) > 1e-12 {
		t.Errorf("CI95 = [%g, %g]", lo, hi)
	}
}

func TestDistMeans(t *testing.T) {
	const n = 20000
	for _, d := range []mc.Dist{
		{Kind: mc.Uniform, Min: 1, Max: 3},
		{Kind: mc.Triangular, Min: 1, Mode: 2, Max: 6},
		{Kind: mc.Normal, Mean: 5, SD: 2},
		{Kind: mc.LogNormal, Mu: 0.5, Sigma: 0.3},
		{Kind: mc.PERT, Min: 1, Mode: 2, Max: 6},
	} {
		src := mc.Source(3, 0)
		var m mc.Moments
		for range n {
			m.Add(d.Sample(src))
		}
		if math.Abs(m.Mean()-d.DistMean()) > 4*m.SD()/math.Sqrt(n) {
			t.Errorf("%s: sample mean %g, want %g", d.Kind, m.Mean(), d.DistMean())
		}
	}
}

// draws returns the first three uniform draws of run r.
func draws(seed uint64, r int) [3]float64 {
	g := rand.New(mc.Source(seed, r))
	return [3]float64{g.Float64(), g.Float64(), g.Float64()}
}

func TestParallelAndStreamDoNotDependOnWorkers(t *testing.T) {
	const runs = 301
	var ref [][3]float64
	for _, w := range []int{1, 2, 7} {
		got := make([][3]float64, runs)
		err := mc.Parallel(context.Background(), runs, w, 5, nil, func() func(int) {
			return func(r int) { got[r] = draws(42, r) }
		})
		if err != nil {
			t.Fatal(err)
		}
		var streamed [][3]float64
		err = mc.Stream(context.Background(), runs, w, func() func(int) [3]float64 {
			return func(r int) [3]float64 { return draws(42, r) }
		}, func(r int, v [3]float64) error {
			if r != len(streamed) {
				t.Fatalf("workers %d: run %d delivered after %d runs", w, r, len(streamed))
			}
			streamed = append(streamed, v)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, streamed) {
			t.Errorf("workers %d: Stream and Parallel differ", w)
		}
		if ref == nil {
			ref = got
		} else if !slices.Equal(ref, got) {
			t.Errorf("workers %d: results differ from one worker", w)
		}
	}
}

func TestStreamStopsWithAPrefix(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var started atomic.Int64
	n := 0
	err := mc.Stream(ctx, 1_000_000, 2, func() func(int) int {
		return func(r int) int { started.Add(1); return r }
	}, func(r int, v int) error {
		if r != n || v != r {
			t.Fatalf("got run %d (value %d) after %d runs", r, v, n)
		}
		n++
		if n == 100 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if s := started.Load(); s > 200 {
		t.Errorf("%d runs started after cancelling at 100 (window is 8)", s)
	}
	boom := errors.New("disk full")
	err = mc.Stream(context.Background(), 50, 3, func() func(int) int {
		return func(r int) int { return r }
	}, func(r int, _ int) error {
		if r == 10 {
			return boom
		}
		return nil
	})
	if !errors.Is(err, boom) {
		t.Errorf("err = %v, want the sink's error", err)
	}
}

// SummarizeEach gives each sample's Summarize, whatever the workers.
func TestSummarizeEach(t *testing.T) {
	src := rand.New(rand.NewPCG(1, 2))
	samples := func() [][]float64 {
		xs := make([][]float64, 7) // samples of 0 to 6 values
		for i := range xs {
			for range i {
				xs[i] = append(xs[i], src.NormFloat64())
			}
		}
		return xs
	}
	ref := samples()
	want := make([]mc.Stats, len(ref))
	for i, x := range ref {
		want[i] = mc.Summarize(append([]float64(nil), x...))
	}
	for _, workers := range []int{0, 1, 3, 20} {
		xs := make([][]float64, len(ref))
		for i, x := range ref {
			xs[i] = append([]float64(nil), x...)
		}
		got := mc.SummarizeEach(workers, xs...)
		for i := range want {
			if fmt.Sprint(got[i]) != fmt.Sprint(want[i]) { // NaN for the empty sample
				t.Errorf("workers %d, sample %d: %v, want %v", workers, i, got[i], want[i])
			}
		}
	}
}

// Parallel stops handing out runs once ctx is cancelled and returns its
// error; progress is serialised and ends at runs when nothing stops it; a
// panic in a run becomes the error.
func TestParallelCancelProgressPanic(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var ran atomic.Int64
	err := mc.Parallel(ctx, 1_000_000, 2, 10, nil, func() func(int) {
		return func(int) {
			if ran.Add(1) == 100 {
				cancel()
			}
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if n := ran.Load(); n > 1000 {
		t.Errorf("%d runs after cancelling at 100 (chunks of 10)", n)
	}
	for _, w := range []int{1, 2, 5} {
		last, calls := 0, 0
		err = mc.Parallel(context.Background(), 1003, w, 10, func(done int) {
			if done <= last {
				t.Errorf("workers %d: progress %d after %d", w, done, last)
			}
			last = done
			calls++
		}, func() func(int) { return func(int) {} })
		if err != nil || last != 1003 || calls != 101 {
			t.Errorf("workers %d: err %v, last progress %d in %d calls, want nil, 1003 in 101", w, err, last, calls)
		}
	}
	err = mc.Parallel(context.Background(), 100, 2, 7, nil, func() func(int) {
		return func(r int) {
			if r == 50 {
				panic("bug")
			}
		}
	})
	if err == nil || !strings.Contains(err.Error(), "internal error in run 49") {
		t.Errorf("err = %v, want the panic of the chunk at run 49", err)
	}
}
