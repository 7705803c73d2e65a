// Package offergame turns a contest case into games: the exporters'
// simultaneous offer game (strategic form, for package game) and the
// sequential offer / counter-offer / revision / host-decision game
// (extensive form, for package game/efg), with the case's own numbers.
//
// # The offer grid
//
// Each exporter's offer is a price and finance terms. The price is a
// markup m over the exporter's expected cost, the midpoint of the cost
// range in the case's contest: block (its cost is uniform on that range,
// as in package contest), so price = (1 + m)·E[c]. The default markups are
// 0, 10 % and 20 % ([DefaultGrid]). The finance terms are either the
// case's loan as offered ("case") or a softer loan ("soft") at
// SoftRate × the case's interest rate (default one half), same maturity
// and grace. The exporter (with its state lender) bears the concession:
// the rise in the loan's grant element at the OECD cash-flow discount rate
// of 10 % (finance.AidDataGrantElement, semi-annual equal principal) times
// the amount lent, share × price.
//
// # The host's choice and the payoffs
//
// For every pair of offers the host is modelled with package tender on
// the case's tender (the case's host under the backtest rule, as
// contest.FromCase builds it), both offers' prices (capex scaled in
// proportion, as contest.HostLine does) and loan rates replaced:
//
//   - with a host-choice model (tender.ChoiceModel, e.g. tender.FitLibrary
//     on the case library, as "tender evaluate" shows it), offer i is
//     chosen with the model's probability p_i given the offers' features
//     (tender.TenderFeatures: financing-adjusted cost and non-price terms,
//     with the case's debt stress), and exporter i's expected profit is
//     p_i·(price − E[c] − concession);
//   - without one, the host takes tender.Evaluate's winner (ties keep the
//     case's offer order): the winner's profit is price − E[c] −
//     concession and the loser's 0.
//
// Profits are in the case's analysis currency (USD millions, price year
// of the case), rounded to 0.01. In the sequential game the host's
// decision is a chance move with the model's probabilities (rounded to
// 10⁻⁴); without a model the host is a third player whose payoff for
// awarding an offer is its tender score (minus the financing-adjusted
// cost under a cost rule), so backward induction makes it choose as
// tender.Evaluate does.
package offergame

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"strconv"

	"github.com/infragame/infragame/finance"
	"github.com/infragame/infragame/game"
	"github.com/infragame/infragame/game/efg"
	"github.com/infragame/infragame/tender"
	"github.com/infragame/infragame/units"
)

// Grid is the offer grid. Its JSON document writes the markups and the
// discount rate as percentages ([Grid.MarshalJSON]).
type Grid struct {
	// Markups over expected cost, as fractions (0.1 = 10 %).
	Markups []float64
	// SoftRate multiplies the case's loan rate for the soft terms (a
	// factor: 0.5 halves the rate).
	SoftRate float64
	// Discount is the discount rate of the grant element, a fraction.
	Discount float64
}

// MarshalJSON writes the grid with the markups and the discount rate in
// percent (markups_pct: [0, 10, 20]) and the soft terms' rate as a
// percentage of the case's loan rate (soft_rate_pct: 50, as --soft-rate and
// the web form's soft_rate_pct take it).
func (g Grid) MarshalJSON() ([]byte, error) {
	mk := make([]float64, len(g.Markups))
	for i, m := range g.Markups {
		mk[i] = units.PercentOf(m)
	}
	return json.Marshal(struct {
		MarkupsPct  []float64 `json:"markups_pct"`
		SoftRatePct float64   `json:"soft_rate_pct"`
		DiscountPct float64   `json:"discount_pct"`
	}{mk, units.PercentOf(g.SoftRate), units.PercentOf(g.Discount)})
}

// DefaultGrid is the grid documented in the package comment.
var DefaultGrid = Grid{Markups: []float64{0, 0.1, 0.2}, SoftRate: 0.5, Discount: 0.10}

// Option is one offer of an exporter. Markup and Rate are decimal
// fractions; its JSON document writes them in percent
// ([Option.MarshalJSON]).
type Option struct {
	Label  string
	Markup float64
	Soft   bool
	Price  float64
	Rate   float64
	// Concession is the exporter's cost of the soft terms (0 for the
	// case's terms).
	Concession float64
}

// MarshalJSON writes the option with its markup and loan rate in percent
// (markup_pct: 10, loan_rate_pct: 0.1).
func (o Option) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Label      string  `json:"label"`
		MarkupPct  float64 `json:"markup_pct"`
		Soft       bool    `json:"soft_terms"`
		Price      float64 `json:"price"`
		RatePct    float64 `json:"loan_rate_pct"`
		Concession float64 `json:"concession_cost"`
	}{o.Label, units.PercentOf(o.Markup), o.Soft, o.Price, units.PercentOf(o.Rate), o.Concession})
}

// Exporter is one side of the contest.
type Exporter struct {
	Offer        string   `json:"offer"`
	ExpectedCost float64  `json:"expected_cost"`
	Options      []Option `json:"options"`
}

// Model holds a case's contest ready to be played.
type Model struct {
	Case      string      `json:"case"`
	Grid      Grid        `json:"grid"`
	Exporters [2]Exporter `json:"exporters"`
	// HostModel names the host's decision rule: "choice model" or
	// "tender winner".
	HostModel string `json:"host_model"`
	tender    tender.Tender
	choice    *tender.ChoiceModel
	stress    float64
	cache     map[[2]Option]outcome
}

type outcome struct {
	prob  [2]float64
	score [2]float64
}

// New builds the model of case f (which needs a contest: block) under the
// backtest rule, with grid g (zero fields take DefaultGrid's) and the
// host-choice model choice (nil: the tender winner).
func New(f *tender.File, rule tender.BacktestRule, g Grid, choice *tender.ChoiceModel) (*Model, error) {
	if f.Contest == nil {
		return nil, fmt.Errorf("offergame: case %s has no contest: block", f.ID)
	}
	if err := f.Contest.Validate(f); err != nil {
		return nil, err
	}
	if len(g.Markups) == 0 {
		g.Markups = DefaultGrid.Markups
	}
	if g.SoftRate == 0 {
		g.SoftRate = DefaultGrid.SoftRate
	}
	if g.Discount == 0 {
		g.Discount = DefaultGrid.Discount
	}
	if g.SoftRate < 0 || g.SoftRate > 1 || g.Discount <= 0 {
		return nil, fmt.Errorf("offergame: soft-rate factor %g must be in [0, 1] and discount %g positive", g.SoftRate, g.Discount)
	}
	for _, m := range g.Markups {
		if m < -0.5 || m > 5 {
			return nil, fmt.Errorf("offergame: markup %g outside [-0.5, 5]", m)
		}
	}
	t, err := f.CaseTender(rule)
	if err != nil {
		return nil, err
	}
	m := &Model{Case: f.ID, Grid: g, tender: t, choice: choice, HostModel: "tender winner", cache: map[[2]Option]outcome{}}
	if choice != nil {
		m.HostModel = "choice model"
		if f.Observables != nil {
			m.stress = f.Observables.DebtStress()
		}
	}
	for i, e := range f.Contest.Exporters {
		o := m.offer(e.Offer)
		if o == nil {
			return nil, fmt.Errorf("offergame: no offer %q", e.Offer)
		}
		ec := (e.Cost.Low + e.Cost.High) / 2
		ex := Exporter{Offer: e.Offer, ExpectedCost: ec}
		for _, soft := range []bool{false, true} {
			if soft && o.Loan == nil {
				continue
			}
			for _, mk := range g.Markups {
				opt := Option{Markup: mk, Soft: soft, Price: round2((1 + mk) * ec)}
				terms := "case terms"
				if o.Loan != nil {
					opt.Rate = o.Loan.Rate
					if soft {
						opt.Rate = o.Loan.Rate * g.SoftRate
						ge0 := finance.AidDataGrantElement(o.Loan.Rate, o.Loan.MaturityYears, o.Loan.GraceYears, g.Discount)
						ge1 := finance.AidDataGrantElement(opt.Rate, o.Loan.MaturityYears, o.Loan.GraceYears, g.Discount)
						opt.Concession = round2(o.Share * opt.Price * (ge1 - ge0))
						terms = "soft terms"
					}
				}
				opt.Label = fmt.Sprintf("%+g%% %s", 100*mk, terms)
				ex.Options = append(ex.Options, opt)
			}
		}
		m.Exporters[i] = ex
	}
	return m, nil
}

func round2(x float64) float64 {
	v, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'f', 2, 64), 64)
	return v
}

func (m *Model) offer(id string) *tender.Offer {
	for i := range m.tender.Offers {
		if m.tender.Offers[i].ID == id {
			return &m.tender.Offers[i]
		}
	}
	return nil
}

// Decide returns the probability that the host chooses option a of
// exporter 0 and option b of exporter 1 (summing to 1; 0 or 1 without a
// choice model) and both offers' tender scores.
func (m *Model) Decide(a, b Option) (prob [2]float64, score [2]float64, err error) {
	key := [2]Option{a, b}
	if o, ok := m.cache[key]; ok {
		return o.prob, o.score, nil
	}
	t := m.tender.Clone()
	for i, opt := range []Option{a, b} {
		for k := range t.Offers {
			o := &t.Offers[k]
			if o.ID != m.Exporters[i].Offer {
				continue
			}
			p := o.Price
			if p == 0 {
				p = o.Asset.Capex
			}
			o.Asset.Capex *= opt.Price / p
			o.Price = opt.Price
			if o.Loan != nil {
				o.Loan.Rate = opt.Rate
			}
		}
	}
	r, err := tender.Evaluate(t)
	if err != nil {
		return prob, score, err
	}
	for _, or := range r.Offers {
		for i := range 2 {
			if or.ID == m.Exporters[i].Offer {
				score[i] = or.Score
				if or.ID == r.Winner {
					prob[i] = 1
				}
			}
		}
	}
	if m.choice != nil {
		ids, x, err := tender.TenderFeatures(t, m.stress)
		if err != nil {
			return prob, score, err
		}
		p := m.choice.Probabilities(x)
		prob = [2]float64{}
		for k, id := range ids {
			for i := range 2 {
				if id == m.Exporters[i].Offer {
					prob[i] = p[k]
				}
			}
		}
		if s := prob[0] + prob[1]; s > 0 {
			prob[0], prob[1] = prob[0]/s, prob[1]/s // other offers of the case, if any, are left out
		}
	}
	m.cache[key] = outcome{prob, score}
	return prob, score, nil
}

// Profit is exporter i's expected profit when it wins with option o.
func (m *Model) Profit(i int, o Option) float64 {
	return round2(o.Price - m.Exporters[i].ExpectedCost - o.Concession)
}

func rat(x float64) *big.Rat {
	r, _ := new(big.Rat).SetString(strconv.FormatFloat(x, 'f', -1, 64))
	return r
}

// Simultaneous returns the exporters' simultaneous offer game: player i
// chooses one of Exporters[i].Options; payoffs are expected profits
// (exact decimals).
func (m *Model) Simultaneous() (*game.Game, error) {
	e0, e1 := m.Exporters[0], m.Exporters[1]
	g := game.New(len(e0.Options), len(e1.Options))
	g.Title = fmt.Sprintf("%s: simultaneous offer game", m.Case)
	g.Comment = "infragame game from-case: markup over expected cost × finance terms; host: " + m.HostModel + "; payoffs are expected profits (analysis currency, millions)"
	g.Players[0], g.Players[1] = e0.Offer, e1.Offer
	for i, ex := range m.Exporters {
		for s, o := range ex.Options {
			g.Strategies[i][s] = o.Label
		}
	}
	for a, oa := range e0.Options {
		for b, ob := range e1.Options {
			pr, _, err := m.Decide(oa, ob)
			if err != nil {
				return nil, err
			}
			g.SetPayoffRat(0, []int{a, b}, rat(round2(pr[0]*m.Profit(0, oa))))
			g.SetPayoffRat(1, []int{a, b}, rat(round2(pr[1]*m.Profit(1, ob))))
		}
	}
	return g, g.Validate()
}

// Sequential returns the sequential game with leader (an exporter's offer
// id; "" takes the offer listed first in the case): the leader makes a
// first offer at the case's terms (a markup from the grid), the follower
// sees it and counter-offers (any option), the leader sees that and
// revises (keep; soft terms; the lowest markup; the lowest markup with
// soft terms), and the host, seeing both final offers, awards one: by
// chance with the choice model's probabilities, or, without a model, as
// a third player named "host". Perfect information: package efg's
// SubgamePerfect solves it.
func (m *Model) Sequential(leader string) (*efg.Game, error) {
	li := 0
	if leader == "" {
		leader = m.tender.Offers[0].ID
	}
	switch leader {
	case m.Exporters[0].Offer:
	case m.Exporters[1].Offer:
		li = 1
	default:
		return nil, fmt.Errorf("offergame: leader %q is not an exporter of case %s", leader, m.Case)
	}
	fi := 1 - li
	L, F := m.Exporters[li], m.Exporters[fi]
	players := []string{L.Offer, F.Offer}
	if m.choice == nil {
		players = append(players, "host")
	}
	g := efg.New(fmt.Sprintf("%s: offer, counter-offer, revision and host decision", m.Case), players...)
	g.Comment = "infragame game from-case: payoffs are expected profits of the exporters (analysis currency, millions); host: " + m.HostModel
	if m.choice == nil {
		g.Comment += " (the host's payoff is the tender score of the offer it awards)"
	}
	var first []Option
	for _, o := range L.Options {
		if !o.Soft {
			first = append(first, o)
		}
	}
	labels := func(opts []Option) []string {
		s := make([]string, len(opts))
		for i, o := range opts {
			s[i] = fmt.Sprintf("%s (price %s)", o.Label, strconv.FormatFloat(o.Price, 'f', -1, 64))
		}
		return s
	}
	lowest := first[0]
	for _, o := range first {
		if o.Markup < lowest.Markup {
			lowest = o
		}
	}
	soften := func(o Option) Option {
		for _, c := range L.Options {
			if c.Soft && c.Markup == o.Markup {
				return c
			}
		}
		return o
	}
	award := func(who Exporter, idx int, o Option, score float64) *efg.Node {
		n := len(players)
		pay := make([]*big.Rat, n)
		for i := range pay {
			pay[i] = new(big.Rat)
		}
		pay[map[bool]int{true: 0, false: 1}[idx == li]] = rat(m.Profit(idx, o))
		if m.choice == nil {
			pay[2] = rat(round2(score))
		}
		return efg.Leaf("", g.NewOutcome(fmt.Sprintf("%s wins at %s", who.Offer, strconv.FormatFloat(o.Price, 'f', -1, 64)), pay...))
	}
	var err error
	var firstNodes []*efg.Node
	for _, o1 := range first {
		var counter []*efg.Node
		for _, c := range F.Options {
			revisions := []Option{o1, soften(o1), lowest, soften(lowest)}
			revLabels := []string{"keep", "soft terms", "lowest price", "lowest price, soft terms"}
			var revNodes []*efg.Node
			for _, o2 := range revisions {
				var pair [2]Option
				pair[li], pair[fi] = o2, c
				prob, score, e := m.Decide(pair[0], pair[1])
				if e != nil {
					err = e
				}
				acts := []string{"award " + L.Offer, "award " + F.Offer}
				label := fmt.Sprintf("%s: %s; %s: %s", L.Offer, o2.Label, F.Offer, c.Label)
				var h *efg.Infoset
				if m.choice != nil {
					pl := new(big.Rat).SetFrac64(int64(math.Round(prob[li]*1e4)), 1e4)
					h = g.NewInfoset(0, "", acts, []*big.Rat{pl, new(big.Rat).Sub(big.NewRat(1, 1), pl)})
				} else {
					h = g.NewInfoset(3, "", acts, nil)
				}
				revNodes = append(revNodes, efg.Move(label, h, nil, award(L, li, o2, score[li]), award(F, fi, c, score[fi])))
			}
			h := g.NewInfoset(1, "", revLabels, nil)
			counter = append(counter, efg.Move("revision", h, nil, revNodes...))
		}
		h := g.NewInfoset(2, "", labels(F.Options), nil)
		firstNodes = append(firstNodes, efg.Move("counter-offer to "+o1.Label, h, nil, counter...))
	}
	if err != nil {
		return nil, err
	}
	h := g.NewInfoset(1, "", labels(first), nil)
	return g, g.SetRoot(efg.Move("first offer", h, nil, firstNodes...))
}

// Play is one option played with positive probability.
type Play struct {
	Option      string  `json:"option"`
	Probability float64 `json:"probability"`
}

// Equilibrium is a Nash equilibrium of the simultaneous offer game.
type Equilibrium struct {
	Plays   [2][]Play  `json:"plays"`
	Payoffs [2]float64 `json:"expected_profits"`
	// WinProbability is each exporter's probability of being chosen (pure
	// equilibria only).
	WinProbability [2]float64 `json:"win_probability"`
}

// Solution lists the equilibria of the simultaneous offer game: all pure
// ones (game.PureEquilibria) or, when there is none, the extreme mixed
// ones (game.EnumMixed). Both are exact.
type Solution struct {
	Method     string        `json:"method"`
	Equilibria []Equilibrium `json:"equilibria"`
}

// Solve solves the simultaneous offer game.
func (m *Model) Solve(ctx context.Context) (*Solution, error) {
	g, err := m.Simultaneous()
	if err != nil {
		return nil, err
	}
	sol := &Solution{Method: "pure"}
	eqs, err := game.PureEquilibria(ctx, g)
	if err != nil {
		return nil, err
	}
	if len(eqs) == 0 {
		ex, err := game.EnumMixed(ctx, g)
		if err != nil {
			return nil, err
		}
		sol.Method, eqs = "enummixed", ex.Equilibria
	}
	for _, e := range eqs {
		var q Equilibrium
		var pure [2]int
		npure := 0
		for i := range 2 {
			q.Payoffs[i] = e.Payoffs[i]
			for s, p := range e.Profile[i] {
				if p > 0 {
					q.Plays[i] = append(q.Plays[i], Play{Option: m.Exporters[i].Options[s].Label, Probability: p})
					pure[i] = s
				}
			}
			if len(q.Plays[i]) == 1 {
				npure++
			}
		}
		if npure == 2 {
			pr, _, err := m.Decide(m.Exporters[0].Options[pure[0]], m.Exporters[1].Options[pure[1]])
			if err != nil {
				return nil, err
			}
			q.WinProbability = pr
		}
		sol.Equilibria = append(sol.Equilibria, q)
	}
	return sol, nil
}
