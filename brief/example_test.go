package brief_test

import (
	"fmt"

	"github.com/infragame/infragame/brief"
	"github.com/infragame/infragame/cases"
	"github.com/infragame/infragame/dataset"
)

func ExampleCompute() {
	set, err := dataset.Embedded()
	if err != nil {
		panic(err)
	}
	b, err := brief.Compute(set)
	if err != nil {
		panic(err)
	}
	fmt.Printf("orders %d→%d grew %.1f %% a year; the %d target needs %.1f %% a year\n",
		b.Orders.Start.Year, b.Orders.End.Year, 100*b.Orders.AchievedCAGR, b.Orders.Target.Year, 100*b.Orders.RequiredCAGR)
	// Output: orders 2010→2013 grew 17.0 % a year; the 2020 target needs 9.4 % a year
}

// The brief's whole document, as "infragame brief --format json" prints it.
func ExampleBuild() {
	set, err := dataset.Embedded()
	if err != nil {
		panic(err)
	}
	files, err := cases.All()
	if err != nil {
		panic(err)
	}
	r, err := brief.Build(set, files)
	if err != nil {
		panic(err)
	}
	pays := 0
	for _, c := range r.CompeteOrCooperate {
		if c.PaysBoth {
			pays++
		}
	}
	fmt.Printf("%d cases backtested, %d loans valued; cooperation pays both in %d of %d contests\n",
		len(r.Backtest), len(r.LoanGrantElements), pays, len(r.CompeteOrCooperate))
	// Output:
	// 16 cases backtested, 7 loans valued; cooperation pays both in 1 of 1 contests
}
