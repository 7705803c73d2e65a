package tender_test

import (
	"context"
	"math"
	"reflect"
	"testing"

	"github.com/infragame/infragame/lcc"
	"github.com/infragame/infragame/mc"
	"github.com/infragame/infragame/tender"
)

// Lowest price with A's capex ~ U(500, 1500) against B at 1000: A wins
// with probability 1/2 (within 4 standard errors over 4,000 runs), and
// the result is the same on 1 and 3 workers.
func TestSimulateWinProbability(t *testing.T) {
	tt := tender.Tender{
		Analysis: lcc.Analysis{Horizon: 10},
		Host:     tender.Host{DiscountRate: 0.05, Rule: tender.LowestPrice},
		Offers: []tender.Offer{
			{ID: "a", Asset: lcc.Asset{Capex: 1000, ServiceLife: 10}},
			{ID: "b", Asset: lcc.Asset{Capex: 1000, ServiceLife: 10}, Price: 1000},
		},
		Uncertain: map[string]mc.Dist{"offers.a.capex": {Kind: mc.Uniform, Min: 500, Max: 1500}},
	}
	const runs = 4000
	r1, err := tender.Simulate(context.Background(), tt, mc.Options{Runs: runs, Seed: 9, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	r3, err := tender.Simulate(context.Background(), tt, mc.Options{Runs: runs, Seed: 9, Workers: 3})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(r1, r3) {
		t.Error("results depend on the number of workers")
	}
	p := r1.Offers[0].WinProb
	if se := math.Sqrt(0.25 / runs); math.Abs(p-0.5) > 4*se {
		t.Errorf("P(a wins) = %g, want 0.5 ± %g", p, 4*se)
	}
	if got := r1.Offers[0].WinProb + r1.Offers[1].WinProb; got != 1 {
		t.Errorf("win probabilities sum to %g", got)
	}
	// Score of a is minus its price: mean -1000 for U(500, 1500).
	if m := r1.Offers[0].Score.Mean; math.Abs(m+1000) > 4*math.Sqrt(1e6/12/runs) {
		t.Errorf("mean score %g", m)
	}
	tt.Uncertain = map[string]mc.Dist{"offers.c.capex": {Kind: mc.Uniform, Min: 0, Max: 1}}
	if _, err := tender.Simulate(context.Background(), tt, mc.Options{Runs: 10}); err == nil {
		t.Error("unknown uncertain parameter accepted")
	}
}
