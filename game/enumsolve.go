package game

import (
	"math"
	"slices"
	"strconv"
	"strings"
)

// The enummixed method of [Solve] prints fractions, so when every
// normalised coordinate is a fraction of int64s it renders the vertices
// found by [enumSearch] straight from their integer vectors: reduced in
// uint64 arithmetic, ordered by 128-bit cross products, written into one
// string, without the math/big.Rat values of [Extreme]. In a short-lived
// process that saves the allocations (fresh heap pages) and the math/big
// code that [enumFound.extreme] touches for the first time; the result is
// the one [enumFound.extreme] gives, field by field.

// fracVec is an integer vector v ≥ 0 with Σv > 0 in int64, normalised:
// coordinate k is num[k]/den[k] in lowest terms, which is v[k]/Σv.
type fracVec struct {
	v        []int64
	sum      int64
	num, den []int64
}

// exactFloatLimit bounds the numerators and denominators whose quotient
// float64(num)/float64(den) is the correctly rounded value of num/den, as
// big.Rat.Float64 gives it (see ratFloat64): both exact in a float64.
const exactFloatLimit = 1 << 53

// newFracVecs normalises vs into one backing array; ok is false when some
// vector has a negative or big coordinate, a sum that overflows, or a
// fraction whose float64 value could not be computed by one division.
func newFracVecs(vs []intVec) (out []fracVec, ok bool) {
	total := 0
	for _, v := range vs {
		if v.b != nil {
			return nil, false
		}
		total += len(v.s)
	}
	words := make([]int64, 2*total)
	out = make([]fracVec, len(vs))
	for i, v := range vs {
		var sum int64
		for _, x := range v.s {
			if x < 0 || x > math.MaxInt64-sum {
				return nil, false
			}
			sum += x
		}
		if sum == 0 {
			return nil, false
		}
		k := len(v.s)
		f := fracVec{v: v.s, sum: sum, num: words[:k:k], den: words[k : 2*k : 2*k]}
		words = words[2*k:]
		for j, x := range v.s {
			g := int64(gcd64(uint64(x), uint64(sum)))
			f.num[j], f.den[j] = x/g, sum/g
			if f.num[j] > exactFloatLimit || f.den[j] > exactFloatLimit {
				return nil, false
			}
		}
		out[i] = f
	}
	return out, true
}

// cmpFrac compares a and b lexicographically by their normalised values:
// a[k]/Σa against b[k]/Σb is a[k]·Σb against b[k]·Σa.
func cmpFrac(a, b *fracVec) int {
	for k := range a.v {
		if c := cmpProducts(a.v[k], b.sum, b.v[k], a.sum); c != 0 {
			return c
		}
	}
	return 0
}

// fracOrder sets o to the indices of v sorted in decreasing lexicographic
// order, as [ratOrder] sorts the normalised vectors (stably), and idx to
// its inverse.
func fracOrder(v []fracVec, o, idx []int) {
	for i := range o {
		o[i] = i
	}
	slices.SortStableFunc(o, func(i, j int) int { return cmpFrac(&v[j], &v[i]) })
	for k, a := range o {
		idx[a] = k
	}
}

// fracStrings writes the fractions of the vectors vs[o[0]], vs[o[1]], …
// ("0", "1", "3/7") as [ratStrings] does into out[0], out[1], …, the
// strings of all vectors substrings of one, with strs as the storage of
// the slices (as long as the coordinates in all).
func fracStrings(vs []fracVec, o []int, out [][]string, strs []string) {
	n := len(strs)
	buf := make([]byte, 0, 8*n)
	for _, i := range o {
		v := &vs[i]
		for k := range v.num {
			buf = strconv.AppendInt(buf, v.num[k], 10)
			if v.den[k] != 1 {
				buf = strconv.AppendInt(append(buf, '/'), v.den[k], 10)
			}
			buf = append(buf, ',')
		}
	}
	all := string(buf)
	for r, i := range o {
		k := len(vs[i].num)
		out[r] = strs[:k:k]
		for j := range k {
			end := strings.IndexByte(all, ',')
			out[r][j], all = all[:end], all[end+1:]
		}
		strs = strs[k:]
	}
}

// fracFloats sets out[r] to the float64 values of vs[o[r]], as
// [RatProfile.Float] computes them, in slices of vals.
func fracFloats(vs []fracVec, o []int, out [][]float64, vals []float64) {
	for r, i := range o {
		v := &vs[i]
		k := len(v.num)
		out[r] = vals[:k:k]
		vals = vals[k:]
		for j := range k {
			out[r][j] = float64(v.num[j]) / float64(v.den[j])
		}
	}
}

// payoffs2 returns the expected payoffs of a two-player game at the
// profile (x, y), with the operations of [Game.ExpectedPayoffs] in the
// same order (so the same float64 results); vals is scratch of length at
// least m+n.
func payoffs2(g *Game, x, y, vals []float64) (u0, u1 float64) {
	m, n := len(x), len(y)
	v0, v1 := vals[:m], vals[m:m+n]
	clear(v0)
	clear(v1)
	p0, p1 := g.Payoffs[0], g.Payoffs[1]
	for k := range m * n {
		r, col := k%m, k/m
		v0[r] += p0[k] * y[col]
		v1[col] += p1[k] * x[r]
	}
	for j, w := range v0 {
		u0 += x[j] * w
	}
	for j, w := range v1 {
		u1 += y[j] * w
	}
	return u0, u1
}

// solveFast fills the enummixed fields of res from f when every
// coordinate is a fraction of int64s and every equilibrium can be checked
// in int64 arithmetic; ok is false otherwise, with res untouched. err is
// that of a failed check (an internal error).
func (f *enumFound) solveFast(g *Game, res *SolveResult) (ok bool, err error) {
	xf, okX := newFracVecs(f.xs)
	yf, okY := newFracVecs(f.ys)
	if !okX || !okY {
		return false, nil
	}
	// Few allocations, in few size classes: a short-lived process pays a
	// page fault for each new span.
	nx, ny, np := len(xf), len(yf), len(f.pairs)
	m, n := len(g.Strategies[0]), len(g.Strategies[1])
	ints := make([]int, 2*(nx+ny))
	xo, xIdx, yo, yIdx := ints[:nx], ints[nx:2*nx], ints[2*nx:2*nx+ny], ints[2*nx+ny:]
	fracOrder(xf, xo, xIdx)
	fracOrder(yf, yo, yIdx)
	pairs := sortedPairs(f.pairs, xIdx, yIdx)
	for _, p := range pairs {
		ok, err := f.ck.check(f.xs[xo[p[0]]], f.ys[yo[p[1]]])
		if err != nil || !ok {
			return false, err
		}
	}
	// Floats: the probabilities of X then Y, the payoffs of each
	// equilibrium, scratch for payoffs2; float slices: X's, Y's, then
	// the profiles; string slices likewise.
	floats := make([]float64, nx*m+ny*n+2*np+m+n)
	probs, pays, scratch := floats[:nx*m+ny*n], floats[nx*m+ny*n:nx*m+ny*n+2*np], floats[nx*m+ny*n+2*np:]
	fslices := make([][]float64, nx+ny+2*np)
	xp, yp, profs := fslices[:nx], fslices[nx:nx+ny], fslices[nx+ny:]
	fracFloats(xf, xo, xp, probs[:nx*m])
	fracFloats(yf, yo, yp, probs[nx*m:])
	sslices := make([][]string, nx+ny+2*np)
	xs, ys, exact := sslices[:nx:nx], sslices[nx:nx+ny:nx+ny], sslices[nx+ny:]
	strs := make([]string, nx*m+ny*n)
	fracStrings(xf, xo, xs, strs[:nx*m])
	fracStrings(yf, yo, ys, strs[nx*m:])
	res.RowExtreme, res.ColExtreme = xs, ys
	res.Arithmetic = f.arith
	if np > 0 {
		res.Equilibria = make([]SolvedEquilibrium, np)
	}
	for k, p := range pairs {
		a, b := p[0], p[1]
		u := pays[2*k : 2*k+2 : 2*k+2]
		u[0], u[1] = payoffs2(g, xp[a], yp[b], scratch)
		prof, ex := profs[2*k:2*k+2:2*k+2], exact[2*k:2*k+2:2*k+2]
		prof[0], prof[1] = xp[a], yp[b]
		ex[0], ex[1] = xs[a], ys[b]
		res.Equilibria[k] = SolvedEquilibrium{Profile: prof, Payoffs: u, Exact: ex}
	}
	res.Cliques = maximalBicliques(len(xo), len(yo), pairs)
	ne := false
	for _, c := range res.Cliques {
		if len(c.X) > 1 || len(c.Y) > 1 {
			ne = true
		}
	}
	res.NonExtreme = &ne
	if ne {
		res.Note = degenerateNote
	}
	return true, nil
}
