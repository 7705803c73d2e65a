package dataset_test

import (
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
