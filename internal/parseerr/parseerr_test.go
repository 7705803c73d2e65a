package parseerr_test

import (
	"errors"
	"fmt"
	"io"

	"github.com/infragame/infragame/internal/parseerr"
)

func ExampleError() {
	err := fmt.Errorf("reading rates: %w", &parseerr.Error{File: "fx.csv", Line: 3, Column: 5, Field: "year", Err: io.ErrUnexpectedEOF})
	fmt.Println(err)
	var pe *parseerr.Error
	if errors.As(err, &pe) {
		fmt.Println(pe.Position())
	}
	fmt.Println(errors.Is(err, io.ErrUnexpectedEOF))
	fmt.Println(parseerr.At("offers.yaml", 0, 0, "", "no offers"))
	// Output:
	// reading rates: fx.csv:3:5: year: unexpected EOF
	// fx.csv 3 5 year
	// true
	// offers.yaml: no offers
}
