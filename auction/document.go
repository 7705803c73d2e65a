package auction

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
)

// SpecOptions tune [SolveSpec]. The zero value solves with the spec's grid
// and no verification.
type SpecOptions struct {
	// GridPoints is the number of types per bidder in the bid table, at
	// most [MaxGridPoints]; 0 means the spec's grid, or 11.
	GridPoints int
	// Numerical uses the numerical solver even where a closed form exists.
	Numerical bool
	// Verify runs the best-response check and the Monte Carlo simulation
	// ([Result.Verify]; for a scoring auction, on its pseudo-type auction).
	Verify bool
	// Seed and Draws configure the simulation (Draws at most [MaxDraws];
	// 0 means 50000).
	Seed  uint64
	Draws int
}

// SpecResult is the document [SolveSpec] returns. Exactly one of Result
// (value and procurement forms) and Scoring (scoring form) is set. Its
// JSON, what "infragame auction solve --format json" prints, is the
// result's fields with "verification" added when the check was run.
type SpecResult struct {
	Result       *Result
	Scoring      *ScoringResult
	Verification *Verification
}

// MarshalJSON writes the result's fields and, when set, "verification".
func (r *SpecResult) MarshalJSON() ([]byte, error) {
	var v any
	if r.Scoring != nil {
		v = struct {
			*ScoringResult
			Verification *Verification `json:"verification,omitempty"`
		}{r.Scoring, r.Verification}
	} else {
		v = struct {
			*Result
			Verification *Verification `json:"verification,omitempty"`
		}{r.Result, r.Verification}
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false) // the caller's encoder decides
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}

// Passed reports whether the verification, when it was run, passed.
func (r *SpecResult) Passed() bool { return r.Verification == nil || r.Verification.Passed }

// SolveSpec solves the auction of sp ([Solve] or [SolveScoring]) and, with
// opts.Verify, verifies the equilibrium. Bids, prices, profits and revenue
// are in the units of the types (values or costs). Options out of range
// give an error wrapping [ErrLimit]; a failed verification is reported in
// the result ([SpecResult.Passed]), not as an error.
func SolveSpec(ctx context.Context, sp *Spec, opts SpecOptions) (*SpecResult, error) {
	if opts.GridPoints < 0 || opts.GridPoints > MaxGridPoints {
		return nil, fmt.Errorf("%w: grid of %d types per bidder, want 1 to %d (0: the spec's or 11)", ErrLimit, opts.GridPoints, MaxGridPoints)
	}
	if opts.Draws < 0 || opts.Draws > MaxDraws {
		return nil, fmt.Errorf("%w: %d Monte Carlo draws, want 1 to %d (0: 50000)", ErrLimit, opts.Draws, MaxDraws)
	}
	opt := &Options{GridPoints: sp.GridPoints}
	if opts.GridPoints > 0 {
		opt.GridPoints = opts.GridPoints
	}
	if opts.Numerical {
		opt.Method = Numerical
	}
	vo := VerifyOptions{Seed: opts.Seed, Draws: opts.Draws}
	res := &SpecResult{}
	if sp.Scoring != nil {
		r, err := SolveScoringContext(ctx, sp.Scoring, opt)
		if err != nil {
			return nil, err
		}
		res.Scoring = r
		if opts.Verify {
			res.Verification = r.Pseudo.Verify(vo)
		}
		return res, nil
	}
	r, err := SolveContext(ctx, sp.Auction, opt)
	if err != nil {
		return nil, err
	}
	res.Result = r
	if opts.Verify {
		res.Verification = r.Verify(vo)
	}
	return res, nil
}

// Errors of [Spec.BidderIndex] and [QuoteBid].
var (
	ErrNoBidder       = errors.New("auction: no such bidder")
	ErrOutsideSupport = errors.New("auction: type outside the bidder's support")
)

// BidderNames lists the bidders' names, "bidderK" (1-based) for an unnamed
// bidder of a scoring auction.
func (sp *Spec) BidderNames() []string {
	var names []string
	if sp.Scoring != nil {
		for i, b := range sp.Scoring.Bidders {
			name := b.Name
			if name == "" {
				name = fmt.Sprintf("bidder%d", i+1)
			}
			names = append(names, name)
		}
		return names
	}
	for i := range sp.Auction.Bidders {
		names = append(names, sp.Auction.BidderName(i))
	}
	return names
}

// BidderIndex returns the 0-based index of the bidder named name or, when
// no bidder has that name, numbered name (1-based). Otherwise the error
// wraps [ErrNoBidder].
func (sp *Spec) BidderIndex(name string) (int, error) {
	names := sp.BidderNames()
	idx := -1
	for i, n := range names {
		if n == name {
			idx = i
		}
	}
	if idx >= 0 {
		return idx, nil
	}
	if k, err := strconv.Atoi(name); err == nil && k >= 1 && k <= len(names) {
		return k - 1, nil
	}
	return 0, fmt.Errorf("%w: %q (bidders: %v)", ErrNoBidder, name, names)
}

// TypeDist returns the type distribution of bidder i (0-based).
func (sp *Spec) TypeDist(i int) Dist {
	if sp.Scoring != nil {
		return sp.Scoring.Bidders[i].Type
	}
	return sp.Auction.Bidders[i].Type
}

// BidQuote is the document [QuoteBid] returns: the equilibrium bid of one
// bidder at one type. It is what "infragame auction bid --format json"
// prints.
type BidQuote struct {
	Bidder string `json:"bidder"`
	// TypeKind is value, cost or cost_type (θ of a scoring auction).
	TypeKind string  `json:"type_kind"`
	Type     float64 `json:"type"`
	// Quality and Score are the offer of a scoring auction's bidder.
	Quality *float64 `json:"quality,omitempty"`
	Score   *float64 `json:"score,omitempty"`
	// Bid is the bid: the price in procurement and scoring auctions, in
	// the units of the types.
	Bid float64 `json:"bid"`
}

// QuoteBid solves sp (with the default options) and returns the
// equilibrium bid of bidder i (0-based) at type t: a value (value form), a
// cost (procurement form) or the cost type θ (scoring form, which adds the
// quality and the score of the offer). A type outside the bidder's support,
// where the equilibrium bid is not defined, gives an error wrapping
// [ErrOutsideSupport].
func QuoteBid(ctx context.Context, sp *Spec, i int, t float64) (*BidQuote, error) {
	names := sp.BidderNames()
	if i < 0 || i >= len(names) {
		return nil, fmt.Errorf("%w: number %d of %d", ErrNoBidder, i+1, len(names))
	}
	if lo, hi := sp.TypeDist(i).Support(); !(t >= lo && t <= hi) {
		return nil, fmt.Errorf("%w: %s is outside %s's support [%s, %s]", ErrOutsideSupport,
			strconv.FormatFloat(t, 'g', -1, 64), names[i], strconv.FormatFloat(lo, 'g', -1, 64), strconv.FormatFloat(hi, 'g', -1, 64))
	}
	q := &BidQuote{Bidder: names[i], Type: t}
	if sp.Scoring != nil {
		res, err := SolveScoringContext(ctx, sp.Scoring, nil)
		if err != nil {
			return nil, err
		}
		o := res.Offer(i, t)
		quality, score := o.Quality, o.Score
		q.TypeKind, q.Quality, q.Score, q.Bid = "cost_type", &quality, &score, o.Price
		return q, nil
	}
	res, err := SolveContext(ctx, sp.Auction, nil)
	if err != nil {
		return nil, err
	}
	q.TypeKind = "value"
	if sp.Auction.Form == Procurement {
		q.TypeKind = "cost"
	}
	q.Bid = res.Bid(i, t)
	return q, nil
}
