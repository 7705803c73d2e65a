package game

import (
	"fmt"
	"math"
	"math/big"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize/convex/lp"
)

// ZeroSumSolution is the result of [SolveZeroSum].
type ZeroSumSolution struct {
	// Value is the row player's equilibrium payoff (for a constant-sum game
	// with A + B = c the column player gets c − Value).
	Value float64 `json:"value"`
	// ExactValue is the exact value when the solution could be made exact.
	ExactValue *big.Rat `json:"-"`
	// Equilibrium holds the optimal (maximin, minimax) strategies.
	Equilibrium Equilibrium `json:"equilibrium"`
}

// SolveZeroSum solves a two-player constant-sum game (A + B constant) by
// linear programming, as gambit-lp: with A shifted to A' = A − min A + 1 > 0,
// the row player's maximin strategy solves
//
//	min Σ_i u_i  s.t.  A'ᵀu ≥ 1, u ≥ 0,    x = u/Σu, value' = 1/Σu,
//
// and the column player's minimax strategy the dual max Σ_j w_j s.t.
// A'w ≤ 1, w ≥ 0 (von Neumann's minimax theorem; Dantzig 1951). The LPs are
// solved in floating point (gonum's simplex); the supports found are then
// solved exactly (A_{S,T}y = v·1, Σy = 1 and the transposed system) and the
// solution is returned exact when it verifies, otherwise as floating point
// with regret ≤ tol (payoff units; tol ≤ 0 means 1e−9 times the payoff
// range).
func SolveZeroSum(g *Game, tol float64) (*ZeroSumSolution, error) {
	if err := g.Validate(); err != nil {
		return nil, err
	}
	if g.NumPlayers() != 2 {
		return nil, fmt.Errorf("%w: LP needs 2 players, game has %d", ErrPlayers, g.NumPlayers())
	}
	ra, rb := g.RatMatrices()
	m, n := len(ra), len(ra[0])
	c0 := new(big.Rat).Add(ra[0][0], rb[0][0])
	s := new(big.Rat)
	for r := range m {
		for c := range n {
			if s.Add(ra[r][c], rb[r][c]).Cmp(c0) != 0 {
				return nil, fmt.Errorf("%w: u1+u2 is %s at (1,1) but %s at (%d,%d)", ErrNotConstantSum, c0.RatString(), s.RatString(), r+1, c+1)
			}
		}
	}
	a, _ := g.Matrices()
	lo := math.Inf(1)
	for _, row := range a {
		for _, v := range row {
			lo = min(lo, v)
		}
	}
	// Row player: variables u (m), surplus (n): A'ᵀu − s = 1.
	gr := mat.NewDense(n, m+n, nil)
	cr := make([]float64, m+n)
	h := make([]float64, n)
	for c := range n {
		for r := range m {
			gr.Set(c, r, a[r][c]-lo+1)
		}
		gr.Set(c, m+c, -1)
		h[c] = 1
	}
	for r := range m {
		cr[r] = 1
	}
	_, u, err := lp.Simplex(cr, gr, h, 1e-10, nil)
	if err != nil {
		return nil, fmt.Errorf("game: LP for the row player: %w", err)
	}
	// Column player: variables w (n), slack (m): A'w + t = 1, min −Σw.
	gc := mat.NewDense(m, n+m, nil)
	cc := make([]float64, n+m)
	hc := make([]float64, m)
	for r := range m {
		for c := range n {
			gc.Set(r, c, a[r][c]-lo+1)
		}
		gc.Set(r, n+r, 1)
		hc[r] = 1
	}
	for c := range n {
		cc[c] = -1
	}
	_, w, err := lp.Simplex(cc, gc, hc, 1e-10, nil)
	if err != nil {
		return nil, fmt.Errorf("game: LP for the column player: %w", err)
	}
	x := normalise(u[:m])
	y := normalise(w[:n])
	if p := exactZeroSum(ra, x, y); p != nil {
		if eq, err := g.newExact(p); err == nil {
			v := new(big.Rat)
			t := new(big.Rat)
			for r := range m {
				for c := range n {
					v.Add(v, t.Mul(t.Mul(p[0][r], p[1][c]), ra[r][c]))
				}
			}
			fv, _ := v.Float64()
			return &ZeroSumSolution{Value: fv, ExactValue: v, Equilibrium: eq}, nil
		}
	}
	if tol <= 0 {
		tol = 1e-9 * g.payoffRange()
	}
	eq, err := g.newApprox(Profile{x, y}, tol)
	if err != nil {
		return nil, err
	}
	return &ZeroSumSolution{Value: eq.Payoffs[0], Equilibrium: eq}, nil
}

func normalise(v []float64) []float64 {
	s := 0.0
	out := make([]float64, len(v))
	for i, x := range v {
		out[i] = max(x, 0)
		s += out[i]
	}
	for i := range out {
		out[i] /= s
	}
	return out
}

// exactZeroSum solves for exact optimal strategies on the supports of the
// floating-point ones: Σ_{c∈T} A[r][c]·y_c = v for r ∈ S, Σ y = 1, and
// Σ_{r∈S} A[r][c]·x_r = v for c ∈ T, Σ x = 1. nil when not square or
// singular.
func exactZeroSum(a [][]*big.Rat, x, y []float64) RatProfile {
	supp := func(p []float64) []int {
		var s []int
		for i, v := range p {
			if v > 1e-9 {
				s = append(s, i)
			}
		}
		return s
	}
	sx, sy := supp(x), supp(y)
	if len(sx) != len(sy) {
		return nil
	}
	k := len(sx)
	solve := func(rows, cols []int, entry func(r, c int) *big.Rat, size int) []*big.Rat {
		// Unknowns: p_c for c in cols, then v. Equations: rows, then Σp = 1.
		mtx := make([][]*big.Rat, k+1)
		for e, r := range rows {
			mtx[e] = make([]*big.Rat, k+2)
			for j, c := range cols {
				mtx[e][j] = new(big.Rat).Set(entry(r, c))
			}
			mtx[e][k] = big.NewRat(-1, 1)
			mtx[e][k+1] = new(big.Rat)
		}
		mtx[k] = make([]*big.Rat, k+2)
		for j := range k {
			mtx[k][j] = big.NewRat(1, 1)
		}
		mtx[k][k] = new(big.Rat)
		mtx[k][k+1] = big.NewRat(1, 1)
		sol := solveRat(mtx)
		if sol == nil {
			return nil
		}
		out := make([]*big.Rat, size)
		for i := range out {
			out[i] = new(big.Rat)
		}
		for j, c := range cols {
			if sol[j].Sign() < 0 {
				return nil
			}
			out[c] = sol[j]
		}
		return out
	}
	yy := solve(sx, sy, func(r, c int) *big.Rat { return a[r][c] }, len(y))
	xx := solve(sy, sx, func(c, r int) *big.Rat { return a[r][c] }, len(x))
	if xx == nil || yy == nil {
		return nil
	}
	return RatProfile{xx, yy}
}
