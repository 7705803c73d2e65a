package tender

import (
	"errors"
	"fmt"

	"github.com/infragame/infragame/units"
)

// unusual returns an error for each rate or share of the file that is almost
// certainly on the wrong scale (units.Check; tender files write rates and
// shares as decimal fractions), named by its YAML path so the caller can add
// the line: a loan rate of 2 (200 %), a financed share of 75, a host
// discount rate of 5.
func (f *File) unusual() error {
	var errs []error
	check := func(path string, k units.Kind, v float64) {
		if u := units.Check(k, units.Fraction, v); u != nil {
			errs = append(errs, fmt.Errorf("%s: %w", path, u))
		}
	}
	if f.Host != nil {
		check("host.discount_rate", units.DiscountRate, f.Host.DiscountRate)
	}
	if o := f.Observables; o != nil {
		check("observables.sovereign_yield", units.DiscountRate, o.SovereignYield)
		check("observables.inflation", units.GrowthRate, o.Inflation)
	}
	check("analysis.inflation", units.GrowthRate, f.Analysis.Inflation)
	for i, o := range f.Offers {
		p := fmt.Sprintf("offers[%d]", i)
		if o.Loan != nil {
			check(p+".loan.rate", units.LoanRate, o.Loan.Rate)
		}
		check(p+".share_financed", units.Share, o.Share)
		check(p+".local_content", units.Share, o.LocalContent)
		check(p+".tech_transfer", units.Share, o.TechTransfer)
		a := o.Asset
		for name, n := range map[string]float64{"om_escalation": a.OMEscalation.Value, "carbon_price_growth": a.CarbonPriceGrowth.Value,
			"user_cost_growth": a.UserCostGrowth.Value, "benefit_growth": a.BenefitGrowth.Value} {
			check(p+".asset."+name, units.GrowthRate, n)
		}
	}
	return errors.Join(errs...)
}
