package finance

import (
	"errors"
	"fmt"
	"math"
	"strings"
)

// ErrUnknownMethod is returned for a grant-element method name not in
// [MethodNames]; ErrIncomeGroup for an unknown recipient income group.
var (
	ErrUnknownMethod = errors.New("finance: unknown grant-element method")
	ErrIncomeGroup   = errors.New("finance: unknown income group")
)

// MethodName names a grant-element convention.
type MethodName string

// The grant-element methods; see the package documentation.
const (
	IMF     MethodName = "imf"
	DAC1972 MethodName = "dac1972"
	DAC2018 MethodName = "dac2018"
	AidData MethodName = "aiddata"
	User    MethodName = "user"
)

// MethodNames lists every method, in the order reports show them.
var MethodNames = []MethodName{IMF, DAC1972, DAC2018, AidData, User}

// ParseMethod returns the method named s (case-insensitive).
func ParseMethod(s string) (MethodName, error) {
	m := MethodName(strings.ToLower(strings.TrimSpace(s)))
	for _, n := range MethodNames {
		if m == n {
			return m, nil
		}
	}
	return "", fmt.Errorf("%w %q (want imf, dac1972, dac2018, aiddata or user)", ErrUnknownMethod, s)
}

// IncomeGroup is the DAC income group of the recipient, which sets the
// dac2018 discount rate and threshold.
type IncomeGroup string

// The DAC income groups. LDC and LIC share the same parameters.
const (
	LDC  IncomeGroup = "ldc"
	LIC  IncomeGroup = "lic"
	LMIC IncomeGroup = "lmic"
	UMIC IncomeGroup = "umic"
)

// ParseIncomeGroup accepts ldc, lic, lmic, umic and the World Bank / GCDF
// labels "Low income", "Lower middle income", "Upper middle income".
func ParseIncomeGroup(s string) (IncomeGroup, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "ldc", "least developed", "least developed countries":
		return LDC, nil
	case "lic", "low income", "other low income":
		return LIC, nil
	case "lmic", "lower middle income":
		return LMIC, nil
	case "umic", "upper middle income":
		return UMIC, nil
	}
	return "", fmt.Errorf("%w %q (want ldc, lic, lmic or umic)", ErrIncomeGroup, s)
}

// DAC2018Parameters returns the discount rate and ODA concessionality
// threshold of the DAC grant-equivalent method for loans to the official
// sector of a recipient in income group g (DAC HLM Communiqué, 16 Dec 2014,
// Annex 1): 9 % and 45 % for LDCs and other LICs, 7 % and 15 % for LMICs,
// 6 % and 10 % for UMICs.
func DAC2018Parameters(g IncomeGroup) (rate, threshold float64, err error) {
	switch g {
	case LDC, LIC:
		return 0.09, 0.45, nil
	case LMIC:
		return 0.07, 0.15, nil
	case UMIC:
		return 0.06, 0.10, nil
	}
	return 0, 0, fmt.Errorf("%w %q (want ldc, lic, lmic or umic)", ErrIncomeGroup, g)
}

// Method is a grant-element convention with its parameters.
type Method struct {
	Name MethodName `json:"method"`
	// IncomeGroup of the recipient (dac2018 only).
	IncomeGroup IncomeGroup `json:"income_group,omitempty"`
	// Discount is the annual discount rate for aiddata (AidData publishes
	// 10 %, the DAC2018 rate of the income group, and 5 %) and user.
	Discount float64 `json:"discount_rate,omitempty"`
}

// Parameters returns the method's annual discount rate and concessionality
// threshold (0 when the method has none: aiddata and user).
func (m Method) Parameters() (rate, threshold float64, err error) {
	switch m.Name {
	case IMF:
		return 0.05, 0.35, nil
	case DAC1972:
		return 0.10, 0.25, nil
	case DAC2018:
		return DAC2018Parameters(m.IncomeGroup)
	case AidData, User:
		d := m.Discount
		if math.IsNaN(d) || math.IsInf(d, 0) || d <= -1 {
			return 0, 0, &FieldError{Field: "discount_rate", Err: fmt.Errorf("%w: %v", ErrOutOfRange, d)}
		}
		if d < 0 {
			return 0, 0, fieldErr("discount_rate", "%w: %g", ErrNegative, d)
		}
		if d == 0 && m.Name == AidData {
			// The closed form divides by the discount rate.
			return 0, 0, fieldErr("discount_rate", "%w: the aiddata method needs a positive rate", ErrOutOfRange)
		}
		return d, 0, nil
	}
	return 0, 0, fmt.Errorf("%w %q", ErrUnknownMethod, m.Name)
}

// GEResult is a grant element computed by one method. Fractions, not
// percentages.
type GEResult struct {
	Method       MethodName  `json:"method"`
	IncomeGroup  IncomeGroup `json:"income_group,omitempty"`
	DiscountRate float64     `json:"discount_rate"`
	// GrantElement as a fraction of the face value (of the present value of
	// disbursements when drawing is spread).
	GrantElement float64 `json:"grant_element"`
	// GrantEquivalent = GrantElement × Principal, in the loan currency.
	GrantEquivalent float64 `json:"grant_equivalent"`
	// Threshold is the method's concessionality threshold; 0 if none.
	Threshold float64 `json:"threshold,omitempty"`
	// Concessional: GrantElement ≥ Threshold (ODA-eligible for dac1972 and
	// dac2018, concessional under the IMF debt-limits policy for imf).
	Concessional bool `json:"concessional"`
	// Bounded: the aiddata result was clipped to [0, 1].
	Bounded bool `json:"bounded,omitempty"`
}

// GrantElement computes the loan's grant element by method m. The aiddata
// method uses [AidDataGrantElement] on the rate, maturity and grace only
// (a floating loan is valued at its first-year rate, as AidData values
// floating loans at the commitment month); every other method discounts the
// full schedule, fees included.
func GrantElement(t LoanTerms, m Method) (GEResult, error) {
	rate, thr, err := m.Parameters()
	if err != nil {
		return GEResult{}, err
	}
	res := GEResult{Method: m.Name, DiscountRate: rate, Threshold: thr}
	if m.Name == DAC2018 {
		res.IncomeGroup = m.IncomeGroup
	}
	if m.Name == AidData {
		if err := t.ValidateTerms(); err != nil {
			return GEResult{}, err
		}
		raw := ClosedFormAidData(t.RateInYear(0), t.MaturityYears, t.GraceYears, rate)
		res.GrantElement = min(max(raw, 0), 1)
		res.Bounded = res.GrantElement != raw
	} else {
		s, err := t.Schedule()
		if err != nil {
			return GEResult{}, err
		}
		res.GrantElement = s.GrantElement(rate)
	}
	res.GrantEquivalent = res.GrantElement * t.Principal
	res.Concessional = thr > 0 && res.GrantElement >= thr-1e-12
	return res, nil
}

// ClosedFormGrantElement returns the grant element (a fraction) of a loan of
// one unit disbursed at commitment, with fixed annual rate r, a payments a
// year, g interest-only periods followed by n repayment periods, discounted
// at annual rate D (per-period d = (1+D)^(1/a) - 1, q = 1/(1+d), i = r/a):
//
//	equal principal: (1 - i/d)·(1 - (q^g - q^(g+n))/(d·n))
//	annuity:         1 - i·(1-q^g)/d - q^g·A·(1-q^n)/d,  A = i/(1-(1+i)^-n)
//	bullet:          (1 - i/d)·(1 - q^(g+n))   (g+n periods, repaid at the end)
//
// g and n may be fractional for equal principal (the formula is then the
// analytic continuation used by the OECD calculator and AidData). D must not
// be 0 (the limits are not taken); it panics for Custom or an unknown
// profile, which have no closed form.
func ClosedFormGrantElement(p Profile, r float64, a int, g, n, D float64) float64 {
	af := float64(a)
	d := math.Pow(1+D, 1/af) - 1
	q := 1 / (1 + d)
	i := r / af
	switch p {
	case EqualPrincipal, "":
		return (1 - i/d) * (1 - (math.Pow(q, g)-math.Pow(q, g+n))/(d*n))
	case Annuity:
		A := 1 / n
		if i != 0 {
			A = i / (1 - math.Pow(1+i, -n))
		}
		qg := math.Pow(q, g)
		return 1 - i*(1-qg)/d - qg*A*(1-math.Pow(q, n))/d
	case Bullet:
		return (1 - i/d) * (1 - math.Pow(q, g+n))
	}
	panic("finance: closed form for profile " + string(p))
}

// ClosedFormAidData returns the unbounded grant element by AidData's GCDF
// convention: equal principal, two payments a year, the first repayment at
// the end of the grace period G (so the DAC formula's grace is G - 1/2 and
// there are 2·(M-G)+1 repayments), maturity M taken as given even when 2·M is
// not whole. Rate r and discount D are annual decimals.
//
// It reproduces the published "Grant Element (OECD Cash-Flow)" (D = 10 %),
// "Grant Element (OECD Grant-Equiv)" (D = DAC2018 rate) and "Grant Element
// (IMF)" (D = 5 %) of GCDF 3.0 to 4 decimals, for example record 54912
// (2 %, 21.75 years, 5 years grace): 54.7023, 34.5267, 27.599.
func ClosedFormAidData(r, M, G, D float64) float64 {
	g := 2*G - 1
	return ClosedFormGrantElement(EqualPrincipal, r, 2, g, 2*M-g, D)
}

// AidDataGrantElement is [ClosedFormAidData] bounded to [0, 1], as published.
func AidDataGrantElement(r, M, G, D float64) float64 {
	return min(max(ClosedFormAidData(r, M, G, D), 0), 1)
}
