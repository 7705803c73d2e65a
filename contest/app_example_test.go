package contest_test

import (
	"context"
	"fmt"

	"github.com/infragame/infragame/cases"
	"github.com/infragame/infragame/contest"
)

// The setup of ExampleAnalyze: each exporter earns 1/6 competing, the
// consortium 0.75 at host power 0.5 and 1.5 at host power 0, so β* =
// 1 − (1/6 + 1/6)/1.5 = 7/9; cooperation pays even without a cost saving,
// so σ* = 0.
func ExampleFindThresholds() {
	line := contest.Line{W: 1}
	s := contest.Setup{
		Exporters:    [2]contest.Exporter{{Name: "a", Low: 1, High: 2, Line: line}, {Name: "b", Low: 1, High: 2, Line: line}},
		Reserve:      3,
		HostPower:    0.5,
		CivilShare:   0.6,
		FinanceShare: [2]float64{0.5, 0.5},
	}
	comp, err := contest.Compete(s)
	if err != nil {
		panic(err)
	}
	th, err := contest.FindThresholds(s, comp)
	if err != nil {
		panic(err)
	}
	fmt.Printf("β* = %.2f %%, σ* = %.2f %%\n", *th.MaxHostPowerPct, *th.MinSynergyPct)
	// Output:
	// β* = 77.78 %, σ* = 0.00 %
}

// The whole analysis of a case of the library, with the host-choice model
// fitted on the library, as "infragame contest analyze" prints it.
func ExampleAnalyzeCase() {
	f, err := cases.Open("case:jakarta-bandung-2015", nil)
	if err != nil {
		panic(err)
	}
	s, err := contest.SetupOf(f, contest.Overrides{})
	if err != nil {
		panic(err)
	}
	m, err := cases.ChoiceModel()
	if err != nil {
		panic(err)
	}
	r, err := contest.AnalyzeCase(context.Background(), f, s, contest.CaseOptions{Choice: &m, Seed: 1})
	if err != nil {
		panic(err)
	}
	fmt.Printf("pays both: %v; β* %.1f %%; offers %v; offer-game equilibria: %d (%s)\n",
		r.PaysBoth, *r.MaxHostPowerPct, r.Choice.Offers, len(r.OfferGame.Solution.Equilibria), r.OfferGame.Solution.Method)
	// Output:
	// pays both: true; β* 50.2 %; offers [japan china]; offer-game equilibria: 1 (pure)
}
