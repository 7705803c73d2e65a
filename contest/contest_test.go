package contest_test

import (
	"context"
	"math"
	"strings"
	"testing"

	"github.com/infragame/infragame/cases"
	"github.com/infragame/infragame/contest"
	"github.com/infragame/infragame/tender"
)

// unitSetup: two exporters whose host cost equals their price (W = 1,
// K = 0), costs uniform on [1, 2], an outside option that never binds.
func unitSetup() contest.Setup {
	line := contest.Line{W: 1}
	return contest.Setup{
		Exporters:    [2]contest.Exporter{{Name: "a", Low: 1, High: 2, Line: line}, {Name: "b", Low: 1, High: 2, Line: line}},
		Reserve:      3,
		HostPower:    0.5,
		CivilShare:   0.6,
		FinanceShare: [2]float64{0.5, 0.5},
	}
}

// Symmetric first-price procurement with two bidders, costs U[1, 2]: the
// equilibrium price is b(c) = (c + 2)/2, so the expected price is
// (E[min c] + 2)/2 = (4/3 + 2)/2 = 5/3, equal to the expected second-lowest
// cost (revenue equivalence; Krishna, Auction Theory, 2nd ed., §2.3 with
// costs as negative values). Each bidder earns (5/3 − 4/3)/2 = 1/6.
func TestCompeteSymmetricUniform(t *testing.T) {
	c, err := contest.Compete(unitSetup())
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range c.Exporters {
		if math.Abs(e.ExpectedProfit-1.0/6) > 1e-8 || math.Abs(e.WinProbability-0.5) > 1e-8 {
			t.Errorf("%s: profit %g win %g, want 1/6 and 1/2", e.Name, e.ExpectedProfit, e.WinProbability)
		}
	}
	if got, want := c.HostSurplus, 3-5.0/3; math.Abs(got-want) > 1e-8 {
		t.Errorf("host surplus %g, want %g", got, want)
	}
}

// With W = 2 the pseudo-costs double and so do the auction profits in host
// units, but the profit in price units is unchanged: (b − θ)/W.
func TestCompeteScalesByW(t *testing.T) {
	s := unitSetup()
	s.Exporters[0].Line.W, s.Exporters[1].Line.W = 2, 2
	s.Reserve = 6
	c, err := contest.Compete(s)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(c.Exporters[0].ExpectedProfit-1.0/6) > 1e-8 || math.Abs(c.HostSurplus-2*(3-5.0/3)) > 1e-8 {
		t.Errorf("profit %g host %g", c.Exporters[0].ExpectedProfit, c.HostSurplus)
	}
}

// Consortium: c_J = 0.6·c_a + 0.4·c_b has mean 1.5 and always trades below
// R = 3, so E[R − θ_J] = 1.5 (the midpoint rule is exact for a linear
// integrand): joint profit (1 − β)·1.5 = 0.75, host 0.75. The exporters'
// gain is 0.75 − 2/6 and the Shapley split gives each 1/6 + gain/2, which
// Nash bargaining reproduces (transferable utility).
func TestAnalyzeUnit(t *testing.T) {
	r, err := contest.Analyze(unitSetup())
	if err != nil {
		t.Fatal(err)
	}
	co := r.Cooperative
	if math.Abs(co.JointProfit-0.75) > 1e-12 || math.Abs(co.HostSurplus-0.75) > 1e-12 || co.TradeProbability != 1 {
		t.Fatalf("cooperative %+v", co)
	}
	gain := 0.75 - 2.0/6
	if math.Abs(r.ExportersGain-gain) > 1e-8 || !r.PaysBoth {
		t.Fatalf("gain %g pays %v", r.ExportersGain, r.PaysBoth)
	}
	for i := range 2 {
		want := 1.0/6 + gain/2
		if math.Abs(co.Shapley[i]-want) > 1e-8 || math.Abs(co.Nash[i]-want) > 1e-8 {
			t.Errorf("split %d: Shapley %g Nash %g, want %g", i, co.Shapley[i], co.Nash[i], want)
		}
	}
	if math.Abs(r.HostGain-(0.75-(3-5.0/3))) > 1e-8 {
		t.Errorf("host gain %g", r.HostGain)
	}
}

// The thresholds are where the exporters' gain crosses zero.
func TestThresholds(t *testing.T) {
	s := unitSetup()
	comp, err := contest.Compete(s)
	if err != nil {
		t.Fatal(err)
	}
	b, err := contest.MaxHostPower(s, comp)
	if err != nil {
		t.Fatal(err)
	}
	// joint profit (1 − β)·1.5 = 1/3 at β* = 1 − (1/3)/1.5 = 7/9
	if math.Abs(b-7.0/9) > 1e-12 {
		t.Fatalf("β* = %g, want 7/9", b)
	}
	s.HostPower = b
	r, _ := contest.Analyze(s)
	if math.Abs(r.ExportersGain) > 1e-9 {
		t.Fatalf("gain at β* = %g", r.ExportersGain)
	}
	// At β = 0.8 the joint profit is 0.2·(3 − (1 − σ)·1.5), above 1/3 for
	// σ > σ* = 1/9.
	s.HostPower = 0.8
	sig, err := contest.MinSynergy(s, comp, 0.9)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(sig-1.0/9) > 1e-6 {
		t.Fatalf("σ* = %g, want 1/9", sig)
	}
	s.Synergy = sig
	r, _ = contest.Analyze(s)
	if math.Abs(r.ExportersGain) > 1e-6 {
		t.Fatalf("gain at σ* = %g (σ* = %g)", r.ExportersGain, sig)
	}
	s.HostPower = 1
	if _, err := contest.MaxHostPower(unitSetupWithPower(1), comp); err != nil {
		t.Fatal(err) // β* depends only on β-free quantities
	}
	if _, err := contest.MinSynergy(s, comp, 0.5); err == nil {
		t.Fatal("with host power 1 the consortium earns nothing: no synergy can make it pay")
	}
}

func unitSetupWithPower(b float64) contest.Setup { s := unitSetup(); s.HostPower = b; return s }

// Every map cell equals a point evaluation.
func TestMapAgreesWithPoints(t *testing.T) {
	s := unitSetup()
	xs, ys := tender.Linspace(0, 0.3, 4), tender.Linspace(0, 1, 5)
	cells, err := contest.Map(context.Background(), s, xs, ys, nil)
	if err != nil {
		t.Fatal(err)
	}
	for j, y := range ys {
		for i, x := range xs {
			u := s
			u.Synergy, u.HostPower = x, y
			r, err := contest.Analyze(u)
			if err != nil {
				t.Fatal(err)
			}
			c := cells[j][i]
			if c.ExportersGain != r.ExportersGain || c.HostGain != r.HostGain || (c.Verdict != contest.VerdictCompete) != r.PaysBoth {
				t.Fatalf("cell (%g, %g) = %+v, point %+v", x, y, c, r)
			}
		}
	}
}

// The Jakarta–Bandung case: host cost lines are affine with 0 < W ≤ 1
// (concessional loans make a unit of price cost the host less than a
// unit), the outside option is the dearer offer, and the analysis runs.
func TestJakartaBandung(t *testing.T) {
	fs, err := cases.All()
	if err != nil {
		t.Fatal(err)
	}
	var f *tender.File
	for _, x := range fs {
		if x.ID == "jakarta-bandung-2015" {
			f = x
		}
	}
	if f == nil || f.Contest == nil {
		t.Fatal("jakarta-bandung-2015 has no contest block")
	}
	s, _, err := contest.FromCase(f, tender.DefaultRule)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range s.Exporters {
		if !(e.Line.W > 0 && e.Line.W <= 1) {
			t.Errorf("%s: W = %g", e.Name, e.Line.W)
		}
	}
	if s.Reserve != math.Max(s.Exporters[0].Line.HostCost, s.Exporters[1].Line.HostCost) {
		t.Errorf("reserve %g", s.Reserve)
	}
	r, err := contest.Analyze(s)
	if err != nil {
		t.Fatal(err)
	}
	if p := r.Competitive.Exporters[0].WinProbability + r.Competitive.Exporters[1].WinProbability + r.Competitive.NoSaleProbability; math.Abs(p-1) > 1e-6 {
		t.Errorf("probabilities sum to %g", p)
	}
	v := r.Competitive.Auction.Verify(auctionVerify())
	if !v.Passed {
		t.Errorf("competitive equilibrium fails verification: %+v", v)
	}
}

func TestBadSetup(t *testing.T) {
	s := unitSetup()
	s.Exporters[0].Low = 3
	s.HostPower = 2
	s.FinanceShare = [2]float64{0.5, 0.6}
	_, err := contest.Analyze(s)
	if err == nil {
		t.Fatal("accepted")
	}
	for _, want := range []string{"cost range", "host power", "finance shares"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
}

// TestScenariosConsistent: each scenario column adds up (the exporters'
// total is the sum of their profits) and, when the consortium loses money,
// Nash bargaining is the competitive outcome, host surplus included.
func TestScenariosConsistent(t *testing.T) {
	signs := 0
	gain := unitSetup()
	gain.Synergy = 0.3 // a 30 % cost saving: the consortium gains
	loss := unitSetup()
	loss.HostPower = 0.95 // the host takes nearly all: the consortium loses
	for _, s := range []contest.Setup{gain, loss} {
		r, err := contest.Analyze(s)
		if err != nil {
			t.Fatal(err)
		}
		sc := r.Scenarios()
		for _, x := range sc {
			if d := x.Profit[0] + x.Profit[1] - x.ExportersTotal; math.Abs(d) > 1e-9*math.Max(1, math.Abs(x.ExportersTotal)) {
				t.Errorf("%s: profits %v do not add up to %g", x.Name, x.Profit, x.ExportersTotal)
			}
		}
		if r.ExportersGain <= 0 {
			signs |= 1
			if sc[2].ConsortiumForms || sc[2].HostSurplus != sc[0].HostSurplus || sc[2].ExportersTotal != sc[0].ExportersTotal {
				t.Errorf("loss: nash scenario %+v is not the competitive one %+v", sc[2], sc[0])
			}
		} else if signs |= 2; !sc[2].ConsortiumForms || sc[2].HostSurplus != sc[1].HostSurplus {
			t.Errorf("gain: nash scenario %+v should be the consortium", sc[2])
		}
	}
	if signs != 3 {
		t.Fatalf("the two setups should give one gain and one loss (got mask %b)", signs)
	}
}
