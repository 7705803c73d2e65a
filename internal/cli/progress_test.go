package cli

import (
	"bytes"
	"strings"
	"testing"
)

// The bar redraws its line in place and blanks it when finished.
func TestBar(t *testing.T) {
	var buf bytes.Buffer
	b := newBar(&buf, "runs", 1000, 0)
	b.set(420)
	if got, want := buf.String(), "\rruns  42% [########            ] 420/1000"; got != want {
		t.Fatalf("drawn %q, want %q", got, want)
	}
	buf.Reset()
	b.set(1000)
	if got, want := buf.String(), "\rruns 100% [####################] 1000/1000"; got != want {
		t.Fatalf("drawn %q, want %q", got, want)
	}
	buf.Reset()
	b.finish()
	if got := buf.String(); got != "\r"+strings.Repeat(" ", 42)+"\r" {
		t.Fatalf("finish wrote %q", got)
	}

	buf.Reset()
	u := newBar(&buf, "bases", -1, 0)
	u.describe("3 equilibria; bases")
	u.set(12345)
	u.describe("x")
	u.set(7)
	if got, want := buf.String(), "\r3 equilibria; bases 12345\rx 7                      "; got != want {
		t.Fatalf("drawn %q, want %q", got, want)
	}
}
