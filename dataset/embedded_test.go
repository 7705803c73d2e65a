package dataset_test

import (
	"os"
	"strings"
	"testing"

	"github.com/infragame/infragame/dataset"
)

// TestEmbeddedValidates: the data compiled into the binary pass every rule.
func TestEmbeddedValidates(t *testing.T) {
	set, err := dataset.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range dataset.Kinds {
		if len(set.Of(k)) == 0 {
			t.Errorf("no %s records embedded", k)
		}
	}
	for _, f := range set.Facts {
		if f.Printed == nil && len(f.Source) > 4 && f.Source[:4] == "seed" {
			t.Errorf("fact %s comes from the seed but has no figure as printed", f.ID)
		}
		if f.Source[:min(4, len(f.Source))] == "seed" && f.Quote == "" {
			t.Errorf("fact %s comes from the seed but has no quote", f.ID)
		}
	}
}

// TestEverySeedNumberFindable: every number printed in the seed paper is
// found by Search (issue: "a user must be able to find any number in the
// paper with infragame data search"). The list is in testdata.
func TestEverySeedNumberFindable(t *testing.T) {
	set, err := dataset.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile("testdata/seed-numbers.txt")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "#") {
			continue
		}
		for _, num := range strings.Fields(line) {
			n++
			found := false
			for _, m := range dataset.Search(set, num) {
				found = found || strings.HasPrefix(m.Record.Base().Source, "seed")
			}
			if !found {
				t.Errorf("seed number %s is not found by Search in a record sourced to the seed", num)
			}
		}
	}
	if n < 100 {
		t.Fatalf("only %d numbers read", n)
	}
}
