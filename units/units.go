// Package units states infragame's convention for rates and shares and
// checks that a value typed by a user is on the scale its field expects.
//
// The convention: rates and shares are percentages. On the command line
// --rate 2 means 2 % a year; in every input file a rate or share is written
// in a field whose name ends in _pct (rate_pct: 2, discount_rate_pct: 5), and
// a field or JSON key whose name ends in _pct is a percentage. Study, tender
// and case files written before that rule give decimal fractions under the
// names without the suffix (discount_rate: 0.05); they are still read, as
// Fraction-scale fields. A parameter (tender breakeven --param, sweep
// specs) that is a rate or share is in percent when named with the suffix
// _pct, a decimal fraction without it.
// Whatever the scale, a value that is almost certainly on the wrong one — a
// discount rate of 5 in a decimal field (500 %), a financed share of 0.75 in
// a percent field (0.75 %), a loan rate of 0.02 % — is refused by [Check]
// with the value the user probably meant, unless the user confirms it
// (Options.AllowUnusual, the --allow-unusual flag).
//
// Thresholds (percent a year unless stated), chosen so that every rate in
// the dataset and the case library passes and the review's wrong-scale
// examples do not:
//
//	loan rate       percent field below 0.05 % (JICA's lowest published
//	                rate is 0.01 %, for which --allow-unusual is needed)
//	                or any field above 30 %
//	discount rate   percent field between 0 and 0.5 %, or any field above 30 %
//	growth rate     any field above 30 % a year in absolute value
//	share           percent field between 0 and 1 %, or above 100 %
//	debt ratio      percent field between 0 and 2 % of GDP, or any field
//	                above 300 % (Japan, the highest in the case library's
//	                sources, is near 260 %: IMF WEO)
package units

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Kind is what a rate or share measures.
type Kind int

// The kinds [Check] knows.
const (
	// LoanRate is a loan's annual interest rate.
	LoanRate Kind = iota
	// DiscountRate is an annual discount rate, real or nominal.
	DiscountRate
	// GrowthRate is an annual escalation, inflation or growth rate.
	GrowthRate
	// Share is a part of a whole: a financed share, a probability, local
	// content.
	Share
	// DebtRatio is public debt, or a limit on it, as a share of GDP: it
	// may exceed 100 %.
	DebtRatio
)

func (k Kind) String() string {
	return [...]string{"loan rate", "discount rate", "growth rate", "share", "debt ratio"}[k]
}

// Scale is how a field writes its value.
type Scale int

// Scales.
const (
	// Percent: 2 means 2 %.
	Percent Scale = iota
	// Fraction: 0.02 means 2 %.
	Fraction
)

// Options are the user's choices about checks.
type Options struct {
	// AllowUnusual accepts values [Check] would refuse as unusual.
	AllowUnusual bool
}

// Allow reports whether opts (at most one is used) accept unusual values.
func Allow(opts []Options) bool { return len(opts) > 0 && opts[0].AllowUnusual }

// Unusual describes a value almost certainly on the wrong scale.
type Unusual struct {
	Kind  Kind
	Scale Scale
	// Value is the number as the user wrote it.
	Value float64
	// Likely is the value the user probably meant, in the field's scale;
	// NaN when there is no obvious candidate.
	Likely float64
}

func (u *Unusual) Error() string {
	asPct := u.Value
	if u.Scale == Fraction {
		asPct = 100 * u.Value
	}
	msg := fmt.Sprintf("%s read as %s %% is unusual for a %s", fmtNum(u.Value), fmtNum(asPct), u.Kind)
	if u.Scale == Fraction {
		msg += " (this field is a decimal fraction: 0.05 is 5 %)"
	} else {
		msg += " (this field is a percentage: 5 is 5 %)"
	}
	if !math.IsNaN(u.Likely) {
		return msg + fmt.Sprintf("; did you mean %s? Pass --allow-unusual to keep it.", fmtNum(u.Likely))
	}
	return msg + ". Pass --allow-unusual to keep it."
}

func fmtNum(x float64) string { return strconv.FormatFloat(x, 'g', 10, 64) }

// Check returns an [Unusual] when v, a value of kind k written in scale s,
// is outside the plausible range stated in the package documentation, and
// nil otherwise (NaN and infinities are left to the caller's range checks).
func Check(k Kind, s Scale, v float64) *Unusual {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	pct := v
	if s == Fraction {
		pct = 100 * v
	}
	u := &Unusual{Kind: k, Scale: s, Value: v, Likely: math.NaN()}
	// In a fraction field, a value a hundred times too big was typed as a
	// percentage; in a percent field, a value a hundred times too small was
	// typed as a fraction.
	likely := func() float64 {
		if s == Fraction {
			return v / 100
		}
		return v * 100
	}
	switch k {
	case LoanRate:
		if pct > 30 {
			if s == Fraction && v >= 1 {
				u.Likely = likely()
			}
			return u
		}
		if s == Percent && pct > 0 && pct < 0.05 {
			u.Likely = likely()
			return u
		}
	case DiscountRate:
		if pct > 30 {
			if s == Fraction && v >= 1 {
				u.Likely = likely()
			}
			return u
		}
		if s == Percent && pct > 0 && pct < 0.5 {
			u.Likely = likely()
			return u
		}
	case GrowthRate:
		if math.Abs(pct) > 30 {
			if s == Fraction && math.Abs(v) >= 1 {
				u.Likely = likely()
			}
			return u
		}
	case DebtRatio:
		if pct > 300 {
			if s == Fraction {
				u.Likely = likely()
			}
			return u
		}
		if s == Percent && pct > 0 && pct < 2 {
			u.Likely = likely()
			return u
		}
	case Share:
		if pct > 100 {
			if s == Fraction {
				u.Likely = likely()
			}
			return u
		}
		if s == Percent && pct > 0 && pct < 1 {
			u.Likely = likely()
			return u
		}
	}
	return nil
}

// KindOf classifies a parameter by the last element of its dotted name
// (analysis.discount_rate, offers.japan.loan.rate, shinkansen.om_escalation):
// discount_rate and sovereign_yield are discount rates; rate and spread
// under a loan are loan rates; inflation, escalation and growth rates are
// growth rates; share_financed, local_content and tech_transfer are shares.
// ok is false for anything else (amounts, years, ratios that may exceed 1).
func KindOf(name string) (k Kind, ok bool) {
	last := name
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		last = name[i+1:]
	}
	switch {
	case last == "discount_rate" || last == "sovereign_yield":
		return DiscountRate, true
	case last == "rate" && strings.Contains(name, "loan"):
		return LoanRate, true
	case last == "inflation" || strings.HasSuffix(last, "escalation") || strings.HasSuffix(last, "_growth"):
		return GrowthRate, true
	case last == "share_financed" || last == "local_content" || last == "tech_transfer":
		return Share, true
	}
	return 0, false
}
