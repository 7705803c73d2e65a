// Package financedoc builds the documents the finance commands print with
// --format json, and that the web API returns: loan terms, grant elements,
// debt-service schedules, grant-element surfaces and comparisons of
// financing offers.
//
// The finance package computes in decimal rates (0.001 = 0.1 %); these
// documents are the edge where rates become percentages, and every field
// that holds one ends in _pct. Percentages are rounded to 1e-10 to drop the
// binary noise of the multiplication (0.07 → 7, not 7.000000000000001).
// Money is in the currency the field or its document names. The field names
// are stable and documented in docs/finance.md.
package financedoc

import (
	"fmt"
	"math"
	"strings"

	"github.com/infragame/infragame/finance"
	"github.com/infragame/infragame/units"
)

// PctOf converts a decimal rate to percent, rounded to 1e-10 so that
// 0.07 gives 7.
func PctOf(x float64) float64 { return math.Round(x*100*1e10) / 1e10 }

func pctSlice(x []float64) []float64 {
	if x == nil {
		return nil
	}
	out := make([]float64, len(x))
	for i, v := range x {
		out[i] = PctOf(v)
	}
	return out
}

// GE is one grant element.
type GE struct {
	Method      string `json:"method"`
	IncomeGroup string `json:"income_group,omitempty"`
	// DiscountRatePct is the method's discount rate, percent a year.
	DiscountRatePct float64 `json:"discount_rate_pct"`
	// GrantElementPct is the grant element, percent of face value.
	GrantElementPct float64 `json:"grant_element_pct"`
	// GrantEquivalent is the grant element times the face value, in the
	// loan currency.
	GrantEquivalent float64 `json:"grant_equivalent"`
	// ThresholdPct and Concessional are null for methods without a
	// concessionality threshold.
	ThresholdPct *float64 `json:"threshold_pct"`
	Concessional *bool    `json:"concessional"`
	// Bounded: the method clamps the grant element to 0–100 %.
	Bounded bool `json:"bounded"`
}

// GEOf is the document of g.
func GEOf(g finance.GEResult) GE {
	d := GE{Method: string(g.Method), IncomeGroup: string(g.IncomeGroup), DiscountRatePct: PctOf(g.DiscountRate),
		GrantElementPct: 100 * g.GrantElement, GrantEquivalent: g.GrantEquivalent, Bounded: g.Bounded}
	if g.Threshold > 0 {
		t, c := PctOf(g.Threshold), g.Concessional
		d.ThresholdPct, d.Concessional = &t, &c
	}
	return d
}

// Terms echoes loan terms, rates and shares in percent, durations in
// years, the principal in Currency.
type Terms struct {
	Principal                float64   `json:"principal"`
	Currency                 string    `json:"currency"`
	RatePct                  float64   `json:"rate_pct"`
	ReferencePathPct         []float64 `json:"reference_path_pct,omitempty"`
	SpreadPct                float64   `json:"spread_pct,omitempty"`
	MaturityYears            float64   `json:"maturity_years"`
	GraceYears               float64   `json:"grace_years"`
	FirstRepaymentAtGraceEnd bool      `json:"first_repayment_at_grace_end"`
	Profile                  string    `json:"profile"`
	PaymentsPerYear          int       `json:"payments_per_year"`
	FrontEndFeePct           float64   `json:"front_end_fee_pct,omitempty"`
	CommitmentFeePct         float64   `json:"commitment_fee_pct,omitempty"`
	DisbursementPct          []float64 `json:"disbursement_pct,omitempty"`
	GuaranteeRequired        bool      `json:"guarantee_required"`
	Tied                     bool      `json:"tied"`
}

// TermsOf is the document of t; an empty profile is equal_principal.
func TermsOf(t finance.LoanTerms) Terms {
	p := string(t.Profile)
	if p == "" {
		p = string(finance.EqualPrincipal)
	}
	return Terms{Principal: t.Principal, Currency: t.Currency, RatePct: PctOf(t.Rate),
		ReferencePathPct: pctSlice(t.ReferencePath), SpreadPct: PctOf(t.Spread),
		MaturityYears: t.MaturityYears, GraceYears: t.GraceYears, FirstRepaymentAtGraceEnd: t.FirstRepaymentAtGraceEnd,
		Profile: p, PaymentsPerYear: t.PaymentsPerYear, FrontEndFeePct: PctOf(t.FrontEndFee),
		CommitmentFeePct: PctOf(t.CommitmentFee), DisbursementPct: pctSlice(t.Disbursement),
		GuaranteeRequired: t.GuaranteeRequired, Tied: t.Tied}
}

// LoanGE is the grant element of a loan by one method with the loan's
// terms, the document of "finance ge" (one per method).
type LoanGE struct {
	Terms
	GE
}

// GrantElements computes the grant element of t by every method of ms
// ([finance.GrantElement]), in order.
func GrantElements(t finance.LoanTerms, ms []finance.Method) ([]LoanGE, error) {
	out := make([]LoanGE, 0, len(ms))
	for _, m := range ms {
		g, err := finance.GrantElement(t, m)
		if err != nil {
			return nil, err
		}
		out = append(out, LoanGE{TermsOf(t), GEOf(g)})
	}
	return out, nil
}

// ScheduleRow is one payment date of a [Schedule]; money in the loan
// currency.
type ScheduleRow struct {
	Period      int     `json:"period"`
	TimeYears   float64 `json:"time_years"`
	RatePct     float64 `json:"rate_pct"`
	Disbursed   float64 `json:"disbursed"`
	Interest    float64 `json:"interest"`
	Principal   float64 `json:"principal"`
	Fees        float64 `json:"fees"`
	DebtService float64 `json:"debt_service"`
	Outstanding float64 `json:"outstanding"`
}

// SchedulePV is a schedule's present values at a discount rate.
type SchedulePV struct {
	DiscountRatePct float64 `json:"discount_rate_pct"`
	DebtService     float64 `json:"debt_service"`
	Disbursed       float64 `json:"disbursed"`
	// GrantElementPct = 100·(1 − DebtService/Disbursed).
	GrantElementPct float64 `json:"grant_element_pct"`
}

// Schedule is the document of "finance schedule".
type Schedule struct {
	Terms  Terms          `json:"terms"`
	Rows   []ScheduleRow  `json:"rows"`
	Totals finance.Totals `json:"totals"`
	PV     *SchedulePV    `json:"pv,omitempty"`
	// Schedule is the computed schedule behind Rows.
	Schedule finance.Schedule `json:"-"`
}

// ScheduleOf computes the debt-service schedule of t and, when discountPct
// is not nil, its present values at that rate (percent a year, above
// −100).
func ScheduleOf(t finance.LoanTerms, discountPct *float64) (*Schedule, error) {
	s, err := t.Schedule()
	if err != nil {
		return nil, err
	}
	doc := &Schedule{Terms: TermsOf(t), Totals: s.Totals(), Schedule: s}
	for _, r := range s.Rows {
		doc.Rows = append(doc.Rows, ScheduleRow{r.Period, r.Time, PctOf(r.Rate), r.Disbursed, r.Interest, r.Principal, r.Fees, r.DebtService(), r.Outstanding})
	}
	if discountPct != nil {
		d := *discountPct
		if math.IsNaN(d) || d <= -100 {
			return nil, fmt.Errorf("discount rate %v %% is not a rate", d)
		}
		ds, dis := s.PV(d / 100)
		doc.PV = &SchedulePV{d, ds, dis, 100 * (1 - ds/dis)}
	}
	return doc, nil
}

// MethodRate is the discount rate of method m (decimal), 0 when m is
// invalid.
func MethodRate(m finance.Method) float64 {
	r, _, _ := m.Parameters()
	return r
}

// Surface is the document of "finance surface": the grant element over a
// grid of interest rates (percent) × grace or maturity (years).
type Surface struct {
	// Axis is grace_years or maturity_years, the key of the second axis
	// in Cells.
	Axis string `json:"axis"`
	// Cells hold rate_pct, the second axis and grant_element_pct (null
	// where the terms are invalid), rates varying fastest.
	Cells           []map[string]any   `json:"cells"`
	DiscountRatePct float64            `json:"discount_rate_pct"`
	Method          finance.MethodName `json:"method"`
	// RatesPct and Y are the axes, GE the grant element (percent, NaN
	// where invalid) with GE[j][i] at (RatesPct[i], Y[j]).
	RatesPct []float64   `json:"-"`
	Y        []float64   `json:"-"`
	GE       [][]float64 `json:"-"`
}

// SurfaceOf computes the grant element of base by method m over ratesPct
// (interest rates, percent a year) × ys (years of grace or maturity, as
// axis says) ([finance.GESurface]).
func SurfaceOf(base finance.LoanTerms, m finance.Method, ratesPct []float64, axis finance.SurfaceAxis, ys []float64) (*Surface, error) {
	dec := make([]float64, len(ratesPct))
	for i, r := range ratesPct {
		dec[i] = r / 100
	}
	s, err := finance.GESurface(base, m, dec, axis, ys)
	if err != nil {
		return nil, err
	}
	yName := "grace_years"
	if axis == finance.AxisMaturity {
		yName = "maturity_years"
	}
	doc := &Surface{Axis: yName, DiscountRatePct: 100 * MethodRate(m), Method: m.Name, RatesPct: ratesPct, Y: ys}
	doc.GE = make([][]float64, len(ys))
	for j, y := range ys {
		doc.GE[j] = make([]float64, len(ratesPct))
		for i, r := range ratesPct {
			g := s.GE[j][i]
			doc.GE[j][i] = 100 * g
			var gp *float64
			if !math.IsNaN(g) {
				v := 100 * g
				gp = &v
			}
			doc.Cells = append(doc.Cells, map[string]any{"rate_pct": r, yName: y, "grant_element_pct": gp})
		}
	}
	return doc, nil
}

// AidDataDefaultDiscount is the discount rate of the AidData method when
// the user gives none: 10 % a year, the AidData GCDF convention
// (docs/finance.md).
const AidDataDefaultDiscount = 0.10

// AllMethods are the grant-element methods "all" stands for: imf and
// dac1972; dac2018 when the host's income group is known; aiddata; and user
// when a discount rate of one's own is given.
func AllMethods(haveIncomeGroup, haveDiscount bool) []finance.MethodName {
	names := []finance.MethodName{finance.IMF, finance.DAC1972}
	if haveIncomeGroup {
		names = append(names, finance.DAC2018)
	}
	names = append(names, finance.AidData)
	if haveDiscount {
		names = append(names, finance.User)
	}
	return names
}

// LoanInput is a loan as a form or a request describes it: the fields of
// [Terms] (rates, fees and shares in percent, durations in years) and, for
// the custom profile, the share of principal repaid at each repayment,
// percent. It is what "finance ge", "schedule" and "surface" build from
// their flags.
type LoanInput struct {
	Terms
	RepaymentSharesPct []float64 `json:"repayment_shares_pct,omitempty"`
}

// LoanTerms converts in to decimal loan terms: the profile is parsed (""
// is equal_principal), the currency upper-cased ("" is USD) and a
// principal of 0 becomes 1 (grant equivalents are then per unit of face
// value). The terms themselves are checked where they are used
// ([finance.LoanTerms.Schedule], [finance.GrantElement]).
func (in LoanInput) LoanTerms() (finance.LoanTerms, error) {
	p, err := finance.ParseProfile(in.Profile)
	if err != nil {
		return finance.LoanTerms{}, err
	}
	t := finance.LoanTerms{
		Principal: in.Principal, Currency: strings.ToUpper(in.Currency), Rate: in.RatePct / 100, Spread: in.SpreadPct / 100,
		MaturityYears: in.MaturityYears, GraceYears: in.GraceYears, PaymentsPerYear: in.PaymentsPerYear, Profile: p,
		FirstRepaymentAtGraceEnd: in.FirstRepaymentAtGraceEnd, FrontEndFee: in.FrontEndFeePct / 100, CommitmentFee: in.CommitmentFeePct / 100,
		GuaranteeRequired: in.GuaranteeRequired, Tied: in.Tied,
		ReferencePath: fractions(in.ReferencePathPct), RepaymentShares: fractions(in.RepaymentSharesPct), Disbursement: fractions(in.DisbursementPct),
	}
	if t.Principal == 0 {
		t.Principal = 1
	}
	if t.Currency == "" {
		t.Currency = "USD"
	}
	return t, nil
}

// Check refuses rates that cannot be meant: the fixed rate and the fees
// must be finite percentages from 0 to 100 a year, and a fixed rate on an
// implausible scale ([units.Check]: 0.02 meaning 2 %) is refused unless
// opts allow unusual values (a floating loan's rate is not checked for
// scale). Errors are [*finance.FieldError]s naming rate_pct,
// front_end_fee_pct or commitment_fee_pct.
func (in LoanInput) Check(opts ...units.Options) error {
	for _, c := range []struct {
		field string
		v     float64
	}{{"rate_pct", in.RatePct}, {"front_end_fee_pct", in.FrontEndFeePct}, {"commitment_fee_pct", in.CommitmentFeePct}} {
		switch {
		case math.IsNaN(c.v) || math.IsInf(c.v, 0):
			return &finance.FieldError{Field: c.field, Err: fmt.Errorf("%v is not a finite number", c.v)}
		case c.v < 0:
			return &finance.FieldError{Field: c.field, Err: fmt.Errorf("negative: %v %%", c.v)}
		case c.v > 100:
			return &finance.FieldError{Field: c.field, Err: fmt.Errorf("out of range: %g %% is above 100 %% a year", c.v)}
		}
	}
	if !units.Allow(opts) && len(in.ReferencePathPct) == 0 {
		if u := units.Check(units.LoanRate, units.Percent, in.RatePct); u != nil {
			return &finance.FieldError{Field: "rate_pct", Err: u}
		}
	}
	return nil
}

// fractions divides percentages by 100; nil stays nil.
func fractions(pct []float64) []float64 {
	if pct == nil {
		return nil
	}
	out := make([]float64, len(pct))
	for i, v := range pct {
		out[i] = v / 100
	}
	return out
}
