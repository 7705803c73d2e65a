package tender_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/infragame/infragame/tender"
)

// binarySets builds n two-offer contests in which only the conditions
// feature differs (1 against 0) and the offer with conditions is chosen k
// times.
func binarySets(n, k int) []tender.ChoiceSet {
	var sets []tender.ChoiceSet
	for i := range n {
		x := [][]float64{make([]float64, tender.NumFeatures), make([]float64, tender.NumFeatures)}
		x[0][tender.FeatConditions] = 1
		c := 1
		if i < k {
			c = 0
		}
		sets = append(sets, tender.ChoiceSet{ID: fmt.Sprint(i), Offers: []string{"a", "b"}, X: x, Chosen: c})
	}
	return sets
}

// With one binary attribute the conditional logit is a binomial logit with
// the closed-form maximum likelihood estimate β = ln(k/(n-k)) and Fisher
// information n·p(1-p), p = k/n (e.g. Agresti, Categorical Data Analysis,
// 3rd ed., 2013, §4.1: the ML fit of a saturated logit reproduces the
// sample proportion).
func TestFitChoiceClosedForm(t *testing.T) {
	n, k := 40, 29
	m, err := tender.FitChoiceWith(binarySets(n, k), math.Inf(1))
	if err != nil {
		t.Fatal(err)
	}
	p := float64(k) / float64(n)
	if want := math.Log(p / (1 - p)); math.Abs(m.Beta[tender.FeatConditions]-want) > 1e-6 {
		t.Errorf("β = %.10g, want %.10g", m.Beta[tender.FeatConditions], want)
	}
	if want := 1 / math.Sqrt(float64(n)*p*(1-p)); math.Abs(m.SE[tender.FeatConditions]-want) > 1e-6 {
		t.Errorf("s.e. = %.10g, want %.10g", m.SE[tender.FeatConditions], want)
	}
	for f, a := range m.Active {
		if a != (f == tender.FeatConditions) {
			t.Errorf("feature %d active = %v", f, a)
		}
	}
	// The prior shrinks the estimate towards 0 but keeps its sign.
	mp, err := tender.FitChoice(binarySets(n, k))
	if err != nil {
		t.Fatal(err)
	}
	if b := mp.Beta[tender.FeatConditions]; !(b > 0 && b < m.Beta[tender.FeatConditions]) {
		t.Errorf("penalised β = %g, want in (0, %g)", b, m.Beta[tender.FeatConditions])
	}
	// Separation: every contest picks the offer with conditions. Plain ML
	// has no finite estimate; the prior gives one.
	if mp, err := tender.FitChoice(binarySets(10, 10)); err != nil || !(mp.Beta[tender.FeatConditions] > 0) || math.IsInf(mp.Beta[tender.FeatConditions], 0) {
		t.Errorf("separated data: β = %g, err %v", mp.Beta[tender.FeatConditions], err)
	}
}

func TestProbabilityIntervalsSeeded(t *testing.T) {
	m, err := tender.FitChoice(binarySets(30, 20))
	if err != nil {
		t.Fatal(err)
	}
	x := binarySets(1, 0)[0].X
	a, err := m.ProbabilityIntervals(x, 500, rand.New(rand.NewPCG(7, 0)))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := m.ProbabilityIntervals(x, 500, rand.New(rand.NewPCG(7, 0)))
	for i := range a {
		if a[i] != b[i] {
			t.Errorf("same seed, different intervals: %+v %+v", a[i], b[i])
		}
		if !(a[i].P05 <= a[i].P50 && a[i].P50 <= a[i].P95 && a[i].P05 < a[i].P95) {
			t.Errorf("interval out of order: %+v", a[i])
		}
	}
	if s := a[0].P + a[1].P; math.Abs(s-1) > 1e-12 {
		t.Errorf("probabilities sum to %g", s)
	}
}

// The value found for a target probability gives that probability.
func TestProbabilityTarget(t *testing.T) {
	tt := load(t)
	sets := binarySets(30, 10) // conditions are disliked
	for i := range sets {
		sets[i].X[0][tender.FeatLogCost] = 0.1 * float64(i%3)
	}
	m, err := tender.FitChoice(sets)
	if err != nil {
		t.Fatal(err)
	}
	vals, err := tender.ProbabilityTarget(tt, 0, &m, "fast", "offers.fast.capex", 1000, 20000, 0.3, 100)
	if err != nil {
		t.Fatal(err)
	}
	if len(vals) == 0 {
		t.Fatal("no value found")
	}
	c := tt.Clone()
	if err := c.Set("offers.fast.capex", vals[0]); err != nil {
		t.Fatal(err)
	}
	_, x, err := tender.TenderFeatures(c, 0)
	if err != nil {
		t.Fatal(err)
	}
	if p := m.Probabilities(x)[1]; math.Abs(p-0.3) > 1e-6 {
		t.Errorf("p(fast) at %g = %g, want 0.3", vals[0], p)
	}
}

// Two offers: the second costs 10 % more and carries lender conditions.
func ExampleChoiceProbabilities() {
	costs := []float64{1000, 1100}
	terms := []tender.Terms{{}, {Conditions: 1}}
	beta := make([]float64, tender.NumFeatures)
	beta[tender.FeatLogCost], beta[tender.FeatConditions] = -10, -1
	p := tender.ChoiceProbabilities(beta, tender.Features(costs, terms))
	fmt.Printf("%.4f %.4f\n", p[0], p[1])
	// Hand check: utilities 0 and -10·ln 1.1 - 1 = -1.9531; p₂ = 1/(1+e^1.9531) = 0.1242.
	// Output:
	// 0.8758 0.1242
}

// The fast path a market simulation calls per contest.
func BenchmarkChoiceProbabilities(b *testing.B) {
	costs := []float64{1000, 1100, 1250}
	terms := []tender.Terms{{}, {Conditions: 1}, {Control: 0.4}}
	beta := []float64{-1.2, -1.5, -1.1, 0, 0}
	x := tender.Features(costs, terms)
	for b.Loop() {
		tender.ChoiceProbabilities(beta, x)
	}
}
