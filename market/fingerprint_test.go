package market_test

import (
	"context"
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"math"
	"testing"

	"github.com/infragame/infragame/market"
	"github.com/infragame/infragame/mc"
)

// fingerprint hashes everything a simulation reports: every row passed to
// the sink, in order, and every field of every aggregate of the summary.
func fingerprint(t *testing.T, sim *market.Simulation, opt mc.Options, rows bool) string {
	t.Helper()
	rh, sh := fnv.New64a(), fnv.New64a()
	var b [8]byte
	f := func(h interface{ Write([]byte) (int, error) }, x uint64) {
		binary.LittleEndian.PutUint64(b[:], x)
		h.Write(b[:])
	}
	var sink func([]market.Row) error
	if rows {
		sink = func(rs []market.Row) error {
			for _, r := range rs {
				fmt.Fprintf(rh, "%s|%d|%d|%d|%s|%s|%s|%s|", r.Scenario, r.Seed, r.Run, r.Year, r.Exporter, r.Region, r.Sector, r.Metric)
				f(rh, math.Float64bits(r.Value))
			}
			return nil
		}
	}
	sum, err := sim.Run(context.Background(), opt, sink)
	if err != nil {
		t.Fatal(err)
	}
	stats := sum.Stats()
	for _, s := range stats {
		fmt.Fprintf(sh, "%d|%s|%s|%s|%s|%d|", s.Year, s.Exporter, s.Region, s.Sector, s.Metric, s.N)
		for _, x := range []float64{s.Mean, s.SD, s.Lo95, s.Hi95, s.Min, s.Max} {
			f(sh, math.Float64bits(x))
		}
	}
	return fmt.Sprintf("runs=%d stats=%d summary=%016x rows=%016x", sum.Runs, len(stats), sh.Sum64(), rh.Sum64())
}

// TestFingerprint pins the whole output of 40 runs of two scenarios (rows
// and summary, bit for bit) for 1 and 2 workers and with or without a rows
// sink. The expected values were computed by this test at commit 9efeb9a,
// before the summary was accumulated from the runs' years instead of from
// their rows, so any change of the figures a user sees fails it; they
// were recomputed at the commit that reported shares, margins and markups
// in percent (metrics NAME_pct), whose values are units.PercentOf of the
// unchanged fractions (TestPctOutputsAreFractionsTimes100).
func TestFingerprint(t *testing.T) {
	want := map[string]string{
		"baseline":            "runs=40 stats=3360 summary=8b4fa6033295a3b1 rows=ca2a048ba36cacca",
		"third-country-joint": "runs=40 stats=3360 summary=ff9aa687fb31d982 rows=5808d716cb8ed350",
	}
	for name, w := range want {
		sim := mustNew(t, named(t, name))
		for _, workers := range []int{1, 2} {
			opt := mc.Options{Runs: 40, Seed: 2026, Workers: workers}
			got := fingerprint(t, sim, opt, true)
			if got != w {
				t.Errorf("%s, %d workers: %s, want %s", name, workers, got, w)
			}
			// Without a sink the summary is the same.
			noRows := fingerprint(t, sim, opt, false)
			if g, w := noRows[:len(noRows)-len("0000000000000000")], got[:len(got)-len("0000000000000000")]; g != w {
				t.Errorf("%s, %d workers, no sink: %s, want %s", name, workers, g, w)
			}
		}
	}
}
