package tender

import (
	"errors"
	"fmt"
	"github.com/infragame/infragame/internal/parseerr"
	"strings"

	"github.com/infragame/infragame/internal/pctyaml"
	"github.com/infragame/infragame/lcc"
	"github.com/infragame/infragame/units"
)

// PctFields are the rates and shares of a tender (or case) file, written as
// percentages in fields named with the suffix _pct (host: {discount_rate_pct:
// 5}) or, in files from before that rule, as decimal fractions under the
// names of [File] (host: {discount_rate: 0.05}). Each offer's asset has
// [lcc.AssetPctFields].
func PctFields() []pctyaml.Field {
	f := func(p string, sh pctyaml.Shape, k units.Kind) pctyaml.Field {
		return pctyaml.Field{Path: p, Shape: sh, Kind: k, Checked: true}
	}
	plain := func(p string) pctyaml.Field { return pctyaml.Field{Path: p} }
	s, m := pctyaml.Scalar, pctyaml.Map
	return append([]pctyaml.Field{
		f("analysis.inflation", s, units.GrowthRate),
		f("host.discount_rate", s, units.DiscountRate),
		plain("host.guarantee_cost"), plain("host.tied_penalty"),
		f("observables.sovereign_yield", s, units.DiscountRate),
		f("observables.inflation", s, units.GrowthRate),
		f("observables.public_debt_ratio", s, units.DebtRatio), f("observables.debt_limit", s, units.DebtRatio),
		f("observables.lender_inflation", m, units.GrowthRate),
		f("offers.*.loan.rate", s, units.LoanRate),
		plain("offers.*.loan.front_end_fee"), plain("offers.*.loan.commitment_fee"),
		f("offers.*.share_financed", s, units.Share),
		f("offers.*.fx_drift", s, units.GrowthRate),
		f("offers.*.local_content", s, units.Share),
		f("offers.*.tech_transfer", s, units.Share),
		f("offers.*.control.share", s, units.Share),
		f("contest.host_power", s, units.Share),
		f("contest.consortium.civil_share", s, units.Share),
		plain("contest.consortium.synergy"),
		f("contest.consortium.finance_share", m, units.Share),
	}, pctyaml.Under("offers.*.asset", lcc.AssetPctFields())...)
}

// unusual returns an error for each rate or share of the file that is almost
// certainly on the wrong scale (units.Check; tender files write rates and
// shares as decimal fractions), named by its YAML path so the caller can add
// the line: a loan rate of 2 (200 %), a financed share of 75, a host
// discount rate of 5.
func (f *File) unusual() error {
	var errs []error
	check := func(path string, k units.Kind, v float64) {
		if u := units.Check(k, units.Fraction, v); u != nil {
			errs = append(errs, parseerr.AtField(path, u))
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

// PctParam reads a parameter name written with the suffix _pct, as the
// field of a rate or share is in the file (offers.japan.loan.rate_pct,
// host.discount_rate_pct, discount_rate_pct): it returns the parameter
// without the suffix, whose values are decimal fractions, and pct true, so
// that the caller takes and shows the values in percent. Any other name is
// returned as it is, with pct false (host.shadow_price_pct is then an
// unknown parameter). Host weights and values (host.weights.local_content)
// are not shares.
func PctParam(name string) (base string, pct bool) {
	b, ok := strings.CutSuffix(name, pctyaml.Suffix)
	if !ok || strings.Contains(b, ".weights.") || strings.Contains(b, ".values.") {
		return name, false
	}
	last := b[strings.LastIndexByte(b, '.')+1:]
	for _, f := range PctFields() {
		if p := f.Path; p == last || strings.HasSuffix(p, "."+last) {
			return b, true
		}
	}
	return name, false
}

// ShownParam is how result documents name parameter name and write its
// values: a rate or share (one [PctParam] reads with the suffix _pct) is
// shown as NAME_pct with its values in percent (scale 100:
// offers.japan.share_financed at 0.75 is offers.japan.share_financed_pct
// at 75); anything else as it is (scale 1). Multiply a value by scale
// through [ShowParam], which shifts the decimal point exactly.
func ShownParam(name string) (shown string, pct bool) {
	if base, ok := PctParam(name + pctyaml.Suffix); ok && base == name {
		return name + pctyaml.Suffix, true
	}
	return name, false
}

// ShowParam returns v as [ShownParam] shows it: in percent
// (units.PercentOf) when pct, else unchanged.
func ShowParam(v float64, pct bool) float64 {
	if pct {
		return units.PercentOf(v)
	}
	return v
}
