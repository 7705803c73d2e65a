package dataset

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// fieldsByDecoding is the reference for SearchTextJSON: decode into
// values, collect every string and number, normalise each (empty fields
// dropped: they cannot hold a term).
func fieldsByDecoding(t testing.TB, b []byte) []string {
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	var out []string
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case string:
			out = append(out, Normalize(x))
		case float64:
			out = append(out, strconv.FormatFloat(x, 'f', -1, 64))
		case []any:
			for _, e := range x {
				walk(e)
			}
		case map[string]any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	walk(v)
	out = slices.DeleteFunc(out, func(s string) bool { return s == "" })
	slices.Sort(out)
	return out
}

func splitFields(s string) []string {
	if s == "" {
		return nil
	}
	f := slices.DeleteFunc(strings.Split(s, fieldSep), func(s string) bool { return s == "" })
	slices.Sort(f)
	return f
}

func TestSearchTextMatchesDecodedFields(t *testing.T) {
	emb, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range emb.All() {
		b, _ := json.Marshal(r)
		got, want := splitFields(SearchTextJSON(b)), fieldsByDecoding(t, b)
		if !slices.Equal(got, want) {
			t.Fatalf("%s: fields differ\n got %q\nwant %q", r.Base().ID, got, want)
		}
	}
}

func TestSearchTermsDoNotCrossFields(t *testing.T) {
	p := &Project{Name: "Port A", NameZh: "Berth"}
	p.ID = "x"
	if strings.Contains(SearchText(p), Normalize("A Berth")) {
		t.Fatal("a term matched across two fields")
	}
	if !strings.Contains(SearchText(p), Normalize("port a")) {
		t.Fatal("a term within one field did not match")
	}
}

func FuzzSearchTextJSON(f *testing.F) {
	f.Add(`{"id":"a","name":"Ｊａｋａｒｔａ 雅万 \u003c\/x\"","v":[1.5,-2e-7,true,null,{"k":"\\t"}]}`)
	f.Add(`{"a":1e21,"b":"x\u00a0y"}`)
	f.Fuzz(func(t *testing.T, s string) {
		var v any
		if json.Unmarshal([]byte(s), &v) != nil {
			return
		}
		b, err := json.Marshal(v) // the encoder's own form, as stores keep it
		if err != nil {
			return
		}
		got, want := splitFields(SearchTextJSON(b)), fieldsByDecoding(t, b)
		if len(want) == 0 && len(got) == 0 {
			return
		}
		if !slices.Equal(got, want) {
			t.Fatalf("%s: got %q want %q", b, got, want)
		}
	})
}

// TestAppendHead: AppendHead is the headline that ScoreMatched reads,
// normalised, for every embedded record, its head (DecodeHead) and a few
// made-up records of each kind.
func TestAppendHead(t *testing.T) {
	emb, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	rs := emb.All()
	v := 9.26
	rs = append(rs,
		&Fact{Common: Common{ID: "f-x"}, Subject: "Ｊａｐａｎ　ODA", Printed: &Printed{Text: "9． 26 万亿日元", Value: v}},
		&Fact{Common: Common{ID: "f-y"}, Subject: "no figure"},
		&Project{Common: Common{ID: "P-1"}, Name: "Rail – Line", NameZh: "雅万 高铁"},
		&Institution{Common: Common{ID: "i"}, Name: "China Development Bank"},
		&Strategy{Common: Common{ID: "s"}, Name: "Belt and Road"},
		&Event{Common: Common{ID: "e"}, Date: "2015-10", Title: "China wins"},
		&FX{Common: Common{ID: "fx"}, Currency: "JPY", Year: 2015},
		&FX{Common: Common{ID: "fx-neg"}, Currency: "XXX", Year: -3},
	)
	kinds := map[Kind]bool{}
	for _, r := range rs {
		kinds[r.RecordKind()] = true
		want := Normalize(headline(r))
		if got := string(AppendHead([]byte("x"), r)); got != "x"+want {
			t.Errorf("%s: AppendHead %q, want %q", r.Base().ID, got, "x"+want)
		}
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		h, err := DecodeHead(r.RecordKind(), b)
		if err != nil {
			t.Fatal(err)
		}
		if got := string(AppendHead(nil, h)); got != want {
			t.Errorf("%s: AppendHead of the head %q, want %q", r.Base().ID, got, want)
		}
	}
	if len(kinds) != len(Kinds) {
		t.Errorf("kinds covered: %v", kinds)
	}
}
