package lcc_test

import (
	"context"
	"math"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/infragame/infragame/lcc"
	"github.com/infragame/infragame/mc"
)

func twoOffers(t testing.TB) *lcc.Study {
	t.Helper()
	b, err := os.ReadFile("testdata/two_offers.yaml")
	if err != nil {
		t.Fatal(err)
	}
	st, err := lcc.ParseStudy(b)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func TestSimulateReproducibleAndWorkerIndependent(t *testing.T) {
	st := twoOffers(t)
	ctx := context.Background()
	var calls int
	r1, err := lcc.Simulate(ctx, *st, mc.Options{Runs: 500, Seed: 7, Workers: 1, Progress: func(int) { calls++ }})
	if err != nil {
		t.Fatal(err)
	}
	r4, err := lcc.Simulate(ctx, *st, mc.Options{Runs: 500, Seed: 7, Workers: 4})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(r1, r4) {
		t.Error("results differ between 1 and 4 workers")
	}
	if calls == 0 {
		t.Error("progress never called")
	}
	r2, _ := lcc.Simulate(ctx, *st, mc.Options{Runs: 500, Seed: 8})
	if r2.Alternatives[0].Agency.Mean == r1.Alternatives[0].Agency.Mean {
		t.Error("a different seed gave the same mean")
	}
	// The first 100 runs of a 500-run simulation are those of a 100-run one.
	r100, _ := lcc.Simulate(ctx, *st, mc.Options{Runs: 100, Seed: 7})
	for r := range 100 {
		if r100.PV[r][1] != r1.PV[r][1] {
			t.Fatalf("run %d differs with the number of runs", r)
		}
	}
	d := r1.Differences[0]
	if d.Base != "shinkansen" || d.Alt != "cr400" {
		t.Fatalf("difference %s vs %s", d.Alt, d.Base)
	}
	// Difference statistics are computed run by run.
	var sum float64
	for r := range r1.PV {
		sum += r1.PV[r][1].Agency - r1.PV[r][0].Agency
	}
	near(t, "mean diff", d.Agency.Mean, sum/500, 1e-6*math.Abs(sum/500))
	a := r1.Alternatives[0].Agency
	if !(a.Min <= a.P10 && a.P10 <= a.P50 && a.P50 <= a.P90 && a.P90 <= a.Max) {
		t.Errorf("percentiles out of order: %+v", a)
	}
}

// The Monte Carlo mean of capex ~ triangular(min, mode, max) paid at t=0 is
// the triangular mean (min+mode+max)/3; 20,000 runs put the sample mean
// within 4 standard errors.
func TestSimulateMeanOfTriangular(t *testing.T) {
	st := &lcc.Study{
		Analysis:     lcc.Analysis{Horizon: 1, DiscountRate: 0.03},
		Alternatives: []lcc.Asset{{Name: "a", Capex: 100, ServiceLife: 1}},
		Uncertain:    map[string]mc.Dist{"a.capex": {Kind: mc.Triangular, Min: 80, Mode: 100, Max: 150}},
	}
	r, err := lcc.Simulate(context.Background(), *st, mc.Options{Runs: 20000, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	mean := 110.0
	sd := math.Sqrt((80*80 + 100*100 + 150*150 - 80*100 - 80*150 - 100*150) / 18.0)
	near(t, "mean", r.Alternatives[0].Agency.Mean, mean, 4*sd/math.Sqrt(20000))
	near(t, "sd", r.Alternatives[0].Agency.SD, sd, 0.05*sd)
}

func TestDistributions(t *testing.T) {
	for _, d := range []mc.Dist{
		{Kind: mc.Uniform, Min: 1, Max: 3},
		{Kind: mc.Triangular, Min: 1, Mode: 2, Max: 6},
		{Kind: mc.Normal, Mean: 5, SD: 2},
		{Kind: mc.LogNormal, Mu: 0.5, Sigma: 0.3},
		{Kind: mc.PERT, Min: 1, Mode: 2, Max: 6},
	} {
		if err := d.Validate(); err != nil {
			t.Fatal(err)
		}
		st := &lcc.Study{
			Analysis:     lcc.Analysis{Horizon: 1, DiscountRate: 0},
			Alternatives: []lcc.Asset{{Name: "a", ServiceLife: 1}},
			Uncertain:    map[string]mc.Dist{"a.capex": d},
		}
		r, err := lcc.Simulate(context.Background(), *st, mc.Options{Runs: 20000, Seed: 3})
		if err != nil {
			t.Fatal(err)
		}
		got := r.Alternatives[0].Agency
		near(t, string(d.Kind)+" mean", got.Mean, d.DistMean(), 4*got.SD/math.Sqrt(20000))
	}
	bad := []struct {
		d    mc.Dist
		want string
	}{
		{mc.Dist{Kind: mc.Uniform, Min: 3, Max: 1}, "min 3 > max 1"},
		{mc.Dist{Kind: mc.Triangular, Min: 3, Mode: 2, Max: 1}, "min 3 > max 1"},
		{mc.Dist{Kind: mc.PERT, Min: 1, Mode: 7, Max: 6}, "mode 7 outside"},
		{mc.Dist{Kind: mc.Normal, Mean: 1, SD: -1}, "sd -1 < 0"},
		{mc.Dist{Kind: "beta"}, "unknown distribution"},
	}
	for _, b := range bad {
		if err := b.d.Validate(); err == nil || !strings.Contains(err.Error(), b.want) {
			t.Errorf("%+v: %v, want %q", b.d, err, b.want)
		}
	}
}

func TestSimulateClampsAndCancels(t *testing.T) {
	st := &lcc.Study{
		Analysis:     lcc.Analysis{Horizon: 10, DiscountRate: 0.03},
		Alternatives: []lcc.Asset{{Name: "a", Capex: 1, ServiceLife: 5}},
		Uncertain:    map[string]mc.Dist{"a.service_life": {Kind: mc.Normal, Mean: 1, SD: 5}},
	}
	r, err := lcc.Simulate(context.Background(), *st, mc.Options{Runs: 200, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if r.Clamped["a.service_life"] == 0 {
		t.Error("no clamped draws of a life ~ N(1, 5)")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := lcc.Simulate(ctx, *st, mc.Options{Runs: 100000, Seed: 1}); err == nil {
		t.Error("cancelled simulation returned no error")
	}
	st.Uncertain = map[string]mc.Dist{"a.capx": {Kind: mc.Uniform, Min: 0, Max: 1}}
	if _, err := lcc.Simulate(context.Background(), *st, mc.Options{Runs: 1}); err == nil || !strings.Contains(err.Error(), "valid names") {
		t.Errorf("unknown uncertain name: %v", err)
	}
}
