package game

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize/convex/lp"
)

// Elimination is the result of [IteratedDominance].
type Elimination struct {
	// Game is the reduced game.
	Game *Game `json:"-"`
	// Kept[i] lists the original indices of player i's surviving strategies.
	Kept [][]int `json:"kept"`
	// Steps lists the eliminations in order.
	Steps []EliminationStep `json:"steps"`
}

// EliminationStep records one eliminated strategy.
type EliminationStep struct {
	Round    int `json:"round"`
	Player   int `json:"player"`   // 0-based
	Strategy int `json:"strategy"` // original index, 0-based
	// By is the dominating mixture over the player's strategies that were
	// present in that round, indexed by original strategy (a pure dominator
	// has a single 1).
	By map[int]float64 `json:"by"`
}

// IteratedDominance removes strictly dominated strategies round by round
// until none is left. A strategy s of player i is strictly dominated by a
// mixture σ of i's other strategies when
//
//	Σ_t σ_t·u_i(t, s_{−i}) > u_i(s, s_{−i})   for every opponents' profile s_{−i}.
//
// Pure dominance (σ a unit vector) is decided exactly on the rational
// payoffs. With mixed = true, a strategy not dominated by a pure one is
// tested with the linear programme
//
//	max ε  s.t.  Σ_t σ_t·u_i(t, o) − ε ≥ u_i(s, o) ∀o,  Σ_t σ_t = 1,  σ ≥ 0,
//
// (Myerson 1991, Game Theory, Thm 1.6) and eliminated when ε exceeds
// 1e−9 times the player's payoff range; the mixture is then re-checked.
// Every round removes all strategies dominated in the current game, for all
// players at once; the order of strict elimination does not change the
// result (Gilboa, Kalai, Zemel 1990).
func IteratedDominance(g *Game, mixed bool) (*Elimination, error) {
	if err := g.Validate(); err != nil {
		return nil, err
	}
	n := g.NumPlayers()
	kept := make([][]int, n)
	for i, st := range g.Strategies {
		for j := range st {
			kept[i] = append(kept[i], j)
		}
	}
	res := &Elimination{}
	cur := g
	for round := 1; ; round++ {
		var remove [][2]int
		for i := range n {
			if len(kept[i]) < 2 {
				continue
			}
			for s := range kept[i] {
				by, ok, err := dominated(cur, i, s, mixed)
				if err != nil {
					return nil, err
				}
				if ok {
					step := EliminationStep{Round: round, Player: i, Strategy: kept[i][s], By: map[int]float64{}}
					for t, w := range by {
						if w > 0 {
							step.By[kept[i][t]] = w
						}
					}
					res.Steps = append(res.Steps, step)
					remove = append(remove, [2]int{i, s})
				}
			}
		}
		if len(remove) == 0 {
			break
		}
		local := make([][]int, n)
		for i := range n {
			for s := range kept[i] {
				if !slices.Contains(remove, [2]int{i, s}) {
					local[i] = append(local[i], s)
				}
			}
		}
		for i := range n {
			nk := make([]int, len(local[i]))
			for k, s := range local[i] {
				nk[k] = kept[i][s]
			}
			kept[i] = nk
		}
		cur = cur.Restrict(local)
	}
	res.Game, res.Kept = cur, kept
	return res, nil
}

// dominated reports whether strategy s of player i is strictly dominated in
// g, and by which mixture (indexed by g's strategies).
func dominated(g *Game, i, s int, mixed bool) ([]float64, bool, error) {
	shape := g.Shape()
	ni := shape[i]
	// Opponent profiles: all profiles with player i's strategy 0.
	var opp []int
	prof := make([]int, len(shape))
	for k := range g.NumProfiles() {
		g.Profile(k, prof)
		if prof[i] == 0 {
			opp = append(opp, k)
		}
	}
	stride := 1
	for l := range i {
		stride *= shape[l]
	}
	for t := range ni {
		if t == s {
			continue
		}
		dom := true
		for _, k := range opp {
			if g.RatPayoff(i, k+t*stride).Cmp(g.RatPayoff(i, k+s*stride)) <= 0 {
				dom = false
				break
			}
		}
		if dom {
			by := make([]float64, ni)
			by[t] = 1
			return by, true, nil
		}
	}
	if !mixed || ni < 3 {
		return nil, false, nil
	}
	// LP in standard form: variables σ_t (t ≠ s), ε⁺, ε⁻, slack_o.
	others := make([]int, 0, ni-1)
	for t := range ni {
		if t != s {
			others = append(others, t)
		}
	}
	k, r := len(others), len(opp)
	nv := k + 2 + r
	a := mat.NewDense(r+1, nv, nil)
	b := make([]float64, r+1)
	// Payoffs are shifted to be ≥ 1 (dominance is invariant under adding a
	// constant) so that no column of the LP is zero.
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, o := range opp {
		for t := range ni {
			v := g.Payoffs[i][o+t*stride]
			lo, hi = min(lo, v), max(hi, v)
		}
	}
	shift := lo - 1
	for row, o := range opp {
		for c, t := range others {
			v := g.Payoffs[i][o+t*stride]
			a.Set(row, c, v-shift)
			lo, hi = min(lo, v), max(hi, v)
		}
		a.Set(row, k, -1)
		a.Set(row, k+1, 1)
		a.Set(row, k+2+row, -1)
		b[row] = g.Payoffs[i][o+s*stride] - shift
	}
	for c := range k {
		a.Set(r, c, 1)
	}
	b[r] = 1
	c := make([]float64, nv)
	c[k] = -1
	c[k+1] = 1
	_, x, err := lp.Simplex(c, a, b, 1e-10, nil)
	if err != nil {
		if errors.Is(err, lp.ErrUnbounded) || errors.Is(err, lp.ErrInfeasible) {
			return nil, false, fmt.Errorf("game: dominance LP for player %d strategy %d: %w", i+1, s+1, err)
		}
		return nil, false, fmt.Errorf("game: dominance LP for player %d strategy %d: %w", i+1, s+1, err)
	}
	scale := max(hi-lo, 1e-300)
	if x[k]-x[k+1] <= 1e-9*scale {
		return nil, false, nil
	}
	by := make([]float64, ni)
	sum := 0.0
	for c, t := range others {
		by[t] = max(x[c], 0)
		sum += by[t]
	}
	for t := range by {
		by[t] /= sum
	}
	// Re-check the mixture in float arithmetic.
	for _, o := range opp {
		v := 0.0
		for _, t := range others {
			v += by[t] * g.Payoffs[i][o+t*stride]
		}
		if v-g.Payoffs[i][o+s*stride] <= 1e-10*scale {
			return nil, false, nil
		}
	}
	return by, true, nil
}
