// Package contest asks the seed paper's central question of a real contest:
// should two exporters compete head-on, or bid together?
//
// # The competitive outcome
//
// The host ranks offers by their financing-adjusted cost (package tender):
// everything it pays in present value for an offer, financing included.
// That cost is affine in the offer's contract price p:
//
//	H_i(p) = W_i·p + K_i
//
// where W_i is what the host bears per unit of price (below 1 for a
// concessional loan: a yen loan makes each unit of price cheaper for the
// host) and K_i the terms that do not scale with price. [HostLine]
// measures W_i and K_i by evaluating the tender at two prices.
//
// Exporter i's own cost c_i is private, uniform on the case's range. In the
// host's units its pseudo-cost is θ_i = W_i·c_i + K_i and its bid
// b_i = H_i(p_i); maximising (p_i − c_i)·Pr(win) is maximising
// (b_i − θ_i)·Pr(win) (W_i > 0 is a constant), so the contest is an
// asymmetric first-price procurement auction in pseudo-costs with price
// cap R, the host's outside option (package auction solves it; the
// scoring-auction reduction of Che 1993 and Asker & Cantillon 2008).
// Exporter i's expected profit in price units is E[(b_i − θ_i)·1{win}]/W_i;
// the host's surplus is E[(R − b_win)·1{sale}].
//
// # The cooperative alternative
//
// Instead the exporters form a consortium: civil works from one (share s of
// the cost), systems from the other, a saving σ from combining strengths,
// and financing blended between their lenders (shares φ_i):
//
//	c_J = (1 − σ)·(s·c_civil + (1 − s)·c_systems)
//	W_J = Σ φ_i·W_i,  K_J = Σ φ_i·K_i,  θ_J = W_J·c_J + K_J
//
// The consortium faces only the host's outside option R and the two
// bargain (generalised Nash, host power β): when θ_J < R they trade at a
// host cost R − β·(R − θ_J), so the consortium earns
// (1 − β)·(R − θ_J)/W_J in price units and the host gains β·(R − θ_J).
// Expectations over (c_1, c_2) are computed by a midpoint rule on a grid.
//
// The joint profit Π_J is split between the exporters as a two-player TU
// game whose stand-alone worths are their competitive profits π_i: by the
// Shapley value φ_i = π_i + (Π_J − π_1 − π_2)/2 and by Nash bargaining
// with disagreement point (π_1, π_2) (package coop; for a TU game the two
// coincide — the table shows both as a check). Cooperation pays both
// exporters exactly when Π_J > π_1 + π_2. The host's gain (or loss) is its
// cooperative surplus minus its competitive surplus.
//
// Units: prices, costs and profits in the case's analysis currency (USD
// millions of the price year in the case library); host surpluses in
// present value at the host's discount rate, the units of the tender
// engine's financing-adjusted cost.
package contest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"

	"github.com/infragame/infragame/auction"
	"github.com/infragame/infragame/coop"
	"github.com/infragame/infragame/tender"
	"github.com/infragame/infragame/units"
)

// Line is the host's financing-adjusted cost of one offer as an affine
// function of its contract price: HostCost(p) = W·p + K.
type Line struct {
	Offer string  `json:"offer"`
	Price float64 `json:"price"`
	// HostCost is the financing-adjusted cost at Price.
	HostCost float64 `json:"host_cost"`
	W        float64 `json:"w"`
	K        float64 `json:"k"`
}

// At is the host cost at price p.
func (l Line) At(p float64) float64 { return l.W*p + l.K }

// HostLine evaluates the financing-adjusted cost of offer id at its price
// and at 1.01 times its price (capital cost and price scaled together) and
// returns the line through the two points. It fails if a third point (at
// 0.97 times the price) is off the line by more than 1e-9 relative, which
// would mean the host cost is not affine in price.
func HostLine(t tender.Tender, id string) (Line, error) {
	cost := func(scale float64) (float64, float64, error) {
		u := t.Clone()
		for i := range u.Offers {
			o := &u.Offers[i]
			if o.ID != id {
				continue
			}
			p := o.Price
			if p == 0 {
				p = o.Asset.Capex
			}
			o.Asset.Capex *= scale
			o.Price = p * scale
			r, err := tender.Evaluate(u)
			if err != nil {
				return 0, 0, err
			}
			for _, or := range r.Offers {
				if or.ID == id {
					return p * scale, or.Financing.Total, nil
				}
			}
		}
		return 0, 0, fmt.Errorf("contest: no offer %q", id)
	}
	p0, h0, err := cost(1)
	if err != nil {
		return Line{}, err
	}
	p1, h1, err := cost(1.01)
	if err != nil {
		return Line{}, err
	}
	w := (h1 - h0) / (p1 - p0)
	k := h0 - w*p0
	if math.Abs(k) < 1e-9*math.Max(1, math.Abs(h0)) {
		k = 0 // rounding noise of a purely proportional cost
	}
	l := Line{Offer: id, Price: p0, HostCost: h0, W: w, K: k}
	p2, h2, err := cost(0.97)
	if err != nil {
		return Line{}, err
	}
	if math.Abs(l.At(p2)-h2) > 1e-9*math.Max(1, math.Abs(h2)) {
		return Line{}, fmt.Errorf("contest: host cost of %q is not affine in price (%g off the line)", id, l.At(p2)-h2)
	}
	if !(w > 0) {
		return Line{}, fmt.Errorf("contest: host cost of %q does not rise with price (W = %g)", id, w)
	}
	return l, nil
}

// Exporter is a competitor: its cost range (in the case's money) and the
// host's cost line of its offer.
type Exporter struct {
	Name string  `json:"name"`
	Low  float64 `json:"cost_low"`
	High float64 `json:"cost_high"`
	Line Line    `json:"line"`
}

// Setup is the reduced contest. HostPower, CivilShare, Synergy and
// FinanceShare are decimal fractions in [0, 1]; its JSON document writes
// them as percentages under names ending in _pct ([Setup.MarshalJSON]).
type Setup struct {
	Exporters [2]Exporter
	// Reserve is the host cost of the outside option, R.
	Reserve   float64
	HostPower float64
	// CivilFrom is the index (0 or 1) of the exporter doing the civil works.
	CivilFrom    int
	CivilShare   float64
	Synergy      float64
	FinanceShare [2]float64
	// Grid is the number of midpoints per cost range for the cooperative
	// expectations (default 400).
	Grid int
}

// MarshalJSON writes the setup as result documents show it: the shares and
// the host's power as percentages (host_power_pct: 50 is 50 %), money in
// the case's currency. The document is for reading, not for reading back.
func (s Setup) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Exporters       [2]Exporter `json:"exporters"`
		Reserve         float64     `json:"reserve"`
		HostPowerPct    float64     `json:"host_power_pct"`
		CivilFrom       int         `json:"civil_from"`
		CivilSharePct   float64     `json:"civil_share_pct"`
		SynergyPct      float64     `json:"synergy_pct"`
		FinanceSharePct [2]float64  `json:"finance_share_pct"`
	}{s.Exporters, s.Reserve, units.PercentOf(s.HostPower), s.CivilFrom, units.PercentOf(s.CivilShare),
		units.PercentOf(s.Synergy), [2]float64{units.PercentOf(s.FinanceShare[0]), units.PercentOf(s.FinanceShare[1])}})
}

// Validate checks the setup.
func (s *Setup) Validate() error {
	var errs []error
	for i, e := range s.Exporters {
		if !(e.Low > 0 && e.High > e.Low) || math.IsInf(e.High, 0) {
			errs = append(errs, fmt.Errorf("contest: exporter %d (%s): cost range [%g, %g]", i, e.Name, e.Low, e.High))
		}
		if !(e.Line.W > 0) || math.IsNaN(e.Line.K) {
			errs = append(errs, fmt.Errorf("contest: exporter %d (%s): host cost line W=%g K=%g", i, e.Name, e.Line.W, e.Line.K))
		}
	}
	if !(s.Reserve > 0) || math.IsInf(s.Reserve, 0) {
		errs = append(errs, fmt.Errorf("contest: reserve %g", s.Reserve))
	}
	if !(s.HostPower >= 0 && s.HostPower <= 1) {
		errs = append(errs, fmt.Errorf("contest: host power %g outside [0, 1]", s.HostPower))
	}
	if s.CivilFrom != 0 && s.CivilFrom != 1 {
		errs = append(errs, fmt.Errorf("contest: civil_from %d", s.CivilFrom))
	}
	if !(s.CivilShare >= 0 && s.CivilShare <= 1) || !(s.Synergy >= 0 && s.Synergy < 1) {
		errs = append(errs, fmt.Errorf("contest: civil share %g or synergy %g out of range", s.CivilShare, s.Synergy))
	}
	if f := s.FinanceShare; !(f[0] >= 0 && f[1] >= 0) || math.Abs(f[0]+f[1]-1) > 1e-9 {
		errs = append(errs, fmt.Errorf("contest: finance shares %v do not sum to 1", f))
	}
	return errors.Join(errs...)
}

// ExporterOutcome is one exporter's competitive outcome.
type ExporterOutcome struct {
	Name           string  `json:"name"`
	WinProbability float64 `json:"win_probability"`
	// ExpectedProfit is E[(p − c)·1{win}] in price units.
	ExpectedProfit float64 `json:"expected_profit"`
	CanWin         bool    `json:"can_win"`
}

// Competitive is the head-on contest.
type Competitive struct {
	Exporters [2]ExporterOutcome `json:"exporters"`
	// HostSurplus = E[(R − host cost of the winning bid)·1{sale}].
	HostSurplus       float64 `json:"host_surplus"`
	NoSaleProbability float64 `json:"no_sale_probability"`
	// EfficiencyLoss: expected pseudo-cost of the winner above the lowest,
	// in host units (auction.Result.EfficiencyLoss).
	EfficiencyLoss float64         `json:"efficiency_loss"`
	Auction        *auction.Result `json:"auction"`
}

// Cooperative is the consortium alternative.
type Cooperative struct {
	Line             Line    `json:"line"`
	TradeProbability float64 `json:"trade_probability"`
	// JointProfit is the consortium's expected profit in price units.
	JointProfit float64 `json:"joint_profit"`
	HostSurplus float64 `json:"host_surplus"`
	// Shapley and Nash split JointProfit between the exporters.
	Shapley [2]float64 `json:"shapley"`
	Nash    [2]float64 `json:"nash"`
}

// Result compares competition with cooperation.
type Result struct {
	Setup       Setup       `json:"setup"`
	Competitive Competitive `json:"competitive"`
	Cooperative Cooperative `json:"cooperative"`
	// ExportersGain = JointProfit − (π_1 + π_2); HostGain = cooperative −
	// competitive host surplus.
	ExportersGain float64 `json:"exporters_gain"`
	HostGain      float64 `json:"host_gain"`
	// PaysBoth: each exporter's share (Shapley) exceeds its competitive profit.
	PaysBoth bool `json:"pays_both"`
}

// Analyze computes the competitive and cooperative outcomes of s.
func Analyze(s Setup) (*Result, error) {
	return AnalyzeContext(context.Background(), s)
}

// AnalyzeContext is [Analyze] stopped by ctx: the auction solver polls it
// and an error wrapping context.Cause(ctx) is returned once it is done.
func AnalyzeContext(ctx context.Context, s Setup) (*Result, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	comp, err := CompeteContext(ctx, s)
	if err != nil {
		return nil, err
	}
	return finish(s, comp)
}

// Compete solves the head-on contest: the first-price procurement auction
// in pseudo-costs with price cap R.
func Compete(s Setup) (Competitive, error) {
	return CompeteContext(context.Background(), s)
}

// CompeteContext is [Compete] stopped by ctx.
func CompeteContext(ctx context.Context, s Setup) (Competitive, error) {
	if err := s.Validate(); err != nil {
		return Competitive{}, err
	}
	R := s.Reserve
	a := &auction.Auction{Form: auction.Procurement, Reserve: &R}
	for _, e := range s.Exporters {
		lo, hi := e.Line.At(e.Low), e.Line.At(e.High)
		a.Bidders = append(a.Bidders, auction.Bidder{Name: e.Name, Type: auction.Uniform{Low: lo, High: hi}})
	}
	res, err := auction.SolveContext(ctx, a, nil)
	if err != nil {
		if errors.Is(err, auction.ErrNoTrade) {
			return Competitive{NoSaleProbability: 1, Exporters: [2]ExporterOutcome{{Name: s.Exporters[0].Name}, {Name: s.Exporters[1].Name}}}, nil
		}
		return Competitive{}, fmt.Errorf("contest: competitive auction: %w", err)
	}
	c := Competitive{Auction: res, NoSaleProbability: res.NoSaleProbability, EfficiencyLoss: res.EfficiencyLoss}
	c.HostSurplus = R*(1-res.NoSaleProbability) - res.Revenue
	for i, b := range res.Bidders {
		c.Exporters[i] = ExporterOutcome{Name: b.Name, WinProbability: b.WinProbability,
			ExpectedProfit: b.ExpectedProfit / s.Exporters[i].Line.W, CanWin: b.CanWin}
	}
	return c, nil
}

// ConsortiumLine is the host's cost line of the consortium's offer: the
// finance-share-weighted average of the exporters' lines.
func ConsortiumLine(s Setup) Line {
	f := s.FinanceShare
	l0, l1 := s.Exporters[0].Line, s.Exporters[1].Line
	return Line{Offer: "consortium", W: f[0]*l0.W + f[1]*l1.W, K: f[0]*l0.K + f[1]*l1.K}
}

// Cooperate computes the consortium's expected joint profit and the host's
// surplus (before the split between the exporters).
func Cooperate(s Setup) (Cooperative, error) {
	if err := s.Validate(); err != nil {
		return Cooperative{}, err
	}
	n := s.Grid
	if n <= 0 {
		n = 400
	}
	l := ConsortiumLine(s)
	civ, sys := s.Exporters[s.CivilFrom], s.Exporters[1-s.CivilFrom]
	var trade, gain float64
	for i := 0; i < n; i++ {
		cc := civ.Low + (float64(i)+0.5)/float64(n)*(civ.High-civ.Low)
		for j := 0; j < n; j++ {
			cs := sys.Low + (float64(j)+0.5)/float64(n)*(sys.High-sys.Low)
			cj := (1 - s.Synergy) * (s.CivilShare*cc + (1-s.CivilShare)*cs)
			if g := s.Reserve - l.At(cj); g > 0 {
				trade++
				gain += g
			}
		}
	}
	nn := float64(n * n)
	c := Cooperative{Line: l, TradeProbability: trade / nn}
	c.JointProfit = (1 - s.HostPower) * gain / nn / l.W
	c.HostSurplus = s.HostPower * gain / nn
	return c, nil
}

func finish(s Setup, comp Competitive) (*Result, error) {
	coopRes, err := Cooperate(s)
	if err != nil {
		return nil, err
	}
	pi := [2]float64{comp.Exporters[0].ExpectedProfit, comp.Exporters[1].ExpectedProfit}
	names := []string{s.Exporters[0].Name, s.Exporters[1].Name}
	g := coop.FromFunc(names, func(m uint32) float64 {
		switch m {
		case 1:
			return pi[0]
		case 2:
			return pi[1]
		case 3:
			return coopRes.JointProfit
		}
		return 0
	})
	sh := g.Shapley()
	coopRes.Shapley = [2]float64{sh[0], sh[1]}
	r := &Result{Setup: s, Competitive: comp, Cooperative: coopRes}
	r.ExportersGain = coopRes.JointProfit - pi[0] - pi[1]
	r.HostGain = coopRes.HostSurplus - comp.HostSurplus
	if r.ExportersGain > 0 {
		nb, err := coop.NashBargaining(coop.TUFrontier(coopRes.JointProfit, pi), pi, 0.5)
		if err != nil {
			return nil, fmt.Errorf("contest: Nash bargaining: %w", err)
		}
		r.Cooperative.Nash = nb
	} else {
		// No gain to share: the disagreement point is where bargaining ends.
		r.Cooperative.Nash = pi
	}
	r.PaysBoth = sh[0] > pi[0] && sh[1] > pi[1]
	return r, nil
}

// Scenario is one consistent world of the compete-or-cooperate comparison:
// every figure in it assumes the same thing about whether the consortium
// forms and how its profit is split. Profits are in price units, the host's
// surplus in host-cost units.
type Scenario struct {
	// Name is "competition", "consortium_shapley" or "nash_bargaining".
	Name string `json:"name"`
	// ConsortiumForms is false when the exporters bid against each other.
	ConsortiumForms bool       `json:"consortium_forms"`
	Profit          [2]float64 `json:"profit"`
	ExportersTotal  float64    `json:"exporters_total"`
	HostSurplus     float64    `json:"host_surplus"`
}

// Scenarios returns the three worlds the comparison describes: competition;
// a consortium whose profit is split by the Shapley value (it forms even when
// it loses, sharing the loss); and Nash bargaining between the exporters,
// which forms the consortium only when there is a gain to share, and
// otherwise stays at the disagreement point, competition, with the host's
// competitive surplus.
func (r *Result) Scenarios() [3]Scenario {
	pi := [2]float64{r.Competitive.Exporters[0].ExpectedProfit, r.Competitive.Exporters[1].ExpectedProfit}
	comp := Scenario{Name: "competition", Profit: pi, ExportersTotal: pi[0] + pi[1], HostSurplus: r.Competitive.HostSurplus}
	c := r.Cooperative
	sh := Scenario{Name: "consortium_shapley", ConsortiumForms: true, Profit: c.Shapley, ExportersTotal: c.JointProfit, HostSurplus: c.HostSurplus}
	nb := comp
	nb.Name = "nash_bargaining"
	if r.ExportersGain > 0 {
		nb = Scenario{Name: "nash_bargaining", ConsortiumForms: true, Profit: c.Nash, ExportersTotal: c.JointProfit, HostSurplus: c.HostSurplus}
	}
	return [3]Scenario{comp, sh, nb}
}
