package units_test

import (
	"errors"
	"math"
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/infragame/infragame/units"
)

// The fractions are those of the case library and the examples (loan rates
// 0.001 and 0.0346, shares 0.75 and 0.40, a lender inflation of 0.0078952)
// and edge forms YAML allows (exponent, sign, no leading digit).
func TestShiftDecimal(t *testing.T) {
	tests := []struct {
		in     string
		places int
		want   string
	}{
		{"0.001", 2, "0.1"},
		{"0.0346", 2, "3.46"},
		{"0.75", 2, "75"},
		{"0.40", 2, "40"},
		{"0.0078952", 2, "0.78952"},
		{"5", 2, "500"},
		{"0", 2, "0"},
		{"-0.01", 2, "-1"},
		{"+0.5", 2, "50"},
		{".5", 2, "50"},
		{"4e-05", 2, "0.004"},
		{"1.5E-3", 2, "0.15"},
		{"0.1", -2, "0.001"},
		{"75", -2, "0.75"},
		{"5", -2, "0.05"},
		{"-0", -2, "0"},
		{"1e3", -2, "10"},
		{"12.5", -2, "0.125"},
	}
	for _, tt := range tests {
		got, err := units.ShiftDecimal(tt.in, tt.places)
		if err != nil || got != tt.want {
			t.Errorf("ShiftDecimal(%q, %d) = %q, %v; want %q", tt.in, tt.places, got, err, tt.want)
		}
	}
	for _, s := range []string{"", "abc", "0x1F", "1.2.3", ".inf", "1e", "--1", "1_000"} {
		if got, err := units.ShiftDecimal(s, 2); err == nil {
			t.Errorf("ShiftDecimal(%q) = %q, want an error", s, got)
		}
	}
}

// A fraction shifted to a percentage and back parses to the same float64
// as the fraction itself: migrated files give bit-identical results.
func TestShiftDecimalRoundTrip(t *testing.T) {
	for _, s := range []string{"0.001", "0.02", "0.0346", "0.083", "0.064", "0.0078952", "0.0011863", "0.07", "0.015", "0.3", "0.00004", "0.27"} {
		pct, err := units.ShiftDecimal(s, 2)
		if err != nil {
			t.Fatal(err)
		}
		back, err := units.ShiftDecimal(pct, -2)
		if err != nil {
			t.Fatal(err)
		}
		a, _ := strconv.ParseFloat(s, 64)
		b, _ := strconv.ParseFloat(back, 64)
		if a != b {
			t.Errorf("%s -> %s -> %s: %v != %v", s, pct, back, a, b)
		}
	}
}

// FractionOf gives the float64 of the fraction as written in a file, where
// p/100 may not: 0.07/100 is 0.0007000000000000001, not 0.0007.
func TestFractionOf(t *testing.T) {
	for _, tt := range []struct {
		pct  float64
		want string
	}{{0.07, "0.0007"}, {1.1, "0.011"}, {0.57, "0.0057"}, {10, "0.1"}, {30, "0.3"}, {3.46, "0.0346"}, {0, "0"}, {-1.5, "-0.015"}} {
		want, _ := strconv.ParseFloat(tt.want, 64)
		if got := units.FractionOf(tt.pct); got != want {
			t.Errorf("FractionOf(%v) = %v, want %v", tt.pct, got, want)
		}
	}
}

func TestPercentOf(t *testing.T) {
	for _, tt := range []struct{ f, want float64 }{{0.0346, 3.46}, {0.0007, 0.07}, {0.15000000000000002, 15.000000000000002}, {0, 0}, {-0.015, -1.5}} {
		if got := units.PercentOf(tt.f); got != tt.want {
			t.Errorf("PercentOf(%v) = %v, want %v", tt.f, got, tt.want)
		}
	}
}

// FractionOf and PercentOf equal, bit for bit, parsing ShiftDecimal of the
// shortest decimal form (their definition, which they compute without
// strings), on edge values and random values of every magnitude, and they
// do not allocate.
func TestShiftFloatAgreesWithShiftDecimal(t *testing.T) {
	ref := func(x float64, places int) float64 {
		s, err := units.ShiftDecimal(strconv.FormatFloat(x, 'f', -1, 64), places)
		if err != nil {
			t.Fatalf("%v: %v", x, err)
		}
		f, err := strconv.ParseFloat(s, 64)
		if err != nil && !errors.Is(err, strconv.ErrRange) {
			t.Fatalf("%v: %v", x, err)
		}
		return f
	}
	xs := []float64{0, math.Copysign(0, -1), 1, -1, 12, 3.46, 0.0346, 0.1, 0.07, 2.675, 1e-7, 123456.5,
		math.MaxFloat64, -math.MaxFloat64, math.SmallestNonzeroFloat64, 2.2250738585072014e-308, 1e300, 1e-300}
	r := rand.New(rand.NewPCG(5, 6))
	for range 20000 {
		xs = append(xs, r.Float64()*10, r.NormFloat64()*1e3, math.Float64frombits(r.Uint64()&^(0x7ff<<52)|uint64(r.IntN(2046)+1)<<52))
	}
	for _, x := range xs {
		if got, want := units.FractionOf(x), ref(x, -2); math.Float64bits(got) != math.Float64bits(want) {
			t.Errorf("FractionOf(%v) = %v, want %v", x, got, want)
		}
		if got, want := units.PercentOf(x), ref(x, 2); math.Float64bits(got) != math.Float64bits(want) {
			t.Errorf("PercentOf(%v) = %v, want %v", x, got, want)
		}
	}
	if n := testing.AllocsPerRun(100, func() { units.FractionOf(3.4599999999999995); units.PercentOf(0.0346) }); n != 0 {
		t.Errorf("%v allocations, want 0", n)
	}
}
