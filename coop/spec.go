package coop

import (
	"errors"
	"fmt"

	"github.com/infragame/infragame/internal/yamlpos"
	"github.com/infragame/infragame/units"
)

// Spec is a cooperative game or a bargaining problem read from YAML:
//
//	players: [a, b, c]
//	cost: false                 # true: values are costs to be shared
//	values: {a: 0, a+b: 1, …}   # every non-empty coalition, names joined by +
//	weighted_majority: {quota: 3, weights: [2, 1, 1]}   # instead of values
//	airport: {costs: [1, 3, 6]}                         # instead of values
//
// or, for two players,
//
//	players: [a, b]
//	disagreement: [1, 2]
//	total: 10                           # transferable utility, or
//	frontier: [[0, 10], [4, 8], [10, 0]] # concave Pareto frontier
//	power_pct: 50                       # player a's bargaining power, percent
//
// Bargaining power is a percentage, as every share in infragame's files
// (power_pct: 50 is one half); files written before that rule give it as a
// fraction under power (power: 0.5), which is still read. A power_pct
// below 1 (0.5 meaning one half) is refused as on the wrong scale unless
// opts allow unusual values (units.Check).
//
// A two-player game (values) is also a bargaining problem with the
// singletons' worths as disagreement point and v(N) as total.
type Spec struct {
	Game    *Game
	Bargain *Bargain
}

// Bargain is a two-player bargaining problem.
type Bargain struct {
	Players      [2]string
	Disagreement [2]float64
	Frontier     Frontier
	// Power is player 1's bargaining power in (0, 1) (0.5 when symmetric).
	Power float64
}

type fileSpec struct {
	Players          []string           `yaml:"players"`
	Cost             bool               `yaml:"cost"`
	Values           map[string]float64 `yaml:"values"`
	WeightedMajority *struct {
		Quota   float64   `yaml:"quota"`
		Weights []float64 `yaml:"weights"`
	} `yaml:"weighted_majority"`
	Airport *struct {
		Costs []float64 `yaml:"costs"`
	} `yaml:"airport"`
	Disagreement []float64    `yaml:"disagreement"`
	Total        *float64     `yaml:"total"`
	Frontier     [][2]float64 `yaml:"frontier"`
	Power        *float64     `yaml:"power"`
	PowerPct     *float64     `yaml:"power_pct"`
}

// SpecError is a semantic error in a spec file, located by field path
// and, when the field is present, by line.
type SpecError = yamlpos.Error

// ParseSpec reads a game or bargaining problem; name is used in errors.
// opts (at most one) may allow a bargaining power on an unusual scale.
func ParseSpec(name string, data []byte, opts ...units.Options) (*Spec, error) {
	var fs fileSpec
	doc, err := yamlpos.Decode(name, data, &fs)
	if err != nil {
		return nil, err
	}
	fail := doc.Errorf
	if len(fs.Players) == 0 {
		return nil, fail("players", errors.New("missing list of players"))
	}
	if len(fs.Players) > MaxPlayers {
		return nil, fail("players", fmt.Errorf("at most %d players, got %d", MaxPlayers, len(fs.Players)))
	}
	sp := &Spec{}
	sources := 0
	for _, b := range []bool{fs.Values != nil, fs.WeightedMajority != nil, fs.Airport != nil} {
		if b {
			sources++
		}
	}
	if sources > 1 {
		return nil, fail("values", errors.New("give exactly one of values, weighted_majority and airport"))
	}
	switch {
	case fs.Values != nil:
		sp.Game, err = NewGame(fs.Players, fs.Values)
		if err != nil {
			return nil, fail("values", err)
		}
		sp.Game.Cost = fs.Cost
	case fs.WeightedMajority != nil:
		sp.Game, err = WeightedMajority(fs.Players, fs.WeightedMajority.Weights, fs.WeightedMajority.Quota)
		if err != nil {
			return nil, fail("weighted_majority.weights", err)
		}
	case fs.Airport != nil:
		sp.Game, err = Airport(fs.Players, fs.Airport.Costs)
		if err != nil {
			return nil, fail("airport.costs", err)
		}
	}
	if sp.Game != nil {
		if err := sp.Game.Validate(); err != nil {
			return nil, fail("players", err)
		}
	}
	hasB := fs.Disagreement != nil || fs.Total != nil || fs.Frontier != nil || fs.Power != nil || fs.PowerPct != nil
	if hasB || (sp.Game != nil && sp.Game.N() == 2 && !sp.Game.Cost) {
		if len(fs.Players) != 2 {
			return nil, fail("players", fmt.Errorf("bargaining needs exactly two players, got %d", len(fs.Players)))
		}
		b := &Bargain{Players: [2]string{fs.Players[0], fs.Players[1]}}
		switch {
		case fs.Disagreement != nil:
			if len(fs.Disagreement) != 2 {
				return nil, fail("disagreement", fmt.Errorf("need two payoffs, got %d", len(fs.Disagreement)))
			}
			b.Disagreement = [2]float64{fs.Disagreement[0], fs.Disagreement[1]}
		case sp.Game != nil:
			b.Disagreement = [2]float64{sp.Game.V[1], sp.Game.V[2]}
		default:
			return nil, fail("disagreement", errors.New("missing disagreement point"))
		}
		switch {
		case fs.Total != nil && fs.Frontier != nil:
			return nil, fail("frontier", errors.New("give total or frontier, not both"))
		case fs.Total != nil:
			b.Frontier = TUFrontier(*fs.Total, b.Disagreement)
			if err := b.Frontier.Validate(); err != nil {
				return nil, fail("total", fmt.Errorf("the disagreement point (%g, %g) is not below the total %g: nothing is left to bargain over", b.Disagreement[0], b.Disagreement[1], *fs.Total))
			}
		case fs.Frontier != nil:
			for _, p := range fs.Frontier {
				b.Frontier.U1 = append(b.Frontier.U1, p[0])
				b.Frontier.U2 = append(b.Frontier.U2, p[1])
			}
			if err := b.Frontier.Validate(); err != nil {
				return nil, fail("frontier", err)
			}
		case sp.Game != nil:
			b.Frontier = TUFrontier(sp.Game.V[3], b.Disagreement)
			if b.Frontier.Validate() != nil {
				// A two-player game whose players gain nothing together:
				// solve it as a game, with no bargaining problem attached.
				if !hasB {
					return sp, nil
				}
				return nil, fail("values", fmt.Errorf("the players' own values (%g, %g) leave nothing of v(N) = %g to bargain over", b.Disagreement[0], b.Disagreement[1], sp.Game.V[3]))
			}
		default:
			return nil, fail("frontier", errors.New("missing total or frontier"))
		}
		switch {
		case fs.Power != nil && fs.PowerPct != nil:
			return nil, fail("power_pct", errors.New("give power_pct (a percentage) or power (a decimal fraction), not both"))
		case fs.PowerPct != nil:
			v := *fs.PowerPct
			if !(v > 0 && v < 100) {
				return nil, fail("power_pct", fmt.Errorf("must be a percentage in (0, 100), got %g", v))
			}
			if u := units.Check(units.Share, units.Percent, v); u != nil && !units.Allow(opts) {
				return nil, fail("power_pct", u)
			}
			b.Power = units.FractionOf(v)
		case fs.Power != nil:
			if !(*fs.Power > 0 && *fs.Power < 1) {
				return nil, fail("power", fmt.Errorf("must be a decimal fraction in (0, 1), got %g (or write power_pct, a percentage)", *fs.Power))
			}
			b.Power = *fs.Power
		}
		sp.Bargain = b
	}
	if sp.Game == nil && sp.Bargain == nil {
		return nil, fail("values", errors.New("missing characteristic function (values, weighted_majority or airport) or bargaining problem"))
	}
	return sp, nil
}
