package coop

import (
	"errors"
	"fmt"
	"math"
)

// Frontier is the Pareto frontier of a two-player bargaining problem: the
// points (U1[k], U2[k]) with U1 strictly increasing and U2 strictly
// decreasing, joined by straight lines; the feasible set is everything on
// or below it. Validate requires it to be concave (a convex feasible set).
type Frontier struct{ U1, U2 []float64 }

// TUFrontier is the frontier of transferable utility with total surplus
// total, restricted to the part where both players get at least their
// disagreement payoffs d: u1 + u2 = total for u1 in [d1, total − d2].
func TUFrontier(total float64, d [2]float64) Frontier {
	return Frontier{U1: []float64{d[0], total - d[1]}, U2: []float64{total - d[0], d[1]}}
}

// ErrNoGain is returned when no frontier point gives both players more
// than their disagreement payoffs.
var ErrNoGain = errors.New("coop: no feasible agreement improves on the disagreement point for both players")

// Validate checks the frontier's shape.
func (f Frontier) Validate() error {
	if len(f.U1) != len(f.U2) || len(f.U1) < 2 {
		return fmt.Errorf("coop: frontier needs at least two (u1, u2) points, got %d and %d", len(f.U1), len(f.U2))
	}
	for k := 1; k < len(f.U1); k++ {
		if !(f.U1[k] > f.U1[k-1]) || !(f.U2[k] < f.U2[k-1]) {
			return fmt.Errorf("coop: frontier point %d (%g, %g) must have larger u1 and smaller u2 than point %d", k, f.U1[k], f.U2[k], k-1)
		}
		if k >= 2 {
			s0 := (f.U2[k-1] - f.U2[k-2]) / (f.U1[k-1] - f.U1[k-2])
			s1 := (f.U2[k] - f.U2[k-1]) / (f.U1[k] - f.U1[k-1])
			if s1 > s0+1e-12*math.Max(1, math.Abs(s0)) {
				return fmt.Errorf("coop: frontier is not concave at point %d (slopes %g then %g)", k-1, s0, s1)
			}
		}
	}
	return nil
}

// at returns the frontier's u2 at u1 (−Inf outside its range).
func (f Frontier) at(u1 float64) float64 {
	n := len(f.U1)
	if u1 < f.U1[0] || u1 > f.U1[n-1] {
		return math.Inf(-1)
	}
	for k := 1; k < n; k++ {
		if u1 <= f.U1[k] {
			t := (u1 - f.U1[k-1]) / (f.U1[k] - f.U1[k-1])
			return f.U2[k-1] + t*(f.U2[k]-f.U2[k-1])
		}
	}
	return f.U2[n-1]
}

// NashBargaining returns the (generalised) Nash bargaining solution
// argmax (u1 − d1)^a (u2 − d2)^(1−a) over the frontier with u > d, where
// a = power in (0, 1) is player 1's bargaining power (Nash 1950 for
// a = 1/2; Kalai 1977 for the asymmetric solution). power 0 means 1/2.
// On a segment u2 = p + s·u1 the first-order condition gives
// u1 = [(1−a)·s·d1 − a·(p − d2)]/s, clamped to the segment.
func NashBargaining(f Frontier, d [2]float64, power float64) ([2]float64, error) {
	if err := f.Validate(); err != nil {
		return [2]float64{}, err
	}
	a := power
	if a == 0 {
		a = 0.5
	}
	if !(a > 0 && a < 1) {
		return [2]float64{}, fmt.Errorf("coop: bargaining power must be in (0, 1), got %g", power)
	}
	best, bu := math.Inf(-1), [2]float64{}
	obj := func(u1, u2 float64) float64 {
		if u1 <= d[0] || u2 <= d[1] {
			return math.Inf(-1)
		}
		return a*math.Log(u1-d[0]) + (1-a)*math.Log(u2-d[1])
	}
	for k := 1; k < len(f.U1); k++ {
		x0, x1 := f.U1[k-1], f.U1[k]
		s := (f.U2[k] - f.U2[k-1]) / (x1 - x0)
		p := f.U2[k-1] - s*x0
		cands := []float64{x0, x1}
		if u := ((1-a)*s*d[0] - a*(p-d[1])) / s; u > x0 && u < x1 {
			cands = append(cands, u)
		}
		for _, u := range cands {
			if v := obj(u, p+s*u); v > best {
				best, bu = v, [2]float64{u, p + s*u}
			}
		}
	}
	if math.IsInf(best, -1) {
		return bu, ErrNoGain
	}
	return bu, nil
}

// KalaiSmorodinsky returns the Kalai–Smorodinsky (1975) solution: the
// frontier point on the segment from d to the ideal point
// (max u1 with u2 ≥ d2, max u2 with u1 ≥ d1).
func KalaiSmorodinsky(f Frontier, d [2]float64) ([2]float64, error) {
	if err := f.Validate(); err != nil {
		return [2]float64{}, err
	}
	n := len(f.U1)
	// Ideal point.
	i1 := math.Inf(-1)
	for k := 1; k < n; k++ {
		x0, x1, y0, y1 := f.U1[k-1], f.U1[k], f.U2[k-1], f.U2[k]
		if y1 >= d[1] {
			i1 = math.Max(i1, x1)
		} else if y0 >= d[1] {
			i1 = math.Max(i1, x0+(d[1]-y0)*(x1-x0)/(y1-y0))
		}
	}
	i2 := f.at(math.Max(d[0], f.U1[0]))
	if d[0] < f.U1[0] {
		i2 = f.U2[0]
	}
	if !(i1 > d[0]) || !(i2 > d[1]) {
		return [2]float64{}, ErrNoGain
	}
	// Largest λ with d + λ(I − d) feasible.
	feasible := func(l float64) bool {
		u1, u2 := d[0]+l*(i1-d[0]), d[1]+l*(i2-d[1])
		if u1 < f.U1[0] {
			return u2 <= f.U2[0]
		}
		return u2 <= f.at(u1)
	}
	lo, hi := 0.0, 1.0
	for it := 0; it < 200 && hi-lo > 1e-16; it++ {
		m := 0.5 * (lo + hi)
		if feasible(m) {
			lo = m
		} else {
			hi = m
		}
	}
	return [2]float64{d[0] + lo*(i1-d[0]), d[1] + lo*(i2-d[1])}, nil
}
