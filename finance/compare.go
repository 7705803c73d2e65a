package finance

import (
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
)

// Project is what the host country buys, and how it values money: its
// accounting currency, its annual discount rate, its DAC income group and
// the year whose exchange rates convert the offers.
type Project struct {
	Name         string      `json:"name"`
	HostCurrency string      `json:"host_currency"`
	HostDiscount float64     `json:"host_discount_rate"`
	IncomeGroup  IncomeGroup `json:"income_group"`
	Year         int         `json:"year"`
}

// Guarantee describes the sovereign guarantee a lender requires, valued as a
// contingent liability: CallProbability × LossGivenCall × exposure, where the
// exposure is the present value of the guaranteed debt service.
type Guarantee struct {
	// CallProbability over the life of the loan, in [0, 1].
	CallProbability float64 `json:"call_probability"`
	// LossGivenCall is the share of the exposure the state pays when called,
	// in [0, 1]; 0 is read as 1.
	LossGivenCall float64 `json:"loss_given_call"`
}

// Offer is one financing offer for the project.
type Offer struct {
	Name   string `json:"name"`
	Lender string `json:"lender"`
	// Cost is the contract price of the project under this offer.
	Cost Amount `json:"cost"`
	// Loan terms. When Loan.Principal is 0 it is set to
	// Loan.ShareFinanced × Cost, converted into the loan currency.
	Loan LoanTerms `json:"loan"`
	// Guarantee parameters, used when Loan.GuaranteeRequired.
	Guarantee Guarantee `json:"guarantee"`
	// Source says where the terms come from.
	Source string `json:"source,omitempty"`
}

// FXScenario is a path of exchange rates over the life of the loans. A
// currency follows Path (units per USD by loan year, the last value held) if
// given, else drifts from its base-year rate by Appreciation per year against
// the dollar (0.03: the currency buys 3 % more dollars each year). Currencies
// in neither map keep their base-year rate.
type FXScenario struct {
	Name         string               `json:"name"`
	Appreciation map[string]float64   `json:"appreciation,omitempty"`
	Path         map[string][]float64 `json:"path,omitempty"`
}

// perUSD returns units of cur per USD at t years after the base year.
func (s *FXScenario) perUSD(base float64, cur string, t float64) float64 {
	if s == nil {
		return base
	}
	if p, ok := s.Path[cur]; ok && len(p) > 0 {
		return p[min(int(t), len(p)-1)]
	}
	if a, ok := s.Appreciation[cur]; ok {
		return base * math.Pow(1+a, -t)
	}
	return base
}

// BreakEvenParam is the term solved for in a break-even question.
type BreakEvenParam string

// The terms a break-even question can solve for.
const (
	BreakEvenRate     BreakEvenParam = "rate"
	BreakEvenGrace    BreakEvenParam = "grace"
	BreakEvenMaturity BreakEvenParam = "maturity"
)

// BreakEven asks: at what value of Param would offer Offer cost the host as
// much (all-in cost, base exchange rates) as offer Target?
type BreakEven struct {
	Offer  string         `json:"offer"`
	Target string         `json:"target"`
	Param  BreakEvenParam `json:"param"`
}

// CompareInput is everything [Compare] needs.
type CompareInput struct {
	Project    Project      `json:"project"`
	Offers     []Offer      `json:"offers"`
	FX         FXTable      `json:"-"`
	Scenarios  []FXScenario `json:"scenarios,omitempty"`
	BreakEvens []BreakEven  `json:"break_even,omitempty"`
	// AidDataDiscount is the discount rate of the aiddata grant element
	// reported for each offer; 0 means 10 % (AidData's "OECD Cash-Flow").
	AidDataDiscount float64 `json:"aiddata_discount_rate,omitempty"`
}

// FXDrift is an offer's exposure to one exchange-rate scenario.
type FXDrift struct {
	Scenario string `json:"scenario"`
	// PVDebtService under the scenario, host currency.
	PVDebtService float64 `json:"pv_debt_service"`
	// Change = PVDebtService − base PVDebtService (positive: dearer).
	Change float64 `json:"change"`
	// AllInCost under the scenario.
	AllInCost float64 `json:"all_in_cost"`
}

// OfferResult is what an offer costs the host. Money is in the host
// currency at commitment-year prices unless named otherwise.
type OfferResult struct {
	Name   string `json:"name"`
	Lender string `json:"lender"`
	// Cost of the project under the offer, host currency.
	Cost float64 `json:"cost"`
	// Loan is the face value in the loan currency.
	Loan Amount `json:"loan"`
	// LoanHost is the face value in the host currency.
	LoanHost float64 `json:"loan_host"`
	// GrantElements by every method.
	GrantElements []GEResult `json:"grant_elements"`
	// PVDebtService: debt service discounted at the host rate (base FX).
	PVDebtService float64 `json:"pv_debt_service"`
	// Subsidy = PV(disbursements) − PV(debt service) at the host rate: the
	// grant the loan carries, valued by the host.
	Subsidy float64 `json:"subsidy"`
	// EffectivePrice = Cost − Subsidy.
	EffectivePrice float64 `json:"effective_price"`
	// GuaranteeValue = P(call) × loss given call × PVDebtService, if the
	// lender requires a sovereign guarantee; else 0.
	GuaranteeValue float64 `json:"guarantee_value"`
	// AllInCost = EffectivePrice + GuaranteeValue.
	AllInCost float64   `json:"all_in_cost"`
	FXDrift   []FXDrift `json:"fx_drift,omitempty"`
	Tied      bool      `json:"tied"`
	Source    string    `json:"source,omitempty"`
}

// BreakEvenResult answers a [BreakEven] question.
type BreakEvenResult struct {
	BreakEven
	// Found is false when no value in the searched range makes Offer as
	// cheap as Target; Value is then 0 and Note says why.
	Found bool `json:"found"`
	// Value: the annual rate (decimal) or the years of grace or maturity
	// at which the all-in costs are equal. For grace and maturity, which
	// move in whole periods, it is interpolated linearly between the two
	// whole-period terms that bracket equality.
	Value float64 `json:"value"`
	// Current is the offer's present value of Param.
	Current float64 `json:"current"`
	// TargetCost is the target offer's all-in cost.
	TargetCost float64 `json:"target_cost"`
	Note       string  `json:"note,omitempty"`
}

// Comparison is the result of [Compare].
type Comparison struct {
	Project    Project           `json:"project"`
	Offers     []OfferResult     `json:"offers"`
	BreakEvens []BreakEvenResult `json:"break_even,omitempty"`
}

// Validate checks the project's fields, naming them ("host_discount_rate").
func (p *Project) Validate() error {
	var errs []error
	if err := CheckCurrency(p.HostCurrency); err != nil {
		errs = append(errs, &FieldError{Field: "host_currency", Err: err})
	}
	if d := p.HostDiscount; math.IsNaN(d) || d <= -1 || d > 1 {
		errs = append(errs, fieldErr("host_discount_rate", "%w: %v", ErrOutOfRange, d))
	}
	if p.IncomeGroup != "" {
		if _, _, err := DAC2018Parameters(p.IncomeGroup); err != nil {
			errs = append(errs, &FieldError{Field: "income_group", Err: err})
		}
	}
	return errors.Join(errs...)
}

// Validate checks the offer's fields, naming them ("loan.rate",
// "cost.value"). A zero Loan.Principal needs a positive ShareFinanced.
func (o *Offer) Validate() error {
	var errs []error
	if o.Name == "" {
		errs = append(errs, fieldErr("name", "empty"))
	}
	if err := CheckCurrency(o.Cost.Currency); err != nil {
		errs = append(errs, &FieldError{Field: "cost.currency", Err: err})
	}
	if v := o.Cost.Value; math.IsNaN(v) || math.IsInf(v, 0) || v <= 0 {
		errs = append(errs, fieldErr("cost.value", "%w: %v (want a positive amount)", ErrOutOfRange, v))
	} else if v > MaxAmount {
		errs = append(errs, fieldErr("cost.value", "%w: %v is above %g, the largest amount handled", ErrOutOfRange, v, MaxAmount))
	}
	l := o.Loan
	if l.Principal == 0 {
		if l.ShareFinanced <= 0 {
			errs = append(errs, fieldErr("loan.share_financed", "give principal or a share of the cost financed"))
		}
		l.Principal = 1 // checked once the cost is converted
	}
	if err := l.Validate(); err != nil {
		errs = append(errs, Prefix("loan", err))
	}
	for _, f := range []struct {
		n string
		v float64
	}{{"call_probability", o.Guarantee.CallProbability}, {"loss_given_call", o.Guarantee.LossGivenCall}} {
		if math.IsNaN(f.v) || f.v < 0 || f.v > 1 {
			errs = append(errs, fieldErr("guarantee."+f.n, "%w: %v (want a probability in [0, 1])", ErrOutOfRange, f.v))
		}
	}
	return errors.Join(errs...)
}

// Validate checks the scenario's currencies and rates.
func (s *FXScenario) Validate() error {
	var errs []error
	for _, c := range slices.Sorted(maps.Keys(s.Appreciation)) {
		a := s.Appreciation[c]
		if err := CheckCurrency(c); err != nil {
			errs = append(errs, &FieldError{Field: "appreciation." + c, Err: err})
		}
		if math.IsNaN(a) || a <= -1 || a > 1 {
			errs = append(errs, fieldErr("appreciation."+c, "%w: %v", ErrOutOfRange, a))
		}
	}
	for _, c := range slices.Sorted(maps.Keys(s.Path)) {
		if err := CheckCurrency(c); err != nil {
			errs = append(errs, &FieldError{Field: "path." + c, Err: err})
		}
		for k, v := range s.Path[c] {
			if math.IsNaN(v) || math.IsInf(v, 0) || v <= 0 {
				errs = append(errs, fieldErr(fmt.Sprintf("path.%s[%d]", c, k), "%w: %v", ErrInvalidRate, v))
			}
		}
	}
	return errors.Join(errs...)
}

// Validate checks the project, offers, scenarios and questions, naming the
// field path of each problem ("offers[1].loan.rate: negative").
func (in *CompareInput) Validate() error {
	errs := []error{Prefix("project", in.Project.Validate())}
	if len(in.Offers) < 2 {
		errs = append(errs, fieldErr("offers", "%w: %d offers (want at least 2)", ErrOutOfRange, len(in.Offers)))
	}
	names := map[string]bool{}
	for i := range in.Offers {
		o := &in.Offers[i]
		path := fmt.Sprintf("offers[%d]", i)
		errs = append(errs, Prefix(path, o.Validate()))
		if o.Name != "" && names[o.Name] {
			errs = append(errs, fieldErr(path+".name", "duplicate offer name %q", o.Name))
		}
		names[o.Name] = true
	}
	for i := range in.Scenarios {
		errs = append(errs, Prefix(fmt.Sprintf("scenarios[%d]", i), in.Scenarios[i].Validate()))
	}
	for i, b := range in.BreakEvens {
		path := fmt.Sprintf("break_even[%d]", i)
		if !names[b.Offer] {
			errs = append(errs, fieldErr(path+".offer", "no offer named %q", b.Offer))
		}
		if !names[b.Target] {
			errs = append(errs, fieldErr(path+".target", "no offer named %q", b.Target))
		}
		switch b.Param {
		case BreakEvenRate, BreakEvenGrace, BreakEvenMaturity:
		default:
			errs = append(errs, fieldErr(path+".param", "%w %q (want rate, grace or maturity)", ErrOutOfRange, b.Param))
		}
	}
	return errors.Join(errs...)
}

// hostValue holds what the host-side valuation of one loan needs.
type hostValue struct {
	pvDS, pvDisb float64
}

// value discounts the loan's schedule at the host rate, converting each
// flow into the host currency at the scenario's rate for its date.
func value(s *Schedule, p Project, loanPerUSD, hostPerUSD float64, loanCur string, sc *FXScenario) hostValue {
	a := float64(s.PaymentsPerYear)
	q := math.Pow(1+p.HostDiscount, -1/a)
	f := 1.0
	var v hostValue
	for _, r := range s.Rows {
		x := sc.perUSD(hostPerUSD, p.HostCurrency, r.Time) / sc.perUSD(loanPerUSD, loanCur, r.Time)
		v.pvDS += r.DebtService() * x * f
		v.pvDisb += r.Disbursed * x * f
		f *= q
	}
	return v
}

// prepared is an offer whose principal is resolved and FX rates looked up.
type prepared struct {
	p                      Project
	offer                  Offer
	costHost               float64
	loanPerUSD, hostPerUSD float64
}

// prepare converts the offer's cost, resolves a principal given as a share
// of cost, and looks up the rates. Error paths are relative to the offer.
func prepare(p Project, o Offer, fx FXTable) (prepared, error) {
	cost, err := fx.Convert(Amount{o.Cost.Value, o.Cost.Currency, p.Year}, p.HostCurrency)
	if err != nil {
		return prepared{}, &FieldError{Field: "cost", Err: err}
	}
	lp, err := fx.PerUSD(o.Loan.Currency, p.Year)
	if err != nil {
		return prepared{}, &FieldError{Field: "loan.currency", Err: err}
	}
	hp, err := fx.PerUSD(p.HostCurrency, p.Year)
	if err != nil {
		return prepared{}, fmt.Errorf("project host currency: %w", err)
	}
	if o.Loan.Principal == 0 {
		c, err := fx.Convert(Amount{o.Cost.Value, o.Cost.Currency, p.Year}, o.Loan.Currency)
		if err != nil {
			return prepared{}, &FieldError{Field: "cost", Err: err}
		}
		o.Loan.Principal = o.Loan.ShareFinanced * c.Value
	}
	if err := o.Loan.Validate(); err != nil {
		return prepared{}, Prefix("loan", err)
	}
	return prepared{p: p, offer: o, costHost: cost.Value, loanPerUSD: lp, hostPerUSD: hp}, nil
}

// allIn returns the host's all-in cost of the prepared offer with loan
// terms l, and its parts, under scenario sc (nil: base rates).
func allIn(pr prepared, l LoanTerms, sc *FXScenario) (cost, pvDS, subsidy, guarantee float64, err error) {
	s, err := l.Schedule()
	if err != nil {
		return 0, 0, 0, 0, err
	}
	v := value(&s, pr.p, pr.loanPerUSD, pr.hostPerUSD, l.Currency, sc)
	subsidy = v.pvDisb - v.pvDS
	if l.GuaranteeRequired {
		lgc := pr.offer.Guarantee.LossGivenCall
		if lgc == 0 {
			lgc = 1
		}
		guarantee = pr.offer.Guarantee.CallProbability * lgc * v.pvDS
	}
	return pr.costHost - subsidy + guarantee, v.pvDS, subsidy, guarantee, nil
}

// EvaluateOffer values one offer from the host's side (see [OfferResult]).
// The grant elements are computed by imf, dac1972, dac2018 (when the project
// has an income group), aiddata at aiddataDiscount (0 means 10 %) and user
// at the host's discount rate; each scenario gives one [FXDrift]. Errors
// name fields relative to the offer ("loan.rate").
func EvaluateOffer(p Project, o Offer, fx FXTable, scenarios []FXScenario, aiddataDiscount float64) (OfferResult, error) {
	if err := Prefix("project", p.Validate()); err != nil {
		return OfferResult{}, err
	}
	if err := o.Validate(); err != nil {
		return OfferResult{}, err
	}
	for i := range scenarios {
		if err := Prefix(fmt.Sprintf("scenarios[%d]", i), scenarios[i].Validate()); err != nil {
			return OfferResult{}, err
		}
	}
	pr, err := prepare(p, o, fx)
	if err != nil {
		return OfferResult{}, err
	}
	return evaluate(pr, scenarios, aiddataDiscount)
}

func evaluate(pr prepared, scenarios []FXScenario, aiddataDiscount float64) (OfferResult, error) {
	p, o := pr.p, pr.offer
	methods := []Method{{Name: IMF}, {Name: DAC1972}}
	if p.IncomeGroup != "" {
		methods = append(methods, Method{Name: DAC2018, IncomeGroup: p.IncomeGroup})
	}
	if aiddataDiscount == 0 {
		aiddataDiscount = 0.10
	}
	methods = append(methods, Method{Name: AidData, Discount: aiddataDiscount}, Method{Name: User, Discount: p.HostDiscount})
	r := OfferResult{Name: o.Name, Lender: o.Lender, Cost: pr.costHost, Tied: o.Loan.Tied, Source: o.Source,
		Loan:     Amount{o.Loan.Principal, o.Loan.Currency, p.Year},
		LoanHost: o.Loan.Principal * pr.hostPerUSD / pr.loanPerUSD}
	for _, m := range methods {
		g, err := GrantElement(o.Loan, m)
		if err != nil {
			return OfferResult{}, Prefix("loan", err)
		}
		r.GrantElements = append(r.GrantElements, g)
	}
	var err error
	r.AllInCost, r.PVDebtService, r.Subsidy, r.GuaranteeValue, err = allIn(pr, o.Loan, nil)
	if err != nil {
		return OfferResult{}, Prefix("loan", err)
	}
	r.EffectivePrice = r.Cost - r.Subsidy
	for k := range scenarios {
		sc := &scenarios[k]
		c, pv, _, _, err := allIn(pr, o.Loan, sc)
		if err != nil {
			return OfferResult{}, Prefix("loan", err)
		}
		r.FXDrift = append(r.FXDrift, FXDrift{Scenario: sc.Name, PVDebtService: pv, Change: pv - r.PVDebtService, AllInCost: c})
	}
	return r, nil
}

// Compare values every offer with [EvaluateOffer] and answers the
// break-even questions. Errors name the field path in the input
// ("offers[1].loan.rate").
func Compare(in CompareInput) (*Comparison, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	out := &Comparison{Project: in.Project}
	preps := make([]prepared, len(in.Offers))
	for i, o := range in.Offers {
		path := fmt.Sprintf("offers[%d]", i)
		pr, err := prepare(in.Project, o, in.FX)
		if err != nil {
			return nil, Prefix(path, err)
		}
		preps[i] = pr
		r, err := evaluate(pr, in.Scenarios, in.AidDataDiscount)
		if err != nil {
			return nil, Prefix(path, err)
		}
		out.Offers = append(out.Offers, r)
	}
	idx := func(name string) int {
		for i, o := range in.Offers {
			if o.Name == name {
				return i
			}
		}
		return -1
	}
	for _, b := range in.BreakEvens {
		res, err := breakEven(preps[idx(b.Offer)], out.Offers[idx(b.Target)].AllInCost, b)
		if err != nil {
			return nil, err
		}
		out.BreakEvens = append(out.BreakEvens, res)
	}
	return out, nil
}

func breakEven(pr prepared, target float64, b BreakEven) (BreakEvenResult, error) {
	res := BreakEvenResult{BreakEven: b, TargetCost: target}
	base := pr.offer.Loan
	a := base.PaymentsPerYear
	f := func(l LoanTerms) (float64, error) {
		c, _, _, _, err := allIn(pr, l, nil)
		return c - target, err
	}
	switch b.Param {
	case BreakEvenRate:
		if base.Floating() {
			res.Current = base.Spread
			res.Note = "floating loan: the value is the spread over the reference path"
		} else {
			res.Current = base.Rate
		}
		set := func(x float64) LoanTerms {
			l := base
			if l.Floating() {
				l.Spread = x
			} else {
				l.Rate = x
			}
			return l
		}
		lo, hi := 0.0, 1.0
		if base.Floating() {
			lo = -minSlice(base.ReferencePath) // lowest spread keeping every rate ≥ 0
		}
		flo, err := f(set(lo))
		if err != nil {
			return res, err
		}
		fhi, err := f(set(hi))
		if err != nil {
			return res, err
		}
		if flo > 0 || fhi < 0 {
			res.Note = strings.TrimSpace(res.Note + fmt.Sprintf(" no rate in [%g, %g] makes %q as cheap as %q", lo, hi, b.Offer, b.Target))
			return res, nil
		}
		// The all-in cost rises with the rate: bisect to machine precision.
		for range 200 {
			mid := (lo + hi) / 2
			fm, err := f(set(mid))
			if err != nil {
				return res, err
			}
			if fm > 0 {
				hi = mid
			} else {
				lo = mid
			}
			if hi-lo < 1e-13 {
				break
			}
		}
		res.Value, res.Found = (lo+hi)/2, true
		return res, nil
	case BreakEvenGrace, BreakEvenMaturity:
		total, _, _ := base.Periods()
		var from, to int
		set := func(k int) LoanTerms {
			l := base
			if b.Param == BreakEvenGrace {
				l.GraceYears = float64(k) / float64(a)
			} else {
				l.MaturityYears = float64(k) / float64(a)
			}
			return l
		}
		if b.Param == BreakEvenGrace {
			res.Current = base.GraceYears
			from, to = 0, total-1
			if len(base.Disbursement) > 0 {
				from = (len(base.Disbursement) - 1) * a
			}
		} else {
			res.Current = base.MaturityYears
			from, to = int(math.Round(base.GraceYears*float64(a)))+1, 100*a
		}
		prevK, prevF := -1, 0.0
		for k := from; k <= to; k++ {
			fk, err := f(set(k))
			if err != nil {
				continue // terms not valid at this k (e.g. drawing past grace)
			}
			if fk == 0 {
				res.Value, res.Found = float64(k)/float64(a), true
				return res, nil
			}
			if prevK >= 0 && (prevF > 0) != (fk > 0) {
				x := float64(prevK) + (float64(k)-float64(prevK))*prevF/(prevF-fk)
				res.Value, res.Found = x/float64(a), true
				return res, nil
			}
			prevK, prevF = k, fk
		}
		res.Note = fmt.Sprintf("no %s between %g and %g years makes %q as cheap as %q", b.Param,
			float64(from)/float64(a), float64(to)/float64(a), b.Offer, b.Target)
		return res, nil
	}
	return res, fmt.Errorf("finance: break-even parameter %q", b.Param)
}

func minSlice(s []float64) float64 {
	m := math.Inf(1)
	for _, v := range s {
		m = math.Min(m, v)
	}
	return m
}
