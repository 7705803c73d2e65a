package tender_test

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/infragame/infragame/tender"
)

// sameResult reports whether the Evaluator's result r equals Evaluate's
// want in everything it promises: every number bit for bit, except the
// LCC's cash flows and EIRR, which it does not compute.
func sameResult(t *testing.T, r, want tender.Result) bool {
	t.Helper()
	if r.Rule != want.Rule || r.Winner != want.Winner || r.RunnerUp != want.RunnerUp || r.Margin != want.Margin ||
		len(r.Offers) != len(want.Offers) || strings.Join(r.Warnings, "|") != strings.Join(want.Warnings, "|") {
		t.Errorf("result %+v, want %+v", r, want)
		return false
	}
	for i := range want.Offers {
		g, w := r.Offers[i], want.Offers[i]
		if g.ID != w.ID || g.Rank != w.Rank || g.Score != w.Score || g.Price != w.Price || g.Opening != w.Opening ||
			g.Financing != w.Financing || g.QuasiLinear != w.QuasiLinear || g.LCC.PV != w.LCC.PV || len(g.Criteria) != len(w.Criteria) {
			t.Errorf("offer %d: %+v, want %+v", i, g, w)
			return false
		}
		for k := range w.Criteria {
			if g.Criteria[k] != w.Criteria[k] {
				t.Errorf("offer %d criterion %d: %+v, want %+v", i, k, g.Criteria[k], w.Criteria[k])
				return false
			}
		}
		if len(g.LCC.Items) != len(w.LCC.Items) {
			t.Errorf("offer %d: %d LCC items, want %d", i, len(g.LCC.Items), len(w.LCC.Items))
			return false
		}
		for k := range w.LCC.Items {
			if g.LCC.Items[k] != w.LCC.Items[k] {
				t.Errorf("offer %d item %d: %+v, want %+v", i, k, g.LCC.Items[k], w.LCC.Items[k])
				return false
			}
		}
	}
	return true
}

// The Evaluator agrees with Evaluate, bit for bit, under every rule, on
// 300 random perturbations of the parameters of testdata/three.yaml (each
// but the durations in years, which must stay whole payment periods,
// changed with probability 0.3 by a factor in [0.5, 1.5), clamped to its
// range), one Evaluator reused throughout; at every 50th point a loan's
// grace exceeds its maturity and both return Validate's error.
func TestEvaluatorAgreesWithEvaluate(t *testing.T) {
	base := load(t)
	for _, rule := range tender.Rules {
		tt := base.Clone()
		tt.Host.Rule = rule
		ps := tt.Params()
		orig := make([]float64, len(ps))
		for i, p := range ps {
			orig[i] = *p.Ptr
		}
		var ev tender.Evaluator
		r := rand.New(rand.NewPCG(17, uint64(len(rule))))
		invalid := 0
		for k := range 300 {
			for i, p := range ps {
				if strings.HasPrefix(p.Name, "host.weights.") {
					continue
				}
				v := orig[i]
				// Durations in whole payment periods are kept.
				if r.Float64() < 0.3 && !strings.HasSuffix(p.Name, "_years") {
					v = p.Clamp(v * (0.5 + r.Float64()))
				}
				*p.Ptr = v
			}
			if k%50 == 49 { // an invalid loan: grace longer than maturity
				tt.Offers[0].Loan.GraceYears = tt.Offers[0].Loan.MaturityYears + 1
			}
			want, werr := tender.Evaluate(tt)
			got, gerr := ev.Evaluate(&tt)
			if werr != nil || gerr != nil {
				invalid++
				if werr == nil || gerr == nil || werr.Error() != gerr.Error() {
					t.Fatalf("%s, point %d: error %v, want %v", rule, k, gerr, werr)
				}
				continue
			}
			if !sameResult(t, got, want) {
				t.Fatalf("%s, point %d differs", rule, k)
			}
		}
		if invalid < 6 || invalid > 150 {
			t.Errorf("%s: %d invalid points of 300: the test should see both kinds", rule, invalid)
		}
	}
}

// Once warm, an evaluation allocates nothing, under every rule, when the
// swept values change the loans' terms (so their schedules are rebuilt).
func TestEvaluatorAllocatesNothing(t *testing.T) {
	for _, rule := range tender.Rules {
		tt := load(t)
		tt.Host.Rule = rule
		var ev tender.Evaluator
		if _, err := ev.Evaluate(&tt); err != nil {
			t.Fatal(err)
		}
		k := 0
		n := testing.AllocsPerRun(100, func() {
			k++
			tt.Host.DiscountRate = 0.03 + 0.0001*float64(k%7)
			for i := range tt.Offers {
				if l := tt.Offers[i].Loan; l != nil {
					l.Rate = 0.001 * float64(1+k%5)
				}
			}
			if _, err := ev.Evaluate(&tt); err != nil {
				t.Fatal(err)
			}
		})
		if n != 0 {
			t.Errorf("%s: %v allocations per evaluation", rule, n)
		}
	}
}
