package market

import (
	"context"
	"math"
	"strings"
	"testing"

	"github.com/infragame/infragame/mc"
	"github.com/infragame/infragame/units"
)

// The shares, margins and markups a simulation reports (rows, summary
// statistics and the outcomes of sweeps and comparisons) are the model's
// fractions times 100 under names ending in _pct, and nothing else changes:
// each reported value is, bit for bit, units.PercentOf of the fraction the
// model computed (the fraction's digits with the decimal point moved two
// places), the value the outputs had before they were in percent.
func TestPctOutputsAreFractionsTimes100(t *testing.T) {
	sc, err := Named("third-country-joint")
	if err != nil {
		t.Fatal(err)
	}
	short := *sc
	short.End = 2013
	sim, err := New(&short)
	if err != nil {
		t.Fatal(err)
	}
	same := func(what string, got, frac float64) {
		t.Helper()
		if want := units.PercentOf(frac); math.Float64bits(got) != math.Float64bits(want) && !(math.IsNaN(got) && math.IsNaN(want)) {
			t.Errorf("%s = %v, want PercentOf(%v) = %v", what, got, frac, want)
		}
		if math.Abs(got-100*frac) > 1e-12*math.Abs(100*frac) {
			t.Errorf("%s = %v is not 100 × %v", what, got, frac)
		}
	}
	oldName := map[string]bool{"share": true, "margin": true, "markup": true}

	// Rows: the slot values of each year are the fractions.
	ys := sim.RunOne(context.Background(), 9, 2)
	var v [nSlots]float64
	n := 0
	for i := range ys {
		yearValues(&ys[i], &v)
		for _, r := range appendYearRows(nil, "x", 9, 2, &ys[i], &v) {
			if !strings.HasSuffix(r.Metric, "_pct") {
				continue
			}
			if !oldName[strings.TrimSuffix(r.Metric, "_pct")] {
				t.Errorf("unexpected percent metric %s", r.Metric)
			}
			slot := slotIndex()[slotKey{r.Exporter, r.Region, r.Sector, r.Metric}]
			same(r.Metric, r.Value, v[slot])
			n++
		}
	}
	if want := 3 * nE * len(ys); n != want {
		t.Errorf("%d percent rows, want %d (share, margin and markup of %d exporters over %d years)", n, want, nE, len(ys))
	}

	// Summary statistics: the accumulators hold the fractions.
	sum, err := sim.Run(context.Background(), mc.Options{Runs: 12, Seed: 4}, nil)
	if err != nil {
		t.Fatal(err)
	}
	keys := slotKeys()
	n = 0
	for _, st := range sum.Stats() {
		if !strings.HasSuffix(st.Metric, "_pct") {
			continue
		}
		m := &sum.years[st.Year][slotIndex()[slotKey{st.Exporter, st.Region, st.Sector, st.Metric}]]
		if !pctSlot(slotIndex()[slotKey{st.Exporter, st.Region, st.Sector, st.Metric}]) || keys[slotIndex()[slotKey{st.Exporter, st.Region, st.Sector, st.Metric}]].metric != st.Metric {
			t.Fatalf("%+v: not a percent slot", st.Key)
		}
		lo, hi := m.CI95()
		for _, c := range []struct {
			name      string
			got, frac float64
		}{{"mean", st.Mean, m.Mean()}, {"sd", st.SD, m.SD()}, {"ci95_lo", st.Lo95, lo}, {"ci95_hi", st.Hi95, hi}, {"min", st.Min, m.Min}, {"max", st.Max, m.Max}} {
			same(st.Metric+" "+c.name, c.got, c.frac)
		}
		n++
	}
	if n == 0 {
		t.Error("no percent statistics")
	}

	// Outcomes (sweeps, Evaluate, Evaluator) against the fractions that
	// sim compare aggregates.
	pct, frac := Outcomes(ys), fractionOutcomes(ys)
	n = 0
	for i := range pct {
		if pct[i].Name == frac[i].Name {
			if math.Float64bits(pct[i].Value) != math.Float64bits(frac[i].Value) {
				t.Errorf("%s changed: %v, %v", pct[i].Name, pct[i].Value, frac[i].Value)
			}
			continue
		}
		if pct[i].Name != frac[i].Name+"_pct" {
			t.Errorf("output %d: %s, want %s_pct", i, pct[i].Name, frac[i].Name)
		}
		same(pct[i].Name, pct[i].Value, frac[i].Value)
		n++
	}
	if want := 2 * nE; n != want {
		t.Errorf("%d percent outcomes, want %d (share and margin of %d exporters)", n, want, nE)
	}
}
