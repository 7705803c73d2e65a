package cli

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/infragame/infragame/brief"
	"github.com/infragame/infragame/cases"
	"github.com/infragame/infragame/contest"
	"github.com/infragame/infragame/dataset"
	"github.com/infragame/infragame/publish"
	"github.com/infragame/infragame/report"
	"github.com/infragame/infragame/report/i18n"
	"github.com/infragame/infragame/tender"
	"github.com/infragame/infragame/units"
)

func pct(x float64) string { return fmt.Sprintf("%.1f %%", 100*x) }

// trillion formats a JPY amount in 万亿 (10^12) as the paper prints it.
func scaled(p brief.Point) string {
	switch p.Unit {
	case "JPY":
		return fmt.Sprintf("¥%s tn", report.FormatFloat(p.Value/1e12))
	case "USD":
		return fmt.Sprintf("$%s bn", report.FormatFloat(p.Value/1e9))
	}
	return report.FormatFloat(p.Value) + " " + p.Unit
}

// shown is a brief amount as the text table prints it ("¥10 tn") and, in
// CSV and workbooks, as the plain number in its unit.
func shown(p brief.Point) report.Shown { return report.Shown{Text: scaled(p), Value: p.Value} }

func ordersTable(b *brief.Brief) *report.Table {
	o := b.Orders
	t := &report.Table{
		Title:   "Japan's infrastructure-export orders against the 2020 target (seed §1.1, §1.3(1))",
		Columns: []string{"series", "year", "value", "unit", "as_printed", "record"},
	}
	t.SetUnit(report.UnitSeeColumn, "value")
	for _, r := range []struct {
		series string
		p      brief.Point
	}{{"orders incl. business investment", o.Start}, {"orders incl. business investment", o.End}, {"target", o.Target},
		{"orders (narrow)", o.Narrow2012}, {"orders (narrow)", o.Narrow2013}} {
		t.AddRow(r.series, r.p.Year, shown(r.p), r.p.Unit, r.p.Printed, r.p.ID)
	}
	t.Notes = []string{
		fmt.Sprintf("Achieved growth %d–%d: %s a year (CAGR); %s of the target reached by %d.", o.Start.Year, o.End.Year, pct(o.AchievedCAGR), pct(o.ShareOfTarget), o.End.Year),
		fmt.Sprintf("Growth now needed %d–%d to reach the target: %s a year.", o.End.Year, o.Target.Year, pct(o.RequiredCAGR)),
		fmt.Sprintf("Narrow orders %d→%d: ×%.2f (%s → %s contracts).", o.Narrow2012.Year, o.Narrow2013.Year, o.NarrowRatio, report.FormatFloat(o.Count2012.Value), report.FormatFloat(o.Count2013.Value)),
	}
	return t
}

func sectorsTable(b *brief.Brief) *report.Table {
	t := &report.Table{Title: "Orders by sector (seed §1.3(1))", Columns: []string{"sector", "from_year", "from", "to_year", "to", "change", "unit", "cagr_%"}}
	t.SetUnit(report.UnitSeeColumn, "from", "to", "change")
	for _, s := range b.Sectors {
		t.AddRow(s.Sector, s.From.Year, shown(s.From), s.To.Year, shown(s.To), shown(brief.Point{Value: s.Change, Unit: s.From.Unit}), s.From.Unit,
			report.Shown{Text: pct(s.CAGR), Value: 100 * s.CAGR})
	}
	return t
}

func ratiosTable(b *brief.Brief) *report.Table {
	t := &report.Table{Title: "Scale: China against Japan (USD at annual average FX)", Columns: []string{"comparison", "a_usd_bn", "b_usd_bn", "a_over_b"}}
	t.SetUnit("ratio", "a_over_b")
	for _, r := range b.Ratios {
		t.AddRow(r.Label, rounded(r.AUSD/1e9, 1), rounded(r.BUSD/1e9, 1), rounded(r.Ratio, 2))
		if r.FXNotes != "" {
			t.Notes = append(t.Notes, "FX: "+r.FXNotes)
		}
	}
	return t
}

func contestsTable(b *brief.Brief) *report.Table {
	t := &report.Table{Title: "Head-to-head contests between Chinese and Japanese sides", Columns: []string{"project", "host", "year", "winner", "also_bid", "outcome"}}
	for _, c := range b.Contests {
		t.AddRow(c.Name, c.Host, c.Year, strings.Join(c.Winners, "+"), strings.Join(c.Bidders, "+"), clip(c.Outcome, 90))
	}
	return t
}

func cooperationTable(b *brief.Brief) *report.Table {
	t := &report.Table{Title: "Chinese and Japanese sides in the same project (third-country and home-market cooperation)", Columns: []string{"project", "host", "year", "winners", "partners", "outcome"}}
	for _, c := range b.Cooperation {
		t.AddRow(c.Name, c.Host, c.Year, strings.Join(c.Winners, "+"), strings.Join(c.Partners, "+"), clip(c.Outcome, 90))
	}
	return t
}

func (a *App) briefCmd() *cobra.Command {
	var ff figureFlags
	var chart string
	c := &cobra.Command{
		Use:   "brief",
		Short: "Print the seed paper's headline picture, computed from the dataset",
		Long: `brief reads the dataset (embedded records plus your imports) and prints:
Japan's orders against the 30-trillion-yen 2020 target with the growth rate the
target now needs, the sector series, the scale of China's overseas contracting
against Japan's, and the head-to-head contests with their winners. Every figure
names the record it comes from; "infragame data show ID" prints the source.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			format, set, err := a.formatAndRecords(cmd)
			if err != nil {
				return err
			}
			files, err := cases.All()
			if err != nil {
				return err
			}
			doc, err := brief.Build(set, files)
			if err != nil {
				return err
			}
			b, loans, coopRows := doc.Headline, doc.LoanGrantElements, doc.CompeteOrCooperate
			bt, cv := doc.BacktestRows, doc.CrossValidation
			if err := ff.draw(cmd, func(l i18n.Lang) (report.Chart, error) { return briefChart(l, chart, b, loans, coopRows) }); err != nil {
				return err
			}
			return report.Write(a.Out, format, doc, ordersTable(b), sectorsTable(b), ratiosTable(b), contestsTable(b),
				cooperationTable(b), loansTable(loans), backtestBriefTable(bt, cv), contestBriefTable(coopRows))
		},
	}
	ff.register(c, "a chart of the brief (--chart)")
	ff.registerLang(c)
	c.Flags().StringVar(&chart, "chart", "orders", "which chart --svg/--png draw: orders, sectors, ratios, loans or contest ('infragame report brief' has them all)")
	return readingRecords(c)
}

// briefChart returns the brief's chart called name.
func briefChart(l i18n.Lang, name string, b *brief.Brief, loans []brief.LoanGE, coop []contest.CaseSummary) (report.Chart, error) {
	switch name {
	case "orders":
		return publish.OrdersChart(l, b), nil
	case "sectors":
		return publish.SectorsChart(l, b), nil
	case "ratios":
		return publish.RatiosChart(l, b), nil
	case "loans":
		return publish.LoansChart(l, loans), nil
	case "contest":
		return publish.ContestChart(l, coop), nil
	}
	return nil, usagef("--chart %q: want orders, sectors, ratios, loans or contest", name)
}

func loansTable(ls []brief.LoanGE) *report.Table {
	t := &report.Table{
		Title:   "What the recorded loan offers give away: grant element, % of face value (finance engine)",
		Columns: []string{"project", "lender", "status", "year", "currency", "rate_%", "maturity_years", "grace_years", "guarantee", "ge_imf_%", "ge_dac1972_%", "ge_aiddata_10_%", "ge_published_%", "ge_published_imf_%"},
	}
	var notes []string
	for _, l := range ls {
		g := ""
		if l.Guarantee {
			g = "required"
		}
		t.AddRow(clip(l.Project, 28), l.Lender, l.Status, l.Year, l.Currency, l.RatePct, l.Maturity, l.Grace, g,
			pct1(l.IMF), pct1(l.DAC1972), pct1(l.AidData10), l.Published, l.PublishedIMF)
		if l.Note != "" {
			notes = append(notes, fmt.Sprintf("n/a for %s (%s %d): %s", l.Project, l.Lender, l.Year, l.Note))
		}
	}
	t.Notes = append([]string{"Semi-annual equal-principal repayment assumed where the record does not say; 'infragame finance compare' values whole offers. ge_imf_%: the IMF convention (5 % discount rate); ge_dac1972_%: the OECD DAC 1972 convention (10 %); ge_aiddata_10_%: AidData's 10 % convention; ge_published_%: the grant element the source publishes (AidData: OECD cash-flow method); ge_published_imf_%: the source's IMF-convention value, to set beside ours."}, notes...)
	return t
}

func backtestBriefTable(rows []tender.BacktestRow, cv tender.CrossValidation) *report.Table {
	t := &report.Table{Title: "Who should have won: the tender engine on the case library (one host rule for all cases)",
		Columns: []string{"case", "predicted", "actual", "result", "rel_margin_%"}}
	hits, decided := 0, 0
	for _, r := range rows {
		res := "undecided"
		if r.Decided {
			decided++
			res = "miss"
			if r.Hit {
				hits++
				res = "hit"
			}
		}
		t.AddRow(r.Case, r.Predicted, firstNonEmpty(r.Actual, "(none)"), res, rounded(units.PercentOf(r.RelMargin), 1))
	}
	t.Notes = []string{fmt.Sprintf("%d of %d decided cases predicted; rel_margin_%%: the predicted winner's lead in financing-adjusted cost, %% of its cost; 'infragame tender backtest' shows the deciding inputs, docs/tender.md the rule.", hits, decided)}
	for _, m := range cv.Summary {
		if m.Method == tender.MethodRule || m.Method == tender.MethodModel || m.Method == tender.MethodNaive {
			t.Notes = append(t.Notes, fmt.Sprintf("leave-one-out, %s: %d of %d, Brier %.3f, log loss %.3f", m.Method, m.Hits, m.Cases, m.Brier, m.LogLoss))
		}
	}
	return t
}

func contestBriefTable(rows []contest.CaseSummary) *report.Table {
	t := &report.Table{Title: "Compete or cooperate? Expected profits and host surplus, head-on against a consortium (contest engine)",
		Columns: []string{"case", "exporters", "profit_competing_1st", "profit_competing_2nd", "host_surplus_competitive", "joint_profit", "host_surplus_cooperative", "pays_both", "max_host_power_%", "min_synergy_%"}}
	opt := func(p *float64) any {
		if p == nil {
			return report.Clipped{Text: "none"}
		}
		return rounded(*p, 1)
	}
	for _, r := range rows {
		t.AddRow(r.Case, r.Exporters[0]+" / "+r.Exporters[1], rounded(r.Competitive[0], 0), rounded(r.Competitive[1], 0),
			rounded(r.HostCompetitive, 0), rounded(r.JointProfit, 0), rounded(r.HostCooperative, 0),
			map[bool]string{true: "yes", false: "no"}[r.PaysBoth], opt(r.MaxHostPowerPct), opt(r.MinSynergyPct))
	}
	t.SetUnit("USD m", "profit_competing_1st", "profit_competing_2nd", "host_surplus_competitive", "joint_profit", "host_surplus_cooperative")
	t.SetUnit(report.UnitPercent, "max_host_power_%", "min_synergy_%")
	t.Notes = []string{"USD m; assumptions in the case's contest: block. 'infragame contest analyze case:ID' and 'contest map' show the model and where the verdict flips (docs/contest.md)."}
	return t
}

func (a *App) dataSummaryCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "summary",
		Short: "Count records by kind, region, sector and exporter, with the seed's headline series",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			format, set, err := a.formatAndRecords(cmd)
			if err != nil {
				return err
			}
			b, err := brief.Compute(set)
			if err != nil {
				return err
			}
			c := b.Counts
			counts := &report.Table{Title: "Records", Columns: []string{"group", "label", "records", "facts", "projects"}}
			for _, x := range c.ByKind {
				counts.AddRow("kind", x.Label, x.N, "", "")
			}
			add := func(group string, cs []dataset.Count) {
				for _, x := range cs {
					counts.AddRow(group, x.Label, x.N, x.Facts, x.Projects)
				}
			}
			add("region", c.ByRegion)
			add("sector", c.BySector)
			add("exporter", c.ByExporter)
			var fl []string
			for _, x := range c.FlaggedByKind {
				fl = append(fl, fmt.Sprintf("%d %s: infragame data list %s --flagged", x.N, x.Label, x.Label))
			}
			counts.Notes = []string{
				"Regions, sectors and countries are counted on facts and projects only. country: a party to a project other than its host, or the country a fact is about.",
				fmt.Sprintf("%d record(s) flagged (inconsistent, disputed, …): %s", c.Flagged, strings.Join(fl, "; ")),
			}
			return report.Write(a.Out, format, b.Summary(), counts, ordersTable(b), sectorsTable(b))
		},
	}
}

// pct1 prints a fraction as a percentage with one decimal, or "n/a" when the
// value is absent (the note of the row says why).
// pct1 is a fraction in percent: one decimal in a terminal table, full
// precision (units.PercentOf) in CSV and workbooks; nil (not computed) is
// "n/a" in the table and an empty cell there.
func pct1(x *float64) any {
	if x == nil {
		return report.Clipped{Text: "n/a"}
	}
	return rounded(units.PercentOf(*x), 1)
}

// rounded is x with digits decimals in a terminal table and at full
// precision in CSV and workbooks, whose numbers are read back.
func rounded(x float64, digits int) report.Shown {
	return report.Shown{Text: strconv.FormatFloat(x, 'f', digits, 64), Value: x}
}
