package gambittext

import (
	"math/big"
	"testing"
)

// TestNumberSmallInt checks that the int64 fast path of Number gives what
// big.Rat.SetString gives, on both sides of its 18-digit limit.
func TestNumberSmallInt(t *testing.T) {
	for _, s := range []string{"0", "-0", "+5", "-5", "007", "100", "-100",
		"123456789012345678", "-999999999999999999", // 18 digits: fast path
		"1234567890123456789", "9223372036854775808", // 19 digits: math/big
		"1.5", "1/3", "1e3"} {
		got, why := Number(s)
		want, _ := new(big.Rat).SetString(s)
		if got == nil || got.Cmp(want) != 0 {
			t.Errorf("Number(%q) = %v (%q), want %v", s, got, why, want)
		}
	}
	for _, s := range []string{"", "-", "+", "--1", "1-", "0x10", "1_000", "12a"} {
		if got, _ := Number(s); got != nil {
			t.Errorf("Number(%q) = %v, want no number", s, got)
		}
	}
}
