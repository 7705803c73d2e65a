package cases_test

import (
	"fmt"

	"github.com/infragame/infragame/cases"
)

func ExampleAll() {
	fs, err := cases.All()
	if err != nil {
		panic(err)
	}
	for _, f := range fs {
		fmt.Printf("%s: %d offers, winner %q\n", f.ID, len(f.Offers), f.Outcome.Winner)
	}
	// Output:
	// bangkok-chiang-mai-2017: 2 offers, winner ""
	// china-thailand-2016: 2 offers, winner "thai_self"
	// jakarta-bandung-2015: 2 offers, winner "china"
	// matarbari-sonadia-2015: 2 offers, winner "japan"
	// mumbai-ahmedabad-2015: 2 offers, winner "japan"
}
