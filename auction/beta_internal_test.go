package auction

import (
	"math"
	"testing"
)

// The closed-form F/f of a beta distribution with integer shapes agrees
// with the incomplete beta function (gonum's mathext.RegIncBeta, through
// Beta.CDF and Beta.PDF) to a few units in the last place of F/f; the
// tolerance 1e-13 relative allows for the rounding of both.
func TestBetaPolyRatio(t *testing.T) {
	for _, d := range []Beta{
		{Alpha: 2, Beta: 3, Low: 0, High: 1.5},
		{Alpha: 1, Beta: 1, Low: -1, High: 2},
		{Alpha: 5, Beta: 1, Low: 0, High: 1},
		{Alpha: 7, Beta: 12, Low: 3, High: 4},
	} {
		p := newBetaPoly(d)
		if p == nil {
			t.Fatalf("%+v: no closed form", d)
		}
		for k := 1; k < 1000; k++ {
			x := d.Low + (d.High-d.Low)*float64(k)/1000
			want := d.CDF(x) / d.PDF(x)
			got := p.ratio(x, math.Inf(1))
			if math.Abs(got-want) > 1e-13*math.Abs(want) {
				t.Errorf("%+v at %g: F/f = %.17g, incomplete beta %.17g", d, x, got, want)
			}
		}
	}
	if newBetaPoly(Beta{Alpha: 2.5, Beta: 3, Low: 0, High: 1}) != nil {
		t.Error("closed form for a non-integer shape")
	}
}

// stepFactor agrees with 0.9·err^(−1/5) clamped to [0.2, 5] (math.Pow)
// to 1e-12 relative, its documented accuracy, over the unclamped range
// and beyond.
func TestStepFactor(t *testing.T) {
	for x := 1e-8; x < 1e5; x *= 1.013 {
		want := math.Min(5, math.Max(0.2, 0.9*math.Pow(x, -0.2)))
		if got := stepFactor(x); math.Abs(got-want) > 1e-12*want {
			t.Fatalf("stepFactor(%g) = %.17g, want %.17g", x, got, want)
		}
	}
	if got := stepFactor(0); got != 5 {
		t.Errorf("stepFactor(0) = %g, want 5", got)
	}
	if got := stepFactor(math.NaN()); got != 0.2 {
		t.Errorf("stepFactor(NaN) = %g, want 0.2", got)
	}
}

// The cached beta density is Beta.PDF to the last bit (ln B computed once
// instead of at every call), inside, at and outside the support, and the
// other methods are Beta's.
func TestBetaCachedPDFBitwise(t *testing.T) {
	for _, d := range []Beta{
		{Alpha: 2, Beta: 3, Low: 0, High: 1.5},
		{Alpha: 0.5, Beta: 0.7, Low: -1, High: 2},
		{Alpha: 5.5, Beta: 1, Low: 0, High: 1},
		{Alpha: 7, Beta: 12.25, Low: 3, High: 4},
	} {
		c, ok := wrapCached(d).(*betaCached)
		if !ok {
			t.Fatalf("%+v: not wrapped", d)
		}
		for k := -10; k <= 1010; k++ {
			x := d.Low + (d.High-d.Low)*float64(k)/1000
			if got, want := c.PDF(x), d.PDF(x); math.Float64bits(got) != math.Float64bits(want) {
				t.Errorf("%+v: PDF(%g) = %.17g, Beta.PDF %.17g", d, x, got, want)
			}
			if c.CDF(x) != d.CDF(x) || c.Survival(x) != d.Survival(x) {
				t.Errorf("%+v: CDF or survival differ at %g", d, x)
			}
		}
		if lo, hi := c.Support(); lo != d.Low || hi != d.High || c.Quantile(0.3) != d.Quantile(0.3) || c.Validate() != nil {
			t.Errorf("%+v: support, quantile or validation differ", d)
		}
	}
}
