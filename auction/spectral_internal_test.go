package auction

import (
	"math"
	"testing"
)

// The acceptance figures reject an under-resolved series: for uniform
// against power 2 on [0, 1], degree 12 leaves coefficients of order 1e-6
// and residuals of order 1e-6, far above the tolerances, while degree 20
// meets them (the fast path's first degree).
func TestCollocateResolution(t *testing.T) {
	d := []Dist{Uniform{0, 1}, Power{2, 0, 1}}
	var k [2]float64
	var q [2]func(float64) float64
	var konst [2]bool
	for i := range d {
		var ok bool
		if k[i], q[i], konst[i], ok = spectralDist(d[i]); !ok {
			t.Fatalf("%T outside the domain", d[i])
		}
	}
	om := [2]float64{1, 1}
	coarse, why := collocate(0, om, k, q, konst, 12, nil)
	if why != "" {
		t.Fatal(why)
	}
	if coarse.tail <= spectralTailTol || coarse.resid <= spectralResidTol {
		t.Errorf("degree 12 accepted: tail %g, residual %g", coarse.tail, coarse.resid)
	}
	fine, why := collocate(0, om, k, q, konst, 20, nil)
	if why != "" {
		t.Fatal(why)
	}
	if fine.tail > spectralTailTol || fine.resid > spectralResidTol {
		t.Errorf("degree 20 rejected: tail %g, residual %g", fine.tail, fine.resid)
	}
	// Bottom slopes: g_i(0) = 1 + 1/k_j (φ_1 ≈ 1.5 b, φ_2 ≈ 2 b).
	for i, want := range []float64{1.5, 2} {
		if g, _ := chebEval(fine.a[i], 0); g-want > 1e-9 || want-g > 1e-9 {
			t.Errorf("g_%d(0) = %.12g, want %g", i+1, g, want)
		}
	}
	if _, _, _, ok := spectralDist(Beta{2, 3, 0, 1}); ok {
		t.Error("beta accepted")
	}
	if _, _, _, ok := spectralDist(Empirical{X: []float64{0, 1}, P: []float64{0, 1}}); ok {
		t.Error("empirical accepted")
	}
}

// Oracle for the collocation itself: forced on two uniform bidders on
// [0, 1] and [0, 2] it must reproduce the closed form of Griesmer, Levitan
// & Shubik (1967) and Plum (1992), φ_i(b) = 2b/(1 + k_i b²),
// k_i = 1/ω_i² − 1/ω_j², top bid ω₁ω₂/(ω₁+ω₂) = 2/3 (Krishna 2010, §4.3),
// and its statistics (which oracle_test.go checks against an independent
// quadrature).
func TestSpectralPlumOracle(t *testing.T) {
	newEq := func() *equilibrium {
		d := []Dist{Uniform{0, 1}, Uniform{0, 2}}
		return &equilibrium{d: d, r: math.Inf(-1), part: []int{0, 1}, pos: []int{0, 1}, bLow: 0, diag: map[string]float64{}}
	}
	e := newEq()
	if !solveTwoSpectral(e) {
		t.Fatal("collocation rejected the two-uniform case")
	}
	if math.Abs(e.bTop-2.0/3) > 1e-12 {
		t.Errorf("top bid %.15g, want 2/3", e.bTop)
	}
	k := [2]float64{1 - 0.25, 0.25 - 1}
	for i := 0; i < 2; i++ {
		for b := 0.0; b <= 2.0/3; b += 1.0 / 300 {
			want := 2 * b / (1 + k[i]*b*b)
			if got := e.phi(i, b); math.Abs(got-want) > 1e-11 {
				t.Errorf("φ_%d(%g) = %.15g, want %.15g", i+1, b, got, want)
			}
		}
	}
	c := newEq()
	if !solveTwoUniform(c) {
		t.Fatal("closed form not applied")
	}
	got, want := e.stats(), c.stats()
	for i := 0; i < 2; i++ {
		if math.Abs(got.win[i]-want.win[i]) > 1e-11 || math.Abs(got.profit[i]-want.profit[i]) > 1e-11 {
			t.Errorf("bidder %d: win %.15g profit %.15g, closed form %.15g %.15g", i+1, got.win[i], got.profit[i], want.win[i], want.profit[i])
		}
	}
	if math.Abs(got.revenue-want.revenue) > 1e-11 {
		t.Errorf("revenue %.15g, closed form %.15g", got.revenue, want.revenue)
	}
}
