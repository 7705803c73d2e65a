package main

import (
	"bufio"
	"fmt"
	"io"
	"math/big"
	"os"
	"slices"
	"strings"
)

// canonRats joins numbers as exact rationals in lowest terms ("2/4" and
// "0.5" both give "1/2").
func canonRats(vals []string) (string, error) {
	c := make([]string, len(vals))
	for i, v := range vals {
		r, ok := new(big.Rat).SetString(v)
		if !ok {
			return "", fmt.Errorf("bad number %q", v)
		}
		c[i] = r.RatString()
	}
	return strings.Join(c, ","), nil
}

// gambitSet reads the "NE,x1,…,xm,y1,…,yn" lines of `game solve --format
// gambit` and returns the distinct profiles, sorted.
func gambitSet(r io.Reader) ([]string, error) {
	var set []string
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		rest, ok := strings.CutPrefix(sc.Text(), "NE,")
		if !ok {
			continue
		}
		p, err := canonRats(strings.Split(rest, ","))
		if err != nil {
			return nil, err
		}
		set = append(set, p)
	}
	slices.Sort(set)
	return slices.Compact(set), sc.Err()
}

// lrsnashSet reads lrsnash's output (lrslib 7): groups of lines
// "2 y1 … yn payoff1" followed by lines "1 x1 … xm payoff2", each
// (1-line, 2-line) pair of a group an equilibrium, and returns the
// distinct profiles "x1,…,xm,y1,…,yn", sorted.
func lrsnashSet(r io.Reader) ([]string, error) {
	var set, ys []string
	last := ""
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) == 0 || strings.HasPrefix(f[0], "*") {
			last, ys = "", nil
			continue
		}
		if len(f) < 3 {
			return nil, fmt.Errorf("lrsnash: unexpected line %q", sc.Text())
		}
		v, err := canonRats(f[1 : len(f)-1]) // the last field is a payoff
		if err != nil {
			return nil, err
		}
		switch f[0] {
		case "2":
			if last == "1" {
				ys = nil
			}
			ys = append(ys, v)
		case "1":
			for _, y := range ys {
				set = append(set, v+","+y)
			}
		default:
			return nil, fmt.Errorf("lrsnash: unexpected line %q", sc.Text())
		}
		last = f[0]
	}
	slices.Sort(set)
	return slices.Compact(set), sc.Err()
}

// eqsame compares the equilibria of the two outputs and says how they
// compare: "7 = 7 (same set)" or "7 / 6 (differ)".
func eqsame(ig, lrs io.Reader) (string, bool, error) {
	a, err := gambitSet(ig)
	if err != nil {
		return "", false, err
	}
	b, err := lrsnashSet(lrs)
	if err != nil {
		return "", false, err
	}
	if slices.Equal(a, b) {
		return fmt.Sprintf("%d = %d (same set)", len(a), len(b)), true, nil
	}
	return fmt.Sprintf("%d / %d (**differ**)", len(a), len(b)), false, nil
}

func eqsameCmd(args []string) error {
	if len(args) != 2 {
		return fmt.Errorf("usage: benchmd eqsame INFRAGAME_OUTPUT LRSNASH_OUTPUT")
	}
	a, err := os.Open(args[0])
	if err != nil {
		return err
	}
	defer a.Close()
	b, err := os.Open(args[1])
	if err != nil {
		return err
	}
	defer b.Close()
	s, same, err := eqsame(a, b)
	if err != nil {
		return err
	}
	fmt.Println(s)
	if !same {
		os.Exit(3)
	}
	return nil
}
