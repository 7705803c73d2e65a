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

// SimDoc is the JSON document of a simulation summary.
func SimDoc(sum *market.Summary) map[string]any {
	return map[string]any{"scenario": sum.Scenario, "runs": sum.Runs, "seed": sum.Seed, "stats": sum.Stats()}
}

// SimTables are the summary tables of a simulation run: per exporter and
// year the orders (value and count), share, margin and concessional lending,
// mean over runs with the 95 % confidence interval of the mean; and the hosts'
// surplus and debt, joint and self-built orders and the Pyrrhic index. years
// defaults to the first year, 2013, 2015, 2020 and the last.
func SimTables(sum *market.Summary, sc *market.Scenario, years []int) []*report.Table {
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
	t := &report.Table{
		Title:   fmt.Sprintf("%s: %s — %d runs, seed %d (mean over runs [95 %% CI of the mean])", sc.Name, sc.Title, sum.Runs, sum.Seed),
		Columns: []string{"year", "exporter", "orders_usd_bn", "orders_count", "share", "margin", "concessional_usd_bn"},
		Notes:   []string{"USD bn nominal; share of the value of orders won by foreign exporters; margin = profit / order value."},
	}
	cell := func(st market.Stat, ok bool) string {
		if !ok || math.IsNaN(st.Mean) {
			return "-"
		}
		return fmt.Sprintf("%s [%s, %s]", report.FormatFloat(Round3(st.Mean)), report.FormatFloat(Round3(st.Lo95)), report.FormatFloat(Round3(st.Hi95)))
	}
	idx := map[market.Key]market.Stat{}
	for _, st := range sum.Stats() {
		if want[st.Year] {
			idx[st.Key] = st
		}
	}
	get := func(y int, e, r, s, m string) string {
		st, ok := idx[market.Key{Year: y, Exporter: e, Region: r, Sector: s, Metric: m}]
		return cell(st, ok)
	}
	for _, y := range years {
		for _, e := range market.Exporters {
			t.AddRow(y, e, get(y, e, "all", "all", "orders_value"), get(y, e, "all", "all", "orders_count"),
				get(y, e, "all", "all", "share"), get(y, e, "all", "all", "margin"), get(y, e, "", "", "concessional_used"))
		}
	}
	t.SetUnit("profit / order value", "margin")
	h := &report.Table{Title: "Hosts and cooperation", Columns: []string{"year", "host_surplus_usd_bn", "mean_host_debt", "joint_orders", "self_built", "pyrrhic_index"},
		SheetUnits: []string{"", "", "debt / absorptive capacity", "", "", "ratio of profits per order"}}
	for _, y := range years {
		var surplus, debt float64
		for _, r := range market.Regions {
			surplus += idx[market.Key{Year: y, Region: r, Metric: "host_surplus"}].Mean
			debt += idx[market.Key{Year: y, Region: r, Metric: "host_debt"}].Mean / float64(len(market.Regions))
		}
		h.AddRow(y, Round3(surplus), Round3(debt), get(y, "", "", "", "joint_orders"), get(y, "", "", "", "self_built"), get(y, "", "", "", "pyrrhic_index"))
	}
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
	for k, v := range sc.Params {
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
	tabs := SimTables(sum, sc, in.Years)
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
