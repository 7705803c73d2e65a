package auction_test

import (
	"context"
	"errors"
	"testing"

	"github.com/infragame/infragame/auction"
)

// A cancelled context stops the shooting solver (ten bidders) and the
// scoring solver built on it; the error wraps the context's cause.
func TestSolveContextCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := auction.SolveContext(ctx, tenBidders(), nil); !errors.Is(err, context.Canceled) {
		t.Errorf("ten bidders: err = %v, want context.Canceled", err)
	}
	two := &auction.Auction{Bidders: []auction.Bidder{
		{Type: auction.Uniform{Low: 0.1, High: 1}},
		{Type: auction.Power{Exponent: 2, Low: 0, High: 1}},
	}}
	if _, err := auction.SolveContext(ctx, two, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("two bidders: err = %v, want context.Canceled", err)
	}
	cause := errors.New("deadline of the test")
	ctx, cancelCause := context.WithCancelCause(context.Background())
	cancelCause(cause)
	if _, err := auction.SolveContext(ctx, two, &auction.Options{Method: auction.Numerical}); !errors.Is(err, cause) {
		t.Errorf("err = %v, want the cause", err)
	}
}

// A live context changes nothing.
func TestSolveContextSameResult(t *testing.T) {
	a, err := auction.Solve(tenBidders(), nil)
	if err != nil {
		t.Fatal(err)
	}
	b, err := auction.SolveContext(context.Background(), tenBidders(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if a.TopBid != b.TopBid || a.Revenue != b.Revenue {
		t.Errorf("top bid %v / %v, revenue %v / %v", a.TopBid, b.TopBid, a.Revenue, b.Revenue)
	}
}
