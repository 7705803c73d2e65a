package numfmt_test

import (
	"fmt"

	"github.com/infragame/infragame/internal/numfmt"
)

func ExampleShort() {
	for _, x := range []float64{2.0 / 3, -0.5, 1234567.8, 1e15, 1e-7} {
		fmt.Println(numfmt.Short(x))
	}
	// Output:
	// 0.666667
	// -0.5
	// 1234568
	// 1e+15
	// 1e-07
}
