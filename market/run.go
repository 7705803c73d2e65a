package market

import (
	"context"
	"fmt"
	"math"
	"sort"

	"github.com/infragame/infragame/mc"
)

// Row is one output value of one run and year, in long format: the metric
// names are listed in [Metrics]; Exporter, Region and Sector are "all" for
// totals and empty where they do not apply.
type Row struct {
	Scenario string  `json:"scenario" parquet:"scenario,dict"`
	Seed     uint64  `json:"seed" parquet:"seed"`
	Run      int64   `json:"run" parquet:"run"`
	Year     int32   `json:"year" parquet:"year"`
	Exporter string  `json:"exporter" parquet:"exporter,dict"`
	Region   string  `json:"region" parquet:"region,dict"`
	Sector   string  `json:"sector" parquet:"sector,dict"`
	Metric   string  `json:"metric" parquet:"metric,dict"`
	Value    float64 `json:"value" parquet:"value"`
}

// Metrics describes the metric names of [Row] with their units.
var Metrics = map[string]string{
	"orders_count":        "orders won (count; by exporter × region × sector, and exporter totals)",
	"orders_value":        "value of orders won (USD bn, nominal; by exporter × region × sector, and exporter totals)",
	"share":               "exporter's share of the value of all orders won by foreign exporters",
	"margin":              "exporter's profit over its order value",
	"profit":              "exporter's profit (USD bn)",
	"markup":              "exporter's mean markup over its bids",
	"concessional_used":   "concessional lending committed (USD bn)",
	"concessional_budget": "concessional budget of the year (USD bn)",
	"host_surplus":        "hosts' surplus over their outside option (USD bn, PV), by region",
	"host_debt":           "hosts' infrastructure debt relative to absorptive capacity, by region",
	"projects":            "projects tendered",
	"self_built":          "projects no foreign offer won (host's outside option)",
	"joint_orders":        "orders won by a China–Japan consortium",
	"pyrrhic_index":       "profit per order of China or Japan in head-to-head contests relative to a joint bid in the same contests (NaN: none)",
}

// Rows appends the rows of one run's years to dst.
func Rows(dst []Row, scenario string, seed uint64, run int, years []Year) []Row {
	add := func(y int, e, r, s, metric string, v float64) {
		dst = append(dst, Row{scenario, seed, int64(run), int32(y), e, r, s, metric, v})
	}
	for i := range years {
		yr := &years[i]
		y := yr.Year
		total := 0.0
		var value [nE]float64
		var count [nE]float64
		for e := range Exporters {
			for r := range Regions {
				for s := range Sectors {
					if yr.Count[e][r][s] > 0 {
						add(y, Exporters[e], Regions[r], Sectors[s], "orders_count", yr.Count[e][r][s])
						add(y, Exporters[e], Regions[r], Sectors[s], "orders_value", yr.Value[e][r][s])
					}
					value[e] += yr.Value[e][r][s]
					count[e] += yr.Count[e][r][s]
				}
			}
			total += value[e]
		}
		for e, name := range Exporters {
			add(y, name, "all", "all", "orders_count", count[e])
			add(y, name, "all", "all", "orders_value", value[e])
			add(y, name, "all", "all", "share", ratio(value[e], total))
			add(y, name, "all", "all", "margin", ratio(yr.Profit[e], value[e]))
			add(y, name, "all", "all", "profit", yr.Profit[e])
			add(y, name, "all", "all", "markup", yr.Markup[e])
			add(y, name, "", "", "concessional_used", yr.Concessional[e])
			add(y, name, "", "", "concessional_budget", yr.Budget[e])
		}
		for r, name := range Regions {
			add(y, "", name, "", "host_surplus", yr.HostSurplus[r])
			add(y, "", name, "", "host_debt", yr.Debt[r])
		}
		add(y, "", "", "", "projects", yr.Projects)
		add(y, "", "", "", "self_built", yr.SelfBuilt)
		add(y, "", "", "", "joint_orders", yr.Joint)
		add(y, "", "", "", "pyrrhic_index", yr.Pyrrhic())
	}
	return dst
}

func ratio(a, b float64) float64 {
	if b == 0 {
		return math.NaN()
	}
	return a / b
}

// Key identifies an aggregated output.
type Key struct {
	Year     int    `json:"year"`
	Exporter string `json:"exporter"`
	Region   string `json:"region"`
	Sector   string `json:"sector"`
	Metric   string `json:"metric"`
}

// Stat is an output aggregated over runs: mean, SD, the 95 % confidence
// interval of the mean (Monte Carlo error), min and max. NaN values (an
// undefined index in a run) are left out; N counts the others.
type Stat struct {
	Key
	N    int     `json:"n"`
	Mean float64 `json:"mean"`
	SD   float64 `json:"sd"`
	Lo95 float64 `json:"ci95_lo"`
	Hi95 float64 `json:"ci95_hi"`
	Min  float64 `json:"min"`
	Max  float64 `json:"max"`
}

// Summary aggregates rows over runs in memory independent of the number of
// runs (one accumulator per key).
type Summary struct {
	Scenario string
	Runs     int
	Seed     uint64
	acc      map[Key]*mc.Moments
}

// NewSummary returns an empty summary.
func NewSummary(scenario string, seed uint64) *Summary {
	return &Summary{Scenario: scenario, Seed: seed, acc: map[Key]*mc.Moments{}}
}

// Add includes row r.
func (s *Summary) Add(r *Row) {
	if math.IsNaN(r.Value) {
		return
	}
	k := Key{int(r.Year), r.Exporter, r.Region, r.Sector, r.Metric}
	m := s.acc[k]
	if m == nil {
		m = &mc.Moments{}
		s.acc[k] = m
	}
	m.Add(r.Value)
}

// Stats returns the aggregates sorted by key. A cell missing from some
// runs (no order in that cell) counts as 0 there for counts and values.
func (s *Summary) Stats() []Stat {
	out := make([]Stat, 0, len(s.acc))
	for k, m := range s.acc {
		if (k.Metric == "orders_count" || k.Metric == "orders_value") && m.N < s.Runs {
			c := *m
			for range s.Runs - m.N {
				c.Add(0)
			}
			m = &c
		}
		lo, hi := m.CI95()
		out = append(out, Stat{Key: k, N: m.N, Mean: m.Mean(), SD: m.SD(), Lo95: lo, Hi95: hi, Min: m.Min, Max: m.Max})
	}
	sort.Slice(out, func(i, j int) bool { return less(out[i].Key, out[j].Key) })
	return out
}

// Get returns the aggregate of key k (ok false if no run had it).
func (s *Summary) Get(k Key) (Stat, bool) {
	for _, st := range s.Stats() {
		if st.Key == k {
			return st, true
		}
	}
	return Stat{}, false
}

func less(a, b Key) bool {
	if a.Metric != b.Metric {
		return a.Metric < b.Metric
	}
	if a.Exporter != b.Exporter {
		return a.Exporter < b.Exporter
	}
	if a.Region != b.Region {
		return a.Region < b.Region
	}
	if a.Sector != b.Sector {
		return a.Sector < b.Sector
	}
	return a.Year < b.Year
}

// Simulation is a compiled scenario ready to run.
type Simulation struct {
	Scenario *Scenario
	m        *model
}

// New compiles a scenario (defaults overridden by its parameters).
func New(sc *Scenario) (*Simulation, error) {
	if err := sc.Validate(); err != nil {
		return nil, fmt.Errorf("scenario %s: %w", sc.Name, err)
	}
	v, err := resolve(sc.Params)
	if err != nil {
		return nil, err
	}
	m, err := compile(sc, v)
	if err != nil {
		return nil, fmt.Errorf("scenario %s: %w", sc.Name, err)
	}
	return &Simulation{Scenario: sc, m: m}, nil
}

// RunOne simulates run r of seed and returns its years.
func (s *Simulation) RunOne(ctx context.Context, seed uint64, r int) []Year {
	return newRunner(s.m).run(ctx, seed, r)
}

// Run simulates opt.Runs runs on opt.Workers goroutines, passing every row
// of run 0, then run 1, … to sink (nil: none), and returns the summary over
// runs. Output does not depend on the number of workers. The slice passed
// to sink is reused for the next run: copy rows to keep them. If ctx is
// cancelled, the rows of a prefix of complete runs have been passed to sink
// and ctx's error is returned with the summary of those runs.
func (s *Simulation) Run(ctx context.Context, opt mc.Options, sink func([]Row) error) (*Summary, error) {
	if opt.Runs < 1 {
		return nil, fmt.Errorf("market: runs must be ≥ 1, got %d", opt.Runs)
	}
	sum := NewSummary(s.Scenario.Name, opt.Seed)
	var buf []Row
	err := mc.Stream(ctx, opt.Runs, opt.Workers, func() func(int) []Year {
		w := newRunner(s.m)
		return func(r int) []Year { return w.run(ctx, opt.Seed, r) }
	}, func(r int, years []Year) error {
		if years == nil { // cancelled inside the run
			return ctx.Err()
		}
		buf = Rows(buf[:0], s.Scenario.Name, opt.Seed, r, years)
		for i := range buf {
			sum.Add(&buf[i])
		}
		sum.Runs++
		if sink != nil {
			if err := sink(buf); err != nil {
				return err
			}
		}
		if opt.Progress != nil {
			opt.Progress(r + 1)
		}
		return nil
	})
	return sum, err
}
