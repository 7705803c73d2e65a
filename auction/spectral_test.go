package auction_test

import (
	"math"
	"testing"

	"github.com/infragame/infragame/auction"
)

// The collocation fast path for two bidders with a common lower bound and
// no binding reserve must reproduce the shooting solver (Options.Method =
// Numerical): bids on a grid of types, the top bid, win probabilities,
// expected profits and revenue to the oracle tolerance 1e-8. The shooting
// solver is itself checked against closed forms to 1e-8 in
// oracle_test.go.
func TestSpectralAgreesWithShooting(t *testing.T) {
	cases := map[string]*auction.Auction{
		"uniform against power 2": {Bidders: []auction.Bidder{
			{Type: auction.Uniform{Low: 0, High: 1}},
			{Type: auction.Power{Exponent: 2, Low: 0, High: 1}},
		}},
		"power 3 against power 0.5, different tops": {Bidders: []auction.Bidder{
			{Type: auction.Power{Exponent: 3, Low: 1, High: 3}},
			{Type: auction.Power{Exponent: 0.5, Low: 1, High: 2.5}},
		}},
		"power 0.3 (unbounded density at the bottom) against power 5": {Bidders: []auction.Bidder{
			{Type: auction.Power{Exponent: 0.3, Low: 0, High: 1}},
			{Type: auction.Power{Exponent: 5, Low: 0, High: 1}},
		}},
		"truncated log-normal against power 2": {Bidders: []auction.Bidder{
			{Type: auction.TruncLogNormal{Mu: 0, Sigma: 1, Low: 0.5, High: 1.5}},
			{Type: auction.Power{Exponent: 2, Low: 0.5, High: 1.5}},
		}},
		"truncated normal against uniform": {Bidders: []auction.Bidder{
			{Type: auction.TruncNormal{Mu: 0.5, Sigma: 0.5, Low: 0, High: 1}},
			{Type: auction.Uniform{Low: 0, High: 1}},
		}},
		"procurement, truncated normal against uniform costs": {Form: auction.Procurement, Bidders: []auction.Bidder{
			{Type: auction.TruncNormal{Mu: 1.4, Sigma: 1, Low: 0.5, High: 2}},
			{Type: auction.Uniform{Low: 0.8, High: 2}},
		}},
		"reserve below the supports": {Reserve: ptr(-1), Bidders: []auction.Bidder{
			{Type: auction.Uniform{Low: 0, High: 1}},
			{Type: auction.Power{Exponent: 2, Low: 0, High: 2}},
		}},
	}
	for name, a := range cases {
		t.Run(name, func(t *testing.T) {
			fast, err := auction.Solve(a, nil)
			if err != nil {
				t.Fatal(err)
			}
			if fast.Diagnostics()["spectral_degree"] == 0 {
				t.Fatalf("the collocation fast path was not used (diagnostics %v)", fast.Diagnostics())
			}
			if fast.Method != "collocation" {
				t.Errorf("method %q", fast.Method)
			}
			shot, err := auction.Solve(a, &auction.Options{Method: auction.Numerical})
			if err != nil {
				t.Fatal(err)
			}
			if shot.Diagnostics()["spectral_degree"] != 0 {
				t.Fatal("Options.Method = Numerical used the fast path")
			}
			near(t, "top bid", fast.TopBid, shot.TopBid, oracleTol)
			near(t, "lowest winning bid", fast.LowestWinningBid, shot.LowestWinningBid, oracleTol)
			near(t, "revenue", fast.Revenue, shot.Revenue, oracleTol)
			near(t, "efficiency loss", fast.EfficiencyLoss, shot.EfficiencyLoss, oracleTol)
			worst := 0.0
			for i, b := range a.Bidders {
				near(t, "win probability", fast.Bidders[i].WinProbability, shot.Bidders[i].WinProbability, oracleTol)
				near(t, "expected profit", fast.Bidders[i].ExpectedProfit, shot.Bidders[i].ExpectedProfit, oracleTol)
				lo, hi := b.Type.Support()
				for g := 0; g <= 100; g++ {
					v := lo + (hi-lo)*float64(g)/100
					d := math.Abs(fast.Bid(i, v) - shot.Bid(i, v))
					worst = math.Max(worst, d)
					if d > oracleTol {
						t.Errorf("bidder %d type %g: bid %.12g, shooting %.12g", i, v, fast.Bid(i, v), shot.Bid(i, v))
					}
				}
			}
			t.Logf("degree %g, largest bid difference %.2g, top bid difference %.2g, revenue difference %.2g",
				fast.Diagnostics()["spectral_degree"], worst, fast.TopBid-shot.TopBid, fast.Revenue-shot.Revenue)
		})
	}
}

// Outside its domain (a distribution without a smooth density, more
// than two bidders; different lower bounds and a binding reserve go to
// forward shooting, see forward_test.go) or where
// its series does not resolve the solution (a truncated normal density
// rising steeply from its lower bound against a uniform rival), the fast
// path steps aside and the result is exactly the shooting solver's.
func TestSpectralFallsBack(t *testing.T) {
	cases := map[string]*auction.Auction{
		"beta density vanishing at the top": {Bidders: []auction.Bidder{
			{Type: auction.Uniform{Low: 0, High: 1}},
			{Type: auction.Beta{Alpha: 2, Beta: 3, Low: 0, High: 1}},
		}},
		"three bidders": {Bidders: []auction.Bidder{
			{Type: auction.Uniform{Low: 0, High: 1}},
			{Type: auction.Power{Exponent: 2, Low: 0, High: 1}},
			{Type: auction.Power{Exponent: 3, Low: 0, High: 1}},
		}},
		"unresolved: steep truncated normal against uniform": {Bidders: []auction.Bidder{
			{Type: auction.TruncNormal{Mu: 0.6, Sigma: 0.2, Low: 0, High: 1.1}},
			{Type: auction.Uniform{Low: 0, High: 1}},
		}},
		"very steep truncated normal against uniform": {Bidders: []auction.Bidder{
			{Type: auction.TruncNormal{Mu: 0.6, Sigma: 0.05, Low: 0, High: 1}},
			{Type: auction.Uniform{Low: 0, High: 1}},
		}},
		"unresolved: procurement, steep truncated normal against uniform costs": {Form: auction.Procurement, Bidders: []auction.Bidder{
			{Type: auction.TruncNormal{Mu: 1.4, Sigma: 0.5, Low: 0.5, High: 2}},
			{Type: auction.Uniform{Low: 0.8, High: 2}},
		}},
	}
	for name, a := range cases {
		t.Run(name, func(t *testing.T) {
			fast, err := auction.Solve(a, nil)
			if err != nil {
				t.Fatal(err)
			}
			if d := fast.Diagnostics(); d["spectral_degree"] != 0 || d["patch_below_bid"] == 0 && d["bracket_width"] == 0 {
				t.Fatalf("expected the shooting solver, diagnostics %v", d)
			}
			shot, err := auction.Solve(a, &auction.Options{Method: auction.Numerical})
			if err != nil {
				t.Fatal(err)
			}
			if fast.Method != shot.Method || fast.TopBid != shot.TopBid || fast.Revenue != shot.Revenue {
				t.Errorf("auto: %s top bid %v revenue %v; shooting: %s %v %v", fast.Method, fast.TopBid, fast.Revenue, shot.Method, shot.TopBid, shot.Revenue)
			}
		})
	}
}

// The equilibrium found by collocation passes the package's best-response
// check (no type gains more than 1e-7 by deviating) and the seeded Monte
// Carlo check.
func TestSpectralVerify(t *testing.T) {
	r, err := auction.Solve(&auction.Auction{Bidders: []auction.Bidder{
		{Type: auction.TruncNormal{Mu: 0.5, Sigma: 0.5, Low: 0, High: 1}},
		{Type: auction.Power{Exponent: 2, Low: 0, High: 1.5}},
	}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if r.Diagnostics()["spectral_degree"] == 0 {
		t.Fatalf("fast path not used: %v", r.Diagnostics())
	}
	if v := r.Verify(auction.VerifyOptions{Seed: 11, Draws: 20000}); !v.Passed {
		t.Errorf("verification failed: gain %g (%s at %g), %+v", v.MaxDeviationGain, v.WorstBidder, v.WorstType, v.MonteCarlo)
	}
}
