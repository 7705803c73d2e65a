package web_test

import (
	"encoding/json"
	"fmt"
	"html"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// jsonNumbers returns every number of a JSON document as written, in
// document order.
func jsonNumbers(t testing.TB, doc string) []string {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(doc))
	dec.UseNumber()
	var out []string
	for {
		tok, err := dec.Token()
		if err != nil {
			if err.Error() == "EOF" {
				return out
			}
			t.Fatalf("not JSON: %v\n%.300s", err, doc)
		}
		if n, ok := tok.(json.Number); ok {
			out = append(out, n.String())
		}
	}
}

var dataValueAttr = regexp.MustCompile(`data-value="([^"]*)"`)

// htmlValues returns the data-value attributes of a page, in order.
func htmlValues(t testing.TB, page string) []string {
	t.Helper()
	var out []string
	for _, m := range dataValueAttr.FindAllStringSubmatch(page, -1) {
		out = append(out, html.UnescapeString(m[1]))
	}
	return out
}

// sameNumbers compares two lists of number literals as multisets of
// float64 values (each value exactly, the order free): "" when equal, else
// what differs.
func sameNumbers(got, want []string) string {
	parse := func(ss []string) ([]float64, error) {
		out := make([]float64, len(ss))
		for i, s := range ss {
			x, err := strconv.ParseFloat(s, 64)
			if err != nil {
				return nil, fmt.Errorf("%q is not a number", s)
			}
			out[i] = x
		}
		sort.Float64s(out)
		return out, nil
	}
	g, err := parse(got)
	if err != nil {
		return err.Error()
	}
	w, err := parse(want)
	if err != nil {
		return err.Error()
	}
	if len(g) != len(w) {
		return fmt.Sprintf("%d numbers shown, %d in the document", len(g), len(w))
	}
	for i := range g {
		if g[i] != w[i] {
			return fmt.Sprintf("%d numbers each, but %v shown where the document has %v", len(g), g[i], w[i])
		}
	}
	return ""
}

// roundedFrom reports whether shown is exact rounded for reading: the same
// value to 6 significant digits.
func roundedFrom(shown, exact string) bool {
	s, err1 := strconv.ParseFloat(shown, 64)
	x, err2 := strconv.ParseFloat(exact, 64)
	if err1 != nil || err2 != nil {
		return false
	}
	return math.Abs(s-x) <= 5e-6*math.Abs(x)+1e-300 || math.Abs(s-x) <= 0.5 && math.Abs(x) >= 1e6
}

var numberSpan = regexp.MustCompile(`<span class="n" data-value="([^"]*)"(?: title="[^"]*")?>([^<]*)</span>`)

// checkRounding checks that every number a page shows is its data-value
// rounded for reading, and that some were rounded.
func checkRounding(t testing.TB, what, page string) {
	t.Helper()
	ms := numberSpan.FindAllStringSubmatch(page, -1)
	if len(ms) == 0 {
		t.Errorf("%s: no numbers shown", what)
	}
	for _, m := range ms {
		exact, shown := html.UnescapeString(m[1]), html.UnescapeString(m[2])
		if !roundedFrom(shown, exact) {
			t.Errorf("%s: %q shown for %s", what, shown, exact)
		}
		if len(shown) > 12 {
			t.Errorf("%s: %q is not rounded for reading", what, shown)
		}
	}
}
