package game

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"
)

// TestSolveEnumMixedFastPath checks that Solve's enummixed result, which
// renders the fractions from the integer vectors when they fit in int64
// (enumFound.solveFast), is the one built from EnumMixedWith's big.Rat
// values, field by field, on games of every class and shape (square, more
// rows, more columns, real payoffs).
func TestSolveEnumMixedFastPath(t *testing.T) {
	ctx := context.Background()
	fast := 0
	seed := uint64(0)
	type spec struct {
		class Class
		shape []int
		real  bool
	}
	var specs []spec
	for _, class := range []Class{Uniform, Degenerate, Coordination, RandomZeroSum, Covariance} {
		for _, shape := range [][]int{{1, 4}, {2, 2}, {3, 7}, {9, 4}, {6, 6}, {8, 8}, {10, 10}} {
			for _, real := range []bool{false, true} {
				specs = append(specs, spec{class, shape, real})
			}
		}
	}
	// Larger degenerate games: 83 and 162, 143 and 84 extreme strategies
	// (the vertex index's map, maximalBicliques's general path).
	specs = append(specs, spec{Degenerate, []int{12, 12}, false}, spec{Degenerate, []int{14, 11}, false})
	for _, sp := range specs {
		class, shape, real := sp.class, sp.shape, sp.real
		seed++
		g, err := Random(rand.New(rand.NewPCG(seed, 0)), class, shape, RandomOptions{Real: real, Rho: 0.5})
		if err != nil {
			continue // a class that needs a square game
		}
		name := fmt.Sprintf("%s/%dx%d/real=%v", class, shape[0], shape[1], real)
		got, err := Solve(ctx, g, "enummixed", SolveOptions{})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		f, err := enumSearch(ctx, g, EnumOptions{})
		if err != nil {
			t.Fatal(err)
		}
		probe := &SolveResult{}
		if ok, _ := f.solveFast(g, probe); ok {
			fast++
		}
		ex, err := f.extreme(g)
		if err != nil {
			t.Fatal(err)
		}
		want := &SolveResult{Method: "enummixed", Title: g.Title, Players: g.Players, Strategies: g.Strategies}
		fillEnumMixed(want, ex)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: Solve gives\n%+v\nEnumMixedWith gives\n%+v", name, got, want)
		}
	}
	if fast == 0 {
		t.Error("no game took the int64 path")
	}
}

// TestMaximalBicliques64 checks the one-word version against the general
// one on random bipartite graphs.
func TestMaximalBicliques64(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 0))
	for trial := range 500 {
		nx, ny := 1+rng.IntN(12), 1+rng.IntN(64)
		var edges [][2]int
		for a := range nx {
			edges = append(edges, [2]int{a, rng.IntN(ny)}) // every row has an edge
			for b := range ny {
				if rng.IntN(3) == 0 {
					edges = append(edges, [2]int{a, b})
				}
			}
		}
		got, want := maximalBicliques64(nx, ny, edges), maximalBicliquesWords(nx, ny, edges)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("trial %d (%dx%d): got %v, want %v", trial, nx, ny, got, want)
		}
	}
}
