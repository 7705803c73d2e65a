package game

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

// ref128 is the exact (x·p − f·y)/d with math/big, and whether the 128-bit
// tier must produce it: d divides the numerator and |quotient| < 2¹²⁷.
func ref128(x, p, f, y, d *big.Int) (*big.Int, bool) {
	n := new(big.Int).Mul(x, p)
	n.Sub(n, new(big.Int).Mul(f, y))
	q, r := new(big.Int).QuoRem(n, d, new(big.Int))
	return q, r.Sign() == 0 && q.BitLen() <= 127
}

func check128(t *testing.T, x, p, f, y, d *big.Int) {
	t.Helper()
	var s [4]s128
	for i, v := range []*big.Int{x, p, f, y} {
		var ok bool
		if s[i], ok = s128ofBig(v); !ok {
			return
		}
	}
	dm, ok := s128ofBig(d)
	if !ok || d.Sign() <= 0 {
		return
	}
	dv := newDivisor128(dm.m)
	want, fits := ref128(x, p, f, y, d)
	got, ok := pivot128(s[0], s[1], s[2], s[3], &dv)
	if ok != fits {
		t.Fatalf("(%v·%v − %v·%v)/%v: ok %v, want %v", x, p, f, y, d, ok, fits)
	}
	if ok {
		if g := got.setBig(new(big.Int)); g.Cmp(want) != 0 {
			t.Fatalf("(%v·%v − %v·%v)/%v = %v, want %v", x, p, f, y, d, g, want)
		}
		v, small := got.int64()
		if small != want.IsInt64() || small && v != want.Int64() {
			t.Fatalf("int64 of %v: %d %v", want, v, small)
		}
	}
}

// edge128 are the borders of each tier: 0, ±1, int64's limits, 2⁶⁴ ± 1
// and the largest magnitudes the tier accepts (2¹²⁷ − 1) and refuses (2¹²⁷).
func edge128() []*big.Int {
	one := big.NewInt(1)
	p64 := new(big.Int).Lsh(one, 64)
	p127 := new(big.Int).Lsh(one, 127)
	vals := []*big.Int{big.NewInt(0), big.NewInt(1), big.NewInt(2), big.NewInt(3),
		big.NewInt(math.MaxInt64), big.NewInt(math.MinInt64),
		new(big.Int).Add(big.NewInt(math.MaxInt64), one), new(big.Int).Sub(big.NewInt(math.MinInt64), one),
		new(big.Int).Sub(p64, one), p64, new(big.Int).Add(p64, one),
		new(big.Int).Sub(p127, one), p127, new(big.Int).Lsh(one, 126), new(big.Int).Lsh(big.NewInt(3), 100)}
	n := len(vals)
	for _, v := range vals[1:n] {
		vals = append(vals, new(big.Int).Neg(v))
	}
	return vals
}

func TestPivot128Edges(t *testing.T) {
	vals := edge128()
	for _, x := range vals {
		for _, p := range vals {
			for _, f := range vals {
				for _, y := range vals[:8] {
					for _, d := range []*big.Int{big.NewInt(1), big.NewInt(2), big.NewInt(3), big.NewInt(math.MaxInt64), vals[9], vals[13]} {
						check128(t, x, p, f, y, d)
					}
				}
			}
		}
	}
}

// randBig returns a random integer of up to bits bits with a random sign.
func randBig(r *rand.Rand, nbits int) *big.Int {
	v := new(big.Int)
	for range (nbits + 63) / 64 {
		v.Lsh(v, 64)
		v.Or(v, new(big.Int).SetUint64(r.Uint64()))
	}
	v.Rsh(v, uint(64*((nbits+63)/64)-r.IntN(nbits+1)))
	if r.IntN(2) == 0 {
		v.Neg(v)
	}
	return v
}

// TestPivot128Random compares with math/big on random operands of 1 to 127
// bits. Three draws in four are exact divisions as the tableau makes them
// (x = q·d + f·y and p = 1, so the quotient is q, of up to 127 bits); the
// fourth draws x and p freely, which mostly exercises the refusals of
// numerators d does not divide.
func TestPivot128Random(t *testing.T) {
	r := rand.New(rand.NewPCG(128, 1))
	for range 200000 {
		nb := 1 + r.IntN(127)
		d := new(big.Int).Abs(randBig(r, 1+r.IntN(126)))
		if d.Sign() == 0 {
			d.SetInt64(1)
		}
		q := randBig(r, nb)
		f := randBig(r, 1+r.IntN(127))
		y := randBig(r, 1+r.IntN(127))
		p := big.NewInt(1)
		x := new(big.Int).Mul(q, d)
		x.Add(x, new(big.Int).Mul(f, y))
		if r.IntN(4) == 0 {
			x = randBig(r, 1+r.IntN(127))
			p = randBig(r, 1+r.IntN(127))
		}
		check128(t, x, p, f, y, d)
		check128(t, p, x, y, f, d)
	}
}

func FuzzPivot128(f *testing.F) {
	f.Add(int64(1), uint64(0), int64(1), uint64(0), int64(0), uint64(0), int64(0), uint64(0), int64(0), uint64(1))
	f.Add(int64(math.MinInt64), uint64(0), int64(-1), uint64(0), int64(0), uint64(5), int64(0), uint64(7), int64(0), uint64(3))
	f.Fuzz(func(t *testing.T, xh int64, xl uint64, ph int64, pl uint64, fh int64, fl uint64, yh int64, yl uint64, dh int64, dl uint64) {
		mk := func(h int64, l uint64) *big.Int {
			v := new(big.Int).Lsh(big.NewInt(h), 64)
			return v.Or(v, new(big.Int).SetUint64(l))
		}
		x, p, ff, y, d := mk(xh, xl), mk(ph, pl), mk(fh, fl), mk(yh, yl), mk(dh, dl)
		if d.Sign() <= 0 {
			return
		}
		check128(t, x, p, ff, y, d)
		// An exact case from the same inputs: x' = x·d + f·y with p = 1.
		x2 := new(big.Int).Mul(x, d)
		x2.Add(x2, new(big.Int).Mul(ff, y))
		check128(t, x2, big.NewInt(1), ff, y, d)
	})
}
