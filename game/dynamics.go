package game

import (
	"context"
	"fmt"
	"math"
)

// DynamicsOptions tunes [Replicator] and [FictitiousPlay].
type DynamicsOptions struct {
	// Start is the initial profile (default: uniform). For fictitious play
	// it is the initial belief, weighted as one observation.
	Start Profile
	// Step is the replicator time step in units of 1/(payoff range)
	// (default 0.1; must be in (0, 1)).
	Step float64
	// MaxIter bounds the iterations (default 100 000).
	MaxIter int
	// Every records one path point every Every iterations (default: about
	// 200 points over MaxIter).
	Every int
	// Tol is the regret, relative to the largest payoff range of any player,
	// at which the process stops and its profile is accepted as an
	// equilibrium (default 1e−6).
	Tol float64
}

// PathPoint is one recorded state of a learning process or of a path.
type PathPoint struct {
	// T is the iteration (dynamics) or the logit precision λ (QRE path).
	T       float64 `json:"t"`
	Profile Profile `json:"profile"`
}

// Trajectory is the result of a learning process.
type Trajectory struct {
	Path []PathPoint `json:"path"`
	// Final is the last profile; Regret its largest regret.
	Final  Profile `json:"final"`
	Regret float64 `json:"regret"`
	// Equilibrium is set when Final passed the regret test.
	Equilibrium *Equilibrium `json:"equilibrium,omitempty"`
}

func (o *DynamicsOptions) defaults(g *Game) (Profile, error) {
	if o.Step == 0 {
		o.Step = 0.1
	}
	if o.Step <= 0 || o.Step >= 1 {
		return nil, fmt.Errorf("game: replicator step %g outside (0, 1)", o.Step)
	}
	if o.MaxIter <= 0 {
		o.MaxIter = 100_000
	}
	if o.Every <= 0 {
		o.Every = max(1, o.MaxIter/200)
	}
	if o.Tol <= 0 {
		o.Tol = 1e-6
	}
	p := o.Start
	if p == nil {
		p = g.Uniform()
	}
	if err := g.CheckProfile(p, 1e-9); err != nil {
		return nil, err
	}
	q := make(Profile, len(p))
	for i := range p {
		q[i] = append([]float64(nil), p[i]...)
	}
	return q, nil
}

// payoffRange returns the largest payoff range of any player (1 if all
// payoffs are equal).
func (g *Game) payoffRange() float64 {
	r := 0.0
	for _, p := range g.Payoffs {
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, v := range p {
			lo, hi = min(lo, v), max(hi, v)
		}
		r = max(r, hi-lo)
	}
	if r == 0 {
		return 1
	}
	return r
}

func cloneProfile(p Profile) Profile {
	q := make(Profile, len(p))
	for i := range p {
		q[i] = append([]float64(nil), p[i]...)
	}
	return q
}

// Replicator runs the discrete-time replicator dynamics of an n-player game
// (Taylor & Jonker 1978; Weibull 1995, Evolutionary Game Theory, §3.1 and
// §5.2), the Euler scheme of dp_ij/dt = p_ij·(v_ij − u_i):
//
//	p_ij ← p_ij + h·p_ij·(v_ij − u_i)/R,
//
// with v_ij = u_i(j, p_{−i}), u_i = Σ_j p_ij·v_ij and R the payoff range
// (so probabilities stay positive for h < 1). It stops when the regret is at
// most Tol·R or after MaxIter steps. Interior rest points that it converges
// to are Nash equilibria; a path that does not converge (cycling, as in
// rock–paper–scissors) returns the trajectory with [ErrNoConvergence].
func Replicator(ctx context.Context, g *Game, opts DynamicsOptions) (*Trajectory, error) {
	p, err := opts.defaults(g)
	if err != nil {
		return nil, err
	}
	rng := g.payoffRange()
	tr := &Trajectory{}
	for it := 0; ; it++ {
		v := g.StrategyValues(p)
		reg := 0.0
		for i := range p {
			u, best := 0.0, math.Inf(-1)
			for j, x := range v[i] {
				u += p[i][j] * x
				best = max(best, x)
			}
			reg = max(reg, best-u)
			if it < opts.MaxIter {
				for j, x := range v[i] {
					p[i][j] += opts.Step * p[i][j] * (x - u) / rng
				}
			}
		}
		done := reg <= opts.Tol*rng || it >= opts.MaxIter
		if it%opts.Every == 0 || done {
			tr.Path = append(tr.Path, PathPoint{T: float64(it), Profile: cloneProfile(p)})
		}
		if done {
			break
		}
		if it&255 == 0 && ctx.Err() != nil {
			return tr, ctx.Err()
		}
		// Renormalise against rounding drift.
		for i := range p {
			s := 0.0
			for _, x := range p[i] {
				s += x
			}
			for j := range p[i] {
				p[i][j] /= s
			}
		}
	}
	return tr.finish(g, p, opts.Tol*rng)
}

func (tr *Trajectory) finish(g *Game, p Profile, tol float64) (*Trajectory, error) {
	tr.Final = p
	tr.Regret = g.MaxRegret(p)
	if tr.Regret > tol {
		return tr, fmt.Errorf("%w: regret %.3g after the last iteration exceeds %.3g", ErrNoConvergence, tr.Regret, tol)
	}
	eq, err := g.newApprox(p, tol)
	if err != nil {
		return tr, err
	}
	tr.Equilibrium = &eq
	return tr, nil
}

// FictitiousPlay runs simultaneous fictitious play (Brown 1951; Robinson
// 1951): in every round each player plays a pure best reply (lowest index
// on ties) to the others' empirical frequencies of play, and the empirical
// frequencies are updated. The path records the empirical profile. The
// frequencies converge to equilibrium in two-player zero-sum games
// (Robinson 1951), 2×n games and potential games, but may cycle otherwise
// (Shapley 1964), in which case [ErrNoConvergence] is returned with the
// path. Regret is measured on the empirical profile; convergence is slow
// (regret ~ t^{-1/2} at best), so Tol defaults to 1e−3 here.
func FictitiousPlay(ctx context.Context, g *Game, opts DynamicsOptions) (*Trajectory, error) {
	if opts.Tol <= 0 {
		opts.Tol = 1e-3
	}
	p, err := opts.defaults(g)
	if err != nil {
		return nil, err
	}
	rng := g.payoffRange()
	counts := cloneProfile(p)
	tr := &Trajectory{}
	for it := 1; ; it++ {
		v := g.StrategyValues(p)
		reg := 0.0
		for i := range p {
			u, best, bj := 0.0, math.Inf(-1), 0
			for j, x := range v[i] {
				u += p[i][j] * x
				if x > best {
					best, bj = x, j
				}
			}
			reg = max(reg, best-u)
			counts[i][bj]++
		}
		done := reg <= opts.Tol*rng || it > opts.MaxIter
		if it%opts.Every == 0 || done || it == 1 {
			tr.Path = append(tr.Path, PathPoint{T: float64(it - 1), Profile: cloneProfile(p)})
		}
		if done {
			break
		}
		if it&255 == 0 && ctx.Err() != nil {
			return tr, ctx.Err()
		}
		for i := range p {
			for j := range p[i] {
				p[i][j] = counts[i][j] / float64(it+1)
			}
		}
	}
	return tr.finish(g, p, opts.Tol*rng)
}
