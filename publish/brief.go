package publish

import (
	"fmt"
	"strings"

	"github.com/infragame/infragame/brief"
	"github.com/infragame/infragame/contest"
	"github.com/infragame/infragame/dataset"
	"github.com/infragame/infragame/report"
	"github.com/infragame/infragame/report/i18n"
	"github.com/infragame/infragame/tender"
)

// BriefInput is what the brief report is made of: the records (embedded
// plus imports) and the case library.
type BriefInput struct {
	Set   *dataset.Set
	Cases []*tender.File
}

// Brief builds the report of the seed paper's whole picture: Japan's orders
// against the 2020 target, the sectors, China against Japan, the recorded
// loan offers' grant elements, the head-to-head contests and cooperation
// projects, the tender engine's backtest and the compete-or-cooperate
// analysis of every case, each figure with its record's source.
func Brief(in BriefInput, m Meta) (*report.Document, error) {
	l := m.Lang
	r, err := brief.Build(in.Set, in.Cases)
	if err != nil {
		return nil, err
	}
	b, loans, bt, coop := r.Headline, r.LoanGrantElements, r.BacktestRows, r.CompeteOrCooperate
	d := m.document(l.T("brief.title"), l.T("brief.subtitle"))
	d.About = m.about()
	set := in.Set

	// Orders against the target.
	o := b.Orders
	point := func(p brief.Point) string {
		s := l.Amount(p.Value, p.Unit)
		if l == i18n.ZH && p.Printed != "" && !strings.Contains(s, strings.TrimSpace(p.Printed)) {
			s += l.Tf("printed.as", p.Printed)
		}
		return join(s, cite(d, set, p.ID))
	}
	orders := report.Section{Heading: l.T("orders.heading"),
		Paragraphs: []string{
			l.Tf("orders.p1", o.Start.Year, point(o.Start), o.End.Year, point(o.End), l.Percent(o.AchievedCAGR), point(o.Target), o.Target.Year),
			l.Tf("orders.p2", l.Percent(o.ShareOfTarget), o.End.Year, l.Percent(o.RequiredCAGR), o.End.Year, o.Target.Year),
			l.Tf("orders.p3", o.Narrow2012.Year, point(o.Narrow2012), o.Narrow2013.Year, point(o.Narrow2013), o.NarrowRatio),
		},
		Figures: []report.Figure{{Chart: OrdersChart(l, b), Caption: l.T("orders.caption")}},
	}
	if l == i18n.ZH { // the seed's own words beside the computed figures
		orders.Quotes = quotes(set, o.Start.ID, o.End.ID, o.Target.ID, o.Narrow2012.ID, o.Narrow2013.ID)
	}
	d.Sections = append(d.Sections, orders)

	// Sectors.
	st := &report.Table{Columns: []string{l.T("col.sector"), l.T("col.from"), l.T("col.to"), l.T("col.cagr")}}
	for _, s := range b.Sectors {
		st.AddRow(l.T("sector."+s.Sector), fmt.Sprintf("%d: %s", s.From.Year, point(s.From)), fmt.Sprintf("%d: %s", s.To.Year, point(s.To)), l.Percent(s.CAGR))
	}
	sec := report.Section{Heading: l.T("sectors.heading"), Figures: []report.Figure{{Chart: SectorsChart(l, b)}}, Tables: []*report.Table{st}}
	if l == i18n.ZH {
		var ids []string
		for _, s := range b.Sectors {
			ids = append(ids, s.From.ID, s.To.ID)
		}
		sec.Quotes = quotes(set, ids...)
	}
	d.Sections = append(d.Sections, sec)

	// China against Japan.
	rt := &report.Table{Columns: []string{"#", l.T("col.comparison"), l.T("col.a_usd_bn"), l.T("col.b_usd_bn"), l.T("col.ratio")}}
	for i, r := range b.Ratios {
		rt.AddRow(i+1, join(r.Label, cite(d, set, r.AID), cite(d, set, r.BID)), fmt.Sprintf("%.1f", r.AUSD/1e9), fmt.Sprintf("%.1f", r.BUSD/1e9), fmt.Sprintf("%.2f", r.Ratio))
		if r.FXNotes != "" {
			rt.Notes = append(rt.Notes, "FX: "+r.FXNotes)
		}
	}
	d.Sections = append(d.Sections, report.Section{Heading: l.T("ratios.heading"),
		Figures: []report.Figure{{Chart: RatiosChart(l, b)}}, Tables: []*report.Table{rt}})

	// Loans.
	lt := &report.Table{Columns: []string{"#", l.T("col.project"), l.T("col.lender"), l.T("col.year"), l.T("col.rate_pct"), l.T("col.maturity"), l.T("col.grace"), l.T("ge.imf"), l.T("ge.dac1972"), l.T("ge.aiddata")}}
	for i, x := range loans {
		lt.AddRow(i+1, join(projectName(l, set, x.Project, x.Project), cite(d, set, x.Project)), x.Lender, x.Year, x.RatePct, x.Maturity, x.Grace,
			pct1(l, x.IMF), pct1(l, x.DAC1972), pct1(l, x.AidData10))
		if x.Note != "" {
			lt.Notes = append(lt.Notes, fmt.Sprintf("%d: %s", i+1, x.Note))
		}
	}
	lt.Notes = append([]string{l.T("loans.note")}, lt.Notes...)
	d.Sections = append(d.Sections, report.Section{Heading: l.T("loans.heading"),
		Figures: []report.Figure{{Chart: LoansChart(l, loans)}}, Tables: []*report.Table{lt}})

	// Contests and cooperation.
	projectTable := func(cs []brief.Contest, others string) *report.Table {
		t := &report.Table{Columns: []string{l.T("col.project"), l.T("col.host"), l.T("col.year"), l.T("col.value"), l.T("col.winners"), l.T(others), l.T("col.outcome")}}
		for _, c := range cs {
			name := projectName(l, set, c.ID, c.Name)
			o := c.Bidders
			if others == "col.partners" {
				o = c.Partners
			}
			t.AddRow(join(name, cite(d, set, c.ID)), c.Host, c.Year, projectValue(l, set, c.ID), strings.Join(c.Winners, "+"), strings.Join(o, "+"), c.Outcome)
		}
		return t
	}
	ids := func(cs []brief.Contest) []string {
		var out []string
		for _, c := range cs {
			out = append(out, c.ID)
		}
		return out
	}
	contests := report.Section{Heading: l.T("contests.heading"), Paragraphs: []string{l.T("contests.p")},
		Tables: []*report.Table{projectTable(b.Contests, "col.bidders")}}
	cooperation := report.Section{Heading: l.T("cooperation.heading"),
		Tables: []*report.Table{projectTable(b.Cooperation, "col.partners")}}
	if l == i18n.ZH { // the seed's own words on each project
		contests.Quotes = quotes(set, ids(b.Contests)...)
		cooperation.Quotes = quotes(set, ids(b.Cooperation)...)
	}
	d.Sections = append(d.Sections, contests, cooperation)

	// Backtest.
	btt := &report.Table{Columns: []string{l.T("col.case"), l.T("col.predicted"), l.T("col.actual"), l.T("col.result"), l.T("col.margin_pct")}}
	hits, decided := 0, 0
	for _, r := range bt {
		res := l.T("bt.undecided")
		if r.Decided {
			decided++
			res = l.T("bt.miss")
			if r.Hit {
				hits++
				res = l.T("bt.hit")
			}
		}
		btt.AddRow(caseLabel(l, set, in.Cases, r.Case), r.Predicted, r.Actual, res, fmt.Sprintf("%.1f", 100*r.RelMargin))
	}
	d.Sections = append(d.Sections, report.Section{Heading: l.T("backtest.heading"),
		Paragraphs: []string{l.Tf("backtest.p", hits, decided)}, Tables: []*report.Table{btt}})

	// Compete or cooperate.
	cs := contestSection(l, coop)
	for _, row := range cs.Tables[0].Rows {
		row[0] = caseLabel(l, set, in.Cases, row[0])
	}
	d.Sections = append(d.Sections, cs)
	return d, nil
}

// caseLabel is a case's id, in Chinese followed by the Chinese name of its
// first dataset project (the case file's projects:).
func caseLabel(l i18n.Lang, set *dataset.Set, files []*tender.File, id string) string {
	if l != i18n.ZH {
		return id
	}
	for _, f := range files {
		if f.ID == id && len(f.Projects) > 0 {
			if zh := projectName(l, set, f.Projects[0], ""); zh != "" {
				return id + "（" + zh + "）"
			}
		}
	}
	return id
}

// projectValue is a project's recorded value in l: in Chinese with the
// paper's number words (50亿美元) and, where the paper printed it otherwise,
// the figure as printed; "" without a value.
func projectValue(l i18n.Lang, set *dataset.Set, id string) string {
	r, ok := set.Get(id)
	p, isProject := r.(*dataset.Project)
	if !ok || !isProject || p.Value == nil {
		return ""
	}
	m := p.Value
	s := l.Amount(m.Amount, m.Currency)
	if pr := m.Printed; l == i18n.ZH && pr != nil && pr.Text != "" && !strings.Contains(s, strings.ReplaceAll(pr.Text, " ", "")) {
		s += l.Tf("printed.as", pr.Text)
	}
	return s
}

func contestSection(l i18n.Lang, rows []contest.CaseSummary) report.Section {
	t := &report.Table{Columns: []string{l.T("col.case"), l.T("col.exporters"), l.T("contest.profits_compete"), l.T("contest.host_compete"),
		l.T("contest.joint_profit"), l.T("contest.host_cooperate"), l.T("contest.pays_both"), l.T("contest.max_power"), l.T("contest.min_synergy")}}
	opt := func(p *float64) string {
		if p == nil {
			return l.T("none")
		}
		return fmt.Sprintf("%.1f %%", *p)
	}
	for _, r := range rows {
		pays := l.T("no")
		if r.PaysBoth {
			pays = l.T("yes")
		}
		t.AddRow(r.Case, r.Exporters[0]+" / "+r.Exporters[1], fmt.Sprintf("%.0f / %.0f", r.Competitive[0], r.Competitive[1]),
			fmt.Sprintf("%.0f", r.HostCompetitive), fmt.Sprintf("%.0f", r.JointProfit), fmt.Sprintf("%.0f", r.HostCooperative), pays, opt(r.MaxHostPowerPct), opt(r.MinSynergyPct))
	}
	t.Notes = []string{l.T("contest.note")}
	s := report.Section{Heading: l.T("contest.heading"), Paragraphs: []string{l.T("contest.p")}, Tables: []*report.Table{t}}
	if len(rows) > 0 {
		s.Figures = []report.Figure{{Chart: ContestChart(l, rows)}}
	}
	return s
}

// quotes returns the records' quotations, each once, in order.
func quotes(set *dataset.Set, ids ...string) []string {
	var out []string
	seen := map[string]bool{}
	for _, id := range ids {
		r, ok := set.Get(id)
		if !ok {
			continue
		}
		if q := r.Base().Quote; q != "" && !seen[q] {
			seen[q] = true
			out = append(out, q)
		}
	}
	return out
}

// pct1 prints a fraction as a percentage with one decimal, or "n/a" when
// the convention gives no value.
func pct1(l i18n.Lang, x *float64) string {
	if x == nil {
		return l.T("na")
	}
	return fmt.Sprintf("%.1f", 100**x)
}

// projectName is the dataset project's name in l (its Chinese name in
// Chinese), or fallback when id is not a project.
func projectName(l i18n.Lang, set *dataset.Set, id, fallback string) string {
	if r, ok := set.Get(id); ok {
		if p, ok := r.(*dataset.Project); ok {
			return l.Name(p.Name, p.NameZh)
		}
	}
	return fallback
}
