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

// A field with a Key matches that key literally, dots and all, in the
// mapping at Path (a scenario's params: {jp.guarantee_share: 0.5}).
func TestMatchLiteralKey(t *testing.T) {
	fields := []Field{{Path: "params", Key: "jp.guarantee_share"}}
	for _, c := range []struct {
		segs []string
		want bool
	}{
		{[]string{"params", "jp.guarantee_share"}, true},
		{[]string{"params", "jp", "guarantee_share"}, false},
		{[]string{"jp.guarantee_share"}, false},
		{[]string{"other", "jp.guarantee_share"}, false},
	} {
		if _, got := match(fields, c.segs); got != c.want {
			t.Errorf("match(%q) = %v, want %v", c.segs, got, c.want)
		}
	}
}
