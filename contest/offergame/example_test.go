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
	m, err := offergame.New(f, tender.DefaultRule, offergame.DefaultGrid)
	if err != nil {
		panic(err)
	}
	sol, err := m.Solve(context.Background())
	if err != nil {
		panic(err)
	}
	for _, e := range sol.Equilibria {
		fmt.Printf("%s: %s, %s: %s → host awards %s; profits %.2f, %.2f\n",
			m.Exporters[0].Offer, e.Plays[0][0].Option, m.Exporters[1].Offer, e.Plays[1][0].Option, e.Winner, e.Payoffs[0], e.Payoffs[1])
	}
	// Output:
	// china: +10% soft terms, japan: +0% case terms → host awards japan; profits 0.00, 0.00
	// china: +10% soft terms, japan: +10% case terms → host awards china; profits 125.10, 0.00
	// china: +10% soft terms, japan: +10% soft terms → host awards china; profits 125.10, 0.00
}
