package publish

import (
	"fmt"
	"math"
	"strings"

	"github.com/infragame/infragame/auction"
	"github.com/infragame/infragame/brief"
	"github.com/infragame/infragame/contest"
	"github.com/infragame/infragame/finance"
	"github.com/infragame/infragame/finance/financedoc"
	"github.com/infragame/infragame/lcc"
	"github.com/infragame/infragame/report"
	"github.com/infragame/infragame/report/i18n"
	"github.com/infragame/infragame/tender"
)

// column is one bar series: its legend and the value of an item.
type column[T any] struct {
	name  string
	value func(T) float64
}

// fillBars sets one category per item (named by cat) and one series per
// column.
func fillBars[T any](c *report.BarChart, items []T, cat func(int, T) string, cols ...column[T]) *report.BarChart {
	c.Series = make([]report.BarSeries, len(cols))
	for k, col := range cols {
		c.Series[k].Name = col.name
	}
	for i, it := range items {
		c.Categories = append(c.Categories, cat(i, it))
		for k, col := range cols {
			c.Series[k].Values = append(c.Series[k].Values, col.value(it))
		}
	}
	return c
}

// seedSource is the source line of charts drawn from the seed's figures.
func seedSource(l i18n.Lang, sections string) string {
	return l.Tf("source.seed", sections)
}

// OrdersChart draws Japan's infrastructure-export orders against the 2020
// target (JPY tn): the recorded totals, the path at the growth rate the
// target requires from the last observation (dashed), and the narrow series.
func OrdersChart(l i18n.Lang, b *brief.Brief) *report.LineChart {
	o := b.Orders
	tn := func(p brief.Point) float64 { return p.Value / 1e12 }
	path := report.Series{Name: l.Tf("orders.required", 100*o.RequiredCAGR), Dashed: true}
	for y := o.End.Year; y <= o.Target.Year; y++ {
		path.X = append(path.X, float64(y))
		path.Y = append(path.Y, tn(o.End)*math.Pow(1+o.RequiredCAGR, float64(y-o.End.Year)))
	}
	return &report.LineChart{
		Frame: report.Frame{Title: l.T("orders.title"), XLabel: l.T("axis.year"), YLabel: l.T("unit.jpy_tn"),
			Source: seedSource(l, "§1.1, §1.3(1)")},
		Markers: true, ZeroBased: true,
		Series: []report.Series{
			{Name: l.T("orders.total"), X: []float64{float64(o.Start.Year), float64(o.End.Year)}, Y: []float64{tn(o.Start), tn(o.End)}},
			path,
			{Name: l.T("orders.target"), X: []float64{float64(o.Target.Year)}, Y: []float64{tn(o.Target)}},
			{Name: l.T("orders.narrow"), X: []float64{float64(o.Narrow2012.Year), float64(o.Narrow2013.Year)}, Y: []float64{tn(o.Narrow2012), tn(o.Narrow2013)}},
		},
	}
}

// SectorsChart draws each sector's orders in its first and last year (JPY tn).
func SectorsChart(l i18n.Lang, b *brief.Brief) *report.BarChart {
	c := &report.BarChart{Frame: report.Frame{Title: l.T("sectors.title"), XLabel: l.T("axis.sector"), YLabel: l.T("unit.jpy_tn"),
		Source: seedSource(l, "§1.3(1)")}}
	if len(b.Sectors) == 0 {
		return c
	}
	from := report.BarSeries{Name: fmt.Sprint(b.Sectors[0].From.Year)}
	to := report.BarSeries{Name: fmt.Sprint(b.Sectors[0].To.Year)}
	for _, s := range b.Sectors {
		c.Categories = append(c.Categories, l.T("sector."+s.Sector))
		from.Values = append(from.Values, s.From.Value/1e12)
		to.Values = append(to.Values, s.To.Value/1e12)
	}
	c.Series = []report.BarSeries{from, to}
	return c
}

// RatiosChart draws each China–Japan comparison of the brief in USD bn.
func RatiosChart(l i18n.Lang, b *brief.Brief) *report.BarChart {
	c := &report.BarChart{Frame: report.Frame{Title: l.T("ratios.title"), XLabel: l.T("axis.comparison"), YLabel: l.T("unit.usd_bn"),
		Source: l.T("source.ratios")}}
	return fillBars(c, b.Ratios, func(i int, r brief.Ratio) string { return fmt.Sprintf("%d: ×%.1f", i+1, r.Ratio) },
		column[brief.Ratio]{l.T("ratios.a"), func(r brief.Ratio) float64 { return r.AUSD / 1e9 }},
		column[brief.Ratio]{l.T("ratios.b"), func(r brief.Ratio) float64 { return r.BUSD / 1e9 }})
}

// LoansChart draws the grant element of each recorded loan offer by three
// methods (% of face value).
func LoansChart(l i18n.Lang, ls []brief.LoanGE) *report.BarChart {
	c := &report.BarChart{Frame: report.Frame{Title: l.T("loans.title"), XLabel: l.T("axis.loan"), YLabel: l.T("unit.ge_pct"),
		Source: l.T("source.loans")}}
	return fillBars(c, ls, func(i int, _ brief.LoanGE) string { return fmt.Sprint(i + 1) },
		column[brief.LoanGE]{l.T("ge.imf"), func(x brief.LoanGE) float64 { return brief.Pct(x.IMF) }},
		column[brief.LoanGE]{l.T("ge.dac1972"), func(x brief.LoanGE) float64 { return brief.Pct(x.DAC1972) }},
		column[brief.LoanGE]{l.T("ge.aiddata"), func(x brief.LoanGE) float64 { return brief.Pct(x.AidData10) }})
}

// ContestChart draws the host's surplus when the two exporters compete and
// when they bid as a consortium, case by case (case currency, USD m).
func ContestChart(l i18n.Lang, rows []contest.CaseSummary) *report.BarChart {
	c := &report.BarChart{Frame: report.Frame{Title: l.T("contest.title"), XLabel: l.T("axis.case"), YLabel: l.T("unit.usd_m"),
		Source: l.T("source.contest")}}
	type row = contest.CaseSummary
	return fillBars(c, rows, func(_ int, r row) string { return r.Case },
		column[row]{l.T("contest.host_compete"), func(r row) float64 { return r.HostCompetitive }},
		column[row]{l.T("contest.host_cooperate"), func(r row) float64 { return r.HostCooperative }},
		column[row]{l.T("contest.joint_profit"), func(r row) float64 { return r.JointProfit }})
}

// CostTermsChart stacks each offer's financing-adjusted cost terms (PV at
// the host's rate): equity, debt service, life-cycle costs, fiscal premium,
// guarantee and tied-aid costs.
func CostTermsChart(l i18n.Lang, r tender.Result) *report.BarChart {
	c := &report.BarChart{Stacked: true, Frame: report.Frame{Title: l.T("terms.title"), XLabel: l.T("axis.offer"),
		YLabel: l.Tf("unit.pv_ccy", r.Currency, r.PriceYear), Source: l.T("source.tender")}}
	names := []string{"terms.equity", "terms.debt_service", "terms.lifecycle", "terms.fiscal_premium", "terms.guarantee", "terms.tied"}
	series := make([]report.BarSeries, len(names))
	for i, n := range names {
		series[i].Name = l.T(n)
	}
	for _, o := range r.Offers {
		c.Categories = append(c.Categories, o.ID)
		f := o.Financing
		for i, v := range []float64{f.EquityPV, f.DebtServicePV, f.LifecyclePV, f.FiscalPremium, f.GuaranteeCost, f.TiedCost} {
			series[i].Values = append(series[i].Values, v)
		}
	}
	c.Series = series
	return c
}

// TornadoChart draws the winner's margin with each input at its low and
// high value, widest swing first.
func TornadoChart(l i18n.Lang, t tender.Tornado) *report.TornadoChart {
	c := &report.TornadoChart{Base: t.Margin,
		Frame:   report.Frame{Title: l.Tf("tornado.title", t.Winner, 100*t.Frac), XLabel: l.T("axis.margin"), Source: l.T("source.tender")},
		LowName: l.Tf("tornado.low", 100*t.Frac), HighName: l.Tf("tornado.high", 100*t.Frac)}
	for _, b := range t.Bars {
		c.Bars = append(c.Bars, report.TornadoBar{Label: b.Param, Low: b.MarginLow, High: b.MarginHigh})
	}
	return c
}

// ScheduleChart draws a loan's debt service per payment date, split into
// interest, principal and fees, as steps (loan currency).
func ScheduleChart(l i18n.Lang, s finance.Schedule) *report.LineChart {
	c := &report.LineChart{Step: true, ZeroBased: true, Frame: report.Frame{Title: l.T("schedule.title"),
		XLabel: l.T("axis.years"), YLabel: l.Tf("unit.ccy", s.Currency), Source: l.T("source.finance")}}
	ds, in, pr := report.Series{Name: l.T("schedule.debt_service")}, report.Series{Name: l.T("schedule.interest")}, report.Series{Name: l.T("schedule.principal")}
	for _, r := range s.Rows {
		for _, p := range []*report.Series{&ds, &in, &pr} {
			p.X = append(p.X, r.Time)
		}
		ds.Y = append(ds.Y, r.DebtService())
		in.Y = append(in.Y, r.Interest)
		pr.Y = append(pr.Y, r.Principal)
	}
	c.Series = []report.Series{ds, in, pr}
	return c
}

// CompareChart draws what each financing offer costs the host: the
// project cost, the subsidy the loan carries, and the all-in cost (host
// currency, PV at the host's rate).
func CompareChart(l i18n.Lang, res *finance.Comparison) *report.BarChart {
	p := res.Project
	c := &report.BarChart{Frame: report.Frame{Title: l.Tf("compare.title", p.Name), XLabel: l.T("axis.offer"),
		YLabel: l.Tf("unit.ccy", p.HostCurrency), Source: l.T("source.finance")}}
	type offer = finance.OfferResult
	return fillBars(c, res.Offers, func(_ int, o offer) string { return o.Name },
		column[offer]{l.T("compare.cost"), func(o offer) float64 { return o.Cost }},
		column[offer]{l.T("compare.subsidy"), func(o offer) float64 { return o.Subsidy }},
		column[offer]{l.T("compare.all_in"), func(o offer) float64 { return o.AllInCost }})
}

// CompareGEChart draws each offer's grant element by every method (%).
func CompareGEChart(l i18n.Lang, res *finance.Comparison) *report.BarChart {
	c := &report.BarChart{Frame: report.Frame{Title: l.T("compare.ge_title"), XLabel: l.T("axis.offer"), YLabel: l.T("unit.ge_pct"),
		Source: l.T("source.finance")}}
	idx := map[string]int{}
	for k, o := range res.Offers {
		c.Categories = append(c.Categories, o.Name)
		for _, g := range o.GrantElements {
			name := string(g.Method)
			i, ok := idx[name]
			if !ok {
				i = len(c.Series)
				idx[name] = i
				c.Series = append(c.Series, report.BarSeries{Name: name, Values: nanSlice(len(res.Offers))})
			}
			c.Series[i].Values[k] = 100 * g.GrantElement
		}
	}
	return c
}

func nanSlice(n int) []float64 {
	v := make([]float64, n)
	for i := range v {
		v[i] = math.NaN()
	}
	return v
}

// SurfaceChart draws a grant-element surface as a heat map (%).
func SurfaceChart(l i18n.Lang, s *finance.Surface, title string) *report.Heatmap {
	z := make([][]float64, len(s.GE))
	for j, row := range s.GE {
		z[j] = make([]float64, len(row))
		for i, v := range row {
			z[j][i] = 100 * v
		}
	}
	x := make([]float64, len(s.Rates))
	for i, r := range s.Rates {
		x[i] = 100 * r
	}
	return &report.Heatmap{Title: title, XLabel: l.T("axis.rate_pct"), YLabel: l.T("axis." + string(s.Axis) + "_years"),
		ZLabel: l.T("unit.ge_pct"), Source: l.T("source.finance"), X: x, Y: s.Y, Z: z}
}

// LCCHistogram draws the distribution over Monte Carlo runs of one
// alternative's agency present value, with its mean and P10/P90.
func LCCHistogram(l i18n.Lang, mc *lcc.MCResult, alt int, currency string) (*report.Histogram, error) {
	if alt < 0 || alt >= len(mc.Alternatives) {
		return nil, fmt.Errorf("publish: no alternative %d", alt)
	}
	xs := make([]float64, len(mc.PV))
	for r, pv := range mc.PV {
		xs[r] = pv[alt].Agency
	}
	a := mc.Alternatives[alt]
	h, err := report.NewHistogram(report.Frame{Title: l.Tf("lcc.hist_title", a.Name, mc.Runs, mc.Seed),
		XLabel: l.Tf("lcc.agency_pv", currency), YLabel: l.T("axis.runs"), Source: l.T("source.lcc")}, xs, 30)
	if err != nil {
		return nil, err
	}
	h.Marks = []report.Mark{{Label: l.T("stat.mean"), X: a.Agency.Mean}, {Label: "P10", X: a.Agency.P10}, {Label: "P90", X: a.Agency.P90}}
	return h, nil
}

// BidChart draws each bidder's equilibrium bid function b(type).
func BidChart(l i18n.Lang, r *auction.Result) *report.LineChart {
	c := &report.LineChart{Frame: report.Frame{Title: l.Tf("auction.bid_title", r.Form), XLabel: l.T("axis.type"),
		YLabel: l.T("axis.bid"), Source: l.Tf("source.auction", r.Method)}}
	for _, b := range r.Bidders {
		s := report.Series{Name: b.Name}
		for _, p := range b.Bids {
			s.X = append(s.X, p.Type)
			s.Y = append(s.Y, p.Bid)
		}
		c.Series = append(c.Series, s)
	}
	return c
}

// LCCChart draws each alternative's present value by cost category
// (agency, user, host) side by side.
func LCCChart(l i18n.Lang, res []lcc.Result, currency string, priceYear int) *report.BarChart {
	c := &report.BarChart{Frame: report.Frame{Title: l.T("lcc.title"), XLabel: l.T("axis.alternative"),
		YLabel: l.Tf("unit.pv_ccy", currency, priceYear), Source: l.T("source.lcc")}}
	return fillBars(c, res, func(_ int, r lcc.Result) string { return r.Name },
		column[lcc.Result]{l.T("col.agency_pv"), func(r lcc.Result) float64 { return r.PV.Agency }},
		column[lcc.Result]{l.T("col.user_pv"), func(r lcc.Result) float64 { return r.PV.User }},
		column[lcc.Result]{l.T("col.host_pv"), func(r lcc.Result) float64 { return r.PV.Host }})
}

// verdictLabel is a map cell's verdict in language l.
func verdictLabel(l i18n.Lang, v string) string {
	switch v {
	case contest.VerdictAllGain:
		return l.T("contestmap.allgain")
	case contest.VerdictHostLoses:
		return l.T("contestmap.hostloses")
	case contest.VerdictCompete:
		return l.T("contestmap.compete")
	}
	return v
}

// ContestMapChart is the compete-or-cooperate map of `contest map`: the
// exporters' gain from cooperating over consortium cost saving (x) and host
// bargaining power (y), each cell labelled with its verdict.
func ContestMapChart(l i18n.Lang, a, b string, xs, ys []float64, cells [][]contest.Cell) *report.Heatmap {
	hm := &report.Heatmap{Title: l.Tf("contestmap.title", a, b),
		XLabel: l.T("contestmap.x"), YLabel: l.T("contestmap.y"), ZLabel: l.T("contestmap.z"),
		Source: l.T("contestmap.source"), X: xs, Y: ys}
	for _, row := range cells {
		z := make([]float64, len(row))
		lab := make([]string, len(row))
		for i, c := range row {
			z[i], lab[i] = c.ExportersGain, verdictLabel(l, c.Verdict)
		}
		hm.Z = append(hm.Z, z)
		hm.Labels = append(hm.Labels, lab)
	}
	return hm
}

// TenderMapChart is the who-wins map of `tender map`: the winner's margin
// over the runner-up (the host rule's score, USD m for the cost rules) at
// every cell of the grid, each cell labelled with its winner.
func TenderMapChart(l i18n.Lang, mp tender.Map) *report.Heatmap {
	return &report.Heatmap{Title: l.Tf("tendermap.title", mp.XParam, mp.YParam),
		XLabel: mp.XParam, YLabel: mp.YParam, ZLabel: l.T("tendermap.z"),
		Source: l.T("tendermap.source"), X: mp.X, Y: mp.Y, Z: mp.Margin, Labels: mp.Winner}
}

// SurfaceDocChart draws the document of `finance surface` as a heat map:
// the grant element (percent of face value) over the interest rate
// (percent) and the years of grace or maturity; an empty cell where the
// terms are invalid.
func SurfaceDocChart(l i18n.Lang, doc *financedoc.Surface) *report.Heatmap {
	axis := strings.TrimSuffix(doc.Axis, "_years")
	return &report.Heatmap{Title: l.Tf("surface.title", doc.Method, doc.DiscountRatePct),
		XLabel: l.T("axis.rate_pct"), YLabel: l.T("axis." + axis + "_years"), ZLabel: l.T("unit.ge_pct"),
		Source: l.T("source.finance"), X: doc.RatesPct, Y: doc.Y, Z: doc.GE}
}
