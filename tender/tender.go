package tender

import (
	"encoding/json"
	"errors"
	"fmt"
	"github.com/infragame/infragame/internal/parseerr"
	"math"
	"sort"
	"strings"

	"github.com/infragame/infragame/finance"
	"github.com/infragame/infragame/lcc"
	"github.com/infragame/infragame/mc"
	"github.com/infragame/infragame/units"
)

// Rule is a host's evaluation rule.
type Rule string

// The evaluation rules. Every rule yields a score where higher is better;
// for the cost rules the score is minus the cost.
const (
	// LowestPrice ranks by the bid price (undiscounted contract price).
	LowestPrice Rule = "lowest_price"
	// LowestLCC ranks by the PV of agency life-cycle cost at the host's
	// discount rate (package lcc).
	LowestLCC Rule = "lowest_lcc"
	// FinancingAdjusted ranks by the PV of the host's own cash flows; see
	// the package documentation.
	FinancingAdjusted Rule = "financing_adjusted"
	// Weighted ranks by a weighted sum of normalised criteria.
	Weighted Rule = "weighted"
	// QuasiLinear ranks by the quasi-linear score S = V(q) - p of Che
	// (1993), with p the financing-adjusted cost and V the money value of
	// the non-price attributes.
	QuasiLinear Rule = "quasi_linear"
)

// Rules lists the rules.
var Rules = []Rule{LowestPrice, LowestLCC, FinancingAdjusted, Weighted, QuasiLinear}

// Criterion is a criterion of the weighted rule.
type Criterion string

// The criteria of the weighted rule. Cost criteria (lower is better):
// price, lcc, financing_cost, user_cost, host_cost, construction_time,
// guarantee (1 if required), tied (1 if tied). Benefit criteria (higher is
// better): local_content, tech_transfer.
const (
	CritPrice            Criterion = "price"
	CritLCC              Criterion = "lcc"
	CritFinancingCost    Criterion = "financing_cost"
	CritUserCost         Criterion = "user_cost"
	CritHostCost         Criterion = "host_cost"
	CritConstructionTime Criterion = "construction_time"
	CritGuarantee        Criterion = "guarantee"
	CritTied             Criterion = "tied"
	CritLocalContent     Criterion = "local_content"
	CritTechTransfer     Criterion = "tech_transfer"
)

// Criteria lists the criteria in report order.
var Criteria = []Criterion{CritPrice, CritLCC, CritFinancingCost, CritUserCost, CritHostCost,
	CritConstructionTime, CritGuarantee, CritTied, CritLocalContent, CritTechTransfer}

func (c Criterion) benefit() bool { return c == CritLocalContent || c == CritTechTransfer }

// Normalisation maps criterion values to [0, 1] for the weighted rule.
type Normalisation string

const (
	// MinMax: cost (max-x)/(max-min), benefit (x-min)/(max-min); 1 for every
	// offer when all values are equal.
	MinMax Normalisation = "minmax"
	// Ratio: cost min/x, benefit x/max (values must be > 0 where used; a
	// value of 0 scores 1 for cost and 0 for benefit when max = 0).
	Ratio Normalisation = "ratio"
)

// Values holds the host's money values of non-price attributes for the
// quasi-linear rule, in analysis currency.
type Values struct {
	// PerYear is the value of opening one year earlier (currency per year of
	// construction time saved).
	PerYear float64
	// LocalContent is the value of local content per unit share, as a share
	// of the price: V includes LocalContent·share·price.
	LocalContent float64
	// TechTransfer is the value of full technology transfer (score 1) as a
	// share of the price.
	TechTransfer float64
}

// Host is the host country's evaluation profile.
type Host struct {
	Name string
	// DiscountRate is the host's real discount rate (decimal). Loan debt
	// service, which is nominal, is discounted at the Fisher rate
	// (1+DiscountRate)(1+Analysis.Inflation)-1.
	DiscountRate float64
	// ShadowPrice λ ≥ 0 is the host's value of fiscal space: each unit of
	// present value paid through the budget or under a sovereign guarantee
	// costs 1+λ.
	ShadowPrice float64
	// GuaranteeCost is an extra cost of issuing a sovereign guarantee, as a
	// share of the guaranteed principal (0 if the guarantee's cost is fully
	// captured by ShadowPrice).
	GuaranteeCost float64
	// TiedPenalty is the cost of tied procurement as a share of the price
	// (lost competition).
	TiedPenalty float64
	Rule        Rule
	// Weights of the weighted rule by criterion (≥ 0, sum > 0).
	Weights       map[Criterion]float64
	Normalisation Normalisation
	Values        Values
	// ServiceValue is the host's value of one year of the project's service
	// (analysis currency per year, constant prices). It prices the service
	// the host forgoes while it waits for an offer to open. 0 selects the
	// default of [DefaultServiceValue]; a value so low that an offer costs
	// more than its service is worth lets a delay lower that offer's cost,
	// and the result says so in its warnings.
	ServiceValue float64
}

// Conditions are the conditions a lender attaches to its loan beyond price
// and guarantee (the guarantee is Offer.GuaranteeRequired).
type Conditions struct {
	// Safeguards: the lender's own environmental and social safeguards and
	// procurement rules apply (World Bank, ADB, JICA guidelines).
	Safeguards bool
	// Policy: policy or governance conditions (reforms, an integrity
	// investigation, prior actions) must be met before or during
	// disbursement.
	Policy bool
}

// Index is the share of the two conditions attached, in [0, 1].
func (c Conditions) Index() float64 {
	n := 0.0
	if c.Safeguards {
		n++
	}
	if c.Policy {
		n++
	}
	return n / 2
}

// ForeignControl is a foreign party's control of the asset under an offer:
// its share of the operating company or equity and the years it holds it.
type ForeignControl struct {
	Share float64
	Years float64
}

// Index is Share·min(1, Years/99): a 99-year lease (the longest common
// term, e.g. Hambantota 2017) counts fully.
func (f ForeignControl) Index() float64 { return f.Share * math.Min(1, f.Years/99) }

// Offer is one bid: technical content, financing and attributes.
type Offer struct {
	ID     string
	Bidder string
	// Asset is the technical offer; its Name is set to ID.
	Asset lcc.Asset
	// Price is the contract price for the lowest-price rule; 0 means
	// Asset.Capex.
	Price float64
	// Loan is the financing offered (Principal is ignored: the loan covers
	// Share of the capital cost as it is spent). Nil means none.
	Loan *finance.LoanTerms
	// Share of the capital cost financed by Loan, in [0, 1].
	Share float64
	// FXDrift is the expected annual change in the value of the loan
	// currency in host-currency terms (decimal; 0.03 = the loan currency
	// gains 3 % a year against the host's). Debt service in host terms grows
	// by (1+FXDrift)^t, so it is discounted at (1+r)/(1+FXDrift) - 1 with r
	// the host's nominal rate. 0 ignores currency risk.
	FXDrift float64
	// OnBudget: the host government pays the equity and the debt service
	// through its budget (a sovereign borrower). False for business-to-
	// business structures whose borrower is a project company.
	OnBudget bool
	// GuaranteeRequired: a sovereign guarantee of the loan is required.
	GuaranteeRequired bool
	// Tied: procurement is tied to the lender's suppliers.
	Tied bool
	// LocalContent and TechTransfer are shares/scores in [0, 1].
	LocalContent, TechTransfer float64
	// ContractYears is the time from the host's decision to the contract
	// (loan approval and signature), in years; construction starts then.
	// Every cash flow and the opening move later by it.
	ContractYears float64
	// Conditions attached by the lender.
	Conditions Conditions
	// Control is the foreign control of the asset the offer implies.
	Control ForeignControl
	// IdealPointDistance is |θ_host − θ_lender|, the distance between the
	// host's and the lender country's UN General Assembly ideal points
	// (Bailey, Strezhnev and Voeten 2017) in the contest year; 0 for the
	// host's own funding and when unknown (neutral).
	IdealPointDistance float64
}

// Tender is a contest: the analysis settings, the host and the offers.
type Tender struct {
	// Analysis gives horizon, convention, inflation, currency and price
	// year; its DiscountRate is replaced by Host.DiscountRate.
	Analysis lcc.Analysis
	Host     Host
	Offers   []Offer
	// Uncertain maps parameter names (see [Tender.Params]) to distributions
	// for [Simulate]; deterministic evaluations use the values in place.
	Uncertain map[string]mc.Dist
}

// Clone returns a deep copy of t.
func (t Tender) Clone() Tender {
	offers := make([]Offer, len(t.Offers))
	for i, o := range t.Offers {
		o.Asset = o.Asset.Clone()
		if o.Loan != nil {
			l := *o.Loan
			l.ReferencePath = append([]float64(nil), l.ReferencePath...)
			l.RepaymentShares = append([]float64(nil), l.RepaymentShares...)
			l.Disbursement = append([]float64(nil), l.Disbursement...)
			o.Loan = &l
		}
		offers[i] = o
	}
	t.Offers = offers
	if t.Host.Weights != nil {
		w := make(map[Criterion]float64, len(t.Host.Weights))
		for k, v := range t.Host.Weights {
			w[k] = v
		}
		t.Host.Weights = w
	}
	return t
}

// Params returns every numeric input by name, aliasing t: analysis.inflation;
// host.discount_rate, host.shadow_price, host.guarantee_cost,
// host.tied_penalty, host.weights.CRITERION, host.values.{per_year,
// local_content,tech_transfer}; and for each offer ID: offers.ID.price,
// offers.ID.share_financed, offers.ID.fx_drift, offers.ID.local_content, offers.ID.tech_transfer,
// offers.ID.loan.{rate,maturity_years,grace_years,front_end_fee,
// commitment_fee} and offers.ID.PARAM for every [lcc.Asset.Params] name.
func (t *Tender) Params() []mc.Param {
	inf := math.Inf(1)
	h := &t.Host
	ps := []mc.Param{
		{Name: "analysis.inflation", Ptr: &t.Analysis.Inflation, Lo: -1, Hi: inf, LoOpen: true},
		{Name: "host.discount_rate", Ptr: &h.DiscountRate, Lo: -1, Hi: inf, LoOpen: true},
		{Name: "host.shadow_price", Ptr: &h.ShadowPrice, Lo: 0, Hi: inf},
		{Name: "host.guarantee_cost", Ptr: &h.GuaranteeCost, Lo: 0, Hi: inf},
		{Name: "host.tied_penalty", Ptr: &h.TiedPenalty, Lo: 0, Hi: inf},
		{Name: "host.service_value", Ptr: &h.ServiceValue, Lo: 0, Hi: inf},
		{Name: "host.values.per_year", Ptr: &h.Values.PerYear, Lo: -inf, Hi: inf},
		{Name: "host.values.local_content", Ptr: &h.Values.LocalContent, Lo: -inf, Hi: inf},
		{Name: "host.values.tech_transfer", Ptr: &h.Values.TechTransfer, Lo: -inf, Hi: inf},
	}
	if h.Weights != nil {
		for _, c := range Criteria {
			if _, ok := h.Weights[c]; ok {
				// Map values are not addressable: the weights are written
				// back by syncWeights after a change.
				v := h.Weights[c]
				ps = append(ps, mc.Param{Name: "host.weights." + string(c), Ptr: &v, Lo: 0, Hi: inf})
			}
		}
	}
	for i := range t.Offers {
		o := &t.Offers[i]
		p := "offers." + o.ID + "."
		ps = append(ps,
			mc.Param{Name: p + "price", Ptr: &o.Price, Lo: 0, Hi: inf},
			mc.Param{Name: p + "share_financed", Ptr: &o.Share, Lo: 0, Hi: 1},
			mc.Param{Name: p + "fx_drift", Ptr: &o.FXDrift, Lo: -1, Hi: inf, LoOpen: true},
			mc.Param{Name: p + "local_content", Ptr: &o.LocalContent, Lo: 0, Hi: 1},
			mc.Param{Name: p + "tech_transfer", Ptr: &o.TechTransfer, Lo: 0, Hi: 1},
			mc.Param{Name: p + "contract_years", Ptr: &o.ContractYears, Lo: 0, Hi: 50},
			mc.Param{Name: p + "control.share", Ptr: &o.Control.Share, Lo: 0, Hi: 1},
			mc.Param{Name: p + "control.years", Ptr: &o.Control.Years, Lo: 0, Hi: 999},
			mc.Param{Name: p + "ideal_point_distance", Ptr: &o.IdealPointDistance, Lo: 0, Hi: 10},
		)
		if o.Loan != nil {
			l := o.Loan
			ps = append(ps,
				mc.Param{Name: p + "loan.rate", Ptr: &l.Rate, Lo: 0, Hi: 1},
				mc.Param{Name: p + "loan.maturity_years", Ptr: &l.MaturityYears, Lo: 0, Hi: 100, LoOpen: true},
				mc.Param{Name: p + "loan.grace_years", Ptr: &l.GraceYears, Lo: 0, Hi: 100},
				mc.Param{Name: p + "loan.front_end_fee", Ptr: &l.FrontEndFee, Lo: 0, Hi: 1},
				mc.Param{Name: p + "loan.commitment_fee", Ptr: &l.CommitmentFee, Lo: 0, Hi: 1},
			)
		}
		for _, ap := range o.Asset.Params() {
			ap.Name = p + ap.Name
			ps = append(ps, ap)
		}
	}
	return ps
}

// Set sets the parameter called name to v (validating its range) and
// returns an error listing the valid names if there is none.
func (t *Tender) Set(name string, v float64) error {
	if c, ok := strings.CutPrefix(name, "host.weights."); ok {
		crit := Criterion(c)
		if _, ok := t.Host.Weights[crit]; ok {
			if v < 0 || math.IsNaN(v) || math.IsInf(v, 0) {
				return parseerr.Fieldf(name, "must be a finite weight ≥ 0, got %g", v)
			}
			t.Host.Weights[crit] = v
			return nil
		}
	}
	p, err := mc.FindParam(t.Params(), name)
	if err != nil {
		return err
	}
	if err := p.Check(v); err != nil {
		return err
	}
	*p.Ptr = v
	return nil
}

// Get returns the value of the parameter called name.
func (t *Tender) Get(name string) (float64, error) {
	p, err := mc.FindParam(t.Params(), name)
	if err != nil {
		return 0, err
	}
	return *p.Ptr, nil
}

// ParseRule reads a rule name.
func ParseRule(s string) (Rule, error) {
	for _, r := range Rules {
		if string(r) == s {
			return r, nil
		}
	}
	names := make([]string, len(Rules))
	for i, r := range Rules {
		names[i] = string(r)
	}
	return "", fmt.Errorf("unknown rule %q (want %s)", s, strings.Join(names, ", "))
}

// Validate checks the tender; errors name the field path.
func (t *Tender) Validate() error {
	var errs []error
	an := t.Analysis
	an.DiscountRate = t.Host.DiscountRate
	if err := an.Validate(); err != nil {
		errs = append(errs, parseerr.Prefix("analysis", err))
	}
	h := &t.Host
	if _, err := ParseRule(string(h.Rule)); err != nil {
		errs = append(errs, parseerr.Prefix("host.rule", err))
	}
	if h.Rule == Weighted {
		sum := 0.0
		for _, c := range sortedCriteria(h.Weights) {
			w := h.Weights[c]
			known := false
			for _, k := range Criteria {
				known = known || k == c
			}
			if !known {
				errs = append(errs, parseerr.Fieldf(fmt.Sprintf("host.weights.%s", c), "unknown criterion (want one of %v)", Criteria))
			}
			if w < 0 || math.IsNaN(w) || math.IsInf(w, 0) {
				errs = append(errs, parseerr.Fieldf(fmt.Sprintf("host.weights.%s", c), "must be a finite weight ≥ 0, got %g", w))
			}
			sum += w
		}
		if !(sum > 0) {
			errs = append(errs, parseerr.Fieldf("host.weights", "the weights sum to zero; give at least one positive weight"))
		}
		if h.Normalisation != MinMax && h.Normalisation != Ratio {
			errs = append(errs, parseerr.Fieldf("host.normalisation", "%q (want minmax or ratio)", h.Normalisation))
		}
	}
	for _, p := range t.Params() {
		if strings.HasPrefix(p.Name, "offers.") {
			continue
		}
		if err := p.Check(*p.Ptr); err != nil {
			errs = append(errs, err)
		}
	}
	if len(t.Offers) == 0 {
		errs = append(errs, parseerr.Fieldf("offers", "none given"))
	}
	if len(t.Uncertain) > 0 {
		ps := t.Params()
		for _, name := range sortedDistKeys(t.Uncertain) {
			if _, err := mc.FindParam(ps, name); err != nil {
				errs = append(errs, parseerr.AtField("uncertain", fmt.Errorf("%q: %w", name, err)))
			} else if strings.HasPrefix(name, "host.weights.") {
				errs = append(errs, parseerr.Fieldf("uncertain", "%q: weights cannot be uncertain", name))
			} else if err := t.Uncertain[name].Validate(); err != nil {
				errs = append(errs, parseerr.Fieldf(name, "%w", err))
			}
		}
	}
	seen := map[string]bool{}
	for i := range t.Offers {
		o := &t.Offers[i]
		pre := fmt.Sprintf("offers[%d]", i)
		if o.ID == "" || strings.ContainsAny(o.ID, ". ") {
			errs = append(errs, parseerr.Fieldf(fmt.Sprintf("%s.id", pre), "must be a non-empty name without dots or spaces"))
		} else if seen[o.ID] {
			errs = append(errs, parseerr.Fieldf(fmt.Sprintf("%s.id", pre), "duplicate %q", o.ID))
		}
		seen[o.ID] = true
		if err := o.Asset.Validate(); err != nil {
			errs = append(errs, parseerr.Prefix(pre+".asset", err))
		}
		for _, c := range []struct {
			n string
			v float64
		}{{"share", o.Share}, {"local_content", o.LocalContent}, {"tech_transfer", o.TechTransfer}} {
			if c.v < 0 || c.v > 1 || math.IsNaN(c.v) {
				errs = append(errs, parseerr.Fieldf(fmt.Sprintf("%s.%s", pre, c.n), "must be in [0, 1], got %g", c.v))
			}
		}
		for _, c := range []struct {
			n     string
			v, hi float64
		}{{"contract_years", o.ContractYears, 50}, {"control.share", o.Control.Share, 1}, {"control.years", o.Control.Years, 999},
			{"ideal_point_distance", o.IdealPointDistance, 10}} {
			if !(c.v >= 0 && c.v <= c.hi) {
				errs = append(errs, parseerr.Fieldf(fmt.Sprintf("%s.%s", pre, c.n), "must be in [0, %g], got %g", c.hi, c.v))
			}
		}
		if !(o.FXDrift > -1) || math.IsInf(o.FXDrift, 0) {
			errs = append(errs, parseerr.Fieldf(fmt.Sprintf("%s.fx_drift", pre), "must be a finite rate > -1, got %g", o.FXDrift))
		}
		if o.Price < 0 || math.IsNaN(o.Price) || math.IsInf(o.Price, 0) {
			errs = append(errs, parseerr.Fieldf(fmt.Sprintf("%s.price", pre), "must be ≥ 0, got %g", o.Price))
		}
		if o.Share > 0 && o.Loan == nil {
			errs = append(errs, parseerr.Fieldf(fmt.Sprintf("%s.share", pre), "%g financed but no loan given", o.Share))
		}
		if o.Loan != nil {
			l := *o.Loan
			l.Principal = 1
			if l.Currency == "" {
				l.Currency = "USD"
			}
			if err := l.Validate(); err != nil {
				errs = append(errs, parseerr.Prefix(pre+".loan", err))
			}
		}
	}
	return errors.Join(errs...)
}

func sortedCriteria(m map[Criterion]float64) []Criterion {
	ks := make([]Criterion, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Slice(ks, func(i, j int) bool { return ks[i] < ks[j] })
	return ks
}

func sortedDistKeys(m map[string]mc.Dist) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// MarshalJSON writes the host profile as result documents show it:
// snake_case names, the discount rate and the shares in percent under
// names ending in _pct (discount_rate_pct: 5 is 5 % a year), the shadow
// price of money as the multiple λ it is.
func (h Host) MarshalJSON() ([]byte, error) {
	type values struct {
		PerYear         float64 `json:"per_year"`
		LocalContentPct float64 `json:"local_content_pct"`
		TechTransferPct float64 `json:"tech_transfer_pct"`
	}
	return json.Marshal(struct {
		Name             string                `json:"name"`
		DiscountRatePct  float64               `json:"discount_rate_pct"`
		ShadowPrice      float64               `json:"shadow_price"`
		GuaranteeCostPct float64               `json:"guarantee_cost_pct"`
		TiedPenaltyPct   float64               `json:"tied_penalty_pct"`
		Rule             Rule                  `json:"rule"`
		Weights          map[Criterion]float64 `json:"weights,omitempty"`
		Normalisation    Normalisation         `json:"normalisation,omitempty"`
		Values           values                `json:"values"`
		ServiceValue     float64               `json:"service_value"`
	}{h.Name, units.PercentOf(h.DiscountRate), h.ShadowPrice, units.PercentOf(h.GuaranteeCost), units.PercentOf(h.TiedPenalty),
		h.Rule, h.Weights, h.Normalisation, values{h.Values.PerYear, units.PercentOf(h.Values.LocalContent), units.PercentOf(h.Values.TechTransfer)},
		h.ServiceValue})
}
