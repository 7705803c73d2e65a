package nfg_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/infragame/infragame/game"
	"github.com/infragame/infragame/game/nfg"
)

const pennies = `NFG 1 R "Matching pennies" { "Player 1" "Player 2" } { 2 2 }

1 -1 -1 1 -1 1 1 -1
`

func TestParsePayoffVersion(t *testing.T) {
	g, err := nfg.Parse(pennies)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := g.Title, "Matching pennies"; got != want {
		t.Errorf("title %q, want %q", got, want)
	}
	// Profile (row 2, column 1) has index 1: payoffs -1, 1.
	if got := g.Payoff(0, []int{1, 0}); got != -1 {
		t.Errorf("u1(2,1) = %g, want -1", got)
	}
	if got := g.Payoff(1, []int{1, 0}); got != 1 {
		t.Errorf("u2(2,1) = %g, want 1", got)
	}
}

func TestParseOutcomeVersion(t *testing.T) {
	f, err := os.Open("../testdata/mckelvey-mclennan-2x2x2.nfg")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	g, err := nfg.Read(f)
	if err != nil {
		t.Fatal(err)
	}
	if got := g.Shape(); fmt.Sprint(got) != "[2 2 2]" {
		t.Fatalf("shape %v", got)
	}
	// Outcome 4 {9, 8, 2} is profile index 3 = (2, 2, 1).
	for i, want := range []float64{9, 8, 2} {
		if got := g.Payoff(i, []int{1, 1, 0}); got != want {
			t.Errorf("player %d payoff %g, want %g", i+1, got, want)
		}
	}
	if !strings.HasPrefix(g.Comment, "Payoffs as in Gambit") {
		t.Errorf("comment %q", g.Comment)
	}
}

func TestNumbers(t *testing.T) {
	g, err := nfg.Parse(`NFG 1 R "" { "A" "B" } { 1 2 } 1/3 .8 -2.5e1 7`)
	if err != nil {
		t.Fatal(err)
	}
	if got := g.Exact[0][0].RatString(); got != "1/3" {
		t.Errorf("1/3 read as %s", got)
	}
	if got := g.Exact[1][0].RatString(); got != "4/5" {
		t.Errorf(".8 read as %s", got)
	}
	if got := g.Exact[0][1].RatString(); got != "-25" {
		t.Errorf("-2.5e1 read as %s", got)
	}
}

// TestIntegerPayoffs checks the integer fast path of the reader against
// math/big's parser (values, float64 rounding above 2⁵³, signs), in both
// versions, and that the exact payoffs, which share one array of words,
// do not alias: changing one leaves the others as they were.
func TestIntegerPayoffs(t *testing.T) {
	words := []string{"0", "-0", "+7", "-7", "100", "9007199254740993", "-123456789012345678",
		"999999999999999999", "1234567890123456789", "3", "-1", "42"}
	src := `NFG 1 R "" { "A" "B" } { 2 3 } ` + strings.Join(words, " ")
	out := `NFG 1 R "" { "A" "B" } { { "1" "2" } { "1" "2" "3" } } { `
	for k := 0; k < len(words); k += 2 {
		out += `{ "" ` + words[k] + `, ` + words[k+1] + ` } `
	}
	out += "} 1 2 3 4 5 6"
	for _, in := range []string{src, out} {
		g, err := nfg.Parse(in)
		if err != nil {
			t.Fatal(err)
		}
		for k, w := range words {
			want, _ := new(big.Rat).SetString(w)
			wantF, _ := want.Float64()
			got := g.Exact[k%2][k/2]
			if got.Cmp(want) != 0 || got.RatString() != want.RatString() || g.Payoffs[k%2][k/2] != wantF {
				t.Errorf("%q read as %s (%v), want %s (%v)", w, got.RatString(), g.Payoffs[k%2][k/2], want.RatString(), wantF)
			}
		}
		g.Exact[0][0].SetFrac64(-1<<62, 3)
		g.Exact[1][0].Num().Add(g.Exact[1][0].Num(), big.NewInt(1))
		for k, w := range words[2:] {
			want, _ := new(big.Rat).SetString(w)
			if got := g.Exact[k%2][k/2+1]; got.Cmp(want) != 0 {
				t.Errorf("after changing the first payoffs, %q is %s", w, got.RatString())
			}
		}
	}
}

func TestRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for k, shape := range [][]int{{2, 2}, {3, 4}, {2, 3, 2}, {1, 5}, {2, 2, 2, 2}} {
		g, err := game.Random(rng, game.Uniform, shape, game.RandomOptions{Lo: -50, Hi: 50, Real: k%2 == 1})
		if err != nil {
			t.Fatal(err)
		}
		g.Title = `a "quoted" \ title`
		g.Strategies[0][0] = "Build {rail}"
		for _, v := range []nfg.Version{nfg.PayoffVersion, nfg.OutcomeVersion} {
			var b bytes.Buffer
			if err := nfg.Write(&b, g, v); err != nil {
				t.Fatal(err)
			}
			h, err := nfg.Parse(b.String())
			if err != nil {
				t.Fatalf("shape %v version %d: %v\n%s", shape, v, err, b.String())
			}
			if h.Title != g.Title {
				t.Errorf("title %q, want %q", h.Title, g.Title)
			}
			if v == nfg.OutcomeVersion && h.Strategies[0][0] != g.Strategies[0][0] {
				t.Errorf("strategy name %q, want %q", h.Strategies[0][0], g.Strategies[0][0])
			}
			for i := range g.Payoffs {
				for p := range g.Payoffs[i] {
					if h.Exact[i][p].Cmp(g.RatPayoff(i, p)) != 0 || h.Payoffs[i][p] != g.Payoffs[i][p] {
						t.Fatalf("shape %v version %d: payoff %d,%d = %v, want %v", shape, v, i, p, h.Exact[i][p], g.RatPayoff(i, p))
					}
				}
			}
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name      string
		src       string
		want      error
		line, col int
		token     string
	}{
		{"empty", "", nfg.ErrHeader, 1, 1, ""},
		{"not nfg", "EFG 2 R", nfg.ErrHeader, 1, 1, "EFG"},
		{"version", "NFG 2 R \"\"", nfg.ErrHeader, 1, 5, "2"},
		{"one player", "NFG 1 R \"t\" { \"A\" } { 2 }\n1 2", nfg.ErrTooFewPlayers, 1, 15, "\"A\""},
		{"unterminated title", "NFG 1 R \"title", nfg.ErrUnterminated, 1, 9, "\"title"},
		{"too few payoffs", "NFG 1 R \"\" { \"A\" \"B\" } { 2 2 }\n1 2 3\n4 5 6 7", nfg.ErrPayoffCount, 3, 8, ""},
		{"too many payoffs", "NFG 1 R \"\" { \"A\" \"B\" } { 1 1 }\n1 2 3", nfg.ErrPayoffCount, 2, 5, "3"},
		{"non-numeric payoff", "NFG 1 R \"\" { \"A\" \"B\" } { 1 2 }\n1 2\n3 x4", nfg.ErrNumber, 3, 3, "x4"},
		{"zero strategies", "NFG 1 R \"\" { \"A\" \"B\" } { 0 2 }", nfg.ErrStrategies, 1, 26, "0"},
		{"outcome index", "NFG 1 R \"\" { \"A\" \"B\" } { { \"a\" } { \"b\" } }\n\"\"\n{ { \"\" 1, 2 } }\n2", nfg.ErrOutcomeIndex, 4, 1, "2"},
		{"outcome payoffs", "NFG 1 R \"\" { \"A\" \"B\" } { { \"a\" } { \"b\" } }\n\"\"\n{ { \"\" 1 } }\n1", nfg.ErrPayoffCount, 3, 10, "}"},
		{"missing outcomes", "NFG 1 R \"\" { \"A\" \"B\" } { { \"a\" } { \"b\" \"c\" } }\n{ { \"\" 1 2 } }\n1", nfg.ErrPayoffCount, 3, 2, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := nfg.Parse(tt.src)
			if !errors.Is(err, tt.want) {
				t.Fatalf("error %v, want %v", err, tt.want)
			}
			var pe *nfg.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %T is not a *ParseError", err)
			}
			if pe.Line != tt.line || pe.Column != tt.col || pe.Token != tt.token {
				t.Errorf("at line %d column %d token %q, want %d %d %q (%v)", pe.Line, pe.Column, pe.Token, tt.line, tt.col, tt.token, err)
			}
		})
	}
}

func FuzzParse(f *testing.F) {
	f.Add(pennies)
	if b, err := os.ReadFile("../testdata/mckelvey-mclennan-2x2x2.nfg"); err == nil {
		f.Add(string(b))
	}
	f.Add(`NFG 1 R "" { "A" "B" } { 1 2 } 1/3 .8 -2.5e1 7`)
	f.Add(`NFG 1 R "\"" { "A" "B" } { { "x" } { "y" } } "" { { "" 1, 2 } } 0`)
	f.Add("NFG 1 R \"")
	for _, s := range reviewNFG {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		g, err := nfg.Parse(src)
		if err != nil {
			var pe *nfg.ParseError
			if !errors.As(err, &pe) && !errors.Is(err, game.ErrTooLarge) {
				t.Fatalf("error %v is not a ParseError", err)
			}
			return
		}
		if err := g.Validate(); err != nil {
			t.Fatalf("parsed game invalid: %v", err)
		}
		var b bytes.Buffer
		if err := nfg.Write(&b, g, nfg.OutcomeVersion); err != nil {
			t.Fatal(err)
		}
		h, err := nfg.Parse(b.String())
		if err != nil {
			t.Fatalf("re-reading written game: %v\n%s", err, b.String())
		}
		for i := range g.Exact {
			for p := range g.Exact[i] {
				if h.Exact[i][p].Cmp(g.Exact[i][p]) != 0 {
					t.Fatalf("payoff %d,%d changed on round trip", i, p)
				}
			}
		}
	})
}

func ExampleWrite() {
	g := game.Bimatrix([][]float64{{3, 0}, {5, 1}}, [][]float64{{3, 5}, {0, 1}})
	g.Title = "Prisoner's dilemma"
	g.Players = []string{"Row", "Column"}
	_ = nfg.Write(os.Stdout, g, nfg.PayoffVersion)
	// Output:
	// NFG 1 R "Prisoner's dilemma" { "Row" "Column" } { 2 2 }
	// ""
	//
	// 3 3 5 0 0 5 1 1
}

// FuzzParseSolve goes from the file to the solvers: every parsed game has
// finite payoffs, and on small games every pure equilibrium and every
// Lemke–Howson equilibrium passes its own check (a valid profile whose
// regret is within tolerance of zero).
func FuzzParseSolve(f *testing.F) {
	f.Add(pennies)
	f.Add(`NFG 1 R "" { "A" "B" } { 2 2 } 2 1 0 1e400 0 0 1 2`)
	f.Add(`NFG 1 R "" { "A" "B" } { 3 2 } 1 2 3 4 5 6 6 5 4 3 2 1`)
	f.Add(`NFG 1 R "" { "A" "B" "C" } { 2 2 2 } 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24`)
	for _, s := range reviewNFG {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		g, err := nfg.Parse(src)
		if err != nil {
			return
		}
		for i, ps := range g.Payoffs {
			for _, v := range ps {
				if math.IsInf(v, 0) || math.IsNaN(v) {
					t.Fatalf("player %d has payoff %v", i+1, v)
				}
			}
		}
		if g.NumProfiles() > 64 {
			return
		}
		// Exact solving is polynomial in the payoffs' bit length but slow
		// when many distinct long denominators multiply into a common
		// denominator of hundreds of thousands of bits (the solvers stop at
		// their deadline, between pivots): this target checks correctness,
		// so it keeps to games whose denominators total at most 4096 bits.
		bits := 0
		for _, ps := range g.Exact {
			for _, v := range ps {
				bits += v.Denom().BitLen()
			}
		}
		if bits > 4096 {
			return
		}
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, ps := range g.Payoffs {
			for _, v := range ps {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
		tol := 1e-6 * math.Max(1, hi-lo)
		ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
		defer cancel()
		check := func(method string, eqs []game.Equilibrium) {
			for _, e := range eqs {
				if err := g.CheckProfile(e.Profile, 1e-6); err != nil {
					t.Fatalf("%s: invalid profile %v: %v", method, e.Profile, err)
				}
				if r := g.MaxRegret(e.Profile); !(r <= tol) {
					t.Fatalf("%s: equilibrium %v has regret %g", method, e.Profile, r)
				}
			}
		}
		eqs, err := game.PureEquilibria(ctx, g)
		if err == nil {
			check("pure", eqs)
		}
		if len(g.Players) == 2 {
			if eqs, err := game.LemkeHowson(ctx, g, game.LCPOptions{}); err == nil {
				check("lcp", eqs)
			}
		}
	})
}

// reviewNFG are the .nfg inputs of the reliability review (cases 1–36 of
// docs/limits.md), each a seed of the .nfg fuzz targets.
var reviewNFG = func() []string {
	head := func(counts string) string { return `NFG 1 R "" { "A" "B" } { ` + counts + " }\n\"\"\n\n" }
	g := func(payoffs string) string { return head("2 2") + payoffs + "\n" }
	return []string{
		head("100000 100000") + "1 2 3 4\n", // 1
		head("4097 4096") + "1 2\n",         // 2
		`NFG 1 R "" { ` + strings.Repeat(`"P" `, 30) + "} { " + strings.Repeat("2 ", 30) + "}\n", // 3
		head("-2 2"), head("0 2"), head("2147483648 2"), // 4–6
		g("1 2 3 4 5 6"), g("1 2 3 4 5 6 7 8 9 10"), // 7–8
		g("abc 1 0 1 0 0 1 2"), g("NaN 1 0 1 0 0 1 2"), g("+Inf 1 0 1 0 0 1 2"), // 9–11
		g("2 1 0 1e400 0 0 1 2"), g("2 1 0 1e1000 0 0 1 2"), g("2 1 0 1e-400 0 0 1 2"), // 12–14
		g("1e999999999999 1 0 1 0 0 1 2"),                                                             // 15
		g("1/" + strings.Repeat("7", 3000) + " 1 0 1 0 0 1 2"),                                        // 16
		g(strings.Repeat("9", 3000) + " 1 0 1 0 0 1 2"),                                               // 17
		g("1/" + strings.Repeat("7", 900) + " 1 0 1 0 0 1 2"),                                         // 18
		g("1/0 1 0 1 0 0 1 2"),                                                                        // 19
		"\ufeff" + g("2 1 0 1 0 0 1 2"),                                                               // 20
		strings.ReplaceAll(g("2 1 0 1 0 0 1 2"), "\n", "\r\n"),                                        // 21
		`NFG 1 R "t` + "\xff" + `" { "A` + "\xfe" + `" "B" } { 2 2 }` + "\n\"\"\n\n2 1 0 1 0 0 1 2\n", // 22
		g("\xff 1 0 1 0 0 1 2"),                                                                       // 23
		"",                                                                                            // 24
		`NFG 1 R "" { "A" } { 2 }` + "\n\"\"\n\n1 2\n",                                                // 28
		`NFG 1 R "A { "A" "B" } { 2 2 }`,                                                              // 29
		`NFG 1 R "" { "A" "B" } { { "a" "b" } { "c" } } "" { { "" 1, 2 } } 1 2`,                       // 30
		"hello world", // 31
	}
}()
