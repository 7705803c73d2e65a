package coop

import (
	"context"

	"github.com/infragame/infragame/units"
)

// Solution is the document [Solve] returns: every solution concept of a TU
// game. It is what "infragame coop solve --format json" prints; field
// names are stable. Values and allocations are in the game's worth units
// (cost shares for a cost game).
type Solution struct {
	// Players are the game's player names, in order.
	Players []string `json:"players"`
	// CostGame reports that the game shares a cost: the allocations are
	// cost shares.
	CostGame bool `json:"cost_game"`
	// Shapley is the Shapley value ([Game.Shapley]).
	Shapley []float64 `json:"shapley"`
	// Banzhaf is the Banzhaf value and BanzhafIndex its normalisation to
	// shares summing to 1 (null when the Banzhaf values sum to 0)
	// ([Game.Banzhaf]).
	Banzhaf      []float64 `json:"banzhaf"`
	BanzhafIndex []float64 `json:"banzhaf_index"`
	// Core is the least core and an allocation in the core when it is
	// non-empty ([Game.Core]).
	Core *CoreResult `json:"core"`
	// Nucleolus is the nucleolus ([Game.Nucleolus]), null when the
	// imputation set is empty.
	Nucleolus []float64 `json:"nucleolus"`
	// NucleolusError explains a missing nucleolus (empty imputation set).
	NucleolusError string `json:"nucleolus_error,omitempty"`
}

// Solve computes the Shapley value, the Banzhaf value and index, the
// least core and the nucleolus of g. A nucleolus that does not exist (the
// imputation set is empty) is explained in [Solution.NucleolusError], not
// returned as an error; the error is that of an invalid game, of the
// least-core program, or ctx's when ctx is done first (the core and the
// nucleolus grow exponentially with the number of players).
func Solve(ctx context.Context, g *Game) (*Solution, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	if err := g.Validate(); err != nil {
		return nil, err
	}
	s := &Solution{Players: g.Players, CostGame: g.Cost, Shapley: g.Shapley()}
	s.Banzhaf, s.BanzhafIndex = g.Banzhaf()
	var err error
	if s.Core, err = g.CoreContext(ctx); err != nil {
		return nil, err
	}
	if s.Nucleolus, err = g.NucleolusContext(ctx); err != nil {
		if ctx.Err() != nil {
			return nil, err
		}
		s.NucleolusError = err.Error()
	}
	return s, nil
}

// BargainSolution is the document [SolveBargain] returns: the Nash and the
// Kalai–Smorodinsky solutions of a two-player bargaining problem. It is
// what "infragame coop bargain --format json" prints. Payoffs are in the
// problem's utility units, player 1's first.
type BargainSolution struct {
	Players      [2]string  `json:"players"`
	Disagreement [2]float64 `json:"disagreement"`
	// Power is player 1's bargaining power, a fraction (0.5 when the
	// problem gives none); the JSON document writes it in percent as
	// power_pct (50 is one half), as every share in infragame's outputs.
	Power            float64    `json:"-"`
	PowerPct         float64    `json:"power_pct"`
	Nash             [2]float64 `json:"nash"`
	KalaiSmorodinsky [2]float64 `json:"kalai_smorodinsky"`
}

// SolveBargain computes the (asymmetric) Nash bargaining solution
// ([NashBargaining]) and the Kalai–Smorodinsky solution
// ([KalaiSmorodinsky]) of b. A zero power is taken as 0.5.
func SolveBargain(b *Bargain) (*BargainSolution, error) {
	s := &BargainSolution{Players: b.Players, Disagreement: b.Disagreement, Power: b.Power}
	if s.Power == 0 {
		s.Power = 0.5
	}
	s.PowerPct = units.PercentOf(s.Power)
	var err error
	if s.Nash, err = NashBargaining(b.Frontier, b.Disagreement, s.Power); err != nil {
		return nil, err
	}
	if s.KalaiSmorodinsky, err = KalaiSmorodinsky(b.Frontier, b.Disagreement); err != nil {
		return nil, err
	}
	return s, nil
}
