package tender_test

import (
	"fmt"

	"github.com/infragame/infragame/finance"
	"github.com/infragame/infragame/lcc"
	"github.com/infragame/infragame/tender"
)

// Two offers for the same 1,000 asset built in two years: a soft loan
// through the budget against a dearer loan to an off-budget project
// company. Hand check: capex PV = 500/1.05 + 500/1.05² = 929.7, equity
// 0.2·929.7 = 185.9; the 30 years of service are counted from opening, so
// no residual is left. The soft offer's budget part 185.9 + 297.3 = 483.2
// bears λ = 0.5. Both open after two years, so both forgo the same service:
// B = 1000·AF(5 %, 30)/AF(9 %, 30) = 1000·15.3725/10.2737 = 1496.3 and
// B·(1 - 1.05⁻²) = 139.1 (docs/tender.md, time). The soft offer wins until
// λ = (185.9 + 612.0)/483.2 - 1 = 0.651.
func example() tender.Tender {
	asset := lcc.Asset{Capex: 1000, ConstructionYears: 2, ServiceLife: 30}
	return tender.Tender{
		Analysis: lcc.Analysis{Horizon: 30, Currency: "USD", PriceYear: 2015},
		Host:     tender.Host{DiscountRate: 0.05, ShadowPrice: 0.5, Rule: tender.FinancingAdjusted},
		Offers: []tender.Offer{
			{ID: "soft", Asset: asset, Share: 0.8, OnBudget: true,
				Loan: &finance.LoanTerms{Currency: "USD", Rate: 0.001, MaturityYears: 30, GraceYears: 10, PaymentsPerYear: 2}},
			{ID: "b2b", Asset: asset, Share: 0.8, OnBudget: false,
				Loan: &finance.LoanTerms{Currency: "USD", Rate: 0.03, MaturityYears: 20, GraceYears: 5, PaymentsPerYear: 2}},
		},
	}
}

func ExampleEvaluate() {
	r, err := tender.Evaluate(example())
	if err != nil {
		panic(err)
	}
	for _, o := range r.Offers {
		f := o.Financing
		fmt.Printf("%d %-4s equity %6.1f  debt %6.1f  premium %6.1f  total %6.1f\n",
			o.Rank, o.ID, f.EquityPV, f.DebtServicePV, f.FiscalPremium, f.Total)
	}
	// Output:
	// 1 soft equity  185.9  debt  297.3  premium  241.6  total  863.9
	// 2 b2b  equity  185.9  debt  612.0  premium    0.0  total  937.1
}

func ExampleFindBreakEven() {
	be, err := tender.FindBreakEven(example(), "host.shadow_price", 0, 2, 0)
	if err != nil {
		panic(err)
	}
	p := be.Points[0]
	fmt.Printf("%s wins at λ = 0.5; above λ = %.6f %s wins\n", be.Winner, p.Value, p.NewWinner)
	// Output:
	// soft wins at λ = 0.5; above λ = 0.651455 b2b wins
}
