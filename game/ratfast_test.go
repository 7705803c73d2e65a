package game

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

// TestRatFast compares the int64 fast paths with the math/big methods they
// replace, on random fractions of every size and on the edges (2⁵³ for the
// float conversion, the int64 range, zero, integers).
func TestRatFast(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	edges := []int64{0, 1, -1, 2, 3, 6, 1 << 53, 1<<53 + 1, -(1<<53 + 1), 1<<53 - 1, math.MaxInt64, math.MinInt64,
		math.MinInt64 + 1, 1 << 62, 3 << 60, 999999999999999989}
	var vals []*big.Rat
	var pairs [][2]int64
	for _, a := range edges {
		for _, b := range edges {
			pairs = append(pairs, [2]int64{a, b})
		}
	}
	for range 3000 {
		bitsA, bitsB := rng.IntN(64), rng.IntN(64)
		a := rng.Int64() >> bitsA
		b := rng.Int64() >> bitsB
		if rng.IntN(2) == 0 {
			a = -a
		}
		pairs = append(pairs, [2]int64{a, b})
	}
	for _, p := range pairs {
		num, den := p[0], p[1]
		if den <= 0 {
			if den == 0 || den == math.MinInt64 {
				continue
			}
			den = -den
		}
		want := new(big.Rat).SetFrac64(num, den)
		got := setFrac64(new(big.Rat), num, den)
		if got.Cmp(want) != 0 || got.RatString() != want.RatString() || got.Denom().Cmp(want.Denom()) != 0 {
			t.Fatalf("setFrac64(%d, %d) = %s, want %s", num, den, got.RatString(), want.RatString())
		}
		// The Rat stays usable: arithmetic on it agrees with math/big's.
		if s1, s2 := new(big.Rat).Add(got, got), new(big.Rat).Add(want, want); s1.Cmp(s2) != 0 {
			t.Fatalf("setFrac64(%d, %d) doubled = %s, want %s", num, den, s1.RatString(), s2.RatString())
		}
		vals = append(vals, want)
	}
	// Values beyond int64 take the math/big paths.
	huge, _ := new(big.Rat).SetString("123456789012345678901234567890/7")
	vals = append(vals, huge, new(big.Rat).Neg(huge), new(big.Rat).Inv(huge))
	for i, x := range vals {
		if got, want := ratString(x), x.RatString(); got != want {
			t.Fatalf("ratString(%s) = %s", want, got)
		}
		if got, want := ratFloat64(x), floatOf(x); got != want && !(math.IsNaN(got) && math.IsNaN(want)) {
			t.Fatalf("ratFloat64(%s) = %v, want %v", x.RatString(), got, want)
		}
		y := vals[(i*7919+13)%len(vals)]
		if got, want := ratCmp(x, y), x.Cmp(y); got != want {
			t.Fatalf("ratCmp(%s, %s) = %d, want %d", x.RatString(), y.RatString(), got, want)
		}
		if got := ratCmp(x, x); got != 0 {
			t.Fatalf("ratCmp(%s, itself) = %d", x.RatString(), got)
		}
	}
	for _, tc := range [][3]uint64{{0, 0, 0}, {0, 5, 5}, {12, 18, 6}, {1 << 63, 1 << 40, 1 << 40}, {math.MaxUint64, 3, 3}, {17, 5, 1}} {
		if g := gcd64(tc[0], tc[1]); g != tc[2] {
			t.Errorf("gcd64(%d, %d) = %d, want %d", tc[0], tc[1], g, tc[2])
		}
	}
}

func floatOf(x *big.Rat) float64 {
	f, _ := x.Float64()
	return f
}
