package tender_test

import (
	"context"
	"fmt"
	"math"

	"github.com/infragame/infragame/cases"
	"github.com/infragame/infragame/tender"
)

// jakartaBandung returns the library's Jakarta–Bandung case, its tender
// and the host-choice model fitted on the library.
func jakartaBandung() (*tender.File, tender.Tender, tender.ChoiceModel) {
	f, err := cases.Open("case:jakarta-bandung-2015", nil)
	if err != nil {
		panic(err)
	}
	t, err := f.EvaluationTender()
	if err != nil {
		panic(err)
	}
	m, err := cases.ChoiceModel()
	if err != nil {
		panic(err)
	}
	return f, t, m
}

// A case of the library ranked as "infragame tender evaluate" does, with the
// host-choice model fitted on the library.
func ExampleEvaluateAll() {
	f, t, m := jakartaBandung()
	ev, err := tender.EvaluateAll(context.Background(), t, tender.EvaluateOptions{Model: m, Stress: f.HostStress(), Seed: 1})
	if err != nil {
		panic(err)
	}
	fmt.Println("winner:", ev.Deterministic.Winner)
	for i, id := range ev.Choice.Offers {
		p := ev.ChoiceProbabilities[i]
		fmt.Printf("%s: p %.2f (P05 %.2f, P95 %.2f)\n", id, p.P, p.P05, p.P95)
	}
	// Output:
	// winner: china
	// japan: p 0.28 (P05 0.02, P95 0.87)
	// china: p 0.72 (P05 0.13, P95 0.98)
}

// The range of a parameter defaults to its base value ± 2|base| within its
// valid range; an explicit range must not be empty.
func ExampleTender_Range() {
	t := example()
	lo, hi, err := t.Range("host.discount_rate", math.NaN(), math.NaN())
	fmt.Printf("[%.3g, %.3g] %v\n", lo, hi, err)
	_, _, err = t.Range("host.discount_rate", 0.1, 0.05)
	fmt.Println(err)
	// Output:
	// [-0.05, 0.15] <nil>
	// host.discount_rate: range [0.1, 0.05] is empty (min must be < max)
}

// The library's backtest in and out of sample, as "infragame tender
// backtest" prints it.
func ExampleBacktestAll() {
	fs, err := cases.All()
	if err != nil {
		panic(err)
	}
	r, err := tender.BacktestAll(tender.DefaultRule, fs)
	if err != nil {
		panic(err)
	}
	hits, decided := 0, 0
	for _, row := range r.Rows {
		if row.Decided {
			decided++
			if row.Hit {
				hits++
			}
		}
	}
	fmt.Printf("rule: %d of %d\n", hits, decided)
	for _, s := range r.CrossValidation.Summary {
		fmt.Printf("%s: %d of %d\n", s.Method, s.Hits, s.Cases)
	}
	// Output:
	// rule: 9 of 15
	// naive_lowest_financing: 7 of 15
	// rule: 9 of 15
	// logit_loocv: 7 of 15
	// uniform: 0 of 15
}

// The loan rate of China's offer at which the host-choice model gives it
// an even chance: a rate of 10.1 % (its model cost rises with the debt
// service).
func ExampleSolveTarget() {
	f, t, m := jakartaBandung()
	r, err := tender.SolveTarget(t, f.HostStress(), &m, "china", "offers.china.loan.rate", 0.02, 0.2, 0.5, 200)
	if err != nil {
		panic(err)
	}
	fmt.Printf("base %.4g (p %.2f); p = 0.5 at %.4g\n", r.Base, r.BaseProbability, r.Values)
	// Output:
	// base 0.02 (p 0.72); p = 0.5 at [0.1014]
}
