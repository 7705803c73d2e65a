package game

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

func TestIntVecNormalised(t *testing.T) {
	big1 := new(big.Int).Lsh(big.NewInt(1), 70) // 2⁷⁰: beyond int64
	for _, tc := range []struct {
		name string
		v    intVec
		want []string
	}{
		{"small", intVec{s: []int64{0, 2, 6}}, []string{"0", "1/4", "3/4"}},
		// The sum 2⁶³ overflows int64: normalised in math/big.
		{"sum overflows", intVec{s: []int64{math.MaxInt64, 1}}, []string{"9223372036854775807/9223372036854775808", "1/9223372036854775808"}},
		{"big", intVec{b: []*big.Int{new(big.Int), big1, new(big.Int).Set(big1)}}, []string{"0", "1/2", "1/2"}},
	} {
		got := tc.v.normalised()
		for k, w := range tc.want {
			if got[k].RatString() != w {
				t.Errorf("%s: coordinate %d = %s, want %s", tc.name, k, got[k].RatString(), w)
			}
		}
	}
}

// bestResponseBig is bestResponse64 in math/big, the reference.
func bestResponseBig(a [][]int64, transposed bool, x, y []int64) bool {
	rows := len(a)
	if transposed {
		rows = len(a[0])
	}
	vals := make([]*big.Int, rows)
	var best *big.Int
	for r := range rows {
		s, p := new(big.Int), new(big.Int)
		for c, w := range y {
			var e int64
			if transposed {
				e = a[c][r]
			} else {
				e = a[r][c]
			}
			s.Add(s, p.Mul(big.NewInt(e), big.NewInt(w)))
		}
		vals[r] = s
		if best == nil || s.Cmp(best) > 0 {
			best = s
		}
	}
	for r := range rows {
		if x[r] != 0 && vals[r].Cmp(best) != 0 {
			return false
		}
	}
	return true
}

// TestBestResponse64 compares the int64 check with math/big on random
// matrices with few distinct payoffs (so that ties, hence best responses,
// are common), near the overflow bound, and on vectors too large to decide.
func TestBestResponse64(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	decidedTrue := 0
	for trial := range 20000 {
		m, n := 1+rng.IntN(6), 1+rng.IntN(6)
		scale := int64(1) << rng.IntN(40)
		a := make([][]int64, m)
		var maxA int64
		for i := range a {
			a[i] = make([]int64, n)
			for j := range a[i] {
				a[i][j] = (1 + rng.Int64N(3)) * scale
				maxA = max(maxA, a[i][j])
			}
		}
		transposed := trial%2 == 1
		rows, cols := m, n
		if transposed {
			rows, cols = n, m
		}
		x, y := make([]int64, rows), make([]int64, cols)
		for k := range x {
			x[k] = rng.Int64N(2)
		}
		ys := int64(1) << rng.IntN(40)
		for k := range y {
			y[k] = rng.Int64N(3) * ys
		}
		br, decided := bestResponse64(a, transposed, maxA, intVec{s: x}, intVec{s: y})
		if !decided {
			continue
		}
		if want := bestResponseBig(a, transposed, x, y); br != want {
			t.Fatalf("trial %d: a = %v (transposed %v), x = %v, y = %v: got %v, want %v", trial, a, transposed, x, y, br, want)
		}
		if br {
			decidedTrue++
		}
	}
	if decidedTrue == 0 {
		t.Fatal("no trial was a decided best response: the test does not exercise the check")
	}
	// Entries of 2⁶² cannot be summed safely: undecided, never wrong.
	a := [][]int64{{1 << 62}}
	if _, decided := bestResponse64(a, false, 1<<62, intVec{s: []int64{1}}, intVec{s: []int64{2}}); decided {
		t.Error("2⁶²·2 decided in int64")
	}
	if _, decided := bestResponse64(a, false, 1, intVec{s: []int64{1}}, intVec{b: []*big.Int{big.NewInt(1)}}); decided {
		t.Error("a math/big y decided in int64")
	}
}

// TestIntegerMatrix compares the int64 path of integerMatrix with
// integerize of the exact payoffs on integer, negative, fractional, float
// and out-of-range payoffs.
func TestIntegerMatrix(t *testing.T) {
	for _, tc := range []struct {
		name string
		set  func(g *Game, i int, s []int, k int)
	}{
		{"integers", func(g *Game, i int, s []int, k int) { g.SetPayoff(i, s, float64(k*7%5-2)) }},
		{"exact integers", func(g *Game, i int, s []int, k int) { g.SetPayoffRat(i, s, big.NewRat(int64(k*3-4), 1)) }},
		{"fractions", func(g *Game, i int, s []int, k int) { g.SetPayoffRat(i, s, big.NewRat(int64(k), 3)) }},
		{"floats", func(g *Game, i int, s []int, k int) { g.SetPayoff(i, s, float64(k)/4) }},
		{"beyond 2^62", func(g *Game, i int, s []int, k int) { g.SetPayoff(i, s, float64(k)*(1<<61)) }},
	} {
		g := New(3, 4)
		k := 0
		for r := range 3 {
			for c := range 4 {
				for i := range 2 {
					tc.set(g, i, []int{r, c}, k+i)
				}
				k++
			}
		}
		ra, rb := g.RatMatrices()
		for i, want := range [][][]*big.Int{integerize(ra), integerize(rb)} {
			got := g.integerMatrix(i)
			for r := range want {
				for c := range want[r] {
					if got[r][c].Cmp(want[r][c]) != 0 {
						t.Errorf("%s: player %d entry (%d, %d) = %v, want %v", tc.name, i+1, r, c, got[r][c], want[r][c])
					}
				}
			}
		}
	}
}
