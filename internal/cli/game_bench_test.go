package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/infragame/infragame/game"
	"github.com/infragame/infragame/game/nfg"
)

// BenchmarkGameSolveEnumMixed runs the command of scripts/bench.sh's game
// section, "game solve G.nfg --method enummixed --format gambit
// --no-progress", in process on the games it writes ("game random [--class
// degenerate] --strategies NxN --seed 1"): everything after the process
// start-up, from the command line to the printed equilibria.
func BenchmarkGameSolveEnumMixed(b *testing.B) {
	dir := b.TempDir()
	for _, class := range []game.Class{game.Uniform, game.Degenerate} {
		for _, n := range []int{8, 10, 12} {
			g, err := game.Random(rand.New(rand.NewPCG(1, 0)), class, []int{n, n}, game.RandomOptions{Levels: 3, Hi: 100})
			if err != nil {
				b.Fatal(err)
			}
			g.Comment = fmt.Sprintf("infragame game random --class %s --strategies %dx%d --seed 1", class, n, n)
			var buf bytes.Buffer
			if err := nfg.Write(&buf, g, nfg.PayoffVersion); err != nil {
				b.Fatal(err)
			}
			path := filepath.Join(dir, fmt.Sprintf("%s-%d.nfg", class, n))
			if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
				b.Fatal(err)
			}
			args := []string{"game", "solve", path, "--method", "enummixed", "--format", "gambit", "--no-progress"}
			b.Run(fmt.Sprintf("%s/%dx%d", class, n, n), func(b *testing.B) {
				for b.Loop() {
					a := &App{In: bytes.NewReader(nil), Out: io.Discard, Err: io.Discard}
					if code := a.Run(context.Background(), args); code != 0 {
						b.Fatalf("exit %d", code)
					}
				}
			})
		}
	}
}
