package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/infragame/infragame/game/efg"
)

const kuhnPath = "../../examples/game/kuhn-poker.efg"

// Kuhn (1950): the value of Kuhn poker to player 1 is −1/18.
func TestGameSolveEFGKuhn(t *testing.T) {
	out, errs, code := run(t, "game", "solve", kuhnPath, "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var doc efg.SolveResult
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Method != "seqform" || len(doc.Equilibria) != 1 || doc.Equilibria[0].Payoffs[0] != "-1/18" || !doc.Equilibria[0].Nash {
		t.Errorf("unexpected result: %+v", doc)
	}
	if len(doc.Equilibria[0].Infosets) != 12 {
		t.Errorf("%d information sets in JSON, want all 12", len(doc.Equilibria[0].Infosets))
	}
	// The reduced normal form solved by Lemke–Howson gives an equilibrium
	// with the same value.
	out, errs, code = run(t, "game", "solve", kuhnPath, "--method", "lcp", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, `"-1/18"`) {
		t.Errorf("lcp on the reduced normal form: value -1/18 missing:\n%s", out)
	}
}

// Entry deterrence (Selten 1978): the subgame-perfect equilibrium is
// (In, Accommodate) with payoffs (1, 1); (Out, Fight) is a Nash
// equilibrium that is not subgame perfect.
func TestGameSolveEFGEntry(t *testing.T) {
	out, errs, code := run(t, "game", "solve", "../../examples/game/entry.efg", "--format", "gambit")
	if code != 0 || out != "NE,0,1,0,1\n" {
		t.Fatalf("exit %d, output %q, %s", code, out, errs)
	}
	out, _, code = run(t, "game", "check", "../../examples/game/entry.efg", "1,0,1,0")
	if code != 0 || !strings.Contains(out, "is a Nash equilibrium") || !strings.Contains(out, "not subgame perfect") {
		t.Errorf("check (Out, Fight): exit %d\n%s", code, out)
	}
	out, _, code = run(t, "game", "check", "../../examples/game/entry.efg", "1/2,1/2,1,0")
	if code != 0 || !strings.Contains(out, "NOT a Nash equilibrium") {
		t.Errorf("check (½ In, Fight): exit %d\n%s", code, out)
	}
}

func TestGameEFGErrors(t *testing.T) {
	bad := writeFile(t, "bad.efg", "EFG 2 R \"g\" { \"A\" \"B\" } \"\"\np \"\" 1 1 \"\" { \"a\" \"b\" } 0\nt \"\" 1 \"\" { 1 x }\n")
	_, errs, code := run(t, "game", "solve", bad)
	if code == 0 || !strings.Contains(errs, "bad.efg:3:15: payoff") {
		t.Errorf("exit %d, stderr %q: want file:line:column and field", code, errs)
	}
	_, errs, code = run(t, "game", "solve", kuhnPath, "--method", "spe")
	if code == 0 || !strings.Contains(errs, "imperfect information") {
		t.Errorf("spe on Kuhn poker: exit %d, %s", code, errs)
	}
	_, errs, code = run(t, "game", "solve", kuhnPath, "--method", "logit")
	if code == 0 || !strings.Contains(errs, "unknown --method") {
		t.Errorf("logit on .efg: exit %d, %s", code, errs)
	}
}

func TestGameConvertRoundTrip(t *testing.T) {
	dir := t.TempDir()
	nf := filepath.Join(dir, "kuhn.nfg")
	if _, errs, code := run(t, "game", "convert", kuhnPath, "--to", "nfg", "-o", nf); code != 0 {
		t.Fatal(errs)
	}
	// LP on the 27 × 64 reduced normal form: value −1/18 = −0.0555556.
	out, errs, code := run(t, "game", "solve", nf, "--method", "lp")
	if code != 0 || !strings.Contains(out, "-0.0555556") {
		t.Errorf("exit %d %s\n%s", code, errs, out)
	}
	ef := filepath.Join(dir, "bos.efg")
	if _, errs, code := run(t, "game", "convert", writeFile(t, "bos.nfg", bos), "--to", "efg", "-o", ef); code != 0 {
		t.Fatal(errs)
	}
	// Battle of the sexes as a tree: the sequence form from several priors
	// finds its equilibria, the same as enummixed on the normal form.
	out, errs, code = run(t, "game", "solve", ef, "--method", "enummixed", "--format", "gambit")
	if code != 0 || out != "NE,1,0,1,0\nNE,2/3,1/3,1/3,2/3\nNE,0,1,0,1\n" {
		t.Errorf("exit %d %s\n%s", code, errs, out)
	}
}

func TestGameSolveEFGStdin(t *testing.T) {
	var out, errb bytes.Buffer
	in := strings.NewReader("EFG 2 R \"one move\" { \"A\" \"B\" } \"\"\np \"\" 1 1 \"\" { \"x\" \"y\" } 0\nt \"\" 1 \"\" { 1 0 }\nt \"\" 2 \"\" { 2 0 }\n")
	code := Main(context.Background(), []string{"--db", ":memory:", "game", "solve", "-", "--format", "gambit"}, in, &out, &errb)
	if code != 0 || out.String() != "NE,0,1\n" {
		t.Errorf("exit %d, %q %s", code, out.String(), errb.String())
	}
}

func TestGameFromCase(t *testing.T) {
	dir := t.TempDir()
	nf, ef := filepath.Join(dir, "jb.nfg"), filepath.Join(dir, "jb.efg")
	if _, errs, code := run(t, "game", "from-case", "case:jakarta-bandung-2015", "-o", nf); code != 0 {
		t.Fatal(errs)
	}
	out, errs, code := run(t, "game", "solve", nf, "--method", "pure", "--format", "json")
	if code != 0 || !strings.Contains(out, `"equilibria"`) {
		t.Fatalf("exit %d %s", code, errs)
	}
	if _, errs, code := run(t, "game", "from-case", "case:jakarta-bandung-2015", "--form", "efg", "-o", ef); code != 0 {
		t.Fatal(errs)
	}
	out, errs, code = run(t, "game", "solve", ef, "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d %s", code, errs)
	}
	var doc efg.SolveResult
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Method != "spe" || len(doc.Equilibria) != 1 || doc.Equilibria[0].SubgamePerfect == nil || !*doc.Equilibria[0].SubgamePerfect {
		t.Errorf("from-case efg: %+v", doc)
	}
	out, _, code = run(t, "contest", "analyze", "case:jakarta-bandung-2015")
	if code != 0 || !strings.Contains(out, "(d) Offer game") {
		t.Errorf("contest analyze lacks the offer game: exit %d", code)
	}
	_, errs, code = run(t, "game", "from-case", "case:jakarta-bandung-2015", "--markups", "0,abc")
	if code == 0 || !strings.Contains(errs, "--markups") {
		t.Errorf("bad --markups: exit %d %s", code, errs)
	}
}
