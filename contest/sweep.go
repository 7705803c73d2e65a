package contest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/infragame/infragame/units"
)

// ErrNoThreshold is returned when cooperation pays at every value in the
// range, or at none.
var ErrNoThreshold = errors.New("contest: no threshold in range")

// MaxHostPower is the largest host bargaining power at which cooperation
// still pays both exporters: with G = E[(R − θ_J)^+] (host units) the joint
// profit is (1 − β)·G/W_J, which exceeds π_1 + π_2 while
// β < β* = 1 − (π_1 + π_2)·W_J/G. It returns ErrNoThreshold when β* ≤ 0:
// cooperation does not pay even if the consortium keeps all the gain.
func MaxHostPower(s Setup, comp Competitive) (float64, error) {
	s.HostPower = 0
	c, err := Cooperate(s)
	if err != nil {
		return 0, err
	}
	if c.JointProfit <= 0 {
		return 0, ErrNoThreshold
	}
	b := 1 - (comp.Exporters[0].ExpectedProfit+comp.Exporters[1].ExpectedProfit)/c.JointProfit
	if b <= 0 {
		return 0, ErrNoThreshold
	}
	return b, nil
}

// MinSynergy is the smallest consortium cost saving σ in [0, hi] at which
// cooperation pays both exporters (the exporters' gain is increasing in σ),
// found by bisection to 1e-10. It returns 0 when cooperation pays without
// any saving and ErrNoThreshold when it does not pay even at hi.
func MinSynergy(s Setup, comp Competitive, hi float64) (float64, error) {
	gain := func(sig float64) (float64, error) {
		s.Synergy = sig
		c, err := Cooperate(s)
		if err != nil {
			return 0, err
		}
		return c.JointProfit - comp.Exporters[0].ExpectedProfit - comp.Exporters[1].ExpectedProfit, nil
	}
	g0, err := gain(0)
	if err != nil {
		return 0, err
	}
	if g0 > 0 {
		return 0, nil
	}
	g1, err := gain(hi)
	if err != nil {
		return 0, err
	}
	if g1 <= 0 {
		return 0, fmt.Errorf("%w: cooperation does not pay even with a %.0f %% cost saving", ErrNoThreshold, 100*hi)
	}
	lo := 0.0
	for hi-lo > 1e-10 {
		mid := (lo + hi) / 2
		g, err := gain(mid)
		if err != nil {
			return 0, err
		}
		if g > 0 {
			hi = mid
		} else {
			lo = mid
		}
	}
	return hi, nil
}

// Cell is one point of a [Map]. Synergy and HostPower are decimal
// fractions; its JSON document writes them as percentages
// ([Cell.MarshalJSON]).
type Cell struct {
	Synergy       float64
	HostPower     float64
	ExportersGain float64
	HostGain      float64
	// Verdict is "cooperate: all gain", "cooperate: host loses" or "compete".
	Verdict string
}

// MarshalJSON writes the cell with the cost saving and the host's power as
// percentages (synergy_pct: 10 is 10 %) and the gains in the case's money.
func (c Cell) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		SynergyPct    float64 `json:"synergy_pct"`
		HostPowerPct  float64 `json:"host_power_pct"`
		ExportersGain float64 `json:"exporters_gain"`
		HostGain      float64 `json:"host_gain"`
		Verdict       string  `json:"verdict"`
	}{units.PercentOf(c.Synergy), units.PercentOf(c.HostPower), c.ExportersGain, c.HostGain, c.Verdict})
}

// The default grids of `contest map` and the web app's map, in percent as
// the --synergies and --powers flags take them (tender.ParseGrid syntax):
// consortium cost saving 0 to 30 % by 2 points, host bargaining power 0 to
// 100 % by 10 points. [Map] takes fractions (units.FractionOf).
const (
	DefaultSynergyGrid = "0:30:2"
	DefaultPowerGrid   = "0:100:10"
)

// Verdicts of a map cell.
const (
	VerdictAllGain   = "cooperate: all gain"
	VerdictHostLoses = "cooperate: host loses"
	VerdictCompete   = "compete"
)

// Map evaluates the gains from cooperation over a grid of consortium cost
// savings (x) and host bargaining powers (y). The competitive outcome does
// not depend on either, so the auction is solved once. cells[j][i] is at
// (synergies[i], powers[j]). progress, if not nil, is called after each row.
func Map(ctx context.Context, s Setup, synergies, powers []float64, progress func(done, total int)) ([][]Cell, error) {
	comp, err := CompeteContext(ctx, s)
	if err != nil {
		return nil, err
	}
	out := make([][]Cell, len(powers))
	for j, b := range powers {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		out[j] = make([]Cell, len(synergies))
		for i, sig := range synergies {
			u := s
			u.Synergy, u.HostPower = sig, b
			r, err := finish(u, comp)
			if err != nil {
				return nil, err
			}
			v := VerdictCompete
			if r.PaysBoth {
				v = VerdictHostLoses
				if r.HostGain >= 0 {
					v = VerdictAllGain
				}
			}
			out[j][i] = Cell{sig, b, r.ExportersGain, r.HostGain, v}
		}
		if progress != nil {
			progress(j+1, len(powers))
		}
	}
	return out, nil
}
