package finance_test

import (
	"fmt"

	"github.com/infragame/infragame/finance"
)

// AidData record 54912: China Eximbank's RMB 600 million government
// concessional loan to Antigua and Barbuda, 2 %, 21.75 years, 5 years grace.
func ExampleAidDataGrantElement() {
	for _, D := range []float64{0.10, 0.06, 0.05} {
		fmt.Printf("at %2.0f%%: %.4f%%\n", 100*D, 100*finance.AidDataGrantElement(0.02, 21.75, 5, D))
	}
	// Output:
	// at 10%: 54.7023%
	// at  6%: 34.5267%
	// at  5%: 27.5990%
}

// A JICA-style yen loan: 0.1 %, 40 years including 10 years grace,
// semi-annual equal principal (JICA terms, 2014-2017). Values checked
// against the DAC closed form computed independently.
func ExampleGrantElement() {
	loan := finance.LoanTerms{Principal: 100e9, Currency: "JPY", Rate: 0.001,
		MaturityYears: 40, GraceYears: 10, PaymentsPerYear: 2}
	for _, m := range []finance.Method{
		{Name: finance.IMF},
		{Name: finance.DAC1972},
		{Name: finance.DAC2018, IncomeGroup: finance.LMIC},
	} {
		r, err := finance.GrantElement(loan, m)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%-8s at %2.0f%%: GE %.2f%%, threshold %2.0f%%, concessional %v\n",
			r.Method, 100*r.DiscountRate, 100*r.GrantElement, 100*r.Threshold, r.Concessional)
	}
	// Output:
	// imf      at  5%: GE 66.77%, threshold 35%, concessional true
	// dac1972  at 10%: GE 86.69%, threshold 25%, concessional true
	// dac2018  at  7%: GE 77.47%, threshold 15%, concessional true
}

func ExampleLoanTerms_Schedule() {
	loan := finance.LoanTerms{Principal: 1000, Currency: "USD", Rate: 0.04,
		MaturityYears: 3, GraceYears: 1, PaymentsPerYear: 1}
	s, err := loan.Schedule()
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range s.Rows {
		fmt.Printf("%d  disbursed %4.0f  interest %2.0f  principal %3.0f  outstanding %4.0f\n",
			r.Period, r.Disbursed, r.Interest, r.Principal, r.Outstanding)
	}
	t := s.Totals()
	fmt.Printf("totals: principal %.0f, interest %.0f\n", t.Principal, t.Interest)
	// Output:
	// 0  disbursed 1000  interest  0  principal   0  outstanding 1000
	// 1  disbursed    0  interest 40  principal   0  outstanding 1000
	// 2  disbursed    0  interest 40  principal 500  outstanding  500
	// 3  disbursed    0  interest 20  principal 500  outstanding    0
	// totals: principal 1000, interest 100
}

func ExampleFXTable() {
	var fx finance.FXTable
	// Federal Reserve G.5A annual average, 2015.
	if err := fx.Set("JPY", 2015, 121.0491); err != nil {
		fmt.Println(err)
		return
	}
	usd, err := fx.Convert(finance.Amount{Value: 700e9, Currency: "JPY", Year: 2015}, "USD")
	fmt.Printf("%.3g %v\n", usd.Value, err)
	_, err = fx.Convert(finance.Amount{Value: 700e9, Currency: "JPY", Year: 2016}, "USD")
	fmt.Println(err)
	// Output:
	// 5.78e+09 <nil>
	// finance: no exchange rate for JPY in 2016
}

// Two offers for one project, valued by the host at 10 %: Japan's yen loan
// and China's dollar loan for Jakarta–Bandung (2015 terms; sources in
// examples/finance/jakarta-bandung.yaml).
func ExampleCompare() {
	var fx finance.FXTable
	if err := fx.Set("JPY", 2015, 121.0491); err != nil { // Federal Reserve G.5A
		fmt.Println(err)
		return
	}
	in := finance.CompareInput{
		Project: finance.Project{Name: "Jakarta–Bandung", HostCurrency: "USD", HostDiscount: 0.10,
			IncomeGroup: finance.LMIC, Year: 2015},
		FX: fx,
		Offers: []finance.Offer{
			{Name: "japan", Cost: finance.Amount{Value: 700e9, Currency: "JPY"},
				Loan: finance.LoanTerms{Currency: "JPY", ShareFinanced: 0.75, Rate: 0.001, MaturityYears: 40,
					GraceYears: 10, PaymentsPerYear: 2, GuaranteeRequired: true},
				Guarantee: finance.Guarantee{CallProbability: 0.10}},
			{Name: "china", Cost: finance.Amount{Value: 5.5e9, Currency: "USD"},
				Loan: finance.LoanTerms{Currency: "USD", ShareFinanced: 0.75, Rate: 0.02, MaturityYears: 40,
					GraceYears: 10, PaymentsPerYear: 2}},
		},
		BreakEvens: []finance.BreakEven{{Offer: "china", Target: "japan", Param: finance.BreakEvenRate}},
	}
	res, err := finance.Compare(in)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, o := range res.Offers {
		fmt.Printf("%-5s cost %.2f bn, subsidy %.2f bn, guarantee %.3f bn, all-in %.2f bn\n",
			o.Name, o.Cost/1e9, o.Subsidy/1e9, o.GuaranteeValue/1e9, o.AllInCost/1e9)
	}
	b := res.BreakEvens[0]
	fmt.Printf("china matches japan at %.2f %%\n", 100*b.Value)
	// Output:
	// japan cost 5.78 bn, subsidy 3.76 bn, guarantee 0.058 bn, all-in 2.08 bn
	// china cost 5.50 bn, subsidy 2.87 bn, guarantee 0.000 bn, all-in 2.63 bn
	// china matches japan at 0.52 %
}
