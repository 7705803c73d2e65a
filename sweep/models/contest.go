package models

import (
	"fmt"
	"github.com/infragame/infragame/internal/parseerr"
	"math/rand/v2"
	"strings"

	"github.com/infragame/infragame/contest"
	"github.com/infragame/infragame/sweep"
	"github.com/infragame/infragame/units"
)

// Contest sweeps the two-exporter contest of a case ([contest.FromCase]).
// Parameters: host_power, synergy, civil_share, reserve (host cost of the
// outside option), finance_share (the first exporter's share of the
// consortium's financing; the second has the rest) and, for each exporter
// NAME, cost.NAME.low and cost.NAME.high. Outputs: exporters_gain,
// host_gain, pays_both (1 or 0), joint_profit, competitive_host_surplus,
// cooperative_host_surplus, no_sale_probability and, per exporter,
// win_probability.NAME and profit.NAME (competitive expected profit). The
// contest is deterministic: every run of a point gives the same row.
type Contest struct {
	s    contest.Setup
	outs []string
}

// NewContest validates s and returns its model.
func NewContest(s contest.Setup) (*Contest, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	m := &Contest{s: s, outs: []string{"exporters_gain", "host_gain", "pays_both", "joint_profit",
		"competitive_host_surplus", "cooperative_host_surplus", "no_sale_probability"}}
	for _, e := range s.Exporters {
		m.outs = append(m.outs, "win_probability."+e.Name, "profit."+e.Name)
	}
	return m, nil
}

// ContestParams lists the parameter names of a contest setup.
func ContestParams(s contest.Setup) []string {
	ns := []string{"host_power", "synergy", "civil_share", "reserve", "finance_share"}
	for _, e := range s.Exporters {
		ns = append(ns, "cost."+e.Name+".low", "cost."+e.Name+".high")
	}
	return ns
}

// Outputs lists the outputs.
func (m *Contest) Outputs() []string { return m.outs }

// Bind checks the names and returns an evaluator.
func (m *Contest) Bind(names []string) (sweep.Evaluator, error) {
	setters := make([]func(*contest.Setup, float64), len(names))
	pct := make([]bool, len(names))
	for i, name := range names {
		// A share named with _pct (host_power_pct) is swept in percent.
		n := name
		if base, ok := strings.CutSuffix(name, "_pct"); ok && (base == "host_power" || base == "synergy" || base == "civil_share" || base == "finance_share") {
			n, pct[i] = base, true
		}
		switch n {
		case "host_power":
			setters[i] = func(s *contest.Setup, v float64) { s.HostPower = v }
		case "synergy":
			setters[i] = func(s *contest.Setup, v float64) { s.Synergy = v }
		case "civil_share":
			setters[i] = func(s *contest.Setup, v float64) { s.CivilShare = v }
		case "reserve":
			setters[i] = func(s *contest.Setup, v float64) { s.Reserve = v }
		case "finance_share":
			setters[i] = func(s *contest.Setup, v float64) { s.FinanceShare = [2]float64{v, 1 - v} }
		}
		for k, e := range m.s.Exporters {
			switch n {
			case "cost." + e.Name + ".low":
				setters[i] = func(s *contest.Setup, v float64) { s.Exporters[k].Low = v }
			case "cost." + e.Name + ".high":
				setters[i] = func(s *contest.Setup, v float64) { s.Exporters[k].High = v }
			}
		}
		if setters[i] == nil {
			return nil, parseerr.Fieldf(fmt.Sprintf("params[%d]", i), "%q is not a contest parameter (want one of %v; a share may be named NAME_pct to give it in percent)", name, ContestParams(m.s))
		}
	}
	return sweep.EvalFunc(func(x []float64, _ rand.Source, y []float64) error {
		s := m.s
		for i, f := range setters {
			v := x[i]
			if pct[i] {
				v = units.FractionOf(v)
			}
			f(&s, v)
		}
		r, err := contest.Analyze(s)
		if err != nil {
			return err
		}
		c := r.Competitive
		y[0], y[1], y[3] = r.ExportersGain, r.HostGain, r.Cooperative.JointProfit
		y[2] = 0
		if r.PaysBoth {
			y[2] = 1
		}
		y[4], y[5], y[6] = c.HostSurplus, r.Cooperative.HostSurplus, c.NoSaleProbability
		for k, e := range c.Exporters {
			y[7+2*k], y[8+2*k] = e.WinProbability, e.ExpectedProfit
		}
		return nil
	}), nil
}
