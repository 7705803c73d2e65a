package game_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/infragame/infragame/game"
)

// TestEnumMixedSplitInvariance checks that the equilibria do not depend on
// how the search tree is split among workers.
func TestEnumMixedSplitInvariance(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	for k := range 12 {
		class := game.Uniform
		if k%2 == 1 {
			class = game.Degenerate
		}
		g, err := game.Random(rng, class, []int{4 + rng.IntN(6), 4 + rng.IntN(6)}, game.RandomOptions{})
		if err != nil {
			t.Fatal(err)
		}
		var ref string
		for _, opts := range []game.EnumOptions{{Workers: 1, SplitDepth: 100}, {Workers: 1}, {Workers: 2, SplitDepth: 1}, {Workers: 4, SplitDepth: 3}} {
			ex, err := game.EnumMixedWith(context.Background(), g, opts)
			if err != nil {
				t.Fatal(err)
			}
			got := strings.Join(ourSet(ex), "\n")
			if ref == "" {
				ref = got
			} else if got != ref {
				t.Fatalf("game %d: options %+v give\n%s\nwant\n%s", k, opts, got, ref)
			}
		}
	}
}

// TestEnumMixedStops checks cancellation, deadlines, the equilibrium limit
// and progress reports.
func TestEnumMixedStops(t *testing.T) {
	g, err := game.Random(rand.New(rand.NewPCG(18, 0)), game.Uniform, []int{18, 18}, game.RandomOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := game.EnumMixed(ctx, g); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled context: err = %v, want context.Canceled", err)
	}
	ctx, cancel = context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if _, err := game.EnumMixed(ctx, g); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("20 ms deadline on an 18x18 game: err = %v, want context.DeadlineExceeded", err)
	}
	// 14x14 with payoffs in {0, 1}: about 12,000 bases, 350 equilibria
	// (TestEnumMixedMatchesLrsnashLarge has a game of this class).
	d, err := game.Random(rand.New(rand.NewPCG(3, 3)), game.Degenerate, []int{14, 14}, game.RandomOptions{Levels: 2})
	if err != nil {
		t.Fatal(err)
	}
	var calls atomic.Int64
	var last game.EnumProgress
	ex, err := game.EnumMixedWith(context.Background(), d, game.EnumOptions{Workers: 2, Progress: func(p game.EnumProgress) {
		calls.Add(1)
		if p.Bases < last.Bases || p.Equilibria < last.Equilibria {
			t.Errorf("progress went back: %+v after %+v", p, last)
		}
		last = p
	}})
	if err != nil {
		t.Fatal(err)
	}
	if bases := ex.Bases[0] + ex.Bases[1]; bases >= 2*4096 && calls.Load() == 0 {
		t.Errorf("%d bases and no progress report", bases)
	}
	n := len(ex.Equilibria)
	if n < 2 {
		t.Fatalf("want a game with several equilibria, got %d", n)
	}
	_, err = game.EnumMixedWith(context.Background(), d, game.EnumOptions{MaxEquilibria: n - 1})
	if !errors.Is(err, game.ErrTooMany) || !strings.Contains(err.Error(), fmt.Sprintf("more than %d", n-1)) {
		t.Errorf("MaxEquilibria %d with %d equilibria: err = %v", n-1, n, err)
	}
	if _, err = game.EnumMixedWith(context.Background(), d, game.EnumOptions{MaxEquilibria: n}); err != nil {
		t.Errorf("MaxEquilibria %d with %d equilibria: %v", n, n, err)
	}
}
