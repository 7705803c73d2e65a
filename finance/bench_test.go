package finance_test

import (
	"testing"

	"github.com/infragame/infragame/finance"
)

var sink float64

// JICA-style terms: 0.1 %, 40 years with 10 grace, semi-annual: 81 rows.
var benchJICA = finance.LoanTerms{Principal: 525e9, Currency: "JPY", Rate: 0.001, MaturityYears: 40, GraceYears: 10, PaymentsPerYear: 2}

// A long monthly floating loan with drawing and fees: 601 rows.
var benchMonthly = finance.LoanTerms{Principal: 4.125e9, Currency: "USD", ReferencePath: []float64{0.00537, 0.01, 0.015},
	Spread: 0.014, MaturityYears: 50, GraceYears: 10, PaymentsPerYear: 12, FrontEndFee: 0.0025, CommitmentFee: 0.0025,
	Disbursement: []float64{0.25, 0.25, 0.25, 0.25}}

func BenchmarkSchedule(b *testing.B) {
	for _, c := range []struct {
		name string
		t    finance.LoanTerms
	}{{"semiannual40y", benchJICA}, {"monthly50y", benchMonthly}} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				s, err := c.t.Schedule()
				if err != nil {
					b.Fatal(err)
				}
				sink += s.Rows[1].Interest
			}
		})
	}
}

func BenchmarkGrantElement(b *testing.B) {
	b.Run("schedule/imf", func(b *testing.B) {
		for b.Loop() {
			r, err := finance.GrantElement(benchJICA, finance.Method{Name: finance.IMF})
			if err != nil {
				b.Fatal(err)
			}
			sink += r.GrantElement
		}
	})
	b.Run("closedform", func(b *testing.B) {
		for b.Loop() {
			sink += finance.ClosedFormGrantElement(finance.EqualPrincipal, 0.001, 2, 20, 60, 0.05)
		}
	})
	b.Run("aiddata", func(b *testing.B) {
		for b.Loop() {
			sink += finance.AidDataGrantElement(0.02, 21.75, 5, 0.10)
		}
	})
}

func BenchmarkCompare(b *testing.B) {
	var fx finance.FXTable
	if err := fx.Set("JPY", 2015, 121.0491); err != nil {
		b.Fatal(err)
	}
	in := finance.CompareInput{
		Project: finance.Project{Name: "jb", HostCurrency: "USD", HostDiscount: 0.10, IncomeGroup: finance.LMIC, Year: 2015},
		FX:      fx,
		Offers: []finance.Offer{
			{Name: "japan", Cost: finance.Amount{Value: 700e9, Currency: "JPY"},
				Loan: finance.LoanTerms{Currency: "JPY", ShareFinanced: 0.75, Rate: 0.001, MaturityYears: 40, GraceYears: 10,
					PaymentsPerYear: 2, GuaranteeRequired: true}, Guarantee: finance.Guarantee{CallProbability: 0.1}},
			{Name: "china", Cost: finance.Amount{Value: 5.5e9, Currency: "USD"},
				Loan: finance.LoanTerms{Currency: "USD", ShareFinanced: 0.75, Rate: 0.02, MaturityYears: 40, GraceYears: 10, PaymentsPerYear: 2}},
		},
		Scenarios: []finance.FXScenario{{Name: "yen", Appreciation: map[string]float64{"JPY": 0.02}}},
	}
	b.Run("offers", func(b *testing.B) {
		for b.Loop() {
			r, err := finance.Compare(in)
			if err != nil {
				b.Fatal(err)
			}
			sink += r.Offers[0].AllInCost
		}
	})
	in.BreakEvens = []finance.BreakEven{{Offer: "china", Target: "japan", Param: finance.BreakEvenRate}}
	b.Run("breakeven_rate", func(b *testing.B) {
		for b.Loop() {
			r, err := finance.Compare(in)
			if err != nil {
				b.Fatal(err)
			}
			sink += r.BreakEvens[0].Value
		}
	})
}

func BenchmarkGESurface(b *testing.B) {
	rates := make([]float64, 21)
	for i := range rates {
		rates[i] = float64(i) * 0.0025
	}
	ys := make([]float64, 16)
	for i := range ys {
		ys[i] = float64(i)
	}
	for b.Loop() {
		s, err := finance.GESurface(benchJICA, finance.Method{Name: finance.IMF}, rates, finance.AxisGrace, ys)
		if err != nil {
			b.Fatal(err)
		}
		sink += s.GE[0][0]
	}
}
