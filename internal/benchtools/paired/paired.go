// Package paired times one computation on one worker and on two in
// alternating pairs inside one Go benchmark, so that both see the same
// load of a shared machine. Two benchmarks of one and two workers run
// seconds apart, and a change of load between them moves their ratio; a
// pair's ratio does not carry it.
package paired

import (
	"runtime"
	"sort"
	"testing"
	"time"
)

// Speedup times run(1) and run(2) once each per benchmark iteration,
// each after a garbage collection (so that neither pays for the other's
// garbage: without it the one-worker half of a sweep took 135–196 ms after
// a two-worker run against 140–150 ms alone),
// alternating which comes first, after one warm-up of each (buffers,
// threads). It reports the median over the pairs of 1-worker time ÷
// 2-worker time as "speedup" and the median times in milliseconds as
// "ms-1w" and "ms-2w"; ns/op is the time of a pair.
func Speedup(b *testing.B, run func(workers int)) {
	b.Helper()
	timed := func(workers int) float64 {
		runtime.GC()
		t0 := time.Now()
		run(workers)
		return float64(time.Since(t0).Nanoseconds()) / 1e6
	}
	timed(1)
	timed(2)
	var ratios, one, two []float64
	for b.Loop() {
		var t1, t2 float64
		if len(ratios)%2 == 0 {
			t1 = timed(1)
			t2 = timed(2)
		} else {
			t2 = timed(2)
			t1 = timed(1)
		}
		ratios, one, two = append(ratios, t1/t2), append(one, t1), append(two, t2)
	}
	b.ReportMetric(Median(ratios), "speedup")
	b.ReportMetric(Median(one), "ms-1w")
	b.ReportMetric(Median(two), "ms-2w")
}

// Median is the median of x (the mean of the middle two of an even
// count; NaN-free input assumed). It sorts x in place.
func Median(x []float64) float64 {
	if len(x) == 0 {
		return 0
	}
	sort.Float64s(x)
	if n := len(x); n%2 == 0 {
		return (x[n/2-1] + x[n/2]) / 2
	}
	return x[len(x)/2]
}
