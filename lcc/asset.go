package lcc

import (
	"errors"
	"fmt"
	"github.com/infragame/infragame/internal/parseerr"
	"math"
	"strings"

	"github.com/infragame/infragame/mc"
)

// Category is who bears a cost. Categories are reported separately and never
// summed silently (FHWA RealCost reports agency and user costs apart because
// the cheapest alternative can differ by category).
type Category string

const (
	// Agency costs fall on the owner of the asset: capital, O&M, renewals,
	// disaster repair, less residual value.
	Agency Category = "agency"
	// User costs fall on the users: downtime after disasters, user costs per
	// year (travel time, vehicle operation).
	User Category = "user"
	// Host costs fall on the host society outside the agency and the users:
	// CO2 emissions valued at the carbon price.
	Host Category = "host"
)

// Categories lists the cost categories in report order.
var Categories = []Category{Agency, User, Host}

// Analysis holds the project-level settings that must be the same for every
// alternative (FHWA RealCost: analysis period, discount rate; NIST BLCC: study
// period, dollar analysis, discounting convention).
//
// Time 0 is the base date, the start of construction. Amounts are in
// constant prices of the analysis price year.
type Analysis struct {
	// Horizon is the study period in years from the base date (≥ 1), or
	// from opening when FromOpening is set.
	Horizon int
	// FromOpening counts the study period from each alternative's opening
	// (ConstructionYears + Delay) instead of the base date: every
	// alternative is then costed over the same Horizon years of service, so
	// a later opening neither shortens the service costed nor leaves a
	// larger residual value at the end of the study period.
	FromOpening bool
	// DiscountRate is the real discount rate d (decimal, 0.03 = 3 %).
	DiscountRate float64
	// Inflation is the general inflation rate I used in current-dollar
	// analyses (decimal).
	Inflation float64
	// Nominal selects a current-dollar analysis: every constant-price flow
	// paid at time τ is inflated by (1+I)^τ and discounted at the nominal
	// rate (1+d)(1+I)-1. The present values equal those of the constant-
	// dollar analysis (NIST BLCC, DOLLAR_ANALYSIS help text).
	Nominal bool
	// Convention is the discounting convention.
	Convention Convention
	// Currency (ISO 4217) and PriceYear label every amount.
	Currency  string
	PriceYear int
}

// Component is a part of the asset renewed at the end of each service life
// after opening (rolling stock, track, signalling). Its first installation is
// part of the asset's capital cost.
type Component struct {
	Name string
	// Cost of one renewal in constant prices at the base date.
	Cost float64
	// Life in years (> 0).
	Life float64
	// Escalation is the real annual escalation of Cost (decimal).
	Escalation float64
}

// Hazard is a natural hazard with an annual probability of a damaging event.
type Hazard struct {
	Name string
	// Probability of a damaging event per year, in [0, 1].
	Probability float64
	// DamageRatio is the repair cost as a share of the asset value, in [0, 1].
	DamageRatio float64
	// DowntimeDays is the service outage per event, before resilience.
	DowntimeDays float64
}

// Asset is one alternative: an offer's technical content as costs over time.
// Amounts are in the analysis currency and price year; rates are decimals.
type Asset struct {
	Name string
	// Capex is the overnight capital cost, including the first installation
	// of every component.
	Capex float64
	// Phasing gives the share of Capex spent in each of n equal construction
	// periods (sums to 1). Empty means equal shares over
	// max(1, ceil(ConstructionYears)) periods.
	Phasing []float64
	// ConstructionYears is the planned construction time; the asset opens at
	// ConstructionYears + Delay. Zero means the capital cost is paid at the
	// base date and operation starts at once.
	ConstructionYears float64
	// Overrun is the capital cost overrun as a share of Capex (risk input;
	// 0.2 = 20 % over budget). Must be > -1.
	Overrun float64
	// Delay is the opening delay in years (risk input). Capex is spread over
	// the whole, longer construction period.
	Delay float64
	// ServiceLife of the asset excluding components, for the residual value.
	ServiceLife float64
	// OM is the annual operation and maintenance cost; OMEscalation its real
	// annual escalation.
	OM, OMEscalation float64
	Components       []Component
	Hazards          []Hazard
	// Resilience in [0, 1] is the share of hazard damage and downtime avoided
	// by design (seismic detailing, early warning, redundancy).
	Resilience float64
	// DowntimeCost is the user cost per day of outage.
	DowntimeCost float64
	// CO2Construction is the total construction emissions (tCO2), spread like
	// Capex; CO2PerYear the operating emissions (tCO2 per year).
	CO2Construction, CO2PerYear float64
	// CarbonPrice at the base date (currency per tCO2) and its real annual
	// growth: the price for the period ending at t is
	// CarbonPrice·(1+CarbonPriceGrowth)^t.
	CarbonPrice, CarbonPriceGrowth float64
	// UserCost per year of operation (user category) and its real growth.
	UserCost, UserCostGrowth float64
	// Benefit per year of operation (revenue or user benefits, for NPV and
	// EIRR) and its real growth.
	Benefit, BenefitGrowth float64
}

var inf = math.Inf(1)

// MinComponentLife is the shortest component life accepted (years): it
// bounds the number of renewals in a study period.
const MinComponentLife = 0.1

// Params returns the asset's numeric inputs by name: capex,
// construction_years, overrun, delay, service_life, om, om_escalation,
// resilience, downtime_cost, co2_construction, co2_per_year, carbon_price,
// carbon_price_growth, user_cost, user_cost_growth, benefit, benefit_growth,
// components.NAME.{cost,life,escalation} and
// hazards.NAME.{probability,damage_ratio,downtime_days}.
// The pointers alias a's fields, so setting *p.Ptr changes a.
func (a *Asset) Params() []mc.Param {
	ps := []mc.Param{
		{Name: "capex", Ptr: &a.Capex, Lo: 0, Hi: inf},
		{Name: "construction_years", Ptr: &a.ConstructionYears, Lo: 0, Hi: 200},
		{Name: "overrun", Ptr: &a.Overrun, Lo: -1, Hi: inf, LoOpen: true},
		{Name: "delay", Ptr: &a.Delay, Lo: 0, Hi: 200},
		{Name: "service_life", Ptr: &a.ServiceLife, Lo: 0, Hi: inf, LoOpen: true},
		{Name: "om", Ptr: &a.OM, Lo: 0, Hi: inf},
		{Name: "om_escalation", Ptr: &a.OMEscalation, Lo: -1, Hi: inf, LoOpen: true},
		{Name: "resilience", Ptr: &a.Resilience, Lo: 0, Hi: 1},
		{Name: "downtime_cost", Ptr: &a.DowntimeCost, Lo: 0, Hi: inf},
		{Name: "co2_construction", Ptr: &a.CO2Construction, Lo: 0, Hi: inf},
		{Name: "co2_per_year", Ptr: &a.CO2PerYear, Lo: 0, Hi: inf},
		{Name: "carbon_price", Ptr: &a.CarbonPrice, Lo: 0, Hi: inf},
		{Name: "carbon_price_growth", Ptr: &a.CarbonPriceGrowth, Lo: -1, Hi: inf, LoOpen: true},
		{Name: "user_cost", Ptr: &a.UserCost, Lo: 0, Hi: inf},
		{Name: "user_cost_growth", Ptr: &a.UserCostGrowth, Lo: -1, Hi: inf, LoOpen: true},
		{Name: "benefit", Ptr: &a.Benefit, Lo: 0, Hi: inf},
		{Name: "benefit_growth", Ptr: &a.BenefitGrowth, Lo: -1, Hi: inf, LoOpen: true},
	}
	for i := range a.Components {
		c := &a.Components[i]
		p := "components." + c.Name + "."
		ps = append(ps,
			mc.Param{Name: p + "cost", Ptr: &c.Cost, Lo: 0, Hi: inf},
			mc.Param{Name: p + "life", Ptr: &c.Life, Lo: MinComponentLife, Hi: inf},
			mc.Param{Name: p + "escalation", Ptr: &c.Escalation, Lo: -1, Hi: inf, LoOpen: true},
		)
	}
	for i := range a.Hazards {
		h := &a.Hazards[i]
		p := "hazards." + h.Name + "."
		ps = append(ps,
			mc.Param{Name: p + "probability", Ptr: &h.Probability, Lo: 0, Hi: 1},
			mc.Param{Name: p + "damage_ratio", Ptr: &h.DamageRatio, Lo: 0, Hi: 1},
			mc.Param{Name: p + "downtime_days", Ptr: &h.DowntimeDays, Lo: 0, Hi: 366},
		)
	}
	return ps
}

// Params returns the analysis inputs that may vary: discount_rate (> -1)
// and inflation (> -1).
func (an *Analysis) Params() []mc.Param {
	return []mc.Param{
		{Name: "discount_rate", Ptr: &an.DiscountRate, Lo: -1, Hi: inf, LoOpen: true},
		{Name: "inflation", Ptr: &an.Inflation, Lo: -1, Hi: inf, LoOpen: true},
	}
}

// Clone returns a deep copy of a.
func (a Asset) Clone() Asset {
	a.Phasing = append([]float64(nil), a.Phasing...)
	a.Components = append([]Component(nil), a.Components...)
	a.Hazards = append([]Hazard(nil), a.Hazards...)
	return a
}

// Validate checks an analysis: horizon ≥ 1, rates > -1.
func (an *Analysis) Validate() error {
	if an.Horizon < 1 {
		return parseerr.Fieldf("horizon", "must be ≥ 1 year, got %d", an.Horizon)
	}
	if an.Horizon > 1000 {
		return parseerr.Fieldf("horizon", "must be ≤ 1000 years, got %d", an.Horizon)
	}
	for _, p := range an.Params() {
		if err := p.Check(*p.Ptr); err != nil {
			return err
		}
	}
	if an.Convention < EndOfYear || an.Convention > Continuous {
		return parseerr.Fieldf("convention", "unknown %v", an.Convention)
	}
	return nil
}

// Validate checks every input of a against its valid range, the phasing
// shares (non-negative, summing to 1 within 1e-6) and the uniqueness of
// component and hazard names. Errors name the field.
func (a *Asset) Validate() error {
	var errs []error
	for _, p := range a.Params() {
		if err := p.Check(*p.Ptr); err != nil {
			errs = append(errs, err)
		}
	}
	if len(a.Phasing) > 0 {
		s := 0.0
		for i, x := range a.Phasing {
			if x < 0 || math.IsNaN(x) || math.IsInf(x, 0) {
				errs = append(errs, parseerr.Fieldf(fmt.Sprintf("phasing[%d]", i), "must be a share ≥ 0, got %g", x))
			}
			s += x
		}
		if math.Abs(s-1) > 1e-6 {
			errs = append(errs, parseerr.Fieldf("phasing", "shares must sum to 1, got %g", s))
		}
	}
	seen := map[string]bool{}
	for i, c := range a.Components {
		if c.Name == "" || strings.ContainsAny(c.Name, ". ") {
			errs = append(errs, parseerr.Fieldf(fmt.Sprintf("components[%d].name", i), "must be a non-empty name without dots or spaces"))
		} else if seen["c"+c.Name] {
			errs = append(errs, parseerr.Fieldf(fmt.Sprintf("components[%d].name", i), "duplicate %q", c.Name))
		}
		seen["c"+c.Name] = true
	}
	for i, h := range a.Hazards {
		if h.Name == "" || strings.ContainsAny(h.Name, ". ") {
			errs = append(errs, parseerr.Fieldf(fmt.Sprintf("hazards[%d].name", i), "must be a non-empty name without dots or spaces"))
		} else if seen["h"+h.Name] {
			errs = append(errs, parseerr.Fieldf(fmt.Sprintf("hazards[%d].name", i), "duplicate %q", h.Name))
		}
		seen["h"+h.Name] = true
	}
	return errors.Join(errs...)
}
