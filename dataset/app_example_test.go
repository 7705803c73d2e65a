package dataset_test

import (
	"errors"
	"fmt"

	"github.com/infragame/infragame/dataset"
)

func ExampleSet_List() {
	set, err := dataset.Embedded()
	if err != nil {
		panic(err)
	}
	recs, err := set.List(dataset.KindProject, dataset.Filter{Sector: "hsr", Host: "ID"}, "")
	if err != nil {
		panic(err)
	}
	for _, r := range recs {
		fmt.Println(r.Base().ID)
	}
	_, err = set.List(dataset.KindProject, dataset.Filter{Sector: "rocket"}, "")
	fmt.Println(err != nil)
	// Output:
	// jakarta-bandung-hsr
	// true
}

func ExampleSet_Lookup() {
	set, err := dataset.Embedded()
	if err != nil {
		panic(err)
	}
	r, err := set.Lookup("jakarta-bandung-hsr")
	fmt.Println(r.RecordKind(), err)
	_, err = set.Lookup("jakarta-bandung")
	var nf *dataset.NotFoundError
	fmt.Println(errors.As(err, &nf), nf.Similar)
	// Output:
	// project <nil>
	// true [jakarta-bandung-hsr jakarta-bandung-order-value jakarta-bandung-china-wins-2015 cdb-jakarta-bandung-loan-2017]
}

func ExampleHits() {
	set, err := dataset.Embedded()
	if err != nil {
		panic(err)
	}
	for _, h := range dataset.Hits(dataset.Search(set, "雅万"), dataset.KindProject) {
		fmt.Println(h.ID, h.Kind)
	}
	// Output:
	// jakarta-bandung-hsr project
}

// A file with a bad record: the problem says where, and a front end reads
// the place through Position.
func ExampleProblem_Position() {
	_, ps := dataset.ReadYAML("mine.yaml", []byte("projects:\n  - id: x\n    year: soon\n"), "")
	var p interface {
		Position() (file string, line, column int, field string)
	}
	if errors.As(ps.Err(), &p) {
		fmt.Println(p.Position())
	}
	// Output:
	// mine.yaml 3 11 year
}
