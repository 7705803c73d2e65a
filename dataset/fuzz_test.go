package dataset_test

import (
	"bytes"
	"os"
	"testing"

	"github.com/infragame/infragame/dataset"
)

// FuzzReadYAML checks that the YAML reader never panics and that whatever it
// accepts without problems survives a CSV round trip.
func FuzzReadYAML(f *testing.F) {
	f.Add([]byte(goodYAML))
	files, _ := dataset.EmbeddedFiles()
	for _, b := range files {
		f.Add(b)
	}
	f.Add([]byte("facts:\n  - id: a\n    value: {value: .nan, unit: JPY}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		set, ps := dataset.ReadYAML("fuzz.yaml", data, "")
		if len(ps) > 0 || set == nil {
			return
		}
		for _, k := range dataset.Kinds {
			var buf bytes.Buffer
			if err := dataset.WriteCSV(&buf, k, set.Of(k)); err != nil {
				t.Fatalf("write %s: %v", k, err)
			}
			if _, ps := dataset.ReadCSV("rt.csv", &buf, k); len(ps) > 0 {
				t.Fatalf("accepted YAML did not survive CSV round trip: %v", ps)
			}
		}
	})
}

// FuzzReadCSV checks the CSV readers (own schema and AidData) never panic.
func FuzzReadCSV(f *testing.F) {
	f.Add([]byte("id,name,type,country,source\nx,X,policy-bank,CN,s\n"))
	for _, p := range []string{"testdata/aiddata-gcdf3-sample.csv", "testdata/aiddata-bad.csv"} {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		dataset.ReadCSV("fuzz.csv", bytes.NewReader(data), dataset.KindProject)
		dataset.ReadCSV("fuzz.csv", bytes.NewReader(data), dataset.KindInstitution)
		dataset.ReadAidData("fuzz.csv", bytes.NewReader(data), nil)
	})
}
