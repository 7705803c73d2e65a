package game

import (
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"strconv"
	"strings"
)

// Class is a family of random games.
type Class string

// The random game classes of [Random]. Names follow GAMUT (Nudelman,
// Wortman, Leyton-Brown, Shoham 2004, "Run the GAMUT", AAMAS) where a class
// exists there.
const (
	// Uniform draws every payoff independently and uniformly
	// (GAMUT RandomGame).
	Uniform Class = "uniform"
	// Covariance draws, for each pure profile, the n payoffs from a normal
	// distribution with unit variances and common correlation ρ
	// (RandomOptions.Rho, −1/(n−1) ≤ ρ ≤ 1): ρ = 1 gives common interests,
	// ρ = −1 with two players a zero-sum game (Rinott & Scarsini 2000,
	// Games Econ. Behav. 33, 274–293; GAMUT CovariantGame).
	Covariance Class = "covariance"
	// RandomZeroSum draws the row player's payoffs uniformly; the column player
	// gets their negatives (two players; GAMUT RandomZeroSum).
	RandomZeroSum Class = "zerosum"
	// Coordination draws payoffs uniformly and then raises every diagonal
	// profile (all players play the same index) above all off-diagonal
	// payoffs: every player prefers to coordinate (GAMUT CoordinationGame
	// style; needs equal strategy counts).
	Coordination Class = "coordination"
	// Degenerate draws payoffs uniformly from the few integers
	// {0, 1, …, Levels−1} (default 3), so ties are frequent and the games
	// are degenerate: equilibrium sets with non-extreme components,
	// best-response polytopes with degenerate vertices.
	Degenerate Class = "degenerate"
)

// Classes lists the classes understood by [Random].
var Classes = []Class{Uniform, Covariance, RandomZeroSum, Coordination, Degenerate}

// RandomOptions tunes [Random]. The zero value gives integer payoffs in
// [0, 100], ρ = 0 and 3 levels for degenerate games.
type RandomOptions struct {
	// Lo and Hi bound uniform payoffs; both 0 means [0, 100].
	Lo, Hi float64
	// Real draws real payoffs instead of integers.
	Real bool
	// Rho is the covariance-game correlation.
	Rho float64
	// Levels is the number of distinct payoffs of degenerate games
	// (default 3).
	Levels int
	// MaxProfiles bounds the number of pure profiles (0 means
	// DefaultMaxProfiles); see [CheckShape].
	MaxProfiles int
}

// Random returns a random game of the given class and shape, drawing from
// rng only (same rng state, same game).
func Random(rng *rand.Rand, class Class, shape []int, opt RandomOptions) (*Game, error) {
	if err := CheckShape(shape, opt.MaxProfiles); err != nil {
		return nil, err
	}
	lo, hi := opt.Lo, opt.Hi
	if lo == 0 && hi == 0 {
		hi = 100
	}
	if math.IsNaN(lo) || math.IsNaN(hi) || math.IsInf(lo, 0) || math.IsInf(hi, 0) || hi-lo > math.MaxFloat64/2 {
		return nil, fmt.Errorf("%w: payoff range [%g, %g] must be finite", ErrShape, lo, hi)
	}
	if hi < lo {
		return nil, fmt.Errorf("%w: payoff range [%g, %g] is empty", ErrShape, lo, hi)
	}
	g := New(shape...)
	g.Title = fmt.Sprintf("Random %s game %s", class, shapeString(shape))
	n, k := len(shape), g.NumProfiles()
	draw := func() float64 {
		if opt.Real {
			return lo + (hi-lo)*rng.Float64()
		}
		l, h := math.Ceil(lo), math.Floor(hi)
		if h < l {
			return l
		}
		return l + float64(rng.IntN(int(h-l)+1))
	}
	set := func(i, p int, v float64) {
		g.Payoffs[i][p] = v
		g.Exact[i][p] = new(big.Rat).SetFloat64(v)
	}
	switch class {
	case Uniform:
		for p := range k {
			for i := range n {
				set(i, p, draw())
			}
		}
	case RandomZeroSum:
		if n != 2 {
			return nil, fmt.Errorf("%w: zero-sum games have 2 players", ErrPlayers)
		}
		for p := range k {
			v := draw()
			set(0, p, v)
			set(1, p, -v)
		}
	case Coordination:
		for _, s := range shape {
			if s != shape[0] {
				return nil, fmt.Errorf("%w: coordination games need equal strategy counts", ErrShape)
			}
		}
		prof := make([]int, n)
		for p := range k {
			g.Profile(p, prof)
			diag := true
			for _, s := range prof {
				diag = diag && s == prof[0]
			}
			for i := range n {
				v := draw()
				if diag {
					v += hi - lo + 1
				}
				set(i, p, v)
			}
		}
	case Degenerate:
		levels := opt.Levels
		if levels == 0 {
			levels = 3
		}
		if levels < 1 {
			return nil, fmt.Errorf("%w: %d payoff levels", ErrShape, levels)
		}
		for p := range k {
			for i := range n {
				set(i, p, float64(rng.IntN(levels)))
			}
		}
	case Covariance:
		rho := opt.Rho
		if n > 1 && (rho < -1/float64(n-1)-1e-12 || rho > 1) {
			return nil, fmt.Errorf("%w: covariance ρ=%g outside [%g, 1]", ErrShape, rho, -1/float64(n-1))
		}
		l := equicorrCholesky(n, rho)
		z := make([]float64, n)
		mid, half := (lo+hi)/2, (hi-lo)/2
		for p := range k {
			for i := range n {
				z[i] = rng.NormFloat64()
			}
			for i := range n {
				x := 0.0
				for j := 0; j <= i; j++ {
					x += l[i][j] * z[j]
				}
				// Scale so that ±3σ spans [lo, hi].
				v := mid + half*x/3
				if !opt.Real {
					v = math.Round(v)
				}
				set(i, p, v)
			}
		}
	default:
		return nil, fmt.Errorf("game: unknown random game class %q (want one of %v)", class, Classes)
	}
	return g, nil
}

// equicorrCholesky returns the lower Cholesky factor of the n×n matrix with
// unit diagonal and ρ elsewhere (positive semidefinite for ρ ≥ −1/(n−1)).
func equicorrCholesky(n int, rho float64) [][]float64 {
	l := make([][]float64, n)
	for i := range n {
		l[i] = make([]float64, n)
		for j := 0; j <= i; j++ {
			s := rho
			if i == j {
				s = 1
			}
			for k := range j {
				s -= l[i][k] * l[j][k]
			}
			if i == j {
				l[i][i] = math.Sqrt(max(s, 0))
			} else if l[j][j] > 0 {
				l[i][j] = s / l[j][j]
			}
		}
	}
	return l
}

func shapeString(shape []int) string {
	s := make([]string, len(shape))
	for i, v := range shape {
		s[i] = fmt.Sprint(v)
	}
	return strings.Join(s, "x")
}

// ParseShape reads the strategy counts of a game as `infragame game random
// --strategies` takes them: "8x8", "2x3x2", or one number for every player
// ("3"). Each count must be at least 1; a malformed shape is an error
// wrapping [ErrShape].
func ParseShape(s string) ([]int, error) {
	var out []int
	for _, p := range strings.Split(strings.ToLower(s), "x") {
		v, err := strconv.Atoi(strings.TrimSpace(p))
		if err != nil || v < 1 {
			return nil, fmt.Errorf("%w: strategies %q: want counts like 8x8 or 2x3x2", ErrShape, s)
		}
		out = append(out, v)
	}
	return out, nil
}
