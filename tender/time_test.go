package tender_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/infragame/infragame/finance"
	"github.com/infragame/infragame/lcc"
	"github.com/infragame/infragame/tender"
)

// randomTender draws a tender of two or three offers with every input that
// moves with time: phasing, O&M with non-negative escalation, renewals,
// hazards, loans on and off budget, guarantees, tying, FX drift, contract
// time, and each discounting convention.
func randomTender(r *rand.Rand) tender.Tender {
	convs := []lcc.Convention{lcc.EndOfYear, lcc.MidYear, lcc.Continuous}
	t := tender.Tender{
		Analysis: lcc.Analysis{Horizon: 10 + r.IntN(60), Inflation: 0.05 * r.Float64(), Convention: convs[r.IntN(3)], Currency: "USD", PriceYear: 2020},
		Host: tender.Host{DiscountRate: 0.15 * r.Float64(), ShadowPrice: 2 * r.Float64(), GuaranteeCost: 0.1 * r.Float64(),
			TiedPenalty: 0.3 * r.Float64(), Rule: tender.FinancingAdjusted},
	}
	for i := range 2 + r.IntN(2) {
		a := lcc.Asset{Capex: 100 + 9900*r.Float64(), ConstructionYears: 0.2 + 10*r.Float64(), Delay: 3 * r.Float64() * float64(r.IntN(2)),
			ServiceLife: 5 + 80*r.Float64(), OM: 100 * r.Float64(), OMEscalation: 0.03 * r.Float64(), Overrun: r.Float64() * float64(r.IntN(2))}
		if r.IntN(2) == 0 {
			a.Components = []lcc.Component{{Name: "c", Cost: a.Capex * 0.2 * r.Float64(), Life: 5 + 30*r.Float64()}}
		}
		if r.IntN(2) == 0 {
			a.Hazards = []lcc.Hazard{{Name: "h", Probability: 0.05 * r.Float64(), DamageRatio: r.Float64()}}
		}
		o := tender.Offer{ID: string(rune('a' + i)), Asset: a, OnBudget: r.IntN(2) == 0, GuaranteeRequired: r.IntN(2) == 0,
			Tied: r.IntN(2) == 0, ContractYears: 4 * r.Float64() * float64(r.IntN(2)), FXDrift: 0.04*r.Float64() - 0.02}
		if r.IntN(4) > 0 {
			m := float64(5 + r.IntN(40))
			o.Loan = &finance.LoanTerms{Currency: "USD", Rate: 0.08 * r.Float64(), MaturityYears: m, GraceYears: float64(r.IntN(int(m) / 2)), PaymentsPerYear: 2}
			o.Share = r.Float64()
		}
		t.Offers = append(t.Offers, o)
	}
	return t
}

// Time has value: making one offer build slower, open later or sign later
// never lowers its host cost and never improves its standing against any
// other offer (the margin of every rival over it never falls).
func TestDelayNeverLowersHostCost(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 2026))
	params := []string{"construction_years", "delay", "contract_years"}
	for k := range 600 {
		base := randomTender(r)
		i := r.IntN(len(base.Offers))
		p := params[r.IntN(len(params))]
		name := "offers." + base.Offers[i].ID + "." + p
		later := base.Clone()
		v, _ := later.Get(name)
		if err := later.Set(name, v+0.01+5*r.Float64()); err != nil {
			t.Fatal(err)
		}
		r0, err0 := tender.Evaluate(base)
		r1, err1 := tender.Evaluate(later)
		if err0 != nil || err1 != nil {
			t.Fatalf("case %d: %v %v", k, err0, err1)
		}
		c0, c1 := costs(r0), costs(r1)
		id := base.Offers[i].ID
		tol := 1e-9 * math.Max(1, math.Abs(c0[id]))
		if c1[id] < c0[id]-tol {
			t.Errorf("case %d: %s %g → %g lowers the host cost %.10g → %.10g", k, name, v, v+0, c0[id], c1[id])
		}
		for j, c := range c0 {
			if j != id && c1[id]-c1[j] < c0[id]-c-tol {
				t.Errorf("case %d: %s improves %s against %s: %.10g → %.10g", k, name, id, j, c0[id]-c, c1[id]-c1[j])
			}
		}
		if len(r0.Warnings)+len(r1.Warnings) > 0 {
			t.Errorf("case %d: default service value gives warnings %v %v", k, r0.Warnings, r1.Warnings)
		}
	}
}

// With a service value below an offer's cost the property fails by design
// and the result says so.
func TestLowServiceValueWarns(t *testing.T) {
	tt := load(t)
	tt.Host.ServiceValue = 1
	r, err := tender.Evaluate(tt)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Warnings) != len(tt.Offers) {
		t.Errorf("warnings %v", r.Warnings)
	}
}

func costs(r tender.Result) map[string]float64 {
	m := map[string]float64{}
	for _, o := range r.Offers {
		m[o.ID] = o.Financing.Total
	}
	return m
}
