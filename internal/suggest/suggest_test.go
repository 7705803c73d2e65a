package suggest_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/infragame/infragame/internal/suggest"
)

func TestClosest(t *testing.T) {
	names := []string{"host.discount_rate", "host.shadow_price", "offers.japan.capex", "offers.china.capex"}
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"host.discount_rat", []string{"host.discount_rate"}},
		{"host.dsicount_rate", []string{"host.discount_rate"}}, // adjacent transposition costs 1
		{"offers.japn.capex", []string{"offers.japan.capex", "offers.china.capex"}},
		{"zzz", nil},
		{"host.discount_rate", nil}, // an exact name is no suggestion
	} {
		if got := suggest.Closest(c.in, names); !slices.Equal(got, c.want) {
			t.Errorf("Closest(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func ExampleClosest() {
	fmt.Println(suggest.Closest("jakarta-bandung", []string{"jakarta-bandung-hsr", "mumbai-ahmedabad-hsr"}))
	// Output: [jakarta-bandung-hsr]
}
