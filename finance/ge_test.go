package finance_test

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/infragame/infragame/finance"
)

// AidData GCDF 3.0 published grant elements. Source: aiddata/gcdf-geospatial-data,
// examples/ports_filter/project_level_data/projects.csv (commit 87bbd549),
// columns "Maturity", "Interest Rate", "Grace Period", "Grant Element (OECD
// Cash-Flow)" (10 %), "Grant Element (OECD Grant-Equiv)" (DAC2018 rate of the
// recipient's income group) and "Grant Element (IMF)" (5 %), in percent.
var aiddataRecords = []struct {
	id        int
	what      string
	rate      float64 // "Interest Rate", percent
	maturity  float64 // "Maturity", years
	grace     float64 // "Grace Period", years (blank read as 0)
	discount  float64 // percent
	published float64 // percent, 4 decimals as published
}{
	// 54912: China Eximbank RMB 600 m GCL, Port of St John's, Antigua and
	// Barbuda (UMIC, so Grant-Equiv at 6 %), committed 2016-12-15.
	{54912, "cash-flow 10%", 2, 21.75, 5, 10, 54.7023},
	{54912, "grant-equiv 6%", 2, 21.75, 5, 6, 34.5267},
	{54912, "IMF 5%", 2, 21.75, 5, 5, 27.599},
	// 39740: China Eximbank RMB 257.2 m GCL, North Abaco Port, Bahamas
	// (not ODA-eligible, Grant-Equiv blank). The description says 5 years
	// grace but the "Grace Period" field is blank: the published values match
	// grace 0 (first repayment at commitment), not 5.
	{39740, "cash-flow 10%", 2, 20, 0, 10, 43.7458},
	{39740, "IMF 5%", 2, 20, 0, 5, 21.4336},
	// 69143: China Eximbank $22.1 m loan to the Port Authority of Jamaica
	// (LMIC, Grant-Equiv at 7 %), 6.07 %, 2.5 years, 1 year grace. At 5 % the
	// unbounded value is -1.8662; AidData publishes 0.0.
	{69143, "cash-flow 10%", 6.07, 2.5, 1, 10, 5.7644},
	{69143, "grant-equiv 7%", 6.07, 2.5, 1, 7, 1.3094},
	{69143, "IMF 5% (bounded)", 6.07, 2.5, 1, 5, 0.0},
}

func TestAidDataPublished(t *testing.T) {
	for _, c := range aiddataRecords {
		got := 100 * finance.AidDataGrantElement(c.rate/100, c.maturity, c.grace, c.discount/100)
		if math.Abs(got-c.published) > 0.00005 {
			t.Errorf("record %d %s: GE = %.6f, published %.4f", c.id, c.what, got, c.published)
		}
		// The same through GrantElement with the aiddata method.
		terms := finance.LoanTerms{Principal: 1, Currency: "CNY", Rate: c.rate / 100,
			MaturityYears: c.maturity, GraceYears: c.grace, PaymentsPerYear: 2}
		res, err := finance.GrantElement(terms, finance.Method{Name: finance.AidData, Discount: c.discount / 100})
		if err != nil {
			t.Fatalf("record %d: %v", c.id, err)
		}
		if math.Abs(100*res.GrantElement-c.published) > 0.00005 {
			t.Errorf("record %d %s: GrantElement = %.6f, published %.4f", c.id, c.what, 100*res.GrantElement, c.published)
		}
	}
}

// When 2·M and 2·G are whole, AidData's closed form is the schedule of a
// semi-annual equal-principal loan whose first repayment falls at the end of
// grace.
func TestAidDataMatchesSchedule(t *testing.T) {
	terms := finance.LoanTerms{Principal: 90292542.31, Currency: "USD", Rate: 0.02, MaturityYears: 21.5,
		GraceYears: 5, PaymentsPerYear: 2, FirstRepaymentAtGraceEnd: true}
	s, err := terms.Schedule()
	if err != nil {
		t.Fatal(err)
	}
	for _, D := range []float64{0.10, 0.06, 0.05} {
		want := finance.ClosedFormAidData(0.02, 21.5, 5, D)
		if got := s.GrantElement(D); math.Abs(got-want) > 1e-12 {
			t.Errorf("D=%g: schedule %.15f, closed form %.15f", D, got, want)
		}
	}
	// Record 39740 (Bahamas, blank grace read as 0): the first of 41
	// repayments falls at commitment. Published 43.7458 at 10 %.
	terms = finance.LoanTerms{Principal: 257.2e6, Currency: "CNY", Rate: 0.02, MaturityYears: 20,
		PaymentsPerYear: 2, FirstRepaymentAtGraceEnd: true}
	s, err = terms.Schedule()
	if err != nil {
		t.Fatal(err)
	}
	if got := 100 * s.GrantElement(0.10); math.Abs(got-43.7458) > 0.00005 {
		t.Errorf("39740 by schedule: %.6f, published 43.7458", got)
	}
}

func TestGrantElementHandChecked(t *testing.T) {
	cases := []struct {
		name  string
		terms finance.LoanTerms
		D     float64
		want  float64
	}{
		// Interest-free, annual, 2 years, no grace: repay 0.5 at t=1 and t=2.
		// GE = 1 - 0.5/1.1 - 0.5/1.21 = 0.1322314...
		{"zero interest", finance.LoanTerms{Principal: 100, Currency: "USD", MaturityYears: 2, PaymentsPerYear: 1}, 0.10,
			1 - 0.5/1.1 - 0.5/1.21},
		// Bullet at the discount rate, annual: PV of debt service = face.
		{"bullet at discount rate", finance.LoanTerms{Principal: 100, Currency: "USD", Rate: 0.07, MaturityYears: 30,
			PaymentsPerYear: 1, Profile: finance.Bullet}, 0.07, 0},
		// A pure gift is not a loan, but a 100 % grant element is the limit of
		// a zero-rate bullet over a long time: at 10 %, 100 years,
		// GE = 1 - 1.1^-100.
		{"zero-rate bullet 100y", finance.LoanTerms{Principal: 1, Currency: "USD", MaturityYears: 100,
			PaymentsPerYear: 1, Profile: finance.Bullet}, 0.10, 1 - math.Pow(1.1, -100)},
		// Front-end fee of 1 % on a bullet at the discount rate: GE = -1 %.
		{"fee only", finance.LoanTerms{Principal: 50, Currency: "USD", Rate: 0.05, MaturityYears: 10,
			PaymentsPerYear: 1, Profile: finance.Bullet, FrontEndFee: 0.01}, 0.05, -0.01},
	}
	for _, c := range cases {
		res, err := finance.GrantElement(c.terms, finance.Method{Name: finance.User, Discount: c.D})
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if math.Abs(res.GrantElement-c.want) > 1e-12 {
			t.Errorf("%s: GE = %.15f, want %.15f", c.name, res.GrantElement, c.want)
		}
	}
}

func TestMethodParameters(t *testing.T) {
	terms := finance.LoanTerms{Principal: 1e9, Currency: "JPY", Rate: 0.001, MaturityYears: 40, GraceYears: 10, PaymentsPerYear: 2}
	for _, c := range []struct {
		m          finance.Method
		rate, thr  float64
		concession bool
	}{
		{finance.Method{Name: finance.IMF}, 0.05, 0.35, true},
		{finance.Method{Name: finance.DAC1972}, 0.10, 0.25, true},
		{finance.Method{Name: finance.DAC2018, IncomeGroup: finance.LDC}, 0.09, 0.45, true},
		{finance.Method{Name: finance.DAC2018, IncomeGroup: finance.LMIC}, 0.07, 0.15, true},
		{finance.Method{Name: finance.DAC2018, IncomeGroup: finance.UMIC}, 0.06, 0.10, true},
	} {
		res, err := finance.GrantElement(terms, c.m)
		if err != nil {
			t.Fatal(err)
		}
		if res.DiscountRate != c.rate || res.Threshold != c.thr || res.Concessional != c.concession {
			t.Errorf("%+v: got rate %g threshold %g concessional %v", c.m, res.DiscountRate, res.Threshold, res.Concessional)
		}
		if got, want := res.GrantEquivalent, res.GrantElement*1e9; got != want {
			t.Errorf("grant equivalent %g, want %g", got, want)
		}
	}
	if _, err := finance.GrantElement(terms, finance.Method{Name: "oecd"}); !errors.Is(err, finance.ErrUnknownMethod) {
		t.Errorf("unknown method: err = %v", err)
	}
	if _, err := finance.GrantElement(terms, finance.Method{Name: finance.DAC2018}); !errors.Is(err, finance.ErrIncomeGroup) {
		t.Errorf("dac2018 without income group: err = %v", err)
	}
	if _, err := finance.GrantElement(terms, finance.Method{Name: finance.AidData}); !errors.Is(err, finance.ErrOutOfRange) {
		t.Errorf("aiddata at 0 %%: err = %v", err)
	}
	if r, err := finance.GrantElement(terms, finance.Method{Name: finance.User}); err != nil || math.IsNaN(r.GrantElement) {
		t.Errorf("user at 0 %%: %v, %v", r.GrantElement, err)
	}
	if _, err := finance.ParseMethod("IMF"); err != nil {
		t.Errorf("ParseMethod(IMF): %v", err)
	}
}

// randomTerms draws fixed-rate, single-disbursement terms with whole periods.
func randomTerms(r *rand.Rand) finance.LoanTerms {
	perYear := []int{1, 2, 4, 12}[r.IntN(4)]
	periods := 1 + r.IntN(50*perYear)
	grace := r.IntN(periods)
	profile := []finance.Profile{finance.EqualPrincipal, finance.Annuity, finance.Bullet}[r.IntN(3)]
	return finance.LoanTerms{
		Principal:                math.Exp(r.Float64() * 25),
		Currency:                 "USD",
		Rate:                     r.Float64() * 0.15,
		MaturityYears:            float64(periods) / float64(perYear),
		GraceYears:               float64(grace) / float64(perYear),
		PaymentsPerYear:          perYear,
		Profile:                  profile,
		FirstRepaymentAtGraceEnd: r.IntN(2) == 0,
	}
}

// Property: the closed forms agree with the discounted schedule.
func TestClosedFormMatchesSchedule(t *testing.T) {
	r := rand.New(rand.NewPCG(2026, 1))
	for k := 0; k < 2000; k++ {
		terms := randomTerms(r)
		D := 0.005 + r.Float64()*0.2
		s, err := terms.Schedule()
		if err != nil {
			t.Fatalf("%+v: %v", terms, err)
		}
		_, first, n := terms.Periods()
		g := float64(first - 1)
		if terms.Profile == finance.Bullet {
			g, n = float64(len(s.Rows)-2), 1
		}
		want := finance.ClosedFormGrantElement(terms.Profile, terms.Rate, terms.PaymentsPerYear, g, float64(n), D)
		if got := s.GrantElement(D); math.Abs(got-want) > 1e-9 {
			t.Fatalf("case %d %+v D=%g: schedule GE %.12f, closed form %.12f", k, terms, D, got, want)
		}
	}
}

// Property: AidData's result is in [0, 1] whatever the terms.
func TestAidDataBounded(t *testing.T) {
	r := rand.New(rand.NewPCG(2026, 2))
	for k := 0; k < 5000; k++ {
		M := 0.25 + r.Float64()*60
		G := r.Float64() * M
		rate := r.Float64() * 0.3
		D := 0.001 + r.Float64()*0.2
		ge := finance.AidDataGrantElement(rate, M, G, D)
		if !(ge >= 0 && ge <= 1) {
			t.Fatalf("AidData GE(%g, %g, %g, %g) = %g outside [0,1]", rate, M, G, D, ge)
		}
	}
}

// Property: a bullet loan at the discount rate with annual payments has GE 0.
func TestBulletAtDiscountRateIsZero(t *testing.T) {
	r := rand.New(rand.NewPCG(2026, 3))
	for k := 0; k < 500; k++ {
		rate := 0.001 + r.Float64()*0.2
		terms := finance.LoanTerms{Principal: 1 + r.Float64()*1e9, Currency: "EUR", Rate: rate,
			MaturityYears: float64(1 + r.IntN(60)), PaymentsPerYear: 1, Profile: finance.Bullet}
		res, err := finance.GrantElement(terms, finance.Method{Name: finance.User, Discount: rate})
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(res.GrantElement) > 1e-12 {
			t.Fatalf("%+v: GE = %g, want 0", terms, res.GrantElement)
		}
	}
}
