package dataset_test

import (
	"fmt"

	"github.com/infragame/infragame/dataset"
)

// Search folds full-width characters and spaces, so a figure typed the usual
// way finds it as the seed prints it ("9． 26 万亿日元").
func ExampleSearch() {
	set, err := dataset.Embedded()
	if err != nil {
		panic(err)
	}
	for _, m := range dataset.Search(set, "9.26") {
		if f, ok := m.Record.(*dataset.Fact); ok && f.ID == "jp-orders-2013-value" {
			fmt.Println(f.Printed.Text, "=", f.Value.Value, f.Value.Unit, f.Value.Year)
		}
	}
	// Output: 9． 26 万亿日元 = 9.26e+12 JPY 2013
}

func ExampleReadYAML() {
	doc := []byte("institutions:\n  - id: x-bank\n    name: X Bank\n    type: policy-bank\n    country: XX\n    source: s\n")
	_, problems := dataset.ReadYAML("mine.yaml", doc, "")
	for _, p := range problems {
		fmt.Println(p)
	}
	// Output: mine.yaml:5:14: record "x-bank": country: unknown country code "XX" (want ISO 3166-1 alpha-2, e.g. JP, CN, ID)
}
