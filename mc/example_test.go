package mc_test

import (
	"context"
	"fmt"

	"github.com/infragame/infragame/mc"
)

// Estimate the mean of a triangular cost by 1,000 runs on two workers; the
// result is the same with any number of workers.
func ExampleStream() {
	cost := mc.Dist{Kind: mc.Triangular, Min: 80, Mode: 100, Max: 150}
	var m mc.Moments
	err := mc.Stream(context.Background(), 1000, 2, func() func(int) float64 {
		return func(r int) float64 { return cost.Sample(mc.Source(7, r)) }
	}, func(_ int, x float64) error { m.Add(x); return nil })
	if err != nil {
		panic(err)
	}
	lo, hi := m.CI95()
	fmt.Printf("mean %.1f (95%% CI %.1f to %.1f), exact %.1f\n", m.Mean(), lo, hi, cost.DistMean())
	// Output:
	// mean 109.2 (95% CI 108.3 to 110.1), exact 110.0
}
