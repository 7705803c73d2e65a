package auction

import (
	"math"
	"math/rand/v2"
	"testing"
)

// pow must return exactly math.Pow's value: it replaces it in the power
// distribution, whose values reach the CLI's output.
func TestPowMatchesMathPow(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	xs := []float64{1, 0.5, math.Nextafter(1, 0), 1e-300, 5e-324, 0x1p-1000, 0.3, 1e-20, 0.999999}
	for range 20000 {
		xs = append(xs, rng.Float64(), math.Pow(rng.Float64(), 8), math.Exp(-700*rng.Float64()))
	}
	ys := []float64{0, 1, 2, 3, 4, 5, 7, 8, 13, 31, 63, 64, 65, 0.5, 1.5, 2.7, -1, -2}
	for _, x := range append(xs, 0, -0.5, 1.5, math.NaN(), math.Inf(1)) {
		for _, y := range ys {
			got, want := pow(x, y), math.Pow(x, y)
			if math.Float64bits(got) != math.Float64bits(want) && !(math.IsNaN(got) && math.IsNaN(want)) {
				t.Fatalf("pow(%v, %v) = %v, math.Pow %v", x, y, got, want)
			}
		}
	}
}

// empRatio must return exactly Empirical.CDF/Empirical.PDF (as
// shooter.ratioExact computed it before), whichever order the points come
// in, at the knots and between them.
func TestEmpRatioMatchesCDFOverPDF(t *testing.T) {
	for _, d := range []Empirical{
		{X: []float64{0.2, 0.4, 0.7, 1.0}, P: []float64{0, 0.3, 0.8, 1}},
		{X: []float64{0, 1}, P: []float64{0, 1}},
		{X: []float64{-1, 0, 0.5, 2, 3}, P: []float64{0, 0.25, 0.25, 0.9, 1}}, // a flat segment
	} {
		const big = 1e6
		want := func(x float64) float64 {
			f, F := d.PDF(x), d.CDF(x)
			if !(f > 0) {
				return big
			}
			return F / f
		}
		e := &empRatio{x: d.X, p: d.P}
		lo, hi := d.Support()
		rng := rand.New(rand.NewPCG(3, 4))
		xs := append([]float64{hi}, d.X[1:]...)
		for _, x := range d.X[1:] {
			xs = append(xs, math.Nextafter(x, math.Inf(-1)), math.Nextafter(x, math.Inf(1)))
		}
		for range 5000 {
			xs = append(xs, lo+(hi-lo)*rng.Float64())
		}
		for _, x := range xs {
			if !(x > lo && x <= hi) {
				continue
			}
			if got, w := e.ratio(x, big), want(x); math.Float64bits(got) != math.Float64bits(w) {
				t.Fatalf("%v: ratio(%v) = %v, CDF/PDF %v", d, x, got, w)
			}
		}
	}
}

// gk15Sum must write exactly gk15's Kronrod estimate.
func TestGK15SumMatchesGK15(t *testing.T) {
	f := func(x float64, y []float64) {
		y[0], y[1], y[2] = math.Sin(3*x), math.Exp(-x*x), 1/(1.1+x)
	}
	out, buf := make([]float64, 3), make([]float64, 3)
	out2, buf2 := make([]float64, 3), make([]float64, 3)
	for _, ab := range [][2]float64{{0, 1}, {-2, 0.3}, {0.1, 0.1000001}, {5, 2}} {
		gk15(f, ab[0], ab[1], out, buf)
		gk15Sum(f, ab[0], ab[1], out2, buf2)
		for k := range out {
			if math.Float64bits(out[k]) != math.Float64bits(out2[k]) {
				t.Fatalf("[%v, %v] component %d: gk15 %v, gk15Sum %v", ab[0], ab[1], k, out[k], out2[k])
			}
		}
	}
}

// clamp01 keeps math.Max(0, math.Min(1, p))'s values, signed zeros and
// NaN included.
func TestClamp01MatchesMathMaxMin(t *testing.T) {
	for _, p := range []float64{math.NaN(), math.Inf(1), math.Inf(-1), 0, math.Copysign(0, -1), 1, 0.5, -0.5, 1.5, 5e-324, math.Nextafter(1, 2)} {
		got, want := clamp01(p), math.Max(0, math.Min(1, p))
		if math.Float64bits(got) != math.Float64bits(want) && !(math.IsNaN(got) && math.IsNaN(want)) {
			t.Errorf("clamp01(%v) = %v, want %v", p, got, want)
		}
	}
}
