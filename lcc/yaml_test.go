package lcc_test

import (
	"strings"
	"testing"

	"github.com/infragame/infragame/lcc"
	"github.com/infragame/infragame/mc"
)

func TestParseStudy(t *testing.T) {
	st := twoOffers(t)
	if got := len(st.Alternatives); got != 2 {
		t.Fatalf("alternatives = %d", got)
	}
	if d, ok := st.Uncertain["shinkansen.capex"]; !ok || d.Kind != mc.PERT {
		t.Errorf("shinkansen.capex distribution = %+v", d)
	}
	// Deterministic value of a PERT without value: its mean (min+4·mode+max)/6.
	near(t, "capex base", st.Alternatives[0].Capex, (5800+4*6200+7500)/6.0, 1e-9)
	// value: overrides the mean.
	near(t, "discount base", st.Analysis.DiscountRate, 0.05, 0)
}

func TestParseStudyErrors(t *testing.T) {
	for _, c := range []struct {
		name, yaml, want string
	}{
		{"unknown field", "analysis: {horizon: 10, discount: 0.03}\n", "unknown field \"discount\""},
		{"negative life", "analysis: {horizon: 10}\nalternatives:\n  - name: a\n    service_life: -4\n", "line 4: a.service_life: must be > 0"},
		{"min>max", "analysis: {horizon: 10}\nalternatives:\n  - name: a\n    service_life: 4\n    capex: {dist: uniform, min: 5, max: 1}\n", "line 5: uniform distribution: min 5 > max 1"},
		{"missing mode", "analysis: {horizon: 10}\nalternatives:\n  - name: a\n    service_life: 4\n    capex: {dist: pert, min: 1, max: 5}\n", "pert distribution needs \"mode\""},
		{"extra key", "analysis: {horizon: 10}\nalternatives:\n  - name: a\n    service_life: 4\n    capex: {dist: normal, mean: 1, sd: 1, min: 0}\n", "takes no \"min\""},
		{"string", "analysis: {horizon: 10}\nalternatives:\n  - name: a\n    capex: lots\n", "want a number"},
		{"convention", "analysis: {horizon: 10, convention: beginning}\nalternatives: [{name: a, service_life: 3}]\n", "unknown convention"},
		{"horizon", "analysis: {horizon: 0}\nalternatives: [{name: a, service_life: 3}]\n", "analysis.horizon: must be ≥ 1"},
		{"no alternatives", "analysis: {horizon: 5}\n", "alternatives: none given"},
		{"duplicate", "analysis: {horizon: 5}\nalternatives: [{name: a, service_life: 3}, {name: a, service_life: 3}]\n", "duplicate \"a\""},
	} {
		_, err := lcc.ParseStudy([]byte(c.yaml))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want %q", c.name, err, c.want)
		}
	}
}

func FuzzParseStudy(f *testing.F) {
	f.Add([]byte("analysis: {horizon: 10, discount_rate: 0.03}\nalternatives: [{name: a, capex: 100, service_life: 20, om: 3}]\n"))
	f.Add([]byte("analysis: {horizon: 10}\nalternatives:\n  - name: a\n    service_life: 4\n    capex: {dist: triangular, min: 1, mode: 2, max: 5}\n"))
	f.Add([]byte("analysis: {horizon: 3, convention: mid-year, dollars: current, inflation: 0.02}\nalternatives: [{name: b, service_life: 1, components: [{name: x, cost: 1, life: 0.5}], hazards: [{name: h, probability: 1, damage_ratio: 1}]}]\n"))
	f.Add([]byte("{"))
	f.Fuzz(func(t *testing.T, b []byte) {
		st, err := lcc.ParseStudy(b)
		if err != nil {
			return
		}
		if st.Analysis.Horizon > 200 {
			return // keep each input fast
		}
		if _, err := st.Evaluate(); err != nil {
			t.Fatalf("parsed study does not evaluate: %v", err)
		}
	})
}

// The previous YAML library panicked on a tagged empty value; the reader must
// return an error instead.
func TestParseStudyMalformedTag(t *testing.T) {
	for _, in := range []string{"alternatives: !0 ", "!0 "} {
		if _, err := lcc.ParseStudy([]byte(in)); err == nil {
			t.Errorf("%q: accepted", in)
		}
	}
}
