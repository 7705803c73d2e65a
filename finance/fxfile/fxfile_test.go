package fxfile_test

import (
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/infragame/infragame/finance"
	"github.com/infragame/infragame/finance/fxfile"
	"github.com/infragame/infragame/internal/parseerr"
)

func TestParse(t *testing.T) {
	good := map[string]string{
		"a.csv":  "currency,year,per_usd,source\nJPY,2015,121.0491,Fed\nCNY,2015,6.2827,Fed\n",
		"b.csv":  "# Fed G.5A\nJPY,2015,121.0491\n",
		"c.yaml": "- {currency: JPY, year: 2015, per_usd: 121.0491, source: Fed}\n",
		"d.txt":  "fx:\n  - {currency: JPY, year: 2015, per_usd: 121.0491}\n",
	}
	for name, data := range good {
		tab, err := fxfile.Parse(name, []byte(data))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if r, err := tab.PerUSD("JPY", 2015); err != nil || r != 121.0491 {
			t.Errorf("%s: JPY = %v, %v", name, r, err)
		}
	}
	bad := map[string]string{
		"e.csv":  "currency,year,per_usd\nJPY,2015,-3\n",
		"f.csv":  "currency,year,per_usd\nJPY,twenty,3\n",
		"g.csv":  "currency,year\nJPY,2015\n",
		"h.yaml": "- {currency: JPY, year: 2015, rate: 3}\n",
		"i.csv":  "",
		"j.csv":  "currency,year,per_usd\nQQQ,2015,3\n",
	}
	want := map[string]string{"e.csv": "e.csv:2:", "f.csv": "f.csv:2:5: year", "g.csv": `lacks column "per_usd"`,
		"h.yaml": "h.yaml:1:", "i.csv": "no exchange rates", "j.csv": "unknown currency"}
	for name, data := range bad {
		_, err := fxfile.Parse(name, []byte(data))
		if err == nil || !strings.Contains(err.Error(), want[name]) {
			t.Errorf("%s: err = %v, want %q", name, err, want[name])
		}
	}
}

// TestParsePositions: every error of a well-formed file carries the place
// of the bad value, which front ends read with Position.
func TestParsePositions(t *testing.T) {
	for _, c := range []struct {
		name, data string
		line, col  int
		field      string
	}{
		{"a.csv", "currency,year,per_usd\nJPY,2015,121\nCNY,2016,abc\n", 3, 10, "per_usd"},
		{"b.csv", "currency,year,per_usd\nJPY,2015\n", 2, 0, "per_usd"},
		{"c.csv", "JPY,2015,121\n\"CNY,2016,6\n", 2, 13, ""}, // the quote never closes
		{"d.yaml", "fx:\n  - {currency: JPY, year: 2015, per_usd: 121}\n  - {currency: CNY, per_usd: 6.6}\n", 3, 5, "fx[1].year"},
		{"e.yaml", "- {currency: JPY, year: 2015, per_usd: 121}\n- {currency: QQQ, year: 2015, per_usd: 1}\n", 2, 3, "fx[1]"},
	} {
		_, err := fxfile.Parse(c.name, []byte(c.data))
		var pe *parseerr.Error
		if !errors.As(err, &pe) {
			t.Errorf("%s: %v is not a parse error", c.name, err)
			continue
		}
		if f, l, col, field := pe.Position(); f != c.name || l != c.line || col != c.col || field != c.field {
			t.Errorf("%s: at %s:%d:%d %q, want line %d column %d field %q (%v)", c.name, f, l, col, field, c.line, c.col, c.field, err)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add("a.csv", []byte("currency,year,per_usd\nJPY,2015,121.0491\n"))
	f.Add("b.yaml", []byte("- {currency: JPY, year: 2015, per_usd: 121.0491}\n"))
	f.Add("c.txt", []byte("fx:\n  - {currency: CNY, year: 2016, per_usd: 6.64}\n"))
	f.Add("d.csv", []byte("\"JPY\",2015,\"1e400\"\n,,\n"))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		tab, err := fxfile.Parse(name, data)
		if err != nil {
			return
		}
		for _, r := range tab.Rates() {
			if !(r.PerUSD > 0) || math.IsInf(r.PerUSD, 0) {
				t.Fatalf("accepted rate %+v", r)
			}
		}
	})
}

// TestDescribe: a user's rate is labelled as the user's; the others name
// the dataset record they come from.
func TestDescribe(t *testing.T) {
	var d, u finance.FXTable
	for _, r := range []struct {
		t   *finance.FXTable
		cur string
		y   int
		v   float64
	}{{&d, "JPY", 2015, 121.0491}, {&d, "JPY", 2016, 108.6569}, {&u, "JPY", 2015, 120}} {
		if err := r.t.Set(r.cur, r.y, r.v); err != nil {
			t.Fatal(err)
		}
	}
	all := finance.FXTable{}
	all.Merge(d)
	all.Merge(u)
	origins := map[string]map[int]fxfile.Origin{"JPY": {2015: {"fx-jpy-2015", "G.5A"}, 2016: {"fx-jpy-2016", "G.5A"}}}
	got := fxfile.Describe(all, u, origins, "--fx r.csv")
	want := []fxfile.Rate{{"JPY", 2015, 120, "--fx r.csv", ""}, {"JPY", 2016, 108.6569, "G.5A", "fx-jpy-2016"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Describe = %+v, want %+v", got, want)
	}
}
