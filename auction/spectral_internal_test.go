package auction

import "testing"

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
