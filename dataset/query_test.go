package dataset_test

import (
	"reflect"
	"slices"
	"testing"

	"github.com/infragame/infragame/dataset"
)

func TestTerms(t *testing.T) {
	tests := []struct {
		q    string
		want [][]string
	}{
		{"9.26 trillion", [][]string{{"9.26trillion", "9260000000000"}}},
		{"110 bn", [][]string{{"110bn", "110000000000"}}},
		{"1100亿美元", [][]string{{"1100亿美元", "110000000000"}, {"usd", "美元"}}},
		{"30万亿", [][]string{{"30万亿", "30000000000000"}}},
		{"PQI dollars", [][]string{{"pqi"}, {"dollars", "usd", "美元"}}},
		{"９．２６", [][]string{{"9.26"}}},
	}
	for _, tt := range tests {
		if got := dataset.Terms(tt.q); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Terms(%q) = %q, want %q", tt.q, got, tt.want)
		}
	}
}

// The paper's headline figures, searched as an English- or Chinese-speaking
// user types them (the December 2026 review: "9.26 trillion" and "110
// billion" found nothing).
func TestSearchScaleWords(t *testing.T) {
	set, err := dataset.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	for q, id := range map[string]string{
		"9.26 trillion": "jp-orders-2013-value",
		"9.26tn yen":    "jp-orders-2013-value",
		"110 billion":   "pqi-total",
		"1100亿美元":       "pqi-total",
		"30 trillion":   "jp-infra-export-target-2020",
	} {
		var ids []string
		for _, m := range dataset.Search(set, q) {
			ids = append(ids, m.Record.Base().ID)
		}
		if !slices.Contains(ids, id) {
			t.Errorf("search %q: %s not among %v", q, id, ids)
		}
	}
}
