package finance_test

import (
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/infragame/infragame/finance"
)

// Property: over random terms, including spread drawing, floating rates,
// custom profiles and fees, principal repaid equals principal disbursed equals
// the face value exactly, and the balance ends at exactly zero.
func TestScheduleReconciles(t *testing.T) {
	r := rand.New(rand.NewPCG(2026, 10))
	for k := 0; k < 3000; k++ {
		terms := randomTerms(r)
		terms.Principal = []float64{1, 0.1, 3.3e9, 4.5e11, 123456789.87}[r.IntN(5)] * (0.5 + r.Float64())
		_, first, n := terms.Periods()
		if terms.Profile != finance.Bullet && r.IntN(3) == 0 {
			terms.Profile = finance.Custom
			sh := make([]float64, n)
			sum := 0.0
			for i := range sh {
				sh[i] = r.Float64()
				sum += sh[i]
			}
			for i := range sh {
				sh[i] /= sum
			}
			terms.RepaymentShares = sh
		}
		if years := first / terms.PaymentsPerYear; years > 0 && r.IntN(2) == 0 {
			d := make([]float64, 1+r.IntN(years+1))
			d[0] = 0.3
			for i := 1; i < len(d); i++ {
				d[i] = 0.7 / float64(len(d)-1)
			}
			if len(d) == 1 {
				d[0] = 1
			}
			terms.Disbursement = d
			terms.CommitmentFee = 0.0025
			terms.FrontEndFee = 0.0025
		}
		if r.IntN(4) == 0 {
			terms.ReferencePath = []float64{0.005, -0.001, 0.01, 0.02}
			terms.Spread = 0.0085
		}
		s, err := terms.Schedule()
		if err != nil {
			t.Fatalf("case %d %+v: %v", k, terms, err)
		}
		tot := s.Totals()
		if tot.Principal != tot.Disbursed || tot.Disbursed != terms.Principal {
			t.Fatalf("case %d %+v: principal %v, disbursed %v, face %v", k, terms, tot.Principal, tot.Disbursed, terms.Principal)
		}
		last := s.Rows[len(s.Rows)-1]
		if last.Outstanding != 0 {
			t.Fatalf("case %d: final balance %v", k, last.Outstanding)
		}
		for _, row := range s.Rows {
			if row.Principal < 0 || row.Disbursed < 0 || row.Outstanding < 0 || row.Interest < 0 {
				t.Fatalf("case %d: negative flow in row %+v", k, row)
			}
		}
		if got, want := tot.DebtService, tot.Interest+tot.Principal+tot.Fees; got != want {
			t.Fatalf("debt service %v != %v", got, want)
		}
	}
}

func TestScheduleRows(t *testing.T) {
	// Hand-checked: 1000 at 4 %, annual, 3 years, 1 year grace, equal
	// principal: interest 40, then 40 + 500, then 20 + 500.
	terms := finance.LoanTerms{Principal: 1000, Currency: "USD", Rate: 0.04, MaturityYears: 3, GraceYears: 1, PaymentsPerYear: 1}
	s, err := terms.Schedule()
	if err != nil {
		t.Fatal(err)
	}
	want := []finance.Row{
		{Period: 0, Time: 0, Rate: 0.04, Disbursed: 1000, Outstanding: 1000},
		{Period: 1, Time: 1, Rate: 0.04, Interest: 40, Outstanding: 1000},
		{Period: 2, Time: 2, Rate: 0.04, Interest: 40, Principal: 500, Outstanding: 500},
		{Period: 3, Time: 3, Rate: 0.04, Interest: 20, Principal: 500, Outstanding: 0},
	}
	if len(s.Rows) != len(want) {
		t.Fatalf("%d rows, want %d", len(s.Rows), len(want))
	}
	for i := range want {
		if s.Rows[i] != want[i] {
			t.Errorf("row %d = %+v, want %+v", i, s.Rows[i], want[i])
		}
	}
	// Annuity of 1000 at 4 % over 2 years after 1 year grace: payment
	// 1000·0.04/(1-1.04^-2) = 530.1961 in years 2 and 3.
	terms.Profile = finance.Annuity
	s, _ = terms.Schedule()
	for _, k := range []int{2, 3} {
		if got := s.Rows[k].DebtService(); math.Abs(got-530.19607843) > 1e-6 {
			t.Errorf("annuity payment year %d = %v", k, got)
		}
	}
	// Commitment fee on the undrawn half during year 1, front-end fee at 0.
	terms = finance.LoanTerms{Principal: 1000, Currency: "USD", Rate: 0.04, MaturityYears: 3, GraceYears: 1,
		PaymentsPerYear: 1, Disbursement: []float64{0.5, 0.5}, CommitmentFee: 0.01, FrontEndFee: 0.002}
	s, err = terms.Schedule()
	if err != nil {
		t.Fatal(err)
	}
	if s.Rows[0].Fees != 2 || s.Rows[1].Fees != 5 || s.Rows[1].Interest != 20 || s.Rows[1].Disbursed != 500 {
		t.Errorf("fees/drawing rows: %+v %+v", s.Rows[0], s.Rows[1])
	}
	// Floating: reference path then spread.
	terms = finance.LoanTerms{Principal: 100, Currency: "USD", ReferencePath: []float64{0.01, 0.02}, Spread: 0.005,
		MaturityYears: 3, PaymentsPerYear: 1, Profile: finance.Bullet}
	s, _ = terms.Schedule()
	for k, want := range []float64{0, 1.5, 2.5, 2.5} {
		if got := s.Rows[k].Interest; math.Abs(got-want) > 1e-12 {
			t.Errorf("floating interest year %d = %v, want %v", k, got, want)
		}
	}
}

func TestValidate(t *testing.T) {
	good := finance.LoanTerms{Principal: 1, Currency: "USD", Rate: 0.02, MaturityYears: 20, GraceYears: 5, PaymentsPerYear: 2}
	if err := good.Validate(); err != nil {
		t.Fatalf("valid terms: %v", err)
	}
	cases := []struct {
		name   string
		mutate func(*finance.LoanTerms)
		field  string
		is     error
	}{
		{"negative rate", func(l *finance.LoanTerms) { l.Rate = -0.01 }, "rate", finance.ErrNegative},
		{"NaN rate", func(l *finance.LoanTerms) { l.Rate = math.NaN() }, "rate", finance.ErrNotFinite},
		{"grace = maturity", func(l *finance.LoanTerms) { l.GraceYears = 20 }, "grace_years", finance.ErrGrace},
		{"grace > maturity", func(l *finance.LoanTerms) { l.GraceYears = 25 }, "grace_years", finance.ErrGrace},
		{"negative grace", func(l *finance.LoanTerms) { l.GraceYears = -1 }, "grace_years", finance.ErrNegative},
		{"zero maturity", func(l *finance.LoanTerms) { l.MaturityYears = 0 }, "maturity_years", finance.ErrOutOfRange},
		{"3 payments a year", func(l *finance.LoanTerms) { l.PaymentsPerYear = 3 }, "payments_per_year", finance.ErrPaymentsPerYear},
		{"fractional periods", func(l *finance.LoanTerms) { l.MaturityYears = 21.75 }, "maturity_years", finance.ErrPeriods},
		{"unknown currency", func(l *finance.LoanTerms) { l.Currency = "YEN" }, "currency", finance.ErrUnknownCurrency},
		{"zero principal", func(l *finance.LoanTerms) { l.Principal = 0 }, "principal", finance.ErrOutOfRange},
		{"bad profile", func(l *finance.LoanTerms) { l.Profile = "balloon" }, "profile", finance.ErrProfile},
		{"shares", func(l *finance.LoanTerms) { l.Profile = finance.Custom; l.RepaymentShares = []float64{1} }, "repayment_shares", finance.ErrShares},
		{"drawing too long", func(l *finance.LoanTerms) { l.Disbursement = []float64{0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.4} }, "disbursement", finance.ErrOutOfRange},
		{"negative floating", func(l *finance.LoanTerms) { l.ReferencePath = []float64{-0.02}; l.Spread = 0.01 }, "reference_path[0]", finance.ErrNegative},
		{"share financed", func(l *finance.LoanTerms) { l.ShareFinanced = 1.5 }, "share_financed", finance.ErrOutOfRange},
		{"negative fee", func(l *finance.LoanTerms) { l.FrontEndFee = -0.01 }, "front_end_fee", finance.ErrNegative},
	}
	for _, c := range cases {
		l := good
		c.mutate(&l)
		err := l.Validate()
		if err == nil {
			t.Errorf("%s: no error", c.name)
			continue
		}
		var fe *finance.FieldError
		if !errors.As(err, &fe) || fe.Field != c.field || !errors.Is(err, c.is) {
			t.Errorf("%s: err = %v, want field %s wrapping %v", c.name, err, c.field, c.is)
		}
		if _, err := l.Schedule(); err == nil {
			t.Errorf("%s: Schedule accepted invalid terms", c.name)
		}
	}
	// An invalid maturity is one error: grace is not compared with it
	// (the review's "--maturity -5" gave a second, senseless one).
	neg := good
	neg.MaturityYears = -5
	if err := neg.ValidateTerms(); err == nil || errors.Is(err, finance.ErrGrace) || strings.Count(err.Error(), "\n") != 0 {
		t.Errorf("maturity -5: %v, want one error, on maturity_years", err)
	}
	// Prefix names the path.
	l := good
	l.Rate = -1
	err := finance.Prefix("offers[1].loan", l.Validate())
	if !strings.Contains(err.Error(), "offers[1].loan.rate: negative") {
		t.Errorf("prefixed error = %q", err)
	}
}

func TestFXTable(t *testing.T) {
	var fx finance.FXTable
	// Federal Reserve G.5A annual averages, 2015 (FRED AEXJPUS, AEXCHUS).
	if err := fx.Set("JPY", 2015, 121.0491); err != nil {
		t.Fatal(err)
	}
	if err := fx.Set("CNY", 2015, 6.2827); err != nil {
		t.Fatal(err)
	}
	got, err := fx.Convert(finance.Amount{Value: 700e9, Currency: "JPY", Year: 2015}, "USD")
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(got.Value-700e9/121.0491) > 1e-3 || got.Currency != "USD" || got.Year != 2015 {
		t.Errorf("700 bn yen = %v", got)
	}
	r, _ := fx.Rate("CNY", "JPY", 2015)
	if math.Abs(r-121.0491/6.2827) > 1e-12 {
		t.Errorf("JPY per CNY = %v", r)
	}
	if _, err := fx.Convert(finance.Amount{Value: 1, Currency: "JPY", Year: 2014}, "USD"); !errors.Is(err, finance.ErrUnknownRate) {
		t.Errorf("missing year: err = %v, want ErrUnknownRate", err)
	}
	if _, err := fx.Convert(finance.Amount{Value: 1, Currency: "IDR", Year: 2015}, "USD"); !errors.Is(err, finance.ErrUnknownRate) {
		t.Errorf("missing currency: err = %v", err)
	}
	if _, err := fx.Convert(finance.Amount{Value: 1, Currency: "XYZ", Year: 2015}, "USD"); !errors.Is(err, finance.ErrUnknownCurrency) {
		t.Errorf("bad code: err = %v", err)
	}
	for _, bad := range []float64{0, -1, math.NaN(), math.Inf(1)} {
		if err := fx.Set("EUR", 2015, bad); !errors.Is(err, finance.ErrInvalidRate) {
			t.Errorf("Set(EUR, %v): err = %v", bad, err)
		}
	}
	if err := fx.Set("USD", 2015, 2); err == nil {
		t.Error("Set(USD, 2) accepted")
	}
	if n := len(fx.Rates()); n != 2 || fx.Len() != 2 {
		t.Errorf("Rates() has %d entries", n)
	}
}

func TestDeflator(t *testing.T) {
	var d finance.Deflator
	// An index that doubles between two years halves the real value of
	// a nominal amount when moved back.
	if err := d.Set("USD", 2015, 100); err != nil {
		t.Fatal(err)
	}
	if err := d.Set("USD", 2021, 200); err != nil {
		t.Fatal(err)
	}
	got, err := d.Rebase(finance.Amount{Value: 5.5e9, Currency: "USD", Year: 2015}, 2021)
	if err != nil || got.Value != 11e9 || got.Year != 2021 {
		t.Errorf("rebase = %v, %v", got, err)
	}
	if _, err := d.Rebase(finance.Amount{Value: 1, Currency: "USD", Year: 2016}, 2021); !errors.Is(err, finance.ErrUnknownIndex) {
		t.Errorf("missing year: %v", err)
	}
	if err := d.Set("USD", 2016, 0); err == nil {
		t.Error("zero index accepted")
	}
}

// ScheduleInto gives the rows of Schedule whatever the buffer held before
// (here the schedule of the previous random loan, longer or shorter), and
// allocates nothing once the buffer is large enough.
func TestScheduleIntoReusesItsBuffer(t *testing.T) {
	r := rand.New(rand.NewPCG(2026, 12))
	var s finance.Schedule
	for k := 0; k < 500; k++ {
		terms := randomTerms(r)
		terms.Principal = 1 + r.Float64()
		if r.IntN(3) == 0 {
			terms.FrontEndFee, terms.CommitmentFee = 0.0025, 0.0025
		}
		want, err := terms.Schedule()
		if err != nil {
			t.Fatal(err)
		}
		if err := terms.ScheduleInto(&s); err != nil {
			t.Fatal(err)
		}
		if s.Currency != want.Currency || s.PaymentsPerYear != want.PaymentsPerYear || len(s.Rows) != len(want.Rows) {
			t.Fatalf("case %d: %s/%d/%d rows, want %s/%d/%d", k, s.Currency, s.PaymentsPerYear, len(s.Rows), want.Currency, want.PaymentsPerYear, len(want.Rows))
		}
		for i := range want.Rows {
			if s.Rows[i] != want.Rows[i] {
				t.Fatalf("case %d row %d: %+v, want %+v", k, i, s.Rows[i], want.Rows[i])
			}
		}
	}
	terms := finance.LoanTerms{Currency: "USD", Principal: 1, Rate: 0.001, MaturityYears: 40, GraceYears: 10,
		Profile: finance.EqualPrincipal, PaymentsPerYear: 2}
	s = finance.Schedule{}
	if n := testing.AllocsPerRun(50, func() {
		if err := terms.ScheduleInto(&s); err != nil {
			t.Fatal(err)
		}
	}); n != 0 {
		t.Errorf("ScheduleInto allocates %v times per call on a warm buffer, want 0", n)
	}
	bad := terms
	bad.GraceYears = 50
	before := s.Rows[1]
	if err := bad.ScheduleInto(&s); err == nil || s.Rows[1] != before {
		t.Errorf("invalid terms: err %v, buffer changed: %v", err, s.Rows[1] != before)
	}
}
