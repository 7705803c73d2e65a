package cli

import (
	"errors"
	"fmt"
	"github.com/infragame/infragame/units"
	"math"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/infragame/infragame/dataset"
	"github.com/infragame/infragame/finance"
	"github.com/infragame/infragame/finance/financedoc"
	"github.com/infragame/infragame/publish"
	"github.com/infragame/infragame/report"
	"github.com/infragame/infragame/report/i18n"
	"github.com/infragame/infragame/tender"
)

func (a *App) financeCmd() *cobra.Command {
	c := &cobra.Command{
		Use:   "finance",
		Short: "Loan schedules, grant elements and comparison of financing offers",
		Long: `Loan schedules, grant elements and comparison of financing offers.

Rates, fees and shares on the command line are percentages (--rate 0.1 is
0.1 % a year); durations are years. JSON output names percentages *_pct.
Formulas, conventions and sources: docs/finance.md.`,
	}
	a.addSubcommands(c, subcommand{"ge", a.financeGECmd}, subcommand{"schedule", a.financeScheduleCmd},
		subcommand{"compare", func() *cobra.Command { return readingRecords(a.financeCompareCmd()) }},
		subcommand{"surface", a.financeSurfaceCmd},
		subcommand{"fx", func() *cobra.Command { return readingRecords(a.financeFXCmd()) }})
	return c
}

// loanFlags holds the loan-term flags shared by ge, schedule and surface.
type loanFlags struct {
	principal, rate, spread, maturity, grace float64
	frontEnd, commitment                     float64
	refPath, shares, disb                    string
	currency, profile                        string
	perYear                                  int
	atGraceEnd, guarantee, tied              bool
}

func (f *loanFlags) register(c *cobra.Command, withAmounts bool) {
	fl := c.Flags()
	fl.Var(pctFlag(&f.rate, 0), "rate", "fixed interest rate, percent a year (2 = 2 %)")
	fl.Float64Var(&f.maturity, "maturity", 0, "maturity in years from commitment, grace included")
	fl.Float64Var(&f.grace, "grace", 0, "grace period in years (no principal repaid)")
	fl.IntVar(&f.perYear, "payments-per-year", 2, "payments per year: 1, 2, 4 or 12")
	fl.StringVar(&f.profile, "profile", "equal_principal", "repayment profile: equal_principal, annuity, bullet or custom")
	fl.BoolVar(&f.atGraceEnd, "first-at-grace-end", false, "first repayment at the end of grace (CRS/AidData reading) instead of one period later")
	fl.StringVar(&f.refPath, "reference-path", "", "floating loan: reference rate by loan year, percent, comma-separated (last value held)")
	fl.Var(pctFlag(&f.spread, 0), "spread", "floating loan: spread over the reference rate, percent")
	fl.Var(pctFlag(&f.frontEnd, 0), "front-end-fee", "front-end fee, percent of principal at commitment")
	fl.Var(pctFlag(&f.commitment, 0), "commitment-fee", "commitment fee, percent a year on the undisbursed balance")
	fl.StringVar(&f.disb, "disbursement", "", "shares drawn at the start of each loan year, percent, comma-separated (default: all at commitment)")
	fl.StringVar(&f.shares, "shares", "", "custom profile: share of principal repaid each repayment period, percent, comma-separated")
	if withAmounts {
		fl.Float64Var(&f.principal, "principal", 100, "face value in --currency")
		fl.StringVar(&f.currency, "currency", "USD", "loan currency (ISO 4217)")
		fl.BoolVar(&f.guarantee, "guarantee-required", false, "the lender requires a sovereign guarantee (recorded, not priced here)")
		fl.BoolVar(&f.tied, "tied", false, "procurement is tied (recorded)")
	}
}

func (f *loanFlags) terms(a *App) (finance.LoanTerms, error) {
	in := financedoc.LoanInput{Terms: financedoc.Terms{
		Principal: f.principal, Currency: f.currency, RatePct: f.rate, SpreadPct: f.spread,
		MaturityYears: f.maturity, GraceYears: f.grace, PaymentsPerYear: f.perYear, Profile: f.profile,
		FirstRepaymentAtGraceEnd: f.atGraceEnd, FrontEndFeePct: f.frontEnd, CommitmentFeePct: f.commitment,
		GuaranteeRequired: f.guarantee, Tied: f.tied,
	}}
	for _, l := range []struct {
		flag string
		s    string
		dst  *[]float64
	}{{"--reference-path", f.refPath, &in.ReferencePathPct}, {"--shares", f.shares, &in.RepaymentSharesPct}, {"--disbursement", f.disb, &in.DisbursementPct}} {
		v, err := parsePctList(l.s)
		if err != nil {
			return finance.LoanTerms{}, usagef("%s: %v", l.flag, err)
		}
		*l.dst = v
	}
	if err := in.Check(a.unitOptions()); err != nil {
		return finance.LoanTerms{}, flagError(err)
	}
	t, err := in.LoanTerms()
	if err != nil {
		return t, usagef("--profile: %v", err)
	}
	return t, nil
}

// formatAndTerms parses --format and the loan flags, --maturity required.
func (a *App) formatAndTerms(cmd *cobra.Command, lf *loanFlags) (report.Format, finance.LoanTerms, error) {
	f, err := a.Format()
	if err != nil {
		return "", finance.LoanTerms{}, err
	}
	if !cmd.Flags().Changed("maturity") {
		return "", finance.LoanTerms{}, usagef("--maturity is required")
	}
	t, err := lf.terms(a)
	return f, t, err
}

// flagNames maps finance field names to the flags that set them, so that
// validation errors name what the user typed. An array, not a map: it needs
// no initialiser, and its order is fixed: "discount_rate" before "rate" (so
// "discount_rate: " never becomes "discount_--rate: ") and "rate" before
// "rate_pct" (so the "--rate: " made from "rate_pct: " is not rewritten again).
var flagNames = [...]struct{ field, flag string }{
	{"discount_rate", "--discount"},
	{"rate", "--rate"}, {"rate_pct", "--rate"},
	{"front_end_fee_pct", "--front-end-fee"}, {"front_end_fee", "--front-end-fee"},
	{"commitment_fee_pct", "--commitment-fee"}, {"commitment_fee", "--commitment-fee"},
	{"maturity_years", "--maturity"}, {"grace_years", "--grace"},
	{"payments_per_year", "--payments-per-year"}, {"profile", "--profile"}, {"principal", "--principal"},
	{"currency", "--currency"}, {"spread", "--spread"},
	{"disbursement", "--disbursement"}, {"repayment_shares", "--shares"},
}

func flagError(err error) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	for _, f := range flagNames {
		field, flag := f.field, f.flag
		if strings.HasPrefix(msg, field+": ") || strings.Contains(msg, "\n"+field+": ") {
			msg = strings.ReplaceAll(msg, field+": ", flag+": ")
		}
	}
	msg = strings.ReplaceAll(msg, "reference_path[", "--reference-path[")
	return usagef("%s", msg)
}

// parsePctList parses "1,2.5,3" (percent).
func parsePctList(s string) ([]float64, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	var out []float64
	for _, p := range strings.Split(s, ",") {
		v, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil {
			return nil, fmt.Errorf("%q is not a number", p)
		}
		out = append(out, v)
	}
	return out, nil
}

// parseGrid parses "start:stop:step" (inclusive) or "a,b,c" (tender.ParseGrid).
func parseGrid(s string) ([]float64, error) { return tender.ParseGrid(s) }

// methodFlags selects grant-element methods.
type methodFlags struct {
	method, income string
	discount       float64
}

func (m *methodFlags) register(c *cobra.Command, def string) {
	c.Flags().StringVar(&m.method, "method", def, "grant-element method: imf, dac1972, dac2018, aiddata, user, or all (comma-separated list allowed)")
	c.Flags().Var(pctFlag(&m.discount, math.NaN()), "discount", "discount rate, percent a year, for aiddata (default 10) and user (required)")
	c.Flags().StringVar(&m.income, "income-group", "", "recipient income group for dac2018: ldc, lic, lmic or umic")
}

func (m *methodFlags) methods(a *App) ([]finance.Method, error) {
	if !math.IsNaN(m.discount) {
		if err := a.plausible("--discount", units.DiscountRate, units.Percent, m.discount); err != nil {
			return nil, err
		}
	}
	var g finance.IncomeGroup
	if m.income != "" {
		var err error
		if g, err = finance.ParseIncomeGroup(m.income); err != nil {
			return nil, usagef("--income-group: %v", err)
		}
	}
	var d *float64
	if !math.IsNaN(m.discount) {
		d = &m.discount
	}
	ms, err := financedoc.Methods(m.method, g, d)
	switch {
	case err == nil:
		return ms, nil
	case errors.Is(err, finance.ErrUnknownMethod):
		return nil, usagef("--method: %v", err)
	case errors.Is(err, financedoc.ErrDiscountUnused):
		return nil, usagef("--discount applies to --method aiddata and user only: imf, dac1972 and dac2018 discount at the rates their conventions fix (use --method user --discount %g for a rate of your own)", m.discount)
	case errors.Is(err, financedoc.ErrDiscountRange):
		return nil, usagef("--discount: out of range: %g %% (want a rate above -100 %%)", m.discount)
	case errors.Is(err, financedoc.ErrNeedIncomeGroup):
		return nil, usagef("--method dac2018 needs --income-group (ldc, lic, lmic or umic)")
	case errors.Is(err, financedoc.ErrNeedDiscount):
		return nil, usagef("--method user needs --discount (percent a year)")
	}
	return nil, flagError(err)
}

// exact prints a number with all its digits; report.Cell rounds to six
// significant digits, which is right for reading and wrong for CSV.
type exact float64

func (x exact) String() string {
	if math.Abs(float64(x)) >= 1e21 {
		return strconv.FormatFloat(float64(x), 'g', -1, 64)
	}
	return strconv.FormatFloat(float64(x), 'f', -1, 64)
}

// numFor returns how numbers are put into table cells for format f: full
// precision in CSV, rounded for reading otherwise.
func numFor(f report.Format) func(float64) any {
	if f == report.FormatCSV {
		return func(x float64) any { return exact(x) }
	}
	return func(x float64) any { return x }
}

func pctCell(x float64) string { return strconv.FormatFloat(100*x, 'f', 4, 64) }

func (a *App) financeGECmd() *cobra.Command {
	var lf loanFlags
	var mf methodFlags
	c := &cobra.Command{
		Use:   "ge",
		Short: "Grant element of a loan by one or every method",
		Long: `Grant element of a loan, in percent of its face value.

Methods: imf (5 %), dac1972 (10 %), dac2018 (6/7/9 % by --income-group),
aiddata (AidData GCDF convention, --discount default 10), user (--discount).
With --method all every applicable method is shown.

JSON output: one object, or an array of objects when several methods are
asked for, with fields method, income_group, discount_rate_pct,
grant_element_pct, grant_equivalent (per --principal), threshold_pct,
concessional, bounded, and the loan terms (rate_pct, maturity_years, ...).`,
		Example: `  infragame finance ge --rate 2 --maturity 21.75 --grace 5 --discount 10 --method aiddata
  infragame finance ge --rate 0.1 --maturity 40 --grace 10 --method all --income-group lmic`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			f, t, err := a.formatAndTerms(cmd, &lf)
			if err != nil {
				return err
			}
			ms, err := mf.methods(a)
			if err != nil {
				return err
			}
			docs, err := financedoc.GrantElements(t, ms)
			if err != nil {
				return flagError(err)
			}
			tab := &report.Table{Title: "Grant element", Columns: []string{"method", "discount_%", "grant_element_%", "grant_equivalent", "threshold_%", "concessional"}}
			for _, d := range docs {
				thr, con := "", ""
				if d.ThresholdPct != nil {
					thr, con = report.FormatFloat(*d.ThresholdPct), strconv.FormatBool(*d.Concessional)
				}
				name := d.Method
				if d.IncomeGroup != "" {
					name += " (" + d.IncomeGroup + ")"
				}
				if d.Bounded {
					name += " [bounded]"
				}
				tab.AddRow(name, report.FormatFloat(d.DiscountRatePct), pctCell(d.GrantElementPct/100), d.GrantEquivalent, thr, con)
			}
			tab.Notes = append(tab.Notes, fmt.Sprintf("loan: %g %s at %g %%, %g years, %g years grace, %d payments a year, %s; grant equivalent per %g %s",
				t.Principal, t.Currency, 100*t.Rate, t.MaturityYears, t.GraceYears, t.PaymentsPerYear, financedoc.TermsOf(t).Profile, t.Principal, t.Currency))
			for _, m := range ms {
				if m.Name == finance.AidData {
					tab.Notes = append(tab.Notes, "aiddata: AidData GCDF convention (semi-annual, equal principal, first repayment at the end of grace, bounded to 0-100), whatever the other flags say")
				}
			}
			if n := atDiscountNote(t.PaymentsPerYear, []float64{100 * t.Rate}, ms...); n != "" {
				tab.Notes = append(tab.Notes, n)
			}
			if n := recordedNote(t); n != "" {
				tab.Notes = append(tab.Notes, n)
			}
			var jd any = docs
			if len(docs) == 1 {
				jd = docs[0]
			}
			return report.Write(a.Out, f, jd, tab)
		},
	}
	lf.register(c, true)
	mf.register(c, "all")
	return c
}

func (a *App) financeScheduleCmd() *cobra.Command {
	var lf loanFlags
	var discount float64
	var ff figureFlags
	c := &cobra.Command{
		Use:   "schedule",
		Short: "Period-by-period debt-service schedule of a loan",
		Long: `Debt-service schedule: for each payment date, the amount disbursed, interest,
principal, fees, total debt service and the balance outstanding, in the loan
currency. Totals reconcile exactly: principal repaid = principal disbursed.

With --discount (percent a year) the present values and the grant element at
that rate are added. JSON output: {"terms", "rows", "totals", "pv"}; rows have
period, time_years, rate_pct, disbursed, interest, principal, fees,
debt_service, outstanding.`,
		Example: `  infragame finance schedule --principal 1e9 --currency JPY --rate 0.1 --maturity 40 --grace 10
  infragame finance schedule --principal 100 --reference-path 0.537 --spread 1.4 --maturity 35 --grace 5 \
      --front-end-fee 0.25 --commitment-fee 0.25 --disbursement 40,30,30 --format csv`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			f, t, err := a.formatAndTerms(cmd, &lf)
			if err != nil {
				return err
			}
			var dp *float64
			if cmd.Flags().Changed("discount") {
				if math.IsNaN(discount) || discount <= -100 {
					return usagef("--discount: %v is not a rate", discount)
				}
				dp = &discount
			}
			doc, err := financedoc.ScheduleOf(t, dp)
			if err != nil {
				return flagError(err)
			}
			s := doc.Schedule
			if err := ff.draw(cmd, func(l i18n.Lang) (report.Chart, error) { return publish.ScheduleChart(l, s), nil }); err != nil {
				return err
			}
			n := numFor(f)
			tab := &report.Table{Title: fmt.Sprintf("Debt service (%s)", t.Currency),
				Columns: []string{"period", "time_years", "rate_%", "disbursed", "interest", "principal", "fees", "debt_service", "outstanding"},
				Units:   []string{"", "years", "%", t.Currency, t.Currency, t.Currency, t.Currency, t.Currency, t.Currency}}
			for _, r := range doc.Rows {
				tab.AddRow(r.Period, n(r.TimeYears), n(r.RatePct), n(r.Disbursed), n(r.Interest), n(r.Principal), n(r.Fees), n(r.DebtService), n(r.Outstanding))
			}
			tot := doc.Totals
			if f != report.FormatCSV {
				tab.AddRow("total", "", "", tot.Disbursed, tot.Interest, tot.Principal, tot.Fees, tot.DebtService, "")
			}
			if pv := doc.PV; pv != nil {
				tab.Notes = append(tab.Notes, fmt.Sprintf("at %g %% a year: PV of debt service %s, PV of disbursements %s, grant element %.4f %%",
					pv.DiscountRatePct, report.FormatFloat(pv.DebtService), report.FormatFloat(pv.Disbursed), pv.GrantElementPct))
			}
			if n := recordedNote(t); n != "" {
				tab.Notes = append(tab.Notes, n)
			}
			return report.Write(a.Out, f, doc, tab)
		},
	}
	lf.register(c, true)
	c.Flags().Var(pctFlag(&discount, 0), "discount", "also discount the schedule at this rate, percent a year")
	ff.register(c, "the debt service (interest, principal) per payment date")
	ff.registerLang(c)
	return c
}

func (a *App) financeSurfaceCmd() *cobra.Command {
	var lf loanFlags
	var mf methodFlags
	var rates, ys, axis string
	var ff figureFlags
	c := &cobra.Command{
		Use:   "surface",
		Short: "Grant element over a grid of interest rate × grace or rate × maturity",
		Long: `Grant element over a grid: interest rate (--rates, percent) against grace
(--axis grace, --y in years, at --maturity) or maturity (--axis maturity, --y
in years, at --grace). Grids are start:stop:step or comma lists. Cells whose
terms are invalid (grace ≥ maturity, not whole periods) are empty (null in
JSON). Table output is a grid; CSV and JSON are long: rate_pct, grace_years or
maturity_years, grant_element_pct. --svg FILE also writes a heat map.`,
		Example: `  infragame finance surface --method imf --rates 0:4:0.25 --axis grace --y 0:15:1 --maturity 40
  infragame finance surface --method aiddata --rates 0:6:0.5 --axis maturity --y 10:50:5 --grace 5 --svg ge.svg`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			f, err := a.Format()
			if err != nil {
				return err
			}
			ms, err := mf.methods(a)
			if err != nil {
				return err
			}
			if len(ms) != 1 {
				return usagef("--method: give exactly one method for a surface")
			}
			rs, err := parseGrid(rates)
			if err != nil {
				return usagef("--rates: %v", err)
			}
			yv, err := parseGrid(ys)
			if err != nil {
				return usagef("--y: %v", err)
			}
			ax := finance.SurfaceAxis(axis)
			if ax == finance.AxisGrace && !cmd.Flags().Changed("maturity") || ax == finance.AxisMaturity && lf.maturity == 0 {
				lf.maturity = 1 // placeholder replaced on the maturity axis
				if ax == finance.AxisGrace {
					return usagef("--axis grace needs --maturity")
				}
			}
			t, err := lf.terms(a)
			if err != nil {
				return err
			}
			doc, err := financedoc.SurfaceOf(t, ms[0], rs, ax, yv)
			if err != nil {
				return usagef("%v", err)
			}
			yName := doc.Axis
			long := &report.Table{Columns: []string{"rate_pct", yName, "grant_element_pct"}}
			grid := &report.Table{Title: fmt.Sprintf("Grant element %% by %s (%s), rows %s, columns rate %%", ms[0].Name, methodLabel(ms[0]), yName)}
			grid.Columns = append(grid.Columns, yName+" \\ rate_%")
			for _, r := range rs {
				grid.Columns = append(grid.Columns, report.FormatFloat(r))
			}
			z := doc.GE
			for j, y := range yv {
				row := []any{y}
				for i, r := range rs {
					cellStr, longStr := "", ""
					if v := z[j][i]; !math.IsNaN(v) {
						cellStr = strconv.FormatFloat(v, 'f', 2, 64)
						longStr = exact(v).String()
					}
					row = append(row, cellStr)
					long.AddRow(r, y, longStr)
				}
				grid.AddRow(row...)
			}
			h := report.Heatmap{Title: grid.Title, XLabel: "interest rate, %", YLabel: strings.ReplaceAll(yName, "_", " "),
				ZLabel: "grant element, %", Source: "Source: infragame finance engine", X: rs, Y: yv, Z: z}
			if err := ff.write(cmd, &h); err != nil {
				return err
			}
			if n := atDiscountNote(t.PaymentsPerYear, rs, ms[0]); n != "" {
				grid.Notes = append(grid.Notes, n)
			}
			if f == report.FormatTable {
				return report.Write(a.Out, f, doc, grid)
			}
			return report.Write(a.Out, f, doc, long)
		},
	}
	lf.register(c, false)
	mf.register(c, "imf")
	// A surface is one method's grid: "all" and lists do not apply here.
	c.Flags().Lookup("method").Usage = "grant-element method of the surface, one of imf, dac1972, dac2018, aiddata or user"
	c.Flags().StringVar(&rates, "rates", "0:5:0.5", "interest rates, percent: start:stop:step or a comma list")
	c.Flags().StringVar(&axis, "axis", "grace", "second axis: grace or maturity")
	c.Flags().StringVar(&ys, "y", "0:10:1", "values of the second axis, years: start:stop:step or a comma list")
	ff.register(c, "the heat map")
	return c
}

func methodLabel(m finance.Method) string {
	return fmt.Sprintf("%g %%", 100*financedoc.MethodRate(m))
}

func (a *App) financeCompareCmd() *cobra.Command {
	var fxFile, projectID, incomeGroup string
	var hostDiscount, callPct float64
	var ff figureFlags
	c := &cobra.Command{
		Use:   "compare FILE.yaml | --project ID",
		Short: "Compare two or more financing offers from the host's side",
		Long: `Compare financing offers for one project, as the host country sees them:
grant element by every method, present value of the debt service at the host's
discount rate in the host currency, the subsidy the loan carries and the
effective price (cost − subsidy), the value of a required sovereign guarantee
(P(call) × loss given call × exposure), exposure to exchange-rate scenarios,
and break-even terms (the rate, grace or maturity at which one offer costs the
host as much as another). The file format is documented in docs/finance.md;
an example is examples/finance/jakarta-bandung.yaml.

With --project ID the offers come from the dataset: each lender's last
offered or agreed loan of that project with complete terms, sized at its share
of the project's recorded value (see "infragame data show ID"); --host-discount,
--income-group and --call-probability set what a file would. With a file, the
same flags, when given, override the file's values.

Exchange rates: the dataset's, the file's fx block, then --fx FILE (CSV
currency,year,per_usd or YAML). A missing rate is an error.`,
		Example: `  infragame finance compare examples/finance/jakarta-bandung.yaml
  infragame finance compare --project jakarta-bandung-hsr --host-discount 10 --call-probability 10
  infragame finance compare offers.yaml --fx rates.csv --format json`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := a.Format()
			if err != nil {
				return err
			}
			if (len(args) == 1) == (projectID != "") {
				return usagef("give either FILE.yaml or --project ID")
			}
			if projectID != "" {
				doc, err := a.compareProject(cmd, projectID, fxFile, hostDiscount, callPct, incomeGroup)
				if err != nil {
					return err
				}
				if err := ff.draw(cmd, func(l i18n.Lang) (report.Chart, error) { return publish.CompareChart(l, doc.Result), nil }); err != nil {
					return err
				}
				tabs := compareTables(doc, f)
				tabs[0].Notes = append(tabs[0].Notes, "Cost basis: "+doc.CostBasis+".")
				return report.Write(a.Out, f, doc, tabs...)
			}
			o, err := a.compareOverrides(cmd, hostDiscount, callPct, incomeGroup)
			if err != nil {
				return err
			}
			res, err := a.compareFile(args[0], fxFile, o)
			if err != nil {
				return err
			}
			if err := ff.draw(cmd, func(l i18n.Lang) (report.Chart, error) { return publish.CompareChart(l, res), nil }); err != nil {
				return err
			}
			doc := financedoc.ComparisonOf(res)
			return report.Write(a.Out, f, doc, compareTables(doc, f)...)
		},
	}
	c.Flags().StringVar(&fxFile, "fx", "", "exchange rates file (CSV currency,year,per_usd or YAML), overriding the file's fx block")
	ff.register(c, "each offer's cost, subsidy and all-in cost")
	ff.registerLang(c)
	c.Flags().StringVar(&projectID, "project", "", "take the offers from this dataset project's loan records")
	c.Flags().Var(pctFlag(&hostDiscount, 10), "host-discount", "the host's discount rate, percent (with a file: overrides project.host_discount_pct)")
	c.Flags().Var(pctFlag(&callPct, 0), "call-probability", "probability that a required guarantee is called, percent (with a file: overrides every offer's guarantee call probability)")
	c.Flags().StringVar(&incomeGroup, "income-group", "", "DAC income group of the host (ldc, lic, lmic, umic), for the dac2018 method (with a file: overrides the file's)")
	return c
}

// compareProject compares the loans of a dataset project.
func (a *App) compareProject(cmd *cobra.Command, id, fxFile string, hostDiscount, callPct float64, group string) (*financedoc.Comparison, error) {
	if math.IsNaN(hostDiscount) || hostDiscount <= -100 || hostDiscount > 100 {
		return nil, usagef("--host-discount: %g %% is not a discount rate", hostDiscount)
	}
	if err := a.plausible("--host-discount", units.DiscountRate, units.Percent, hostDiscount); err != nil {
		return nil, err
	}
	if !(callPct >= 0 && callPct <= 100) {
		return nil, usagef("--call-probability: %g %% is not a probability", callPct)
	}
	set, err := a.records(cmd.Context())
	if err != nil {
		return nil, err
	}
	r, ok := set.Get(id)
	p, isProject := r.(*dataset.Project)
	if !ok || !isProject {
		return nil, fmt.Errorf("no project with id %q (infragame data list project)", id)
	}
	var g finance.IncomeGroup
	if group != "" {
		if g, err = finance.ParseIncomeGroup(group); err != nil {
			return nil, usageError{err}
		}
	}
	fx, err := a.fxTable(fxFile)
	if err != nil {
		return nil, err
	}
	return financedoc.CompareProject(p, hostDiscount/100, callPct/100, g, fx)
}

// compareTables renders a comparison: money, grant elements, exchange-rate
// scenarios and break-evens.
func compareTables(doc *financedoc.Comparison, f report.Format) []*report.Table {
	n := numFor(f)
	res := doc.Result
	p := res.Project
	cur := p.HostCurrency
	money := &report.Table{
		Title: fmt.Sprintf("%s: what each offer costs the host (%s %d, discounted at %g %%)", p.Name, cur, p.Year, 100*p.HostDiscount),
		Columns: []string{"offer", "lender", "cost", "loan", "loan_ccy", "loan_host", "pv_debt_service", "subsidy",
			"effective_price", "guarantee_value", "all_in_cost", "tied"},
		Units: []string{"", "", cur, "", "", cur, cur, cur, cur, cur, cur, ""},
	}
	ge := &report.Table{Title: "Grant element, % of face value", Columns: []string{"offer"}}
	fx := &report.Table{Title: "Exchange-rate scenarios (host currency)", Columns: []string{"offer", "scenario", "pv_debt_service", "change", "all_in_cost"},
		Units: []string{"", "", cur, cur, cur}}
	for i, o := range res.Offers {
		row := []any{o.Name}
		for _, g := range o.GrantElements {
			if i == 0 {
				label := fmt.Sprintf("%s_%s%%", g.Method, report.FormatFloat(math.Round(1e6*100*g.DiscountRate)/1e6))
				ge.Columns = append(ge.Columns, label)
			}
			var cell any = report.Shown{Text: pctCell(g.GrantElement), Value: 100 * g.GrantElement}
			if g.Threshold > 0 && g.Concessional {
				cell = report.Shown{Text: pctCell(g.GrantElement) + " *", Value: 100 * g.GrantElement}
			}
			row = append(row, cell)
		}
		if f == report.FormatCSV || f == report.FormatXLSX {
			// The concessionality marker becomes a column of its own.
			for _, g := range o.GrantElements {
				if i == 0 {
					ge.Columns = append(ge.Columns, fmt.Sprintf("%s_concessional", g.Method))
				}
				c := ""
				if g.Threshold > 0 {
					c = strconv.FormatBool(g.Concessional)
				}
				row = append(row, c)
			}
		}
		ge.AddRow(row...)
		money.AddRow(o.Name, o.Lender, n(o.Cost), n(o.Loan.Value), o.Loan.Currency, n(o.LoanHost), n(o.PVDebtService), n(o.Subsidy),
			n(o.EffectivePrice), n(o.GuaranteeValue), n(o.AllInCost), o.Tied)
		for _, d := range o.FXDrift {
			fx.AddRow(o.Name, d.Scenario, n(d.PVDebtService), n(d.Change), n(d.AllInCost))
		}
	}
	money.Notes = []string{
		"subsidy = PV(disbursements) − PV(debt service) at the host rate; effective_price = cost − subsidy;",
		"all_in_cost = effective_price + guarantee_value (P(call) × loss given call × PV of debt service).",
	}
	ge.Notes = []string{"* concessional: at or above the method's threshold (imf 35 %, dac1972 25 %, dac2018 10/15/45 %)."}
	tabs := []*report.Table{money, ge}
	if len(fx.Rows) > 0 {
		tabs = append(tabs, fx)
	}
	be := &report.Table{Title: "Break-even: value at which the offer costs the host as much as the target",
		Columns: []string{"offer", "target", "param", "current", "break_even", "unit", "note"}}
	for _, d := range doc.BreakEven {
		val := ""
		if d.Found {
			val = strconv.FormatFloat(d.Value, 'f', 4, 64)
		}
		be.AddRow(d.Offer, d.Target, d.Param, d.Current, val, d.Unit, d.Note)
	}
	be.SetUnit(report.UnitSeeColumn, "current", "break_even")
	money.SetUnit("in column loan_ccy", "loan")
	if len(be.Rows) > 0 {
		tabs = append(tabs, be)
	}
	return tabs
}

func (a *App) financeFXCmd() *cobra.Command {
	var fxFile, from, to string
	var amount float64
	var year int
	c := &cobra.Command{
		Use:   "fx",
		Short: "List the exchange rates in effect, or convert an amount",
		Long: `List the exchange rates the finance commands use (units per US dollar,
annual averages), or with --amount convert an amount between currencies at
one year's rates. A missing rate is an error, never 1.0.

Each rate names its source: the series and id of the dataset record
(dataset/data/fx.yaml holds Federal Reserve G.5A averages for JPY, CNY, EUR,
INR, THB and MYR and World Bank WDI PA.NUS.FCRF averages for the other host
currencies of the case library), or "--fx FILE" for a rate of your file.

JSON output: a list of {currency, year, per_usd, series, record}, or with
--amount {value, currency, year} of the converted amount.`,
		Example: `  infragame finance fx --fx rates.csv
  infragame finance fx --fx rates.csv --amount 700e9 --from JPY --to USD --year 2015`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			f, err := a.Format()
			if err != nil {
				return err
			}
			user, err := a.userFX(fxFile)
			if err != nil {
				return err
			}
			t, err := a.datasetFX()
			if err != nil {
				return err
			}
			t.Merge(user)
			if cmd.Flags().Changed("amount") {
				if from == "" || to == "" || year == 0 {
					return usagef("--amount needs --from, --to and --year")
				}
				v, err := t.Convert(finance.Amount{Value: amount, Currency: strings.ToUpper(from), Year: year}, strings.ToUpper(to))
				if err != nil {
					return err
				}
				tab := &report.Table{Columns: []string{"value", "currency", "year"}}
				tab.AddRow(v.Value, v.Currency, v.Year)
				return report.Write(a.Out, f, v, tab)
			}
			rows, tab, err := a.fxListing(t, user, fxFile)
			if err != nil {
				return err
			}
			return report.Write(a.Out, f, rows, tab)
		},
	}
	c.Flags().StringVar(&fxFile, "fx", "", "exchange rates file (CSV currency,year,per_usd or YAML)")
	c.Flags().Float64Var(&amount, "amount", 0, "amount to convert")
	c.Flags().StringVar(&from, "from", "", "currency of --amount (ISO 4217)")
	c.Flags().StringVar(&to, "to", "USD", "currency to convert into")
	c.Flags().IntVar(&year, "year", 0, "year whose average rates are used")
	return c
}

// compareOverrides returns the flags the user set explicitly, to apply to
// a comparison read from a file, so a flag is never accepted and ignored.
func (a *App) compareOverrides(cmd *cobra.Command, hostDiscount, callPct float64, group string) (financedoc.CompareOverrides, error) {
	var o financedoc.CompareOverrides
	fl := cmd.Flags()
	if fl.Changed("host-discount") {
		if math.IsNaN(hostDiscount) || hostDiscount <= -100 || hostDiscount > 100 {
			return o, usagef("--host-discount: %g %% is not a discount rate", hostDiscount)
		}
		if err := a.plausible("--host-discount", units.DiscountRate, units.Percent, hostDiscount); err != nil {
			return o, err
		}
		d := hostDiscount / 100
		o.HostDiscount = &d
	}
	if fl.Changed("call-probability") {
		if !(callPct >= 0 && callPct <= 100) {
			return o, usagef("--call-probability: %g %% is not a probability", callPct)
		}
		p := callPct / 100
		o.CallProbability = &p
	}
	if fl.Changed("income-group") {
		g, err := finance.ParseIncomeGroup(group)
		if err != nil {
			return o, usageError{err}
		}
		o.IncomeGroup = &g
	}
	return o, nil
}

// atDiscountNote explains, when one of the loan rates (percent) equals a
// method's discount rate and interest is paid more than once a year, why
// that loan shows a small negative grant element: the conventions discount
// each period at the effective rate (1+D)^(1/k) − 1, while interest of r/k a
// period compounds to (1 + r/k)^k − 1 > r a year (OECD-DAC and IMF
// practice; docs/finance.md).
func atDiscountNote(perYear int, ratesPct []float64, ms ...finance.Method) string {
	if perYear <= 1 {
		return ""
	}
	for _, m := range ms {
		d := 100 * financedoc.MethodRate(m)
		for _, r := range ratesPct {
			if math.Abs(r-d) < 1e-9 {
				k := float64(perYear)
				return fmt.Sprintf("A loan at exactly the %s discount rate (%g %%) has a slightly negative grant element: interest of %g %%/%d a period compounds to %.4g %% a year, while the convention discounts each period at the effective rate (1+%g %%)^(1/%d) − 1 (docs/finance.md).",
					m.Name, d, r, perYear, 100*(math.Pow(1+r/100/k, k)-1), d, perYear)
			}
		}
	}
	return ""
}
