package auction

import (
	"errors"
	"fmt"
	"math"
)

// Form says which bid wins and what the types mean.
type Form int

const (
	// ValueForm: the highest bid wins and pays its bid; a bidder's type is
	// its value v and its profit is v − b.
	ValueForm Form = iota
	// Procurement: the lowest price wins and is paid its price; a bidder's
	// type is its cost c and its profit is p − c. Internally a cost c is
	// the value −c and a price p the bid −p.
	Procurement
)

// String returns "value" or "procurement".
func (f Form) String() string {
	if f == Procurement {
		return "procurement"
	}
	return "value"
}

// MarshalText implements encoding.TextMarshaler.
func (f Form) MarshalText() ([]byte, error) { return []byte(f.String()), nil }

// ParseForm returns the form named s ("value" or "procurement").
func ParseForm(s string) (Form, error) {
	switch s {
	case "value", "":
		return ValueForm, nil
	case "procurement":
		return Procurement, nil
	}
	return 0, fmt.Errorf("auction: unknown form %q (want value or procurement)", s)
}

// Bidder is one participant: a name and the distribution of its private
// type (value or cost), independent across bidders.
type Bidder struct {
	Name string
	Type Dist
}

// Auction is a first-price sealed-bid auction with independent private
// types.
type Auction struct {
	Form Form
	// Reserve, when non-nil, is the minimum acceptable bid (value form) or
	// the maximum acceptable price, the price cap (procurement form).
	Reserve *float64
	Bidders []Bidder
}

// ErrNoTrade is returned when the reserve or price cap excludes every type
// of every bidder.
var ErrNoTrade = errors.New("auction: the reserve excludes every bidder")

// FieldError is a validation error located at a field path such as
// "bidders[1].type.high".
type FieldError struct {
	Path string
	Err  error
}

func (e *FieldError) Error() string { return e.Path + ": " + e.Err.Error() }
func (e *FieldError) Unwrap() error { return e.Err }

// Validate checks that there are at least two bidders with valid type
// distributions and that the reserve lets some type trade.
func (a *Auction) Validate() error {
	if a.Form != ValueForm && a.Form != Procurement {
		return &FieldError{"form", fmt.Errorf("unknown form %d", a.Form)}
	}
	if len(a.Bidders) < 2 {
		return &FieldError{"bidders", fmt.Errorf("need at least two bidders, got %d", len(a.Bidders))}
	}
	if err := checkBidders(len(a.Bidders), func(i int) string { return a.Bidders[i].Name }); err != nil {
		return err
	}
	seen := map[string]int{}
	for i, b := range a.Bidders {
		if b.Type == nil {
			return &FieldError{fmt.Sprintf("bidders[%d].type", i), errors.New("missing distribution")}
		}
		if err := b.Type.Validate(); err != nil {
			return &FieldError{fmt.Sprintf("bidders[%d].type", i), err}
		}
		if b.Name != "" {
			if j, ok := seen[b.Name]; ok {
				return &FieldError{fmt.Sprintf("bidders[%d].name", i), fmt.Errorf("%q already names bidders[%d]", b.Name, j)}
			}
			seen[b.Name] = i
		}
	}
	if a.Reserve != nil {
		r := *a.Reserve
		if math.IsNaN(r) || math.IsInf(r, 0) {
			return &FieldError{"reserve", fmt.Errorf("must be finite, got %g", r)}
		}
		ok := false
		for _, b := range a.Bidders {
			lo, hi := b.Type.Support()
			if a.Form == ValueForm && hi > r || a.Form == Procurement && lo < r {
				ok = true
			}
		}
		if !ok {
			what := "above every bidder's highest value"
			if a.Form == Procurement {
				what = "below every bidder's lowest cost"
			}
			return &FieldError{"reserve", fmt.Errorf("%w: %g is %s", ErrNoTrade, r, what)}
		}
	}
	lo, hi := make([]float64, len(a.Bidders)), make([]float64, len(a.Bidders))
	for i, b := range a.Bidders {
		lo[i], hi[i] = b.Type.Support()
	}
	if err := checkScale(lo, hi); err != nil {
		return &FieldError{"bidders", err}
	}
	return nil
}

// BidderName returns the name of bidder i, or "bidder<i+1>" when unnamed.
func (a *Auction) BidderName(i int) string {
	if a.Bidders[i].Name != "" {
		return a.Bidders[i].Name
	}
	return fmt.Sprintf("bidder%d", i+1)
}

// valueDists returns the bidders' distributions and the reserve in value
// coordinates (a procurement cost c becomes the value −c).
func (a *Auction) valueDists() ([]Dist, float64) {
	d := make([]Dist, len(a.Bidders))
	r := math.Inf(-1)
	for i, b := range a.Bidders {
		d[i] = wrapCached(b.Type)
		if a.Form == Procurement {
			d[i] = reflected{d[i]}
		}
	}
	if a.Reserve != nil {
		r = *a.Reserve
		if a.Form == Procurement {
			r = -r
		}
	}
	return d, r
}
