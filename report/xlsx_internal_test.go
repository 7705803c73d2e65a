package report

import (
	"math"
	"strconv"
	"strings"
	"testing"
)

// FuzzXLSXValue checks the cell reader of workbooks: a blank cell is empty,
// a cell becomes a finite number only when it reads as one (a plain number,
// or a percentage divided by 100), and any other text stays as it is.
func FuzzXLSXValue(f *testing.F) {
	for _, s := range []string{"12.5 %", "-3%", "1e3", "0x1p-2", "NaN", "Inf", "1_000", "¥9.26 tn", "", " 42 ", "2015"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, pct := xlsxValue(s)
		trimmed := strings.TrimSpace(s)
		switch x := v.(type) {
		case nil:
			if trimmed != "" {
				t.Fatalf("%q read as empty", s)
			}
		case float64:
			if math.IsNaN(x) || math.IsInf(x, 0) {
				t.Fatalf("%q read as %v", s, x)
			}
			if !pct {
				if y, err := strconv.ParseFloat(trimmed, 64); err != nil || y != x {
					t.Fatalf("%q read as number %v", s, x)
				}
			} else if !strings.HasSuffix(trimmed, "%") {
				t.Fatalf("%q read as a percentage", s)
			}
		case string:
			if x != s || pct {
				t.Fatalf("text %q changed to %q", s, x)
			}
		default:
			t.Fatalf("%q read as %T", s, v)
		}
	})
}
