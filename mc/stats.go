package mc

import (
	"math"
	"runtime"
	"sync"
	"sync/atomic"

	"gonum.org/v1/gonum/stat"
)

// Stats summarises a sample: mean, standard deviation and percentiles
// (gonum stat.Quantile, LinInterp on the sorted sample).
type Stats struct {
	Mean float64 `json:"mean"`
	SD   float64 `json:"sd"`
	P10  float64 `json:"p10"`
	P50  float64 `json:"p50"`
	P90  float64 `json:"p90"`
	Min  float64 `json:"min"`
	Max  float64 `json:"max"`
}

// Summarize returns the statistics of x (x is sorted in place).
func Summarize(x []float64) Stats {
	var s sorter
	return s.summarize(x)
}

// summarize is Summarize sorting with s's buffers.
func (s *sorter) summarize(x []float64) Stats {
	if len(x) == 0 {
		n := math.NaN()
		return Stats{n, n, n, n, n, n, n}
	}
	s.sort(x)
	m, sd := stat.MeanStdDev(x, nil)
	if len(x) == 1 {
		sd = 0
	}
	q := func(p float64) float64 { return stat.Quantile(p, stat.LinInterp, x, nil) }
	return Stats{Mean: m, SD: sd, P10: q(0.1), P50: q(0.5), P90: q(0.9), Min: x[0], Max: x[len(x)-1]}
}

// SummarizeEach returns Summarize(xs[i]) for each sample xs[i] (each
// sorted in place), summarising up to workers samples at once (≤ 0:
// GOMAXPROCS). Sorting is most of a summary's work and the samples are
// independent, so the summaries of a simulation's outputs need not be
// serial after its parallel runs. The results do not depend on workers.
func SummarizeEach(workers int, xs ...[]float64) []Stats {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	out := make([]Stats, len(xs))
	var next atomic.Int64
	work := func() {
		var s sorter
		for i := int(next.Add(1)) - 1; i < len(xs); i = int(next.Add(1)) - 1 {
			out[i] = s.summarize(xs[i])
		}
	}
	// The calling goroutine is one of the workers (as in Parallel), so
	// it does not wait for another to be woken and scheduled.
	var wg sync.WaitGroup
	for range max(1, min(workers, len(xs))) - 1 {
		wg.Go(work)
	}
	work()
	wg.Wait()
	return out
}

// Options controls a Monte Carlo simulation (lcc.Simulate, tender.Simulate,
// market.Run).
type Options struct {
	Runs int
	Seed uint64
	// Workers is the number of goroutines (≤ 0: GOMAXPROCS). Results do not
	// depend on it.
	Workers int
	// Progress, if non-nil, is called with the number of finished runs,
	// from one goroutine at a time.
	Progress func(done int)
}

// Moments accumulates the mean and variance of a stream of values in
// constant memory (Welford's algorithm; Knuth, TAOCP vol. 2, §4.2.2), with
// the minimum and maximum. The zero value is empty.
type Moments struct {
	N        int
	mean, m2 float64
	Min, Max float64
}

// Add includes x.
func (m *Moments) Add(x float64) {
	m.N++
	if m.N == 1 {
		m.Min, m.Max = x, x
	} else {
		m.Min, m.Max = math.Min(m.Min, x), math.Max(m.Max, x)
	}
	d := x - m.mean
	m.mean += d / float64(m.N)
	m.m2 += d * (x - m.mean)
}

// Mean returns the sample mean (NaN when empty).
func (m *Moments) Mean() float64 {
	if m.N == 0 {
		return math.NaN()
	}
	return m.mean
}

// SD returns the sample standard deviation with n-1 in the denominator (0
// for one value, NaN when empty).
func (m *Moments) SD() float64 {
	switch m.N {
	case 0:
		return math.NaN()
	case 1:
		return 0
	}
	return math.Sqrt(m.m2 / float64(m.N-1))
}

// CI95 returns the normal-approximation 95 % confidence interval of the
// mean, mean ± 1.959964·SD/√n (the Monte Carlo error of the mean).
func (m *Moments) CI95() (lo, hi float64) {
	h := 1.959963984540054 * m.SD() / math.Sqrt(float64(m.N))
	return m.Mean() - h, m.Mean() + h
}
