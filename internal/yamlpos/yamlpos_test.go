package yamlpos_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/infragame/infragame/internal/parseerr"
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
	if got, want := err.Error(), "f.yaml:3:8: items[0].x: negative"; got != want {
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
		{"type", "bidders:\n  - name: a\n    type: {low: abc, high: 1}\n", `f.yaml:3:17: bidders[0].type.low: want a number, got "abc"`},
		{"list for number", "reserve: [1, 2]\n", "f.yaml:1:10: reserve: want a number, got a list"},
		{"unknown", "bidders:\n  - name: a\n    colour: red\n", `f.yaml:3:5: bidders[0].colour: unknown field "colour"`},
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

// Keys with dots (market parameters under params:) are found, and an error
// naming a field with no line is placed there by Locate.
func TestLocateDottedKeys(t *testing.T) {
	d, err := yamlpos.Load("s.yaml", []byte("name: a\nparams:\n  jp.guarantee_share: 2\n  cn: {x.y: 3}\n"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		path      string
		line, col int
		exact     bool
	}{{"params.jp.guarantee_share", 3, 23, true}, {"params.cn.x.y", 4, 13, true}, {"params.jp.other", 3, 3, false}, {"", 1, 1, true}} {
		l, col, _, exact := d.Pos(c.path)
		if l != c.line || col != c.col || exact != c.exact {
			t.Errorf("Pos(%q) = %d:%d exact %v, want %d:%d %v", c.path, l, col, exact, c.line, c.col, c.exact)
		}
	}
	err = d.Locate(errors.Join(parseerr.Fieldf("params.jp.guarantee_share", "outside [0, 1]"), errors.New("plain")))
	want := "s.yaml:3:23: params.jp.guarantee_share: outside [0, 1]\nplain"
	if err.Error() != want {
		t.Errorf("Locate: got\n%v\nwant\n%s", err, want)
	}
}
