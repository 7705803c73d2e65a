package publish

import (
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
