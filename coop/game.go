package coop

import (
	"errors"
	"fmt"
	"math"
	"math/bits"
	"strings"
)

// MaxPlayers is the largest number of players a [Game] may have.
const MaxPlayers = 20

// Game is a TU game: V[S] is the worth of coalition S (bitmask), with
// len(V) = 2^len(Players) and V[0] = 0. When Cost is true V holds costs to
// be shared and every allocation is a cost share.
type Game struct {
	Players []string
	V       []float64
	Cost    bool
}

// ErrMissingCoalition is returned for a characteristic function that does
// not give the worth of every coalition.
var ErrMissingCoalition = errors.New("coop: missing coalition")

// N returns the number of players.
func (g *Game) N() int { return len(g.Players) }

// Grand returns the bitmask of the grand coalition.
func (g *Game) Grand() uint32 { return uint32(1)<<g.N() - 1 }

// Validate checks the sizes and that every worth is finite.
func (g *Game) Validate() error {
	n := g.N()
	if n < 1 || n > MaxPlayers {
		return fmt.Errorf("coop: need 1 to %d players, got %d", MaxPlayers, n)
	}
	if len(g.V) != 1<<n {
		return fmt.Errorf("coop: %d players need %d worths (one per coalition), got %d", n, 1<<n, len(g.V))
	}
	if g.V[0] != 0 {
		return fmt.Errorf("coop: the empty coalition must be worth 0, got %g", g.V[0])
	}
	for s, v := range g.V {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("coop: worth of %s is not finite", g.Name(uint32(s)))
		}
	}
	return nil
}

// Name returns a coalition as "{a, b}".
func (g *Game) Name(s uint32) string {
	var p []string
	for i := 0; i < g.N(); i++ {
		if s&(1<<i) != 0 {
			p = append(p, g.Players[i])
		}
	}
	return "{" + strings.Join(p, ", ") + "}"
}

// NewGame builds a game from worths keyed by coalitions given as lists of
// player names. Every non-empty coalition must be present; otherwise the
// error wraps [ErrMissingCoalition] and names the first missing one.
func NewGame(players []string, worth map[string]float64) (*Game, error) {
	n := len(players)
	if n < 1 || n > MaxPlayers {
		return nil, fmt.Errorf("coop: need 1 to %d players, got %d", MaxPlayers, n)
	}
	idx := map[string]int{}
	for i, p := range players {
		if p == "" {
			return nil, fmt.Errorf("coop: player %d has no name", i)
		}
		if _, dup := idx[p]; dup {
			return nil, fmt.Errorf("coop: player %q listed twice", p)
		}
		idx[p] = i
	}
	g := &Game{Players: append([]string(nil), players...), V: make([]float64, 1<<n)}
	have := make([]bool, 1<<n)
	have[0] = true
	for key, v := range worth {
		s, err := ParseCoalition(players, key)
		if err != nil {
			return nil, err
		}
		if s == 0 {
			if v != 0 {
				return nil, fmt.Errorf("coop: the empty coalition must be worth 0, got %g", v)
			}
			continue
		}
		if have[s] {
			return nil, fmt.Errorf("coop: coalition %s given twice", g.Name(s))
		}
		g.V[s], have[s] = v, true
	}
	for s := range have {
		if !have[s] {
			return nil, fmt.Errorf("%w %s (a characteristic function needs all %d non-empty coalitions)", ErrMissingCoalition, g.Name(uint32(s)), 1<<n-1)
		}
	}
	return g, g.Validate()
}

// ParseCoalition turns "a+b" (names joined by "+" or ",") into a bitmask.
func ParseCoalition(players []string, key string) (uint32, error) {
	var s uint32
	key = strings.TrimSpace(key)
	if key == "" || key == "{}" {
		return 0, nil
	}
	key = strings.Trim(key, "{}")
	for _, part := range strings.FieldsFunc(key, func(r rune) bool { return r == '+' || r == ',' }) {
		name := strings.TrimSpace(part)
		found := false
		for i, p := range players {
			if p == name {
				if s&(1<<i) != 0 {
					return 0, fmt.Errorf("coop: coalition %q names %q twice", key, name)
				}
				s |= 1 << i
				found = true
			}
		}
		if !found {
			return 0, fmt.Errorf("coop: coalition %q: unknown player %q", key, name)
		}
	}
	return s, nil
}

// FromFunc builds a game by evaluating worth on every coalition.
func FromFunc(players []string, worth func(s uint32) float64) *Game {
	n := len(players)
	g := &Game{Players: append([]string(nil), players...), V: make([]float64, 1<<n)}
	for s := uint32(1); s < 1<<n; s++ {
		g.V[s] = worth(s)
	}
	return g
}

// WeightedMajority returns the simple game v(S) = 1 when the weights of S
// sum to at least quota, 0 otherwise.
func WeightedMajority(players []string, weights []float64, quota float64) (*Game, error) {
	if len(weights) != len(players) {
		return nil, fmt.Errorf("coop: %d weights for %d players", len(weights), len(players))
	}
	return FromFunc(players, func(s uint32) float64 {
		w := 0.0
		for i := range players {
			if s&(1<<i) != 0 {
				w += weights[i]
			}
		}
		if w >= quota {
			return 1
		}
		return 0
	}), nil
}

// Airport returns the cost game of Littlechild & Owen (1973): player i
// needs a runway costing costs[i], and a coalition pays for the longest
// runway any member needs, c(S) = max_{i∈S} costs[i].
func Airport(players []string, costs []float64) (*Game, error) {
	if len(costs) != len(players) {
		return nil, fmt.Errorf("coop: %d costs for %d players", len(costs), len(players))
	}
	g := FromFunc(players, func(s uint32) float64 {
		m := 0.0
		for i := range players {
			if s&(1<<i) != 0 {
				m = math.Max(m, costs[i])
			}
		}
		return m
	})
	g.Cost = true
	return g, nil
}

// worth returns the game in worth form (v, or −c for a cost game).
func (g *Game) worth() []float64 {
	if !g.Cost {
		return g.V
	}
	w := make([]float64, len(g.V))
	for s, c := range g.V {
		w[s] = -c
	}
	return w
}

func (g *Game) sign() float64 {
	if g.Cost {
		return -1
	}
	return 1
}

// Shapley returns the Shapley value, Σ_i φ_i = v(N). It costs
// O(n·2^n) operations.
func (g *Game) Shapley() []float64 {
	n := g.N()
	// weight[k] = k!(n−k−1)!/n!
	w := make([]float64, n)
	for k := 0; k < n; k++ {
		w[k] = math.Exp(lgamma(k+1) + lgamma(n-k) - lgamma(n+1))
	}
	phi := make([]float64, n)
	full := uint32(1)<<n - 1
	for s := uint32(0); s < full; s++ {
		k := bits.OnesCount32(s)
		vs := g.V[s]
		for i := 0; i < n; i++ {
			if s&(1<<i) == 0 {
				phi[i] += w[k] * (g.V[s|1<<i] - vs)
			}
		}
	}
	return phi
}

func lgamma(x int) float64 {
	v, _ := math.Lgamma(float64(x))
	return v
}

// Banzhaf returns the Banzhaf value β_i = 2^{−(n−1)} Σ_{S∌i}
// [v(S ∪ {i}) − v(S)] and the normalised index β_i/Σ_j β_j (nil when
// Σ β = 0).
func (g *Game) Banzhaf() (value, index []float64) {
	n := g.N()
	value = make([]float64, n)
	full := uint32(1)<<n - 1
	for s := uint32(0); s < full; s++ {
		for i := 0; i < n; i++ {
			if s&(1<<i) == 0 {
				value[i] += g.V[s|1<<i] - g.V[s]
			}
		}
	}
	tot := 0.0
	for i := range value {
		value[i] /= math.Exp2(float64(n - 1))
		tot += value[i]
	}
	if tot != 0 {
		index = make([]float64, n)
		for i := range value {
			index[i] = value[i] / tot
		}
	}
	return value, index
}

// Excesses returns x(S) for every coalition given the allocation x.
func coalitionSums(x []float64) []float64 {
	n := len(x)
	sum := make([]float64, 1<<n)
	for s := 1; s < 1<<n; s++ {
		low := bits.TrailingZeros32(uint32(s))
		sum[s] = sum[s&(s-1)] + x[low]
	}
	return sum
}
