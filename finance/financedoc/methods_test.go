package financedoc_test

import (
	"errors"
	"testing"

	"github.com/infragame/infragame/finance"
	"github.com/infragame/infragame/finance/financedoc"
	"github.com/infragame/infragame/units"
)

func TestMethods(t *testing.T) {
	pct := func(x float64) *float64 { return &x }
	for _, c := range []struct {
		name  string
		spec  string
		group finance.IncomeGroup
		disc  *float64
		want  []finance.MethodName
		err   error
	}{
		{"all, nothing else known", "all", "", nil, []finance.MethodName{finance.IMF, finance.DAC1972, finance.AidData}, nil},
		{"all with group and rate", "all", finance.LMIC, pct(8), []finance.MethodName{finance.IMF, finance.DAC1972, finance.DAC2018, finance.AidData, finance.User}, nil},
		{"list", " IMF ,aiddata", "", nil, []finance.MethodName{finance.IMF, finance.AidData}, nil},
		{"unknown", "imf,oecd", "", nil, nil, finance.ErrUnknownMethod},
		{"dac2018 without group", "dac2018", "", nil, nil, financedoc.ErrNeedIncomeGroup},
		{"user without rate", "user", "", nil, nil, financedoc.ErrNeedDiscount},
		{"rate unused", "imf", "", pct(5), nil, financedoc.ErrDiscountUnused},
		{"rate out of range", "user", "", pct(-100), nil, financedoc.ErrDiscountRange},
	} {
		t.Run(c.name, func(t *testing.T) {
			ms, err := financedoc.Methods(c.spec, c.group, c.disc)
			if !errors.Is(err, c.err) || (c.err != nil && err == nil) {
				t.Fatalf("err = %v, want %v", err, c.err)
			}
			if len(ms) != len(c.want) {
				t.Fatalf("methods %v, want %v", ms, c.want)
			}
			for i, m := range ms {
				if m.Name != c.want[i] {
					t.Errorf("method %d = %s, want %s", i, m.Name, c.want[i])
				}
				if m.Name == finance.AidData && c.disc == nil && m.Discount != financedoc.AidDataDefaultDiscount {
					t.Errorf("aiddata discount %v, want the 10 %% default", m.Discount)
				}
				if m.Name == finance.User && m.Discount != *c.disc/100 {
					t.Errorf("user discount %v, want %v", m.Discount, *c.disc/100)
				}
			}
		})
	}
}

func TestLoanInputCheck(t *testing.T) {
	for _, c := range []struct {
		name  string
		in    financedoc.LoanInput
		field string
	}{
		{"fine", financedoc.LoanInput{Terms: financedoc.Terms{RatePct: 2}}, ""},
		{"negative fee", financedoc.LoanInput{Terms: financedoc.Terms{RatePct: 2, FrontEndFeePct: -1}}, "front_end_fee_pct"},
		{"above 100", financedoc.LoanInput{Terms: financedoc.Terms{RatePct: 120}}, "rate_pct"},
		{"0.02 meaning 2 %", financedoc.LoanInput{Terms: financedoc.Terms{RatePct: 0.02}}, "rate_pct"},
		{"floating, rate not checked for scale", financedoc.LoanInput{Terms: financedoc.Terms{RatePct: 0.02, ReferencePathPct: []float64{0.5}}}, ""},
	} {
		err := c.in.Check()
		var fe *finance.FieldError
		switch {
		case c.field == "" && err != nil:
			t.Errorf("%s: %v", c.name, err)
		case c.field != "" && (!errors.As(err, &fe) || fe.Field != c.field):
			t.Errorf("%s: err = %v, want a field error on %s", c.name, err, c.field)
		}
	}
	if err := (financedoc.LoanInput{Terms: financedoc.Terms{RatePct: 0.02}}).Check(units.Options{AllowUnusual: true}); err != nil {
		t.Errorf("allowed unusual: %v", err)
	}
}
