package yamlpos_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/infragame/infragame/internal/yamlpos"
)

type spec struct {
	Items []struct {
		Name string  `yaml:"name"`
		X    float64 `yaml:"x"`
	} `yaml:"items"`
}

func TestLines(t *testing.T) {
	data := []byte("items:\n  - name: a\n    x: 1\n  - name: b\n    x: 2\n")
	var s spec
	d, err := yamlpos.Decode("f.yaml", data, &s)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		path string
		line int
	}{{"items", 2}, {"items[1].x", 5}, {"items[1].missing", 4}, {"nothere", 0}} {
		if got := d.Line(c.path); got != c.line {
			t.Errorf("Line(%q) = %d, want %d", c.path, got, c.line)
		}
	}
	err = d.Errorf("items[0].x", errors.New("negative"))
	if got, want := err.Error(), "f.yaml:3: items[0].x: negative"; got != want {
		t.Errorf("error %q, want %q", got, want)
	}
}

func TestDecodeErrors(t *testing.T) {
	var s spec
	_, err := yamlpos.Decode("f.yaml", []byte("items:\n  - name: a\n    y: 1\n"), &s)
	if err == nil || !strings.Contains(err.Error(), "f.yaml") || !strings.Contains(err.Error(), "y") {
		t.Errorf("unknown field: %v", err)
	}
	// Input on which the YAML library panics (found by fuzzing).
	_, err = yamlpos.Decode("f.yaml", []byte("A: \nbidders:\n  ! 0\n00000008: 00000"), &struct {
		Bidders []int `yaml:"bidders"`
	}{})
	if err == nil {
		t.Error("no error for malformed input")
	}
}

func TestLocateLines(t *testing.T) {
	data := []byte("a:\n  b:\n    - x: 1\n    - x: 2\nc: 3\n")
	d := yamlpos.Parse("f.yaml", data)
	err := d.LocateLines(errors.New("a.b[1].x: too big\nc: wrong\nnot a path at all"))
	want := "line 4: a.b[1].x: too big\nline 5: c: wrong\nnot a path at all"
	if err == nil || err.Error() != want {
		t.Fatalf("got %q, want %q", err, want)
	}
	if d.LocateLines(nil) != nil {
		t.Fatal("nil error changed")
	}
	if got := yamlpos.Parse("g.yaml", []byte("!0 ")).Line("a"); got != 0 {
		t.Fatalf("line in unparsable document: %d", got)
	}
}
