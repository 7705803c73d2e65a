package yamlpos_test

import (
	"errors"
	"fmt"
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

type bidders struct {
	Reserve float64 `yaml:"reserve"`
	Bidders []struct {
		Name string `yaml:"name"`
		Type struct {
			Low  float64 `yaml:"low"`
			High float64 `yaml:"high"`
		} `yaml:"type"`
		Sample []float64 `yaml:"sample"`
	} `yaml:"bidders"`
}

func TestErrorsNameYAMLFields(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"type", "bidders:\n  - name: a\n    type: {low: abc, high: 1}\n", `f.yaml:3: bidders[0].type.low: want a number, got "abc"`},
		{"list for number", "reserve: [1, 2]\n", "f.yaml:1: reserve: want a number, got a list"},
		{"unknown", "bidders:\n  - name: a\n    colour: red\n", `f.yaml:3: bidders[0].colour: unknown field "colour"`},
		{"duplicate", "reserve: 1\nreserve: 2\n", `already defined at line 1`},
		{"empty", "", "f.yaml: the file is empty"},
		{"comments only", "# nothing\n", "f.yaml: the file is empty"},
		{"syntax", "bidders: [1, 2\n", "f.yaml:"},
		{"two documents", "reserve: 1\n---\nreserve: 2\n", "f.yaml:2: more than one YAML document"},
		{"deep", "bidders: " + strings.Repeat("[", 150) + strings.Repeat("]", 150) + "\n", "nesting deeper than 100"},
		{"very deep", "bidders: " + strings.Repeat("[", 100000) + strings.Repeat("]", 100000) + "\n", "exceeded max depth"},
		{"self alias", "bidders: &a [*a]\n", "f.yaml:1"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var v bidders
			_, err := yamlpos.Decode("f.yaml", []byte(c.in), &v)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("got %v, want %q", err, c.want)
			}
			if strings.Contains(err.Error(), "Go struct") || strings.Contains(err.Error(), "float64") {
				t.Fatalf("error names a Go type: %v", err)
			}
		})
	}
}

// TestAliasChain is the review's alias chain across sibling fields: nine
// levels of ten aliases each expand to 10^9 values.
func TestAliasChain(t *testing.T) {
	var b strings.Builder
	b.WriteString("bidders:\n  - name: a0\n    sample: &s0 [" + strings.Repeat("0.1,", 9) + "0.1]\n")
	for i := 1; i < 10; i++ {
		fmt.Fprintf(&b, "  - name: a%d\n    sample: &s%d [%s*s%d]\n", i, i, strings.Repeat(fmt.Sprintf("*s%d,", i-1), 9), i-1)
	}
	var v bidders
	_, err := yamlpos.Decode("f.yaml", []byte(b.String()), &v)
	if !errors.Is(err, yamlpos.ErrLimit) {
		t.Fatalf("got %v, want a limit error", err)
	}
}

func TestBOM(t *testing.T) {
	var v bidders
	if _, err := yamlpos.Decode("f.yaml", []byte("\ufeff# comment\nreserve: 3\n"), &v); err != nil || v.Reserve != 3 {
		t.Fatalf("BOM: %v, %+v", err, v)
	}
}

func TestUnmarshalEmpty(t *testing.T) {
	var v bidders
	if err := yamlpos.Unmarshal(nil, &v); !errors.Is(err, yamlpos.ErrEmpty) {
		t.Fatalf("got %v", err)
	}
}
