package game_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/infragame/infragame/game"
)

func BenchmarkLemkeHowson(b *testing.B) {
	for _, size := range []int{50, 100, 200} {
		g, err := game.Random(rand.New(rand.NewPCG(uint64(size), 1)), game.Uniform, []int{size, size}, game.RandomOptions{})
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("%dx%d/label1", size, size), func(b *testing.B) {
			for b.Loop() {
				if _, err := game.LemkeHowson(context.Background(), g, game.LCPOptions{Labels: []int{0}}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
