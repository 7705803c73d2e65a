package lcc

import (
	"fmt"
	"math"
	"strings"
)

// Convention says where within a year a cash flow is assumed to occur, and
// so how it is discounted. The three conventions are those of NIST E3
// (request field timestepComp: END_OF_YEAR, MID_YEAR, CONTINUOUS); NIST BLCC
// uses end-of-year by default and mid-year for MILCON analyses.
type Convention int

const (
	// EndOfYear discounts a flow of year t by 1/(1+d)^t (NIST default).
	EndOfYear Convention = iota
	// MidYear discounts a flow of year t by 1/(1+d)^(t-0.5); flows at
	// t = 0 are not discounted (NIST E3 MidYearPresentValue).
	MidYear
	// Continuous discounts a flow at time t by exp(-d·t), using the
	// discount rate d itself as the force of interest, as NIST E3's
	// ContinuousPresentValue does.
	Continuous
)

// String returns the convention's name as written in files and flags.
func (c Convention) String() string {
	switch c {
	case EndOfYear:
		return "end-of-year"
	case MidYear:
		return "mid-year"
	case Continuous:
		return "continuous"
	}
	return fmt.Sprintf("Convention(%d)", int(c))
}

// ParseConvention reads "end-of-year", "mid-year" or "continuous" (also the
// NIST E3 spellings END_OF_YEAR, MID_YEAR, CONTINUOUS). The empty string is
// end-of-year.
func ParseConvention(s string) (Convention, error) {
	switch strings.ToLower(strings.ReplaceAll(strings.TrimSpace(s), "_", "-")) {
	case "", "end-of-year", "eoy":
		return EndOfYear, nil
	case "mid-year", "mid":
		return MidYear, nil
	case "continuous":
		return Continuous, nil
	}
	return 0, fmt.Errorf("lcc: unknown convention %q (want end-of-year, mid-year or continuous)", s)
}

// SPV is the single present value factor 1/(1+d)^n (NIST Handbook 135;
// ASTM E917 adjunct).
func SPV(d, n float64) float64 { return math.Pow(1+d, -n) }

// UPV is the uniform present value factor for n end-of-year payments of 1:
//
//	UPV = [(1+d)^n - 1] / [d (1+d)^n],  and n when d = 0
//
// (NIST Handbook 135, Table B; 10 CFR 436.16).
func UPV(d float64, n int) float64 {
	if d == 0 {
		return float64(n)
	}
	p := math.Pow(1+d, float64(n))
	return (p - 1) / (d * p)
}

// UPVStar is the modified uniform present value factor for n end-of-year
// payments that start at 1·(1+e) and escalate at rate e:
//
//	UPV* = (1+e)/(d-e) · [1 - ((1+e)/(1+d))^n],  and n when d = e
//
// (NIST Handbook 135; NISTIR 85-3273 annual supplement).
func UPVStar(d, e float64, n int) float64 {
	if d == e {
		return float64(n)
	}
	return (1 + e) / (d - e) * (1 - math.Pow((1+e)/(1+d), float64(n)))
}

// NominalRate converts a real rate to a nominal one with the Fisher relation
// (1+nominal) = (1+real)(1+inflation), as NIST BLCC's
// calculateNominalDiscountRate does.
func NominalRate(real, inflation float64) float64 { return (1+real)*(1+inflation) - 1 }

// RealRate is the inverse of [NominalRate]: (1+nominal)/(1+inflation) - 1.
// The same formula turns a nominal escalation E into a real one,
// e = (E - I)/(1 + I) (Handbook 135, budgetary escalation).
func RealRate(nominal, inflation float64) float64 { return (1+nominal)/(1+inflation) - 1 }

// DiscountFactor is the present value of 1 paid in the year ending at time
// t (years after the base date) under convention c at rate d:
//
//	EndOfYear:  (1+d)^-t
//	MidYear:    (1+d)^-(t-0.5), and 1 when t <= 0.5
//	Continuous: exp(-d t)
func DiscountFactor(d, t float64, c Convention) float64 {
	switch c {
	case MidYear:
		return math.Pow(1+d, -math.Max(0, t-0.5))
	case Continuous:
		return math.Exp(-d * t)
	default:
		return math.Pow(1+d, -t)
	}
}

// AnnuityFactor is the sum of [DiscountFactor] over years 1..n: the present
// value of 1 a year for n years under convention c. With EndOfYear it equals
// [UPV]. Equivalent annual cost is PV / AnnuityFactor.
func AnnuityFactor(d float64, n int, c Convention) float64 {
	if c == EndOfYear {
		return UPV(d, n)
	}
	s := 0.0
	for t := 1; t <= n; t++ {
		s += DiscountFactor(d, float64(t), c)
	}
	return s
}
