package sweep

import (
	"math"
	"testing"
)

// The first points of the unscrambled Sobol' sequence with the Joe–Kuo
// direction numbers in Gray-code order, as listed by Joe and Kuo's
// reference generator (https://web.maths.unsw.edu.au/~fkuo/sobol/, file
// new-joe-kuo-6.21201; dimensions 1-3 of every Sobol' generator agree).
func TestSobolFirstPoints(t *testing.T) {
	want := [][]float64{
		{0, 0, 0},
		{0.5, 0.5, 0.5},
		{0.75, 0.25, 0.25},
		{0.25, 0.75, 0.75},
		{0.375, 0.375, 0.625},
		{0.875, 0.875, 0.125},
		{0.625, 0.125, 0.875},
		{0.125, 0.625, 0.375},
	}
	s, err := NewSobol(3)
	if err != nil {
		t.Fatal(err)
	}
	p := make([]float64, 3)
	for i, w := range want {
		s.Next(p)
		for j := range w {
			if p[j] != w[j] {
				t.Fatalf("point %d = %v, want %v", i, p, w)
			}
		}
	}
}

// Every block of 2^m points starting at a multiple of 2^m is a (0, m, 1)-net
// in each coordinate: each dyadic interval of length 2^-m holds exactly one
// point (the defining stratification of a Sobol' sequence; Sobol' 1967).
func TestSobolStratification(t *testing.T) {
	const m = 10
	s, err := NewSobol(MaxSobolDim)
	if err != nil {
		t.Fatal(err)
	}
	n := 1 << m
	pts := make([][]float64, n)
	for i := range pts {
		pts[i] = make([]float64, MaxSobolDim)
		s.Next(pts[i])
	}
	for j := range MaxSobolDim {
		seen := make([]bool, n)
		for i := range pts {
			k := int(math.Floor(pts[i][j] * float64(n)))
			if seen[k] {
				t.Fatalf("dimension %d: two of the first %d points share the cell %d", j+1, n, k)
			}
			seen[k] = true
		}
	}
}

func TestSobolDimLimits(t *testing.T) {
	if _, err := NewSobol(0); err == nil {
		t.Error("dimension 0 accepted")
	}
	if _, err := NewSobol(MaxSobolDim + 1); err == nil {
		t.Error("dimension above the table accepted")
	}
}
