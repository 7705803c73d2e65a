package web

import (
	"errors"
	"net/http"
	"strings"

	"github.com/infragame/infragame/auction"
)

// MaxAuctionDraws bounds the Monte Carlo verification of an auction on the
// web app (the command line takes up to auction.MaxDraws): the simulation
// cannot be stopped by the compute deadline.
const MaxAuctionDraws = 200_000

// auctionRoutes are the endpoints of the auction engine: the documents of
// `infragame auction solve` and `infragame auction bid`.
func (s *Server) auctionRoutes() []route {
	return []route{
		{Method: "POST", Pattern: "/api/v1/auction/solve", Summary: "Equilibrium bids, win probabilities, profits and revenue of an auction (infragame auction solve)", Handle: s.apiAuctionSolve},
		{Method: "POST", Pattern: "/api/v1/auction/bid", Summary: "One bidder's equilibrium bid at one type (infragame auction bid)", Handle: s.apiAuctionBid},
	}
}

// AuctionSolveRequest is the input of POST /api/v1/auction/solve: the text
// of an auction YAML file (docs/auction.md) and the options of `infragame
// auction solve`, with the same defaults.
type AuctionSolveRequest struct {
	Spec string `json:"spec"`
	// Grid is the number of types per bidder in the bid table (0: the
	// file's grid or 11).
	Grid      int  `json:"grid"`
	Numerical bool `json:"numerical"`
	// Verify runs the best-response check and a Monte Carlo simulation of
	// Draws auctions (default 50000, at most MaxAuctionDraws) from Seed
	// (default 1).
	Verify bool   `json:"verify"`
	Seed   uint64 `json:"seed"`
	Draws  int    `json:"draws"`
}

// label names the file in messages.
func parseAuctionSpec(label, text string) (*auction.Spec, error) {
	if strings.TrimSpace(text) == "" {
		return nil, badRequestf("spec", "spec: required: the text of an auction YAML file (docs/auction.md)")
	}
	sp, err := auction.ParseSpec(label, []byte(text))
	if err != nil {
		return nil, BadRequest("spec", err)
	}
	return sp, nil
}

func (s *Server) apiAuctionSolve(r *http.Request) (any, error) {
	req := AuctionSolveRequest{Seed: 1, Draws: 50000}
	label, err := decodeEngineRequest(r, "spec", &req)
	if err != nil {
		return nil, err
	}
	if req.Grid < 0 || req.Grid > auction.MaxGridPoints {
		return nil, badRequestf("grid", "grid: want 1 to %d types per bidder (0: the file's grid or 11), got %d", auction.MaxGridPoints, req.Grid)
	}
	if req.Draws < 1 || req.Draws > MaxAuctionDraws {
		return nil, badRequestf("draws", "draws: want 1 to %d on the web app (the command line takes more), got %d", MaxAuctionDraws, req.Draws)
	}
	sp, err := parseAuctionSpec(label, req.Spec)
	if err != nil {
		return nil, err
	}
	res, err := auction.SolveSpec(r.Context(), sp, auction.SpecOptions{GridPoints: req.Grid, Numerical: req.Numerical, Verify: req.Verify, Seed: req.Seed, Draws: req.Draws})
	return res, engineError("spec", err)
}

// AuctionBidRequest is the input of POST /api/v1/auction/bid, as
// `infragame auction bid FILE BIDDER TYPE`.
type AuctionBidRequest struct {
	Spec string `json:"spec"`
	// Bidder is a bidder's name or 1-based number.
	Bidder string `json:"bidder"`
	// Type is the value (value form), cost (procurement form) or cost type
	// θ (scoring form) at which the bid is wanted.
	Type *float64 `json:"type"`
}

func (s *Server) apiAuctionBid(r *http.Request) (any, error) {
	var req AuctionBidRequest
	label, err := decodeEngineRequest(r, "spec", &req)
	if err != nil {
		return nil, err
	}
	sp, err := parseAuctionSpec(label, req.Spec)
	if err != nil {
		return nil, err
	}
	if req.Type == nil {
		return nil, badRequestf("type", "type: required: the value, cost or cost type at which the bid is wanted")
	}
	i, err := sp.BidderIndex(req.Bidder)
	if err != nil {
		return nil, BadRequest("bidder", err)
	}
	q, err := auction.QuoteBid(r.Context(), sp, i, *req.Type)
	if errors.Is(err, auction.ErrOutsideSupport) {
		return nil, BadRequest("type", err)
	}
	return q, engineError("spec", err)
}
