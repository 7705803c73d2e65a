package finance

import (
	"errors"
	"fmt"
	"github.com/infragame/infragame/internal/parseerr"
	"math"
	"strings"

	"github.com/infragame/infragame/units"
)

// Validation errors wrapped by [FieldError]; test with errors.Is.
var (
	ErrNegative   = errors.New("negative")
	ErrNotFinite  = errors.New("not a finite number")
	ErrOutOfRange = errors.New("out of range")
	// MaxAmount is the largest principal or cost accepted, in any currency:
	// 10^20 is ten thousand times the largest loan on record in the
	// smallest-unit currencies (a USD 6 billion loan is about 9·10^16
	// Indonesian rupiah), and leaves room for interest, fees and
	// discounting without overflowing float64.
	MaxAmount          = 1e20
	ErrGrace           = errors.New("grace period must be shorter than maturity")
	ErrPaymentsPerYear = errors.New("payments per year must be 1, 2, 4 or 12")
	ErrPeriods         = errors.New("not a whole number of payment periods")
	ErrProfile         = errors.New("unknown repayment profile")
	ErrShares          = errors.New("shares must be non-negative and sum to 1")
)

// FieldError is a validation error about one field: the project's one
// parse error, [parseerr.Error], with only Field and Err set. Field is the
// snake_case name used in files and JSON ("maturity_years"); callers that
// know where the value came from prefix it ([Prefix]:
// "offers[1].loan.maturity_years"), and readers of files add the file, line
// and column.
type FieldError = parseerr.Error

// Prefix returns err with every FieldError in it renamed to prefix.field.
// Other errors become FieldErrors at prefix ("prefix: err").
func Prefix(prefix string, err error) error {
	if prefix == "" {
		return err
	}
	return parseerr.Prefix(prefix, err)
}

func fieldErr(field string, format string, args ...any) error {
	return parseerr.Fieldf(field, format, args...)
}

// Profile is how principal is repaid after the grace period.
type Profile string

// The repayment profiles.
const (
	// EqualPrincipal repays the same principal every period (EPP, "equal
	// principal payments"; JICA and China Eximbank practice).
	EqualPrincipal Profile = "equal_principal"
	// Annuity pays a level total (interest + principal) every repayment
	// period at the rate in force at commitment.
	Annuity Profile = "annuity"
	// Bullet repays all principal at maturity.
	Bullet Profile = "bullet"
	// Custom repays the shares in [LoanTerms].RepaymentShares.
	Custom Profile = "custom"
)

// ParseProfile accepts the profile names and the CRS-style aliases
// "epp", "level", "lump_sum", "user".
func ParseProfile(s string) (Profile, error) {
	switch strings.ToLower(strings.TrimSpace(strings.ReplaceAll(s, "-", "_"))) {
	case "equal_principal", "epp", "":
		return EqualPrincipal, nil
	case "annuity", "level":
		return Annuity, nil
	case "bullet", "lump_sum":
		return Bullet, nil
	case "custom", "user":
		return Custom, nil
	}
	return "", fmt.Errorf("%w %q (want equal_principal, annuity, bullet or custom)", ErrProfile, s)
}

// LoanTerms are the contractual terms of a loan. Rates and fees are
// decimals per year (0.001 = 0.1 %); durations are years from commitment.
type LoanTerms struct {
	// Principal is the face value committed, in Currency, > 0.
	Principal float64 `json:"principal"`
	// Currency is the ISO 4217 code of the loan.
	Currency string `json:"currency"`
	// Rate is the fixed nominal annual interest rate. Ignored when
	// ReferencePath is set.
	Rate float64 `json:"rate"`
	// ReferencePath makes the loan floating: the rate in loan year y
	// (t in [y, y+1)) is ReferencePath[min(y, len-1)] + Spread. Reference
	// values may be negative (yen LIBOR was in 2016); the all-in rate may not.
	ReferencePath []float64 `json:"reference_path,omitempty"`
	// Spread over the reference rate (floating loans only).
	Spread float64 `json:"spread,omitempty"`
	// MaturityYears is from commitment to the last repayment, grace included.
	MaturityYears float64 `json:"maturity_years"`
	// GraceYears is the period without principal repayment; see the package
	// documentation for where the first repayment falls.
	GraceYears float64 `json:"grace_years"`
	// FirstRepaymentAtGraceEnd puts the first repayment at GraceYears itself
	// rather than one period later (OECD CRS / AidData reading of "grace").
	FirstRepaymentAtGraceEnd bool `json:"first_repayment_at_grace_end,omitempty"`
	// Profile of principal repayment; "" means EqualPrincipal.
	Profile Profile `json:"profile"`
	// RepaymentShares are the shares of principal repaid in each repayment
	// period (Custom only): one per repayment, non-negative, summing to 1.
	RepaymentShares []float64 `json:"repayment_shares,omitempty"`
	// PaymentsPerYear is 1, 2, 4 or 12.
	PaymentsPerYear int `json:"payments_per_year"`
	// FrontEndFee is a one-off fee, a fraction of Principal paid at
	// commitment (AIIB: 0.0025).
	FrontEndFee float64 `json:"front_end_fee,omitempty"`
	// CommitmentFee is an annual rate charged each period on the undisbursed
	// balance (AIIB: 0.0025).
	CommitmentFee float64 `json:"commitment_fee,omitempty"`
	// Disbursement holds the shares of Principal drawn at the start of each
	// loan year (index 0 at commitment). Nil means all at commitment. All
	// drawing must be done by the first repayment.
	Disbursement []float64 `json:"disbursement,omitempty"`
	// GuaranteeRequired: the lender requires a sovereign guarantee.
	GuaranteeRequired bool `json:"guarantee_required"`
	// Tied: procurement is tied to the lender's suppliers.
	Tied bool `json:"tied"`
	// ShareFinanced is the fraction of the project cost the loan covers, in
	// [0, 1]; 0 means not stated.
	ShareFinanced float64 `json:"share_financed,omitempty"`
}

// Floating reports whether the loan has a reference-rate path.
func (t *LoanTerms) Floating() bool { return len(t.ReferencePath) > 0 }

// RateInYear returns the nominal annual rate in force in loan year y ≥ 0.
func (t *LoanTerms) RateInYear(y int) float64 {
	if !t.Floating() {
		return t.Rate
	}
	return t.ReferencePath[min(max(y, 0), len(t.ReferencePath)-1)] + t.Spread
}

// profile returns Profile with the empty value read as EqualPrincipal.
func (t *LoanTerms) profile() Profile {
	if t.Profile == "" {
		return EqualPrincipal
	}
	return t.Profile
}

// Periods returns the number of payment periods a·M, the row of the first
// principal repayment and the number of repayments, for valid terms.
func (t *LoanTerms) Periods() (total, firstRepay, repayments int) {
	a := float64(t.PaymentsPerYear)
	total = int(math.Round(a * t.MaturityYears))
	if t.profile() == Bullet {
		return total, total, 1
	}
	firstRepay = int(math.Round(a * t.GraceYears))
	if !t.FirstRepaymentAtGraceEnd {
		firstRepay++
	}
	return total, firstRepay, total - firstRepay + 1
}

func validPerYear(a int) bool { return a == 1 || a == 2 || a == 4 || a == 12 }

func checkRate(field string, v float64) error {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return &FieldError{Field: field, Err: ErrNotFinite}
	}
	if v < 0 {
		return fieldErr(field, "%w: %g", ErrNegative, v)
	}
	if v > 1 {
		return fieldErr(field, "%w: %g is above 100 %% a year", ErrOutOfRange, v)
	}
	return nil
}

func checkShares(field string, s []float64) error {
	sum := 0.0
	for i, v := range s {
		if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
			return fieldErr(fmt.Sprintf("%s[%d]", field, i), "%w: %v", ErrShares, v)
		}
		sum += v
	}
	if math.Abs(sum-1) > 1e-9 {
		return fieldErr(field, "%w (they sum to %g)", ErrShares, sum)
	}
	return nil
}

// isWhole reports whether x is an integer to within 1e-9.
func isWhole(x float64) bool { return math.Abs(x-math.Round(x)) < 1e-9 }

// ValidateTerms checks the rate, maturity, grace and frequency only: the
// fields the closed-form grant element uses. It allows durations that are
// not whole periods (AidData records such as 21.75 years semi-annual).
func (t *LoanTerms) ValidateTerms() error {
	var errs []error
	if t.Floating() {
		for i, r := range t.ReferencePath {
			f := fmt.Sprintf("reference_path[%d]", i)
			if math.IsNaN(r) || math.IsInf(r, 0) {
				errs = append(errs, &FieldError{Field: f, Err: ErrNotFinite})
			} else if r+t.Spread < 0 {
				errs = append(errs, fieldErr(f, "%w: all-in rate %g + spread %g", ErrNegative, r, t.Spread))
			}
		}
		if math.IsNaN(t.Spread) || math.IsInf(t.Spread, 0) {
			errs = append(errs, &FieldError{Field: "spread", Err: ErrNotFinite})
		}
	} else if err := checkRate("rate", t.Rate); err != nil {
		errs = append(errs, err)
	}
	m, g := t.MaturityYears, t.GraceYears
	maturityOK := false
	switch {
	case math.IsNaN(m) || math.IsInf(m, 0):
		errs = append(errs, &FieldError{Field: "maturity_years", Err: ErrNotFinite})
	case m <= 0 || m > 100:
		errs = append(errs, fieldErr("maturity_years", "%w: %g (want 0 < maturity ≤ 100)", ErrOutOfRange, m))
	default:
		maturityOK = true
	}
	switch {
	case math.IsNaN(g) || math.IsInf(g, 0):
		errs = append(errs, &FieldError{Field: "grace_years", Err: ErrNotFinite})
	case g < 0:
		errs = append(errs, fieldErr("grace_years", "%w: %g", ErrNegative, g))
	// Grace is compared with a valid maturity only: an invalid one has
	// its own error, and a second about it would not make sense.
	case maturityOK && g >= m && t.profile() != Bullet:
		errs = append(errs, fieldErr("grace_years", "%w (grace %g ≥ maturity %g)", ErrGrace, g, m))
	}
	if !validPerYear(t.PaymentsPerYear) {
		errs = append(errs, fieldErr("payments_per_year", "%w, got %d", ErrPaymentsPerYear, t.PaymentsPerYear))
	}
	return errors.Join(errs...)
}

// Validate checks every field and returns all problems found, each a
// [*FieldError] naming the field, joined with errors.Join.
func (t *LoanTerms) Validate() error {
	errs := []error{t.ValidateTerms()}
	add := func(err error) { // nil errors are not kept: valid terms allocate nothing
		if err != nil {
			errs = append(errs, err)
		}
	}
	if math.IsNaN(t.Principal) || math.IsInf(t.Principal, 0) || t.Principal <= 0 {
		add(fieldErr("principal", "%w: %v (want a positive amount)", ErrOutOfRange, t.Principal))
	} else if t.Principal > MaxAmount {
		add(fieldErr("principal", "%w: %v is above %g, the largest amount handled (interest and discounting would overflow)", ErrOutOfRange, t.Principal, MaxAmount))
	}
	if err := CheckCurrency(t.Currency); err != nil {
		add(&FieldError{Field: "currency", Err: err})
	}
	if _, err := ParseProfile(string(t.Profile)); err != nil {
		add(&FieldError{Field: "profile", Err: err})
	}
	for _, f := range []struct {
		name string
		v    float64
	}{{"front_end_fee", t.FrontEndFee}, {"commitment_fee", t.CommitmentFee}} {
		add(checkRate(f.name, f.v))
	}
	if s := t.ShareFinanced; math.IsNaN(s) || s < 0 || s > 1 {
		// The field is a percentage wherever a user writes it (offer files'
		// share_financed_pct, the web form), so the message is in percent.
		add(fieldErr("share_financed", "%w: %v %% (want a percentage from 0 to 100)", ErrOutOfRange, units.PercentOf(s)))
	}
	if errors.Join(errs...) != nil {
		return errors.Join(errs...)
	}
	// Whole periods and shares need valid durations and frequency.
	a := float64(t.PaymentsPerYear)
	if !isWhole(a * t.MaturityYears) {
		add(fieldErr("maturity_years", "%w: %g years at %d payments a year%s", ErrPeriods, t.MaturityYears, t.PaymentsPerYear, hint(t.MaturityYears)))
	}
	if t.profile() != Bullet && !isWhole(a*t.GraceYears) {
		add(fieldErr("grace_years", "%w: %g years at %d payments a year%s", ErrPeriods, t.GraceYears, t.PaymentsPerYear, hint(t.GraceYears)))
	}
	if errors.Join(errs...) != nil {
		return errors.Join(errs...)
	}
	_, first, n := t.Periods()
	if t.profile() == Custom {
		if len(t.RepaymentShares) != n {
			add(fieldErr("repayment_shares", "%w: %d shares for %d repayments", ErrShares, len(t.RepaymentShares), n))
		} else {
			add(checkShares("repayment_shares", t.RepaymentShares))
		}
	} else if len(t.RepaymentShares) > 0 {
		add(fieldErr("repayment_shares", "only for profile custom, not %s", t.profile()))
	}
	if len(t.Disbursement) > 0 {
		add(checkShares("disbursement", t.Disbursement))
		if last := (len(t.Disbursement) - 1) * t.PaymentsPerYear; last > first {
			add(fieldErr("disbursement", "%w: drawing lasts %d years, past the first repayment (period %d)",
				ErrOutOfRange, len(t.Disbursement), first))
		}
	}
	return errors.Join(errs...)
}

// hint suggests a payment frequency that makes years a whole number of
// periods, if one exists.
func hint(years float64) string {
	for _, a := range []int{1, 2, 4, 12} {
		if isWhole(float64(a) * years) {
			return fmt.Sprintf(" (whole at %d a year)", a)
		}
	}
	return ""
}
