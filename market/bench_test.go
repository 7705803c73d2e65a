package market

import (
	"context"
	"testing"
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
		w.run(context.Background(), 1, r)
		r++
	}
}
