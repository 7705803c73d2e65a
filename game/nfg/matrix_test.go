package nfg_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/infragame/infragame/game"
	"github.com/infragame/infragame/game/nfg"
	"github.com/infragame/infragame/internal/parseerr"
)

// bosMatrix is examples/game/bos.nfg (the battle of the sexes) written as a
// payoff matrix.
const bosMatrix = `# Battle of the sexes
title: Battle of the sexes
players: Wife Husband
rows: Opera Football
columns: Opera Football
2,1  0,0
0,0  1,2
`

func TestParseMatrix(t *testing.T) {
	want, err := os.ReadFile("../../examples/game/bos.nfg")
	if err != nil {
		t.Fatal(err)
	}
	bos, err := nfg.Parse(string(want))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ name, src string }{
		{"cells", bosMatrix},
		{"semicolons", "2,1 0,0; 0,0 1,2"},
		{"spaces around commas", "2 , 1   0 ,0\n0, 0 1 ,2\n"},
		{"two matrices", "A:\n2 0\n0 1\nB:\n1 0\n0 2\n"},
		{"two matrices, one line each", "A: 2,0; 0,1\nB: 1,0; 0,2"},
		{"CRLF, BOM, comments", "\ufeff# c\r\n2,1 0,0 # row 1\r\n\r\n0,0 1,2\r\n"},
		{"fractions and decimals", "4/2,1.0 0,0e0\n0,0 1,2"},
	} {
		t.Run(c.name, func(t *testing.T) {
			g, err := nfg.ParseMatrix("m.txt", c.src, 0)
			if err != nil {
				t.Fatal(err)
			}
			if g.NumPlayers() != 2 || fmt.Sprint(g.Shape()) != "[2 2]" {
				t.Fatalf("shape %v", g.Shape())
			}
			for i := range 2 {
				for k := range g.NumProfiles() {
					if g.Exact[i][k].Cmp(bos.Exact[i][k]) != 0 {
						t.Errorf("player %d profile %d: %v, bos.nfg has %v", i+1, k, g.Exact[i][k], bos.Exact[i][k])
					}
				}
			}
		})
	}
	g, err := nfg.ParseMatrix("m.txt", bosMatrix, 0)
	if err != nil {
		t.Fatal(err)
	}
	if g.Title != "Battle of the sexes" || strings.Join(g.Players, ",") != "Wife,Husband" || strings.Join(g.Strategies[1], ",") != "Opera,Football" {
		t.Errorf("names: %q %v %v", g.Title, g.Players, g.Strategies)
	}
	// "A:" alone is zero-sum: matching pennies.
	g, err = nfg.ParseMatrix("m.txt", "rows: \"Heads up\" Tails\nA:\n1 -1\n-1 1\n", 0)
	if err != nil {
		t.Fatal(err)
	}
	if g.Payoffs[1][0] != -1 || g.Payoffs[1][1] != 1 || g.Strategies[0][0] != "Heads up" {
		t.Errorf("zero-sum: %v %v", g.Payoffs, g.Strategies)
	}
	// A rectangular game: 2 × 3, player 1's strategy varies fastest.
	g, err = nfg.ParseMatrix("m.txt", "1,2 3,4 5,6\n7,8 9,10 11,12", 0)
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(g.Payoffs[0], g.Payoffs[1]); got != "[1 7 3 9 5 11] [2 8 4 10 6 12]" {
		t.Errorf("2 × 3 payoffs: %s", got)
	}
}

func TestParseMatrixErrors(t *testing.T) {
	for _, c := range []struct {
		src       string
		line, col int
		msg       string
	}{
		{"2,1 0,0\n0,0 1", 2, 6, "cell 2"},
		{"2,1 0,0\n0,0", 2, 1, "row 2 has 1 cells, row 1 has 2"},
		{"2,1 x,0", 1, 5, `"x": not a number`},
		{"hello", 1, 1, "starts with NFG"},
		{"2,1,3", 1, 4, `"," where a number belongs`},
		{"2,", 1, 2, "no column player's payoff"},
		{"1,1e5000", 1, 3, "exponent out of range"},
		{"# nothing\n", 0, 0, "no rows"},
		{"rows: a b c\n1,1\n2,2", 1, 1, "rows: names 3 strategies, the matrix has 2 rows"},
		{"players: a\n1,1", 1, 1, "2 players"},
		{"A:\n1 2\nB:\n1 2 3", 3, 1, "B is 1 × 3, A is 1 × 2"},
		{"A:\n1 2\nB:\n1 2\n3 4", 3, 1, "B is 2 × 2, A is 1 × 2"},
		{"B:\n1", 1, 1, "B: before A:"},
		{"1,1\nA:\n1", 2, 1, "either cells or the matrices"},
		{"rows: \"open", 1, 7, "unterminated"},
		{"title: x\ntitle: y\n1,1", 2, 1, "given twice"},
		{"1,1 ;; ,", 1, 8, `"," where a number belongs`},
		{"A: 1 ;; ,", 1, 9, "a row with no number"},
	} {
		_, err := nfg.ParseMatrix("m.txt", c.src, 0)
		var pe *parseerr.Error
		if !errors.As(err, &pe) || !errors.Is(err, nfg.ErrMatrix) {
			t.Errorf("%q: %v is not a matrix parse error", c.src, err)
			continue
		}
		if pe.File != "m.txt" || pe.Line != c.line || pe.Column != c.col || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%q: %v (line %d column %d), want line %d column %d with %q", c.src, err, pe.Line, pe.Column, c.line, c.col, c.msg)
		}
	}
	// The size limit.
	_, err := nfg.ParseMatrix("m.txt", "1,1 1,1 1,1\n1,1 1,1 1,1", 5)
	if !errors.Is(err, game.ErrTooLarge) {
		t.Errorf("6 cells at a limit of 5: %v", err)
	}
}

func TestIsMatrix(t *testing.T) {
	for src, want := range map[string]bool{
		"NFG 1 R \"\" {}": false, "\ufeff\n  NFG 1": false, "NFG": false,
		"2,1 0,0": true, "A:\n1": true, "NFGX": true, "": true,
	} {
		if got := nfg.IsMatrix(src); got != want {
			t.Errorf("IsMatrix(%q) = %v", src, got)
		}
	}
}

func ExampleParseMatrix() {
	g, err := nfg.ParseMatrix("pd.txt", `# a prisoners' dilemma
rows: Cooperate Defect
columns: Cooperate Defect
3,3 0,5
5,0 1,1`, 0)
	if err != nil {
		fmt.Println(err)
		return
	}
	var b bytes.Buffer
	if err := nfg.Write(&b, g, nfg.PayoffVersion); err != nil {
		fmt.Println(err)
	}
	fmt.Print(b.String())
	// Output:
	// NFG 1 R "" { "Player 1" "Player 2" } { 2 2 }
	// ""
	//
	// 3 3 5 0 0 5 1 1
}

// FuzzParseMatrix: the reader never panics, every error is a positioned
// parse error (or the size limit), and every game read is valid and
// survives writing as .nfg and reading back with the same exact payoffs.
func FuzzParseMatrix(f *testing.F) {
	f.Add(bosMatrix)
	f.Add("A:\n1 -1\n-1 1\nB: 1,2;3,4")
	f.Add("rows: \"a b\" c\n1/3,2 .5,-1e3;4,4 5,5")
	f.Add("1,1 ;; ,")
	f.Fuzz(func(t *testing.T, src string) {
		g, err := nfg.ParseMatrix("f.txt", src, 10000)
		if err != nil {
			var pe *parseerr.Error
			if !errors.As(err, &pe) && !errors.Is(err, nfg.ErrTooBig) {
				t.Fatalf("error %v is not a parse error", err)
			}
			return
		}
		if err := g.Validate(); err != nil {
			t.Fatalf("game read is invalid: %v", err)
		}
		var b bytes.Buffer
		if err := nfg.Write(&b, g, nfg.OutcomeVersion); err != nil {
			t.Fatal(err)
		}
		h, err := nfg.Parse(b.String())
		if err != nil {
			t.Fatalf("re-reading the written game: %v\n%s", err, b.String())
		}
		for i := range g.Exact {
			for k := range g.Exact[i] {
				if g.Exact[i][k].Cmp(h.Exact[i][k]) != 0 {
					t.Fatalf("payoff %d,%d: %v written, %v read back", i, k, g.Exact[i][k], h.Exact[i][k])
				}
			}
		}
	})
}
