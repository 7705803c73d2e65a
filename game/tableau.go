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
// Two implementations share the interface: int64 entries with 128-bit
// intermediate products, which report overflow, and math/big entries.
type tableau interface {
	// sgn returns the sign of T[r][c]; c == vars means the right-hand side.
	sgn(r, c int) int
	// cmpRatio compares rhs[r1]/T[r1][c] with rhs[r2]/T[r2][c] (both
	// T[·][c] > 0) and returns −1, 0 or +1.
	cmpRatio(r1, r2, c int) int
	// pivot pivots on (r, c). It returns false on arithmetic overflow, after
	// which the tableau must be discarded.
	pivot(r, c int) bool
	// value returns rhs[r]/d, the value of the basic variable in row r.
	value(r int) *big.Rat
	// capture returns the values of the basic variables in rows rows
	// (−1 = nonbasic, value 0) in a compact form.
	capture(rows []int) captured
}

// captured holds variable values (numerators over a common denominator).
type captured interface {
	rats() []*big.Rat
}

// intTableau is a tableau with int64 entries.
type intTableau struct {
	rows, stride int
	a            []int64
	d            int64
}

func newIntTableau(m [][]*big.Int, rhs []*big.Int) (*intTableau, bool) {
	rows, vars := len(m), len(m[0])
	t := &intTableau{rows: rows, stride: vars + 1, a: make([]int64, rows*(vars+1)), d: 1}
	for i := range rows {
		for j := range vars {
			if !m[i][j].IsInt64() {
				return nil, false
			}
			t.a[i*t.stride+j] = m[i][j].Int64()
		}
		if !rhs[i].IsInt64() {
			return nil, false
		}
		t.a[i*t.stride+vars] = rhs[i].Int64()
	}
	return t, true
}

func (t *intTableau) sgn(r, c int) int {
	v := t.a[r*t.stride+c]
	switch {
	case v > 0:
		return 1
	case v < 0:
		return -1
	}
	return 0
}

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

func (t *intTableau) cmpRatio(r1, r2, c int) int {
	rh := t.stride - 1
	// rhs1/a1 vs rhs2/a2 with a1, a2 > 0: compare rhs1·a2 with rhs2·a1.
	h1, l1 := mul128(t.a[r1*t.stride+rh], t.a[r2*t.stride+c])
	h2, l2 := mul128(t.a[r2*t.stride+rh], t.a[r1*t.stride+c])
	return cmp128(h1, l1, h2, l2)
}

// det2div returns (x·p − f·y)/d, exact, and whether it fits in an int64.
func det2div(x, p, f, y, d int64) (int64, bool) {
	h1, l1 := mul128(x, p)
	h2, l2 := mul128(f, y)
	l, b := bits.Sub64(l1, l2, 0)
	h := h1 - h2 - b
	if h == uint64(int64(l)>>63) {
		return int64(l) / d, true
	}
	neg := int64(h) < 0
	if neg {
		l, b = bits.Sub64(0, l, 0)
		h = 0 - h - b
	}
	if h >= uint64(d) {
		return 0, false
	}
	q, _ := bits.Div64(h, l, uint64(d))
	if q > math.MaxInt64 {
		return 0, false
	}
	if neg {
		return -int64(q), true
	}
	return int64(q), true
}

func (t *intTableau) pivot(r, c int) bool {
	st := t.stride
	p, d := t.a[r*st+c], t.d
	prow := t.a[r*st : (r+1)*st]
	for i := range t.rows {
		if i == r {
			continue
		}
		row := t.a[i*st : (i+1)*st]
		f := row[c]
		if f == 0 {
			if p == d {
				continue
			}
			for j, x := range row {
				if x == 0 {
					continue
				}
				v, ok := det2div(x, p, 0, 0, d)
				if !ok {
					return false
				}
				row[j] = v
			}
			continue
		}
		for j, x := range row {
			y := prow[j]
			if y == 0 && x == 0 {
				continue
			}
			v, ok := det2div(x, p, f, y, d)
			if !ok {
				return false
			}
			row[j] = v
		}
	}
	t.d = p
	return true
}

func (t *intTableau) value(r int) *big.Rat {
	return big.NewRat(t.a[r*t.stride+t.stride-1], t.d)
}

type intCapture struct {
	num []int64
	den int64
}

func (c intCapture) rats() []*big.Rat {
	out := make([]*big.Rat, len(c.num))
	for i, v := range c.num {
		out[i] = big.NewRat(v, c.den)
	}
	return out
}

func (t *intTableau) capture(rows []int) captured {
	c := intCapture{num: make([]int64, len(rows)), den: t.d}
	for i, r := range rows {
		if r >= 0 {
			c.num[i] = t.a[r*t.stride+t.stride-1]
		}
	}
	return c
}

// bigTableau is a tableau with math/big entries.
type bigTableau struct {
	rows, stride int
	a            []*big.Int
	d            *big.Int
	t1, t2       big.Int
}

func newBigTableau(m [][]*big.Int, rhs []*big.Int) *bigTableau {
	rows, vars := len(m), len(m[0])
	t := &bigTableau{rows: rows, stride: vars + 1, a: make([]*big.Int, rows*(vars+1)), d: big.NewInt(1)}
	for i := range rows {
		for j := range vars {
			t.a[i*t.stride+j] = new(big.Int).Set(m[i][j])
		}
		t.a[i*t.stride+vars] = new(big.Int).Set(rhs[i])
	}
	return t
}

func (t *bigTableau) sgn(r, c int) int { return t.a[r*t.stride+c].Sign() }

func (t *bigTableau) cmpRatio(r1, r2, c int) int {
	rh := t.stride - 1
	t.t1.Mul(t.a[r1*t.stride+rh], t.a[r2*t.stride+c])
	t.t2.Mul(t.a[r2*t.stride+rh], t.a[r1*t.stride+c])
	return t.t1.Cmp(&t.t2)
}

func (t *bigTableau) pivot(r, c int) bool {
	st := t.stride
	p := new(big.Int).Set(t.a[r*st+c])
	d := t.d
	prow := t.a[r*st : (r+1)*st]
	for i := range t.rows {
		if i == r {
			continue
		}
		row := t.a[i*st : (i+1)*st]
		f := new(big.Int).Set(row[c])
		for j, x := range row {
			t.t1.Mul(x, p)
			if f.Sign() != 0 {
				t.t2.Mul(f, prow[j])
				t.t1.Sub(&t.t1, &t.t2)
			}
			x.Quo(&t.t1, d)
		}
	}
	t.d = p
	return true
}

func (t *bigTableau) value(r int) *big.Rat {
	return new(big.Rat).SetFrac(t.a[r*t.stride+t.stride-1], t.d)
}

type bigCapture []*big.Rat

func (c bigCapture) rats() []*big.Rat { return c }

func (t *bigTableau) capture(rows []int) captured {
	c := make(bigCapture, len(rows))
	for i, r := range rows {
		if r >= 0 {
			c[i] = t.value(r)
		} else {
			c[i] = new(big.Rat)
		}
	}
	return c
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

// cmpCol compares T[r1][col]/T[r1][c] with T[r2][col]/T[r2][c], where
// T[r1][c], T[r2][c] > 0 (col == vars is the right-hand side).
func (t *intTableau) cmpCol(r1, r2, c, col int) int {
	h1, l1 := mul128(t.a[r1*t.stride+col], t.a[r2*t.stride+c])
	h2, l2 := mul128(t.a[r2*t.stride+col], t.a[r1*t.stride+c])
	return cmp128(h1, l1, h2, l2)
}

func (t *intTableau) clone() lhTableau {
	u := *t
	u.a = append([]int64(nil), t.a...)
	return &u
}

func (t *bigTableau) cmpCol(r1, r2, c, col int) int {
	t.t1.Mul(t.a[r1*t.stride+col], t.a[r2*t.stride+c])
	t.t2.Mul(t.a[r2*t.stride+col], t.a[r1*t.stride+c])
	return t.t1.Cmp(&t.t2)
}

func (t *bigTableau) clone() lhTableau {
	u := &bigTableau{rows: t.rows, stride: t.stride, a: make([]*big.Int, len(t.a)), d: new(big.Int).Set(t.d)}
	for i, x := range t.a {
		u.a[i] = new(big.Int).Set(x)
	}
	return u
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
	for j := range prow {
		prow[j] *= inv
	}
	prow[c] = 1
	for i := range t.rows {
		if i == r {
			continue
		}
		row := t.a[i*st : (i+1)*st]
		f := row[c]
		if f == 0 {
			continue
		}
		for j, y := range prow {
			row[j] -= f * y
		}
		row[c] = 0
	}
	return true
}

func (t *floatTableau) clone() lhTableau {
	u := *t
	u.a = append([]float64(nil), t.a...)
	return &u
}
