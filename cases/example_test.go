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
	// bar-boljare-2013: 2 offers, winner "cccc"
	// barakah-nuclear-2009: 2 offers, winner "kepco"
	// budhi-gandaki-2017: 2 offers, winner "nepal_own"
	// china-thailand-2016: 2 offers, winner "thai_self"
	// colombo-ect-2021: 2 offers, winner "slpa"
	// ecrl-renegotiation-2019: 2 offers, winner "renegotiated"
	// eec-hsr-2018: 2 offers, winner "cp_crcc"
	// jakarta-bandung-2015: 2 offers, winner "china"
	// karachi-circular-2017: 2 offers, winner "china"
	// kyaukphyu-2018: 2 offers, winner "phase_one"
	// matarbari-sonadia-2015: 2 offers, winner "japan"
	// mumbai-ahmedabad-2015: 2 offers, winner "japan"
	// padma-bridge-2013: 2 offers, winner "own_funds"
	// tanzania-sgr-2017: 2 offers, winner "yapi_mota"
	// uganda-sgr-2023: 2 offers, winner "yapi"
}
