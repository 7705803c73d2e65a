package efg

import (
	"bytes"
	"context"
	"errors"
	"math"
	"math/big"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/infragame/infragame/game"
)

func mustRead(t testing.TB, path string) *Game {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	g, err := Parse(path, b)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func writeString(t testing.TB, g *Game) string {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, g); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func r(s string) *big.Rat {
	v, ok := new(big.Rat).SetString(s)
	if !ok {
		panic(s)
	}
	return v
}

func TestParseKuhn(t *testing.T) {
	g := mustRead(t, "../../examples/game/kuhn-poker.efg")
	if got := g.NumNodes(); got != 55 {
		t.Errorf("nodes = %d, want 1 + 6×9 = 55", got)
	}
	if len(g.Infosets[0]) != 1 || len(g.Infosets[1]) != 6 || len(g.Infosets[2]) != 6 {
		t.Errorf("infosets = %d/%d/%d, want 1/6/6", len(g.Infosets[0]), len(g.Infosets[1]), len(g.Infosets[2]))
	}
	if len(g.Outcomes) != 4 {
		t.Errorf("outcomes = %d, want 4", len(g.Outcomes))
	}
	if err := g.PerfectRecall(); err != nil {
		t.Error(err)
	}
	if g.PerfectInformation() {
		t.Error("Kuhn poker reported as a perfect-information game")
	}
}

// TestRoundTrip: writing and reading back gives the same game (compared
// through its canonical written form), for the examples and random games.
func TestRoundTrip(t *testing.T) {
	paths, _ := filepath.Glob("../../examples/game/*.efg")
	if len(paths) == 0 {
		t.Fatal("no example games")
	}
	var games []*Game
	for _, p := range paths {
		games = append(games, mustRead(t, p))
	}
	rng := rand.New(rand.NewPCG(7, 0))
	for range 30 {
		games = append(games, Random(rng, RandomOptions{Players: 2 + rng.IntN(2)}))
	}
	for i, g := range games {
		w1 := writeString(t, g)
		g2, err := Parse("roundtrip", []byte(w1))
		if err != nil {
			t.Fatalf("game %d: %v\n%s", i, err, w1)
		}
		if w2 := writeString(t, g2); w2 != w1 {
			t.Errorf("game %d: second write differs:\n%s\n---\n%s", i, w1, w2)
		}
		if g2.NumNodes() != g.NumNodes() || len(g2.Outcomes) != len(g.Outcomes) {
			t.Errorf("game %d: shape changed", i)
		}
	}
}

// TestParseGambitStyles reads the forms Gambit's own files use: payoffs
// without commas, decimals without a leading zero, omitted infoset and
// outcome details at repeated members, a D header, no comment.
func TestParseGambitStyles(t *testing.T) {
	src := `EFG 2 D "styles" { "A" "B" }
c "" 1 "" { "h" 0.25 "t" .75 } 0
p "" 1 1 "" { "x" "y" } 1 "o1" { .5 -1 }
t "" 2 "o2" { 1e1, 2/3 }
t "" 0
p "" 1 1 0
t "" 2
t "" 1
`
	g, err := Parse("styles.efg", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if g.Comment != "" || len(g.Infosets[1]) != 1 || len(g.Infosets[1][0].Nodes) != 2 {
		t.Fatalf("unexpected structure")
	}
	if got := g.Outcomes[1].Payoffs[0]; got.Cmp(r("10")) != 0 {
		t.Errorf("1e1 read as %s", got.RatString())
	}
	if got := g.Infosets[0][0].Probs[1]; got.Cmp(r("3/4")) != 0 {
		t.Errorf(".75 read as %s", got.RatString())
	}
	// Payoffs: chance h (1/4): x → o1 + o2, y → o1 + 0; t (3/4): x → o2, y → o1.
	// Profile x with prob 1: 1/4·(1/2+10) + 3/4·10 = 21/8 + 30/4 = 81/8 for A;
	// B: 1/4·(−1 + 2/3) + 3/4·(2/3) = −1/12 + 1/2 = 5/12.
	b := Behavior{{{r("1"), r("0")}}, {}}
	pay := g.Payoffs(b)
	if pay[0].Cmp(r("81/8")) != 0 || pay[1].Cmp(r("5/12")) != 0 {
		t.Errorf("payoffs = %s, %s; want 81/8, 5/12", pay[0].RatString(), pay[1].RatString())
	}
}

func TestParseErrors(t *testing.T) {
	head := "EFG 2 R \"g\" { \"A\" \"B\" } \"\"\n"
	cases := []struct {
		name, src string
		line, col int
		field     string
		err       error
	}{
		{"empty", "", 1, 1, "header", ErrHeader},
		{"version", "EFG 3 R \"\" { \"A\" }", 1, 5, "version", ErrHeader},
		{"no players", "EFG 2 R \"g\" { }\nt \"\" 0", 1, 9, "players", ErrSyntax},
		{"bad node", head + "x \"\" 0\n", 2, 1, "node type", ErrSyntax},
		{"player range", head + "p \"\" 3 1 \"\" { \"a\" } 0\n", 2, 6, "player number", ErrSyntax},
		{"no actions", head + "p \"\" 1 1 \"\" 0\n", 2, 8, "actions", ErrSyntax},
		{"prob sum", head + "c \"\" 1 \"\" { \"a\" 1/2 \"b\" 1/3 } 0\n", 2, 29, "probability", ErrProbability},
		{"prob range", head + "c \"\" 1 \"\" { \"a\" 3/2 \"b\" -1/2 } 0\n", 2, 17, "probability", ErrProbability},
		{"payoff count", head + "t \"\" 1 \"\" { 1 }\n", 2, 11, "payoff", ErrSyntax},
		{"payoff number", head + "t \"\" 1 \"\" { 1 zz }\n", 2, 15, "payoff", ErrNumber},
		{"new outcome bare", head + "t \"\" 4\n", 2, 6, "payoff", ErrSyntax},
		{"outcome changed", head + "p \"\" 1 1 \"\" { \"a\" \"b\" } 0\nt \"\" 1 \"o\" { 1 2 }\nt \"\" 1 \"o\" { 1 3 }\n", 4, 12, "payoff", ErrInconsistent},
		{"actions changed", head + "p \"\" 1 1 \"\" { \"a\" \"b\" } 0\np \"\" 2 1 \"\" { \"c\" } 0\nt \"\" 0\np \"\" 2 1 \"\" { \"d\" } 0\nt \"\" 0\n", 5, 13, "actions", ErrInconsistent},
		{"incomplete", head + "p \"\" 1 1 \"\" { \"a\" \"b\" } 0\nt \"\" 0\n", 4, 1, "node type", ErrSyntax},
		{"trailing", head + "t \"\" 0\nt \"\" 0\n", 3, 1, "end of file", ErrSyntax},
		{"unterminated", head + "t \"abc 0\n", 2, 3, "node label", ErrUnterminated},
		{"huge exponent", head + "t \"\" 1 \"\" { 1e999999999 0 }\n", 2, 13, "payoff", ErrNumber},
		{"outcome zero with payoffs", head + "t \"\" 0 \"\" { 1 2 }\n", 2, 6, "outcome number", ErrSyntax},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse("bad.efg", []byte(c.src))
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("err = %v, want a *ParseError", err)
			}
			if pe.Line != c.line || pe.Column != c.col || pe.Field != c.field || !errors.Is(err, c.err) || pe.File != "bad.efg" {
				t.Errorf("got %v (line %d col %d field %q); want line %d col %d field %q wrapping %v", err, pe.Line, pe.Column, pe.Field, c.line, c.col, c.field, c.err)
			}
		})
	}
}

func TestLimits(t *testing.T) {
	g := mustRead(t, "../../examples/game/kuhn-poker.efg")
	src := writeString(t, g)
	for _, lim := range []Limits{{MaxNodes: 10}, {MaxBytes: 100}, {MaxDepth: 2}, {MaxActions: 3}, {MaxLabel: 5}, {MaxPlayers: 1}} {
		_, err := ParseLimits("kuhn", []byte(src), lim)
		if !errors.Is(err, ErrLimit) {
			t.Errorf("limits %+v: err = %v, want ErrLimit", lim, err)
		}
	}
}

func TestPerfectRecallDetected(t *testing.T) {
	// Player 1 forgets his first move: both of his second nodes are in one
	// information set although he chose differently before them.
	src := `EFG 2 R "absent-minded" { "A" "B" } ""
p "" 1 1 "" { "L" "R" } 0
p "" 1 2 "" { "l" "r" } 0
t "" 1 "" { 1 0 }
t "" 2 "" { 0 1 }
p "" 1 2 "" { "l" "r" } 0
t "" 2
t "" 1
`
	g, err := Parse("", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if err := g.PerfectRecall(); !errors.Is(err, ErrPerfectRecall) {
		t.Errorf("PerfectRecall = %v", err)
	}
	if _, _, err := SequenceForm(context.Background(), g, SeqFormOptions{}); !errors.Is(err, ErrPerfectRecall) {
		t.Errorf("SequenceForm err = %v", err)
	}
	b, err := ParseBehavior(g, "1,0,1,0")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Inspect(g, b); !errors.Is(err, ErrPerfectRecall) {
		t.Errorf("Inspect with a profile: %v", err)
	}
	if s, err := Inspect(g, nil); err != nil || s.PerfectRecall || s.RecallProblem == "" {
		t.Errorf("Inspect without a profile: %+v, %v", s, err)
	}
}

// TestKuhnPoker checks the sequence-form equilibria of Kuhn poker against
// Kuhn (1950): the value to player 1 is −1/18, and the equilibria form a
// one-parameter family α ∈ [0, 1/3] in which player 1 bets a Jack with
// probability α, checks a Queen, bets a King with probability 3α, and
// after check–bet calls with a Queen with probability α + 1/3 (folds a
// Jack, calls with a King); player 2's strategy is unique: with a King
// he calls a bet and bets after a check, with a Queen he calls a bet with
// probability 1/3 and checks after a check, with a Jack he folds to a bet
// and bets after a check with probability 1/3. (The characterisation is
// the standard one, e.g. Kuhn 1950 §4 and the "Kuhn poker" entry of
// Wikipedia.)
func TestKuhnPoker(t *testing.T) {
	g := mustRead(t, "../../examples/game/kuhn-poker.efg")
	eqs, sf, err := SequenceForm(context.Background(), g, SeqFormOptions{Starts: 12})
	if err != nil {
		t.Fatal(err)
	}
	if sf.Size != [2]int{13, 13} {
		t.Errorf("sequences = %v, want 13 and 13", sf.Size)
	}
	// Infosets 0..2: P1 first move holding J, Q, K; 3..5: P1 facing a bet.
	// P2: 0..2 facing a bet holding J, Q, K; 3..5 after a check.
	for k, eq := range eqs {
		if eq.Payoffs[0].Cmp(r("-1/18")) != 0 {
			t.Errorf("eq %d: value %s, want -1/18", k, eq.Payoffs[0].RatString())
		}
		b := eq.Behavior
		alpha := b[0][0][1]
		if alpha.Sign() < 0 || alpha.Cmp(r("1/3")) > 0 {
			t.Errorf("eq %d: α = %s outside [0, 1/3]", k, alpha.RatString())
		}
		want := map[[3]int]*big.Rat{
			{0, 1, 1}: r("0"),                                         // check a Queen
			{0, 2, 1}: new(big.Rat).Mul(alpha, r("3")),                // bet a King 3α
			{0, 4, 1}: new(big.Rat).Add(alpha, r("1/3")),              // call with Q
			{1, 0, 1}: r("0"), {1, 1, 1}: r("1/3"), {1, 2, 1}: r("1"), // call a bet
			{1, 3, 1}: r("1/3"), {1, 4, 1}: r("0"), {1, 5, 1}: r("1"), // bet after check
		}
		for key, w := range want {
			if got := b[key[0]][key[1]][key[2]]; got.Cmp(w) != 0 {
				t.Errorf("eq %d (α=%s): player %d infoset %d action %d = %s, want %s", k, alpha.RatString(), key[0]+1, key[1]+1, key[2]+1, got.RatString(), w.RatString())
			}
		}
		// Jack facing a bet folds and King calls where these sets are reached.
		if b[0][3][1].Sign() != 0 && !unreached(eq, 1, 4) {
			t.Errorf("eq %d: player 1 calls with a Jack", k)
		}
		if b[0][5][1].Cmp(r("1")) != 0 && !unreached(eq, 1, 6) {
			t.Errorf("eq %d: player 1 folds a King", k)
		}
	}
	// Cross-check: the reduced normal form (27 × 64) solved by LP has the
	// same value.
	red, err := ReducedNormalForm(context.Background(), g)
	if err != nil {
		t.Fatal(err)
	}
	if s := red.Game.Shape(); s[0] != 27 || s[1] != 64 {
		t.Errorf("reduced normal form %v, want 27×64 (3 plans per card for player 1, 4 for player 2)", s)
	}
	zs, err := game.SolveZeroSum(red.Game, 0)
	if err != nil {
		t.Fatal(err)
	}
	if zs.ExactValue != nil && zs.ExactValue.Cmp(r("-1/18")) != 0 || math.Abs(zs.Value+1.0/18) > 1e-9 {
		t.Errorf("reduced normal form value = %v (%g), want -1/18", zs.ExactValue, zs.Value)
	}
}

func unreached(eq SeqEquilibrium, p, h int) bool {
	for _, u := range eq.Unreached {
		if u == [2]int{p, h} {
			return true
		}
	}
	return false
}

// TestEntrySPE: entry deterrence (Selten 1978). Backward induction: the
// incumbent accommodates (1 > −1), so the entrant enters (1 > 0): payoffs
// (1, 1). (Out, Fight) is a Nash equilibrium that is not subgame perfect.
func TestEntrySPE(t *testing.T) {
	g := mustRead(t, "../../examples/game/entry.efg")
	spe, err := SubgamePerfect(g)
	if err != nil {
		t.Fatal(err)
	}
	if spe.Behavior[0][0][1].Sign() == 0 || spe.Behavior[1][0][1].Sign() == 0 {
		t.Errorf("SPE = %v, want (In, Accommodate)", spe.Behavior)
	}
	if spe.Payoffs[0].Cmp(r("1")) != 0 || spe.Payoffs[1].Cmp(r("1")) != 0 {
		t.Errorf("SPE payoffs %v", spe.Payoffs)
	}
	threat := Behavior{{{r("1"), r("0")}}, {{r("1"), r("0")}}}
	c, err := g.Check(threat)
	if err != nil {
		t.Fatal(err)
	}
	if !c.Nash || c.SequentiallyRational {
		t.Errorf("(Out, Fight): Nash %v (want true), sequentially rational %v (want false)", c.Nash, c.SequentiallyRational)
	}
	if c.Infosets[1].Regret.Cmp(r("2")) != 0 {
		t.Errorf("incumbent's regret at the unreached node = %s, want 2 (accommodate 1 − fight −1)", c.Infosets[1].Regret.RatString())
	}
}

// TestSPEChance is solved by hand. Nature picks a High (1/3) or Low (2/3)
// market; player 1, informed, invests (I) or not (N: payoff (1, 0)); after
// I, player 2 chooses Share (S) or Take (T).
// High: S → (4, 2), T → (0, 3): player 2 takes (3 > 2), so player 1 gets
// 0 < 1 and does not invest.
// Low: S → (3, 2), T → (−1, 1): player 2 shares (2 > 1), player 1 gets
// 3 > 1 and invests.
// Expected payoffs: player 1: 1/3·1 + 2/3·3 = 7/3; player 2: 1/3·0 +
// 2/3·2 = 4/3.
func TestSPEChance(t *testing.T) {
	src := `EFG 2 R "invest" { "Investor" "Partner" } ""
c "" 1 "market" { "High" 1/3 "Low" 2/3 } 0
p "" 1 1 "high" { "N" "I" } 0
t "" 1 "no deal" { 1 0 }
p "" 2 1 "high, invested" { "S" "T" } 0
t "" 2 "" { 4 2 }
t "" 3 "" { 0 3 }
p "" 1 2 "low" { "N" "I" } 0
t "" 1
p "" 2 2 "low, invested" { "S" "T" } 0
t "" 4 "" { 3 2 }
t "" 5 "" { -1 1 }
`
	g, err := Parse("invest.efg", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	spe, err := SubgamePerfect(g)
	if err != nil {
		t.Fatal(err)
	}
	if spe.Payoffs[0].Cmp(r("7/3")) != 0 || spe.Payoffs[1].Cmp(r("4/3")) != 0 {
		t.Errorf("payoffs %s, %s; want 7/3, 4/3", spe.Payoffs[0].RatString(), spe.Payoffs[1].RatString())
	}
	want := [][]int{{0, 1}, {1, 0}} // player 1: N at high, I at low; player 2: T at high, S at low
	for p := range want {
		for h, a := range want[p] {
			if spe.Behavior[p][h][a].Sign() == 0 {
				t.Errorf("player %d infoset %d: %v, want action %d", p+1, h+1, spe.Behavior[p][h], a+1)
			}
		}
	}
	// The sequence form finds the same payoffs here (the game has a unique
	// Nash equilibrium outcome: player 2's choices are strict at every node
	// player 1 may reach).
	eqs, _, err := SequenceForm(context.Background(), g, SeqFormOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if eqs[0].Payoffs[0].Cmp(r("7/3")) != 0 {
		t.Errorf("sequence form payoff %s, want 7/3", eqs[0].Payoffs[0].RatString())
	}
}

func TestSPERefusesImperfectInformation(t *testing.T) {
	g := mustRead(t, "../../examples/game/kuhn-poker.efg")
	if _, err := SubgamePerfect(g); !errors.Is(err, ErrImperfectInformation) {
		t.Errorf("err = %v", err)
	}
}

// TestSeqFormAgainstReducedNormalForm cross-checks the sequence form with
// the reduced normal form on random games: (1) the sequence-form
// equilibrium, as a mixed profile over reduced strategies, has zero
// regret in the normal form, with the same payoffs; (2) every extreme
// equilibrium that game.EnumMixed finds in the reduced normal form, as a
// behaviour profile, passes the extensive-form check.
func TestSeqFormAgainstReducedNormalForm(t *testing.T) {
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(2026, 12))
	games := 0
	for games < 60 {
		g := Random(rng, RandomOptions{Depth: 3, MaxActions: 3, Lo: -5, Hi: 5})
		red, err := ReducedNormalForm(ctx, g)
		if err != nil {
			t.Fatal(err)
		}
		if red.Game.NumProfiles() > 400 {
			continue // keep enumeration fast
		}
		games++
		eqs, _, err := SequenceForm(ctx, g, SeqFormOptions{Starts: 3})
		if err != nil {
			t.Fatalf("game %d: %v\n%s", games, err, writeString(t, g))
		}
		for _, eq := range eqs {
			m := red.MixedFromBehavior(eq.Behavior)
			for i, reg := range red.Game.RatRegrets(m) {
				if reg.Sign() != 0 {
					t.Errorf("game %d: sequence-form equilibrium has regret %s for player %d in the reduced normal form\n%s", games, reg.RatString(), i+1, writeString(t, g))
				}
			}
			for i, u := range red.Game.RatExpectedPayoffs(m) {
				if u.Cmp(eq.Payoffs[i]) != 0 {
					t.Errorf("game %d: payoff %s in the normal form, %s in the tree", games, u.RatString(), eq.Payoffs[i].RatString())
				}
			}
		}
		ex, err := game.EnumMixed(ctx, red.Game)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range ex.Equilibria {
			b := red.BehaviorFromMixed(g, e.Exact)
			c, err := g.Check(b)
			if err != nil {
				t.Fatal(err)
			}
			if !c.Nash {
				t.Errorf("game %d: normal-form equilibrium %v is not a Nash equilibrium of the tree", games, e.Profile)
			}
		}
	}
}

// TestSPEAgainstSequenceForm: on random perfect-information games, the
// backward-induction profile passes the Nash check and is sequentially
// rational, and its payoffs are those of a normal-form equilibrium.
func TestSPEOnRandomPerfectInformation(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	for k := range 40 {
		g := Random(rng, RandomOptions{Players: 2 + k%2, Depth: 3, MaxActions: 2 + k%2, Merge: -1})
		if !g.PerfectInformation() {
			t.Fatal("Merge < 0 should give perfect information")
		}
		spe, err := SubgamePerfect(g)
		if err != nil {
			t.Fatal(err)
		}
		red, err := ReducedNormalForm(context.Background(), g)
		if err != nil {
			t.Fatal(err)
		}
		m := red.MixedFromBehavior(spe.Behavior)
		for i, reg := range red.Game.RatRegrets(m) {
			if reg.Sign() != 0 {
				t.Errorf("game %d: SPE has normal-form regret %s for player %d", k, reg.RatString(), i+1)
			}
		}
	}
}

func TestWriteQuotes(t *testing.T) {
	g := New(`a "quoted" \ title`, "P\"1", "P2")
	o := g.NewOutcome("o", r("1/3"), r("-2"))
	if err := g.SetRoot(Leaf("", o)); err != nil {
		t.Fatal(err)
	}
	s := writeString(t, g)
	g2, err := Parse("", []byte(s))
	if err != nil {
		t.Fatal(err)
	}
	if g2.Title != g.Title || g2.Players[0] != g.Players[0] || !strings.Contains(s, "1/3, -2") {
		t.Errorf("round trip lost quoting:\n%s", s)
	}
}

func FuzzParse(f *testing.F) {
	for _, p := range []string{"../../examples/game/kuhn-poker.efg", "../../examples/game/entry.efg"} {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		g, err := ParseLimits("fuzz", data, Limits{MaxNodes: 5000, MaxBytes: 1 << 16})
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v is not a *ParseError", err)
			}
			return
		}
		w1 := writeString(t, g)
		g2, err := Parse("rewritten", []byte(w1))
		if err != nil {
			t.Fatalf("rewritten game does not parse: %v\n%s", err, w1)
		}
		if w2 := writeString(t, g2); w2 != w1 {
			t.Fatalf("round trip differs")
		}
		if g.PerfectRecall() == nil && g.NumNodes() < 200 {
			if _, err := g.Check(g.Centroid()); err != nil {
				t.Fatalf("check: %v", err)
			}
		}
	})
}

// TestSequenceFormRandom runs Lemke's algorithm on 300 random two-player
// games with chance, imperfect information and perfect recall, depth 2
// to 5 and 2 to 4 actions a move (up to about 100 sequences a player):
// every run must end at an equilibrium that passes the exact check
// (SequenceForm verifies before returning).
func TestSequenceFormRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(99, 1))
	for k := range 300 {
		g := Random(rng, RandomOptions{Depth: 2 + k%4, MaxActions: 2 + k%3, Lo: -3, Hi: 3})
		if _, _, err := SequenceForm(context.Background(), g, SeqFormOptions{}); err != nil {
			t.Fatalf("game %d: %v\n%s", k, err, writeString(t, g))
		}
	}
}
