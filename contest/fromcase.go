package contest

import (
	"fmt"

	"github.com/infragame/infragame/tender"
)

// FromCase reduces a case file with a contest: block to a [Setup]: the host
// profile from the case's observables under rule (the backtest's host), the
// host cost line of each exporter's offer, and the outside option's host
// cost. A file with a host: block uses that host instead.
func FromCase(f *tender.File, rule tender.BacktestRule) (Setup, tender.Tender, error) {
	if f.Contest == nil {
		return Setup{}, tender.Tender{}, fmt.Errorf("case %s has no contest: block (exporters' cost ranges, outside option, consortium)", f.ID)
	}
	c := f.Contest
	if err := c.Validate(f); err != nil {
		return Setup{}, tender.Tender{}, err
	}
	t, err := f.CaseTender(rule)
	if err != nil {
		return Setup{}, tender.Tender{}, err
	}
	var s Setup
	idx := map[string]int{}
	for i, e := range c.Exporters {
		l, err := HostLine(t, e.Offer)
		if err != nil {
			return Setup{}, t, err
		}
		s.Exporters[i] = Exporter{Name: e.Offer, Low: e.Cost.Low, High: e.Cost.High, Line: l}
		idx[e.Offer] = i
	}
	switch o := c.OutsideOption; {
	case o.HostCost != nil:
		s.Reserve = *o.HostCost
	case o.Offer != "":
		r, err := tender.Evaluate(t)
		if err != nil {
			return Setup{}, t, err
		}
		for _, or := range r.Offers {
			if or.ID == o.Offer {
				s.Reserve = or.Financing.Total
			}
		}
	case o.Rule == "max-offer":
		s.Reserve = max(s.Exporters[0].Line.HostCost, s.Exporters[1].Line.HostCost)
	}
	s.HostPower = c.HostPower
	s.CivilFrom = idx[c.Consortium.CivilFrom]
	s.CivilShare = c.Consortium.CivilShare
	s.Synergy = c.Consortium.Synergy
	for id, sh := range c.Consortium.FinanceShare {
		s.FinanceShare[idx[id]] = sh
	}
	return s, t, s.Validate()
}
