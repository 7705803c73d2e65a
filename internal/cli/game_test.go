package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeFile(t *testing.T, name, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// Battle of the sexes: equilibria (1,0;1,0), (2/3,1/3;1/3,2/3), (0,1;0,1)
// (see game/classic_test.go for the derivation).
const bos = `NFG 1 R "Battle of the sexes" { "Row" "Column" } { 2 2 }
""
2 1 0 0 0 0 1 2
`

func TestGameSolveGambitFormat(t *testing.T) {
	f := writeFile(t, "bos.nfg", bos)
	out, errs, code := run(t, "game", "solve", f, "--method", "enummixed", "--format", "gambit")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	want := "NE,1,0,1,0\nNE,2/3,1/3,1/3,2/3\nNE,0,1,0,1\n"
	if out != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
	out, _, code = run(t, "game", "solve", f, "--method", "lcp", "--label", "1", "--format", "gambit")
	if code != 0 || out != "NE,1,0,1,0\n" {
		t.Errorf("lcp label 1: exit %d, output %q", code, out)
	}
	out, _, code = run(t, "game", "solve", f, "--method", "logit", "--format", "gambit", "--decimals", "4")
	if code != 0 || !strings.HasPrefix(out, "NE,") || strings.Contains(out, "/") {
		t.Errorf("logit: exit %d, output %q (want decimals)", code, out)
	}
	out, _, code = run(t, "game", "solve", f, "--method", "simpdiv", "--format", "gambit")
	if code != 0 || !strings.HasPrefix(out, "NE,") {
		t.Errorf("simpdiv: exit %d, output %q", code, out)
	}
	out, _, code = run(t, "game", "solve", f, "--method", "pure", "--format", "json")
	if code != 0 || !strings.Contains(out, `"exact": [`) || !strings.Contains(out, `"method": "pure"`) {
		t.Errorf("pure json: exit %d, output %s", code, out)
	}
}

func TestGameSolveDegenerateTable(t *testing.T) {
	// Row player indifferent everywhere: every column is a best reply to
	// anything, so the equilibria form a connected non-extreme set.
	f := writeFile(t, "deg.nfg", `NFG 1 R "Degenerate" { "A" "B" } { 2 2 }
1 1 1 0 1 0 1 1`)
	out, errs, code := run(t, "game", "solve", f)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "clique") || !strings.Contains(out, "degenerate") {
		t.Errorf("table does not report the non-extreme component:\n%s", out)
	}
}

func TestGameRandomAndCheck(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "r.nfg")
	_, errs, code := run(t, "game", "random", "--players", "2", "--strategies", "4x5", "--seed", "9", "-o", f)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	out1, _, _ := run(t, "game", "random", "--players", "2", "--strategies", "4x5", "--seed", "9")
	b, _ := os.ReadFile(f)
	if out1 != string(b) {
		t.Error("the same seed gave different games")
	}
	ne, _, code := run(t, "game", "solve", f, "--method", "lcp", "--label", "1", "--format", "gambit")
	if code != 0 {
		t.Fatal("solve failed")
	}
	prof := strings.TrimPrefix(strings.TrimSpace(ne), "NE,")
	out, errs, code := run(t, "game", "check", f, prof)
	if code != 0 || !strings.Contains(out, "is a Nash equilibrium") {
		t.Errorf("check of an equilibrium: exit %d\n%s%s", code, out, errs)
	}
}

func TestGameBadInput(t *testing.T) {
	bad := writeFile(t, "bad.nfg", "NFG 1 R \"x\" { \"A\" \"B\" } { 2 2 }\n1 2 3\n4 z 6 7 8")
	_, errs, code := run(t, "game", "solve", bad)
	if code != 1 || !strings.Contains(errs, "line 3, column 3") || !strings.Contains(errs, `"z"`) {
		t.Errorf("bad payoff: exit %d, %q", code, errs)
	}
	one := writeFile(t, "one.nfg", "NFG 1 R \"x\" { \"A\" } { 2 }\n1 2")
	_, errs, code = run(t, "game", "solve", one)
	if code != 1 || !strings.Contains(errs, "at least two players") {
		t.Errorf("one player: exit %d, %q", code, errs)
	}
	f := writeFile(t, "bos.nfg", bos)
	_, errs, code = run(t, "game", "check", f, "0.5,0.6,1,0")
	if code != 2 || !strings.Contains(errs, "sum to 11/10") {
		t.Errorf("bad profile: exit %d, %q", code, errs)
	}
	_, errs, code = run(t, "game", "check", f, "1,0,1")
	if code != 2 || !strings.Contains(errs, "3 entries") {
		t.Errorf("short profile: exit %d, %q", code, errs)
	}
	_, errs, code = run(t, "game", "solve", f, "--method", "lp")
	if code != 1 || !strings.Contains(errs, "not constant-sum") {
		t.Errorf("lp on BoS: exit %d, %q", code, errs)
	}
	_, _, code = run(t, "game", "solve", f, "--method", "nope")
	if code != 2 {
		t.Errorf("unknown method: exit %d, want 2", code)
	}
}

func TestGameDominance(t *testing.T) {
	// Row 3 is dominated by the mixture of rows 1 and 2 only; then column
	// 3 (payoff 0 everywhere for the column player) is dominated.
	f := writeFile(t, "dom.nfg", `NFG 1 R "Dominance" { "R" "C" } { { "a" "b" "c" } { "x" "y" "z" } }
""
{ { "" 3, 1 } { "" 0, 0 } { "" 1, 0 } { "" 0, 0 } { "" 3, 1 } { "" 1, 0 } { "" 0, -1 } { "" 0, -1 } { "" 0, -1 } }
1 2 3 4 5 6 7 8 9`)
	reduced := filepath.Join(t.TempDir(), "red.nfg")
	out, errs, code := run(t, "game", "dominance", f, "-o", reduced)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "remaining game: 2x2") || !strings.Contains(out, "0.5×a + 0.5×b") {
		t.Errorf("output:\n%s", out)
	}
	b, err := os.ReadFile(reduced)
	if err != nil || !strings.Contains(string(b), `{ "a" "b" }`) {
		t.Errorf("reduced game: %v\n%s", err, b)
	}
	out, _, _ = run(t, "game", "dominance", f, "--pure")
	if !strings.Contains(out, "remaining game: 3x2") {
		t.Errorf("pure dominance output:\n%s", out)
	}
}

func TestGameSolveStdin(t *testing.T) {
	var out, errb bytes.Buffer
	code := Main(context.Background(), []string{"game", "solve", "-", "--method", "pure", "--format", "gambit"}, strings.NewReader(bos), &out, &errb)
	if code != 0 || out.String() != "NE,1,0,1,0\nNE,0,1,0,1\n" {
		t.Errorf("exit %d, output %q, errors %q", code, out.String(), errb.String())
	}
}

func TestGameCheckRoundedProfile(t *testing.T) {
	// A first player's probabilities that sum to 1 only within 1e-9 switch
	// the check to floating point for the whole profile.
	f := writeFile(t, "bos.nfg", bos)
	out, errs, code := run(t, "game", "check", f, "0.6666666667,0.3333333333,0.3333333333,0.6666666667", "--tol", "1e-6")
	if code != 0 || !strings.Contains(out, "is a Nash equilibrium") {
		t.Errorf("exit %d\n%s%s", code, out, errs)
	}
}
