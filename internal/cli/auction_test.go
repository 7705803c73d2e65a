package cli

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/infragame/infragame/coop"
)

func TestAuctionSolveJSON(t *testing.T) {
	out, errs, code := run(t, "auction", "solve", "../../examples/auction/issue.yaml", "--format", "json", "--verify", "--draws", "20000")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var doc struct {
		TopBid            *float64 `json:"top_bid"`
		LowestWinningBid  *float64 `json:"lowest_winning_bid"`
		Revenue           *float64 `json:"revenue"`
		NoSaleProbability *float64 `json:"no_sale_probability"`
		Bidders           []struct {
			Name           string   `json:"name"`
			WinProbability *float64 `json:"win_probability"`
			ExpectedProfit *float64 `json:"expected_profit"`
		} `json:"bidders"`
		Verification *struct {
			Passed bool `json:"passed"`
		} `json:"verification"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.TopBid == nil || doc.LowestWinningBid == nil || doc.Revenue == nil || doc.NoSaleProbability == nil || len(doc.Bidders) != 2 {
		t.Fatalf("missing fields in %s", out)
	}
	for _, b := range doc.Bidders {
		if b.Name == "" || b.WinProbability == nil || b.ExpectedProfit == nil {
			t.Errorf("bidder fields missing: %+v", b)
		}
	}
	// Reserve 0.25 with U[0,1] and F = x²: no sale when both are below it.
	if got, want := *doc.NoSaleProbability, 0.25*0.0625; got < want-1e-12 || got > want+1e-12 {
		t.Errorf("no_sale_probability %g, want %g", got, want)
	}
	if *doc.LowestWinningBid != 0.25 {
		t.Errorf("lowest_winning_bid %g", *doc.LowestWinningBid)
	}
	if doc.Verification == nil || !doc.Verification.Passed {
		t.Errorf("verification %+v", doc.Verification)
	}
}

func TestAuctionBidLastNumber(t *testing.T) {
	f := writeFile(t, "sym.yaml", "form: procurement\nbidders:\n  - {name: a, type: {dist: uniform, low: 0, high: 1}}\n  - {name: b, type: {dist: uniform, low: 0, high: 1}}\n  - {name: c, type: {dist: uniform, low: 0, high: 1}}\n")
	for _, who := range []string{"b", "2"} {
		out, errs, code := run(t, "auction", "bid", f, who, "0.4")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
		fields := strings.Fields(out)
		got, err := strconv.ParseFloat(fields[len(fields)-1], 64)
		if err != nil {
			t.Fatalf("last field of %q: %v", out, err)
		}
		// p(c) = c + (1 − c)/n for symmetric uniform costs.
		if want := 0.4 + 0.6/3; got < want-1e-9 || got > want+1e-9 {
			t.Errorf("bid %g, want %g", got, want)
		}
	}
	_, errs, code := run(t, "auction", "bid", f, "zz", "0.4")
	if code != 2 || !strings.Contains(errs, "no bidder") {
		t.Errorf("exit %d, %s", code, errs)
	}
	_, _, code = run(t, "auction", "bid", f, "a", "x")
	if code != 2 {
		t.Errorf("non-numeric type: exit %d", code)
	}
}

func TestAuctionScoringCLI(t *testing.T) {
	f := writeFile(t, "s.yaml", "form: scoring\nscore: {kind: linear, coef: 2}\nquality: [0, 10]\nbidders:\n  - {name: loan, type: {dist: uniform, low: 1, high: 2}, cost: {fixed: 1, scale: 0.5, exponent: 2}, price_weight: 0.8}\n  - {name: cash, type: {dist: uniform, low: 1, high: 2}, cost: {fixed: 1, scale: 0.5, exponent: 2}}\n")
	out, errs, code := run(t, "auction", "solve", f)
	if code != 0 || !strings.Contains(out, "First-score auction") || !strings.Contains(out, "Offers of loan") {
		t.Fatalf("exit %d: %s %s", code, out, errs)
	}
	out, _, code = run(t, "auction", "bid", f, "loan", "1.5")
	if code != 0 || !strings.Contains(out, "quality 1.66666") {
		t.Errorf("exit %d: %s", code, out)
	}
}

func TestAuctionBadInput(t *testing.T) {
	f := writeFile(t, "bad.yaml", "reserve: 3\nbidders:\n  - {name: a, type: {dist: uniform, low: 0, high: 1}}\n  - {name: b, type: {dist: uniform, low: 0, high: 2}}\n")
	_, errs, code := run(t, "auction", "solve", f)
	if code != 1 || !strings.Contains(errs, "bad.yaml:1") || !strings.Contains(errs, "reserve") {
		t.Errorf("exit %d: %s", code, errs)
	}
	_, _, code = run(t, "auction", "solve", f, "--format", "xml")
	if code != 2 {
		t.Errorf("bad format: exit %d", code)
	}
}

func TestCoopCLI(t *testing.T) {
	out, errs, code := run(t, "coop", "solve", "../../examples/coop/glove.yaml", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var doc coop.Solution
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Shapley) != 3 || doc.Shapley[0] < 0.6666 || doc.Shapley[0] > 0.6667 || !doc.Core.NonEmpty || doc.Nucleolus[0] < 1-1e-9 {
		t.Errorf("solution %+v", doc)
	}
	out, _, code = run(t, "coop", "bargain", "../../examples/coop/bargain.yaml")
	if code != 0 || !strings.Contains(out, "kalai_smorodinsky") {
		t.Errorf("exit %d: %s", code, out)
	}
	f := writeFile(t, "m.yaml", "players: [a, b]\nvalues: {a: 0, a+b: 1}\n")
	_, errs, code = run(t, "coop", "solve", f)
	if code != 1 || !strings.Contains(errs, "missing coalition {b}") {
		t.Errorf("exit %d: %s", code, errs)
	}
}
