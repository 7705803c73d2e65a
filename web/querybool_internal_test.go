package web

import (
	"net/url"
	"testing"
)

// TestQueryBool: a check box's field is on when present with any value but
// the empty string, "0", "false" or "off" (an empty form field is the
// option's default, off).
func TestQueryBool(t *testing.T) {
	for raw, want := range map[string]bool{
		"": false, "verify=": false, "verify=0": false, "verify=false": false, "verify=OFF": false,
		"verify=1": true, "verify=true": true, "verify=on": true, "other=1": false,
	} {
		q, err := url.ParseQuery(raw)
		if err != nil {
			t.Fatal(err)
		}
		if got := queryBool(q, "verify"); got != want {
			t.Errorf("%q: %v, want %v", raw, got, want)
		}
	}
}
