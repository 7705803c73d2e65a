package game

import (
	"math/big"
	"math/bits"
)

// The 128-bit tier of the exact tableau. An entry that left int64 but whose
// magnitude is below 2¹²⁷ is updated here instead of with math/big: the
// numerator x·p − f·y is formed exactly in 256 bits from 128-bit
// magnitudes, divided exactly by d through the inverse of d's odd part
// modulo 2¹²⁸ (the 128-bit form of the trick pivot64 uses), and the
// quotient is checked by multiplying it back. Only when an operand or the
// quotient needs more than 127 bits does the update fall back to math/big.

// u128 is an unsigned 128-bit integer.
type u128 struct{ hi, lo uint64 }

// s128 is a sign and a 128-bit magnitude below 2¹²⁷.
type s128 struct {
	m   u128
	neg bool
}

// s128of64 returns v as an s128 (MinInt64 included).
func s128of64(v int64) s128 {
	if v < 0 {
		return s128{m: u128{lo: uint64(-v)}, neg: true} // -MinInt64 wraps to 2⁶³ as uint64
	}
	return s128{m: u128{lo: uint64(v)}}
}

// s128ofBig returns x as an s128, or false when |x| ≥ 2¹²⁷.
func s128ofBig(x *big.Int) (s128, bool) {
	if x.BitLen() > 127 {
		return s128{}, false
	}
	w := x.Bits()
	var m u128
	if len(w) > 0 {
		m.lo = uint64(w[0])
	}
	if len(w) > 1 {
		m.hi = uint64(w[1])
	}
	return s128{m: m, neg: x.Sign() < 0}, true
}

// setBig stores v in z without allocating when z has room for two words.
func (v s128) setBig(z *big.Int) *big.Int {
	z.SetBits(append(z.Bits()[:0], big.Word(v.m.lo), big.Word(v.m.hi)))
	if v.neg {
		z.Neg(z)
	}
	return z
}

// int64 returns v and true when it fits in an int64.
func (v s128) int64() (int64, bool) {
	if v.m.hi != 0 {
		return 0, false
	}
	if v.neg {
		if v.m.lo <= 1<<63 {
			return int64(-v.m.lo), true // -2⁶³ wraps to MinInt64
		}
		return 0, false
	}
	if v.m.lo < 1<<63 {
		return int64(v.m.lo), true
	}
	return 0, false
}

// u256 is an unsigned 256-bit integer, least significant word first.
type u256 [4]uint64

// mulU128 returns the full product a·b.
func mulU128(a, b u128) u256 {
	var r u256
	h0, l0 := bits.Mul64(a.lo, b.lo)
	h1, l1 := bits.Mul64(a.lo, b.hi)
	h2, l2 := bits.Mul64(a.hi, b.lo)
	h3, l3 := bits.Mul64(a.hi, b.hi)
	r[0] = l0
	var c, c2 uint64
	r[1], c = bits.Add64(h0, l1, 0)
	r[2], c2 = bits.Add64(h1, l3, c)
	r[3] = h3 + c2
	r[1], c = bits.Add64(r[1], l2, 0)
	r[2], c2 = bits.Add64(r[2], h2, c)
	r[3] += c2
	return r
}

func add256(a, b u256) (u256, uint64) {
	var r u256
	var c uint64
	for i := range 4 {
		r[i], c = bits.Add64(a[i], b[i], c)
	}
	return r, c
}

func sub256(a, b u256) (u256, uint64) {
	var r u256
	var c uint64
	for i := range 4 {
		r[i], c = bits.Sub64(a[i], b[i], c)
	}
	return r, c
}

// mulSub returns the sign and magnitude of x·p − f·y for magnitudes below
// 2¹²⁷ (each product is below 2²⁵⁴, so neither the sum nor the difference
// overflows 256 bits).
func mulSub(x, p, f, y s128) (u256, bool) {
	a, aNeg := mulU128(x.m, p.m), x.neg != p.neg
	b, bNeg := mulU128(f.m, y.m), f.neg != y.neg
	if aNeg != bNeg {
		s, _ := add256(a, b)
		return s, aNeg
	}
	if s, borrow := sub256(a, b); borrow == 0 {
		return s, aNeg
	}
	s, _ := sub256(b, a)
	return s, !aNeg
}

// divisor128 divides exactly by a positive d < 2¹²⁷.
type divisor128 struct {
	d     u128
	shift uint
	inv   u128 // inverse of d >> shift modulo 2¹²⁸
}

func mulLo128(a, b u128) u128 {
	h, l := bits.Mul64(a.lo, b.lo)
	return u128{hi: h + a.lo*b.hi + a.hi*b.lo, lo: l}
}

func newDivisor128(d u128) divisor128 {
	var shift uint
	if d.lo == 0 {
		shift = 64 + uint(bits.TrailingZeros64(d.hi))
	} else {
		shift = uint(bits.TrailingZeros64(d.lo))
	}
	odd := shr128(d, shift)
	// Newton's iteration x ← x·(2 − odd·x) doubles the number of correct
	// low bits; odd·odd ≡ 1 (mod 8) gives 3 to start: 6 steps reach 192.
	inv := odd
	for range 6 {
		t := mulLo128(odd, inv)
		t = u128{hi: -t.hi - borrowOf(t.lo), lo: 2 - t.lo}
		inv = mulLo128(inv, t)
	}
	return divisor128{d: d, shift: shift, inv: inv}
}

// borrowOf is the borrow of 2 − lo in the low word.
func borrowOf(lo uint64) uint64 {
	if lo > 2 {
		return 1
	}
	return 0
}

func shr128(v u128, s uint) u128 {
	switch {
	case s == 0:
		return v
	case s >= 64:
		return u128{lo: v.hi >> (s - 64)}
	}
	return u128{hi: v.hi >> s, lo: v.lo>>s | v.hi<<(64-s)}
}

// div returns n/d for a magnitude n that d divides, or false when the
// quotient is 2¹²⁷ or more or d does not divide n.
func (dv *divisor128) div(n u256) (u128, bool) {
	// The low 128 bits of n >> shift.
	var lo u128
	switch s := dv.shift; {
	case s == 0:
		lo = u128{hi: n[1], lo: n[0]}
	case s < 64:
		lo = u128{hi: n[1]>>s | n[2]<<(64-s), lo: n[0]>>s | n[1]<<(64-s)}
	case s == 64:
		lo = u128{hi: n[2], lo: n[1]}
	default:
		s -= 64
		lo = u128{hi: n[2]>>s | n[3]<<(64-s), lo: n[1]>>s | n[2]<<(64-s)}
	}
	q := mulLo128(lo, dv.inv)
	if q.hi>>63 != 0 || mulU128(q, dv.d) != n {
		return u128{}, false
	}
	return q, true
}

// pivot128 returns (x·p − f·y)/d, or false when it needs more than 127 bits.
func pivot128(x, p, f, y s128, dv *divisor128) (s128, bool) {
	n, neg := mulSub(x, p, f, y)
	q, ok := dv.div(n)
	if !ok {
		return s128{}, false
	}
	return s128{m: q, neg: neg && q != u128{}}, true
}
