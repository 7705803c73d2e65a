// Package numfmt holds the one short decimal form of a number that tables
// and the documents shown beside them share.
package numfmt

import "fmt"

// Short writes x with 6 significant digits, and values with
// 10^6 ≤ |x| < 10^15 as integers, so that money amounts are not printed in
// exponent form.
func Short(x float64) string {
	ax := x
	if ax < 0 {
		ax = -ax
	}
	if ax >= 1e6 && ax < 1e15 {
		return fmt.Sprintf("%.0f", x)
	}
	return fmt.Sprintf("%.6g", x)
}
