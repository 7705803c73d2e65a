package cases_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/infragame/infragame/cases"
)

// TestDocumentsUsePctNames: the JSON of every case is its file, with rates
// and shares under their _pct names, and says the same id as the parsed
// case.
func TestDocumentsUsePctNames(t *testing.T) {
	docs, err := cases.Documents()
	if err != nil {
		t.Fatal(err)
	}
	fs, err := cases.All()
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != len(fs) {
		t.Fatalf("%d documents for %d cases", len(docs), len(fs))
	}
	for i, d := range docs {
		var c struct {
			ID string `json:"id"`
		}
		if err := json.Unmarshal(d, &c); err != nil {
			t.Fatalf("case %d: %v", i, err)
		}
		if c.ID != fs[i].ID {
			t.Errorf("document %d is %q, the case %q", i, c.ID, fs[i].ID)
		}
		for _, old := range []string{`"share_financed":`, `"rate":`, `"sovereign_yield":`, `"discount_rate":`, `"host_power":`} {
			if strings.Contains(string(d), old) {
				t.Errorf("case %s: %s without _pct", c.ID, old)
			}
		}
		if i == 0 && !strings.Contains(string(d), `"share_financed_pct":`) {
			t.Errorf("case %s: no share_financed_pct in %.300s", c.ID, d)
		}
	}
}
