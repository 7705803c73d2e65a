package game

import (
	"math/big"
	"math/bits"
	"strconv"
)

// The exact results of the two-player solvers are mostly fractions whose
// numerator and denominator fit in an int64 (probabilities of games with
// small integer payoffs). The functions below handle those without
// math/big's general algorithms (GCD, division, decimal conversion), which
// allocate and, in a short-lived process, touch code and memory for the
// first time; each gives exactly what the math/big method it replaces
// gives, and falls back to it otherwise.

// ratInt64 returns x = num/den with den > 0 when both fit in an int64.
// Integers are tested first: Denom of a Rat whose denominator was never set
// (the zero Rat, or a numerator set through Num) allocates a new Int.
func ratInt64(x *big.Rat) (num, den int64, ok bool) {
	n := x.Num()
	if !n.IsInt64() {
		return 0, 0, false
	}
	if x.IsInt() {
		return n.Int64(), 1, true
	}
	d := x.Denom()
	if !d.IsInt64() {
		return 0, 0, false
	}
	return n.Int64(), d.Int64(), true
}

// gcd64 returns the greatest common divisor of a, b ≥ 0 (binary GCD;
// gcd64(0, b) = b).
func gcd64(a, b uint64) uint64 {
	if a == 0 {
		return b
	}
	if b == 0 {
		return a
	}
	shift := bits.TrailingZeros64(a | b)
	a >>= bits.TrailingZeros64(a)
	for b != 0 {
		b >>= bits.TrailingZeros64(b)
		if a > b {
			a, b = b, a
		}
		b -= a
	}
	return a << shift
}

// setFrac64 sets z to num/den (den > 0) as z.SetFrac64 does, reducing the
// fraction in uint64 arithmetic instead of math/big's. It relies on
// big.Rat.Denom returning a reference to the denominator of an
// initialised Rat (documented since Go 1.18).
func setFrac64(z *big.Rat, num, den int64) *big.Rat {
	if den <= 0 || num == -1<<63 || den == -1<<63 {
		return z.SetFrac64(num, den)
	}
	u := uint64(num)
	if num < 0 {
		u = -u
	}
	g := gcd64(u, uint64(den))
	z.SetInt64(num / int64(g))
	if q := den / int64(g); q != 1 {
		z.Denom().SetInt64(q)
	}
	return z
}

// ratString returns x.RatString().
func ratString(x *big.Rat) string {
	num, den, ok := ratInt64(x)
	if !ok {
		return x.RatString()
	}
	if den == 1 {
		return strconv.FormatInt(num, 10)
	}
	var b [41]byte
	s := strconv.AppendInt(b[:0], num, 10)
	s = append(s, '/')
	s = strconv.AppendInt(s, den, 10)
	return string(s)
}

// ratFloat64 returns x.Float64()'s value: when numerator and denominator
// are exact in a float64 (at most 2⁵³), their quotient in floating point
// is the correctly rounded (nearest, ties to even) value of x, which is
// what big.Rat.Float64 returns.
func ratFloat64(x *big.Rat) float64 {
	const exact = 1 << 53
	if num, den, ok := ratInt64(x); ok && num >= -exact && num <= exact && den <= exact {
		return float64(num) / float64(den)
	}
	f, _ := x.Float64()
	return f
}

// ratCmp returns x.Cmp(y).
func ratCmp(x, y *big.Rat) int {
	a, b, ok1 := ratInt64(x)
	c, d, ok2 := ratInt64(y)
	if !ok1 || !ok2 {
		return x.Cmp(y)
	}
	// a/b against c/d with b, d > 0: a·d against c·b.
	h1, l1 := mul128(a, d)
	h2, l2 := mul128(c, b)
	return cmp128(h1, l1, h2, l2)
}
