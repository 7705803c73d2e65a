package game

import (
	"math"
	"math/big"
	"math/bits"
)

// intVec is a point of a best-response polytope up to a positive factor:
// its coordinates times the determinant d of the basis that found it, which
// are the tableau's rhs entries, hence integers. They are in s when every
// one fits in an int64 (b nil), else in b. Mixed strategies are these
// vectors normalised to sum 1, so d never needs dividing out, and best
// responses can be checked on them directly (a positive factor changes no
// best response).
type intVec struct {
	s []int64
	b []*big.Int
}

// rhsVec returns the vector whose coordinate k is the rhs of row rows[k]
// (0 when rows[k] < 0), negated when neg is not nil and neg[k] holds.
func (t *hybridTableau) rhsVec(rows []int, neg []bool) intVec {
	rhs := t.stride - 1
	small := true
	for k, r := range rows {
		if r < 0 {
			continue
		}
		i := r*t.stride + rhs
		if t.b[i] != nil || neg != nil && neg[k] && t.a[i] == math.MinInt64 {
			small = false
			break
		}
	}
	if small {
		s := make([]int64, len(rows))
		for k, r := range rows {
			if r < 0 {
				continue
			}
			s[k] = t.a[r*t.stride+rhs]
			if neg != nil && neg[k] {
				s[k] = -s[k]
			}
		}
		return intVec{s: s}
	}
	b := make([]*big.Int, len(rows))
	var z big.Int
	for k, r := range rows {
		b[k] = new(big.Int)
		if r < 0 {
			continue
		}
		b[k].Set(t.get(r*t.stride+rhs, &z))
		if neg != nil && neg[k] {
			b[k].Neg(b[k])
		}
	}
	return intVec{b: b}
}

// sign returns the sign of coordinate k.
func (v intVec) sign(k int) int {
	if v.b != nil {
		return v.b[k].Sign()
	}
	switch {
	case v.s[k] > 0:
		return 1
	case v.s[k] < 0:
		return -1
	}
	return 0
}

// big returns coordinate k as a big.Int (using z as storage when small).
func (v intVec) big(k int, z *big.Int) *big.Int {
	if v.b != nil {
		return v.b[k]
	}
	return z.SetInt64(v.s[k])
}

// normalised returns v/Σv exactly, for v ≥ 0 with Σv > 0.
func (v intVec) normalised() []*big.Rat {
	if v.b == nil {
		var sum int64
		ok := true
		for _, x := range v.s {
			if x > math.MaxInt64-sum {
				ok = false
				break
			}
			sum += x
		}
		if ok {
			// One allocation for the Rats and one for the numerators of 0
			// and 1 (big.Int.SetBits), the common coordinates; other
			// fractions are set by setFrac64.
			out := make([]*big.Rat, len(v.s))
			rats := make([]big.Rat, len(v.s))
			one := []big.Word{1}
			for k, x := range v.s {
				r := &rats[k]
				switch x {
				case 0: // the zero Rat
				case sum:
					r.Num().SetBits(one[:1:1])
				default:
					setFrac64(r, x, sum)
				}
				out[k] = r
			}
			return out
		}
	}
	n := len(v.s)
	if v.b != nil {
		n = len(v.b)
	}
	var sum, z big.Int
	for k := range n {
		sum.Add(&sum, v.big(k, &z))
	}
	out := make([]*big.Rat, n)
	for k := range n {
		out[k] = new(big.Rat).SetFrac(new(big.Int).Set(v.big(k, &z)), &sum)
	}
	return out
}

// bestResponse64 decides, in int64 arithmetic, whether x is a best response
// to y in the game whose row player has payoffs a[r][c] (a[c][r] when
// transposed): every row r with x_r ≠ 0 attains max_r Σ_c a(r, c)·y_c.
// maxA bounds the payoffs' absolute values. decided is false when y is not
// in int64 or the sums could overflow; the caller then checks in math/big.
func bestResponse64(a [][]int64, transposed bool, maxA int64, x, y intVec) (br, decided bool) {
	if y.b != nil {
		return false, false
	}
	var maxY uint64
	for _, v := range y.s {
		if v < 0 {
			v = -v // MinInt64 stays negative: 2⁶³ as uint64, too long below
		}
		maxY = max(maxY, uint64(v))
	}
	if bits.Len64(uint64(maxA))+bits.Len64(maxY)+bits.Len(uint(len(y.s))) > 62 {
		return false, false
	}
	rows := len(a)
	if transposed {
		rows = len(a[0])
	}
	var vals [maxEnumLabels]int64
	best := int64(math.MinInt64)
	for r := range rows {
		var s int64
		for c, w := range y.s {
			if w == 0 {
				continue
			}
			if transposed {
				s += a[c][r] * w
			} else {
				s += a[r][c] * w
			}
		}
		vals[r] = s
		best = max(best, s)
	}
	for r := range rows {
		if x.sign(r) != 0 && vals[r] != best {
			return false, true
		}
	}
	return true, true
}
