package market_test

import (
	"context"
	"math"
	"testing"

	"github.com/infragame/infragame/market"
)

// The sweep evaluator returns, bit for bit, what Evaluate returns, whether
// it compiles the scenario afresh (a new point, its design factors
// measured or remembered) or reuses it (another run of the same point), under each adaptation rule, and an unknown
// parameter is refused as Evaluate refuses it.
func TestEvaluatorAgreesWithEvaluate(t *testing.T) {
	names := []string{"jp.markup", "aiib.budget", "cn.build_years"}
	// Repeated points, and points that change only the markup or the
	// budget (so the designs' factors come from the evaluator's memo).
	points := [][]float64{{0.05, 0, 3}, {0.05, 0, 3}, {0.1, 0, 3}, {0.15, 12, 4}, {0.02, 20, 2}, {0.15, 12, 4}, {0.15, 5, 3}}
	for _, ad := range []market.Adaptation{market.Fixed, market.BestResponse, market.Replicator} {
		sc := short(named(t, "baseline"))
		sc.Adaptation = ad
		scName := string(ad)
		ev := market.NewEvaluator(sc, names)
		y := make([]float64, len(market.OutputNames()))
		for i, x := range points {
			for run := range 2 {
				seed := uint64(100 + i)
				if err := ev.Eval(context.Background(), x, seed, run, y); err != nil {
					t.Fatal(err)
				}
				v := market.Values{}
				for j, n := range names {
					v[n] = x[j]
				}
				want, err := market.Evaluate(context.Background(), sc, v, seed, run)
				if err != nil {
					t.Fatal(err)
				}
				for j, n := range market.OutputNames() {
					if math.Float64bits(y[j]) != math.Float64bits(want[n]) {
						t.Errorf("%s, point %v, run %d: %s = %v, Evaluate gives %v", scName, x, run, n, y[j], want[n])
					}
				}
			}
		}
	}
	ev := market.NewEvaluator(named(t, "baseline"), []string{"jp.markupp"})
	if err := ev.Eval(context.Background(), []float64{1}, 1, 0, make([]float64, len(market.OutputNames()))); err == nil {
		t.Error("an unknown parameter was accepted")
	}
}

// Once its buffers have grown, another run of the same point allocates
// nothing.
func TestEvaluatorRunAllocatesNothing(t *testing.T) {
	ev := market.NewEvaluator(short(named(t, "baseline")), []string{"jp.markup"})
	x, y := []float64{0.1}, make([]float64, len(market.OutputNames()))
	run := 0
	eval := func() {
		run++
		if err := ev.Eval(context.Background(), x, 7, run, y); err != nil {
			t.Fatal(err)
		}
	}
	for range 20 {
		eval()
	}
	if n := testing.AllocsPerRun(50, eval); n != 0 {
		t.Errorf("%v allocations a run, want 0", n)
	}
}
