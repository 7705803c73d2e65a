package units_test

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/infragame/infragame/units"
)

// The cases are the wrong-scale inputs of the December 2026 user review
// (a discount rate of 5 in a decimal field, a financed share of 0.75 in a
// percent field, a 0.02 % loan rate) and the rates the dataset records
// (JICA 0.1 %, CDB 2 % and 3.46 %, discount rates 5–10 %), which must pass.
func TestCheck(t *testing.T) {
	tests := []struct {
		name   string
		k      units.Kind
		s      units.Scale
		v      float64
		bad    bool
		likely float64
	}{
		{"decimal discount 5", units.DiscountRate, units.Fraction, 5, true, 0.05},
		{"decimal discount 0.05", units.DiscountRate, units.Fraction, 0.05, false, 0},
		{"percent discount 0.05", units.DiscountRate, units.Percent, 0.05, true, 5},
		{"percent discount 10", units.DiscountRate, units.Percent, 10, false, 0},
		{"percent discount 0", units.DiscountRate, units.Percent, 0, false, 0},
		{"percent discount 45", units.DiscountRate, units.Percent, 45, true, math.NaN()},
		{"share 0.75 %", units.Share, units.Percent, 0.75, true, 75},
		{"share 75 %", units.Share, units.Percent, 75, false, 0},
		{"share decimal 75", units.Share, units.Fraction, 75, true, 0.75},
		{"share decimal 0.75", units.Share, units.Fraction, 0.75, false, 0},
		{"loan 0.02 %", units.LoanRate, units.Percent, 0.02, true, 2},
		{"loan JICA 0.1 %", units.LoanRate, units.Percent, 0.1, false, 0},
		{"loan CDB 3.46 %", units.LoanRate, units.Percent, 3.46, false, 0},
		{"loan decimal 2", units.LoanRate, units.Fraction, 2, true, 0.02},
		{"loan decimal 0.001", units.LoanRate, units.Fraction, 0.001, false, 0},
		{"growth decimal 3", units.GrowthRate, units.Fraction, 3, true, 0.03},
		{"growth decimal -0.02", units.GrowthRate, units.Fraction, -0.02, false, 0},
		{"NaN left to range checks", units.LoanRate, units.Percent, math.NaN(), false, 0},
	}
	for _, tt := range tests {
		u := units.Check(tt.k, tt.s, tt.v)
		if (u != nil) != tt.bad {
			t.Errorf("%s: Check = %v, want unusual %v", tt.name, u, tt.bad)
			continue
		}
		if u == nil {
			continue
		}
		if math.IsNaN(tt.likely) != math.IsNaN(u.Likely) || !math.IsNaN(tt.likely) && math.Abs(u.Likely-tt.likely) > 1e-12 {
			t.Errorf("%s: likely %g, want %g", tt.name, u.Likely, tt.likely)
		}
		if !strings.Contains(u.Error(), "--allow-unusual") {
			t.Errorf("%s: message %q does not say how to keep the value", tt.name, u.Error())
		}
	}
}

func ExampleCheck() {
	// A financed share of 0.75 typed into a percent field.
	if u := units.Check(units.Share, units.Percent, 0.75); u != nil {
		fmt.Println(u.Error())
	}
	// Output:
	// 0.75 read as 0.75 % is unusual for a share (this field is a percentage: 5 is 5 %); did you mean 75? Pass --allow-unusual to keep it.
}
