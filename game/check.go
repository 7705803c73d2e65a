package game

import (
	"fmt"
	"math/big"
	"strings"
)

// profileError is an invalid profile text: its message names the entry,
// and it matches [ErrProfile] with errors.Is.
type profileError struct{ msg string }

func (e *profileError) Error() string        { return e.msg }
func (e *profileError) Is(target error) bool { return target == ErrProfile }

func profileErrorf(format string, args ...any) error {
	return &profileError{fmt.Sprintf(format, args...)}
}

// ParseProfile reads a mixed profile of g written as Gambit's tools write
// it: every probability, player 1's first, separated by commas, each a
// fraction ("1/3"), an integer or a decimal ("0.25"). It returns the
// profile in floating point, and the exact profile too when every entry is
// an integer or a fraction and each player's entries sum to exactly 1
// (otherwise exact is nil). Decimal entries may sum to 1 within 1e-9.
// Errors name the entry and match [ErrProfile] with errors.Is.
func ParseProfile(g *Game, s string) (p Profile, exact RatProfile, err error) {
	fields := strings.Split(s, ",")
	want := 0
	for _, st := range g.Strategies {
		want += len(st)
	}
	if len(fields) != want {
		return nil, nil, profileErrorf("profile has %d entries, the game has %d strategies in all (%s)", len(fields), want, shapeString(g.Shape()))
	}
	p = make(Profile, g.NumPlayers())
	rp := make(RatProfile, g.NumPlayers())
	isExact := true
	k := 0
	for i, st := range g.Strategies {
		p[i] = make([]float64, len(st))
		rp[i] = make([]*big.Rat, len(st))
		sum := new(big.Rat)
		for j := range st {
			tok := strings.TrimSpace(fields[k])
			r, ok := new(big.Rat).SetString(tok)
			if !ok || strings.ContainsAny(tok, "xXpP_") {
				return nil, nil, profileErrorf("profile entry %d (player %d, strategy %d): %q is not a number", k+1, i+1, j+1, tok)
			}
			if r.Sign() < 0 {
				return nil, nil, profileErrorf("profile entry %d (player %d, strategy %d): negative probability %s", k+1, i+1, j+1, tok)
			}
			rp[i][j] = r
			p[i][j], _ = r.Float64()
			sum.Add(sum, r)
			if strings.ContainsAny(tok, ".eE") {
				isExact = false // decimals: checked in floating point
			}
			k++
		}
		if sum.Cmp(big.NewRat(1, 1)) != 0 {
			// Rounded decimals (0.333,0.333,0.333) are accepted within 1e-9
			// and checked in floating point.
			f, _ := sum.Float64()
			if f < 1-1e-9 || f > 1+1e-9 {
				return nil, nil, profileErrorf("player %d's probabilities sum to %s, not 1", i+1, sum.RatString())
			}
			isExact = false
		}
	}
	if isExact {
		exact = rp
	}
	return p, exact, nil
}

// ProfileCheck is the document [CheckProfileAt] returns: each player's
// expected payoff and regret at a mixed profile. It is what "infragame game
// check FILE.nfg PROFILE --format json" prints.
type ProfileCheck struct {
	// Players are the game's player names.
	Players []string `json:"players"`
	// Payoffs are the expected payoffs, in payoff units.
	Payoffs []float64 `json:"payoffs"`
	// Regrets are each player's largest gain from deviating to a pure
	// strategy, in payoff units, in floating point.
	Regrets []float64 `json:"regrets"`
	// ExactRegrets are the regrets in exact arithmetic, fractions such as
	// "1/3", when the profile was given exactly.
	ExactRegrets []string `json:"exact_regrets,omitempty"`
	// Equilibrium reports whether the profile is a Nash equilibrium: every
	// exact regret 0 when the profile is exact, otherwise every regret at
	// most the tolerance.
	Equilibrium bool `json:"equilibrium"`
}

// CheckProfileAt computes the payoffs and regrets of g at p. When exact is
// not nil (the same profile in exact arithmetic, as [ParseProfile] returns
// it) the regrets are also computed exactly and decide the verdict;
// otherwise a profile is an equilibrium when every regret is at most tol
// (payoff units).
func CheckProfileAt(g *Game, p Profile, exact RatProfile, tol float64) *ProfileCheck {
	res := &ProfileCheck{Players: g.Players, Payoffs: g.ExpectedPayoffs(p), Regrets: g.Regrets(p)}
	res.Equilibrium = true
	for _, r := range res.Regrets {
		res.Equilibrium = res.Equilibrium && r <= tol
	}
	if exact != nil {
		res.Equilibrium = true
		for _, r := range g.RatRegrets(exact) {
			res.ExactRegrets = append(res.ExactRegrets, r.RatString())
			res.Equilibrium = res.Equilibrium && r.Sign() == 0
		}
	}
	return res
}
