package game_test

import (
	"context"
	"math"
	"testing"

	"github.com/infragame/infragame/game"
)

// allEquilibria2x2x2 finds every Nash equilibrium of a generic game in
// which three players have two strategies each, independently of the
// package's solvers: with p, q, r the probabilities of each player's first
// strategy, player i is indifferent when D_i = 0, where D_i is bilinear in
// the other two probabilities. Supports are enumerated: pure profiles; two
// players mixing (two linear equations) with the third's pure choice a best
// reply; and all three mixing, which reduces to a quadratic in q after
// solving D1 = 0 for r and D3 = 0 for p.
func allEquilibria2x2x2(g *game.Game) [][3]float64 {
	u := func(i, s1, s2, s3 int) float64 { return g.Payoff(i, []int{s1, s2, s3}) }
	// D_i(x, y): coefficients A + B·x + C·y + E·x·y in the other players'
	// probabilities (in player order).
	type bil struct{ A, B, C, E float64 }
	mk := func(f func(x, y int) float64) bil {
		d00, d10, d01, d11 := f(1, 1), f(0, 1), f(1, 0), f(0, 0) // x=1 means first strategy (index 0)
		return bil{d00, d10 - d00, d01 - d00, d11 - d10 - d01 + d00}
	}
	// x=1 ↔ strategy 0; f(a, b) gets 0/1 flags "plays strategy 1 (index 1)".
	D1 := mk(func(a, b int) float64 { return u(0, 0, a, b) - u(0, 1, a, b) }) // in (q, r)
	D2 := mk(func(a, b int) float64 { return u(1, a, 0, b) - u(1, a, 1, b) }) // in (p, r)
	D3 := mk(func(a, b int) float64 { return u(2, a, b, 0) - u(2, a, b, 1) }) // in (p, q)
	ev := func(d bil, x, y float64) float64 { return d.A + d.B*x + d.C*y + d.E*x*y }
	in01 := func(x float64) bool { return x > 1e-12 && x < 1-1e-12 }
	const tol = 1e-9
	var out [][3]float64
	// Pure profiles.
	for _, p := range []float64{0, 1} {
		for _, q := range []float64{0, 1} {
			for _, r := range []float64{0, 1} {
				ok := (p == 1 && ev(D1, q, r) >= -tol || p == 0 && ev(D1, q, r) <= tol) &&
					(q == 1 && ev(D2, p, r) >= -tol || q == 0 && ev(D2, p, r) <= tol) &&
					(r == 1 && ev(D3, p, q) >= -tol || r == 0 && ev(D3, p, q) <= tol)
				if ok {
					out = append(out, [3]float64{p, q, r})
				}
			}
		}
	}
	br := func(x, d float64) bool { return x == 1 && d >= -tol || x == 0 && d <= tol }
	for _, z := range []float64{0, 1} {
		// Players 1 and 2 mix, r = z: D1(q, z) = 0, D2(p, z) = 0.
		q := -(D1.A + D1.C*z) / (D1.B + D1.E*z)
		p := -(D2.A + D2.C*z) / (D2.B + D2.E*z)
		if in01(p) && in01(q) && br(z, ev(D3, p, q)) {
			out = append(out, [3]float64{p, q, z})
		}
		// Players 1 and 3 mix, q = z: D1(z, r) = 0, D3(p, z) = 0.
		r := -(D1.A + D1.B*z) / (D1.C + D1.E*z)
		p = -(D3.A + D3.C*z) / (D3.B + D3.E*z)
		if in01(p) && in01(r) && br(z, ev(D2, p, r)) {
			out = append(out, [3]float64{p, z, r})
		}
		// Players 2 and 3 mix, p = z: D2(z, r) = 0, D3(z, q) = 0.
		r = -(D2.A + D2.B*z) / (D2.C + D2.E*z)
		q = -(D3.A + D3.B*z) / (D3.C + D3.E*z)
		if in01(q) && in01(r) && br(z, ev(D1, q, r)) {
			out = append(out, [3]float64{z, q, r})
		}
	}
	// All mix: r = Nr/Dr from D1, p = Np/Dp from D3, substituted in D2.
	// Nr = −(A1 + B1 q), Dr = C1 + E1 q; Np = −(A3 + C3 q), Dp = B3 + E3 q.
	// A2·Dp·Dr + B2·Np·Dr + C2·Nr·Dp + E2·Np·Nr = 0, quadratic in q.
	poly := func(a0, a1, b0, b1 float64) [3]float64 { // (a0 + a1 q)(b0 + b1 q)
		return [3]float64{a0 * b0, a0*b1 + a1*b0, a1 * b1}
	}
	var c [3]float64
	for _, t := range []struct {
		k              float64
		a0, a1, b0, b1 float64
	}{
		{D2.A, D3.B, D3.E, D1.C, D1.E},
		{D2.B, -D3.A, -D3.C, D1.C, D1.E},
		{D2.C, -D1.A, -D1.B, D3.B, D3.E},
		{D2.E, -D3.A, -D3.C, -D1.A, -D1.B},
	} {
		pp := poly(t.a0, t.a1, t.b0, t.b1)
		for i := range c {
			c[i] += t.k * pp[i]
		}
	}
	var roots []float64
	if math.Abs(c[2]) < 1e-14 {
		roots = append(roots, -c[0]/c[1])
	} else if disc := c[1]*c[1] - 4*c[2]*c[0]; disc >= 0 {
		s := math.Sqrt(disc)
		roots = append(roots, (-c[1]+s)/(2*c[2]), (-c[1]-s)/(2*c[2]))
	}
	for _, q := range roots {
		// Where D1 (or D3) vanishes identically at this q, the missing
		// probability comes from D2 instead.
		dr, dp := D1.C+D1.E*q, D3.B+D3.E*q
		r := -(D1.A + D1.B*q) / dr
		p := -(D3.A + D3.C*q) / dp
		if math.Abs(dr) < 1e-12 && math.Abs(dp) >= 1e-12 {
			r = -(D2.A + D2.B*p) / (D2.C + D2.E*p)
		}
		if math.Abs(dp) < 1e-12 && math.Abs(dr) >= 1e-12 {
			p = -(D2.A + D2.C*r) / (D2.B + D2.E*r)
		}
		if in01(p) && in01(q) && in01(r) && math.Abs(ev(D1, q, r)) < tol && math.Abs(ev(D2, p, r)) < tol && math.Abs(ev(D3, p, q)) < tol {
			out = append(out, [3]float64{p, q, r})
		}
	}
	return out
}

// TestMcKelveyMcLennanNine checks Gambit's documented description of the
// McKelvey–McLennan 2×2×2 game — "nine Nash equilibria, … two totally
// mixed" (https://gambit.sourceforge.net/gambit14/samples.html) — with an
// independent support enumeration, and that the equilibria the package's
// n-player methods find are among them.
func TestMcKelveyMcLennanNine(t *testing.T) {
	g := readNFG(t, "testdata/mckelvey-mclennan-2x2x2.nfg")
	all := allEquilibria2x2x2(g)
	mixed := 0
	for _, e := range all {
		p := game.Profile{{e[0], 1 - e[0]}, {e[1], 1 - e[1]}, {e[2], 1 - e[2]}}
		if r := g.MaxRegret(p); r > 1e-9 {
			t.Fatalf("support enumeration returned %v with regret %g", e, r)
		}
		if e[0] > 0 && e[0] < 1 && e[1] > 0 && e[1] < 1 && e[2] > 0 && e[2] < 1 {
			mixed++
		}
	}
	if len(all) != 9 || mixed != 2 {
		t.Fatalf("%d equilibria, %d totally mixed; Gambit documents 9 and 2: %v", len(all), mixed, all)
	}
	member := func(p game.Profile) bool {
		for _, e := range all {
			if math.Abs(p[0][0]-e[0]) < 1e-7 && math.Abs(p[1][0]-e[1]) < 1e-7 && math.Abs(p[2][0]-e[2]) < 1e-7 {
				return true
			}
		}
		return false
	}
	ctx := context.Background()
	lg, err := game.Logit(ctx, g, game.LogitOptions{})
	if err != nil || !member(lg.Equilibrium.Profile) {
		t.Errorf("logit: %v, %v not among the nine", err, lg.Equilibrium.Profile)
	}
	sd, err := game.SimplicialSubdivision(ctx, g, game.SimpdivOptions{})
	if err != nil || !member(sd.Equilibrium.Profile) {
		t.Errorf("simpdiv: %v, %v not among the nine", err, sd.Equilibrium.Profile)
	}
	// Started near each equilibrium, the simplicial method returns it.
	for _, e := range all {
		start := game.Profile{{0.9*e[0] + 0.05, 0.9*(1-e[0]) + 0.05}, {0.9*e[1] + 0.05, 0.9*(1-e[1]) + 0.05}, {0.9*e[2] + 0.05, 0.9*(1-e[2]) + 0.05}}
		sd, err := game.SimplicialSubdivision(ctx, g, game.SimpdivOptions{Start: start, Grid: 64})
		if err != nil || !member(sd.Equilibrium.Profile) {
			t.Errorf("simpdiv from near %v: %v, %v", e, err, sd.Equilibrium.Profile)
		}
	}
}
