package lcc

import (
	"encoding/json"
	"math"

	"github.com/infragame/infragame/units"
)

// Flow is one cash flow of an evaluation.
type Flow struct {
	// Item names the cost or benefit: capex, om, renewal:NAME, residual,
	// residual:NAME, disaster, downtime, co2, user_cost, benefit.
	Item     string   `json:"item"`
	Category Category `json:"category"` // "" for benefits
	// End is the end of the period the flow belongs to and Time the
	// payment time used for discounting (End - Length/2 under MidYear).
	End  float64 `json:"end"`
	Time float64 `json:"time"`
	// Amount in constant prices; Current in current prices (equal to Amount
	// in a constant-dollar analysis); PV = Current × discount factor.
	Amount  float64 `json:"amount"`
	Current float64 `json:"current"`
	PV      float64 `json:"pv"`
}

// ItemPV is the present value of one item.
type ItemPV struct {
	Item     string   `json:"item"`
	Category Category `json:"category"`
	PV       float64  `json:"pv"`
}

// CategoryPV holds present values by cost category. They are never added
// together by this package.
type CategoryPV struct {
	Agency float64 `json:"agency"`
	User   float64 `json:"user"`
	Host   float64 `json:"host"`
}

// Get returns the value for category c.
func (c CategoryPV) Get(cat Category) float64 {
	switch cat {
	case Agency:
		return c.Agency
	case User:
		return c.User
	case Host:
		return c.Host
	}
	return math.NaN()
}

func (c *CategoryPV) add(cat Category, v float64) {
	switch cat {
	case Agency:
		c.Agency += v
	case User:
		c.User += v
	case Host:
		c.Host += v
	}
}

// Result is the life-cycle cost of one asset.
type Result struct {
	Name string `json:"name"`
	// Opening is the time the asset opens (construction + delay), years.
	Opening float64 `json:"opening"`
	// PV of costs by category (residual value already deducted from agency).
	PV CategoryPV `json:"pv"`
	// EAC is the equivalent annual cost by category: PV / AnnuityFactor(d,
	// Horizon, convention) at the real rate.
	EAC CategoryPV `json:"eac"`
	// Benefits is the PV of benefits.
	Benefits float64 `json:"benefits_pv"`
	// NPV = Benefits - PV.Agency - PV.User - PV.Host: the whole-life net
	// value (ISO 15686-5 whole-life cost scope), stated as such.
	NPV float64 `json:"npv"`
	// EIRR is the real rate at which the net flows (benefits minus all
	// costs) have zero present value; nil when there are no benefits, no
	// root in (-0.99, 10], or flows were not kept (Monte Carlo runs). A
	// decimal fraction; the JSON document writes it in percent as eirr_pct
	// ([Result.MarshalJSON]).
	EIRR *float64 `json:"-"`
	// AnnualDisasterLoss is the expected annual repair cost
	// Σ p·DR·V·(1-resilience), V = Capex·(1+Overrun).
	AnnualDisasterLoss float64  `json:"annual_disaster_loss"`
	Items              []ItemPV `json:"items"`
	Flows              []Flow   `json:"flows,omitempty"`
}

// MarshalJSON writes the result with its EIRR in percent a year
// (eirr_pct: 7 is 7 %; null when there is none).
func (r Result) MarshalJSON() ([]byte, error) {
	type plain Result
	var pct *float64
	if r.EIRR != nil {
		p := units.PercentOf(*r.EIRR)
		pct = &p
	}
	return json.Marshal(struct {
		plain
		EIRRPct *float64 `json:"eirr_pct"`
	}{plain(r), pct})
}

// Evaluate computes the life-cycle cost of a under an. It validates both
// inputs first. Time 0 is the start of construction; see the package
// documentation for the timing of every item.
func Evaluate(an Analysis, a Asset) (Result, error) {
	if err := an.Validate(); err != nil {
		return Result{}, err
	}
	if err := a.Validate(); err != nil {
		return Result{}, err
	}
	return evaluate(&an, &a, true), nil
}

// evaluator accumulates flows. Its buffers (items, phasing, item names)
// are reused by successive evaluations, so a Monte Carlo worker that keeps
// one evaluator allocates nothing per run once they have grown.
type evaluator struct {
	an   *Analysis
	res  *Result
	keep bool
	rate float64 // discount rate in the chosen dollars

	cur     Result // the result being accumulated (res points here)
	items   []ItemPV
	phasing []float64
	names   map[string]componentItems
	inner   *evaluator // for the EIRR search
}

// componentItems are the item names of a component's renewals and residual.
type componentItems struct{ renewal, residual string }

func (e *evaluator) itemNames(component string) componentItems {
	if n, ok := e.names[component]; ok {
		return n
	}
	if e.names == nil {
		e.names = map[string]componentItems{}
	}
	n := componentItems{"renewal:" + component, "residual:" + component}
	e.names[component] = n
	return n
}

// when is a payment time with its discount factor and, in current
// dollars, its inflation index; computing it once per period lets every
// item of the period share one power evaluation.
type when struct {
	end, tau, df, index float64
}

func (e *evaluator) at(end, length float64) when {
	tau := end
	if e.an.Convention == MidYear {
		tau = math.Max(0, end-length/2)
	}
	w := when{end: end, tau: tau, index: 1}
	if e.an.Nominal {
		if e.an.Convention == Continuous {
			w.index = math.Exp(e.an.Inflation * tau)
		} else {
			w.index = math.Pow(1+e.an.Inflation, tau)
		}
	}
	if e.an.Convention == Continuous {
		w.df = math.Exp(-e.rate * tau)
	} else {
		w.df = math.Pow(1+e.rate, -tau)
	}
	return w
}

func (e *evaluator) pay(item string, cat Category, end, length, amount float64) {
	if amount == 0 {
		return
	}
	e.payAt(item, cat, e.at(end, length), amount)
}

func (e *evaluator) payAt(item string, cat Category, w when, amount float64) {
	if amount == 0 {
		return
	}
	current := amount * w.index
	pv := current * w.df
	if e.keep {
		e.res.Flows = append(e.res.Flows, Flow{Item: item, Category: cat, End: w.end, Time: w.tau, Amount: amount, Current: current, PV: pv})
	}
	if cat == "" {
		e.res.Benefits += pv
	} else {
		e.res.PV.add(cat, pv)
	}
	// Items are few (a dozen or so): a linear search beats a map.
	k := len(e.res.Items) - 1
	for ; k >= 0; k-- {
		if e.res.Items[k].Item == item {
			break
		}
	}
	if k < 0 {
		k = len(e.res.Items)
		e.res.Items = append(e.res.Items, ItemPV{Item: item, Category: cat})
	}
	e.res.Items[k].PV += pv
}

// escalate returns x·(1+g)^t.
func escalate(x, g, t float64) float64 {
	if g == 0 {
		return x
	}
	return x * math.Pow(1+g, t)
}

func evaluate(an *Analysis, a *Asset, keepFlows bool) Result {
	var e evaluator
	return e.evaluate(an, a, keepFlows)
}

// evaluate is the life-cycle costing of a under an. Without keepFlows the
// Result's Items share e's buffer: they are valid until e's next
// evaluation.
func (e *evaluator) evaluate(an *Analysis, a *Asset, keepFlows bool) Result {
	e.cur = Result{Name: a.Name}
	if !keepFlows {
		e.cur.Items = e.items[:0]
	}
	res := &e.cur
	e.an, e.res, e.keep, e.rate = an, res, keepFlows, an.DiscountRate
	if an.Nominal {
		if an.Convention == Continuous {
			e.rate = an.DiscountRate + an.Inflation
		} else {
			e.rate = NominalRate(an.DiscountRate, an.Inflation)
		}
	}
	build := a.ConstructionYears + a.Delay
	N := float64(an.Horizon)
	if an.FromOpening {
		N += build
	}
	res.Opening = build
	capex := a.Capex * (1 + a.Overrun)

	// Capital cost and construction emissions, phased.
	phasing := a.Phasing
	if len(phasing) == 0 {
		n := max(1, int(math.Ceil(a.ConstructionYears-1e-9)))
		if cap(e.phasing) < n {
			e.phasing = make([]float64, n)
		}
		phasing = e.phasing[:n]
		for i := range phasing {
			phasing[i] = 1 / float64(n)
		}
	}
	step := build / float64(len(phasing))
	for i, s := range phasing {
		end := step * float64(i+1)
		if end > N {
			// Spending past the horizon is still spending: book it at N.
			end = N
		}
		e.pay("capex", Agency, end, step, s*capex)
		if a.CO2Construction > 0 && a.CarbonPrice > 0 {
			e.pay("co2", Host, end, step, s*a.CO2Construction*escalate(a.CarbonPrice, a.CarbonPriceGrowth, end))
		}
	}

	// Expected annual disaster loss and downtime.
	value := capex
	for _, h := range a.Hazards {
		res.AnnualDisasterLoss += h.Probability * h.DamageRatio * value * (1 - a.Resilience)
	}
	downtime := 0.0
	for _, h := range a.Hazards {
		downtime += h.Probability * h.DowntimeDays * (1 - a.Resilience) * a.DowntimeCost
	}

	// Operating periods from opening to the horizon; a last partial period
	// carries its share of the annual amounts.
	for s := build; s < N-1e-12; s++ {
		end := math.Min(s+1, N)
		f := end - s
		w := e.at(end, f)
		e.payAt("om", Agency, w, f*escalate(a.OM, a.OMEscalation, end))
		e.payAt("disaster", Agency, w, f*res.AnnualDisasterLoss)
		e.payAt("downtime", User, w, f*downtime)
		e.payAt("user_cost", User, w, f*escalate(a.UserCost, a.UserCostGrowth, end))
		if a.CO2PerYear > 0 {
			e.payAt("co2", Host, w, f*a.CO2PerYear*escalate(a.CarbonPrice, a.CarbonPriceGrowth, end))
		}
		e.payAt("benefit", "", w, f*escalate(a.Benefit, a.BenefitGrowth, end))
	}

	// Component renewals and their residual values.
	compCost := 0.0
	for _, c := range a.Components {
		compCost += c.Cost
		names := e.itemNames(c.Name)
		last, lastCost := build, c.Cost
		for k := 1; ; k++ {
			t := build + float64(k)*c.Life
			if t >= N-1e-12 {
				break
			}
			cost := escalate(c.Cost, c.Escalation, t)
			e.pay(names.renewal, Agency, t, 1, cost)
			last, lastCost = t, cost
		}
		if rem := last + c.Life - N; rem > 0 && last > build {
			// Residual of the last renewal, linear proration (NIST E3).
			e.pay(names.residual, Agency, N, 1, -lastCost*math.Min(1, rem/c.Life))
		} else if rem > 0 {
			// First installation still in service: part of the capex residual.
			e.pay(names.residual, Agency, N, 1, -c.Cost*(1+a.Overrun)*math.Min(1, rem/c.Life))
		}
	}
	// Residual value of the rest of the initial investment.
	if rem := build + a.ServiceLife - N; rem > 0 {
		base := math.Max(0, a.Capex-compCost) * (1 + a.Overrun)
		e.pay("residual", Agency, N, 1, -base*math.Min(1, rem/a.ServiceLife))
	}

	af := AnnuityFactor(an.DiscountRate, an.Horizon, an.Convention)
	res.EAC = CategoryPV{Agency: res.PV.Agency / af, User: res.PV.User / af, Host: res.PV.Host / af}
	res.NPV = res.Benefits - res.PV.Agency - res.PV.User - res.PV.Host
	if a.Benefit > 0 && keepFlows {
		if e.inner == nil {
			e.inner = &evaluator{}
		}
		if r := e.inner.eirr(an, a); !math.IsNaN(r) {
			res.EIRR = &r
		}
	}
	if !keepFlows {
		e.items = res.Items
	}
	e.res = nil
	return *res
}

// eirr finds the real rate r with NPV(r) = 0 by bisection on (-0.99, 10].
func (e *evaluator) eirr(an *Analysis, a *Asset) float64 {
	b := *an
	npv := func(r float64) float64 {
		b.DiscountRate, b.Nominal = r, false
		return e.evaluate(&b, a, false).NPV
	}
	lo, hi := -0.99, 10.0
	flo, fhi := npv(lo), npv(hi)
	if math.IsNaN(flo) || math.IsNaN(fhi) || flo*fhi > 0 {
		return math.NaN()
	}
	for range 200 {
		mid := (lo + hi) / 2
		fm := npv(mid)
		if fm == 0 || hi-lo < 1e-12 {
			return mid
		}
		if fm*flo > 0 {
			lo, flo = mid, fm
		} else {
			hi = mid
		}
	}
	return (lo + hi) / 2
}

// Evaluator evaluates assets again and again without allocating, as a
// Monte Carlo worker does: keep one per goroutine.
type Evaluator struct{ e evaluator }

// Costs returns the life-cycle cost of a under an like [Evaluate], but
// without the cash-flow table and the EIRR, and without validating the
// inputs (validate them once before the loop). The Result's Items share
// the Evaluator's buffer: they are valid until its next call.
func (v *Evaluator) Costs(an *Analysis, a *Asset) Result {
	return v.e.evaluate(an, a, false)
}
