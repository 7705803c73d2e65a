package offergame_test

import (
	"context"
	"fmt"

	"github.com/infragame/infragame/cases"
	"github.com/infragame/infragame/contest/offergame"
	"github.com/infragame/infragame/tender"
)

func ExampleModel_Solve() {
	b, _ := cases.Raw("jakarta-bandung-2015.yaml")
	f, err := tender.ParseFile(b)
	if err != nil {
		panic(err)
	}
	fs, err := cases.All()
	if err != nil {
		panic(err)
	}
	choice, err := tender.FitLibrary(fs) // the host-choice model "tender evaluate" shows
	if err != nil {
		panic(err)
	}
	m, err := offergame.New(f, tender.DefaultRule, offergame.DefaultGrid, &choice)
	if err != nil {
		panic(err)
	}
	sol, err := m.Solve(context.Background())
	if err != nil {
		panic(err)
	}
	for _, e := range sol.Equilibria {
		fmt.Printf("%s: %s, %s: %s; P(%s chosen) %.3f; expected profits %.2f, %.2f\n",
			m.Exporters[0].Offer, e.Plays[0][0].Option, m.Exporters[1].Offer, e.Plays[1][0].Option,
			m.Exporters[0].Offer, e.WinProbability[0], e.Payoffs[0], e.Payoffs[1])
	}
	// Output:
	// china: +20% case terms, japan: +20% case terms; P(china chosen) 0.682; expected profits 648.19, 288.57
}
