package dataset_test

import (
	"testing"

	"github.com/infragame/infragame/dataset"
)

// TestExport: an export without selection holds every record once, each
// kind under its plural; a selection keeps the set's order.
func TestExport(t *testing.T) {
	set, err := dataset.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	e := dataset.NewExport(set, nil, nil)
	if got, want := e.Len(), set.Len(); got != want {
		t.Fatalf("Len=%d, want %d", got, want)
	}
	doc := e.Document("v")
	if doc["version"] != "v" || len(doc) != 1+len(dataset.Kinds) {
		t.Errorf("document keys: %d, version %v", len(doc), doc["version"])
	}
	jp := dataset.NewExport(set, []dataset.Kind{dataset.KindProject}, dataset.Filter{Exporter: "JP"}.Match)
	want := set.Select(dataset.KindProject, dataset.Filter{Exporter: "JP"})
	if got := jp.Records[dataset.KindProject]; len(got) != len(want) || len(got) == 0 {
		t.Fatalf("JP projects: %d, want %d", len(got), len(want))
	}
	for i, r := range jp.Records[dataset.KindProject] {
		if r.Base().ID != want[i].Base().ID {
			t.Errorf("record %d: %s, want %s", i, r.Base().ID, want[i].Base().ID)
		}
	}
	ts, err := jp.Tables()
	if err != nil || len(ts) != 1 || len(ts[0].Rows) != len(want) || len(ts[0].Sources) != len(want) {
		t.Errorf("Tables: %v", err)
	}
}
