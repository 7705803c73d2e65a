package lcc_test

import (
	"context"
	"testing"

	"github.com/infragame/infragame/internal/benchtools/paired"
	"github.com/infragame/infragame/lcc"
	"github.com/infragame/infragame/mc"
)

// BenchmarkEvaluate evaluates both alternatives of testdata/two_offers.yaml
// deterministically, EIRR included (they have benefits).
func BenchmarkEvaluate(b *testing.B) {
	st := twoOffers(b)
	for b.Loop() {
		for i := range st.Alternatives {
			if _, err := lcc.Evaluate(st.Analysis, st.Alternatives[i]); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkEvaluateCostOnly is BenchmarkEvaluate without benefits, so
// without the EIRR root search: the cost of one life-cycle costing.
func BenchmarkEvaluateCostOnly(b *testing.B) {
	st := twoOffers(b)
	for i := range st.Alternatives {
		st.Alternatives[i].Benefit = 0
	}
	for b.Loop() {
		for i := range st.Alternatives {
			if _, err := lcc.Evaluate(st.Analysis, st.Alternatives[i]); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func benchSimulate(b *testing.B, workers int) {
	st := twoOffers(b)
	for b.Loop() {
		if _, err := lcc.Simulate(context.Background(), *st, mc.Options{Runs: 10000, Seed: 1, Workers: workers}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSimulate10k: 10,000 Monte Carlo runs of the two-offer study
// (10 uncertain inputs), all CPUs.
func BenchmarkSimulate10k(b *testing.B) { benchSimulate(b, 0) }

// BenchmarkSimulate10kOneWorker: the same on one goroutine.
func BenchmarkSimulate10kOneWorker(b *testing.B) { benchSimulate(b, 1) }

// BenchmarkSimulate10kPaired runs the 10,000 runs of BenchmarkSimulate10k
// on 1 worker and on 2 alternately, the order swapped from one pair to
// the next, so that both see the same load of a shared machine, and
// reports the median over the pairs of the ratio 1-worker time ÷
// 2-worker time (speedup) with the median time of each (ms-1w, ms-2w);
// ns/op is the time of a pair. Simulate10k and Simulate10kOneWorker run
// seconds apart, so a change of load between them moves their ratio.
func BenchmarkSimulate10kPaired(b *testing.B) {
	st := twoOffers(b)
	paired.Speedup(b, func(workers int) {
		if _, err := lcc.Simulate(context.Background(), *st, mc.Options{Runs: 10000, Seed: 1, Workers: workers}); err != nil {
			b.Fatal(err)
		}
	})
}
