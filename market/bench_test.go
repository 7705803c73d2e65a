package market

import (
	"context"
	"fmt"
	"testing"

	"github.com/infragame/infragame/mc"
)

func BenchmarkRunBaseline(b *testing.B) {
	sc, _ := Named("baseline")
	sim, err := New(sc)
	if err != nil {
		b.Fatal(err)
	}
	w := newRunner(sim.m)
	r := 0
	for b.Loop() {
		w.run(context.Background(), 1, r, nil)
		r++
	}
}

// BenchmarkRun100 is what `sim run baseline --runs 100` computes: the runs,
// their rows and the summary over runs (no sink).
func BenchmarkRun100(b *testing.B) {
	for _, w := range []int{1, 2} {
		b.Run(fmt.Sprintf("workers=%d", w), func(b *testing.B) {
			sc, _ := Named("baseline")
			sim, err := New(sc)
			if err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				if _, err := sim.Run(context.Background(), mc.Options{Runs: 100, Seed: 1, Workers: w}, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
