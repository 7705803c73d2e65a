package fxfile_test

import (
	"fmt"

	"github.com/infragame/infragame/dataset"
	"github.com/infragame/infragame/finance/fxfile"
)

func ExampleParse() {
	// Federal Reserve G.5A annual averages, 2015.
	t, err := fxfile.Parse("rates.csv", []byte("currency,year,per_usd,source\nJPY,2015,121.0491,Fed G.5A\nCNY,2015,6.2827,Fed G.5A\n"))
	if err != nil {
		panic(err)
	}
	fmt.Println(t.PerUSD("JPY", 2015))
	_, err = fxfile.Parse("rates.csv", []byte("JPY,2015,-3\n"))
	fmt.Println(err)
	// Output:
	// 121.0491 <nil>
	// rates.csv:1: finance: invalid exchange rate: JPY 2015 per USD = -3 (want a positive number)
}

func ExampleOrigins() {
	set, err := dataset.Embedded()
	if err != nil {
		panic(err)
	}
	t, err := fxfile.FromRecords(set)
	if err != nil {
		panic(err)
	}
	o := fxfile.Origins(set)
	for _, c := range []string{"INR", "IDR"} {
		r, _ := t.PerUSD(c, 2015)
		fmt.Printf("%s 2015: %g per USD (%s, %s)\n", c, r, o[c][2015].Series, o[c][2015].Record)
	}
	// Output:
	// INR 2015: 64.11 per USD (FRB G.5A annual average, fx-inr-2015)
	// IDR 2015: 13389.4129365079 per USD (World Bank WDI PA.NUS.FCRF, fx-idr-2015)
}
