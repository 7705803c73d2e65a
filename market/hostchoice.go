package market

import (
	"fmt"

	"github.com/infragame/infragame/finance"
	"github.com/infragame/infragame/lcc"
	"github.com/infragame/infragame/tender"
)

// HostEnv is what a host's evaluation of an offer depends on besides the
// offer: its real discount rate, inflation (for the Fisher rate of debt
// service) and study period.
type HostEnv struct {
	DiscountRate float64
	Inflation    float64
	Horizon      int
}

// Design is the part of an offer that the fast path precomputes: the
// technical design (construction time, delay before construction starts
// paying off, service life) and the loan terms (nil: no loan).
type Design struct {
	BuildYears  float64
	Delay       float64
	ServiceLife float64
	Loan        *finance.LoanTerms
}

// Factors are an offer design's present-value factors at a host, per unit
// of capital cost, of annual O&M and of the host's yearly service value:
//
//	CapexPV     = Capex·Capex1
//	LifecyclePV = Capex·Residual1 + OM·OM1   (residual value is negative)
//	debt service on a unit drawn = DebtServicePerUnit (0 without a loan)
//	ForgoneService = ServiceValue·Forgone1
//
// They are measured by evaluating unit offers with the tender engine, so
// the fast path and [tender.Evaluate] share every convention.
type Factors struct {
	Capex1, Residual1, OM1 float64
	DebtServicePerUnit     float64
	Forgone1               float64
	Opening                float64
}

// Quote is an offer for the fast path: price (the capital cost), annual
// O&M, share financed and the host's terms for it.
type Quote struct {
	Price, OM, Share float64
	// ShadowPrice λ of the host's public funds; every offer is paid through
	// the host's budget (tender's OnBudget).
	ShadowPrice float64
	// Guarantee is the host's guarantee cost per unit of principal when a
	// sovereign guarantee is required, else 0; TiedPenalty likewise for
	// tied procurement.
	Guarantee, TiedPenalty float64
	// TimeValue is the host's value of one year earlier opening (the
	// quasi-linear rule's Values.PerYear).
	TimeValue float64
	// ServiceValue is the host's value of one year of the project's
	// service (tender's Host.ServiceValue, > 0): it prices the service
	// forgone while the offer is built.
	ServiceValue float64
}

// Score returns the host's quasi-linear score of q under design factors f
// (tender.QuasiLinear with an on-budget offer signed at the decision date,
// no overrun, no local content or technology-transfer value):
//
//	C = (1+λ)·(Price·(Capex1·(1 − s + s·DSPU) + Residual1) + OM·OM1)
//	    + Guarantee·s·Price + TiedPenalty·Price       (cost at contract)
//	P = C + ServiceValue·Forgone1                    (plus service forgone)
//	S = −TimeValue·Opening − P
//
// It does not allocate.
func (f *Factors) Score(q *Quote) float64 {
	capPV := q.Price * f.Capex1
	equity := (1 - q.Share) * capPV
	debt := q.Share * capPV * f.DebtServicePerUnit
	life := q.Price*f.Residual1 + q.OM*f.OM1
	budget := equity + debt + life
	c := budget + q.ShadowPrice*budget + q.Guarantee*q.Share*q.Price + q.TiedPenalty*q.Price
	p := c + q.ServiceValue*f.Forgone1
	v := -q.TimeValue * f.Opening
	return v - p
}

// NewFactors measures the factors of design d at host h with the tender
// engine.
func NewFactors(h HostEnv, d Design) (Factors, error) {
	unit := func(capex, om float64) (tender.OfferResult, error) {
		t := FullTender(h, d, Quote{Price: capex, OM: om, Share: 1, ServiceValue: 1}, "unit")
		if d.Loan == nil {
			t.Offers[0].Share = 0
		}
		r, err := tender.Evaluate(t)
		if err != nil {
			return tender.OfferResult{}, err
		}
		return r.Offers[0], nil
	}
	a, err := unit(1, 0)
	if err != nil {
		return Factors{}, fmt.Errorf("market: design factors: %w", err)
	}
	b, err := unit(0, 1)
	if err != nil {
		return Factors{}, fmt.Errorf("market: design factors: %w", err)
	}
	return Factors{
		Capex1:             a.Financing.CapexPV,
		Residual1:          a.LCC.PV.Agency - a.Financing.CapexPV,
		OM1:                b.LCC.PV.Agency,
		DebtServicePerUnit: a.Financing.DebtServicePerUnit,
		Forgone1:           a.Financing.ForgoneService,
		Opening:            a.Opening,
	}, nil
}

// factorMemo remembers the factors of designs at hosts: the points of a
// sweep compile the scenario again and again, mostly with the same
// designs (a swept markup or budget changes none), and each measurement
// takes two full tender evaluations. The factors are a function of the
// host and the design alone, so a remembered value is the one NewFactors
// would return. A nil memo measures every time.
type factorMemo map[factorKey]Factors

// factorKey is a host and a design whose loan, if any, has no reference
// path and no repayment shares (the designs compile builds).
type factorKey struct {
	h                  HostEnv
	build, delay, life float64
	loan               bool
	principal, rate    float64
	spread, mat, grace float64
	currency           string
	profile            finance.Profile
	perYear            int
	firstAtGraceEnd    bool
}

// maxFactorMemo bounds a memo: it is emptied when full, so a sweep over a
// continuous design parameter (a new design at every point) does not grow
// it without bound.
const maxFactorMemo = 1 << 12

func (fm factorMemo) factors(h HostEnv, d Design) (Factors, error) {
	if fm == nil {
		return NewFactors(h, d)
	}
	k := factorKey{h: h, build: d.BuildYears, delay: d.Delay, life: d.ServiceLife}
	if l := d.Loan; l != nil {
		if l.ReferencePath != nil || l.RepaymentShares != nil {
			return NewFactors(h, d)
		}
		k.loan, k.principal, k.rate, k.spread, k.mat, k.grace = true, l.Principal, l.Rate, l.Spread, l.MaturityYears, l.GraceYears
		k.currency, k.profile, k.perYear, k.firstAtGraceEnd = l.Currency, l.Profile, l.PaymentsPerYear, l.FirstRepaymentAtGraceEnd
	}
	if f, ok := fm[k]; ok {
		return f, nil
	}
	f, err := NewFactors(h, d)
	if err != nil {
		return f, err
	}
	if len(fm) >= maxFactorMemo {
		clear(fm)
	}
	fm[k] = f
	return f, nil
}

// FullTender returns the one-offer tender that the fast path scores: the
// reference for [Factors.Score] (tender.Evaluate's quasi-linear score of
// its offer equals Score of q). Its offer has the given id.
func FullTender(h HostEnv, d Design, q Quote, id string) tender.Tender {
	t := tender.Tender{
		Analysis: lcc.Analysis{Horizon: h.Horizon, Inflation: h.Inflation, Convention: lcc.EndOfYear, Currency: "USD", PriceYear: 2015},
		Host: tender.Host{Name: "host", DiscountRate: h.DiscountRate, ShadowPrice: q.ShadowPrice,
			Rule: tender.QuasiLinear, Values: tender.Values{PerYear: q.TimeValue}, ServiceValue: q.ServiceValue},
	}
	o := tender.Offer{ID: id, Bidder: id,
		Asset:    lcc.Asset{Capex: q.Price, ConstructionYears: d.BuildYears, Delay: d.Delay, ServiceLife: d.ServiceLife, OM: q.OM},
		Share:    q.Share,
		OnBudget: true,
	}
	if d.Loan != nil && q.Share > 0 {
		l := *d.Loan
		o.Loan = &l
	} else {
		o.Share = 0
	}
	if q.Guarantee > 0 {
		o.GuaranteeRequired = true
		t.Host.GuaranteeCost = q.Guarantee
	}
	if q.TiedPenalty > 0 {
		o.Tied = true
		t.Host.TiedPenalty = q.TiedPenalty
	}
	t.Offers = []tender.Offer{o}
	return t
}

// loan returns plain loan terms: equal principal, semi-annual payments.
func loan(rate, maturity, grace float64) *finance.LoanTerms {
	return &finance.LoanTerms{Currency: "USD", Rate: rate, MaturityYears: maturity, GraceYears: grace,
		Profile: finance.EqualPrincipal, PaymentsPerYear: 2}
}
