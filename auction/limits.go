package auction

import (
	"errors"
	"fmt"
	"math"
)

// Limits on the size of an auction. The asymmetric solver's cost grows
// with the cube of the number of bidders (100 bidders take a few seconds),
// the bid table with the grid, and the distribution of an empirical type
// with its sample.
const (
	// MaxBidders is the largest number of bidders accepted.
	MaxBidders = 100
	// MaxGridPoints is the largest bid table per bidder.
	MaxGridPoints = 10_001
	// MaxNameLen is the longest bidder name, in bytes.
	MaxNameLen = 200
	// MaxSample is the largest empirical sample of one bidder's type.
	MaxSample = 100_000
	// MaxDraws is the largest Monte Carlo verification.
	MaxDraws = 10_000_000
	// MaxScaleRatio bounds the ratio of the widest to the narrowest support
	// among the bidders. The numerical solver integrates the inverse-bid
	// system at one absolute tolerance; beyond about 100× its shots lose
	// the far endpoint (the review's 300× case already fails the
	// best-response check, 1e10× crashed). Rescale the types, or analyse
	// the weak bidder separately.
	MaxScaleRatio = 100.0
)

// ErrLimit is returned, wrapped, when an auction exceeds a size limit.
var ErrLimit = errors.New("auction: size limit")

// checkScale returns an error if the supports' widths differ by more than
// MaxScaleRatio.
func checkScale(lo, hi []float64) error {
	wMin, wMax := math.Inf(1), 0.0
	for i := range lo {
		w := hi[i] - lo[i]
		if !(w > 0) || math.IsInf(w, 0) {
			continue
		}
		wMin, wMax = math.Min(wMin, w), math.Max(wMax, w)
	}
	if wMax > 0 && wMax/wMin > MaxScaleRatio {
		return fmt.Errorf("%w: the widest support is %.3g times the narrowest (at most %g): the numerical solver is not accurate across such scales; rescale the types or analyse the bidders separately", ErrLimit, wMax/wMin, MaxScaleRatio)
	}
	return nil
}

// checkBidders checks the count and names of n bidders.
func checkBidders(n int, name func(int) string) error {
	if n > MaxBidders {
		return &FieldError{"bidders", fmt.Errorf("%w: %d bidders, at most %d", ErrLimit, n, MaxBidders)}
	}
	for i := range n {
		if l := len(name(i)); l > MaxNameLen {
			return &FieldError{fmt.Sprintf("bidders[%d].name", i), fmt.Errorf("%w: %d bytes, at most %d", ErrLimit, l, MaxNameLen)}
		}
	}
	return nil
}
