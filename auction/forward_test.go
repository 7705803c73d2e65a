package auction_test

import (
	"math"
	"testing"

	"github.com/infragame/infragame/auction"
)

// forwardCases are two-bidder auctions with a binding reserve (or price
// cap), taken by forward shooting.
var forwardCases = map[string]*auction.Auction{
	"uniform and power 2": {Reserve: ptr(0.3), Bidders: []auction.Bidder{
		{Type: auction.Uniform{Low: 0, High: 1}},
		{Type: auction.Power{Exponent: 2, Low: 0, High: 1}},
	}},
	"power 0.5 and power 3, different tops": {Reserve: ptr(0.2), Bidders: []auction.Bidder{
		{Type: auction.Power{Exponent: 0.5, Low: 0, High: 1.3}},
		{Type: auction.Power{Exponent: 3, Low: 0.1, High: 1}},
	}},
	"truncated normal and uniform, different supports": {Reserve: ptr(0.4), Bidders: []auction.Bidder{
		{Type: auction.TruncNormal{Mu: 0.6, Sigma: 0.3, Low: 0, High: 1.1}},
		{Type: auction.Uniform{Low: 0.2, High: 1}},
	}},
	"truncated log-normal and power 2": {Reserve: ptr(0.5), Bidders: []auction.Bidder{
		{Type: auction.TruncLogNormal{Mu: -0.5, Sigma: 0.5, Low: 0.05, High: 1.4}},
		{Type: auction.Power{Exponent: 2, Low: 0, High: 1.2}},
	}},
	"procurement, binding price cap": {Form: auction.Procurement, Reserve: ptr(1.8), Bidders: []auction.Bidder{
		{Type: auction.Uniform{Low: 0.5, High: 2}},
		{Type: auction.TruncNormal{Mu: 1.2, Sigma: 0.4, Low: 0.8, High: 2}},
	}},
}

// Forward shooting and backward shooting (Options.Method = Numerical)
// solve the same boundary-value problem by different integrations. They
// agree to the shooting solver's own accuracy: against itself at Tol
// 1e-13, backward shooting at the default 1e-11 is off by up to 1.2e-8 in
// the bids in the truncated-normal case (forward shooting by 2e-9), and
// 1.8e-9 for uniform and power 2 (forward 1.0e-9), so bids are compared
// to 2e-8. The integrated figures differ by up to 2.4e-9 (power 0.5
// against power 3, where α = 0.92 and 0.08), though each method moves by
// at most 4e-10 from Tol 1e-11 to 1e-13: the shooting solver's bottom
// patch takes √(b − r) for both bidders over its last 4e-9 of bids, which
// misplaces an O(width) share of the win probability; forward shooting's
// patch is 1e-10 of the span wide and has the right powers. They are
// compared to 5e-9.
func TestForwardAgreesWithShooting(t *testing.T) {
	for name, a := range forwardCases {
		t.Run(name, func(t *testing.T) {
			fw, err := auction.Solve(a, nil)
			if err != nil {
				t.Fatal(err)
			}
			if fw.Method != "forward" {
				t.Fatalf("method %q, want forward (diagnostics %v)", fw.Method, fw.Diagnostics())
			}
			sh, err := auction.Solve(a, &auction.Options{Method: auction.Numerical})
			if err != nil {
				t.Fatal(err)
			}
			near(t, "top bid", fw.TopBid, sh.TopBid, 1e-9)
			near(t, "lowest winning bid", fw.LowestWinningBid, sh.LowestWinningBid, 1e-9)
			near(t, "revenue", fw.Revenue, sh.Revenue, 5e-9)
			near(t, "no sale", fw.NoSaleProbability, sh.NoSaleProbability, 1e-12)
			worst := 0.0
			for i := range a.Bidders {
				near(t, "win probability", fw.Bidders[i].WinProbability, sh.Bidders[i].WinProbability, 5e-9)
				near(t, "expected profit", fw.Bidders[i].ExpectedProfit, sh.Bidders[i].ExpectedProfit, 5e-9)
				lo, hi := a.Bidders[i].Type.Support()
				for g := 0; g <= 400; g++ {
					v := lo + (hi-lo)*float64(g)/400
					worst = math.Max(worst, math.Abs(fw.Bid(i, v)-sh.Bid(i, v)))
				}
			}
			if worst > 2e-8 {
				t.Errorf("bids differ by up to %.3g", worst)
			}
			t.Logf("bids agree to %.2g, top bid %.2g, revenue %.2g; right-hand sides %v forward, %v shooting", worst, fw.TopBid-sh.TopBid, fw.Revenue-sh.Revenue, fw.Diagnostics()["rhs_evals"], sh.Diagnostics()["rhs_evals"])
		})
	}
}

// The forward solutions pass the package's best-response check (no type
// gains more than 1e-7 by deviating) and the seeded Monte Carlo check.
func TestForwardVerify(t *testing.T) {
	for name, a := range forwardCases {
		t.Run(name, func(t *testing.T) {
			r, err := auction.Solve(a, nil)
			if err != nil {
				t.Fatal(err)
			}
			v := r.Verify(auction.VerifyOptions{Seed: 3, Draws: 20000})
			if !v.Passed {
				t.Errorf("verification failed: gain %g, checks %+v", v.MaxDeviationGain, v.MonteCarlo)
			}
		})
	}
}
