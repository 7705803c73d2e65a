package game

import (
	"math"
	"math/big"
	"math/bits"
)

// A tableau is a dictionary of the system M·z = rhs, z ≥ 0, in integer
// (fraction-free) form: for the current basis β with basis matrix M_β it
// stores T = det(M_β)·M_β⁻¹·[M | rhs] as integers, together with the
// positive determinant d = |det M_β|. A pivot on (r, c) with pivot element
// p = T[r][c] > 0 replaces every entry outside row r by
//
//	T'[i][j] = (T[i][j]·p − T[i][c]·T[r][j]) / d,
//
// where the division is exact (Edmonds 1967; the scheme lrs uses), and sets
// d' = p. Entries stay the minors of M, so they never grow beyond Hadamard's
// bound and the arithmetic is exact.
//
// The exact implementation, hybridTableau, stores every entry as an int64
// and switches single entries to math/big only while they do not fit;
// floatTableau is the floating-point version used by Lemke–Howson.

// mul128 returns the signed 128-bit product a·b in two's complement.
func mul128(a, b int64) (hi, lo uint64) {
	hi, lo = bits.Mul64(uint64(a), uint64(b))
	if a < 0 {
		hi -= uint64(b)
	}
	if b < 0 {
		hi -= uint64(a)
	}
	return hi, lo
}

// cmpProducts returns the sign of a·b − c·d.
func cmpProducts(a, b, c, d int64) int {
	h1, l1 := mul128(a, b)
	h2, l2 := mul128(c, d)
	return cmp128(h1, l1, h2, l2)
}

func cmp128(h1, l1, h2, l2 uint64) int {
	switch {
	case int64(h1) < int64(h2):
		return -1
	case int64(h1) > int64(h2):
		return 1
	case l1 < l2:
		return -1
	case l1 > l2:
		return 1
	}
	return 0
}

// integerize scales a rational matrix by the least common multiple of its
// denominators and shifts it so that its smallest entry is 1: the result
// L·a + (1 − min L·a) is a positive integer matrix. Positive affine
// transformations of a player's payoffs do not change best responses, hence
// not the equilibria.
func integerize(a [][]*big.Rat) [][]*big.Int {
	l := big.NewInt(1)
	var g big.Int
	for _, row := range a {
		for _, v := range row {
			den := v.Denom()
			g.GCD(nil, nil, l, den)
			l.Mul(l, den)
			l.Quo(l, &g)
		}
	}
	out := make([][]*big.Int, len(a))
	var minv *big.Int
	for i, row := range a {
		out[i] = make([]*big.Int, len(row))
		for j, v := range row {
			x := new(big.Int).Mul(v.Num(), l)
			x.Quo(x, v.Denom())
			out[i][j] = x
			if minv == nil || x.Cmp(minv) < 0 {
				minv = x
			}
		}
	}
	shift := new(big.Int).Sub(big.NewInt(1), minv)
	for _, row := range out {
		for _, x := range row {
			x.Add(x, shift)
		}
	}
	return out
}

// integerMatrix returns integerize of player i's payoff matrix in a
// two-player game (rows: player 1's strategies). When every payoff is an
// integer of at most 62 bits, as in most games, it is computed in int64
// and the entries share two allocations; else through math/big.
func (g *Game) integerMatrix(i int) [][]*big.Int {
	m, n := len(g.Strategies[0]), len(g.Strategies[1])
	const limit = 1 << 62
	vals := make([]int64, m*n)
	lo := int64(math.MaxInt64)
	for k := range vals {
		var v int64
		if g.Exact != nil && g.Exact[i][k] != nil {
			r := g.Exact[i][k]
			if !r.IsInt() || !r.Num().IsInt64() {
				return g.integerMatrixBig(i)
			}
			v = r.Num().Int64()
		} else {
			f := g.Payoffs[i][k]
			if f != math.Trunc(f) || math.Abs(f) > limit {
				return g.integerMatrixBig(i)
			}
			v = int64(f)
		}
		if v > limit || v < -limit {
			return g.integerMatrixBig(i)
		}
		vals[k], lo = v, min(lo, v)
	}
	// Entries v − lo + 1 ≤ 2⁶³ − 1 since |v|, |lo| ≤ 2⁶²; stored in one
	// word each when a word holds them (64-bit platforms), else through
	// SetInt64.
	ints := make([]big.Int, m*n)
	words := make([]big.Word, m*n)
	out := rowsOf(make([]*big.Int, m*n), m, n)
	for r := range m {
		for c := range n {
			k := r*n + c
			v := vals[r+m*c] - lo + 1
			if uint64(v) <= uint64(^big.Word(0)) {
				words[k] = big.Word(v)
				ints[k].SetBits(words[k : k+1 : k+1])
			} else {
				ints[k].SetInt64(v)
			}
			out[r][c] = &ints[k]
		}
	}
	return out
}

// rowsOf returns the m rows of n entries of the row-major matrix in s
// (len m·n): a matrix in two allocations however many rows it has.
func rowsOf[T any](s []T, m, n int) [][]T {
	out := make([][]T, m)
	for r := range out {
		out[r] = s[r*n : (r+1)*n : (r+1)*n]
	}
	return out
}

// integerMatrixBig is integerMatrix through math/big, for any payoffs.
func (g *Game) integerMatrixBig(i int) [][]*big.Int {
	m, n := len(g.Strategies[0]), len(g.Strategies[1])
	a := make([][]*big.Rat, m)
	for r := range m {
		a[r] = make([]*big.Rat, n)
		for c := range n {
			a[r][c] = new(big.Rat).Set(g.RatPayoff(i, r+m*c))
		}
	}
	return integerize(a)
}

// lhTableau is what complementary pivoting needs of a tableau.
type lhTableau interface {
	sgn(r, c int) int
	cmpCol(r1, r2, c, col int) int
	pivot(r, c int) bool
	clone() lhTableau
}

// floatTableau is a tableau in floating point, kept normalised
// (T = M_β⁻¹·[M | rhs]); comparisons treat differences below eps as ties.
type floatTableau struct {
	rows, stride int
	a            []float64
	eps          float64
	nz           []int // scratch: nonzero columns of the pivot row
}

func (t *floatTableau) sgn(r, c int) int {
	v := t.a[r*t.stride+c]
	switch {
	case v > t.eps:
		return 1
	case v < -t.eps:
		return -1
	}
	return 0
}

func (t *floatTableau) cmpCol(r1, r2, c, col int) int {
	x := t.a[r1*t.stride+col] / t.a[r1*t.stride+c]
	y := t.a[r2*t.stride+col] / t.a[r2*t.stride+c]
	switch d := x - y; {
	case d < -t.eps*(1+math.Abs(x)+math.Abs(y)):
		return -1
	case d > t.eps*(1+math.Abs(x)+math.Abs(y)):
		return 1
	}
	return 0
}

func (t *floatTableau) pivot(r, c int) bool {
	st := t.stride
	prow := t.a[r*st : (r+1)*st]
	p := prow[c]
	if math.Abs(p) <= t.eps {
		return false
	}
	inv := 1 / p
	// Only the pivot row's nonzero entries change the other rows; the
	// identity part of the tableau stays sparse for many pivots.
	t.nz = t.nz[:0]
	for j := range prow {
		if prow[j] != 0 {
			prow[j] *= inv
			t.nz = append(t.nz, j)
		}
	}
	prow[c] = 1
	dense := len(t.nz)*4 > 3*len(prow)
	for i := range t.rows {
		if i == r {
			continue
		}
		row := t.a[i*st : (i+1)*st]
		f := row[c]
		if f == 0 {
			continue
		}
		if dense {
			for j, y := range prow {
				row[j] -= f * y
			}
		} else {
			for _, j := range t.nz {
				row[j] -= f * prow[j]
			}
		}
		row[c] = 0
	}
	return true
}

func (t *floatTableau) clone() lhTableau {
	u := *t
	u.a = append([]float64(nil), t.a...)
	u.nz = nil
	return &u
}
