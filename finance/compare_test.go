package finance_test

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/infragame/infragame/finance"
)

func fx2015(t *testing.T) finance.FXTable {
	t.Helper()
	var fx finance.FXTable
	// Federal Reserve G.5A annual averages for 2015.
	for _, r := range []finance.FXRate{{Currency: "JPY", Year: 2015, PerUSD: 121.0491}, {Currency: "CNY", Year: 2015, PerUSD: 6.2827}} {
		if err := fx.Set(r.Currency, r.Year, r.PerUSD); err != nil {
			t.Fatal(err)
		}
	}
	return fx
}

func twoOffers(t *testing.T) finance.CompareInput {
	return finance.CompareInput{
		Project: finance.Project{Name: "p", HostCurrency: "USD", HostDiscount: 0.10, IncomeGroup: finance.LMIC, Year: 2015},
		FX:      fx2015(t),
		Offers: []finance.Offer{
			{Name: "a", Cost: finance.Amount{Value: 700e9, Currency: "JPY"},
				Loan: finance.LoanTerms{Currency: "JPY", ShareFinanced: 0.75, Rate: 0.001, MaturityYears: 40, GraceYears: 10,
					PaymentsPerYear: 2, GuaranteeRequired: true},
				Guarantee: finance.Guarantee{CallProbability: 0.1}},
			{Name: "b", Cost: finance.Amount{Value: 5.5e9, Currency: "USD"},
				Loan: finance.LoanTerms{Currency: "USD", ShareFinanced: 0.75, Rate: 0.02, MaturityYears: 40, GraceYears: 10, PaymentsPerYear: 2}},
		},
	}
}

func TestCompareIdentities(t *testing.T) {
	in := twoOffers(t)
	in.Scenarios = []finance.FXScenario{
		{Name: "flat", Appreciation: map[string]float64{"JPY": 0}},
		{Name: "yen up", Appreciation: map[string]float64{"JPY": 0.02}},
		{Name: "yen path", Path: map[string][]float64{"JPY": {121.0491, 108.6569}}},
	}
	res, err := finance.Compare(in)
	if err != nil {
		t.Fatal(err)
	}
	a, b := res.Offers[0], res.Offers[1]
	// Cost conversion: ¥700 bn at 121.0491 per USD.
	if want := 700e9 / 121.0491; math.Abs(a.Cost-want) > 1e-3 {
		t.Errorf("cost a = %v, want %v", a.Cost, want)
	}
	// Principal = 75 % of cost in the loan currency.
	if a.Loan.Value != 0.75*700e9 || a.Loan.Currency != "JPY" {
		t.Errorf("loan a = %v", a.Loan)
	}
	// For a loan in the host currency drawn at once, the subsidy is the grant
	// equivalent at the host's rate.
	user := b.GrantElements[len(b.GrantElements)-1]
	if user.Method != finance.User || math.Abs(b.Subsidy-user.GrantEquivalent) > 1e-3 {
		t.Errorf("subsidy %v, user grant equivalent %v", b.Subsidy, user.GrantEquivalent)
	}
	// Subsidy + PV(debt service) = loan (single disbursement at t=0).
	if math.Abs(a.Subsidy+a.PVDebtService-a.LoanHost) > 1e-3 {
		t.Errorf("a: subsidy + PV = %v, loan %v", a.Subsidy+a.PVDebtService, a.LoanHost)
	}
	if a.GuaranteeValue != 0.1*a.PVDebtService || b.GuaranteeValue != 0 {
		t.Errorf("guarantee values %v %v", a.GuaranteeValue, b.GuaranteeValue)
	}
	if a.AllInCost != a.Cost-a.Subsidy+a.GuaranteeValue || a.EffectivePrice != a.Cost-a.Subsidy {
		t.Errorf("all-in %v effective %v", a.AllInCost, a.EffectivePrice)
	}
	if len(a.GrantElements) != 5 {
		t.Errorf("%d grant elements, want imf, dac1972, dac2018, aiddata, user", len(a.GrantElements))
	}
	// FX scenarios: no drift leaves the PV alone, yen appreciation makes the
	// yen loan dearer, a dollar loan is unaffected.
	if d := a.FXDrift[0].Change; d != 0 {
		t.Errorf("flat scenario change %v", d)
	}
	if a.FXDrift[1].Change <= 0 || a.FXDrift[2].Change <= 0 {
		t.Errorf("yen appreciation changes %v, %v: want > 0", a.FXDrift[1].Change, a.FXDrift[2].Change)
	}
	for _, d := range b.FXDrift {
		if d.Change != 0 {
			t.Errorf("dollar loan moved under %s: %v", d.Scenario, d.Change)
		}
	}
	// Hand check of the path scenario: from t ≥ 1 year every yen flow is
	// worth 121.0491/108.6569 times more in dollars. Nothing is paid in year
	// 0 (no fee), interest at t = 0.5 is at the old rate.
	s, _ := (&finance.LoanTerms{Principal: 0.75 * 700e9, Currency: "JPY", Rate: 0.001, MaturityYears: 40,
		GraceYears: 10, PaymentsPerYear: 2}).Schedule()
	var want float64
	for _, r := range s.Rows {
		rate := 121.0491
		if r.Time >= 1 {
			rate = 108.6569
		}
		want += r.DebtService() / rate * math.Pow(1.1, -r.Time)
	}
	if got := a.FXDrift[2].PVDebtService; math.Abs(got-want)/want > 1e-12 {
		t.Errorf("path scenario PV %v, hand %v", got, want)
	}
}

func TestBreakEven(t *testing.T) {
	in := twoOffers(t)
	in.BreakEvens = []finance.BreakEven{
		{Offer: "b", Target: "a", Param: finance.BreakEvenRate},
		{Offer: "a", Target: "b", Param: finance.BreakEvenRate},
		{Offer: "b", Target: "a", Param: finance.BreakEvenGrace},
		{Offer: "b", Target: "b", Param: finance.BreakEvenRate},
		{Offer: "b", Target: "b", Param: finance.BreakEvenMaturity},
	}
	res, err := finance.Compare(in)
	if err != nil {
		t.Fatal(err)
	}
	// At the break-even rate, b's all-in cost equals a's.
	be := res.BreakEvens[0]
	if !be.Found {
		t.Fatalf("b vs a: %+v", be)
	}
	in2 := twoOffers(t)
	in2.Offers[1].Loan.Rate = be.Value
	res2, err := finance.Compare(in2)
	if err != nil {
		t.Fatal(err)
	}
	if d := res2.Offers[1].AllInCost - res2.Offers[0].AllInCost; math.Abs(d) > 1e-3 {
		t.Errorf("at break-even rate %v the costs differ by %v", be.Value, d)
	}
	// Against itself the break-even is its own terms.
	if v := res.BreakEvens[3].Value; math.Abs(v-0.02) > 1e-10 {
		t.Errorf("self break-even rate %v, want 0.02", v)
	}
	if v := res.BreakEvens[4]; !v.Found || math.Abs(v.Value-40) > 1e-9 {
		t.Errorf("self break-even maturity %+v, want 40", v)
	}
	// No grace period makes a 2 % dollar loan as cheap as the yen offer.
	if g := res.BreakEvens[2]; g.Found || g.Note == "" {
		t.Errorf("grace break-even %+v: want not found with a note", g)
	}
}

func TestCompareErrors(t *testing.T) {
	in := twoOffers(t)
	in.Offers[1].Loan.Rate = -0.01
	in.Offers[0].Loan.PaymentsPerYear = 3
	in.BreakEvens = []finance.BreakEven{{Offer: "b", Target: "zz", Param: "rate"}}
	_, err := finance.Compare(in)
	for _, want := range []string{"offers[1].loan.rate: negative", "offers[0].loan.payments_per_year", "break_even[0].target"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("err = %v, want it to mention %q", err, want)
		}
	}
	in = twoOffers(t)
	in.Project.Year = 2016 // no rates for 2016
	if _, err := finance.Compare(in); !errors.Is(err, finance.ErrUnknownRate) {
		t.Errorf("missing FX year: err = %v", err)
	}
	in = twoOffers(t)
	in.Offers = in.Offers[:1]
	if _, err := finance.Compare(in); err == nil || !strings.Contains(err.Error(), "at least 2") {
		t.Errorf("one offer: err = %v", err)
	}
}

func TestGESurface(t *testing.T) {
	base := finance.LoanTerms{Principal: 1, Currency: "USD", MaturityYears: 20, PaymentsPerYear: 2}
	s, err := finance.GESurface(base, finance.Method{Name: finance.IMF}, []float64{0, 0.02, 0.05}, finance.AxisGrace, []float64{0, 5, 20, 2.25})
	if err != nil {
		t.Fatal(err)
	}
	// GE falls with the rate, rises with grace; grace = maturity and grace
	// not a whole period are NaN.
	if !(s.GE[0][0] > s.GE[0][1] && s.GE[0][1] > s.GE[0][2] && s.GE[1][1] > s.GE[0][1]) {
		t.Errorf("surface not monotone: %v", s.GE)
	}
	if !math.IsNaN(s.GE[2][0]) || !math.IsNaN(s.GE[3][0]) {
		t.Errorf("invalid cells not NaN: %v", s.GE[2:])
	}
	want := finance.ClosedFormGrantElement(finance.EqualPrincipal, 0.02, 2, 10, 30, 0.05)
	if math.Abs(s.GE[1][1]-want) > 1e-12 {
		t.Errorf("cell (2 %%, 5 y) = %v, closed form %v", s.GE[1][1], want)
	}
	if _, err := finance.GESurface(base, finance.Method{Name: finance.IMF}, nil, "tenor", nil); err == nil {
		t.Error("bad axis accepted")
	}
}

func TestEvaluateOffer(t *testing.T) {
	in := twoOffers(t)
	in.Scenarios = []finance.FXScenario{{Name: "yen up", Appreciation: map[string]float64{"JPY": 0.02}}}
	res, err := finance.Compare(in)
	if err != nil {
		t.Fatal(err)
	}
	for i, o := range in.Offers {
		r, err := finance.EvaluateOffer(in.Project, o, in.FX, in.Scenarios, 0)
		if err != nil {
			t.Fatal(err)
		}
		if r.AllInCost != res.Offers[i].AllInCost || r.FXDrift[0] != res.Offers[i].FXDrift[0] {
			t.Errorf("offer %s: EvaluateOffer %+v, Compare %+v", o.Name, r, res.Offers[i])
		}
	}
	o := in.Offers[0]
	o.Loan.Rate = math.NaN()
	if _, err := finance.EvaluateOffer(in.Project, o, in.FX, nil, 0); err == nil || !strings.HasPrefix(err.Error(), "loan.rate: not a finite number") {
		t.Errorf("err = %v", err)
	}
}
