package auction_test

import (
	"fmt"

	"github.com/infragame/infragame/auction"
)

// Two exporters bid a price for a contract; costs are uniform on [1, 2]
// for one and on [0, 2] for the other, which mirrors Plum's closed form.
func ExampleSolve_procurement() {
	a := &auction.Auction{
		Form: auction.Procurement,
		Bidders: []auction.Bidder{
			{Name: "high-cost", Type: auction.Uniform{Low: 1, High: 2}},
			{Name: "low-cost", Type: auction.Uniform{Low: 0, High: 2}},
		},
	}
	r, err := auction.Solve(a, nil)
	if err != nil {
		panic(err)
	}
	fmt.Println(r.Method)
	fmt.Printf("lowest price %.4f, highest winning price %.4f\n", r.LowestWinningBid, r.TopBid)
	fmt.Printf("price of the low-cost bidder at cost 1: %.4f\n", r.Bid(1, 1))
	for _, b := range r.Bidders {
		fmt.Printf("%s wins with probability %.4f\n", b.Name, b.WinProbability)
	}
	// Output:
	// closed-form two uniform (Plum 1992)
	// lowest price 1.3333, highest winning price 2.0000
	// price of the low-cost bidder at cost 1: 1.5695
	// high-cost wins with probability 0.3333
	// low-cost wins with probability 0.6667
}

// The best-response check and a seeded simulation confirm an
// equilibrium found numerically (by the two-bidder collocation path).
func ExampleResult_Verify() {
	r, err := auction.Solve(&auction.Auction{Bidders: []auction.Bidder{
		{Name: "weak", Type: auction.Uniform{Low: 0, High: 1}},
		{Name: "strong", Type: auction.Power{Exponent: 2, Low: 0, High: 1}},
	}}, nil)
	if err != nil {
		panic(err)
	}
	v := r.Verify(auction.VerifyOptions{Seed: 1, Draws: 20000})
	fmt.Println(r.Method, v.Passed, v.MaxDeviationGain < 1e-7)
	// Output:
	// collocation true true
}

// Concessional finance as a weight on price in a first-score auction.
func ExampleSolveScoring() {
	a := &auction.ScoringAuction{
		Score:      auction.LinearScore{Coef: 2},
		QualityMin: 0, QualityMax: 10,
		Bidders: []auction.ScoringBidder{
			{Name: "loan", Type: auction.Uniform{Low: 1, High: 2}, Cost: auction.PowerCost{Fixed: 1, Scale: 0.5, Exponent: 2}, PriceWeight: 0.8},
			{Name: "cash", Type: auction.Uniform{Low: 1, High: 2}, Cost: auction.PowerCost{Fixed: 1, Scale: 0.5, Exponent: 2}},
		},
	}
	r, err := auction.SolveScoring(a, nil)
	if err != nil {
		panic(err)
	}
	o := r.Offer(0, 1.5)
	fmt.Printf("loan bidder at θ=1.5 offers quality %.4f at price %.4f\n", o.Quality, o.Price)
	fmt.Printf("win probabilities %.3f %.3f\n", r.Bidders[0].WinProbability, r.Bidders[1].WinProbability)
	// Output:
	// loan bidder at θ=1.5 offers quality 1.6667 at price 4.4400
	// win probabilities 0.656 0.344
}
