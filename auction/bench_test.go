package auction_test

import (
	"testing"

	"github.com/infragame/infragame/auction"
)

func benchSolve(b *testing.B, a *auction.Auction, opt *auction.Options) {
	b.Helper()
	for b.Loop() {
		if _, err := auction.Solve(a, opt); err != nil {
			b.Fatal(err)
		}
	}
}

// Two asymmetric bidders, uniform against power 2, solved numerically.
func BenchmarkTwoBidderAsymmetric(b *testing.B) {
	benchSolve(b, &auction.Auction{Bidders: []auction.Bidder{
		{Type: auction.Uniform{Low: 0, High: 1}},
		{Type: auction.Power{Exponent: 2, Low: 0, High: 1}},
	}}, nil)
}

// The same pair of uniform bidders on [0, 1] and [0, 2], by the closed
// form and by the numerical solver.
func BenchmarkTwoUniformClosedForm(b *testing.B) {
	benchSolve(b, &auction.Auction{Bidders: []auction.Bidder{
		{Type: auction.Uniform{Low: 0, High: 1}},
		{Type: auction.Uniform{Low: 0, High: 2}},
	}}, nil)
}

func BenchmarkTwoUniformNumerical(b *testing.B) {
	benchSolve(b, &auction.Auction{Bidders: []auction.Bidder{
		{Type: auction.Uniform{Low: 0, High: 1}},
		{Type: auction.Uniform{Low: 0, High: 2}},
	}}, &auction.Options{Method: auction.Numerical})
}

// Ten bidders with different supports and distributions.
func BenchmarkTenBidders(b *testing.B) {
	benchSolve(b, tenBidders(), nil)
}

// Ten bidders with uniform values on different supports.
func BenchmarkTenUniformDifferentSupports(b *testing.B) {
	a := &auction.Auction{}
	for i := 0; i < 10; i++ {
		a.Bidders = append(a.Bidders, auction.Bidder{Type: auction.Uniform{Low: 0.02 * float64(i), High: 1 + 0.05*float64(i)}})
	}
	benchSolve(b, a, nil)
}

func BenchmarkVerifyTwoBidders(b *testing.B) {
	r, err := auction.Solve(&auction.Auction{Bidders: []auction.Bidder{
		{Type: auction.Uniform{Low: 0, High: 1}},
		{Type: auction.Power{Exponent: 2, Low: 0, High: 1}},
	}}, nil)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		r.Verify(auction.VerifyOptions{Seed: 1, Draws: 20000})
	}
}

// Two bidders outside the collocation domain: different lower bounds
// (uniform on [0.1, 1] against power 2 on [0, 1]), and a binding reserve
// (uniform against power 2 on [0, 1], reserve 0.3). The first takes the
// backward shooting path, the second forward shooting from the reserve.
func BenchmarkTwoBidderDifferentLow(b *testing.B) {
	benchSolve(b, &auction.Auction{Bidders: []auction.Bidder{
		{Type: auction.Uniform{Low: 0.1, High: 1}},
		{Type: auction.Power{Exponent: 2, Low: 0, High: 1}},
	}}, nil)
}

func BenchmarkTwoBidderReserve(b *testing.B) {
	r := 0.3
	benchSolve(b, &auction.Auction{Reserve: &r, Bidders: []auction.Bidder{
		{Type: auction.Uniform{Low: 0, High: 1}},
		{Type: auction.Power{Exponent: 2, Low: 0, High: 1}},
	}}, nil)
}
