package market

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sort"
	"sync"

	"github.com/infragame/infragame/mc"
	"github.com/infragame/infragame/units"
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
	"share_pct":           "exporter's share of the value of all orders won by foreign exporters (percent)",
	"margin_pct":          "exporter's profit over its order value (percent)",
	"profit":              "exporter's profit (USD bn)",
	"markup_pct":          "exporter's mean markup over its bids (percent of cost)",
	"concessional_used":   "concessional lending committed (USD bn)",
	"concessional_budget": "concessional budget of the year (USD bn)",
	"host_surplus":        "hosts' surplus over their outside option (USD bn, PV), by region",
	"host_debt":           "hosts' infrastructure debt relative to absorptive capacity, by region",
	"projects":            "projects tendered",
	"self_built":          "projects no foreign offer won (host's outside option)",
	"joint_orders":        "orders won by a China–Japan consortium",
	"pyrrhic_index":       "profit per order of China or Japan in head-to-head contests relative to a joint bid in the same contests (NaN: none)",
}

// The outputs of one year are held in a fixed layout of nSlots values, in
// the order [Rows] writes them: orders (count, value) by exporter × region
// × sector, then per exporter its eight totals, then per region its two
// host metrics, then the four global counts.
const (
	perCell  = 2 // orders_count, orders_value
	perExp   = 8 // expMetrics
	perReg   = 2 // regMetrics
	slotExp  = nE * nR * nS * perCell
	slotReg  = slotExp + nE*perExp
	slotGlob = slotReg + nR*perReg
	nSlots   = slotGlob + 4 // globMetrics
)

var (
	expMetrics  = [perExp]string{"orders_count", "orders_value", "share_pct", "margin_pct", "profit", "markup_pct", "concessional_used", "concessional_budget"}
	regMetrics  = [perReg]string{"host_surplus", "host_debt"}
	globMetrics = [...]string{"projects", "self_built", "joint_orders", "pyrrhic_index"}
)

// slotKey names an output slot as its rows do.
type slotKey struct{ exporter, region, sector, metric string }

// The slots of an exporter's share, margin and markup hold decimal
// fractions, as the model computes them; their rows and aggregates are
// in percent, under the names ending in _pct (units.PercentOf of the
// fraction, so a reported value is the fraction's digits with the point
// moved). Converting at the edge keeps the accumulators of the summary,
// and so every figure, identical to those of the fractions.
func pctSlot(i int) bool {
	if i < slotExp || i >= slotReg {
		return false
	}
	j := (i - slotExp) % perExp
	return j == 2 || j == 3 || j == 5
}

// slotKeys returns the names of every slot, built on first use.
var slotKeys = sync.OnceValue(func() *[nSlots]slotKey {
	var k [nSlots]slotKey
	for e := range nE {
		for r := range nR {
			for s := range nS {
				i := cellSlot(e, r, s)
				k[i] = slotKey{Exporters[e], Regions[r], Sectors[s], "orders_count"}
				k[i+1] = slotKey{Exporters[e], Regions[r], Sectors[s], "orders_value"}
			}
		}
		for j, m := range expMetrics {
			region := "all"
			if j >= 6 { // concessional lending is by exporter only
				region = ""
			}
			k[slotExp+e*perExp+j] = slotKey{Exporters[e], region, region, m}
		}
	}
	for r := range nR {
		for j, m := range regMetrics {
			k[slotReg+r*perReg+j] = slotKey{"", Regions[r], "", m}
		}
	}
	for j, m := range globMetrics {
		k[slotGlob+j] = slotKey{"", "", "", m}
	}
	return &k
})

// slotIndex maps the names of a row to its slot, built on first use.
var slotIndex = sync.OnceValue(func() map[slotKey]int {
	m := make(map[slotKey]int, nSlots)
	for i, k := range slotKeys() {
		m[k] = i
	}
	return m
})

func cellSlot(e, r, s int) int { return ((e*nR+r)*nS + s) * perCell }

// yearValues writes the outputs of yr into v. The two slots of a cell with
// no order hold NaN (such a cell has no row).
func yearValues(yr *Year, v *[nSlots]float64) {
	total := 0.0
	var value, count [nE]float64
	for e := range nE {
		for r := range nR {
			for s := range nS {
				i := cellSlot(e, r, s)
				if yr.Count[e][r][s] > 0 {
					v[i], v[i+1] = yr.Count[e][r][s], yr.Value[e][r][s]
				} else {
					v[i], v[i+1] = math.NaN(), math.NaN()
				}
				value[e] += yr.Value[e][r][s]
				count[e] += yr.Count[e][r][s]
			}
		}
		total += value[e]
	}
	for e := range nE {
		x := v[slotExp+e*perExp : slotExp+(e+1)*perExp]
		x[0], x[1], x[2] = count[e], value[e], ratio(value[e], total)
		x[3], x[4], x[5] = ratio(yr.Profit[e], value[e]), yr.Profit[e], yr.Markup[e]
		x[6], x[7] = yr.Concessional[e], yr.Budget[e]
	}
	for r := range nR {
		v[slotReg+r*perReg], v[slotReg+r*perReg+1] = yr.HostSurplus[r], yr.Debt[r]
	}
	v[slotGlob], v[slotGlob+1], v[slotGlob+2], v[slotGlob+3] = yr.Projects, yr.SelfBuilt, yr.Joint, yr.Pyrrhic()
}

// Rows appends the rows of one run's years to dst.
func Rows(dst []Row, scenario string, seed uint64, run int, years []Year) []Row {
	var v [nSlots]float64
	for i := range years {
		yearValues(&years[i], &v)
		dst = appendYearRows(dst, scenario, seed, run, &years[i], &v)
	}
	return dst
}

// appendYearRows appends the rows of year yr, whose outputs are v, to dst.
func appendYearRows(dst []Row, scenario string, seed uint64, run int, yr *Year, v *[nSlots]float64) []Row {
	keys := slotKeys()
	y := int32(yr.Year)
	for i := range v {
		if i < slotExp && yr.Count[i/(nR*nS*perCell)][i/(nS*perCell)%nR][i/perCell%nS] <= 0 {
			continue
		}
		k, x := &keys[i], v[i]
		if pctSlot(i) {
			x = units.PercentOf(x)
		}
		dst = append(dst, Row{scenario, seed, int64(run), y, k.exporter, k.region, k.sector, k.metric, x})
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
	// years holds the accumulators of the simulation's outputs by year, in
	// slot order; extra those of rows added by [Summary.Add] that are not
	// one of them.
	years map[int]*[nSlots]mc.Moments
	extra map[Key]*mc.Moments
}

// NewSummary returns an empty summary.
func NewSummary(scenario string, seed uint64) *Summary {
	return &Summary{Scenario: scenario, Seed: seed, years: map[int]*[nSlots]mc.Moments{}}
}

// year returns the accumulators of year y.
func (s *Summary) year(y int) *[nSlots]mc.Moments {
	a := s.years[y]
	if a == nil {
		a = new([nSlots]mc.Moments)
		s.years[y] = a
	}
	return a
}

// Add includes row r. A row of a percent metric (NAME_pct, as [Rows]
// writes them) is accumulated as the fraction it stands for.
func (s *Summary) Add(r *Row) {
	if math.IsNaN(r.Value) {
		return
	}
	if i, ok := slotIndex()[slotKey{r.Exporter, r.Region, r.Sector, r.Metric}]; ok {
		x := r.Value
		if pctSlot(i) {
			x = units.FractionOf(x)
		}
		s.year(int(r.Year))[i].Add(x)
		return
	}
	k := Key{int(r.Year), r.Exporter, r.Region, r.Sector, r.Metric}
	m := s.extra[k]
	if m == nil {
		if s.extra == nil {
			s.extra = map[Key]*mc.Moments{}
		}
		m = &mc.Moments{}
		s.extra[k] = m
	}
	m.Add(r.Value)
}

// addYear includes the outputs v of year y of one run: the same as adding
// its rows, without building them.
func (s *Summary) addYear(y int, v *[nSlots]float64) {
	a := s.year(y)
	for i, x := range v {
		if !math.IsNaN(x) {
			a[i].Add(x)
		}
	}
}

// Stats returns the aggregates sorted by key. A cell missing from some
// runs (no order in that cell) counts as 0 there for counts and values.
// Shares, margins and markups (metrics NAME_pct) are in percent: each
// figure is units.PercentOf of the same figure over the fractions.
func (s *Summary) Stats() []Stat {
	out := make([]Stat, 0, len(s.years)*nSlots+len(s.extra))
	stat := func(k Key, m *mc.Moments, pct bool) {
		if (k.Metric == "orders_count" || k.Metric == "orders_value") && m.N < s.Runs {
			c := *m
			for range s.Runs - m.N {
				c.Add(0)
			}
			m = &c
		}
		lo, hi := m.CI95()
		st := Stat{Key: k, N: m.N, Mean: m.Mean(), SD: m.SD(), Lo95: lo, Hi95: hi, Min: m.Min, Max: m.Max}
		if pct {
			for _, x := range []*float64{&st.Mean, &st.SD, &st.Lo95, &st.Hi95, &st.Min, &st.Max} {
				*x = units.PercentOf(*x)
			}
		}
		out = append(out, st)
	}
	keys := slotKeys()
	for y, a := range s.years {
		for i := range a {
			if a[i].N > 0 {
				k := &keys[i]
				stat(Key{y, k.exporter, k.region, k.sector, k.metric}, &a[i], pctSlot(i))
			}
		}
	}
	for k, m := range s.extra {
		stat(k, m, false)
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
func New(sc *Scenario) (*Simulation, error) { return newSimulation(sc, nil) }

// newSimulation is [New] with the design factors measured through memo.
func newSimulation(sc *Scenario, memo factorMemo) (*Simulation, error) {
	if err := sc.Validate(); err != nil {
		return nil, fmt.Errorf("scenario %s: %w", sc.Name, err)
	}
	v, err := resolve(sc.Params)
	if err != nil {
		return nil, err
	}
	m, err := compile(sc, v, memo)
	if err != nil {
		return nil, fmt.Errorf("scenario %s: %w", sc.Name, err)
	}
	return &Simulation{Scenario: sc, m: m}, nil
}

// RunOne simulates run r of seed and returns its years.
func (s *Simulation) RunOne(ctx context.Context, seed uint64, r int) []Year {
	return newRunner(s.m).run(ctx, seed, r, nil)
}

// runOut is what a worker hands over for one run: its years and their
// outputs in slot order (nSlots values a year). Buffers go back to a free
// list once the run is summarised, so a run allocates nothing.
type runOut struct {
	years []Year
	vals  []float64
}

// Run simulates opt.Runs runs on opt.Workers goroutines, passing every row
// of run 0, then run 1, … to sink (nil: none), and returns the summary over
// runs. Output does not depend on the number of workers. The slice passed
// to sink is reused for the next run: copy rows to keep them. If ctx is
// cancelled, the rows of a prefix of complete runs have been passed to sink
// and ctx's error is returned with the summary of those runs.
//
// Each worker simulates its runs and computes their outputs; the goroutine
// that receives them in run order only adds them to the summary's
// accumulators (and builds rows when there is a sink), so that it takes
// little of the cores the workers need.
func (s *Simulation) Run(ctx context.Context, opt mc.Options, sink func([]Row) error) (*Summary, error) {
	if opt.Runs < 1 {
		return nil, fmt.Errorf("market: runs must be ≥ 1, got %d", opt.Runs)
	}
	sum := NewSummary(s.Scenario.Name, opt.Seed)
	var buf []Row
	// At most 4·workers results wait for the sink and one a worker is
	// running (mc.Stream), so this many buffers are ever in use.
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	free := make(chan *runOut, 5*workers+1)
	err := mc.Stream(ctx, opt.Runs, opt.Workers, func() func(int) *runOut {
		w := newRunner(s.m)
		return func(r int) *runOut {
			var o *runOut
			select {
			case o = <-free:
			default:
				o = &runOut{}
			}
			o.years = w.run(ctx, opt.Seed, r, o.years[:0])
			if o.years == nil { // cancelled inside the run
				return nil
			}
			o.vals = slices.Grow(o.vals[:0], len(o.years)*nSlots)[:len(o.years)*nSlots]
			for i := range o.years {
				yearValues(&o.years[i], (*[nSlots]float64)(o.vals[i*nSlots:]))
			}
			return o
		}
	}, func(r int, o *runOut) error {
		if o == nil {
			return ctx.Err()
		}
		for i := range o.years {
			sum.addYear(o.years[i].Year, (*[nSlots]float64)(o.vals[i*nSlots:]))
		}
		sum.Runs++
		if sink != nil {
			buf = buf[:0]
			for i := range o.years {
				buf = appendYearRows(buf, s.Scenario.Name, opt.Seed, r, &o.years[i], (*[nSlots]float64)(o.vals[i*nSlots:]))
			}
		}
		select {
		case free <- o:
		default:
		}
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
