package dataset

import (
	"regexp"
	"strings"
	"testing"
)

// TestValidIDMatchesPattern checks the hand-written id test against the
// regular expression it replaced.
func TestValidIDMatchesPattern(t *testing.T) {
	re := regexp.MustCompile(`^[a-z0-9][a-z0-9._-]*$`)
	for _, id := range []string{"", "a", "0", "aiddata-100000", "fx.usd_2020", "-a", ".a", "_a", "A", "a b", "a/b", "é", "a\n", "ab-.", "icbc"} {
		if got, want := validID(id), re.MatchString(id); got != want {
			t.Errorf("validID(%q) = %v, want %v", id, got, want)
		}
	}
}

func FuzzValidID(f *testing.F) {
	re := regexp.MustCompile(`^[a-z0-9][a-z0-9._-]*$`)
	f.Add("aiddata-1")
	f.Fuzz(func(t *testing.T, id string) {
		if got, want := validID(id), re.MatchString(id); got != want {
			t.Fatalf("validID(%q) = %v, want %v", id, got, want)
		}
	})
}

// TestCheckFieldNames: problems inside lists and nested values name the
// field in full.
func TestCheckFieldNames(t *testing.T) {
	p := &Project{Name: "P", Host: "TH", Region: "southeast-asia", Sector: "rail", Year: 2016,
		Size:        []Quantity{{Value: 1, Unit: "km"}, {Value: 1, Unit: "furlong"}},
		Value:       &Money{Amount: 1, Currency: "USD", Year: 3000},
		Parties:     []Party{{Country: "CN", Role: "lender"}, {Country: "CN", Role: "spectator"}},
		Instruments: []string{"grant", "barter"},
		Loans: []Loan{
			{Lender: "cdb", Status: "signed", Amount: &Money{Amount: 1, Currency: "USD", Year: 2016, Printed: &Printed{Value: 1, Unit: "美元", Scale: "gazillion"}}},
			{Lender: "cdb", Status: "signed", Amount: &Money{Amount: 1, Currency: "XXX", Year: 2016}, RatePct: ptr(-1.0)},
		}}
	p.ID, p.Source = "p", "s"
	s := &Strategy{Actor: "CN", Type: "tier", Name: "S", Regions: []string{"asia", "atlantis"}}
	s.ID, s.Source = "s", "s"
	f := &Fact{Topic: "t", Subject: "s", Metric: "m", Value: Quantity{Value: 1}}
	f.ID, f.Source = "f", "s"
	var got []string
	for _, r := range []Record{p, s, f} {
		for _, pr := range Check(r) {
			got = append(got, pr.Field)
		}
	}
	want := []string{"size[1].unit", "value.year", "parties[1].role", "instruments[1]",
		"loans[0].amount.printed.scale", "loans[1].amount.currency", "loans[1].rate_pct", "regions[1]", "value.unit"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("fields %q, want %q", got, want)
	}
}

func ptr[T any](v T) *T { return &v }

// TestTruncate: at most n runes, then an ellipsis.
func TestTruncate(t *testing.T) {
	for _, c := range []struct {
		s    string
		n    int
		want string
	}{{"", 3, ""}, {"abc", 3, "abc"}, {"abcd", 3, "abc…"}, {"雅万高铁", 2, "雅万…"}, {"雅万", 2, "雅万"}, {"abc", 0, "…"}} {
		if got := truncate(c.s, c.n); got != c.want {
			t.Errorf("truncate(%q, %d) = %q, want %q", c.s, c.n, got, c.want)
		}
	}
}
