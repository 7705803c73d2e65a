package efg

import (
	"context"
	"math/rand/v2"
	"os"
	"testing"
)

func BenchmarkSequenceFormKuhn(b *testing.B) {
	src, err := os.ReadFile("../../examples/game/kuhn-poker.efg")
	if err != nil {
		b.Fatal(err)
	}
	g, err := Parse("kuhn", src)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, _, err := SequenceForm(context.Background(), g, SeqFormOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSequenceFormRandom: a random game of depth 5 with up to 3
// actions a move (seed fixed).
func BenchmarkSequenceFormRandom(b *testing.B) {
	g := Random(rand.New(rand.NewPCG(3, 3)), RandomOptions{Depth: 5, MaxActions: 3})
	for b.Loop() {
		if _, _, err := SequenceForm(context.Background(), g, SeqFormOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseKuhn(b *testing.B) {
	src, err := os.ReadFile("../../examples/game/kuhn-poker.efg")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := Parse("kuhn", src); err != nil {
			b.Fatal(err)
		}
	}
}
