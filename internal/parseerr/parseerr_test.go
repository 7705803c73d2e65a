package parseerr

import (
	"errors"
	"testing"
)

func TestPrefixLocateInFile(t *testing.T) {
	plain := errors.New("none given")
	inner := errors.Join(Fieldf("rate", "negative"), Fieldf("[2].id", "duplicate"), plain)
	got := Prefix("offers[0]", Prefix("loan", inner))
	want := "offers[0].loan.rate: negative\noffers[0].loan[2].id: duplicate\noffers[0].loan: none given"
	if got.Error() != want {
		t.Errorf("Prefix: got\n%v\nwant\n%s", got, want)
	}
	if !errors.Is(got, plain) {
		t.Error("Prefix lost the wrapped error")
	}
	if inner.Error() != "rate: negative\n[2].id: duplicate\nnone given" {
		t.Errorf("Prefix changed its input: %v", inner)
	}
	placed := Map(got, func(e error) error {
		c := *e.(*Error)
		c.Line, c.Column = 7, 3
		return &c
	})
	f := InFile("t.yaml", placed)
	want = "t.yaml:7:3: offers[0].loan.rate: negative\nt.yaml:7:3: offers[0].loan[2].id: duplicate\nt.yaml:7:3: offers[0].loan: none given"
	if f.Error() != want {
		t.Errorf("InFile: got\n%v\nwant\n%s", f, want)
	}
	if n := len(Leaves(f)); n != 3 {
		t.Errorf("%d leaves, want 3", n)
	}
	if InFile("x", nil) != nil || Prefix("x", nil) != nil || Map(nil, nil) != nil {
		t.Error("nil did not stay nil")
	}
	one := InFile("a.csv", errors.New("empty"))
	if _, ok := one.(*Error); !ok || one.Error() != "a.csv: empty" {
		t.Errorf("InFile of a plain error: %T %v", one, one)
	}
	if got := (&Error{Line: 4, Field: "x", Err: plain}).Error(); got != "line 4: x: none given" {
		t.Errorf("no file: %q", got)
	}
}

func TestJoinField(t *testing.T) {
	for _, c := range [][3]string{{"a", "b", "a.b"}, {"a", "[2].b", "a[2].b"}, {"", "b", "b"}, {"a", "", "a"}} {
		if got := JoinField(c[0], c[1]); got != c[2] {
			t.Errorf("JoinField(%q, %q) = %q, want %q", c[0], c[1], got, c[2])
		}
	}
}
