package game_test

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"math/big"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/infragame/infragame/game"
	"github.com/infragame/infragame/internal/testutil"
)

// lrsInput writes a two-player game in lrsnash's input format: "m n", then
// A row by row, then B row by row (lrsnash(1), lrslib 7.x).
func lrsInput(g *game.Game) string {
	a, b := g.RatMatrices()
	var s strings.Builder
	fmt.Fprintf(&s, "%d %d\n\n", len(a), len(a[0]))
	for _, mat := range [][][]*big.Rat{a, b} {
		for _, row := range mat {
			for j, v := range row {
				if j > 0 {
					s.WriteString(" ")
				}
				s.WriteString(v.RatString())
			}
			s.WriteString("\n")
		}
		s.WriteString("\n")
	}
	return s.String()
}

// parseLrsnash reads lrsnash's output: groups of lines "2 y… payoff1"
// followed by lines "1 x… payoff2"; every (1-line, 2-line) combination in a
// group is an equilibrium. It returns the equilibria as canonical strings
// "x1,…,xm|y1,…,yn".
func parseLrsnash(t *testing.T, out []byte, m, n int) []string {
	t.Helper()
	var set []string
	var ys []string
	last := ""
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) == 0 || strings.HasPrefix(f[0], "*") {
			last = ""
			ys = nil
			continue
		}
		canon := func(vals []string) string {
			c := make([]string, len(vals))
			for i, v := range vals {
				r, ok := new(big.Rat).SetString(v)
				if !ok {
					t.Fatalf("lrsnash output: bad number %q", v)
				}
				c[i] = r.RatString()
			}
			return strings.Join(c, ",")
		}
		switch f[0] {
		case "2":
			if len(f) != n+2 {
				t.Fatalf("lrsnash line %q: want %d fields", sc.Text(), n+2)
			}
			if last == "1" {
				ys = nil
			}
			ys = append(ys, canon(f[1:n+1]))
		case "1":
			if len(f) != m+2 {
				t.Fatalf("lrsnash line %q: want %d fields", sc.Text(), m+2)
			}
			x := canon(f[1 : m+1])
			for _, y := range ys {
				set = append(set, x+"|"+y)
			}
		default:
			t.Fatalf("lrsnash: unexpected line %q", sc.Text())
		}
		last = f[0]
	}
	sort.Strings(set)
	return set
}

func ourSet(ex *game.Extreme) []string {
	var set []string
	for _, e := range ex.Equilibria {
		set = append(set, ratJoin(e.Exact[0])+"|"+ratJoin(e.Exact[1]))
	}
	sort.Strings(set)
	return set
}

func ratJoin(v []*big.Rat) string {
	s := make([]string, len(v))
	for i, x := range v {
		s[i] = x.RatString()
	}
	return strings.Join(s, ",")
}

// runLrsnash solves g with lrsnash and returns its equilibria as canonical
// strings.
func runLrsnash(t *testing.T, lrs, file string, g *game.Game) []string {
	t.Helper()
	if err := os.WriteFile(file, []byte(lrsInput(g)), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(lrs, file).Output()
	if err != nil {
		t.Fatalf("%s: lrsnash: %v", file, err)
	}
	return parseLrsnash(t, out, len(g.Strategies[0]), len(g.Strategies[1]))
}

// checkSame fails unless ex lists exactly the equilibria want.
func checkSame(t *testing.T, what string, g *game.Game, ex *game.Extreme, want []string) {
	t.Helper()
	got := ourSet(ex)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("%s: extreme equilibria differ\ninput:\n%s\ngot  %d:\n%s\nwant %d:\n%s",
			what, lrsInput(g), len(got), strings.Join(got, "\n"), len(want), strings.Join(want, "\n"))
	}
}

// TestEnumMixedMatchesLrsnash compares the exact set of extreme equilibria
// with lrsnash (lrslib, Avis; Debian package lrslib) on 330 random games
// from 2×2 to 8×8: uniform integer payoffs, degenerate games with payoffs
// in {0,1,2} or {0,1}, and real (non-integer) payoffs whose exact binary
// values have large denominators. Every game is solved with one worker and
// with three (the search tree split at depth 1), which must agree.
func TestEnumMixedMatchesLrsnash(t *testing.T) {
	lrs := testutil.RequireTool(t, "lrsnash", "lrslib")
	dir := t.TempDir()
	rng := rand.New(rand.NewPCG(20261126, 5))
	count, nonExtreme, degenerateBases, faces := 0, 0, 0, 0
	for k := range 330 {
		m, n := 2+rng.IntN(7), 2+rng.IntN(7)
		var g *game.Game
		var err error
		switch k % 6 {
		case 0, 1, 2:
			g, err = game.Random(rng, game.Uniform, []int{m, n}, game.RandomOptions{Lo: -20, Hi: 20})
		case 3:
			g, err = game.Random(rng, game.Degenerate, []int{m, n}, game.RandomOptions{})
		case 4:
			g, err = game.Random(rng, game.Degenerate, []int{m, n}, game.RandomOptions{Levels: 2})
		case 5:
			g, err = game.Random(rng, game.Covariance, []int{m, n}, game.RandomOptions{Rho: -0.5, Lo: -1, Hi: 1, Real: true})
		}
		if err != nil {
			t.Fatal(err)
		}
		want := runLrsnash(t, lrs, filepath.Join(dir, fmt.Sprintf("g%d", k)), g)
		what := fmt.Sprintf("game %d (%dx%d, class %d)", k, m, n, k%6)
		for _, opts := range []game.EnumOptions{{Workers: 1}, {Workers: 3, SplitDepth: 1}} {
			ex, err := game.EnumMixedWith(context.Background(), g, opts)
			if err != nil {
				t.Fatalf("%s: %v", what, err)
			}
			checkSame(t, what, g, ex, want)
			if opts.Workers == 1 {
				if ex.NonExtreme {
					nonExtreme++
				}
				if ex.Bases[0] > ex.Vertices[0] || ex.Bases[1] > ex.Vertices[1] {
					degenerateBases++
				}
				if ex.PartnerFaces > 0 {
					faces++
				}
			}
		}
		count++
	}
	t.Logf("%d games agree with lrsnash; %d with non-extreme components; %d with degenerate polytopes; %d with partner faces",
		count, nonExtreme, degenerateBases, faces)
	if nonExtreme == 0 || degenerateBases == 0 || faces == 0 {
		t.Fatalf("the sample must include degenerate games (non-extreme %d, degenerate polytopes %d, partner faces %d)", nonExtreme, degenerateBases, faces)
	}
}

// TestEnumMixedMatchesLrsnashLarge compares with lrsnash on larger games, up
// to 16×16: uniform payoffs (nondegenerate), payoffs in {0,1,2} and {0,1}
// (degenerate, with partner faces of dimension up to several), and
// rectangular shapes (which polytope is enumerated depends on the shape).
// Sizes are chosen so that lrsnash needs a few seconds in all.
func TestEnumMixedMatchesLrsnashLarge(t *testing.T) {
	lrs := testutil.RequireTool(t, "lrsnash", "lrslib")
	dir := t.TempDir()
	rng := rand.New(rand.NewPCG(20261207, 1))
	cases := []struct {
		m, n  int
		class game.Class
		opts  game.RandomOptions
	}{
		{10, 10, game.Uniform, game.RandomOptions{}},
		{12, 12, game.Uniform, game.RandomOptions{}},
		{16, 7, game.Uniform, game.RandomOptions{}},
		{6, 16, game.Uniform, game.RandomOptions{}},
		{12, 12, game.Degenerate, game.RandomOptions{}},
		{14, 14, game.Degenerate, game.RandomOptions{Levels: 2}},
		{16, 16, game.Degenerate, game.RandomOptions{Levels: 2}},
		{16, 10, game.Degenerate, game.RandomOptions{}},
		{12, 12, game.Coordination, game.RandomOptions{}},
	}
	for k, c := range cases {
		g, err := game.Random(rng, c.class, []int{c.m, c.n}, c.opts)
		if err != nil {
			t.Fatal(err)
		}
		want := runLrsnash(t, lrs, filepath.Join(dir, fmt.Sprintf("g%d", k)), g)
		what := fmt.Sprintf("case %d (%dx%d, class %v)", k, c.m, c.n, c.class)
		ex, err := game.EnumMixedWith(context.Background(), g, game.EnumOptions{Workers: 2})
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		checkSame(t, what, g, ex, want)
		t.Logf("%s: %d equilibria, %d bases, %d vertices, %d partner faces", what, len(want), ex.Bases[0]+ex.Bases[1], ex.Vertices, ex.PartnerFaces)
	}
}
