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

// EvaluateAll computes the ranking and the choice estimate beside the
// Monte Carlo unless it has one worker: the whole evaluation is the same on
// 1, 2 and 3 workers (run with -race, it also checks that they share
// nothing they write), and an invalid tender reports the ranking's error.
func TestEvaluateAllDoesNotDependOnWorkers(t *testing.T) {
	f, tt, m := jakartaBandung()
	tt.Uncertain = map[string]mc.Dist{}
	for _, p := range tt.Params() {
		if p.Name == "offers."+tt.Offers[0].ID+".capex" || p.Name == "host.discount_rate" {
			tt.Uncertain[p.Name] = mc.Dist{Kind: mc.Normal, Mean: *p.Ptr, SD: 0.2 * *p.Ptr}
		}
	}
	if len(tt.Uncertain) != 2 {
		t.Fatalf("uncertain inputs %v", tt.Uncertain)
	}
	var ref *tender.Evaluation
	for _, w := range []int{1, 2, 3} {
		ev, err := tender.EvaluateAll(context.Background(), tt, tender.EvaluateOptions{Model: m, Stress: f.HostStress(), Seed: 5, Runs: 500, Workers: w})
		if err != nil {
			t.Fatal(err)
		}
		if ref == nil {
			ref = ev
		} else if !reflect.DeepEqual(ev, ref) {
			t.Errorf("workers %d: evaluation differs from one worker's", w)
		}
	}
	bad := tt.Clone()
	bad.Offers[0].Asset.Capex = -1
	_, want := tender.Evaluate(bad)
	for _, w := range []int{1, 2} {
		_, err := tender.EvaluateAll(context.Background(), bad, tender.EvaluateOptions{Model: m, Runs: 100, Workers: w})
		if want == nil || err == nil || err.Error() != want.Error() {
			t.Errorf("workers %d: error %v, want %v", w, err, want)
		}
	}
}
