package dataset_test

import (
	"strings"
	"testing"

	"github.com/infragame/infragame/dataset"
)

func TestInRegionHierarchy(t *testing.T) {
	tests := []struct {
		region, want string
		in           bool
	}{
		{"sub-saharan-africa", "africa", true},
		{"asean5", "asean", true},
		{"asean5", "southeast-asia", true},
		{"mekong", "asia", true},
		{"central-asia", "russia-cis", true},
		{"central-asia", "asia", true},
		{"eastern-europe", "global", true},
		{"africa", "sub-saharan-africa", false},
		{"southeast-asia", "asean", false},
		{"middle-east", "asia", false},
		{"south-asia", "", true},
	}
	for _, tt := range tests {
		if got := dataset.InRegion(tt.region, tt.want); got != tt.in {
			t.Errorf("InRegion(%q, %q) = %v, want %v", tt.region, tt.want, got, tt.in)
		}
	}
	// Every region of the vocabulary reaches global.
	for _, r := range dataset.Regions {
		if !dataset.InRegion(r, "global") {
			t.Errorf("%s is not within global", r)
		}
	}
}

func TestFilterResolve(t *testing.T) {
	set, err := dataset.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	f := dataset.Filter{Region: "Africa", Sector: "HSR", Exporter: "cn", Host: "id", Topic: "ORDERS"}
	if err := f.Resolve(set); err != nil {
		t.Fatal(err)
	}
	if f.Region != "africa" || f.Sector != "hsr" || f.Exporter != "CN" || f.Host != "ID" || f.Topic != "orders" {
		t.Errorf("resolved %+v", f)
	}
	if f := (dataset.Filter{Exporter: "JICA"}); f.Resolve(set) != nil || f.Exporter != "jica" {
		t.Errorf("institution exporter: %+v", f)
	}
	for _, bad := range []dataset.Filter{{Sector: "foo"}, {Region: "atlantis"}, {Host: "XX"}, {Exporter: "nobody"}, {Topic: "nothing"}} {
		err := bad.Resolve(set)
		if err == nil || !strings.Contains(err.Error(), "unknown") {
			t.Errorf("%+v: err %v, want an unknown-value error", bad, err)
		}
	}
	// --region africa finds the sub-Saharan records too.
	all := len(set.Select(dataset.KindFact, dataset.Filter{Region: "africa"}))
	ssa := len(set.Select(dataset.KindFact, dataset.Filter{Region: "sub-saharan-africa"}))
	if ssa == 0 || all <= ssa {
		t.Errorf("africa %d facts, sub-saharan-africa %d: the wider region must include the narrower", all, ssa)
	}
	// --region asean finds projects whose host is a member even when they
	// are labelled southeast-asia.
	if n := len(set.Select(dataset.KindProject, dataset.Filter{Region: "asean"})); n == 0 {
		t.Error("no project in asean")
	}
}

func TestSortRecordsEventsByDate(t *testing.T) {
	set, err := dataset.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	ev := set.Select(dataset.KindEvent, dataset.Filter{})
	if err := dataset.SortRecords(ev, "", dataset.KindEvent); err != nil {
		t.Fatal(err)
	}
	for i := 1; i < len(ev); i++ {
		if a, b := ev[i-1].(*dataset.Event).Date, ev[i].(*dataset.Event).Date; a > b {
			t.Fatalf("events out of date order: %s before %s", a, b)
		}
	}
	facts := set.Select(dataset.KindFact, dataset.Filter{})
	if err := dataset.SortRecords(facts, "value", dataset.KindFact); err != nil {
		t.Fatal(err)
	}
	for i := 1; i < len(facts); i++ {
		a, b := facts[i-1].(*dataset.Fact).Value, facts[i].(*dataset.Fact).Value
		if a.Unit == b.Unit && a.Value < b.Value {
			t.Fatalf("facts in %s not by value, largest first: %g before %g", a.Unit, a.Value, b.Value)
		}
	}
	if err := dataset.SortRecords(facts, "colour", dataset.KindFact); err == nil {
		t.Error("unknown sort key accepted")
	}
}

func TestTallySplitsKinds(t *testing.T) {
	set, err := dataset.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	c := dataset.Tally(set)
	for _, group := range [][]dataset.Count{c.ByRegion, c.BySector, c.ByExporter} {
		for _, x := range group {
			if x.Facts+x.Projects != x.N {
				t.Errorf("%s: %d facts + %d projects != %d", x.Label, x.Facts, x.Projects, x.N)
			}
		}
	}
	n := 0
	for _, x := range c.FlaggedByKind {
		n += x.N
	}
	if n != c.Flagged {
		t.Errorf("flagged by kind sums to %d, total %d", n, c.Flagged)
	}
}
