package dataset

import (
	"bytes"
	"encoding/json"
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// fill sets every field of the struct v points to, recursively, to a
// value that omitempty does not drop (pointers allocated, slices of two
// elements), using strs and floats in turn for strings and numbers.
func fill(v reflect.Value, rnd *rand.Rand, strs []string, floats []float64) {
	switch v.Kind() {
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem(), rnd, strs, floats)
	case reflect.Struct:
		for i := range v.NumField() {
			fill(v.Field(i), rnd, strs, floats)
		}
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		for i := range 2 {
			fill(v.Index(i), rnd, strs, floats)
		}
	case reflect.String:
		v.SetString(strs[rnd.IntN(len(strs))])
	case reflect.Int:
		v.SetInt(int64(1 + rnd.IntN(3000)))
	case reflect.Float64:
		v.SetFloat(floats[rnd.IntN(len(floats))])
	case reflect.Bool:
		v.SetBool(rnd.IntN(2) == 0)
	default:
		panic("fill: add a case for " + v.Kind().String())
	}
}

// TestAppendJSONMatchesMarshal: the hand-written encoder writes exactly
// what json.Marshal writes, and the search text AppendSearchTextJSON reads
// from it, for records with every field set (a field
// added to Project, Institution or a type inside them and not to the
// encoder fails here), with every field empty, with the strings encoding/json
// escapes and the numbers at its format cut-offs, and for every embedded
// record.
func TestAppendJSONMatchesMarshal(t *testing.T) {
	strs := []string{
		"", "plain", "Kenya: Port \"Zone 3\", phase 2", `back\slash`, "<b>&amp;</b>", "tab\tnew\nline\r",
		"\b\f\x00\x01\x1f\x7f", "雅万高铁", "line\u2028para\u2029", "bad \xff\xfe utf-8", "\xe9\x9b", "emoji 🚄",
	}
	floats := []float64{
		0, 1, -1, 0.5, 3.5765, 110833816.31, 1e-6, 9.99e-7, -1e-7, 1e20, 1e21, 123456789012345678,
		1e300, 5e-324, math.MaxFloat64, 0.1 + 0.2, math.Copysign(0, -1), 2.5e-10,
	}
	rnd := rand.New(rand.NewPCG(1, 2))
	check := func(name string, r Record) {
		t.Helper()
		want, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		got, err := AppendJSON([]byte("prefix"), r)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !bytes.Equal(got[len("prefix"):], want) {
			t.Fatalf("%s:\n got %s\nwant %s", name, got[len("prefix"):], want)
		}
		js, text, err := AppendJSONSearch([]byte("prefix"), []byte("text"), r)
		if err != nil || !bytes.Equal(js[len("prefix"):], want) {
			t.Fatalf("%s: AppendJSONSearch: %v\n got %s\nwant %s", name, err, js[len("prefix"):], want)
		}
		if wantText := SearchTextJSON(want); string(text[len("text"):]) != wantText {
			t.Fatalf("%s: search text\n got %q\nwant %q", name, text[len("text"):], wantText)
		}
	}
	for i := range 300 {
		p, in := &Project{}, &Institution{}
		fill(reflect.ValueOf(p).Elem(), rnd, strs, floats)
		fill(reflect.ValueOf(in).Elem(), rnd, strs, floats)
		check("full project", p)
		check("full institution", in)
		// every field set, then some emptied again
		if i%3 == 0 {
			p.Quote, p.Flags, p.Loans[0].Amount, p.Value.Printed, p.Size, p.Parties[1].Firms = "", nil, nil, nil, nil, nil
			in.Capital, in.Founded = nil, 0
			check("partly empty project", p)
			check("partly empty institution", in)
		}
	}
	check("empty project", &Project{})
	check("empty institution", &Institution{})
	emb, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range emb.All() {
		check(r.Base().ID, r)
	}
	for _, v := range []float64{math.NaN(), math.Inf(1)} {
		if _, err := AppendJSON(nil, &Project{Value: &Money{Amount: v}}); err == nil || !strings.Contains(err.Error(), "unsupported value") {
			t.Fatalf("%v: want an error, got %v", v, err)
		}
	}
}
