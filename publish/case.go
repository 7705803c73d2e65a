package publish

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/infragame/infragame/contest"
	"github.com/infragame/infragame/dataset"
	"github.com/infragame/infragame/finance"
	"github.com/infragame/infragame/report"
	"github.com/infragame/infragame/report/i18n"
	"github.com/infragame/infragame/tender"
	"github.com/infragame/infragame/units"
)

// CaseTender is the tender a case file describes: with its own host: block,
// or, for a library case without one, under the backtest's host rule.
func CaseTender(f *tender.File) (tender.Tender, error) {
	if f.Host != nil {
		return f.Tender()
	}
	return f.CaseTender(tender.DefaultRule)
}

// CaseOptions are the parameters of a case report.
type CaseOptions struct {
	// TornadoFrac is the change of each input on the tornado (0.2 = ±20 %).
	TornadoFrac float64
	// BreakEvens is how many of the tornado's widest inputs get a
	// break-even search.
	BreakEvens int
	// Set is the dataset whose project records the case names (its
	// projects: field): their Chinese names, values as printed and quotes.
	// Nil leaves them out.
	Set *dataset.Set
}

// Case builds the report of one tender case: the offers and the grant
// element of their loans, the life-cycle costs, the ranking with every cost
// term, the tornado, the break-evens of the most influential inputs, the
// compete-or-cooperate analysis when the case has a contest: block, the
// assumptions, and every source of the file as footnotes.
func Case(f *tender.File, opt CaseOptions, m Meta) (*report.Document, error) {
	l := m.Lang
	if opt.TornadoFrac <= 0 {
		opt.TornadoFrac = 0.2
	}
	t, err := CaseTender(f)
	if err != nil {
		return nil, err
	}
	r, err := tender.Evaluate(t)
	if err != nil {
		return nil, err
	}
	d := m.document(l.Tf("case.title", caseName(l, opt.Set, f)), l.Tf("case.subtitle", f.ID, f.Country, f.Year))
	d.About = m.about(report.KV{Key: l.T("param.tornado"), Value: fmt.Sprintf("±%g %%", 100*opt.TornadoFrac)})
	// Sources first, so that the first footnotes are the file's own.
	keys := make([]string, 0, len(f.Sources))
	for k := range f.Sources {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	marks := map[string]string{}
	for _, k := range keys {
		marks[k] = d.Cite(k + ": " + f.Sources[k])
	}
	allMarks := ""
	for _, k := range keys {
		allMarks += marks[k]
	}
	summary := report.Section{Heading: l.T("case.summary"), Paragraphs: []string{join(f.Summary, allMarks)}}
	if f.Outcome != nil {
		summary.Paragraphs = append(summary.Paragraphs, l.Tf("case.outcome", f.Outcome.Winner, f.Outcome.Status, f.Outcome.Date, f.Outcome.Note))
	}
	d.Sections = append(d.Sections, summary)
	if s, ok := recordsSection(l, d, opt.Set, f.Projects); ok {
		d.Sections = append(d.Sections, s)
	}

	// Offers and the grant element of their loans.
	ot := &report.Table{Columns: []string{l.T("col.offer"), l.T("col.bidder"), l.Tf("col.price_ccy", r.Currency), l.T("col.rate_pct"), l.T("col.maturity"), l.T("col.grace"), l.T("col.share_financed"), l.T("ge.imf"), l.T("ge.dac1972"), l.T("ge.aiddata")}}
	// The price shown is the evaluated one: an offer that gives a capex
	// rather than a price is priced at its capex, as in the ranking.
	price := make(map[string]float64, len(r.Offers))
	for _, o := range r.Offers {
		price[o.ID] = o.Price
	}
	for _, o := range t.Offers {
		if o.Loan == nil {
			ot.AddRow(o.ID, o.Bidder, price[o.ID], "", "", "", "", "", "", "")
			continue
		}
		ge := func(mn finance.MethodName, disc float64) string {
			g, err := finance.GrantElement(*o.Loan, finance.Method{Name: mn, Discount: disc})
			if err != nil {
				return "–"
			}
			return fmt.Sprintf("%.1f", 100*g.GrantElement)
		}
		ot.AddRow(o.ID, o.Bidder, price[o.ID], 100*o.Loan.Rate, o.Loan.MaturityYears, o.Loan.GraceYears, l.Percent(o.Share),
			ge(finance.IMF, 0), ge(finance.DAC1972, 0), ge(finance.AidData, 0.10))
	}
	ot.Notes = []string{l.T("case.offers_note")}
	d.Sections = append(d.Sections, report.Section{Heading: l.T("case.offers"), Tables: []*report.Table{ot}})

	// Ranking and cost terms.
	rk := &report.Table{Columns: []string{l.T("col.rank"), l.T("col.offer"), l.T("col.bidder"), l.T("col.score"), l.T("col.agency_pv"), l.T("col.user_pv"), l.T("col.host_pv"), l.T("col.financing_cost")}}
	for _, o := range r.Offers {
		rk.AddRow(o.Rank, o.ID, o.Bidder, o.Score, o.LCC.PV.Agency, o.LCC.PV.User, o.LCC.PV.Host, o.Financing.Total)
	}
	d.Sections = append(d.Sections, report.Section{Heading: l.T("case.ranking"),
		Paragraphs: []string{l.Tf("case.ranking_p", string(r.Rule), 100*t.Host.DiscountRate, report.FormatFloat(t.Host.ShadowPrice), r.Winner, report.FormatFloat(r.Margin), r.RunnerUp, r.Currency, r.PriceYear)},
		Figures:    []report.Figure{{Chart: CostTermsChart(l, r), Caption: l.T("terms.caption")}},
		Tables:     []*report.Table{rk}})

	// Tornado and break-evens.
	tor, err := tender.MakeTornado(t, opt.TornadoFrac)
	if err != nil {
		return nil, err
	}
	tt := &report.Table{Columns: []string{l.T("col.param"), l.T("col.base"), l.T("col.margin_low"), l.T("col.margin_high"), l.T("col.winner_low"), l.T("col.winner_high")}}
	for _, b := range tor.Bars {
		name, pct := tender.ShownParam(b.Param)
		tt.AddRow(name, tender.ShowParam(b.Base, pct), b.MarginLow, b.MarginHigh, b.WinnerLow, b.WinnerHigh)
	}
	sens := report.Section{Heading: l.T("case.sensitivity"), Paragraphs: []string{l.T("case.sensitivity_p")}, Tables: []*report.Table{tt}}
	if len(tor.Bars) > 0 {
		sens.Figures = []report.Figure{{Chart: TornadoChart(l, tor)}}
	}
	be := &report.Table{Columns: []string{l.T("col.param"), l.T("col.base"), l.T("col.breakeven"), l.T("col.change"), l.T("col.new_winner")}}
	bars := append([]tender.TornadoBar(nil), tor.Bars...)
	sort.SliceStable(bars, func(i, j int) bool { return bars[i].Swing > bars[j].Swing })
	for i, b := range bars {
		if i >= opt.BreakEvens {
			break
		}
		res, err := tender.FindBreakEven(t, b.Param, math.NaN(), math.NaN(), 200)
		name, pct := tender.ShownParam(b.Param)
		if errors.Is(err, tender.ErrNoBreakEven) || (err == nil && len(res.Points) == 0) {
			be.AddRow(name, tender.ShowParam(b.Base, pct), l.T("none"), "", "")
			continue
		}
		if err != nil {
			return nil, err
		}
		for _, p := range res.Points {
			be.AddRow(name, tender.ShowParam(res.Base, pct), fmt.Sprintf("%.6g", tender.ShowParam(p.Value, pct)), changeText(p.Change), p.NewWinner)
		}
	}
	if opt.BreakEvens > 0 {
		be.Notes = []string{l.T("case.breakeven_note")}
		sens.Tables = append(sens.Tables, be)
	}
	d.Sections = append(d.Sections, sens)

	// Compete or cooperate.
	if f.Contest != nil {
		row, err := contest.SummarizeCase(f, tender.DefaultRule)
		if err != nil {
			return nil, err
		}
		d.Sections = append(d.Sections, contestSection(l, []contest.CaseSummary{row}))
	}

	// Assumptions.
	as := report.Section{Heading: l.T("case.assumptions")}
	h := t.Host
	as.Paragraphs = append(as.Paragraphs, l.Tf("case.host", h.Name, 100*h.DiscountRate, h.ShadowPrice, t.Analysis.Horizon, 100*t.Analysis.Inflation, t.Analysis.Currency, t.Analysis.PriceYear))
	if f.Host == nil {
		as.Paragraphs = append(as.Paragraphs, l.T("case.default_host"))
	}
	as.Paragraphs = append(as.Paragraphs, f.Notes...)
	d.Sections = append(d.Sections, as)
	return d, nil
}

// caseName is the case's name in l: in Chinese, the Chinese name of its
// first dataset project with the case's own name beside it.
func caseName(l i18n.Lang, set *dataset.Set, f *tender.File) string {
	if l != i18n.ZH || set == nil || len(f.Projects) == 0 {
		return f.Name
	}
	if zh := projectName(l, set, f.Projects[0], ""); zh != "" {
		return zh + "（" + f.Name + "）"
	}
	return f.Name
}

// recordsSection lists the dataset's project records ids: each one's name
// in l with its source, its value the way the paper prints it (Chinese
// number words, 50亿美元) beside the normalised amount, and its status; in
// Chinese the paper's quotes follow. ok is false when there is none.
func recordsSection(l i18n.Lang, d *report.Document, set *dataset.Set, ids []string) (report.Section, bool) {
	s := report.Section{Heading: l.T("case.records"), Paragraphs: []string{l.T("case.records_p")}}
	if set == nil {
		return s, false
	}
	var found []string
	for _, id := range ids {
		r, ok := set.Get(id)
		p, isProject := r.(*dataset.Project)
		if !ok || !isProject {
			continue
		}
		found = append(found, id)
		v := l.T("case.record_novalue")
		if m := p.Value; m != nil {
			v = l.Tf("case.record_value", projectValue(l, set, id), thousands(m.Amount), m.Currency, m.Year)
		}
		status := "–"
		if p.Status != "" && i18n.Has("status."+p.Status) {
			status = l.T("status." + p.Status)
		} else if p.Status != "" {
			status = p.Status
		}
		s.Paragraphs = append(s.Paragraphs, join(l.Tf("case.record", l.Name(p.Name, p.NameZh), id, v, status), cite(d, set, id)))
	}
	if l == i18n.ZH {
		s.Quotes = quotes(set, found...)
	}
	return s, len(found) > 0
}

// thousands prints a whole amount with a comma between every three digits
// (5,000,000,000), the normalised value beside the paper's number words.
func thousands(x float64) string {
	s := strconv.FormatFloat(math.Round(math.Abs(x)), 'f', 0, 64)
	var b strings.Builder
	if x < 0 {
		b.WriteByte('-')
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// FinanceReport builds the report of a financing comparison: the offers'
// cost to the host, their grant elements by every method, and the
// break-even terms.
func FinanceReport(res *finance.Comparison, m Meta) *report.Document {
	l := m.Lang
	p := res.Project
	d := m.document(l.Tf("finance.title", p.Name), l.Tf("finance.subtitle", p.HostCurrency, 100*p.HostDiscount, p.Year))
	d.About = m.about()
	ot := &report.Table{Columns: []string{l.T("col.offer"), l.T("col.lender"), l.Tf("col.cost_ccy", p.HostCurrency), l.T("col.loan"),
		l.T("compare.pv_ds"), l.T("compare.subsidy"), l.T("compare.guarantee"), l.T("compare.all_in")}}
	for _, o := range res.Offers {
		lender := o.Lender
		if o.Source != "" {
			lender = join(lender, d.Cite(o.Source))
		}
		ot.AddRow(o.Name, lender, o.Cost, l.Amount(o.Loan.Value, o.Loan.Currency), o.PVDebtService, o.Subsidy, o.GuaranteeValue, o.AllInCost)
	}
	gt := &report.Table{Columns: []string{l.T("col.offer"), l.T("col.method"), l.T("col.discount_pct"), l.T("col.ge_pct"), l.T("col.concessional")}}
	for _, o := range res.Offers {
		for _, g := range o.GrantElements {
			c := l.T("no")
			if g.Concessional {
				c = l.T("yes")
			}
			gt.AddRow(o.Name, string(g.Method), 100*g.DiscountRate, fmt.Sprintf("%.2f", 100*g.GrantElement), c)
		}
	}
	d.Sections = append(d.Sections,
		report.Section{Heading: l.T("finance.cost"), Paragraphs: []string{l.T("finance.cost_p")},
			Figures: []report.Figure{{Chart: CompareChart(l, res)}}, Tables: []*report.Table{ot}},
		report.Section{Heading: l.T("finance.ge"), Figures: []report.Figure{{Chart: CompareGEChart(l, res)}}, Tables: []*report.Table{gt}})
	if len(res.BreakEvens) > 0 {
		bt := &report.Table{Columns: []string{l.T("col.offer"), l.T("col.target"), l.T("col.param"), l.T("col.current"), l.T("col.breakeven"), l.T("col.note")}}
		for _, b := range res.BreakEvens {
			v := l.T("none")
			if b.Found {
				v = fmt.Sprintf("%.6g", b.Value)
			}
			bt.AddRow(b.Offer, b.Target, string(b.Param), fmt.Sprintf("%.6g", b.Current), v, b.Note)
		}
		d.Sections = append(d.Sections, report.Section{Heading: l.T("finance.breakeven"), Tables: []*report.Table{bt}})
	}
	return d
}

// changeText prints a relative change, or "n/a" from a base of 0.
func changeText(c *float64) string {
	if c == nil {
		return "n/a"
	}
	return fmt.Sprintf("%.6g %%", units.PercentOf(*c))
}
