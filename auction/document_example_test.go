package auction_test

import (
	"context"
	"fmt"

	"github.com/infragame/infragame/auction"
)

const issueSpec = `form: value
reserve: 0.25
bidders:
  - name: weak
    type: {dist: uniform, low: 0, high: 1}
  - name: strong
    type: {dist: power, exponent: 2, low: 0, high: 1}
`

func ExampleSolveSpec() {
	sp, err := auction.ParseSpec("issue.yaml", []byte(issueSpec))
	if err != nil {
		panic(err)
	}
	res, err := auction.SolveSpec(context.Background(), sp, auction.SpecOptions{GridPoints: 3, Verify: true, Seed: 1, Draws: 20000})
	if err != nil {
		panic(err)
	}
	for _, b := range res.Result.Bidders {
		fmt.Printf("%s wins with probability %.3f\n", b.Name, b.WinProbability)
	}
	fmt.Printf("revenue %.3f, verified: %v\n", res.Result.Revenue, res.Passed())
	// Output:
	// weak wins with probability 0.407
	// strong wins with probability 0.577
	// revenue 0.451, verified: true
}

func ExampleQuoteBid() {
	sp, err := auction.ParseSpec("issue.yaml", []byte(issueSpec))
	if err != nil {
		panic(err)
	}
	i, err := sp.BidderIndex("weak")
	if err != nil {
		panic(err)
	}
	q, err := auction.QuoteBid(context.Background(), sp, i, 0.5)
	if err != nil {
		panic(err)
	}
	fmt.Printf("%s bids %.4f at %s %g\n", q.Bidder, q.Bid, q.TypeKind, q.Type)
	_, err = auction.QuoteBid(context.Background(), sp, i, 2)
	fmt.Println(err)
	// Output:
	// weak bids 0.3542 at value 0.5
	// auction: type outside the bidder's support: 2 is outside weak's support [0, 1]
}
