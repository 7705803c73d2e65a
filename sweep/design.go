package sweep

import (
	"fmt"
	"math/bits"
	"math/rand/v2"
)

// Plan is the list of points of a spec's design. Points are computed on
// demand from their id (nothing is stored per point), so a plan of any
// size takes constant memory.
type Plan struct {
	Spec *Spec
	n    int
	d    int
	sob  *Sobol
	perm []feistel // lhs: one permutation of [0, n) per parameter
	buf  []float64
}

// NewPlan validates s and returns its plan.
func NewPlan(s *Spec) (*Plan, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	n, _ := s.size()
	p := &Plan{Spec: s, n: int(n), d: len(s.Params)}
	switch s.Design.Kind {
	case SobolSeq:
		p.sob, _ = NewSobol(p.d)
	case Saltelli:
		p.sob, _ = NewSobol(2 * p.d)
		p.buf = make([]float64, 2*p.d)
	case LHS:
		p.perm = make([]feistel, p.d)
		for j := range p.perm {
			p.perm[j] = newFeistel(uint64(s.Design.Points), mix(s.Seed, 0x4c4853, uint64(j)))
		}
	}
	return p, nil
}

// Len is the number of points.
func (p *Plan) Len() int { return p.n }

// Dim is the number of parameters.
func (p *Plan) Dim() int { return p.d }

// Names returns the parameter names in spec order.
func (p *Plan) Names() []string {
	ns := make([]string, p.d)
	for i, ps := range p.Spec.Params {
		ns[i] = ps.Name
	}
	return ns
}

// Point is not safe for concurrent use (Saltelli points share a scratch
// buffer); [Run] gives each worker its own copy of the plan.
//
// Point writes the unit (design) coordinates of point id into u and the
// parameter values into x (both of length Dim, or nil). Unit coordinates
// are in [0, 1]: grid and Morris levels l of L are l/(L−1); values of a
// parameter with an unbounded distribution are taken at the midpoint
// quantile (l+½)/L instead, so they stay finite.
func (p *Plan) Point(id int, u, x []float64) {
	if id < 0 || id >= p.n {
		panic(fmt.Sprintf("sweep: point %d outside [0, %d)", id, p.n))
	}
	if u == nil {
		u = make([]float64, p.d)
	}
	q := u // quantile coordinate, differs from u only on unbounded levels
	switch p.Spec.Design.Kind {
	case Grid:
		q = p.gridPoint(id, u)
	case LHS:
		r := rand.New(rand.NewPCG(p.Spec.Seed, mix(0x4c4853, uint64(id), 0)))
		n := float64(p.n)
		for j := range u {
			u[j] = (float64(p.perm[j].at(uint64(id))) + r.Float64()) / n
		}
	case SobolSeq:
		p.sob.At(uint64(id)+1, u)
	case Saltelli:
		j, k := id/(p.d+2), id%(p.d+2)
		ab := p.buf
		p.sob.At(uint64(j)+1, ab)
		switch {
		case k == 0:
			copy(u, ab[:p.d])
		case k == p.d+1:
			copy(u, ab[p.d:])
		default:
			copy(u, ab[:p.d])
			u[k-1] = ab[p.d+k-1]
		}
	case MorrisOT:
		q = p.morrisPoint(id, u)
	}
	if x != nil {
		for i := range p.Spec.Params {
			x[i] = p.Spec.Params[i].Value(q[i])
		}
	}
}

// gridPoint decodes id in mixed radix, the last parameter varying fastest.
func (p *Plan) gridPoint(id int, u []float64) []float64 {
	lv := make([]int, p.d)
	for i := p.d - 1; i >= 0; i-- {
		L := p.Spec.levels(i)
		lv[i] = id % L
		id /= L
		if L == 1 {
			u[i] = 0.5
		} else {
			u[i] = float64(lv[i]) / float64(L-1)
		}
	}
	return p.levelQuantiles(u, lv, p.Spec.levels)
}

// levelQuantiles returns the quantile coordinates of a point on levels:
// u itself, except for parameters with unbounded distributions, which
// take the midpoint quantile (l+½)/L of their level l.
func (p *Plan) levelQuantiles(u []float64, lv []int, levels func(int) int) []float64 {
	q := u
	for i := range lv {
		if p.Spec.Params[i].bounded() {
			continue
		}
		if &q[0] == &u[0] {
			q = append([]float64(nil), u...)
		}
		q[i] = (float64(lv[i]) + 0.5) / float64(levels(i))
	}
	return q
}

// MorrisStep describes point id of a Morris design: its trajectory, its
// step s (0 is the base point) and, for s > 0, the parameter moved from
// the previous point and the signed move in unit coordinates.
type MorrisStep struct {
	Trajectory, Step, Param int
	Delta                   float64
}

// morrisLevels returns the base levels and the order of the moves of
// trajectory t, drawn from a PCG source seeded with (Seed, t).
func (p *Plan) morrisLevels(t int) (base []int, order []int) {
	r := rand.New(rand.NewPCG(p.Spec.Seed, mix(0x4d4f52, uint64(t), 0)))
	L := p.Spec.Design.Levels
	base = make([]int, p.d)
	for i := range base {
		base[i] = r.IntN(L)
	}
	order = r.Perm(p.d)
	return base, order
}

// Morris returns the trajectory structure of point id of a Morris plan.
// Each parameter moves once per trajectory by Δ = p/(2(p−1)) (Morris
// 1991): up from the lower half of the levels, down from the upper half.
func (p *Plan) Morris(id int) MorrisStep {
	t, s := id/(p.d+1), id%(p.d+1)
	st := MorrisStep{Trajectory: t, Step: s, Param: -1}
	if s == 0 {
		return st
	}
	base, order := p.morrisLevels(t)
	L := p.Spec.Design.Levels
	i := order[s-1]
	st.Param = i
	st.Delta = float64(L/2) / float64(L-1)
	if base[i] >= L/2 {
		st.Delta = -st.Delta
	}
	return st
}

func (p *Plan) morrisPoint(id int, u []float64) []float64 {
	t, s := id/(p.d+1), id%(p.d+1)
	base, order := p.morrisLevels(t)
	L := p.Spec.Design.Levels
	for k := range s {
		i := order[k]
		if base[i] < L/2 {
			base[i] += L / 2
		} else {
			base[i] -= L / 2
		}
	}
	for i, l := range base {
		u[i] = float64(l) / float64(L-1)
	}
	return p.levelQuantiles(u, base, func(int) int { return L })
}

// Role names the part of the design a point belongs to: for saltelli
// "A", "B" or "AB:name" (A with the column of name taken from B); for
// morris "tT" (base point of trajectory T) or "tT:name" (name moved);
// empty for the other designs.
func (p *Plan) Role(id int) string {
	switch p.Spec.Design.Kind {
	case Saltelli:
		k := id % (p.d + 2)
		switch k {
		case 0:
			return "A"
		case p.d + 1:
			return "B"
		}
		return "AB:" + p.Spec.Params[k-1].Name
	case MorrisOT:
		st := p.Morris(id)
		if st.Step == 0 {
			return fmt.Sprintf("t%d", st.Trajectory)
		}
		return fmt.Sprintf("t%d:%s", st.Trajectory, p.Spec.Params[st.Param].Name)
	}
	return ""
}

// Shard returns the points [lo, hi) of shard k of n: the contiguous block
// k·P/n … (k+1)·P/n of a plan of P points.
func (p *Plan) Shard(k, n int) (lo, hi int, err error) {
	if n < 1 || k < 0 || k >= n {
		return 0, 0, fmt.Errorf("sweep: shard %d/%d: want 0 ≤ K < N", k, n)
	}
	P := uint64(p.n)
	return int(P * uint64(k) / uint64(n)), int(P * uint64(k+1) / uint64(n)), nil
}

// mix is SplitMix64 (Steele, Lea and Flood 2014) of its arguments
// combined, used to derive independent seeds from structured keys.
func mix(a, b, c uint64) uint64 {
	z := a
	for _, v := range [...]uint64{b, c} {
		z ^= v + 0x9e3779b97f4a7c15 + (z << 6) + (z >> 2)
		z += 0x9e3779b97f4a7c15
		z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
		z = (z ^ (z >> 27)) * 0x94d049bb133111eb
		z ^= z >> 31
	}
	return z
}

// RunSeed is the seed of run r of point id under the base seed: the
// second word of the PCG state of that run (the first is the base seed).
// It depends only on (base, id, r), never on sharding or workers.
func RunSeed(base uint64, id, r int) uint64 {
	return mix(base, uint64(id), uint64(r))
}

// feistel is a keyed pseudo-random permutation of [0, n): a four-round
// balanced Feistel network on the smallest even number of bits covering
// n, restricted to [0, n) by cycle walking (Black and Rogaway 2002).
type feistel struct {
	n    uint64
	half uint
	key  uint64
}

func newFeistel(n, key uint64) feistel {
	b := uint(bits.Len64(n - 1))
	if b%2 == 1 {
		b++
	}
	if b == 0 {
		b = 2
	}
	return feistel{n: n, half: b / 2, key: key}
}

func (f feistel) round(x uint64) uint64 {
	mask := uint64(1)<<f.half - 1
	l, r := x>>f.half, x&mask
	for i := range uint64(4) {
		l, r = r, l^(mix(f.key, i, r)&mask)
	}
	return l<<f.half | r
}

func (f feistel) at(x uint64) uint64 {
	for x = f.round(x); x >= f.n; x = f.round(x) {
	}
	return x
}
