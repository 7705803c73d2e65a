package market_test

import (
	"context"
	"errors"
	"hash/fnv"
	"math"
	"strings"
	"testing"

	"github.com/infragame/infragame/market"
	"github.com/infragame/infragame/mc"
)

func mustNew(t testing.TB, sc *market.Scenario) *market.Simulation {
	t.Helper()
	sim, err := market.New(sc)
	if err != nil {
		t.Fatal(err)
	}
	return sim
}

func named(t testing.TB, name string) *market.Scenario {
	t.Helper()
	sc, err := market.Named(name)
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

// short returns sc cut to 2010–2013 for fast tests.
func short(sc *market.Scenario) *market.Scenario {
	c := *sc
	c.End = 2013
	return &c
}

// digest runs sim and hashes every row in order, with the summary.
func digest(t *testing.T, sim *market.Simulation, runs, workers int) (uint64, []market.Stat) {
	t.Helper()
	h := fnv.New64a()
	sum, err := sim.Run(context.Background(), mc.Options{Runs: runs, Seed: 11, Workers: workers}, func(rows []market.Row) error {
		for _, r := range rows {
			h.Write([]byte(r.Scenario + r.Exporter + r.Region + r.Sector + r.Metric))
			b := math.Float64bits(r.Value) ^ uint64(r.Run)<<32 ^ uint64(r.Year)
			for i := range 8 {
				h.Write([]byte{byte(b >> (8 * i))})
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return h.Sum64(), sum.Stats()
}

func TestSameSeedSameOutputWhateverTheWorkers(t *testing.T) {
	for _, name := range []string{"baseline", "japan-tiers-pqi", "aiib-adb-cofinancing"} {
		sim := mustNew(t, short(named(t, name)))
		h1, s1 := digest(t, sim, 24, 1)
		h3, s3 := digest(t, sim, 24, 3)
		if h1 != h3 {
			t.Errorf("%s: rows differ between 1 and 3 workers", name)
		}
		if len(s1) != len(s3) {
			t.Fatalf("%s: %d vs %d aggregates", name, len(s1), len(s3))
		}
		for i := range s1 {
			if s1[i] != s3[i] && !(math.IsNaN(s1[i].SD) && math.IsNaN(s3[i].SD)) {
				t.Errorf("%s: aggregate %+v vs %+v", name, s1[i], s3[i])
				break
			}
		}
		h2, _ := digest(t, sim, 24, 1)
		if h2 != h1 {
			t.Errorf("%s: two runs with the same seed differ", name)
		}
	}
}

func TestReplicatorRunsAndIsReproducible(t *testing.T) {
	sc := short(named(t, "baseline")).With(market.Values{"adapt.sample": 20})
	sc.Adaptation = market.Replicator
	sim := mustNew(t, sc)
	h1, _ := digest(t, sim, 4, 1)
	h2, _ := digest(t, sim, 4, 2)
	if h1 != h2 {
		t.Error("replicator: rows differ between 1 and 2 workers")
	}
}

func TestBestResponseMovesMarkupsByOneStep(t *testing.T) {
	sc := short(named(t, "baseline"))
	sc.Adaptation = market.BestResponse
	sim := mustNew(t, sc)
	ys := sim.RunOne(context.Background(), 3, 0)
	for i := 1; i < len(ys); i++ {
		for e := range market.Exporters {
			d := math.Abs(ys[i].Markup[e] - ys[i-1].Markup[e])
			if d > 0.02+1e-12 {
				t.Errorf("%d %s: markup moved by %g, more than one step", ys[i].Year, market.Exporters[e], d)
			}
		}
	}
}

func TestCancelLeavesCompleteRuns(t *testing.T) {
	sim := mustNew(t, short(named(t, "baseline")))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var runs []int64
	sum, err := sim.Run(ctx, mc.Options{Runs: 1000, Seed: 1, Workers: 2}, func(rows []market.Row) error {
		runs = append(runs, rows[0].Run)
		for _, r := range rows {
			if r.Run != rows[0].Run {
				t.Fatal("a batch mixes runs")
			}
		}
		if len(runs) == 5 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
	for i, r := range runs {
		if r != int64(i) {
			t.Fatalf("runs delivered %v, want a prefix 0, 1, …", runs)
		}
	}
	if sum.Runs != len(runs) {
		t.Errorf("summary of %d runs, %d delivered", sum.Runs, len(runs))
	}
}

func TestRowsCarryScenarioSeedRun(t *testing.T) {
	sim := mustNew(t, short(named(t, "third-country-joint")))
	metrics := map[string]bool{}
	_, err := sim.Run(context.Background(), mc.Options{Runs: 2, Seed: 99}, func(rows []market.Row) error {
		for _, r := range rows {
			if r.Scenario != "third-country-joint" || r.Seed != 99 || r.Year < 2010 || r.Year > 2013 {
				t.Fatalf("row %+v", r)
			}
			metrics[r.Metric] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for m := range market.Metrics {
		if !metrics[m] {
			t.Errorf("metric %s never written", m)
		}
	}
}

// Shares of the exporters sum to 100 % in every run and year; orders by cell
// sum to the exporter totals.
func TestAccountingIdentities(t *testing.T) {
	sim := mustNew(t, short(named(t, "third-country-joint")))
	ys := sim.RunOne(context.Background(), 5, 0)
	rows := market.Rows(nil, "x", 5, 0, ys)
	share := map[int32]float64{}
	cells := map[string]float64{}
	totals := map[string]float64{}
	for _, r := range rows {
		switch {
		case r.Metric == "share_pct":
			share[r.Year] += r.Value
		case r.Metric == "orders_value" && r.Region != "all":
			cells[r.Exporter+string(rune(r.Year))] += r.Value
		case r.Metric == "orders_value":
			totals[r.Exporter+string(rune(r.Year))] = r.Value
		}
	}
	for y, s := range share {
		if math.Abs(s-100) > 1e-10 {
			t.Errorf("%d: shares sum to %g %%", y, s)
		}
	}
	for k, v := range totals {
		if math.Abs(cells[k]-v) > 1e-9*math.Max(1, v) {
			t.Errorf("cells %g vs total %g", cells[k], v)
		}
	}
	for _, y := range ys {
		won := 0.0
		for e := range market.Exporters {
			for r := range market.Regions {
				for s := range market.Sectors {
					won += y.Count[e][r][s]
				}
			}
		}
		// A joint order counts for both partners.
		if got := won - y.Joint + y.SelfBuilt; got != y.Projects {
			t.Errorf("%d: %g orders − %g joint + %g self-built ≠ %g projects", y.Year, won, y.Joint, y.SelfBuilt, y.Projects)
		}
	}
}

// A price war lowers margins; joint bidding happens only in the scenarios
// that allow it.
func TestScenarioEffects(t *testing.T) {
	opt := mc.Options{Runs: 16, Seed: 3}
	base, war, joint := mustNew(t, short(named(t, "baseline"))), mustNew(t, short(named(t, "price-war"))), mustNew(t, short(named(t, "third-country-joint")))
	d, err := market.Compare(context.Background(), base, war, opt)
	if err != nil {
		t.Fatal(err)
	}
	get := func(ds []market.Diff, n string) market.Diff {
		for _, x := range ds {
			if x.Name == n {
				return x
			}
		}
		t.Fatalf("no outcome %s", n)
		return market.Diff{}
	}
	for _, e := range []string{"cn", "jp"} {
		if m := get(d, e+".margin_pct"); !(m.Hi95 < 0) {
			t.Errorf("price war: %s margin change %+v, want negative", e, m)
		}
	}
	if j := get(d, "joint_orders.total"); j.A != 0 || j.B != 0 {
		t.Errorf("joint orders without cooperation: %+v", j)
	}
	d, err = market.Compare(context.Background(), base, joint, opt)
	if err != nil {
		t.Fatal(err)
	}
	if j := get(d, "joint_orders.total"); !(j.B > 0) {
		t.Errorf("no joint orders under third-country joint bidding: %+v", j)
	}
	// Joint bids are chosen only when they pay both: the two exporters'
	// combined profit cannot fall.
	p := get(d, "cn.profit.total").Mean + get(d, "jp.profit.total").Mean
	if p < -1e-9 {
		t.Errorf("joint bidding lowered China's and Japan's combined profit by %g", -p)
	}
}

func TestEvaluateForSweeps(t *testing.T) {
	sc := short(named(t, "baseline"))
	a, err := market.Evaluate(context.Background(), sc, map[string]float64{"jp.markup": 0.05}, 7, 3)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := market.Evaluate(context.Background(), sc, map[string]float64{"jp.markup": 0.05}, 7, 3)
	if a["jp.orders_value.total"] != b["jp.orders_value.total"] || len(a) != len(b) {
		t.Error("Evaluate is not a function of its arguments")
	}
	c, _ := market.Evaluate(context.Background(), sc, map[string]float64{"jp.markup": 0.3}, 7, 3)
	if !(c["jp.orders_value.total"] < a["jp.orders_value.total"]) {
		t.Errorf("a higher markup should lose orders: %g vs %g", c["jp.orders_value.total"], a["jp.orders_value.total"])
	}
	for n := range a {
		found := false
		for pat := range market.OutputDocs {
			found = found || n == pat || strings.HasSuffix(pat, strings.TrimPrefix(n, strings.SplitN(n, ".", 2)[0]))
		}
		if !found {
			t.Errorf("output %s undocumented", n)
		}
	}
	if _, err := market.Evaluate(context.Background(), sc, map[string]float64{"jp.markupp": 1}, 7, 3); !errors.Is(err, market.ErrUnknownParam) {
		t.Errorf("unknown parameter: %v", err)
	}
}

func TestPyrrhicIndex(t *testing.T) {
	// Head-to-head: 2 orders with profit 0.3 in all (0.15 per order); as
	// joint bids 1 order with profit 0.5: index 0.15/0.5 = 0.3.
	y := market.Year{H2HProfit: 0.3, H2HOrders: 2, CoopProfit: 0.5, CoopOrders: 1}
	if got := y.Pyrrhic(); math.Abs(got-0.3) > 1e-15 {
		t.Errorf("Pyrrhic = %g, want 0.3", got)
	}
	if !math.IsNaN((&market.Year{}).Pyrrhic()) {
		t.Error("Pyrrhic of no contest should be NaN")
	}
}
