package lcc_test

import (
	"fmt"

	"github.com/infragame/infragame/lcc"
)

// A 1,000 investment at the base date with 10 a year of O&M over a 10-year
// study period at 5 %: the residual value of the 20-year asset (half its
// life left) is deducted at the horizon.
func ExampleEvaluate() {
	r, err := lcc.Evaluate(
		lcc.Analysis{Horizon: 10, DiscountRate: 0.05},
		lcc.Asset{Name: "a", Capex: 1000, ServiceLife: 20, OM: 10},
	)
	if err != nil {
		panic(err)
	}
	for _, it := range r.Items {
		fmt.Printf("%-8s %8.2f\n", it.Item, it.PV)
	}
	fmt.Printf("agency PV %.2f, EAC %.2f\n", r.PV.Agency, r.EAC.Agency)
	// Output:
	// capex     1000.00
	// om          77.22
	// residual  -306.96
	// agency PV 770.26, EAC 99.75
}

func ExampleUPV() {
	fmt.Printf("%.3f\n", lcc.UPV(0.03, 25))
	// Output: 17.413
}
