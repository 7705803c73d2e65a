package game

import (
	"errors"
	"fmt"
	"math"
	"math/big"
)

// Profile is a mixed-strategy profile: Profile[i][j] is the probability that
// player i plays strategy j.
type Profile [][]float64

// RatProfile is an exact mixed-strategy profile.
type RatProfile [][]*big.Rat

// Uniform returns the profile in which every player mixes uniformly.
func (g *Game) Uniform() Profile {
	p := make(Profile, g.NumPlayers())
	for i, st := range g.Strategies {
		p[i] = make([]float64, len(st))
		for j := range p[i] {
			p[i][j] = 1 / float64(len(st))
		}
	}
	return p
}

// Pure returns the degenerate profile in which player i plays s[i].
func (g *Game) Pure(s []int) Profile {
	p := make(Profile, g.NumPlayers())
	for i, st := range g.Strategies {
		p[i] = make([]float64, len(st))
		p[i][s[i]] = 1
	}
	return p
}

// CheckProfile returns an error wrapping [ErrProfile] unless p has the
// game's shape and each p[i] is a probability vector (entries ≥ −tol,
// summing to 1 within tol).
func (g *Game) CheckProfile(p Profile, tol float64) error {
	if len(p) != g.NumPlayers() {
		return fmt.Errorf("%w: %d players in profile, game has %d", ErrProfile, len(p), g.NumPlayers())
	}
	for i, pi := range p {
		if len(pi) != len(g.Strategies[i]) {
			return fmt.Errorf("%w: player %d has %d probabilities, want %d", ErrProfile, i+1, len(pi), len(g.Strategies[i]))
		}
		s := 0.0
		for j, v := range pi {
			if math.IsNaN(v) || v < -tol {
				return fmt.Errorf("%w: player %d strategy %d has probability %g", ErrProfile, i+1, j+1, v)
			}
			s += v
		}
		if math.Abs(s-1) > tol {
			return fmt.Errorf("%w: player %d probabilities sum to %g, not 1", ErrProfile, i+1, s)
		}
	}
	return nil
}

// StrategyValues returns v with v[i][j] = u_i(j, p_{−i}), the expected
// payoff to player i of playing pure strategy j against the others' mixed
// strategies in p:
//
//	v[i][j] = Σ_{s: s_i = j} u_i(s) · ∏_{l≠i} p_l(s_l).
//
// The cost is O(K·n) for K pure profiles and n players.
func (g *Game) StrategyValues(p Profile) [][]float64 {
	n := g.NumPlayers()
	v := make([][]float64, n)
	for i, st := range g.Strategies {
		v[i] = make([]float64, len(st))
	}
	if n == 2 {
		m, c := len(g.Strategies[0]), len(g.Strategies[1])
		for k := range m * c {
			r, col := k%m, k/m
			v[0][r] += g.Payoffs[0][k] * p[1][col]
			v[1][col] += g.Payoffs[1][k] * p[0][r]
		}
		return v
	}
	s := make([]int, n)
	pre := make([]float64, n+1)
	suf := make([]float64, n+1)
	for k := range g.NumProfiles() {
		g.Profile(k, s)
		pre[0] = 1
		for i := range n {
			pre[i+1] = pre[i] * p[i][s[i]]
		}
		suf[n] = 1
		for i := n - 1; i >= 0; i-- {
			suf[i] = suf[i+1] * p[i][s[i]]
		}
		for i := range n {
			if w := pre[i] * suf[i+1]; w != 0 {
				v[i][s[i]] += w * g.Payoffs[i][k]
			}
		}
	}
	return v
}

// ExpectedPayoffs returns each player's expected payoff u_i(p) = Σ_j p_ij·v_ij.
func (g *Game) ExpectedPayoffs(p Profile) []float64 {
	v := g.StrategyValues(p)
	u := make([]float64, len(v))
	for i := range v {
		for j, x := range v[i] {
			u[i] += p[i][j] * x
		}
	}
	return u
}

// Regrets returns each player's regret max_j u_i(j, p_{−i}) − u_i(p): how
// much the player could gain by deviating to a best pure reply. p is a Nash
// equilibrium when every regret is 0. It panics if p has the wrong shape.
func (g *Game) Regrets(p Profile) []float64 {
	v := g.StrategyValues(p)
	r := make([]float64, len(v))
	for i := range v {
		best, u := math.Inf(-1), 0.0
		for j, x := range v[i] {
			best = max(best, x)
			u += p[i][j] * x
		}
		r[i] = max(0, best-u)
	}
	return r
}

// MaxRegret returns the largest of [Game.Regrets].
func (g *Game) MaxRegret(p Profile) float64 {
	m := 0.0
	for _, r := range g.Regrets(p) {
		m = max(m, r)
	}
	return m
}

// RatStrategyValues is the exact version of [Game.StrategyValues].
func (g *Game) RatStrategyValues(p RatProfile) [][]*big.Rat {
	n := g.NumPlayers()
	v := make([][]*big.Rat, n)
	for i, st := range g.Strategies {
		v[i] = make([]*big.Rat, len(st))
		for j := range v[i] {
			v[i][j] = new(big.Rat)
		}
	}
	s := make([]int, n)
	w, t := new(big.Rat), new(big.Rat)
	for k := range g.NumProfiles() {
		g.Profile(k, s)
		for i := range n {
			w.SetInt64(1)
			zero := false
			for l := range n {
				if l == i {
					continue
				}
				if p[l][s[l]].Sign() == 0 {
					zero = true
					break
				}
				w.Mul(w, p[l][s[l]])
			}
			if zero {
				continue
			}
			t.Mul(w, g.RatPayoff(i, k))
			v[i][s[i]].Add(v[i][s[i]], t)
		}
	}
	return v
}

// RatRegrets returns each player's exact regret at p; p is a Nash
// equilibrium exactly when all are zero.
func (g *Game) RatRegrets(p RatProfile) []*big.Rat {
	v := g.RatStrategyValues(p)
	r := make([]*big.Rat, len(v))
	t := new(big.Rat)
	for i := range v {
		best := v[i][0]
		u := new(big.Rat)
		for j, x := range v[i] {
			if x.Cmp(best) > 0 {
				best = x
			}
			u.Add(u, t.Mul(p[i][j], x))
		}
		r[i] = new(big.Rat).Sub(best, u)
	}
	return r
}

// RatExpectedPayoffs returns each player's exact expected payoff at p.
func (g *Game) RatExpectedPayoffs(p RatProfile) []*big.Rat {
	v := g.RatStrategyValues(p)
	u := make([]*big.Rat, len(v))
	t := new(big.Rat)
	for i := range v {
		u[i] = new(big.Rat)
		for j, x := range v[i] {
			u[i].Add(u[i], t.Mul(p[i][j], x))
		}
	}
	return u
}

// Float returns p rounded to float64.
func (p RatProfile) Float() Profile {
	q := make(Profile, len(p))
	for i := range p {
		q[i] = make([]float64, len(p[i]))
		for j, v := range p[i] {
			q[i][j] = ratFloat64(v)
		}
	}
	return q
}

// String formats p as Gambit does after "NE,": all probabilities, player
// by player, comma-separated, as exact fractions.
func (p RatProfile) String() string {
	s := ""
	for i := range p {
		for j, v := range p[i] {
			if i+j > 0 {
				s += ","
			}
			s += v.RatString()
		}
	}
	return s
}

// Equilibrium is a verified (approximate or exact) Nash equilibrium.
type Equilibrium struct {
	// Profile is the mixed profile (rounded when Exact is set).
	Profile Profile `json:"profile"`
	// Exact is the exact profile from exact methods, nil otherwise.
	Exact RatProfile `json:"-"`
	// Payoffs are the players' expected payoffs at Profile.
	Payoffs []float64 `json:"payoffs"`
	// Regret is the largest regret of any player at Profile (0 for exact
	// equilibria, whose exact regret is verified to be zero).
	Regret float64 `json:"regret"`
}

// newExact verifies an exact profile and returns the equilibrium, or an
// error if some player has positive exact regret (a solver bug or an
// arithmetic failure, reported instead of returning a wrong answer).
func (g *Game) newExact(p RatProfile) (Equilibrium, error) {
	for i, r := range g.RatRegrets(p) {
		if r.Sign() != 0 {
			return Equilibrium{}, fmt.Errorf("game: internal check failed: player %d has exact regret %s", i+1, r.RatString())
		}
	}
	u := g.RatExpectedPayoffs(p)
	e := Equilibrium{Profile: p.Float(), Exact: p, Payoffs: make([]float64, len(u))}
	for i, x := range u {
		e.Payoffs[i], _ = x.Float64()
	}
	return e, nil
}

// newApprox verifies a float profile against tol and returns the equilibrium.
func (g *Game) newApprox(p Profile, tol float64) (Equilibrium, error) {
	if err := g.CheckProfile(p, 1e-9); err != nil {
		return Equilibrium{}, err
	}
	reg := g.MaxRegret(p)
	if reg > tol {
		return Equilibrium{}, fmt.Errorf("%w: regret %.3g exceeds tolerance %.3g", ErrNoConvergence, reg, tol)
	}
	return Equilibrium{Profile: p, Payoffs: g.ExpectedPayoffs(p), Regret: reg}, nil
}

// newExact2 is newExact for two-player games with the positive integer
// matrices ia, ib (positive affine images of the payoffs, which have the
// same best responses): x is a best response to y when every row in the
// support of x attains max_r (A'y)_r, and likewise for y. Only the supports
// enter the rational arithmetic, so the check costs O((m+n)·k) big-integer
// products for supports of size k.
func (g *Game) newExact2(ia, ib [][]*big.Int, p RatProfile) (Equilibrium, error) {
	x, y := p[0], p[1]
	best := func(rows int, entry func(r, c int) *big.Int, prob []*big.Rat, mixed []*big.Rat) bool {
		// Common denominator of prob.
		den := big.NewInt(1)
		var gcd big.Int
		for _, v := range prob {
			if v.Sign() != 0 {
				gcd.GCD(nil, nil, den, v.Denom())
				den.Mul(den, v.Denom())
				den.Quo(den, &gcd)
			}
		}
		num := make([]*big.Int, len(prob))
		for c, v := range prob {
			if v.Sign() != 0 {
				num[c] = new(big.Int).Mul(v.Num(), new(big.Int).Quo(den, v.Denom()))
			}
		}
		vals := make([]*big.Int, rows)
		var mx *big.Int
		var t big.Int
		for r := range rows {
			s := new(big.Int)
			for c, w := range num {
				if w != nil {
					s.Add(s, t.Mul(entry(r, c), w))
				}
			}
			vals[r] = s
			if mx == nil || s.Cmp(mx) > 0 {
				mx = s
			}
		}
		for r, v := range mixed {
			if v.Sign() != 0 && vals[r].Cmp(mx) != 0 {
				return false
			}
		}
		return true
	}
	if !best(len(x), func(r, c int) *big.Int { return ia[r][c] }, y, x) {
		return Equilibrium{}, errRowRegret
	}
	if !best(len(y), func(r, c int) *big.Int { return ib[c][r] }, x, y) {
		return Equilibrium{}, errColRegret
	}
	return g.exactEquilibrium(p), nil
}

// The errors of a failed check of a two-player equilibrium.
var (
	errRowRegret = errors.New("game: internal check failed: row player has positive exact regret")
	errColRegret = errors.New("game: internal check failed: column player has positive exact regret")
)

// exactEquilibrium returns the equilibrium of the exact profile p, which
// the caller has verified. Payoffs are reported as float64, from the
// rounded profile.
func (g *Game) exactEquilibrium(p RatProfile) Equilibrium {
	e := Equilibrium{Profile: p.Float(), Exact: p}
	e.Payoffs = g.ExpectedPayoffs(e.Profile)
	return e
}
