package tender

import (
	"math"
	"strings"

	"github.com/infragame/infragame/mc"
)

// Evaluator evaluates one tender again and again while the values of its
// parameters change (sweep points, Monte Carlo draws), without allocating
// once its buffers have grown: the LCC of each offer is computed without
// cash-flow table or EIRR on reused buffers, and a loan's schedule is
// rebuilt in place, only when its terms change. The zero value is ready
// to use; an Evaluator must not be used by two goroutines at once.
type Evaluator struct {
	sc     scratch
	t      *Tender    // the tender validated at the first call
	offers []Offer    // its offers slice, to notice a new one
	params []mc.Param // its parameters (pointers into *t), weights left out
}

// Evaluate ranks the offers of t as [Evaluate] does, with the same
// scores, winner, runner-up, margin, financing terms and LCC present
// values, but the offers' LCC results carry neither cash flows nor EIRR
// and their items, like the Result's Offers and Criteria, share the
// Evaluator's buffers: they are valid until its next call.
//
// At the first call, or when t is another tender (or its offers slice was
// replaced), t is validated in full ([Tender.Validate]). At later calls
// only what a parameter can change is checked, without allocating: every
// value of [Tender.Params] in its range, the host's weights, and the loan
// terms. If a check fails, the error is that of Validate. So between calls
// change only parameter values (through the pointers of Params, Set or
// the fields themselves), not the structure: offers, loans, assets'
// phasing, components and hazards, rule, names.
func (e *Evaluator) Evaluate(t *Tender) (Result, error) {
	if e.t != t || !sameSlice(e.offers, t.Offers) || !e.valid(t) {
		if err := t.Validate(); err != nil {
			return Result{}, err
		}
		if e.t != t || !sameSlice(e.offers, t.Offers) {
			e.t, e.offers = t, t.Offers
			e.params = e.params[:0]
			for _, p := range t.Params() {
				if !strings.HasPrefix(p.Name, "host.weights.") { // Ptr is a copy
					e.params = append(e.params, p)
				}
			}
			e.sc = scratch{}
		}
	}
	return evaluate(t, &e.sc)
}

func sameSlice(a, b []Offer) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// valid reports whether the values that parameters can change pass the
// checks of Validate (its other checks concern the structure, which the
// first call validated). It never reports true when Validate would fail.
func (e *Evaluator) valid(t *Tender) bool {
	for _, p := range e.params {
		if p.Check(*p.Ptr) != nil {
			return false
		}
	}
	if t.Host.Rule == Weighted {
		sum := 0.0
		for _, w := range t.Host.Weights {
			if w < 0 || math.IsNaN(w) || math.IsInf(w, 0) {
				return false
			}
			sum += w
		}
		if !(sum > 0) {
			return false
		}
	}
	for i := range t.Offers {
		o := &t.Offers[i]
		if o.Share > 0 && o.Loan == nil {
			return false
		}
		if o.Loan != nil {
			l := *o.Loan
			l.Principal = 1
			if l.Currency == "" {
				l.Currency = "USD"
			}
			if l.Validate() != nil {
				return false
			}
		}
	}
	return true
}
