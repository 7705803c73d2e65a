package mc

import (
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"testing"
)

// The radix sort gives, bit for bit, the order sort.Float64s gives, on
// samples of every kind: random signs and magnitudes, repeated values, a
// constant sample, infinities, subnormals, one signed zero, both zeros and
// NaNs (the last two go to sort.Float64s).
func TestSorterMatchesSortFloat64s(t *testing.T) {
	src := rand.New(rand.NewPCG(3, 4))
	gens := map[string]func(i int) float64{
		"normal":    func(int) float64 { return src.NormFloat64() * 1e6 },
		"positive":  func(int) float64 { return 5000 + src.Float64()*3000 },
		"repeats":   func(int) float64 { return float64(src.IntN(7)) - 3 },
		"constant":  func(int) float64 { return 42 },
		"wide":      func(int) float64 { return math.Ldexp(src.NormFloat64(), src.IntN(2000)-1000) },
		"subnormal": func(int) float64 { return math.Float64frombits(src.Uint64() >> 13) },
		"infs": func(i int) float64 {
			switch i % 5 {
			case 0:
				return math.Inf(1)
			case 1:
				return math.Inf(-1)
			}
			return src.NormFloat64()
		},
		"negzero":   func(i int) float64 { return math.Copysign(0, -1) * float64(i%2) },
		"poszero":   func(i int) float64 { return float64(i%3) - 1 + 1 - float64(i%3) },
		"bothzeros": func(i int) float64 { return math.Copysign(0, float64(i%2)-0.5) + float64(i%4/3) },
		"nan": func(i int) float64 {
			if i%97 == 0 {
				return math.NaN()
			}
			return src.NormFloat64()
		},
	}
	var s sorter
	for name, g := range gens {
		for _, n := range []int{0, 1, 7, radixMin - 1, radixMin, 10_000} {
			x := make([]float64, n)
			for i := range x {
				x[i] = g(i)
			}
			want := slices.Clone(x)
			sort.Float64s(want)
			s.sort(x)
			for i := range x {
				if math.Float64bits(x[i]) != math.Float64bits(want[i]) && !(math.IsNaN(x[i]) && math.IsNaN(want[i])) {
					t.Fatalf("%s, n = %d: [%d] = %v, sort.Float64s gives %v", name, n, i, x[i], want[i])
				}
			}
		}
	}
}

// BenchmarkSortRadix and BenchmarkSortFloat64s: a summary's sort of
// 10,000 Monte Carlo values.
func BenchmarkSortRadix(b *testing.B) { benchSort(b, (*sorter).sort) }

func BenchmarkSortFloat64s(b *testing.B) {
	benchSort(b, func(_ *sorter, x []float64) { sort.Float64s(x) })
}

func benchSort(b *testing.B, f func(*sorter, []float64)) {
	src := rand.New(rand.NewPCG(1, 2))
	x0 := make([]float64, 10_000)
	for i := range x0 {
		x0[i] = 6000 + 800*src.NormFloat64()
	}
	x := make([]float64, len(x0))
	var s sorter
	for b.Loop() {
		copy(x, x0)
		f(&s, x)
	}
}
