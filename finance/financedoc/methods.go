package financedoc

import (
	"errors"
	"math"
	"slices"
	"strings"

	"github.com/infragame/infragame/finance"
)

// Errors of [Methods]; front ends word them with their own names for the
// inputs.
var (
	// ErrNeedIncomeGroup: dac2018 was asked for without the recipient's
	// income group.
	ErrNeedIncomeGroup = errors.New("financedoc: the dac2018 method needs the recipient's income group (ldc, lic, lmic or umic)")
	// ErrNeedDiscount: the user method was asked for without a discount
	// rate.
	ErrNeedDiscount = errors.New("financedoc: the user method needs a discount rate")
	// ErrDiscountUnused: a discount rate was given but no method that takes
	// one (aiddata, user) was asked for.
	ErrDiscountUnused = errors.New("financedoc: a discount rate applies to the aiddata and user methods only")
	// ErrDiscountRange: the discount rate is not above −100 %.
	ErrDiscountRange = errors.New("financedoc: discount rate out of range (want a rate above -100 %)")
)

// Methods resolves spec, "all" ([AllMethods]) or a comma-separated list of
// method names ([finance.ParseMethod]), into grant-element methods, with
// the recipient's income group (may be empty) and a discount rate of one's
// own in percent a year (nil when none is given; aiddata then discounts at
// [AidDataDefaultDiscount]). Each method's parameters are checked
// ([finance.Method.Parameters]).
func Methods(spec string, group finance.IncomeGroup, discountPct *float64) ([]finance.Method, error) {
	var names []finance.MethodName
	if strings.TrimSpace(strings.ToLower(spec)) == "all" {
		names = AllMethods(group != "", discountPct != nil)
	} else {
		for _, s := range strings.Split(spec, ",") {
			n, err := finance.ParseMethod(s)
			if err != nil {
				return nil, err
			}
			names = append(names, n)
		}
	}
	if discountPct != nil {
		if !slices.Contains(names, finance.AidData) && !slices.Contains(names, finance.User) {
			return nil, ErrDiscountUnused
		}
		if d := *discountPct; math.IsNaN(d) || d <= -100 {
			return nil, ErrDiscountRange
		}
	}
	var out []finance.Method
	for _, n := range names {
		md := finance.Method{Name: n}
		switch n {
		case finance.DAC2018:
			if group == "" {
				return nil, ErrNeedIncomeGroup
			}
			md.IncomeGroup = group
		case finance.AidData:
			md.Discount = AidDataDefaultDiscount
			if discountPct != nil {
				md.Discount = *discountPct / 100
			}
		case finance.User:
			if discountPct == nil {
				return nil, ErrNeedDiscount
			}
			md.Discount = *discountPct / 100
		}
		if _, _, err := md.Parameters(); err != nil {
			return nil, err
		}
		out = append(out, md)
	}
	return out, nil
}
