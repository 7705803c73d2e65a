package dataset

import (
	"regexp"
	"testing"
)

// TestValidIDMatchesPattern checks the hand-written id test against the
// regular expression it replaced.
func TestValidIDMatchesPattern(t *testing.T) {
	re := regexp.MustCompile(`^[a-z0-9][a-z0-9._-]*$`)
	for _, id := range []string{"", "a", "0", "aiddata-100000", "fx.usd_2020", "-a", ".a", "_a", "A", "a b", "a/b", "é", "a\n", "ab-.", "icbc"} {
		if got, want := validID(id), re.MatchString(id); got != want {
			t.Errorf("validID(%q) = %v, want %v", id, got, want)
		}
	}
}

func FuzzValidID(f *testing.F) {
	re := regexp.MustCompile(`^[a-z0-9][a-z0-9._-]*$`)
	f.Add("aiddata-1")
	f.Fuzz(func(t *testing.T, id string) {
		if got, want := validID(id), re.MatchString(id); got != want {
			t.Fatalf("validID(%q) = %v, want %v", id, got, want)
		}
	})
}
