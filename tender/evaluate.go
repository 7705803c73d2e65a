package tender

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"

	"github.com/infragame/infragame/finance"
	"github.com/infragame/infragame/lcc"
	"github.com/infragame/infragame/units"
)

// Financing is the financing-adjusted cost of an offer, term by term, in PV
// at the host's discount rate (analysis currency and price year).
// Share is a decimal fraction; the JSON document writes it in percent
// (share_financed_pct, [Financing.MarshalJSON]).
type Financing struct {
	Share float64 `json:"-"`
	// CapexPV is the PV of the capital outlays (with overrun and delay).
	CapexPV float64 `json:"capex_pv"`
	// DebtServicePerUnit is the PV, at the host's nominal rate and at the
	// time of drawing, of the debt service on 1 unit borrowed, in host
	// currency (with the offer's FXDrift); without drift 1 - it is the
	// loan's grant element at the host's rate.
	DebtServicePerUnit float64 `json:"debt_service_per_unit"`
	// EquityPV = (1-Share)·CapexPV.
	EquityPV float64 `json:"equity_pv"`
	// DebtServicePV = Share·CapexPV·DebtServicePerUnit.
	DebtServicePV float64 `json:"debt_service_pv"`
	// LifecyclePV = agency LCC PV - CapexPV: O&M, renewals, expected
	// disaster loss, less residual value.
	LifecyclePV float64 `json:"lifecycle_pv"`
	// BudgetPV is the part paid through the budget or under guarantee:
	// everything when on budget, the debt service when only guaranteed.
	BudgetPV float64 `json:"budget_pv"`
	// FiscalPremium = ShadowPrice·BudgetPV.
	FiscalPremium float64 `json:"fiscal_premium"`
	// GuaranteeCost = host GuaranteeCost·Share·Capex·(1+Overrun) when a
	// guarantee is required (contingent liability).
	GuaranteeCost float64 `json:"guarantee_cost"`
	// TiedCost = host TiedPenalty·Price when procurement is tied.
	TiedCost float64 `json:"tied_cost"`
	// AtContract is the sum of the terms above except CapexPV, BudgetPV and
	// DebtServicePerUnit: the PV at the contract date of the host's costs
	// over Horizon years of service counted from opening.
	AtContract float64 `json:"at_contract"`
	// ContractYears is the time from the decision to the contract.
	ContractYears float64 `json:"contract_years"`
	// AtOpening = AtContract/D(T), T the construction time plus delay: the
	// cost compounded to the opening date, the cost of the service as it
	// starts. It never falls when T grows.
	AtOpening float64 `json:"at_opening"`
	// ServiceValue B is the PV at opening of Horizon years of service,
	// the same for every offer (see [DefaultServiceValue]).
	ServiceValue float64 `json:"service_value"`
	// ForgoneService = B·(1 - D(A+T)): the value of the service the host
	// forgoes by waiting A+T years (A = ContractYears) rather than having
	// it at once, PV at the decision date.
	ForgoneService float64 `json:"forgone_service"`
	// Total is the financing-adjusted host cost at the decision date,
	// D(A)·AtContract + ForgoneService = B - D(A+T)·(B - AtOpening). With
	// B ≥ AtOpening it never falls when A or T grows.
	Total float64 `json:"total"`
}

// ServiceHurdle is the real rate of return a public project must earn:
// 9 %, the economic opportunity cost of capital of ADB, "Guidelines for
// the Economic Analysis of Projects" (Asian Development Bank, 2017, §4,
// replacing the 10–12 % of its 1997 guidelines).
const ServiceHurdle = 0.09

// DefaultServiceValue is the PV at opening of Horizon years of service
// when the host gives no ServiceValue: the larger of (a) the service value
// at which the smallest capital outlay K among the offers just earns the
// hurdle rate, K·CRF(h, H) a year (h = [ServiceHurdle], H the horizon,
// CRF the capital recovery factor), valued at the host's rate over H
// years, and (b) the largest offer's AtOpening (a host that entertains an
// offer values the service at least at its cost). Part (b) makes the
// host cost of every offer non-decreasing in its contract time and
// construction time.
func DefaultServiceValue(k float64, horizon int, rate float64, conv lcc.Convention, atOpening []float64) float64 {
	b := 0.0
	if k > 0 {
		b = k / lcc.AnnuityFactor(ServiceHurdle, horizon, conv) * lcc.AnnuityFactor(rate, horizon, conv)
	}
	for _, c := range atOpening {
		b = math.Max(b, c)
	}
	return b
}

// CriterionScore is one criterion of the weighted rule for one offer.
type CriterionScore struct {
	Criterion    Criterion `json:"criterion"`
	Value        float64   `json:"value"`
	Normalised   float64   `json:"normalised"`
	Weight       float64   `json:"weight"` // share of the weight sum
	Contribution float64   `json:"contribution"`
}

// QuasiLinearScore is S = V - p for one offer.
type QuasiLinearScore struct {
	TimeValue         float64 `json:"time_value"`          // -PerYear·opening
	LocalContentValue float64 `json:"local_content_value"` // LocalContent·share·price
	TechTransferValue float64 `json:"tech_transfer_value"` // TechTransfer·score·price
	V                 float64 `json:"v"`
	P                 float64 `json:"p"` // financing-adjusted cost
	Score             float64 `json:"score"`
}

// OfferResult is the full breakdown for one offer.
type OfferResult struct {
	ID     string `json:"id"`
	Bidder string `json:"bidder"`
	Rank   int    `json:"rank"`
	// Score under the host's rule; higher wins (minus the cost for cost
	// rules).
	Score float64 `json:"score"`
	Price float64 `json:"price"`
	// Opening is construction time plus delay (years from the contract).
	Opening float64 `json:"opening_years"`
	// LCC is the life-cycle cost at the host's real discount rate (PV by
	// category, items; flows omitted).
	LCC         lcc.Result       `json:"lcc"`
	Financing   Financing        `json:"financing"`
	Criteria    []CriterionScore `json:"criteria,omitempty"`
	QuasiLinear QuasiLinearScore `json:"quasi_linear"`
}

// Result is an evaluated tender: offers ranked best first.
type Result struct {
	Rule      Rule   `json:"rule"`
	Currency  string `json:"currency"`
	PriceYear int    `json:"price_year"`
	Winner    string `json:"winner"`
	RunnerUp  string `json:"runner_up"`
	// Margin = score(winner) - score(runner-up) ≥ 0 (0 with one offer).
	Margin float64       `json:"margin"`
	Offers []OfferResult `json:"offers"`
	// Warnings name offers whose cost exceeds the value of their service,
	// so that a delay would lower their host cost.
	Warnings []string `json:"warnings,omitempty"`
}

// Evaluate validates t and ranks its offers under the host's rule. Ties
// keep the input order.
func Evaluate(t Tender) (Result, error) {
	if err := t.Validate(); err != nil {
		return Result{}, err
	}
	return evaluate(&t, nil)
}

// scratch is what a Monte Carlo worker keeps between runs: the LCC
// evaluator's buffers and, per offer, the debt service per unit of the
// last loan terms seen (the loan schedule is rebuilt only when a drawn
// input changes them).
type scratch struct {
	an     lcc.Analysis
	ev     lcc.Evaluator
	ds     []debtService
	sched  finance.Schedule
	out    []OfferResult
	offers []OfferResult
	idx    []int
	atOpen []float64
	vals   []float64          // one criterion's values (weighted rule)
	crit   [][]CriterionScore // each offer's criteria (weighted rule)
	items  [][]lcc.ItemPV     // each offer's LCC items
}

type debtService struct {
	key   [8]float64
	value float64
	ok    bool
}

// debtServicePerUnit is the PV of the debt service of one unit disbursed,
// discounted at (1+nominal)/(1+fxDrift) - 1.
// The schedule is built in s when s is not nil (reusing its rows).
func debtServicePerUnit(loan finance.LoanTerms, nominal, fxDrift float64, s *finance.Schedule) (float64, error) {
	l := loan
	l.Principal = 1
	if l.Currency == "" {
		l.Currency = "USD"
	}
	if s == nil {
		s = new(finance.Schedule)
	}
	if err := l.ScheduleInto(s); err != nil {
		return 0, err
	}
	// Debt service grows by (1+δ)^t in host currency: discount it at
	// (1+r)/(1+δ) - 1 instead of r.
	ds, disb := s.PV((1+nominal)/(1+fxDrift) - 1)
	return ds / disb, nil
}

// evaluate ranks the offers of t. With scratch (Monte Carlo runs) the
// offers' LCC are computed on its buffers, without cash-flow table or
// EIRR, and the inputs are not validated again.
func evaluate(t *Tender, sc *scratch) (Result, error) {
	an := t.Analysis
	an.DiscountRate = t.Host.DiscountRate
	an.FromOpening = true
	nominal := lcc.NominalRate(t.Host.DiscountRate, t.Analysis.Inflation)
	h := &t.Host
	res := Result{Rule: h.Rule, Currency: an.Currency, PriceYear: an.PriceYear}
	var out []OfferResult
	if sc != nil {
		if cap(sc.out) < len(t.Offers) {
			sc.out = make([]OfferResult, len(t.Offers))
		}
		out = sc.out[:len(t.Offers)]
	} else {
		out = make([]OfferResult, len(t.Offers))
	}
	for i := range t.Offers {
		o := &t.Offers[i]
		a := &o.Asset
		var r lcc.Result
		if sc != nil {
			sc.an = an // kept in sc: a pointer to the local would move it to the heap
			r = sc.ev.Costs(&sc.an, a)
			// The items share the LCC evaluator's buffer, which the next
			// offer overwrites: keep a copy per offer.
			for len(sc.items) < len(t.Offers) {
				sc.items = append(sc.items, nil)
			}
			sc.items[i] = append(sc.items[i][:0], r.Items...)
			r.Items = sc.items[i]
		} else {
			c := o.Asset.Clone()
			c.Name = o.ID
			var err error
			if r, err = lcc.Evaluate(an, c); err != nil {
				return Result{}, fmt.Errorf("offers[%d] (%s): %w", i, o.ID, err)
			}
			r.Flows = nil
		}
		or := OfferResult{ID: o.ID, Bidder: o.Bidder, Price: o.Price, Opening: r.Opening, LCC: r}
		if or.Price == 0 {
			or.Price = a.Capex
		}
		f := &or.Financing
		f.Share = o.Share
		for _, it := range r.Items {
			if it.Item == "capex" {
				f.CapexPV = it.PV
			}
		}
		if o.Loan != nil && o.Share > 0 {
			l := o.Loan
			key := [8]float64{l.Rate, l.MaturityYears, l.GraceYears, l.FrontEndFee, l.CommitmentFee, l.Spread, nominal, o.FXDrift}
			var c *debtService
			if sc != nil {
				if len(sc.ds) != len(t.Offers) {
					sc.ds = make([]debtService, len(t.Offers))
				}
				c = &sc.ds[i]
			}
			if c != nil && c.ok && c.key == key {
				f.DebtServicePerUnit = c.value
			} else {
				var s *finance.Schedule
				if sc != nil {
					s = &sc.sched
				}
				v, err := debtServicePerUnit(*l, nominal, o.FXDrift, s)
				if err != nil {
					return Result{}, fmt.Errorf("offers[%d] (%s).loan: %w", i, o.ID, err)
				}
				f.DebtServicePerUnit = v
				if c != nil {
					*c = debtService{key, v, true}
				}
			}
		}
		f.EquityPV = (1 - o.Share) * f.CapexPV
		f.DebtServicePV = o.Share * f.CapexPV * f.DebtServicePerUnit
		f.LifecyclePV = r.PV.Agency - f.CapexPV
		switch {
		case o.OnBudget:
			f.BudgetPV = f.EquityPV + f.DebtServicePV + f.LifecyclePV
		case o.GuaranteeRequired:
			f.BudgetPV = f.DebtServicePV
		}
		f.FiscalPremium = h.ShadowPrice * f.BudgetPV
		if o.GuaranteeRequired {
			f.GuaranteeCost = h.GuaranteeCost * o.Share * a.Capex * (1 + a.Overrun)
		}
		if o.Tied {
			f.TiedCost = h.TiedPenalty * or.Price
		}
		f.AtContract = f.EquityPV + f.DebtServicePV + f.LifecyclePV + f.FiscalPremium + f.GuaranteeCost + f.TiedCost
		f.ContractYears = o.ContractYears
		f.AtOpening = f.AtContract / shiftFactor(an.DiscountRate, r.Opening, an.Convention)
		q := &or.QuasiLinear
		q.TimeValue = -h.Values.PerYear * r.Opening
		if q.TimeValue == 0 {
			q.TimeValue = 0 // no negative zero in reports
		}
		q.LocalContentValue = h.Values.LocalContent * o.LocalContent * or.Price
		q.TechTransferValue = h.Values.TechTransfer * o.TechTransfer * or.Price
		out[i] = or
	}
	// The value of the service and the host cost at the decision date.
	var atOpen []float64
	if sc != nil {
		sc.atOpen = slices.Grow(sc.atOpen[:0], len(out))[:len(out)]
		atOpen = sc.atOpen
	} else {
		atOpen = make([]float64, len(out))
	}
	kmin := math.Inf(1)
	for i := range out {
		a := &t.Offers[i].Asset
		kmin = math.Min(kmin, a.Capex*(1+a.Overrun))
		atOpen[i] = out[i].Financing.AtOpening
	}
	b := DefaultServiceValue(kmin, an.Horizon, an.DiscountRate, an.Convention, atOpen)
	if h.ServiceValue > 0 {
		b = h.ServiceValue * lcc.AnnuityFactor(an.DiscountRate, an.Horizon, an.Convention)
	}
	for i := range out {
		f := &out[i].Financing
		o := &t.Offers[i]
		f.ServiceValue = b
		wait := o.ContractYears + out[i].Opening
		f.ForgoneService = b * (1 - shiftFactor(an.DiscountRate, wait, an.Convention))
		f.Total = shiftFactor(an.DiscountRate, o.ContractYears, an.Convention)*f.AtContract + f.ForgoneService
		if f.AtOpening > b*(1+1e-12) {
			res.Warnings = append(res.Warnings, fmt.Sprintf("offer %s costs %.6g at opening, more than the %.6g its service is worth (host.service_value): a delay would lower its cost", o.ID, f.AtOpening, b))
		}
		q := &out[i].QuasiLinear
		q.V = q.TimeValue + q.LocalContentValue + q.TechTransferValue
		q.P = f.Total
		q.Score = q.V - q.P
	}
	switch h.Rule {
	case LowestPrice:
		for i := range out {
			out[i].Score = -out[i].Price
		}
	case LowestLCC:
		for i := range out {
			out[i].Score = -out[i].LCC.PV.Agency
		}
	case FinancingAdjusted:
		for i := range out {
			out[i].Score = -out[i].Financing.Total
		}
	case QuasiLinear:
		for i := range out {
			out[i].Score = out[i].QuasiLinear.Score
		}
	case Weighted:
		weighted(t, out, sc)
	default:
		return Result{}, fmt.Errorf("host.rule: unknown %q", h.Rule)
	}
	var idx []int
	if sc != nil {
		idx, res.Offers = sc.idx[:0], sc.offers[:0]
	}
	for i := range out {
		idx = append(idx, i)
	}
	// insertion sort, best score first; stable, so ties keep input order
	for k := 1; k < len(idx); k++ {
		for j := k; j > 0 && out[idx[j]].Score > out[idx[j-1]].Score; j-- {
			idx[j], idx[j-1] = idx[j-1], idx[j]
		}
	}
	for k, i := range idx {
		out[i].Rank = k + 1
		res.Offers = append(res.Offers, out[i])
	}
	if sc != nil {
		sc.idx, sc.offers = idx, res.Offers
	}
	res.Winner = res.Offers[0].ID
	if len(res.Offers) > 1 {
		res.RunnerUp = res.Offers[1].ID
		res.Margin = res.Offers[0].Score - res.Offers[1].Score
	}
	return res, nil
}

// criterionValue returns the raw value of criterion c for offer i.
func criterionValue(t *Tender, o *OfferResult, i int, c Criterion) float64 {
	of := &t.Offers[i]
	b := func(x bool) float64 {
		if x {
			return 1
		}
		return 0
	}
	switch c {
	case CritPrice:
		return o.Price
	case CritLCC:
		return o.LCC.PV.Agency
	case CritFinancingCost:
		return o.Financing.Total
	case CritUserCost:
		return o.LCC.PV.User
	case CritHostCost:
		return o.LCC.PV.Host
	case CritConstructionTime:
		return o.Opening
	case CritGuarantee:
		return b(of.GuaranteeRequired)
	case CritTied:
		return b(of.Tied)
	case CritLocalContent:
		return of.LocalContent
	case CritTechTransfer:
		return of.TechTransfer
	}
	return math.NaN()
}

// weighted fills Criteria and Score: Score = Σ_c (w_c/Σw)·n_c. With
// scratch, the values and the offers' criteria use its buffers.
func weighted(t *Tender, out []OfferResult, sc *scratch) {
	h := &t.Host
	// Σw in the fixed order of Criteria, not the map's random order, so
	// the score is the same in every bit from run to run.
	sum := 0.0
	for _, c := range Criteria {
		sum += h.Weights[c]
	}
	if sc != nil {
		for len(sc.crit) < len(out) {
			sc.crit = append(sc.crit, nil)
		}
		for i := range out {
			out[i].Criteria = sc.crit[i][:0]
		}
	}
	for _, c := range Criteria {
		w, ok := h.Weights[c]
		if !ok {
			continue
		}
		var vals []float64
		if sc != nil {
			sc.vals = slices.Grow(sc.vals[:0], len(out))[:len(out)]
			vals = sc.vals
		} else {
			vals = make([]float64, len(out))
		}
		lo, hi := math.Inf(1), math.Inf(-1)
		for i := range out {
			vals[i] = criterionValue(t, &out[i], i, c)
			lo, hi = math.Min(lo, vals[i]), math.Max(hi, vals[i])
		}
		for i := range out {
			n := normalise(h.Normalisation, c.benefit(), vals[i], lo, hi)
			cs := CriterionScore{Criterion: c, Value: vals[i], Normalised: n, Weight: w / sum, Contribution: w / sum * n}
			out[i].Criteria = append(out[i].Criteria, cs)
			out[i].Score += cs.Contribution
		}
	}
	if sc != nil { // keep the grown buffers
		for i := range out {
			sc.crit[i] = out[i].Criteria
		}
	}
}

// normalise maps x in [lo, hi] to [0, 1] (1 best).
func normalise(n Normalisation, benefit bool, x, lo, hi float64) float64 {
	if n == Ratio {
		if benefit {
			if hi <= 0 {
				return 0
			}
			return x / hi
		}
		if x <= 0 || x == lo {
			return 1
		}
		return lo / x
	}
	if hi == lo {
		return 1
	}
	if benefit {
		return (x - lo) / (hi - lo)
	}
	return (hi - x) / (hi - lo)
}

// GrantElementAt returns the loan's grant element at the host's nominal
// rate, 1 - DebtServicePerUnit, or 0 without a loan.
func (f Financing) GrantElementAt() float64 {
	if f.DebtServicePerUnit == 0 {
		return 0
	}
	return 1 - f.DebtServicePerUnit
}

// shiftFactor is D(t), the factor by which moving every flow t years later
// multiplies its PV: exp(-d·t) under the continuous convention, (1+d)^-t
// under the others (the mid-year convention shifts with its flows).
func shiftFactor(d, t float64, c lcc.Convention) float64 {
	if c == lcc.Continuous {
		return math.Exp(-d * t)
	}
	return math.Pow(1+d, -t)
}

// MarshalJSON writes the terms with the financed share in percent of the
// price (share_financed_pct: 85 is 85 %).
func (f Financing) MarshalJSON() ([]byte, error) {
	type plain Financing
	return json.Marshal(struct {
		SharePct float64 `json:"share_financed_pct"`
		plain
	}{units.PercentOf(f.Share), plain(f)})
}
