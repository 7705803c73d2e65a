package auction

import (
	"math"
)

// shooter integrates the inverse-bid system of a first-price auction in
// value coordinates downward from a trial top bid. With m active bidders,
// inverse bids φ_i(b) and H_i(x) = F_i(x)/f_i(x),
//
//	φ_i'(b) = H_i(φ_i) · [ 1/(m−1) · Σ_j 1/(φ_j − b) − 1/(φ_i − b) ],
//
// the first-order conditions Σ_{j≠i} d/db ln F_j(φ_j(b)) = 1/(φ_i − b)
// solved for the derivatives (Marshall, Meurer, Richard & Stromquist 1994;
// Fibich & Gavish 2011, eq. 2).
type shooter struct {
	d      []Dist
	lo, hi []float64
	bLow   float64
	span   float64
	// scratch
	k     [7][]float64
	y, yt []float64
}

func newShooter(d []Dist, bLow float64) *shooter {
	m := len(d)
	s := &shooter{d: d, lo: make([]float64, m), hi: make([]float64, m), bLow: bLow}
	hmax := math.Inf(-1)
	for i, di := range d {
		s.lo[i], s.hi[i] = di.Support()
		hmax = math.Max(hmax, s.hi[i])
	}
	s.span = hmax - bLow
	for i := range s.k {
		s.k[i] = make([]float64, m)
	}
	s.y = make([]float64, m)
	s.yt = make([]float64, m)
	return s
}

// ratio returns F(x)/f(x) for bidder i, 0 at or below the lower bound.
func (s *shooter) ratio(i int, x float64) float64 {
	if x <= s.lo[i] {
		return 0
	}
	if x > s.hi[i] {
		x = s.hi[i]
	}
	f := s.d[i].PDF(x)
	F := s.d[i].CDF(x)
	if !(f > 0) {
		return 1e6 * s.span
	}
	return F / f
}

// rhs evaluates φ'(b); it returns false when some φ_j ≤ b (a bidder's
// inverse bid has reached the diagonal) or a value is not finite.
func (s *shooter) rhs(b float64, phi, out []float64) bool {
	m := len(phi)
	S := 0.0
	for _, p := range phi {
		dd := p - b
		if !(dd > 0) || math.IsInf(p, 0) {
			return false
		}
		S += 1 / dd
	}
	S /= float64(m - 1)
	for i, p := range phi {
		out[i] = s.ratio(i, p) * (S - 1/(p-b))
		if math.IsNaN(out[i]) || math.IsInf(out[i], 0) {
			return false
		}
	}
	return true
}

// trajectory is a solution of the inverse-bid system recorded at the
// accepted steps, b decreasing.
type trajectory struct {
	b   []float64
	phi [][]float64
	dph [][]float64
}

// Dormand–Prince 5(4) coefficients (Hairer, Nørsett & Wanner, Solving
// ODEs I, Table 5.2).
var (
	dpA = [7][6]float64{
		{},
		{1.0 / 5},
		{3.0 / 40, 9.0 / 40},
		{44.0 / 45, -56.0 / 15, 32.0 / 9},
		{19372.0 / 6561, -25360.0 / 2187, 64448.0 / 6561, -212.0 / 729},
		{9017.0 / 3168, -355.0 / 33, 46732.0 / 5247, 49.0 / 176, -5103.0 / 18656},
		{35.0 / 384, 0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84},
	}
	dpC = [7]float64{0, 1.0 / 5, 3.0 / 10, 4.0 / 5, 8.0 / 9, 1, 1}
	dpE = [7]float64{71.0 / 57600, 0, -71.0 / 16695, 71.0 / 1920, -17253.0 / 339200, 22.0 / 525, -1.0 / 40}
)

// shoot integrates downward from the top bid bTop, where every active
// bidder's highest type bids bTop. It returns true ("too high") when some
// inverse bid reaches the diagonal φ_i = b above bLow, false ("too low")
// when the integration reaches bLow without that. With rec non-nil the
// accepted steps are recorded.
func (s *shooter) shoot(bTop, tol float64, rec *trajectory) bool {
	m := len(s.d)
	y := s.y
	// Asymptotic start: near the top, G_i = F_i(φ_i) satisfies
	// G_i'/G_i = S − 1/(φ_i − b) with finite right-hand side even where
	// the density vanishes at the top of the support, so one tiny step in
	// G followed by the quantile gives φ_i(bTop − h0).
	h0 := 1e-10 * s.span
	S := 0.0
	for i := 0; i < m; i++ {
		dd := s.hi[i] - bTop
		if !(dd > 0) {
			return true
		}
		S += 1 / dd
	}
	S /= float64(m - 1)
	for i := 0; i < m; i++ {
		g := 1 - h0*(S-1/(s.hi[i]-bTop))
		if g >= 1 {
			y[i] = s.hi[i]
		} else {
			y[i] = s.d[i].Quantile(g)
		}
	}
	b := bTop - h0
	if rec != nil {
		rec.b = append(rec.b[:0], bTop)
		rec.phi = append(rec.phi[:0], append([]float64(nil), s.hi...))
		d0 := make([]float64, m)
		s.rhs(b, y, d0)
		rec.dph = append(rec.dph[:0], d0)
	}
	k := s.k
	if !s.rhs(b, y, k[0]) {
		return true
	}
	h := -math.Min(1e-3*s.span, 0.5*(b-s.bLow))
	hmin := 1e-14 * s.span
	atol := tol * s.span
	for b > s.bLow {
		last := false
		if b+h <= s.bLow {
			h = s.bLow - b
			last = true
		}
		ok := true
		for st := 1; st < 7 && ok; st++ {
			for i := 0; i < m; i++ {
				acc := y[i]
				for j := 0; j < st; j++ {
					acc += h * dpA[st][j] * k[j][i]
				}
				s.yt[i] = acc
			}
			ok = s.rhs(b+dpC[st]*h, s.yt, k[st])
		}
		errNorm := 0.0
		if ok {
			for i := 0; i < m; i++ {
				e := 0.0
				for j := 0; j < 7; j++ {
					e += dpE[j] * k[j][i]
				}
				e *= h
				sc := atol + tol*math.Abs(s.yt[i])
				errNorm = math.Max(errNorm, math.Abs(e)/sc)
			}
		}
		if !ok || errNorm > 1 || math.IsNaN(errNorm) {
			if -h > hmin*1.0001 {
				h *= 0.25
				if -h < hmin {
					h = -hmin
				}
				continue
			}
			if !ok {
				return true
			}
			// The tolerance cannot be met with the smallest step: accept it
			// to make progress.
		}
		// Accept.
		b += h
		if last {
			b = s.bLow
		}
		copy(y, s.yt)
		copy(k[0], k[6])
		if rec != nil {
			rec.b = append(rec.b, b)
			rec.phi = append(rec.phi, append([]float64(nil), y...))
			rec.dph = append(rec.dph, append([]float64(nil), k[0]...))
		}
		fac := 5.0
		if errNorm > 0 {
			fac = math.Min(5, math.Max(0.2, 0.9*math.Pow(errNorm, -0.2)))
		}
		h *= fac
	}
	return false
}
