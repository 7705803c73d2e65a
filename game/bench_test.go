package game_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/infragame/infragame/game"
)

// benchGame is the random game used by the benchmarks and by the
// lrsnash/hyperfine comparison in BENCHMARKS.md (Game solvers): uniform integer
// payoffs in [0, 100], PCG seed (size, 0), the same game as
// "infragame game random --strategies NxN --seed N" writes.
func benchGame(b *testing.B, size int) *game.Game {
	g, err := game.Random(rand.New(rand.NewPCG(uint64(size), 0)), game.Uniform, []int{size, size}, game.RandomOptions{})
	if err != nil {
		b.Fatal(err)
	}
	return g
}

func BenchmarkEnumMixed(b *testing.B) {
	for size := 6; size <= 12; size++ {
		g := benchGame(b, size)
		b.Run(fmt.Sprintf("%dx%d", size, size), func(b *testing.B) {
			for b.Loop() {
				if _, err := game.EnumMixed(context.Background(), g); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkLemkeHowson(b *testing.B) {
	for _, size := range []int{50, 100, 150, 200} {
		g := benchGame(b, size)
		b.Run(fmt.Sprintf("%dx%d/label1", size, size), func(b *testing.B) {
			for b.Loop() {
				if _, err := game.LemkeHowson(context.Background(), g, game.LCPOptions{Labels: []int{0}}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkEnumMixedDegenerate uses degenerate games (payoffs in {0, 1, 2},
// "infragame game random --class degenerate --strategies NxN --seed N").
func BenchmarkEnumMixedDegenerate(b *testing.B) {
	for _, size := range []int{8, 10, 12} {
		g, err := game.Random(rand.New(rand.NewPCG(uint64(size), 0)), game.Degenerate, []int{size, size}, game.RandomOptions{})
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("%dx%d", size, size), func(b *testing.B) {
			for b.Loop() {
				if _, err := game.EnumMixed(context.Background(), g); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkEnumMixedLarge runs the 14×14 and 16×16 games of BENCHMARKS.md
// (uniform and degenerate, --seed 1) with one worker.
func BenchmarkEnumMixedLarge(b *testing.B) {
	for _, size := range []int{14, 16} {
		for _, class := range []game.Class{game.Uniform, game.Degenerate} {
			g, err := game.Random(rand.New(rand.NewPCG(1, 0)), class, []int{size, size}, game.RandomOptions{})
			if err != nil {
				b.Fatal(err)
			}
			b.Run(fmt.Sprintf("%s/%dx%d", class, size, size), func(b *testing.B) {
				for b.Loop() {
					if _, err := game.EnumMixedWith(context.Background(), g, game.EnumOptions{Workers: 1}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkEnumMixedHuge runs the uniform 18×18 and 20×20 games of
// BENCHMARKS.md (--seed 1, scripts/bench-game-pairs.sh) with one worker,
// where many tableau entries leave int64 (the 128-bit tier's case).
func BenchmarkEnumMixedHuge(b *testing.B) {
	for _, size := range []int{18, 20} {
		g, err := game.Random(rand.New(rand.NewPCG(1, 0)), game.Uniform, []int{size, size}, game.RandomOptions{})
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("uniform/%dx%d", size, size), func(b *testing.B) {
			for b.Loop() {
				if _, err := game.EnumMixedWith(context.Background(), g, game.EnumOptions{Workers: 1}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkEnumMixedSeed1 runs the games of scripts/bench-game-pairs.sh
// (uniform and degenerate, --seed 1, 8×8 to 16×16) with the default
// workers, as "infragame game solve --method enummixed" does: the in-process
// part of that process comparison with lrsnash.
func BenchmarkEnumMixedSeed1(b *testing.B) {
	for _, class := range []game.Class{game.Uniform, game.Degenerate} {
		for _, size := range []int{8, 10, 12, 14, 16} {
			g, err := game.Random(rand.New(rand.NewPCG(1, 0)), class, []int{size, size}, game.RandomOptions{})
			if err != nil {
				b.Fatal(err)
			}
			b.Run(fmt.Sprintf("%s/%dx%d", class, size, size), func(b *testing.B) {
				for b.Loop() {
					if _, err := game.EnumMixed(context.Background(), g); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
