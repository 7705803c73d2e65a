package game

import (
	"context"
	"math/big"
)

// PureEquilibria returns every pure-strategy Nash equilibrium of an n-player
// game, as gambit-enumpure does: the profiles s at which no player gains by
// a unilateral deviation, u_i(t, s_{−i}) ≤ u_i(s) for all i and t.
// Comparisons use the exact payoffs. Profiles are returned in increasing
// index order (player 1's strategy varying fastest). ctx is checked every
// 4096 profiles.
func PureEquilibria(ctx context.Context, g *Game) ([]Equilibrium, error) {
	if err := g.Validate(); err != nil {
		return nil, err
	}
	n := g.NumPlayers()
	shape := g.Shape()
	strides := make([]int, n)
	st := 1
	for i := range n {
		strides[i] = st
		st *= shape[i]
	}
	exact := make([][]*big.Rat, n)
	for i := range n {
		exact[i] = make([]*big.Rat, g.NumProfiles())
		for k := range exact[i] {
			exact[i][k] = g.RatPayoff(i, k)
		}
	}
	var out []Equilibrium
	s := make([]int, n)
	for k := range g.NumProfiles() {
		if k&4095 == 0 {
			if err := ctx.Err(); err != nil {
				return out, err
			}
		}
		g.Profile(k, s)
		ok := true
		for i := 0; i < n && ok; i++ {
			base := k - s[i]*strides[i]
			for t := range shape[i] {
				if t != s[i] && exact[i][base+t*strides[i]].Cmp(exact[i][k]) > 0 {
					ok = false
					break
				}
			}
		}
		if !ok {
			continue
		}
		p := make(RatProfile, n)
		for i := range n {
			p[i] = make([]*big.Rat, shape[i])
			for j := range p[i] {
				p[i][j] = new(big.Rat)
			}
			p[i][s[i]].SetInt64(1)
		}
		eq, err := g.newExact(p)
		if err != nil {
			return out, err
		}
		out = append(out, eq)
	}
	return out, nil
}
