package financedoc_test

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/infragame/infragame/finance"
	"github.com/infragame/infragame/finance/financedoc"
	"github.com/infragame/infragame/units"
)

// The JICA-style yen loan of finance.ExampleGrantElement as "infragame
// finance ge --format json" prints it: rates in percent, the grant
// equivalent per 100 of face value.
func ExampleGrantElements() {
	loan := finance.LoanTerms{Principal: 100, Currency: "JPY", Rate: 0.001,
		MaturityYears: 40, GraceYears: 10, PaymentsPerYear: 2}
	docs, err := financedoc.GrantElements(loan, []finance.Method{{Name: finance.IMF}, {Name: finance.DAC1972}})
	if err != nil {
		panic(err)
	}
	for _, d := range docs {
		fmt.Printf("%s at %g %%: %.2f %% (threshold %g %%, concessional %v); loan at %g %%\n",
			d.Method, d.DiscountRatePct, d.GrantElementPct, *d.ThresholdPct, *d.Concessional, d.RatePct)
	}
	// Output:
	// imf at 5 %: 66.77 % (threshold 35 %, concessional true); loan at 0.1 %
	// dac1972 at 10 %: 86.69 % (threshold 25 %, concessional true); loan at 0.1 %
}

// The schedule of finance.ExampleLoanTerms_Schedule with its present
// values at 4 %, the loan's own rate: the grant element is 0.
func ExampleScheduleOf() {
	loan := finance.LoanTerms{Principal: 1000, Currency: "USD", Rate: 0.04,
		MaturityYears: 3, GraceYears: 1, PaymentsPerYear: 1}
	d := 4.0
	s, err := financedoc.ScheduleOf(loan, &d)
	if err != nil {
		panic(err)
	}
	for _, r := range s.Rows {
		fmt.Printf("%d  rate %g %%  debt service %4.0f\n", r.Period, r.RatePct, r.DebtService)
	}
	fmt.Printf("PV at %g %%: debt service %.2f, disbursed %.2f, GE %.4f %%\n", s.PV.DiscountRatePct, s.PV.DebtService, s.PV.Disbursed, s.PV.GrantElementPct)
	// Output:
	// 0  rate 4 %  debt service    0
	// 1  rate 4 %  debt service   40
	// 2  rate 4 %  debt service  540
	// 3  rate 4 %  debt service  520
	// PV at 4 %: debt service 1000.00, disbursed 1000.00, GE 0.0000 %
}

// A small grant-element surface: two rates × two grace periods by the IMF
// method; the cells are what the JSON holds.
func ExampleSurfaceOf() {
	base := finance.LoanTerms{Principal: 1, Currency: "USD", MaturityYears: 40, PaymentsPerYear: 2}
	s, err := financedoc.SurfaceOf(base, finance.Method{Name: finance.IMF}, []float64{0.1, 2}, finance.AxisGrace, []float64{0, 10})
	if err != nil {
		panic(err)
	}
	b, _ := json.Marshal(s.Cells[:2])
	fmt.Println(s.Axis, s.DiscountRatePct)
	fmt.Println(string(b))
	// Output:
	// grace_years 5
	// [{"grace_years":0,"grant_element_pct":55.42718021909898,"rate_pct":0.1},{"grace_years":0,"grant_element_pct":33.66414880264277,"rate_pct":2}]
}

// The comparison file of the examples, compared as "infragame finance
// compare FILE --host-discount 5" does (the file's own exchange rates
// only, here).
func ExampleCompareFile() {
	name := "../../examples/finance/jakarta-bandung.yaml"
	data, err := os.ReadFile(name)
	if err != nil {
		panic(err)
	}
	d := 0.05
	res, err := financedoc.CompareFile(name, data, units.Options{}, financedoc.CompareOverrides{HostDiscount: &d}, finance.FXTable{}, finance.FXTable{})
	if err != nil {
		panic(err)
	}
	doc := financedoc.ComparisonOf(res)
	fmt.Printf("host discount %g %%\n", doc.Project.HostDiscountPct)
	for _, o := range doc.Offers {
		fmt.Printf("%s: all-in %.3g %s\n", o.Name, o.AllInCost, doc.Project.HostCurrency)
	}
	// Output:
	// host discount 5 %
	// japan: all-in 3.03e+09 USD
	// china: all-in 3.83e+09 USD
	// aiib_benchmark: all-in 4.47e+09 USD
}

// What "--method all" computes for a lower-middle-income host without a
// discount rate of one's own.
func ExampleAllMethods() {
	fmt.Println(financedoc.AllMethods(true, false))
	// Output: [imf dac1972 dac2018 aiddata]
}

// A loan described as a request would: JSON in the shape of the "terms"
// the documents echo, with percentages.
func ExampleLoanInput() {
	var in financedoc.LoanInput
	body := `{"principal": 700e9, "currency": "jpy", "rate_pct": 0.1, "maturity_years": 40, "grace_years": 10, "payments_per_year": 2}`
	if err := json.Unmarshal([]byte(body), &in); err != nil {
		panic(err)
	}
	t, err := in.LoanTerms()
	if err != nil {
		panic(err)
	}
	fmt.Println(t.Currency, t.Rate, t.Profile)
	docs, err := financedoc.GrantElements(t, []finance.Method{{Name: finance.IMF}})
	if err != nil {
		panic(err)
	}
	fmt.Printf("%.2f %%\n", docs[0].GrantElementPct)
	// Output:
	// JPY 0.001 equal_principal
	// 66.77 %
}
