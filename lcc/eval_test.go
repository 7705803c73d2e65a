package lcc_test

import (
	"math"
	"strings"
	"testing"

	"github.com/infragame/infragame/lcc"
)

func spv(d, n float64) float64 { return math.Pow(1+d, -n) }

// Hand-checked small cases. Each want is written out from the NIST
// Handbook 135 cost categories (investment, O&M, replacement, residual) with
// SPV and UPV factors.
func TestEvaluateHandChecked(t *testing.T) {
	an := lcc.Analysis{Horizon: 10, DiscountRate: 0.05}
	upv10 := 7.721734929 // UPV(5 %, 10), P/A table value 7.7217
	cases := []struct {
		name               string
		a                  lcc.Asset
		agency, user, host float64
	}{
		{
			// 1000 at t=0, 10/yr O&M, residual 1000·(20-10)/20 at t=10.
			name:   "investment+om+residual",
			a:      lcc.Asset{Name: "a", Capex: 1000, ServiceLife: 20, OM: 10},
			agency: 1000 + 10*upv10 - 500*spv(0.05, 10),
		},
		{
			// Rolling stock 200, life 4: renewals at 4 and 8; residual of the
			// renewal at 8 is 200·2/4; the rest (800) is half used up.
			name: "renewals",
			a: lcc.Asset{Name: "a", Capex: 1000, ServiceLife: 20, OM: 10,
				Components: []lcc.Component{{Name: "rs", Cost: 200, Life: 4}}},
			agency: 1000 + 10*upv10 + 200*(spv(0.05, 4)+spv(0.05, 8)) - (400+100)*spv(0.05, 10),
		},
		{
			// Two construction years 40/60, opening at 2, 8 operating years,
			// EAL = 0.01·0.5·1000·(1-0.2) = 4/yr; downtime 0.01·30·0.8·1000 =
			// 240/yr (user); CO2 100 t/yr × 50 = 5000/yr (host).
			name: "phased+disaster+co2",
			a: lcc.Asset{Name: "a", Capex: 1000, Phasing: []float64{0.4, 0.6}, ConstructionYears: 2, ServiceLife: 8,
				Hazards:    []lcc.Hazard{{Name: "eq", Probability: 0.01, DamageRatio: 0.5, DowntimeDays: 30}},
				Resilience: 0.2, DowntimeCost: 1000, CO2PerYear: 100, CarbonPrice: 50},
			agency: 400*spv(0.05, 1) + 600*spv(0.05, 2) + 4*(upv10-lcc.UPV(0.05, 2)),
			user:   240 * (upv10 - lcc.UPV(0.05, 2)),
			host:   5000 * (upv10 - lcc.UPV(0.05, 2)),
		},
		{
			// O&M escalating at 2 %: 10·UPV*(5 %, 2 %, 10).
			name:   "escalation",
			a:      lcc.Asset{Name: "a", OM: 10, OMEscalation: 0.02, ServiceLife: 1},
			agency: 10 * lcc.UPVStar(0.05, 0.02, 10),
		},
		{
			// 30 % overrun and 1 year delay: 1300 spread over 2 years.
			name:   "overrun+delay",
			a:      lcc.Asset{Name: "a", Capex: 1000, ConstructionYears: 1, Delay: 1, Overrun: 0.3, ServiceLife: 8},
			agency: 1300 * spv(0.05, 2),
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, err := lcc.Evaluate(an, c.a)
			if err != nil {
				t.Fatal(err)
			}
			near(t, "agency", r.PV.Agency, c.agency, 1e-9*math.Max(1, math.Abs(c.agency)))
			near(t, "user", r.PV.User, c.user, 1e-9*math.Max(1, c.user))
			near(t, "host", r.PV.Host, c.host, 1e-9*math.Max(1, c.host))
			near(t, "EAC", r.EAC.Agency, c.agency/upv10, 1e-9*math.Max(1, math.Abs(c.agency)))
			near(t, "NPV", r.NPV, -(r.PV.Agency + r.PV.User + r.PV.Host), 1e-9)
		})
	}
}

// The overrun-and-delay case with 1 planned year and a 1 year delay spreads
// capex over one 2-year period; with default phasing over one period the
// whole amount is paid at opening. Construction time is continuous: PV
// changes smoothly as construction_years crosses an integer.
func TestConstructionTimeContinuous(t *testing.T) {
	an := lcc.Analysis{Horizon: 30, DiscountRate: 0.04}
	a := lcc.Asset{Name: "a", Capex: 1000, Phasing: []float64{0.5, 0.5}, ServiceLife: 50, OM: 20, Benefit: 100}
	f := func(T float64) lcc.Result {
		b := a.Clone()
		b.ConstructionYears = T
		r, err := lcc.Evaluate(an, b)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	lo, hi := f(3-1e-9), f(3+1e-9)
	near(t, "agency jump at T=3", hi.PV.Agency-lo.PV.Agency, 0, 1e-5)
	near(t, "benefit jump at T=3", hi.Benefits-lo.Benefits, 0, 1e-5)
	// Faster construction means earlier benefits.
	if f(2).Benefits <= f(5).Benefits {
		t.Error("earlier opening should give more PV of benefits")
	}
}

// NIST BLCC: PVs are identical in constant and current dollars when every
// rate is entered consistently (DOLLAR_ANALYSIS help text).
func TestRealNominalEquivalence(t *testing.T) {
	a := lcc.Asset{Name: "a", Capex: 5e9, Phasing: []float64{0.2, 0.3, 0.5}, ConstructionYears: 4.5, ServiceLife: 60,
		OM: 8e7, OMEscalation: 0.01, Components: []lcc.Component{{Name: "rs", Cost: 1e9, Life: 13, Escalation: 0.005}},
		Hazards:    []lcc.Hazard{{Name: "eq", Probability: 0.02, DamageRatio: 0.1, DowntimeDays: 20}},
		Resilience: 0.5, DowntimeCost: 1e6, CO2PerYear: 1e5, CarbonPrice: 40, CarbonPriceGrowth: 0.03, Benefit: 6e8}
	for _, conv := range []lcc.Convention{lcc.EndOfYear, lcc.MidYear, lcc.Continuous} {
		real := lcc.Analysis{Horizon: 50, DiscountRate: 0.04, Inflation: 0.025, Convention: conv}
		nom := real
		nom.Nominal = true
		r1, err1 := lcc.Evaluate(real, a)
		r2, err2 := lcc.Evaluate(nom, a)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		for _, c := range lcc.Categories {
			near(t, conv.String()+" "+string(c), r2.PV.Get(c), r1.PV.Get(c), 1e-9*math.Abs(r1.PV.Get(c)))
		}
		near(t, conv.String()+" benefits", r2.Benefits, r1.Benefits, 1e-9*r1.Benefits)
		// Current-dollar amounts really are inflated.
		if last := r2.Flows[len(r2.Flows)-1]; last.Current <= last.Amount && last.Amount > 0 {
			t.Errorf("%v: current %g ≤ constant %g", conv, last.Current, last.Amount)
		}
	}
}

// Mid-year shifts every flow half a year earlier: a uniform series under
// MidYear equals the end-of-year PV times (1+d)^0.5 (NIST E3
// MidYearPresentValue).
func TestMidYearSeries(t *testing.T) {
	a := lcc.Asset{Name: "a", OM: 1, ServiceLife: 1}
	r, err := lcc.Evaluate(lcc.Analysis{Horizon: 25, DiscountRate: 0.03, Convention: lcc.MidYear}, a)
	if err != nil {
		t.Fatal(err)
	}
	near(t, "mid-year UPV", r.PV.Agency, 17.4131*math.Sqrt(1.03), 1e-3)
}

func TestEIRR(t *testing.T) {
	// -1000 at t=0, +150/yr for 10 years: UPV(r,10) = 1000/150.
	r, err := lcc.Evaluate(lcc.Analysis{Horizon: 10, DiscountRate: 0.05},
		lcc.Asset{Name: "a", Capex: 1000, ServiceLife: 10, Benefit: 150})
	if err != nil {
		t.Fatal(err)
	}
	if r.EIRR == nil {
		t.Fatal("no EIRR")
	}
	near(t, "UPV(EIRR,10)", lcc.UPV(*r.EIRR, 10), 1000.0/150, 1e-8)
	// Hand check: 1.0814^10 = 2.1862, UPV(8.14 %, 10) = 6.666 ≈ 1000/150.
	near(t, "EIRR", *r.EIRR, 0.0814, 5e-5)
	r2, _ := lcc.Evaluate(lcc.Analysis{Horizon: 10, DiscountRate: 0.05}, lcc.Asset{Name: "a", Capex: 1000, ServiceLife: 10})
	if r2.EIRR != nil {
		t.Errorf("EIRR without benefits = %g, want none", *r2.EIRR)
	}
}

func TestValidateErrors(t *testing.T) {
	for _, c := range []struct {
		name string
		a    lcc.Asset
		want string
	}{
		{"negative life", lcc.Asset{Name: "a", ServiceLife: -3}, "service_life: must be > 0"},
		{"component life", lcc.Asset{Name: "a", ServiceLife: 1, Components: []lcc.Component{{Name: "rs", Life: 0}}}, "components.rs.life: must be ≥ 0.1"},
		{"resilience", lcc.Asset{Name: "a", ServiceLife: 1, Resilience: 1.5}, "resilience: must be ≤ 1"},
		{"phasing", lcc.Asset{Name: "a", ServiceLife: 1, Phasing: []float64{0.5, 0.6}}, "phasing: shares must sum to 1"},
		{"probability", lcc.Asset{Name: "a", ServiceLife: 1, Hazards: []lcc.Hazard{{Name: "f", Probability: 2}}}, "hazards.f.probability: must be ≤ 1"},
		{"nan", lcc.Asset{Name: "a", ServiceLife: 1, OM: math.NaN()}, "om: not a finite number"},
	} {
		_, err := lcc.Evaluate(lcc.Analysis{Horizon: 10, DiscountRate: 0.03}, c.a)
		if err == nil || !contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want %q", c.name, err, c.want)
		}
	}
	if _, err := lcc.Evaluate(lcc.Analysis{Horizon: 0}, lcc.Asset{ServiceLife: 1}); err == nil || !contains(err.Error(), "horizon") {
		t.Errorf("horizon 0: %v", err)
	}
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }
