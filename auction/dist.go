package auction

import (
	"errors"
	"fmt"
	"math"
	"sort"

	"gonum.org/v1/gonum/mathext"
)

// Dist is the distribution of a bidder's private type (a value in the value
// form, a cost in the procurement form). It must be continuous with a
// bounded support [lo, hi], lo < hi, and a density that is positive on the
// interior of the support.
type Dist interface {
	// CDF returns P(X ≤ x).
	CDF(x float64) float64
	// Survival returns P(X > x) = 1 − CDF(x), computed without cancellation.
	Survival(x float64) float64
	// PDF returns the density at x.
	PDF(x float64) float64
	// Quantile returns the smallest x with CDF(x) ≥ p, for p in [0, 1].
	Quantile(p float64) float64
	// Support returns the bounds of the support.
	Support() (lo, hi float64)
	// Validate reports whether the parameters describe a distribution with
	// a non-empty bounded support.
	Validate() error
}

// ErrEmptySupport is returned by Validate when a distribution's support is
// empty or degenerate (low ≥ high).
var ErrEmptySupport = errors.New("auction: empty support (low must be below high)")

func checkInterval(lo, hi float64) error {
	if math.IsNaN(lo) || math.IsNaN(hi) || math.IsInf(lo, 0) || math.IsInf(hi, 0) {
		return fmt.Errorf("auction: support bounds must be finite, got [%g, %g]", lo, hi)
	}
	if !(lo < hi) {
		return fmt.Errorf("%w: [%g, %g]", ErrEmptySupport, lo, hi)
	}
	return nil
}

// clamp01 clamps p to [0, 1] (NaN stays NaN, −0 becomes +0). The
// built-in min and max give math.Min and math.Max's values here (they
// differ only when one argument is infinite and the other NaN) and are
// compiled inline, where math.Max and math.Min are calls on amd64.
func clamp01(p float64) float64 { return max(0, min(1, p)) }

// Uniform is the uniform distribution on [Low, High]:
// F(x) = (x − Low)/(High − Low).
type Uniform struct{ Low, High float64 }

// CDF implements [Dist].
func (u Uniform) CDF(x float64) float64 { return clamp01((x - u.Low) / (u.High - u.Low)) }

// Survival implements [Dist].
func (u Uniform) Survival(x float64) float64 { return clamp01((u.High - x) / (u.High - u.Low)) }

// PDF implements [Dist].
func (u Uniform) PDF(x float64) float64 {
	if x < u.Low || x > u.High {
		return 0
	}
	return 1 / (u.High - u.Low)
}

// Quantile implements [Dist].
func (u Uniform) Quantile(p float64) float64 { return u.Low + clamp01(p)*(u.High-u.Low) }

// Support implements [Dist].
func (u Uniform) Support() (float64, float64) { return u.Low, u.High }

// Validate implements [Dist].
func (u Uniform) Validate() error { return checkInterval(u.Low, u.High) }

// Power is the power distribution on [Low, High] with
// F(x) = ((x − Low)/(High − Low))^Exponent, Exponent > 0. Exponent 1 is the
// uniform distribution; a larger exponent puts more mass near High (a
// stronger bidder in the value form).
type Power struct{ Exponent, Low, High float64 }

// CDF implements [Dist].
func (d Power) CDF(x float64) float64 {
	t := clamp01((x - d.Low) / (d.High - d.Low))
	return pow(t, d.Exponent)
}

// Survival implements [Dist].
func (d Power) Survival(x float64) float64 {
	t := clamp01((x - d.Low) / (d.High - d.Low))
	// 1 − t^k = −expm1(k log t), accurate when t is near 1.
	if t == 0 {
		return 1
	}
	return -math.Expm1(d.Exponent * math.Log(t))
}

// PDF implements [Dist].
func (d Power) PDF(x float64) float64 {
	if x < d.Low || x > d.High {
		return 0
	}
	w := d.High - d.Low
	return d.Exponent / w * pow((x-d.Low)/w, d.Exponent-1)
}

// pow returns math.Pow(x, y), the same value, and faster for a small
// integer y and x in (0, 1]: math.Pow takes x^y for an integer y by
// repeated squaring of x's mantissa, x = x₁·2^e, and scales the product
// by 2^(y·e) at the end; the same squarings and products of x itself
// round alike (multiplying by a power of 2 is exact) as long as no
// intermediate value is subnormal, and every intermediate lies between
// x^y and 1, so a result of at least 2^−1000 is exact. (math.Pow took a
// fifth of the statistics of a power-2 bidder.)
func pow(x, y float64) float64 {
	if !(x > 0 && x <= 1 && y >= 0 && y <= 64) || y != math.Trunc(y) {
		return math.Pow(x, y)
	}
	r, q := 1.0, x
	for i := int(y); i != 0; i >>= 1 {
		if i&1 == 1 {
			r *= q
		}
		q *= q
	}
	if !(r >= 0x1p-1000) {
		return math.Pow(x, y)
	}
	return r
}

// Quantile implements [Dist].
func (d Power) Quantile(p float64) float64 {
	return d.Low + (d.High-d.Low)*math.Pow(clamp01(p), 1/d.Exponent)
}

// Support implements [Dist].
func (d Power) Support() (float64, float64) { return d.Low, d.High }

// Validate implements [Dist].
func (d Power) Validate() error {
	if !(d.Exponent > 0) || math.IsInf(d.Exponent, 0) {
		return fmt.Errorf("auction: power exponent must be positive and finite, got %g", d.Exponent)
	}
	return checkInterval(d.Low, d.High)
}

// stdNormCDF is Φ(z), stdNormSF is 1 − Φ(z), both via erfc for accuracy in
// the tails.
func stdNormCDF(z float64) float64 { return 0.5 * math.Erfc(-z/math.Sqrt2) }
func stdNormSF(z float64) float64  { return 0.5 * math.Erfc(z/math.Sqrt2) }
func stdNormPDF(z float64) float64 { return math.Exp(-0.5*z*z) / math.Sqrt(2*math.Pi) }

// truncStd is a standard normal truncated to [a, b] (in z units).
type truncStd struct{ a, b float64 }

func (t truncStd) mass() (z float64, upper bool) {
	// Choose the representation with less cancellation.
	if t.a > 0 {
		return stdNormSF(t.a) - stdNormSF(t.b), true
	}
	return stdNormCDF(t.b) - stdNormCDF(t.a), false
}

func (t truncStd) cdf(z float64) float64 {
	if z <= t.a {
		return 0
	}
	if z >= t.b {
		return 1
	}
	m, upper := t.mass()
	if upper {
		return clamp01((stdNormSF(t.a) - stdNormSF(z)) / m)
	}
	return clamp01((stdNormCDF(z) - stdNormCDF(t.a)) / m)
}

func (t truncStd) sf(z float64) float64 {
	if z <= t.a {
		return 1
	}
	if z >= t.b {
		return 0
	}
	m, upper := t.mass()
	if upper {
		return clamp01((stdNormSF(z) - stdNormSF(t.b)) / m)
	}
	return clamp01((stdNormCDF(t.b) - stdNormCDF(z)) / m)
}

func (t truncStd) pdf(z float64) float64 {
	if z < t.a || z > t.b {
		return 0
	}
	m, _ := t.mass()
	return stdNormPDF(z) / m
}

func (t truncStd) quantile(p float64) float64 {
	p = clamp01(p)
	m, upper := t.mass()
	var z float64
	if upper {
		q := stdNormSF(t.a) - p*m // = SF(z)
		z = math.Sqrt2 * math.Erfcinv(2*q)
	} else {
		q := stdNormCDF(t.a) + p*m // = Φ(z)
		z = -math.Sqrt2 * math.Erfcinv(2*q)
	}
	return math.Max(t.a, math.Min(t.b, z))
}

// TruncNormal is the normal distribution N(Mu, Sigma²) truncated to
// [Low, High].
type TruncNormal struct{ Mu, Sigma, Low, High float64 }

func (d TruncNormal) std() truncStd {
	return truncStd{(d.Low - d.Mu) / d.Sigma, (d.High - d.Mu) / d.Sigma}
}

// CDF implements [Dist].
func (d TruncNormal) CDF(x float64) float64 { return d.std().cdf((x - d.Mu) / d.Sigma) }

// Survival implements [Dist].
func (d TruncNormal) Survival(x float64) float64 { return d.std().sf((x - d.Mu) / d.Sigma) }

// PDF implements [Dist].
func (d TruncNormal) PDF(x float64) float64 { return d.std().pdf((x-d.Mu)/d.Sigma) / d.Sigma }

// Quantile implements [Dist].
func (d TruncNormal) Quantile(p float64) float64 { return d.Mu + d.Sigma*d.std().quantile(p) }

// Support implements [Dist].
func (d TruncNormal) Support() (float64, float64) { return d.Low, d.High }

// Validate implements [Dist].
func (d TruncNormal) Validate() error {
	if !(d.Sigma > 0) || math.IsInf(d.Sigma, 0) || math.IsNaN(d.Mu) || math.IsInf(d.Mu, 0) {
		return fmt.Errorf("auction: normal needs finite mu and positive sigma, got mu=%g sigma=%g", d.Mu, d.Sigma)
	}
	if err := checkInterval(d.Low, d.High); err != nil {
		return err
	}
	if m, _ := d.std().mass(); !(m > 1e-300) {
		return fmt.Errorf("%w: [%g, %g] carries no probability under N(%g, %g²)", ErrEmptySupport, d.Low, d.High, d.Mu, d.Sigma)
	}
	return nil
}

// TruncLogNormal is the log-normal distribution (log X ~ N(Mu, Sigma²))
// truncated to [Low, High], 0 ≤ Low < High.
type TruncLogNormal struct{ Mu, Sigma, Low, High float64 }

func (d TruncLogNormal) std() truncStd {
	a := math.Inf(-1)
	if d.Low > 0 {
		a = (math.Log(d.Low) - d.Mu) / d.Sigma
	}
	return truncStd{a, (math.Log(d.High) - d.Mu) / d.Sigma}
}

func (d TruncLogNormal) z(x float64) float64 {
	if x <= 0 {
		return math.Inf(-1)
	}
	return (math.Log(x) - d.Mu) / d.Sigma
}

// CDF implements [Dist].
func (d TruncLogNormal) CDF(x float64) float64 { return d.std().cdf(d.z(x)) }

// Survival implements [Dist].
func (d TruncLogNormal) Survival(x float64) float64 { return d.std().sf(d.z(x)) }

// PDF implements [Dist].
func (d TruncLogNormal) PDF(x float64) float64 {
	if x <= 0 || x < d.Low || x > d.High {
		return 0
	}
	return d.std().pdf(d.z(x)) / (d.Sigma * x)
}

// Quantile implements [Dist].
func (d TruncLogNormal) Quantile(p float64) float64 {
	x := math.Exp(d.Mu + d.Sigma*d.std().quantile(p))
	return math.Max(d.Low, math.Min(d.High, x))
}

// Support implements [Dist].
func (d TruncLogNormal) Support() (float64, float64) { return d.Low, d.High }

// Validate implements [Dist].
func (d TruncLogNormal) Validate() error {
	if !(d.Sigma > 0) || math.IsInf(d.Sigma, 0) || math.IsNaN(d.Mu) || math.IsInf(d.Mu, 0) {
		return fmt.Errorf("auction: lognormal needs finite mu and positive sigma, got mu=%g sigma=%g", d.Mu, d.Sigma)
	}
	if d.Low < 0 {
		return fmt.Errorf("auction: lognormal support must be non-negative, got low=%g", d.Low)
	}
	if err := checkInterval(d.Low, d.High); err != nil {
		return err
	}
	if m, _ := d.std().mass(); !(m > 1e-300) {
		return fmt.Errorf("%w: [%g, %g] carries no lognormal probability", ErrEmptySupport, d.Low, d.High)
	}
	return nil
}

// Beta is the beta distribution with shape parameters Alpha, Beta > 0,
// rescaled to [Low, High]: F(x) = I_{(x−Low)/(High−Low)}(Alpha, Beta), the
// regularised incomplete beta function.
type Beta struct{ Alpha, Beta, Low, High float64 }

func (d Beta) t(x float64) float64 { return clamp01((x - d.Low) / (d.High - d.Low)) }

// CDF implements [Dist].
func (d Beta) CDF(x float64) float64 {
	t := d.t(x)
	if t <= 0 {
		return 0
	}
	if t >= 1 {
		return 1
	}
	return mathext.RegIncBeta(d.Alpha, d.Beta, t)
}

// Survival implements [Dist].
func (d Beta) Survival(x float64) float64 {
	t := d.t(x)
	if t <= 0 {
		return 1
	}
	if t >= 1 {
		return 0
	}
	// I_t(a, b) = 1 − I_{1−t}(b, a).
	return mathext.RegIncBeta(d.Beta, d.Alpha, 1-t)
}

// PDF implements [Dist].
func (d Beta) PDF(x float64) float64 {
	if x < d.Low || x > d.High {
		return 0
	}
	t := d.t(x)
	lp := (d.Alpha-1)*math.Log(t) + (d.Beta-1)*math.Log1p(-t) - mathext.Lbeta(d.Alpha, d.Beta)
	return math.Exp(lp) / (d.High - d.Low)
}

// Quantile implements [Dist].
func (d Beta) Quantile(p float64) float64 {
	p = clamp01(p)
	if p == 0 {
		return d.Low
	}
	if p == 1 {
		return d.High
	}
	return d.Low + (d.High-d.Low)*mathext.InvRegIncBeta(d.Alpha, d.Beta, p)
}

// Support implements [Dist].
func (d Beta) Support() (float64, float64) { return d.Low, d.High }

// Validate implements [Dist].
func (d Beta) Validate() error {
	if !(d.Alpha > 0) || !(d.Beta > 0) || math.IsInf(d.Alpha, 0) || math.IsInf(d.Beta, 0) {
		return fmt.Errorf("auction: beta shapes must be positive and finite, got alpha=%g beta=%g", d.Alpha, d.Beta)
	}
	return checkInterval(d.Low, d.High)
}

// Empirical is a piecewise-linear CDF through the points (X[k], P[k]):
// X strictly increasing, P strictly increasing from P[0] = 0 to
// P[len−1] = 1. Between points the density is constant. Build one from a
// sample with [EmpiricalFromSample].
type Empirical struct{ X, P []float64 }

// EmpiricalFromSample returns the piecewise-linear CDF that interpolates
// the empirical distribution of sample: with sorted distinct values
// x_(1) < … < x_(m), P = 0, 1/(m−1), …, 1 at those points.
func EmpiricalFromSample(sample []float64) (Empirical, error) {
	xs := append([]float64(nil), sample...)
	sort.Float64s(xs)
	k := 0
	for i, x := range xs {
		if i == 0 || x > xs[k-1] {
			xs[k] = x
			k++
		}
	}
	xs = xs[:k]
	if len(xs) < 2 {
		return Empirical{}, fmt.Errorf("%w: a sample needs at least two distinct values", ErrEmptySupport)
	}
	p := make([]float64, len(xs))
	for i := range p {
		p[i] = float64(i) / float64(len(xs)-1)
	}
	return Empirical{X: xs, P: p}, nil
}

func (d Empirical) seg(x float64) int {
	// Index k with X[k] ≤ x < X[k+1].
	k := sort.SearchFloat64s(d.X, x)
	if k < len(d.X) && d.X[k] == x {
		return min(k, len(d.X)-2)
	}
	return max(0, min(k-1, len(d.X)-2))
}

// CDF implements [Dist].
func (d Empirical) CDF(x float64) float64 {
	n := len(d.X)
	if x <= d.X[0] {
		return 0
	}
	if x >= d.X[n-1] {
		return 1
	}
	k := d.seg(x)
	t := (x - d.X[k]) / (d.X[k+1] - d.X[k])
	return d.P[k] + t*(d.P[k+1]-d.P[k])
}

// Survival implements [Dist].
func (d Empirical) Survival(x float64) float64 {
	n := len(d.X)
	if x <= d.X[0] {
		return 1
	}
	if x >= d.X[n-1] {
		return 0
	}
	k := d.seg(x)
	t := (d.X[k+1] - x) / (d.X[k+1] - d.X[k])
	return (1 - d.P[k+1]) + t*(d.P[k+1]-d.P[k])
}

// PDF implements [Dist].
func (d Empirical) PDF(x float64) float64 {
	n := len(d.X)
	if x < d.X[0] || x > d.X[n-1] {
		return 0
	}
	k := d.seg(x)
	return (d.P[k+1] - d.P[k]) / (d.X[k+1] - d.X[k])
}

// Quantile implements [Dist].
func (d Empirical) Quantile(p float64) float64 {
	p = clamp01(p)
	k := sort.SearchFloat64s(d.P, p)
	if k == 0 {
		return d.X[0]
	}
	if k >= len(d.P) {
		return d.X[len(d.X)-1]
	}
	t := (p - d.P[k-1]) / (d.P[k] - d.P[k-1])
	return d.X[k-1] + t*(d.X[k]-d.X[k-1])
}

// Support implements [Dist].
func (d Empirical) Support() (float64, float64) { return d.X[0], d.X[len(d.X)-1] }

// Validate implements [Dist].
func (d Empirical) Validate() error {
	if len(d.X) != len(d.P) {
		return fmt.Errorf("auction: empirical CDF has %d points but %d probabilities", len(d.X), len(d.P))
	}
	if len(d.X) < 2 {
		return fmt.Errorf("%w: an empirical CDF needs at least two points", ErrEmptySupport)
	}
	for k := range d.X {
		if math.IsNaN(d.X[k]) || math.IsInf(d.X[k], 0) || math.IsNaN(d.P[k]) {
			return fmt.Errorf("auction: empirical point %d is not finite", k)
		}
		if k > 0 && !(d.X[k] > d.X[k-1]) {
			return fmt.Errorf("auction: empirical x[%d]=%g is not above x[%d]=%g", k, d.X[k], k-1, d.X[k-1])
		}
		if k > 0 && !(d.P[k] > d.P[k-1]) {
			return fmt.Errorf("auction: empirical p[%d]=%g is not above p[%d]=%g (the density must be positive)", k, d.P[k], k-1, d.P[k-1])
		}
	}
	if d.P[0] != 0 || d.P[len(d.P)-1] != 1 {
		return fmt.Errorf("auction: empirical CDF must start at p=0 and end at p=1, got %g and %g", d.P[0], d.P[len(d.P)-1])
	}
	return nil
}

// reflected is the distribution of −X: it turns costs into values.
type reflected struct{ d Dist }

func (r reflected) CDF(v float64) float64      { return r.d.Survival(-v) }
func (r reflected) Survival(v float64) float64 { return r.d.CDF(-v) }
func (r reflected) PDF(v float64) float64      { return r.d.PDF(-v) }
func (r reflected) Quantile(p float64) float64 { return -r.d.Quantile(1 - p) }
func (r reflected) Support() (float64, float64) {
	lo, hi := r.d.Support()
	return -hi, -lo
}
func (r reflected) Validate() error { return r.d.Validate() }
