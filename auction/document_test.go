package auction_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"testing"

	"github.com/infragame/infragame/auction"
)

// encode writes v as report.WriteJSON does (indented, HTML left alone).
func encode(t *testing.T, v any) string {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestSpecResultJSON checks that a SpecResult encodes as the result's own
// fields plus "verification", with names holding HTML characters kept as
// they are.
func TestSpecResultJSON(t *testing.T) {
	for _, src := range []string{
		"bidders:\n  - name: \"A&B <consortium>\"\n    type: {dist: uniform, low: 0, high: 1}\n  - name: c\n    type: {dist: uniform, low: 0, high: 2}\n",
		"form: scoring\nscore: {kind: linear, coef: 2}\nquality: [0, 10]\nbidders:\n  - name: \"A&B\"\n    type: {dist: uniform, low: 1, high: 2}\n    cost: {fixed: 1, scale: 0.5, exponent: 2}\n  - type: {dist: uniform, low: 1, high: 2}\n    cost: {fixed: 1, scale: 0.5, exponent: 2}\n",
	} {
		sp, err := auction.ParseSpec("t.yaml", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		for _, verify := range []bool{false, true} {
			res, err := auction.SolveSpec(context.Background(), sp, auction.SpecOptions{Verify: verify, Draws: 2000, GridPoints: 3})
			if err != nil {
				t.Fatal(err)
			}
			var want string
			if names := sp.BidderNames(); res.Scoring != nil && names[1] != "bidder2" {
				t.Errorf("unnamed scoring bidder: names %q, want bidder2 second", names)
			}
			if res.Scoring != nil {
				want = encode(t, struct {
					*auction.ScoringResult
					Verification *auction.Verification `json:"verification,omitempty"`
				}{res.Scoring, res.Verification})
			} else {
				want = encode(t, struct {
					*auction.Result
					Verification *auction.Verification `json:"verification,omitempty"`
				}{res.Result, res.Verification})
			}
			if got := encode(t, res); got != want {
				t.Errorf("verify=%v: JSON differs:\n%s\nwant\n%s", verify, got, want)
			}
			if !bytes.Contains([]byte(want), []byte(`"A&B`)) || (verify != bytes.Contains([]byte(want), []byte(`"verification"`))) {
				t.Errorf("verify=%v: %s", verify, want)
			}
		}
	}
}

func TestSolveSpecLimits(t *testing.T) {
	sp, err := auction.ParseSpec("t.yaml", []byte(issueSpec))
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range []auction.SpecOptions{{GridPoints: -1}, {GridPoints: auction.MaxGridPoints + 1}, {Draws: -1}, {Draws: auction.MaxDraws + 1}} {
		if _, err := auction.SolveSpec(context.Background(), sp, o); !errors.Is(err, auction.ErrLimit) {
			t.Errorf("%+v: %v, want ErrLimit", o, err)
		}
	}
}

func TestBidderIndex(t *testing.T) {
	sp, err := auction.ParseSpec("t.yaml", []byte(issueSpec))
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]int{"weak": 0, "strong": 1, "1": 0, "2": 1, "3": -1, "0": -1, "nobody": -1} {
		i, err := sp.BidderIndex(name)
		if want < 0 {
			if !errors.Is(err, auction.ErrNoBidder) {
				t.Errorf("%q: %d, %v; want ErrNoBidder", name, i, err)
			}
			continue
		}
		if err != nil || i != want {
			t.Errorf("%q: %d, %v; want %d", name, i, err, want)
		}
	}
	if _, err := auction.QuoteBid(context.Background(), sp, 5, 0.5); !errors.Is(err, auction.ErrNoBidder) {
		t.Errorf("bidder 6 of 2: %v", err)
	}
	if _, err := auction.QuoteBid(context.Background(), sp, 0, -0.1); !errors.Is(err, auction.ErrOutsideSupport) {
		t.Errorf("type below the support: %v", err)
	}
}
