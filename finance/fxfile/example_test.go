package fxfile_test

import (
	"fmt"

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
