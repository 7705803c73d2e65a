package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestGameSolveEnumLimits checks that enummixed warns before a large
// enumeration, that --timeout stops it with an error suggesting --method
// lcp, and that --max-equilibria stops it with an error naming the flag.
func TestGameSolveEnumLimits(t *testing.T) {
	g := filepath.Join(t.TempDir(), "g20.nfg")
	if _, errs, code := run(t, "game", "random", "--strategies", "20x20", "--seed", "1", "-o", g); code != 0 {
		t.Fatalf("game random: exit %d: %s", code, errs)
	}
	_, errs, code := run(t, "game", "solve", g, "--timeout", "50ms")
	if code == 0 {
		t.Fatal("a 20x20 enumeration finished within 50 ms; the test needs a larger game")
	}
	for _, want := range []string{"note: enumerating all extreme equilibria of a 20x20 game", "--timeout 50ms", "--method lcp"} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
	f := writeFile(t, "bos.nfg", bos)
	_, errs, code = run(t, "game", "solve", f, "--max-equilibria", "2")
	if code == 0 || !strings.Contains(errs, "more than 2 extreme equilibria") || !strings.Contains(errs, "--max-equilibria") {
		t.Errorf("--max-equilibria 2 on a game with 3: exit %d, stderr %s", code, errs)
	}
	if _, errs, code = run(t, "game", "solve", f, "--max-equilibria", "3", "--workers", "1"); code != 0 {
		t.Errorf("--max-equilibria 3 on a game with 3: exit %d, stderr %s", code, errs)
	}
	if _, _, code = run(t, "game", "solve", f, "--timeout", "-1s"); code != 2 {
		t.Errorf("--timeout -1s: exit %d, want 2", code)
	}
}
