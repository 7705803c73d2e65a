package game

import (
	"errors"
	"fmt"
	"math/big"
	"strconv"
)

// Sentinel errors. Runtime conditions are reported with these (wrapped with
// context); programmer errors such as mismatched lengths panic with a
// "game: " prefix.
var (
	// ErrShape is returned for a game whose shape is invalid (fewer than one
	// strategy for some player, payoff tables of the wrong length).
	ErrShape = errors.New("game: invalid shape")
	// ErrPlayers is returned by a solver that needs a different number of
	// players than the game has (most two-player methods).
	ErrPlayers = errors.New("game: wrong number of players")
	// ErrProfile is returned for a profile that is not a probability vector
	// per player.
	ErrProfile = errors.New("game: invalid mixed profile")
	// ErrNoConvergence is returned when an iterative solver gives up.
	ErrNoConvergence = errors.New("game: solver did not converge")
	// ErrTooLarge is returned when a game is too large for a method.
	ErrTooLarge = errors.New("game: game too large for this method")
	// ErrNotConstantSum is returned by the LP solver for a game that is not
	// zero-sum (or constant-sum).
	ErrNotConstantSum = errors.New("game: game is not constant-sum")
)

// Game is a finite game in strategic (normal) form with n ≥ 1 players.
//
// Payoffs are stored in Gambit's order: profile index
//
//	k = s_1 + S_1·(s_2 + S_2·(s_3 + …))
//
// where s_i is player i's strategy (0-based) and S_i the number of strategies
// of player i, so player 1's strategy varies fastest. Payoffs[i][k] is the
// payoff to player i at profile k.
//
// Exact, when not nil, has the same shape and holds the exact rational
// payoffs; exact solvers use it. When nil, exact solvers use the exact binary
// value of each float64 payoff. Constructors and the .nfg reader fill both.
type Game struct {
	Title   string
	Comment string
	// Players names the players (len n).
	Players []string
	// Strategies[i] names player i's strategies.
	Strategies [][]string
	// Payoffs[i][k] is player i's payoff at profile k (see the type doc).
	Payoffs [][]float64
	// Exact is nil or the exact version of Payoffs.
	Exact [][]*big.Rat
}

// New returns a game with all payoffs zero. shape[i] is the number of
// strategies of player i; players are named "Player 1", "Player 2", …
// and strategies "1", "2", … .
// It panics if some shape[i] < 1 or the game has more than [MaxProfiles]
// profiles; callers with untrusted shapes check them with [CheckShape].
func New(shape ...int) *Game {
	if err := CheckShape(shape, MaxProfiles); err != nil && len(shape) > 0 {
		panic(err)
	}
	g := &Game{}
	g.Players = make([]string, len(shape))
	g.Strategies = make([][]string, len(shape))
	k := 1
	for i, s := range shape {
		if s < 1 {
			panic("game: player with no strategy")
		}
		g.Players[i] = "Player " + strconv.Itoa(i+1)
		g.Strategies[i] = make([]string, s)
		for j := range s {
			g.Strategies[i][j] = strconv.Itoa(j + 1)
		}
		k *= s
	}
	// One allocation each for all payoffs and all exact payoffs.
	n := len(shape)
	pay := make([]float64, n*k)
	rats := make([]big.Rat, n*k)
	ptrs := make([]*big.Rat, n*k)
	g.Payoffs = make([][]float64, n)
	g.Exact = make([][]*big.Rat, n)
	for i := range n {
		g.Payoffs[i] = pay[i*k : (i+1)*k : (i+1)*k]
		g.Exact[i] = ptrs[i*k : (i+1)*k : (i+1)*k]
		for j := range g.Exact[i] {
			g.Exact[i][j] = &rats[i*k+j]
		}
	}
	return g
}

// Bimatrix returns the two-player game in which the row player (player 1)
// gets A[r][c] and the column player (player 2) gets B[r][c]. It panics if
// the matrices are empty, ragged or of different shapes.
func Bimatrix(a, b [][]float64) *Game {
	m, n := matShape(a)
	if m2, n2 := matShape(b); m2 != m || n2 != n {
		panic("game: bimatrix shapes differ")
	}
	g := New(m, n)
	for r := range m {
		for c := range n {
			g.SetPayoff(0, []int{r, c}, a[r][c])
			g.SetPayoff(1, []int{r, c}, b[r][c])
		}
	}
	return g
}

// BimatrixRat is [Bimatrix] with exact payoffs.
func BimatrixRat(a, b [][]*big.Rat) *Game {
	m, n := ratShape(a)
	if m2, n2 := ratShape(b); m2 != m || n2 != n {
		panic("game: bimatrix shapes differ")
	}
	g := New(m, n)
	for r := range m {
		for c := range n {
			g.SetPayoffRat(0, []int{r, c}, a[r][c])
			g.SetPayoffRat(1, []int{r, c}, b[r][c])
		}
	}
	return g
}

// ZeroSum returns the two-player game with payoffs A to the row player and
// −A to the column player.
func ZeroSum(a [][]float64) *Game {
	m, n := matShape(a)
	b := make([][]float64, m)
	for r := range m {
		b[r] = make([]float64, n)
		for c := range n {
			b[r][c] = -a[r][c]
		}
	}
	return Bimatrix(a, b)
}

func matShape(a [][]float64) (int, int) {
	if len(a) == 0 || len(a[0]) == 0 {
		panic("game: empty matrix")
	}
	for _, r := range a {
		if len(r) != len(a[0]) {
			panic("game: ragged matrix")
		}
	}
	return len(a), len(a[0])
}

func ratShape(a [][]*big.Rat) (int, int) {
	if len(a) == 0 || len(a[0]) == 0 {
		panic("game: empty matrix")
	}
	for _, r := range a {
		if len(r) != len(a[0]) {
			panic("game: ragged matrix")
		}
	}
	return len(a), len(a[0])
}

// NumPlayers returns the number of players.
func (g *Game) NumPlayers() int { return len(g.Strategies) }

// Shape returns the number of strategies of each player.
func (g *Game) Shape() []int {
	s := make([]int, len(g.Strategies))
	for i, st := range g.Strategies {
		s[i] = len(st)
	}
	return s
}

// NumProfiles returns the number of pure-strategy profiles, ∏ S_i.
func (g *Game) NumProfiles() int {
	k := 1
	for _, st := range g.Strategies {
		k *= len(st)
	}
	return k
}

// Index returns the payoff index of the pure profile s (see [Game]).
// It panics if s has the wrong length or a strategy out of range.
func (g *Game) Index(s []int) int {
	if len(s) != len(g.Strategies) {
		panic("game: profile length mismatch")
	}
	k := 0
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] < 0 || s[i] >= len(g.Strategies[i]) {
			panic("game: strategy out of range")
		}
		k = k*len(g.Strategies[i]) + s[i]
	}
	return k
}

// Profile writes into s (allocated when nil) the pure profile with index k.
func (g *Game) Profile(k int, s []int) []int {
	if s == nil {
		s = make([]int, len(g.Strategies))
	}
	for i, st := range g.Strategies {
		s[i] = k % len(st)
		k /= len(st)
	}
	return s
}

// Payoff returns player i's payoff at pure profile s.
func (g *Game) Payoff(i int, s []int) float64 { return g.Payoffs[i][g.Index(s)] }

// SetPayoff sets player i's payoff at pure profile s; the exact payoff
// becomes the exact binary value of v.
func (g *Game) SetPayoff(i int, s []int, v float64) {
	k := g.Index(s)
	g.Payoffs[i][k] = v
	if g.Exact != nil {
		g.Exact[i][k] = new(big.Rat).SetFloat64(v)
	}
}

// SetPayoffRat sets player i's exact payoff at pure profile s and its
// float64 value (rounded).
func (g *Game) SetPayoffRat(i int, s []int, v *big.Rat) {
	k := g.Index(s)
	if g.Exact == nil {
		g.fillExact()
	}
	g.Exact[i][k] = new(big.Rat).Set(v)
	g.Payoffs[i][k], _ = v.Float64()
}

func (g *Game) fillExact() {
	g.Exact = make([][]*big.Rat, len(g.Payoffs))
	for i, p := range g.Payoffs {
		g.Exact[i] = make([]*big.Rat, len(p))
		for k, v := range p {
			g.Exact[i][k] = new(big.Rat).SetFloat64(v)
		}
	}
}

// RatPayoff returns player i's exact payoff at profile index k: Exact[i][k]
// when set, otherwise the exact value of the float64 payoff. The result must
// not be modified.
func (g *Game) RatPayoff(i, k int) *big.Rat {
	if g.Exact != nil && g.Exact[i][k] != nil {
		return g.Exact[i][k]
	}
	return new(big.Rat).SetFloat64(g.Payoffs[i][k])
}

// Validate reports whether the game is well formed: at least one player,
// every player with at least one strategy, payoff tables of length ∏ S_i,
// finite payoffs, and names of the right lengths.
func (g *Game) Validate() error {
	n := len(g.Strategies)
	if n == 0 {
		return fmt.Errorf("%w: no players", ErrShape)
	}
	if len(g.Players) != n {
		return fmt.Errorf("%w: %d player names for %d players", ErrShape, len(g.Players), n)
	}
	for i, st := range g.Strategies {
		if len(st) == 0 {
			return fmt.Errorf("%w: player %d has no strategy", ErrShape, i+1)
		}
	}
	k := g.NumProfiles()
	if len(g.Payoffs) != n {
		return fmt.Errorf("%w: payoff tables for %d players, want %d", ErrShape, len(g.Payoffs), n)
	}
	for i, p := range g.Payoffs {
		if len(p) != k {
			return fmt.Errorf("%w: player %d has %d payoffs, want %d", ErrShape, i+1, len(p), k)
		}
		for j, v := range p {
			if v-v != 0 {
				return fmt.Errorf("%w: player %d payoff %d is not finite", ErrShape, i+1, j+1)
			}
		}
	}
	if g.Exact != nil {
		if len(g.Exact) != n {
			return fmt.Errorf("%w: exact payoff tables for %d players, want %d", ErrShape, len(g.Exact), n)
		}
		for i, p := range g.Exact {
			if len(p) != k {
				return fmt.Errorf("%w: player %d has %d exact payoffs, want %d", ErrShape, i+1, len(p), k)
			}
		}
	}
	return nil
}

// Clone returns a deep copy of g.
func (g *Game) Clone() *Game {
	h := &Game{Title: g.Title, Comment: g.Comment}
	h.Players = append([]string(nil), g.Players...)
	h.Strategies = make([][]string, len(g.Strategies))
	for i, s := range g.Strategies {
		h.Strategies[i] = append([]string(nil), s...)
	}
	h.Payoffs = make([][]float64, len(g.Payoffs))
	for i, p := range g.Payoffs {
		h.Payoffs[i] = append([]float64(nil), p...)
	}
	if g.Exact != nil {
		h.Exact = make([][]*big.Rat, len(g.Exact))
		for i, p := range g.Exact {
			h.Exact[i] = make([]*big.Rat, len(p))
			for k, v := range p {
				if v != nil {
					h.Exact[i][k] = new(big.Rat).Set(v)
				}
			}
		}
	}
	return h
}

// Matrices returns the payoff matrices A (row player) and B (column player)
// of a two-player game. It panics if g does not have two players.
func (g *Game) Matrices() (a, b [][]float64) {
	if g.NumPlayers() != 2 {
		panic("game: Matrices needs two players")
	}
	m, n := len(g.Strategies[0]), len(g.Strategies[1])
	a, b = make([][]float64, m), make([][]float64, m)
	for r := range m {
		a[r], b[r] = make([]float64, n), make([]float64, n)
		for c := range n {
			a[r][c] = g.Payoffs[0][r+m*c]
			b[r][c] = g.Payoffs[1][r+m*c]
		}
	}
	return a, b
}

// RatMatrices returns the exact payoff matrices of a two-player game (fresh
// copies). It panics if g does not have two players.
func (g *Game) RatMatrices() (a, b [][]*big.Rat) {
	if g.NumPlayers() != 2 {
		panic("game: RatMatrices needs two players")
	}
	m, n := len(g.Strategies[0]), len(g.Strategies[1])
	a, b = make([][]*big.Rat, m), make([][]*big.Rat, m)
	for r := range m {
		a[r], b[r] = make([]*big.Rat, n), make([]*big.Rat, n)
		for c := range n {
			a[r][c] = new(big.Rat).Set(g.RatPayoff(0, r+m*c))
			b[r][c] = new(big.Rat).Set(g.RatPayoff(1, r+m*c))
		}
	}
	return a, b
}

// Restrict returns the subgame in which player i keeps only the strategies
// keep[i] (indices into g.Strategies[i], in the order given).
func (g *Game) Restrict(keep [][]int) *Game {
	if len(keep) != g.NumPlayers() {
		panic("game: Restrict length mismatch")
	}
	shape := make([]int, len(keep))
	for i, k := range keep {
		shape[i] = len(k)
	}
	h := New(shape...)
	h.Title, h.Comment = g.Title, g.Comment
	copy(h.Players, g.Players)
	for i, k := range keep {
		for j, s := range k {
			h.Strategies[i][j] = g.Strategies[i][s]
		}
	}
	sub := make([]int, len(keep))
	orig := make([]int, len(keep))
	for k := range h.NumProfiles() {
		h.Profile(k, sub)
		for i := range sub {
			orig[i] = keep[i][sub[i]]
		}
		ko := g.Index(orig)
		for i := range keep {
			h.Payoffs[i][k] = g.Payoffs[i][ko]
			h.Exact[i][k] = new(big.Rat).Set(g.RatPayoff(i, ko))
		}
	}
	return h
}
