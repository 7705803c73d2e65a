package auction

import (
	"math"
	"testing"
)

// Forward shooting forced on a case with a closed form: two uniform
// bidders on [0, 1] and [0, 2] with reserve ρ = 0.3 (Kaplan & Zamir 2012,
// written 1/φ_i = b/ρ² + C_i √(b² − ρ²), b̄ = (ρ² + ω₁ω₂)/(ω₁ + ω₂), as in
// TestTwoUniformReserve; Solve itself takes the closed form there). Here
// R_1 = R_2 = ρ, so both exponents are 1/2. Bids, the top bid and the
// integrated figures (against the closed-form solution's, whose
// statistics are integrated from the closed form) agree to 1e-9. The
// inverse bids are within 1.1e-8 (measured), largest just above the
// reserve where they rise like √(b − ρ) and their integration error is
// largest relative to their size (3.8e-10 at Tol 1e-13): compared to
// 2e-8; the bids at those values are within 2.2e-9: compared to 5e-9.
func TestForwardKaplanZamirReserve(t *testing.T) {
	const rho = 0.3
	r := rho
	a := &Auction{Reserve: &r, Bidders: []Bidder{
		{Type: Uniform{Low: 0, High: 1}},
		{Type: Uniform{Low: 0, High: 2}},
	}}
	d, rr := a.valueDists()
	base, err := solveValue(d, rr, false, Options{Tol: 1e-11, Method: Numerical})
	if err != nil {
		t.Fatal(err)
	}
	e := &equilibrium{d: d, r: rr, part: base.part, pos: base.pos, bLow: base.bLow, diag: map[string]float64{}}
	if !solveTwoForward(e, Options{Tol: 1e-11}) {
		t.Fatal("forward shooting declined")
	}
	w := [2]float64{1, 2}
	xb := (rho*rho + w[0]*w[1]) / (w[0] + w[1])
	sq := math.Sqrt(xb*xb - rho*rho)
	worst, worstBid := 0.0, 0.0
	for i := 0; i < 2; i++ {
		c := (1/w[i] - xb/(rho*rho)) / sq
		for g := 1; g < 400; g++ {
			b := rho + (xb-rho)*float64(g)/400
			want := 1 / (b/(rho*rho) + c*math.Sqrt(b*b-rho*rho))
			worst = math.Max(worst, math.Abs(e.phi(i, b)-want))
			worstBid = math.Max(worstBid, math.Abs(e.bid(i, want)-b))
		}
	}
	if worst > 2e-8 || worstBid > 5e-9 {
		t.Errorf("inverse bids differ from the closed form by up to %.3g, bids by %.3g", worst, worstBid)
	}
	if d := math.Abs(e.bTop - xb); d > 1e-9 {
		t.Errorf("top bid %.12g, want %.12g", e.bTop, xb)
	}
	closed, err := Solve(a, nil)
	if err != nil {
		t.Fatal(err)
	}
	st := e.stats()
	if d := math.Abs(st.revenue - closed.Revenue); d > 1e-9 {
		t.Errorf("revenue %.12g, closed form %.12g", st.revenue, closed.Revenue)
	}
	for i := 0; i < 2; i++ {
		if d := math.Abs(st.win[i] - closed.Bidders[i].WinProbability); d > 1e-9 {
			t.Errorf("bidder %d wins with probability %.12g, closed form %.12g", i, st.win[i], closed.Bidders[i].WinProbability)
		}
	}
	t.Logf("inverse bids within %.2g of the closed form, bids %.2g, top bid %.2g, revenue %.2g (%s)", worst, worstBid, e.bTop-xb, st.revenue-closed.Revenue, closed.Method)
}
