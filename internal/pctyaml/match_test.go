package pctyaml

import "testing"

// pathMatches agrees with comparing the split path segment by segment.
func TestPathMatches(t *testing.T) {
	for _, c := range []struct {
		path string
		segs []string
		want bool
	}{
		{"offers.*.loan.rate", []string{"offers", "japan", "loan", "rate"}, true},
		{"offers.*.loan.rate", []string{"offers", "japan", "loan"}, false},
		{"offers.*.loan.rate", []string{"offers", "japan", "loan", "rate", "x"}, false},
		{"offers.*.loan.rate", []string{"offers", "japan", "loan", "fee"}, false},
		{"host.discount_rate", []string{"host", "discount_rate"}, true},
		{"host.discount_rate", []string{"host"}, false},
		{"rate", []string{"rate"}, true},
		{"rate", nil, false},
		{"*", []string{"anything"}, true},
		{"a..b", []string{"a", "", "b"}, true},
	} {
		if got := pathMatches(c.path, c.segs); got != c.want {
			t.Errorf("pathMatches(%q, %q) = %v, want %v", c.path, c.segs, got, c.want)
		}
	}
}
