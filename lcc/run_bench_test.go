package lcc

import (
	"os"
	"testing"
)

func loadTwoOffers(tb testing.TB) *Study {
	tb.Helper()
	b, err := os.ReadFile("testdata/two_offers.yaml")
	if err != nil {
		tb.Fatal(err)
	}
	st, err := ParseStudy(b)
	if err != nil {
		tb.Fatal(err)
	}
	return st
}

// BenchmarkMonteCarloEvaluation: the life-cycle costing of both
// alternatives inside a Monte Carlo run (no cash-flow table, no EIRR), on a
// worker's evaluator. After the first run it allocates nothing.
func BenchmarkMonteCarloEvaluation(b *testing.B) {
	st := loadTwoOffers(b)
	var e evaluator
	for b.Loop() {
		for i := range st.Alternatives {
			e.evaluate(&st.Analysis, &st.Alternatives[i], false)
		}
	}
}

// BenchmarkMonteCarloRun: one whole Monte Carlo run of the two-offer study
// (10 draws, both alternatives evaluated), on one worker.
func BenchmarkMonteCarloRun(b *testing.B) {
	st := loadTwoOffers(b)
	w := newRunner(st, sortedKeys(st.Uncertain))
	out, npv := make([]CategoryPV, len(st.Alternatives)), make([]float64, len(st.Alternatives))
	clamped := make([]int, len(st.Uncertain))
	r := 0
	for b.Loop() {
		w.run(1, r, out, npv, clamped)
		r++
	}
}

// TestMonteCarloEvaluationAllocatesNothing: the evaluation inside a Monte
// Carlo run reuses the worker's buffers.
func TestMonteCarloEvaluationAllocatesNothing(t *testing.T) {
	st := loadTwoOffers(t)
	var e evaluator
	e.evaluate(&st.Analysis, &st.Alternatives[0], false) // warm-up: buffers grow
	e.evaluate(&st.Analysis, &st.Alternatives[1], false)
	n := testing.AllocsPerRun(100, func() {
		for i := range st.Alternatives {
			e.evaluate(&st.Analysis, &st.Alternatives[i], false)
		}
	})
	if n != 0 {
		t.Fatalf("%v allocations per evaluation after warm-up", n)
	}
}
