package rows_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"io"
	"math"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"

	"github.com/infragame/infragame/market"
	"github.com/infragame/infragame/market/rows"
	"github.com/infragame/infragame/mc"
)

func simulate(t *testing.T, w rows.Writer) []market.Row {
	t.Helper()
	sc, err := market.Named("price-war")
	if err != nil {
		t.Fatal(err)
	}
	c := *sc
	c.End = 2011
	sim, err := market.New(&c)
	if err != nil {
		t.Fatal(err)
	}
	var all []market.Row
	_, err = sim.Run(context.Background(), mc.Options{Runs: 3, Seed: 4}, func(rs []market.Row) error {
		all = append(all, rs...)
		return w.Write(rs)
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return all
}

func same(a, b float64) bool { return a == b || math.IsNaN(a) && math.IsNaN(b) }

func TestFormatsRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	w, err := rows.New("csv", &buf)
	if err != nil {
		t.Fatal(err)
	}
	want := simulate(t, w)
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != len(want)+1 || strings.Join(recs[0], ",") != "scenario,seed,run,year,exporter,region,sector,metric,value" {
		t.Fatalf("csv: %d records for %d rows, header %v", len(recs), len(want), recs[0])
	}
	if recs[1][0] != "price-war" || recs[1][1] != "4" {
		t.Errorf("csv row %v", recs[1])
	}

	buf.Reset()
	w, _ = rows.New("jsonl", &buf)
	simulate(t, w)
	dec := json.NewDecoder(&buf)
	n := 0
	for {
		var r struct {
			Scenario string   `json:"scenario"`
			Run      int64    `json:"run"`
			Value    *float64 `json:"value"`
		}
		if err := dec.Decode(&r); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		if r.Scenario != "price-war" || r.Run != want[n].Run || (r.Value == nil) != math.IsNaN(want[n].Value) {
			t.Fatalf("jsonl row %d: %+v vs %+v", n, r, want[n])
		}
		n++
	}
	if n != len(want) {
		t.Errorf("jsonl: %d rows, want %d", n, len(want))
	}

	buf.Reset()
	w, _ = rows.New("parquet", &buf)
	simulate(t, w)
	// parquet-go, an independent implementation, reads the file with the
	// schema it derives from market.Row's tags.
	pf, err := parquet.OpenFile(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	if g, x := pf.Schema().String(), parquet.SchemaOf(market.Row{}).String(); g != x {
		t.Errorf("parquet schema\n%s\nwant\n%s", g, x)
	}
	got, err := parquet.Read[market.Row](bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("parquet: %d rows, want %d", len(got), len(want))
	}
	for i := range got {
		g, x := got[i], want[i]
		if g.Scenario != x.Scenario || g.Seed != x.Seed || g.Run != x.Run || g.Year != x.Year || g.Metric != x.Metric ||
			g.Exporter != x.Exporter || g.Region != x.Region || g.Sector != x.Sector || !same(g.Value, x.Value) {
			t.Fatalf("parquet row %d: %+v, want %+v", i, g, x)
		}
	}
	if _, err := rows.New("xlsx", &buf); err == nil {
		t.Error("unknown format accepted")
	}
}
