package lcc_test

import (
	"context"
	"testing"

	"github.com/infragame/infragame/lcc"
)

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

func BenchmarkSimulate10k(b *testing.B) {
	st := twoOffers(b)
	for b.Loop() {
		if _, err := lcc.Simulate(context.Background(), *st, lcc.MCOptions{Runs: 10000, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
}
