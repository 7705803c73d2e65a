package models

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/infragame/infragame/contest"
	"github.com/infragame/infragame/internal/benchtools/paired"
	"github.com/infragame/infragame/lcc"
	"github.com/infragame/infragame/market"
	"github.com/infragame/infragame/sweep"
	"github.com/infragame/infragame/tender"
)

type rows struct{ r []sweep.Row }

func (w *rows) WriteRow(r *sweep.Row) error {
	c := *r
	c.X = append([]float64(nil), r.X...)
	c.Y = append([]float64(nil), r.Y...)
	w.r = append(w.r, c)
	return nil
}

func runSpec(t *testing.T, m sweep.Model, s *sweep.Spec) []sweep.Row {
	t.Helper()
	p, err := sweep.NewPlan(s)
	if err != nil {
		t.Fatal(err)
	}
	w := &rows{}
	if err := sweep.Run(context.Background(), p, m, sweep.RunOptions{Workers: 2}, w); err != nil {
		t.Fatal(err)
	}
	return w.r
}

func read(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// A tender sweep's rows equal tender.Evaluate of the file with the point's
// values set by Tender.Set.
func TestTenderModel(t *testing.T) {
	data := read(t, "../../tender/testdata/three.yaml")
	m, err := Load(sweep.ModelSpec{Kind: "tender"}, data)
	if err != nil {
		t.Fatal(err)
	}
	s := &sweep.Spec{Model: sweep.ModelSpec{Kind: "tender"}, Design: sweep.DesignSpec{Kind: sweep.Grid, Levels: 3},
		Params: []sweep.ParamSpec{{Name: "host.discount_rate", Range: []float64{0.02, 0.1}}, {Name: "host.weights.price", Range: []float64{0, 3}}}}
	rs := runSpec(t, m, s)
	if len(rs) != 9 {
		t.Fatalf("%d rows", len(rs))
	}
	f, _ := tender.ParseFile(data)
	for _, r := range rs {
		tt, _ := f.Tender()
		if err := tt.Set("host.discount_rate", r.X[0]); err != nil {
			t.Fatal(err)
		}
		if err := tt.Set("host.weights.price", r.X[1]); err != nil {
			t.Fatal(err)
		}
		res, err := tender.Evaluate(tt)
		if err != nil {
			t.Fatal(err)
		}
		if r.Y[0] != res.Margin || m.Outputs()[2] != "score."+tt.Offers[0].ID || r.Y[2] != res.Offers[rank(res, tt.Offers[0].ID)].Score {
			t.Errorf("point %d: row %v, evaluation margin %g", r.PointID, r.Y, res.Margin)
		}
	}
	if _, err := m.Bind([]string{"host.no_such"}); err == nil {
		t.Error("unknown parameter accepted")
	}
}

func rank(r tender.Result, id string) int {
	for i, o := range r.Offers {
		if o.ID == id {
			return i
		}
	}
	return -1
}

// An LCC sweep draws the study's unswept uncertain inputs per run: runs of
// a point differ, and the swept input is held at the point's value.
func TestLCCModel(t *testing.T) {
	data := read(t, "../../examples/lcc/hsr_two_offers.yaml")
	m, err := Load(sweep.ModelSpec{Kind: "lcc"}, data)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(m.Outputs()[0], "shinkansen.") {
		t.Fatalf("outputs %v", m.Outputs())
	}
	s := &sweep.Spec{Model: sweep.ModelSpec{Kind: "lcc"}, Runs: 3, Seed: 2, Design: sweep.DesignSpec{Kind: sweep.LHS, Points: 4},
		Params: []sweep.ParamSpec{{Name: "discount_rate", Range: []float64{0.03, 0.08}}}}
	rs := runSpec(t, m, s)
	if len(rs) != 12 || rs[0].Y[0] == rs[1].Y[0] {
		t.Fatalf("rows %d, runs of point 0 give %g and %g", len(rs), rs[0].Y[0], rs[1].Y[0])
	}
	// Deterministic check: with no uncertainty, the row is lcc.Evaluate.
	st, _ := lcc.ParseStudy(data)
	st.Uncertain = nil
	dm, err := NewLCC(*st)
	if err != nil {
		t.Fatal(err)
	}
	r := runSpec(t, dm, s)[0]
	st.Analysis.DiscountRate = r.X[0]
	res, err := lcc.Evaluate(st.Analysis, st.Alternatives[0])
	if err != nil {
		t.Fatal(err)
	}
	if r.Y[0] != res.PV.Agency || r.Y[4] != res.NPV {
		t.Errorf("row %v, evaluation agency %g npv %g", r.Y, res.PV.Agency, res.NPV)
	}
}

// A contest sweep's rows equal contest.Analyze of the case's setup.
func TestContestModel(t *testing.T) {
	data := read(t, "../../cases/jakarta-bandung-2015.yaml")
	m, err := Load(sweep.ModelSpec{Kind: "contest"}, data)
	if err != nil {
		t.Fatal(err)
	}
	s := &sweep.Spec{Model: sweep.ModelSpec{Kind: "contest"}, Design: sweep.DesignSpec{Kind: sweep.Grid, Levels: 2},
		Params: []sweep.ParamSpec{{Name: "host_power", Range: []float64{0.2, 0.8}}, {Name: "synergy", Range: []float64{0, 0.1}}}}
	rs := runSpec(t, m, s)
	f, _ := tender.ParseFile(data)
	setup, _, err := contest.FromCase(f, tender.DefaultRule)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rs {
		su := setup
		su.HostPower, su.Synergy = r.X[0], r.X[1]
		res, err := contest.Analyze(su)
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(r.Y[0]-res.ExportersGain) != 0 || r.Y[7] != res.Competitive.Exporters[0].WinProbability {
			t.Errorf("point %d: %v vs gain %g", r.PointID, r.Y, res.ExportersGain)
		}
	}
	if _, err := m.Bind([]string{"synergies"}); err == nil || !strings.Contains(err.Error(), "host_power") {
		t.Errorf("unknown parameter: %v", err)
	}
}

// BenchmarkTenderSweep measures points per second of a tender-case sweep
// (the three-offer tender, 4 parameters, Saltelli design, 1 run a point)
// on 1 and 2 workers; rows are discarded. Its "paired" sub-benchmark runs
// the sweep on 1 worker and on 2 alternately and reports the median
// per-pair speed-up (see paired.Speedup).
func BenchmarkTenderSweep(b *testing.B) { benchTenderSweep(b, 256) }

// BenchmarkTenderSweepLarge: the same with 2,048 base points (12,288
// points), long enough (about 0.15 s on one worker) for the two-worker
// speed-up not to be lost in the set-up of a run.
func BenchmarkTenderSweepLarge(b *testing.B) { benchTenderSweep(b, 2048) }

func benchTenderSweep(b *testing.B, points int) {
	data, err := os.ReadFile("../../examples/lcc/tender_three_offers.yaml")
	if err != nil {
		b.Fatal(err)
	}
	m, err := Load(sweep.ModelSpec{Kind: "tender"}, data)
	if err != nil {
		b.Fatal(err)
	}
	s := &sweep.Spec{Model: sweep.ModelSpec{Kind: "tender"}, Seed: 1, Design: sweep.DesignSpec{Kind: sweep.Saltelli, Points: points},
		Params: []sweep.ParamSpec{{Name: "host.discount_rate", Range: []float64{0.02, 0.1}}, {Name: "host.shadow_price", Range: []float64{0, 1}},
			{Name: "offers.quality.loan.rate", Range: []float64{0.001, 0.03}}, {Name: "offers.fast.loan.rate", Range: []float64{0.01, 0.04}}}}
	p, err := sweep.NewPlan(s)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("paired", func(b *testing.B) {
		paired.Speedup(b, func(workers int) {
			if err := sweep.Run(context.Background(), p, m, sweep.RunOptions{Workers: workers}, discard{}); err != nil {
				b.Fatal(err)
			}
		})
	})
	for _, w := range []int{1, 2} {
		b.Run(fmt.Sprintf("workers=%d", w), func(b *testing.B) {
			cpu := cpuTime()
			for b.Loop() {
				if err := sweep.Run(context.Background(), p, m, sweep.RunOptions{Workers: w}, discard{}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(p.Len())*float64(b.N)/b.Elapsed().Seconds(), "points/s")
			reportCPU(b, cpu)
		})
	}
}

type discard struct{}

func (discard) WriteRow(*sweep.Row) error { return nil }

// The market simulation as a sweep model: its outputs are exactly the names
// market.Outcomes returns, a point's row depends only on its source, and a
// parameter that is not a simulation parameter is refused.
func TestSimModel(t *testing.T) {
	m, err := Load(sweep.ModelSpec{Kind: "sim", File: "scenario:baseline"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	sc, err := market.Named("baseline")
	if err != nil {
		t.Fatal(err)
	}
	got, err := market.Evaluate(context.Background(), sc, map[string]float64{"jp.markup": 0.1}, 11, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(m.Outputs()) {
		t.Fatalf("%d outputs named, %d returned", len(m.Outputs()), len(got))
	}
	for _, n := range m.Outputs() {
		if _, ok := got[n]; !ok {
			t.Errorf("output %q not among market.Outcomes", n)
		}
	}
	ev, err := m.Bind([]string{"jp.markup"})
	if err != nil {
		t.Fatal(err)
	}
	row := func() []float64 {
		y := make([]float64, len(m.Outputs()))
		if err := ev.Eval([]float64{0.1}, rand.NewPCG(3, 4), y); err != nil {
			t.Fatal(err)
		}
		return y
	}
	a, b := row(), row()
	for i := range a {
		if a[i] != b[i] && !(math.IsNaN(a[i]) && math.IsNaN(b[i])) {
			t.Fatalf("output %s differs between two evaluations with the same source: %g vs %g", m.Outputs()[i], a[i], b[i])
		}
	}
	if _, err := m.Bind([]string{"no.such.param"}); err == nil {
		t.Error("an unknown parameter was accepted")
	}
}

// A rate or share named NAME_pct is swept in percent: the rows equal those
// of the decimal name over the range a hundred times smaller, to the bit
// (the percentages are converted by moving the decimal point), for tender,
// LCC and contest models.
func TestPercentNames(t *testing.T) {
	for _, c := range []struct {
		kind, file   string
		name         string
		lo, hi       float64
		loPct, hiPct float64
	}{
		{"tender", "../../tender/testdata/three.yaml", "host.discount_rate", 0.02, 0.1, 2, 10},
		{"tender", "../../tender/testdata/three.yaml", "offers.fast.loan.rate", 0.01, 0.04, 1, 4},
		{"lcc", "../../lcc/testdata/two_offers.yaml", "shinkansen.om_escalation", 0, 0.03, 0, 3},
		{"contest", "../../cases/jakarta-bandung-2015.yaml", "synergy", 0, 0.1, 0, 10},
	} {
		m, err := Load(sweep.ModelSpec{Kind: c.kind}, read(t, c.file))
		if err != nil {
			t.Fatal(err)
		}
		spec := func(name string, lo, hi float64) *sweep.Spec {
			return &sweep.Spec{Model: sweep.ModelSpec{Kind: c.kind}, Design: sweep.DesignSpec{Kind: sweep.Grid, Levels: 5},
				Params: []sweep.ParamSpec{{Name: name, Range: []float64{lo, hi}}}}
		}
		dec := runSpec(t, m, spec(c.name, c.lo, c.hi))
		pct := runSpec(t, m, spec(c.name+"_pct", c.loPct, c.hiPct))
		for i := range dec {
			for k := range dec[i].Y {
				if dec[i].Y[k] != pct[i].Y[k] && !(math.IsNaN(dec[i].Y[k]) && math.IsNaN(pct[i].Y[k])) {
					t.Errorf("%s: point %d output %d: %v (decimal) != %v (percent)", c.name, i, k, dec[i].Y[k], pct[i].Y[k])
				}
			}
		}
	}
	m, _ := Load(sweep.ModelSpec{Kind: "tender"}, read(t, "../../tender/testdata/three.yaml"))
	if _, err := m.Bind([]string{"host.shadow_price_pct"}); err == nil {
		t.Error("a _pct name on a parameter that is no rate or share was accepted")
	}
}

// A tender point allocates nothing once the worker's evaluator is warm,
// with parameters swept in percent (_pct, converted to fractions at every
// point) as with decimal ones, so the collector has nothing to do however
// many points a worker evaluates.
func TestTenderPointAllocatesNothing(t *testing.T) {
	m, err := Load(sweep.ModelSpec{Kind: "tender"}, read(t, "../../examples/lcc/tender_three_offers.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, names := range [][]string{
		{"host.discount_rate", "offers.quality.loan.rate"},
		{"host.discount_rate_pct", "offers.quality.loan.rate_pct"},
	} {
		ev, err := m.Bind(names)
		if err != nil {
			t.Fatal(err)
		}
		x := []float64{0.05, 0.012}
		if strings.HasSuffix(names[0], "_pct") {
			x = []float64{5, 1.2}
		}
		y := make([]float64, len(m.Outputs()))
		src := rand.NewPCG(1, 2)
		eval := func() {
			x[0] *= 1.0001 // a new point each time
			if err := ev.Eval(x, src, y); err != nil {
				t.Fatal(err)
			}
		}
		eval()
		if n := testing.AllocsPerRun(100, eval); n != 0 {
			t.Errorf("%v: %v allocations a point, want 0", names, n)
		}
	}
}
