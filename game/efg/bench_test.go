package efg

import (
	"context"
	"math/rand/v2"
	"os"
	"testing"

	"github.com/infragame/infragame/game"
)

func BenchmarkSequenceFormKuhn(b *testing.B) {
	g := mustRead(b, "../../examples/game/kuhn-poker.efg")
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

// BenchmarkReducedNormalFormKuhn is the peer of BenchmarkSequenceFormKuhn:
// build Kuhn poker's 27 × 64 reduced normal form and run Lemke–Howson
// from one label on it (game.LemkeHowson), the route a strategic-form
// solver takes to the same game.
func BenchmarkReducedNormalFormKuhn(b *testing.B) {
	g := mustRead(b, "../../examples/game/kuhn-poker.efg")
	for b.Loop() {
		red, err := ReducedNormalForm(context.Background(), g)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := game.LemkeHowson(context.Background(), red.Game, game.LCPOptions{Labels: []int{0}}); err != nil {
			b.Fatal(err)
		}
	}
}
