package contest

import (
	"context"
	"errors"

	"github.com/infragame/infragame/auction"
	"github.com/infragame/infragame/contest/offergame"
	"github.com/infragame/infragame/tender"
	"github.com/infragame/infragame/units"
)

// SynergySearchMax is the largest consortium cost saving (a fraction, 0.9 =
// 90 %) at which [FindThresholds] looks for [MinSynergy].
const SynergySearchMax = 0.9

// Thresholds are the values at which the compete-or-cooperate verdict
// flips, in percent (50 is 50 %) as result documents show them. A nil
// field means there is no such value.
type Thresholds struct {
	// MaxHostPowerPct is β* in percent, the largest host bargaining power
	// at which cooperation pays both exporters ([MaxHostPower]).
	MaxHostPowerPct *float64 `json:"max_host_power_pct"`
	// MinSynergyPct is σ* in percent, the smallest consortium cost saving
	// at which it does at the setup's host power, searched up to
	// [SynergySearchMax] ([MinSynergy]).
	MinSynergyPct *float64 `json:"min_synergy_pct"`
}

// FindThresholds computes both thresholds of s, whose competitive outcome
// is comp. [ErrNoThreshold] gives a nil field; any other error is returned.
func FindThresholds(s Setup, comp Competitive) (Thresholds, error) {
	var t Thresholds
	if b, err := MaxHostPower(s, comp); err == nil {
		pct := units.PercentOf(b)
		t.MaxHostPowerPct = &pct
	} else if !errors.Is(err, ErrNoThreshold) {
		return t, err
	}
	if sig, err := MinSynergy(s, comp, SynergySearchMax); err == nil {
		pct := units.PercentOf(sig)
		t.MinSynergyPct = &pct
	} else if !errors.Is(err, ErrNoThreshold) {
		return t, err
	}
	return t, nil
}

// Overrides change a case's contest block; a nil field keeps the case's
// value. All three are fractions in [0, 1]: they are set by front ends
// from the user's percentages (host_power_pct …) and have no wire form of
// their own, so they are never marshalled.
type Overrides struct {
	// HostPower is the host's bargaining power against the consortium.
	HostPower *float64 `json:"-"`
	// Synergy is the consortium's cost saving.
	Synergy *float64 `json:"-"`
	// CivilShare is the civil works' share of cost.
	CivilShare *float64 `json:"-"`
}

// SetupOf reduces case f to a [Setup] under [tender.DefaultRule]
// ([FromCase]) and applies o. The overridden setup is not validated here:
// [Setup.Validate] says whether the overrides fit, and [Analyze] refuses an
// invalid setup.
func SetupOf(f *tender.File, o Overrides) (Setup, error) {
	s, _, err := FromCase(f, tender.DefaultRule)
	if err != nil {
		return s, err
	}
	if o.HostPower != nil {
		s.HostPower = *o.HostPower
	}
	if o.Synergy != nil {
		s.Synergy = *o.Synergy
	}
	if o.CivilShare != nil {
		s.CivilShare = *o.CivilShare
	}
	return s, nil
}

// OfferGame is the equilibrium of the exporters' simultaneous offer game
// (package offergame) in a [Report].
type OfferGame struct {
	Grid     offergame.Grid      `json:"grid"`
	Solution *offergame.Solution `json:"solution"`
	// Offers are the two exporters' offer ids, in the game's order.
	Offers [2]string `json:"-"`
}

// Report is the document of "contest analyze": the comparison of
// competition with cooperation, the thresholds, the three scenarios and,
// as asked, the verification of the auction, the host's choice
// probabilities and the offer game. Money is in the case's currency.
type Report struct {
	*Result
	Thresholds
	Verification *auction.Verification `json:"verification,omitempty"`
	// ChoiceProbabilities are the host's choice probabilities among the
	// offers as published under the host-choice model (docs/tender.md),
	// in the case's offer order (Choice.Intervals).
	ChoiceProbabilities []tender.Interval `json:"choice_probabilities,omitempty"`
	// Scenarios are competition, a Shapley-split consortium, and Nash
	// bargaining, each one consistent world ([Result.Scenarios]).
	Scenarios [3]Scenario `json:"scenarios"`
	OfferGame *OfferGame  `json:"offer_game,omitempty"`
	// Choice is the full choice estimate behind ChoiceProbabilities: with
	// the offers' features, which the host-choice table shows.
	Choice *tender.ChoiceEstimate `json:"choice,omitempty"`
}

// CaseOptions are the settings of [AnalyzeCase].
type CaseOptions struct {
	// Verify checks the competitive equilibrium (best responses on a grid
	// and a seeded Monte Carlo, [auction.Result.Verify]).
	Verify bool
	// Choice, when not nil, is the host-choice model under which the
	// offers' choice probabilities are estimated (bands from
	// tender.ChoiceDraws draws seeded with Seed) and the offer game is
	// played; nil leaves both out.
	Choice *tender.ChoiceModel
	Seed   uint64
}

// AnalyzeCase is the whole compete-or-cooperate analysis of case f with
// setup s (from [SetupOf], possibly overridden): [Analyze], the
// [Thresholds], the scenarios and, as opt asks, the verification, the
// choice probabilities and the offer game.
func AnalyzeCase(ctx context.Context, f *tender.File, s Setup, opt CaseOptions) (*Report, error) {
	r, err := AnalyzeContext(ctx, s)
	if err != nil {
		return nil, err
	}
	th, err := FindThresholds(s, r.Competitive)
	if err != nil {
		return nil, err
	}
	rep := &Report{Result: r, Thresholds: th, Scenarios: r.Scenarios()}
	if opt.Verify && r.Competitive.Auction != nil {
		rep.Verification = r.Competitive.Auction.Verify(auction.VerifyOptions{})
	}
	if opt.Choice == nil {
		return rep, nil
	}
	if t, err := f.EvaluationTender(); err == nil {
		ce, err := tender.EstimateChoice(t, f.HostStress(), *opt.Choice, tender.ChoiceDraws, opt.Seed)
		if err != nil {
			return nil, err
		}
		rep.Choice, rep.ChoiceProbabilities = ce, ce.Intervals
	}
	m, err := offergame.New(f, tender.DefaultRule, offergame.Grid{}, opt.Choice)
	if err != nil {
		return nil, err
	}
	sol, err := m.Solve(ctx)
	if err != nil {
		return nil, err
	}
	rep.OfferGame = &OfferGame{Grid: m.Grid, Solution: sol, Offers: [2]string{m.Exporters[0].Offer, m.Exporters[1].Offer}}
	return rep, nil
}
