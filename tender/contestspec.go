package tender

import (
	"errors"
	"fmt"
	"github.com/infragame/infragame/internal/parseerr"
	"math"
)

// ContestSpec is the contest: block of a case file: what the
// compete-or-cooperate analysis (package contest) needs beyond the offers.
// Amounts are in the analysis currency (USD millions in the case library).
type ContestSpec struct {
	// Exporters are the competing offers, each with the range of its
	// bidder's own cost of delivering the project (uniform on [low, high]).
	Exporters []ContestExporter `yaml:"exporters" json:"exporters"`
	// OutsideOption is the host's financing-adjusted cost of not dealing
	// with any exporter.
	OutsideOption OutsideOption `yaml:"outside_option" json:"outside_option"`
	// HostPower is the host's bargaining power against a consortium in
	// [0, 1]: 0 lets the consortium price at the outside option, 1 gives the
	// host all the gain (generalised Nash bargaining).
	HostPower float64 `yaml:"host_power" json:"host_power"`
	// Consortium is the joint bid the exporters could make instead.
	Consortium ConsortiumSpec `yaml:"consortium" json:"consortium"`
}

// ContestExporter is one competing offer and its bidder's cost range.
type ContestExporter struct {
	Offer string    `yaml:"offer" json:"offer"`
	Cost  CostRange `yaml:"cost" json:"cost"`
}

// CostRange is a uniform range [Low, High] of a cost.
type CostRange struct {
	Low  float64 `yaml:"low" json:"low"`
	High float64 `yaml:"high" json:"high"`
}

// OutsideOption is either another offer of the file (the host's own
// funding, say), evaluated like every offer, or a host cost given directly,
// or the rule "max-offer": the financing-adjusted cost of the dearest
// exporter offer as published (the host was willing to consider it).
type OutsideOption struct {
	Offer    string   `yaml:"offer,omitempty" json:"offer,omitempty"`
	HostCost *float64 `yaml:"host_cost,omitempty" json:"host_cost,omitempty"`
	Rule     string   `yaml:"rule,omitempty" json:"rule,omitempty"`
}

// ConsortiumSpec describes a joint bid: civil works from one exporter and
// systems from the other, a cost saving from combining them, and the
// financing blended between the exporters' lenders.
type ConsortiumSpec struct {
	// CivilFrom is the offer id whose bidder does the civil works; the
	// other exporter supplies the systems.
	CivilFrom string `yaml:"civil_from" json:"civil_from"`
	// CivilShare is the civil works' share of the cost, in [0, 1].
	CivilShare float64 `yaml:"civil_share" json:"civil_share"`
	// Synergy is the fraction of cost saved by combining strengths, in [0, 1).
	Synergy float64 `yaml:"synergy" json:"synergy"`
	// FinanceShare gives each exporter's lender's share of the consortium's
	// financing (co-financing); shares sum to 1.
	FinanceShare map[string]float64 `yaml:"finance_share" json:"finance_share"`
}

// Validate checks the spec against the file's offers.
func (c *ContestSpec) Validate(f *File) error {
	offer := map[string]bool{}
	for _, o := range f.Offers {
		offer[o.ID] = true
	}
	var errs []error
	bad := func(field, format string, args ...any) {
		errs = append(errs, parseerr.Fieldf(fmt.Sprintf("contest.%s", field), "%s", fmt.Sprintf(format, args...)))
	}
	if len(c.Exporters) != 2 {
		bad("exporters", "want exactly two competing exporters, got %d", len(c.Exporters))
	}
	exp := map[string]bool{}
	for i, e := range c.Exporters {
		if !offer[e.Offer] {
			bad(fmt.Sprintf("exporters[%d].offer", i), "%q is not an offer id", e.Offer)
		}
		if exp[e.Offer] {
			bad(fmt.Sprintf("exporters[%d].offer", i), "%q listed twice", e.Offer)
		}
		exp[e.Offer] = true
		if !(e.Cost.Low > 0) || !(e.Cost.High > e.Cost.Low) || math.IsInf(e.Cost.High, 0) {
			bad(fmt.Sprintf("exporters[%d].cost", i), "want 0 < low < high, got [%g, %g]", e.Cost.Low, e.Cost.High)
		}
	}
	o := c.OutsideOption
	n := 0
	if o.Offer != "" {
		n++
		if !offer[o.Offer] {
			bad("outside_option.offer", "%q is not an offer id", o.Offer)
		} else if exp[o.Offer] {
			bad("outside_option.offer", "%q is an exporter, not an outside option", o.Offer)
		}
	}
	if o.HostCost != nil {
		n++
		if !(*o.HostCost > 0) || math.IsInf(*o.HostCost, 0) {
			bad("outside_option.host_cost", "want a positive number, got %g", *o.HostCost)
		}
	}
	if o.Rule != "" {
		n++
		if o.Rule != "max-offer" {
			bad("outside_option.rule", "unknown rule %q (want max-offer)", o.Rule)
		}
	}
	if n != 1 {
		bad("outside_option", "give exactly one of offer, host_cost or rule")
	}
	if !(c.HostPower >= 0 && c.HostPower <= 1) {
		bad("host_power", "want a number in [0, 1], got %g", c.HostPower)
	}
	k := c.Consortium
	if !exp[k.CivilFrom] {
		bad("consortium.civil_from", "%q is not one of the exporters", k.CivilFrom)
	}
	if !(k.CivilShare >= 0 && k.CivilShare <= 1) {
		bad("consortium.civil_share", "want a number in [0, 1], got %g", k.CivilShare)
	}
	if !(k.Synergy >= 0 && k.Synergy < 1) {
		bad("consortium.synergy", "want a number in [0, 1), got %g", k.Synergy)
	}
	sum := 0.0
	for id, s := range k.FinanceShare {
		if !exp[id] {
			bad("consortium.finance_share."+id, "not one of the exporters")
		}
		if !(s >= 0 && s <= 1) {
			bad("consortium.finance_share."+id, "want a share in [0, 1], got %g", s)
		}
		sum += s
	}
	if math.Abs(sum-1) > 1e-9 {
		bad("consortium.finance_share", "shares sum to %g, want 1", sum)
	}
	return errors.Join(errs...)
}

// CaseTender builds the tender of a case under a backtest rule (the host
// derived from the observables, the case's inflation as the analysis
// inflation, the PPP drift when the rule asks for it), as the backtest
// evaluates it.
func (f *File) CaseTender(rule BacktestRule) (Tender, error) {
	if f.Observables == nil {
		return f.Tender()
	}
	// The host's real rate comes from the sovereign yield and inflation.
	// The financing-adjusted cost needs it positive: at a rate ≤ 0 a later
	// opening would lower the host's cost (the forgone service turns
	// negative), and the choice model's log cost is undefined.
	if o := f.Observables; (1+o.SovereignYield)/(1+o.Inflation)-1 <= 0 {
		return Tender{}, parseerr.Fieldf("observables", "sovereign_yield %g with inflation %g gives a real discount rate of %.3g %%, not positive: the host cost would fall with delay; give the case a host: block with a positive discount_rate", o.SovereignYield, o.Inflation, 100*((1+o.SovereignYield)/(1+o.Inflation)-1))
	}
	t, err := f.TenderWith(rule.Host(*f.Observables))
	if err != nil {
		return Tender{}, err
	}
	t.Analysis.Inflation = f.Observables.Inflation
	if rule.FXPPP {
		if err := applyPPP(&t, f); err != nil {
			return Tender{}, err
		}
	}
	return t, nil
}
