package publish

import (
	"fmt"
	"math"

	"github.com/infragame/infragame/market"
	"github.com/infragame/infragame/report"
	"github.com/infragame/infragame/report/i18n"
)

// SimOrdersChart draws each exporter's orders by year from a market
// simulation summary (USD bn, nominal): the mean over runs (the 95 %
// intervals are in the summary table; the chart draws one colour per
// exporter).
func SimOrdersChart(l i18n.Lang, sum *market.Summary, title string) *report.LineChart {
	c := &report.LineChart{
		Frame:     report.Frame{Title: l.Tf("sim.title", title, sum.Runs), XLabel: l.T("axis.year"), YLabel: l.T("unit.usd_bn"), Source: l.Tf("sim.source", sum.Seed)},
		Markers:   true,
		ZeroBased: true,
	}
	for _, e := range market.Exporters {
		mean := report.Series{Name: l.T("sim.exporter." + e)}
		for _, st := range sum.Stats() {
			if st.Exporter != e || st.Region != "all" || st.Metric != "orders_value" {
				continue
			}
			x := float64(st.Year)
			mean.X, mean.Y = append(mean.X, x), append(mean.Y, st.Mean)
		}
		c.Series = append(c.Series, mean)
	}
	return c
}

// SimFanChart draws the distribution over runs of exporter's orders by
// year (USD bn, nominal): the range over runs, the mean ± one standard
// deviation, and the mean. The summary keeps moments, not quantiles, so
// the bands are these rather than percentiles.
func SimFanChart(l i18n.Lang, sum *market.Summary, title, exporter string) (*report.FanChart, error) {
	c := &report.FanChart{Frame: report.Frame{Title: l.Tf("sim.fan_title", l.T("sim.exporter."+exporter), title, sum.Runs),
		XLabel: l.T("axis.year"), YLabel: l.T("unit.usd_bn"), Source: l.Tf("sim.source", sum.Seed)}}
	rng := report.Band{Name: l.T("sim.band_range")}
	sd := report.Band{Name: l.T("sim.band_sd")}
	c.Center.Name = l.T("stat.mean")
	for _, st := range sum.Stats() {
		if st.Exporter != exporter || st.Region != "all" || st.Metric != "orders_value" {
			continue
		}
		c.X = append(c.X, float64(st.Year))
		c.Center.X, c.Center.Y = append(c.Center.X, float64(st.Year)), append(c.Center.Y, st.Mean)
		rng.Lo, rng.Hi = append(rng.Lo, st.Min), append(rng.Hi, st.Max)
		sd.Lo, sd.Hi = append(sd.Lo, st.Mean-st.SD), append(sd.Hi, st.Mean+st.SD)
	}
	if len(c.X) == 0 {
		return nil, fmt.Errorf("publish: no orders of exporter %q in the summary (exporters: %v)", exporter, market.Exporters)
	}
	c.Bands = []report.Band{rng, sd}
	return c, nil
}

// SimHistogram draws the distribution over runs of exporter's orders in
// year (USD bn), values holding one run each, with the mean marked.
func SimHistogram(l i18n.Lang, values []float64, title, exporter string, year int, seed uint64) (*report.Histogram, error) {
	h, err := report.NewHistogram(report.Frame{Title: l.Tf("sim.hist_title", l.T("sim.exporter."+exporter), year, title, len(values)),
		XLabel: l.T("unit.usd_bn"), YLabel: l.T("axis.runs"), Source: l.Tf("sim.source", seed)}, values, max(5, min(30, len(values)/5)))
	if err != nil {
		return nil, err
	}
	var mean float64
	for _, v := range values {
		mean += v / float64(len(values))
	}
	h.Marks = []report.Mark{{Label: l.T("stat.mean"), X: mean}}
	return h, nil
}

// SimDoc is the JSON document of a simulation summary.
func SimDoc(sum *market.Summary) map[string]any {
	return map[string]any{"scenario": sum.Scenario, "runs": sum.Runs, "seed": sum.Seed, "stats": sum.Stats()}
}

// SimTables are the summary tables of a simulation run: per exporter and
// year the orders (value and count), share, margin and concessional lending,
// mean over runs with the 95 % confidence interval of the mean; and the hosts'
// surplus and debt, joint and self-built orders and the Pyrrhic index. years
// defaults to the first year, 2013, 2015, 2020 and the last.
//
// A summary cell reads "mean [ci95_lo, ci95_hi]" to three significant
// digits; with wide (CSV and workbooks, where numbers stay numbers) each
// summary column is three: the mean and, suffixed _ci95_lo and _ci95_hi,
// its interval, at full precision.
func SimTables(sum *market.Summary, sc *market.Scenario, years []int, wide bool) []*report.Table {
	if len(years) == 0 {
		for _, y := range []int{sc.Start, 2013, 2015, 2020, sc.End} {
			if y >= sc.Start && y <= sc.End && (len(years) == 0 || years[len(years)-1] < y) {
				years = append(years, y)
			}
		}
	}
	want := map[int]bool{}
	for _, y := range years {
		want[y] = true
	}
	idx := map[market.Key]market.Stat{}
	for _, st := range sum.Stats() {
		if want[st.Year] {
			idx[st.Key] = st
		}
	}
	// stat is a summary column: a metric of the exporter (e) or of all.
	type stat struct {
		col, unit, region, sector, metric string
		byExporter                        bool
	}
	// table adds the columns of stats after the leading ones and a row per
	// year (and exporter, when exporters is set).
	table := func(t *report.Table, lead []string, stats []stat, exporters []string, extra func(y int) []any) {
		t.Columns = append(t.Columns, lead...)
		for _, c := range stats {
			if wide {
				t.Columns = append(t.Columns, c.col, c.col+"_ci95_lo", c.col+"_ci95_hi")
				t.SheetUnits = append(t.SheetUnits, c.unit, c.unit, c.unit)
			} else {
				t.Columns = append(t.Columns, c.col)
				t.SheetUnits = append(t.SheetUnits, c.unit)
			}
		}
		t.SheetUnits = append(make([]string, len(lead)), t.SheetUnits...)
		if extra != nil && len(t.SheetUnits) < len(t.Columns) {
			t.SheetUnits = append(t.SheetUnits, make([]string, len(t.Columns)-len(t.SheetUnits))...)
		}
		if exporters == nil {
			exporters = []string{""}
		}
		for _, y := range years {
			for _, e := range exporters {
				row := []any{y}
				if e != "" {
					row = append(row, e)
				}
				if extra != nil {
					row = append(row, extra(y)...)
				}
				for _, c := range stats {
					ex := ""
					if c.byExporter {
						ex = e
					}
					st, ok := idx[market.Key{Year: y, Exporter: ex, Region: c.region, Sector: c.sector, Metric: c.metric}]
					switch {
					case wide && (!ok || math.IsNaN(st.Mean)):
						row = append(row, nil, nil, nil)
					case wide:
						row = append(row, st.Mean, st.Lo95, st.Hi95)
					case !ok || math.IsNaN(st.Mean):
						row = append(row, "-")
					default:
						row = append(row, fmt.Sprintf("%s [%s, %s]", report.FormatFloat(Round3(st.Mean)), report.FormatFloat(Round3(st.Lo95)), report.FormatFloat(Round3(st.Hi95))))
					}
				}
				t.AddRow(row...)
			}
		}
	}
	t := &report.Table{
		Title: fmt.Sprintf("%s: %s — %d runs, seed %d (mean over runs [95 %% CI of the mean])", sc.Name, sc.Title, sum.Runs, sum.Seed),
		Notes: []string{"USD bn nominal; share_pct: percent of the value of orders won by foreign exporters; margin_pct = profit / order value, in percent."},
	}
	table(t, []string{"year", "exporter"}, []stat{
		{"orders_usd_bn", "USD bn", "all", "all", "orders_value", true},
		{"orders_count", "orders", "all", "all", "orders_count", true},
		{"share_pct", report.UnitPercent, "all", "all", "share_pct", true},
		{"margin_pct", "% of order value", "all", "all", "margin_pct", true},
		{"concessional_usd_bn", "USD bn", "", "", "concessional_used", true},
	}, market.Exporters, nil)
	h := &report.Table{Title: "Hosts and cooperation"}
	hostCols := []string{"host_surplus_usd_bn", "mean_host_debt"}
	table(h, append([]string{"year"}, hostCols...), []stat{
		{"joint_orders", "orders", "", "", "joint_orders", false},
		{"self_built", "orders", "", "", "self_built", false},
		{"pyrrhic_index", "ratio of profits per order", "", "", "pyrrhic_index", false},
	}, nil, func(y int) []any {
		var surplus, debt float64
		for _, r := range market.Regions {
			surplus += idx[market.Key{Year: y, Region: r, Metric: "host_surplus"}].Mean
			debt += idx[market.Key{Year: y, Region: r, Metric: "host_debt"}].Mean / float64(len(market.Regions))
		}
		if wide {
			return []any{surplus, debt}
		}
		return []any{Round3(surplus), Round3(debt)}
	})
	h.SheetUnits[1], h.SheetUnits[2] = "USD bn", "debt / absorptive capacity"
	return []*report.Table{t, h}
}

// Round3 rounds x to three significant digits for display (NaN, ±Inf and 0
// unchanged).
func Round3(x float64) float64 {
	if x == 0 || math.IsNaN(x) || math.IsInf(x, 0) {
		return x
	}
	p := math.Pow(10, 3-math.Ceil(math.Log10(math.Abs(x))))
	return math.Round(x*p) / p
}

// SimInput is what a simulation report shows: the scenario, its summary
// and the years of the tables.
type SimInput struct {
	Scenario *market.Scenario
	Summary  *market.Summary
	Years    []int
}

// Sim is the report of one simulation scenario: what the scenario changes,
// each exporter's orders by year (chart), the summary tables with 95 %
// intervals, and the model's assumptions and sources (docs/sim.md).
func Sim(in SimInput, m Meta) *report.Document {
	l := m.Lang
	sc, sum := in.Scenario, in.Summary
	d := m.document(l.Tf("simrep.title", sc.Title), l.Tf("simrep.subtitle", sc.Name, sc.Start, sc.End, sum.Runs, sum.Seed))
	d.About = m.about(report.KV{Key: l.T("simrep.runs"), Value: fmt.Sprint(sum.Runs)}, report.KV{Key: l.T("simrep.seed"), Value: fmt.Sprint(sum.Seed)})
	intro := report.Section{Heading: l.T("simrep.scenario")}
	if sc.Description != "" {
		intro.Paragraphs = append(intro.Paragraphs, sc.Description)
	}
	var changes []string
	for k, v := range sc.Params.Percent() {
		changes = append(changes, fmt.Sprintf("%s = %s", k, report.FormatFloat(v)))
	}
	sortStrings(changes)
	if len(changes) > 0 {
		intro.Paragraphs = append(intro.Paragraphs, l.Tf("simrep.changes", joinComma(changes)))
	} else {
		intro.Paragraphs = append(intro.Paragraphs, l.T("simrep.nochanges"))
	}
	if sc.Source != "" {
		intro.Paragraphs = append(intro.Paragraphs, sc.Source+" "+d.Cite(sc.Source))
	}
	d.Sections = append(d.Sections, intro)
	tabs := SimTables(sum, sc, in.Years, false)
	d.Sections = append(d.Sections, report.Section{Heading: l.T("simrep.orders"),
		Figures: []report.Figure{{Chart: SimOrdersChart(l, sum, sc.Title)}}, Tables: tabs[:1]})
	d.Sections = append(d.Sections, report.Section{Heading: l.T("simrep.hosts"), Tables: tabs[1:]})
	d.Sections = append(d.Sections, report.Section{Heading: l.T("simrep.model"),
		Paragraphs: []string{l.T("simrep.modelnote") + " " + d.Cite("infragame docs/sim.md: the model by the ODD protocol (Grimm et al. 2006, 2020), every parameter with unit, default and source; calibration on 2010–2015 data by simulated moments.")}})
	return d
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

func joinComma(s []string) string {
	out := ""
	for i, x := range s {
		if i > 0 {
			out += ", "
		}
		out += x
	}
	return out
}
