package fxfile_test

import (
	"math"
	"strings"
	"testing"

	"github.com/infragame/infragame/finance/fxfile"
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
	want := map[string]string{"e.csv": "e.csv:2:", "f.csv": "f.csv:2: year", "g.csv": `lacks column "per_usd"`,
		"h.yaml": "h.yaml:1:", "i.csv": "no exchange rates", "j.csv": "unknown currency"}
	for name, data := range bad {
		_, err := fxfile.Parse(name, []byte(data))
		if err == nil || !strings.Contains(err.Error(), want[name]) {
			t.Errorf("%s: err = %v, want %q", name, err, want[name])
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
