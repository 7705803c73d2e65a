package cli

import (
	"errors"
	"fmt"
	"github.com/infragame/infragame/units"
	"math"
	"strings"

	"github.com/infragame/infragame/cases"
	"github.com/infragame/infragame/mc"
	"github.com/infragame/infragame/publish"
	"github.com/infragame/infragame/report"
	"github.com/infragame/infragame/report/i18n"
	"github.com/infragame/infragame/tender"
	"github.com/spf13/cobra"
)

func (a *App) tenderCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "tender",
		Short: "Evaluate competing offers under a host's rule; who wins where; backtest on real contests",
	}
	a.addSubcommands(cmd, subcommand{"evaluate", a.tenderEvaluateCmd}, subcommand{"breakeven", a.tenderBreakevenCmd},
		subcommand{"map", a.tenderMapCmd}, subcommand{"tornado", a.tenderTornadoCmd}, subcommand{"backtest", a.tenderBacktestCmd},
		subcommand{"cases", a.tenderCasesCmd}, subcommand{"migrate", a.tenderMigrateCmd})
	return cmd
}

// loadTender reads a tender file, or an embedded case given as case:ID, and
// the tender "tender evaluate" ranks for it (tender.File.EvaluationTender).
func (a *App) loadTender(path string, opts ...units.Options) (*tender.File, tender.Tender, error) {
	f, err := a.loadCaseFile(path, opts...)
	if err != nil {
		return nil, tender.Tender{}, err
	}
	t, err := f.EvaluationTender()
	if err != nil {
		return f, t, fmt.Errorf("%s: %w", path, err)
	}
	return f, t, nil
}

func (a *App) tenderEvaluateCmd() *cobra.Command {
	var runs, workers, maxRuns int
	var ff figureFlags
	var seed uint64
	cmd := &cobra.Command{
		Use:   "evaluate FILE.yaml|case:ID",
		Short: "Rank the offers with a full breakdown of every term",
		Long: `Rank the offers under the host's rule with every term of every offer.
With --runs N, inputs written as distributions in the file (e.g. an offer's
overrun or delay) are drawn N times and the output adds each offer's
probability of winning and the distribution of its score and cost.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := a.Format()
			if err != nil {
				return err
			}
			if err := checkRuns(runs, maxRuns); err != nil {
				return err
			}
			// The host-choice model does not depend on the file: it is
			// read (the stored fit, checked against the SHA-256 of the
			// case library, about 1 ms) while the file is parsed, so
			// that it adds nothing to the serial start of the command.
			var (
				m      tender.ChoiceModel
				mErr   error
				loaded = make(chan struct{})
			)
			go func() {
				defer close(loaded)
				m, mErr = libraryModel()
			}()
			file, t, err := a.loadTender(args[0], a.unitOptions())
			<-loaded
			if err != nil {
				return err
			}
			if mErr != nil {
				return mErr
			}
			update, finish := func(int) {}, func() {}
			if runs > 0 {
				update, finish = a.progress(runs, "monte carlo")
			}
			ev, err := tender.EvaluateAll(cmd.Context(), t, tender.EvaluateOptions{Model: m, Stress: file.HostStress(), Seed: seed, Runs: runs, Workers: workers, Progress: update})
			finish()
			if err != nil {
				return fmt.Errorf("%s: %w", args[0], err)
			}
			r := ev.Deterministic
			if err := ff.draw(cmd, func(l i18n.Lang) (report.Chart, error) { return publish.CostTermsChart(l, r), nil }); err != nil {
				return err
			}
			tables := append(evaluateTables(t, r), choiceTable(m, ev.Choice))
			if mc := ev.MonteCarlo; mc != nil {
				tb := &report.Table{Title: fmt.Sprintf("Monte Carlo, %d runs, seed %d: %d uncertain inputs", mc.Runs, mc.Seed, len(t.Uncertain)),
					Columns: []string{"offer", "p_win", "score_mean", "score_p10", "score_p50", "score_p90", "cost_mean", "cost_p10", "cost_p90"}}
				tb.SetUnit(report.UnitProbability, "p_win")
				tb.SetUnit(report.UnitScore, "score_mean", "score_p10", "score_p50", "score_p90")
				tb.SetUnit(fmt.Sprintf("%s %d", r.Currency, r.PriceYear), "cost_mean", "cost_p10", "cost_p90")
				for _, o := range mc.Offers {
					tb.AddRow(o.ID, o.WinProb, o.Score.Mean, o.Score.P10, o.Score.P50, o.Score.P90, o.FinancingCost.Mean, o.FinancingCost.P10, o.FinancingCost.P90)
				}
				for name, n := range mc.Clamped {
					tb.Notes = append(tb.Notes, fmt.Sprintf("%s: %d draws clamped to the valid range", name, n))
				}
				if len(t.Uncertain) == 0 {
					tb.Notes = append(tb.Notes, "The file has no uncertain inputs (no uncertain: block, docs/tender.md): every run is the same evaluation.")
					fmt.Fprintf(a.Err, "infragame: note: --runs %d: the file has no uncertain inputs, so every run is the same evaluation\n", mc.Runs)
				}
				tables = append(tables, tb)
			}
			return report.Write(a.Out, f, ev, tables...)
		},
	}
	addMaxRuns(cmd, &maxRuns)
	cmd.Flags().IntVar(&runs, "runs", 0, "Monte Carlo runs over the file's distributions (0 = deterministic only)")
	ff.register(cmd, "the offers' cost terms (stacked bars)")
	ff.registerLang(cmd)
	cmd.Flags().Uint64Var(&seed, "seed", 1, "random seed (Monte Carlo and the choice model's coefficient draws)")
	cmd.Flags().IntVar(&workers, "workers", 0, "worker goroutines (0 = number of CPUs; does not change results)")
	return cmd
}

func evaluateTables(t tender.Tender, r tender.Result) []*report.Table {
	h := t.Host
	rank := &report.Table{
		Title: fmt.Sprintf("Ranking by %s (host discount %s %% real, λ %s, %s %d)", r.Rule,
			report.FormatFloat(h.DiscountRate*100), report.FormatFloat(h.ShadowPrice), r.Currency, r.PriceYear),
		Columns: []string{"rank", "offer", "bidder", "score", "price", "opening_yr", "lcc_agency_pv", "user_pv", "host_pv", "financing_cost"},
		Units: []string{"", "", "", "score", r.Currency, "years", fmt.Sprintf("%s %d", r.Currency, r.PriceYear), fmt.Sprintf("%s %d", r.Currency, r.PriceYear),
			fmt.Sprintf("%s %d", r.Currency, r.PriceYear), fmt.Sprintf("%s %d", r.Currency, r.PriceYear)},
		Notes: []string{fmt.Sprintf("winner %s, margin %s over %s (score units; cost rules score = -cost)", r.Winner, report.FormatFloat(r.Margin), r.RunnerUp)},
	}
	fin := &report.Table{Title: "Financing-adjusted cost, PV at the host's rate",
		Columns: []string{"offer", "share_financed_pct", "capex_pv", "ds_per_unit", "equity_pv", "debt_service_pv", "lifecycle_pv", "budget_pv", "fiscal_premium", "guarantee", "tied", "at_contract", "contract_yrs", "forgone_service", "total"}}
	items := &report.Table{Title: "LCC items, PV", Columns: []string{"offer", "item", "category", "pv"}}
	var crit *report.Table
	if r.Rule == tender.Weighted {
		crit = &report.Table{Title: fmt.Sprintf("Weighted criteria (%s normalisation)", h.Normalisation), Columns: []string{"offer", "criterion", "value", "normalised", "weight", "contribution"}}
	}
	ql := &report.Table{Title: "Quasi-linear score S = V - p", Columns: []string{"offer", "time_value", "local_content_value", "tech_transfer_value", "V", "p", "S"}}
	for _, o := range r.Offers {
		f := o.Financing
		rank.AddRow(o.Rank, o.ID, o.Bidder, o.Score, o.Price, o.Opening, o.LCC.PV.Agency, o.LCC.PV.User, o.LCC.PV.Host, f.Total)
		fin.AddRow(o.ID, units.PercentOf(f.Share), f.CapexPV, f.DebtServicePerUnit, f.EquityPV, f.DebtServicePV, f.LifecyclePV, f.BudgetPV, f.FiscalPremium, f.GuaranteeCost, f.TiedCost, f.AtContract, f.ContractYears, f.ForgoneService, f.Total)
		for _, it := range o.LCC.Items {
			items.AddRow(o.ID, it.Item, string(it.Category), it.PV)
		}
		for _, c := range o.Criteria {
			crit.AddRow(o.ID, string(c.Criterion), c.Value, c.Normalised, c.Weight, c.Contribution)
		}
		q := o.QuasiLinear
		ql.AddRow(o.ID, q.TimeValue, q.LocalContentValue, q.TechTransferValue, q.V, q.P, q.Score)
	}
	money := fmt.Sprintf("%s %d", r.Currency, r.PriceYear)
	fin.SetUnit(money, "capex_pv", "equity_pv", "debt_service_pv", "lifecycle_pv", "budget_pv", "fiscal_premium", "guarantee", "tied",
		"at_contract", "forgone_service", "total")
	fin.SetUnit("PV per unit lent", "ds_per_unit")
	items.SetUnit(money, "pv")
	ql.SetUnit(money, "time_value", "local_content_value", "tech_transfer_value", "V", "p", "S")
	if crit != nil {
		crit.SetUnit("units of criterion", "value")
		crit.SetUnit(report.UnitFraction, "normalised", "weight")
		crit.SetUnit(report.UnitScore, "contribution")
	}
	out := []*report.Table{rank, fin, items}
	if crit != nil {
		out = append(out, crit)
	}
	return append(out, ql)
}

func rangeFlags(cmd *cobra.Command, lo, hi *float64) {
	cmd.Flags().Float64Var(lo, "min", math.NaN(), "lower end of the range (default: base - 2|base|, within the valid range)")
	cmd.Flags().Float64Var(hi, "max", math.NaN(), "upper end of the range (default: base + 2|base|)")
}

// paramError turns an unknown parameter into a usage error (exit 2).
func paramError(err error) error {
	var up *mc.UnknownParamError
	if errors.As(err, &up) {
		msg := fmt.Sprintf("unknown parameter %q", up.Name)
		if sug := closest(up.Name, up.Valid); len(sug) > 0 {
			msg += "; did you mean " + strings.Join(sug, " or ") + "?"
		}
		lines := []string{msg, "valid names:"}
		for i := 0; i < len(up.Valid); i += 3 {
			var row []string
			for _, n := range up.Valid[i:min(i+3, len(up.Valid))] {
				row = append(row, fmt.Sprintf("%-34s", n))
			}
			lines = append(lines, strings.TrimRight("  "+strings.Join(row, " "), " "))
		}
		return usageError{errors.New(strings.Join(lines, "\n"))}
	}
	if errors.Is(err, mc.ErrUnknownParam) {
		return usageError{err}
	}
	return err
}

func (a *App) tenderBreakevenCmd() *cobra.Command {
	var param, offer string
	var lo, hi, target float64
	var steps int
	cmd := &cobra.Command{
		Use:   "breakeven FILE.yaml|case:ID --param P [--target-prob P --offer ID]",
		Short: "Find the values of a parameter at which the winner changes",
		Long: `Scan the range of one numeric parameter and refine each change of winner by
bisection to 1e-9 relative. Parameter names are those of the tender, e.g.
host.discount_rate, host.shadow_price, offers.japan.loan.rate, offers.china.capex;
an unknown name lists the valid ones. A rate or share named with the suffix
_pct (offers.japan.loan.rate_pct, host.discount_rate_pct), as its field is in
the file, is taken and shown in percent: --min 0 --max 3 is 0 to 3 %. Without
the suffix it is a decimal fraction (--max 0.03). --min/--max are in the units
of the name given.

With --target-prob P and --offer ID, find instead the values at which that
offer's choice probability under the host-choice model (docs/tender.md) equals P,
e.g. the Japanese loan rate at which Japan's chance reaches 0.5.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := a.Format()
			if err != nil {
				return err
			}
			if param == "" {
				return usagef("--param is required")
			}
			if math.IsNaN(lo) != math.IsNaN(hi) {
				return usagef("give both --min and --max, or neither")
			}
			file, t, err := a.loadTender(args[0], a.unitOptions())
			if err != nil {
				return err
			}
			_, pct, err := pctParam(param)
			if err != nil {
				return err
			}
			if !math.IsNaN(target) {
				if !(target > 0 && target < 1) {
					return usagef("--target-prob must be in (0, 1), got %g", target)
				}
				doc, tb, err := probabilityTargetTable(file, t, offer, param, lo, hi, target, steps)
				if err != nil {
					return err
				}
				return report.Write(a.Out, f, doc, tb)
			}
			be, err := tender.FindBreakEvenNamed(t, param, lo, hi, steps) // lo, hi in the name's units
			if errors.Is(err, tender.ErrNoBreakEven) {
				if pct && len(be.Points) == 0 && be.Winner != "" {
					// The message in the units of the name given.
					err = fmt.Errorf("%w: %s wins for every %s in [%g, %g] (base %g); widen the range with --min/--max", tender.ErrNoBreakEven, be.Winner, param, be.Lo, be.Hi, be.Base)
				}
				fmt.Fprintln(a.Err, "infragame:", err)
				return report.Write(a.Out, f, be, breakevenTable(be))
			}
			if errors.Is(err, tender.ErrEmptyRange) {
				return usageError{err} // docs/tender.md: an empty range is a usage error
			}
			if err != nil {
				return paramError(err)
			}
			return report.Write(a.Out, f, be, breakevenTable(be))
		},
	}
	cmd.Flags().StringVar(&param, "param", "", "parameter name (see the error for an unknown name); a rate or share named NAME_pct is in percent")
	cmd.Flags().IntVar(&steps, "steps", 200, "scan intervals before bisection")
	cmd.Flags().Float64Var(&target, "target-prob", math.NaN(), "target choice probability in (0, 1) for --offer (default: off, find changes of winner)")
	cmd.Flags().StringVar(&offer, "offer", "", "offer whose choice probability --target-prob targets")
	rangeFlags(cmd, &lo, &hi)
	return cmd
}

func breakevenTable(be tender.BreakEven) *report.Table {
	t := &report.Table{
		Title:   fmt.Sprintf("Break-even of %s (base %s, winner %s, range [%s, %s])", be.Param, report.FormatFloat(be.Base), be.Winner, report.FormatFloat(be.Lo), report.FormatFloat(be.Hi)),
		Columns: []string{"value", "change_vs_base_pct", "delta_vs_base", "new_winner"},
	}
	t.SetUnit("units of "+be.Param, "value", "delta_vs_base")
	for _, p := range be.Points {
		var ch any = "n/a" // no relative change from a base of 0
		if p.Change != nil {
			ch = units.PercentOf(*p.Change)
		}
		t.AddRow(report.Shown{Text: fmt.Sprintf("%.10g", p.Value), Value: p.Value}, ch, p.Delta, p.NewWinner)
	}
	if be.Base == 0 && len(be.Points) > 0 {
		t.Notes = append(t.Notes, "change_vs_base_pct is relative and does not exist from a base of 0: read delta_vs_base")
	}
	if len(be.Points) == 0 {
		t.Notes = append(t.Notes, "no change of winner in the range")
	}
	return t
}

func (a *App) tenderTornadoCmd() *cobra.Command {
	var pct float64
	var ff figureFlags
	cmd := &cobra.Command{
		Use:   "tornado FILE.yaml|case:ID",
		Short: "Winner's margin with each input moved by ±X %",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := a.Format()
			if err != nil {
				return err
			}
			_, t, err := a.loadTender(args[0], a.unitOptions())
			if err != nil {
				return err
			}
			tor, err := tender.MakeTornado(t, pct/100)
			if err != nil {
				return err
			}
			if err := ff.draw(cmd, func(l i18n.Lang) (report.Chart, error) { return publish.TornadoChart(l, tor), nil }); err != nil {
				return err
			}
			tb := &report.Table{Title: fmt.Sprintf("Tornado ±%s %%: winner %s, margin %s", report.FormatFloat(pct), tor.Winner, report.FormatFloat(tor.Margin)),
				Columns: []string{"param", "base", "low", "high", "margin_low", "margin_high", "winner_low", "winner_high", "swing"}}
			for _, b := range tor.Bars {
				// A rate or share under its _pct name, in percent, as
				// the JSON document (tender.ShownParam).
				name, pct := tender.ShownParam(b.Param)
				tb.AddRow(name, tender.ShowParam(b.Base, pct), tender.ShowParam(b.Low, pct), tender.ShowParam(b.High, pct),
					b.MarginLow, b.MarginHigh, b.WinnerLow, b.WinnerHigh, b.Swing)
			}
			tb.SetUnit(report.UnitParam, "base", "low", "high")
			tb.SetUnit(report.UnitScore, "margin_low", "margin_high", "swing")
			return report.Write(a.Out, f, tor, tb)
		},
	}
	cmd.Flags().Var(pctFlag(&pct, 20), "pct", "change of each input, in percent (20 = ±20 %)")
	ff.register(cmd, "the tornado")
	ff.registerLang(cmd)
	return cmd
}

func (a *App) tenderMapCmd() *cobra.Command {
	var x, y string
	var ff figureFlags
	var xlo, xhi, ylo, yhi float64
	var nx, ny int
	cmd := &cobra.Command{
		Use:   "map FILE.yaml|case:ID --x P1 --y P2 [--svg FILE]",
		Short: "Winner over a grid of two parameters (CSV/JSON table, SVG chart)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := a.Format()
			if err != nil {
				return err
			}
			if x == "" || y == "" {
				return usagef("--x and --y are required")
			}
			if nx < 2 || ny < 2 || nx > 500 || ny > 500 {
				return usagef("--nx and --ny must be in [2, 500]")
			}
			_, t, err := a.loadTender(args[0], a.unitOptions())
			if err != nil {
				return err
			}
			rng := func(name string, lo, hi float64) (float64, float64, error) {
				lo, hi, err := t.Range(name, lo, hi)
				if errors.Is(err, tender.ErrEmptyRange) {
					return 0, 0, usageError{err}
				}
				return lo, hi, paramError(err)
			}
			xn, xpct, err := pctParam(x)
			if err != nil {
				return err
			}
			yn, ypct, err := pctParam(y)
			if err != nil {
				return err
			}
			if xpct {
				xlo, xhi = toFraction(xlo), toFraction(xhi)
			}
			if ypct {
				ylo, yhi = toFraction(ylo), toFraction(yhi)
			}
			x0, x1, err := rng(xn, xlo, xhi)
			if err != nil {
				return err
			}
			y0, y1, err := rng(yn, ylo, yhi)
			if err != nil {
				return err
			}
			update, finish := a.progress(nx*ny, "winner map")
			mp, err := tender.WinnerMap(cmd.Context(), t, xn, tender.Linspace(x0, x1, nx), yn, tender.Linspace(y0, y1, ny), update)
			finish()
			if err != nil {
				return paramError(err)
			}
			mp.XParam, mp.YParam = x, y
			if xpct {
				mp.X = toPercents(mp.X)
			}
			if ypct {
				mp.Y = toPercents(mp.Y)
			}
			hm := report.Heatmap{Title: "Winner by " + x + " × " + y, XLabel: x, YLabel: y, ZLabel: "margin",
				Source: "Source: infragame tender engine", X: mp.X, Y: mp.Y, Z: mp.Margin, Labels: mp.Winner}
			if err := ff.write(cmd, &hm); err != nil {
				return err
			}
			tb := &report.Table{Title: fmt.Sprintf("Winner map: %s × %s", x, y), Columns: []string{x, y, "winner", "margin"},
				SheetUnits: []string{"units of " + x, "units of " + y, "", report.UnitScore}}
			for j, yv := range mp.Y {
				for i, xv := range mp.X {
					tb.AddRow(xv, yv, mp.Winner[j][i], mp.Margin[j][i])
				}
			}
			return report.Write(a.Out, f, mp, tb)
		},
	}
	cmd.Flags().StringVar(&x, "x", "", "parameter on the x axis (a rate or share named NAME_pct is in percent, see tender breakeven --help)")
	cmd.Flags().StringVar(&y, "y", "", "parameter on the y axis (NAME_pct: in percent)")
	ff.register(cmd, "the map")
	cmd.Flags().IntVar(&nx, "nx", 21, "grid points on x")
	cmd.Flags().IntVar(&ny, "ny", 21, "grid points on y")
	cmd.Flags().Float64Var(&xlo, "xmin", math.NaN(), "x range start, in the parameter's units (default: the parameter's base value ± 2|base|, within its valid range)")
	cmd.Flags().Float64Var(&xhi, "xmax", math.NaN(), "x range end (default: see --xmin)")
	cmd.Flags().Float64Var(&ylo, "ymin", math.NaN(), "y range start (default: see --xmin)")
	cmd.Flags().Float64Var(&yhi, "ymax", math.NaN(), "y range end (default: see --xmin)")
	return cmd
}

func (a *App) tenderBacktestCmd() *cobra.Command {
	var noFiscal, noTied, fxPPP, only bool
	cmd := &cobra.Command{
		Use:   "backtest [FILE|DIR ...]",
		Short: "Predict the winner of every case in the library with one shared host rule",
		Long: `For every embedded case, derive the host profile from its observable attributes
by the one rule documented in docs/tender.md (real sovereign yield as discount
rate, public debt / 70 % as the value of fiscal space, 15 % tied-procurement
cost, financing-adjusted cost), never from the outcome, and compare the
predicted winner with the actual one. Misses are listed.

Then every decided contest is forecast under leave-one-out cross-validation by
(a) the naive rule (lowest financing cost wins), (b) the deterministic rule and
(c) the conditional-logit host-choice model estimated on the other contests,
with each offer's probability, the hit rate, Brier score and log loss.

Case files (or directories of *.yaml case files) given as arguments are added
to the embedded library; --only uses them alone.`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := a.Format()
			if err != nil {
				return err
			}
			if only && len(args) == 0 {
				return usagef("--only needs case files or directories")
			}
			fs, err := cases.ReadFiles(args, only)
			if err != nil {
				return err
			}
			rule := tender.DefaultRule
			title := "Backtest: host profile from observables (rule in docs/tender.md)"
			if noFiscal {
				rule.DebtBenchmark = 0
				title += "; ablation: λ = 0"
			}
			if noTied {
				rule.TiedPenalty = 0
				title += "; ablation: no tied-procurement cost"
			}
			if fxPPP {
				rule.FXPPP = true
				title += "; variant: loan currencies drift by relative PPP"
			}
			doc, err := tender.BacktestAll(rule, fs)
			if err != nil {
				return err
			}
			rows, cv := doc.Rows, doc.CrossValidation
			t := &report.Table{Title: title,
				Columns: []string{"case", "year", "predicted", "actual", "result", "margin", "rel_margin_pct", "lambda", "lambda_break_even", "deciding_inputs"}}
			t.SetUnit("each case's currency at its price year", "margin")
			t.SetUnit(report.NameUnit("lambda"), "lambda_break_even")
			hits, decided := 0, 0
			var misses []string
			for _, r := range rows {
				res := "hit"
				switch {
				case !r.Decided:
					res = "undecided"
				case r.Hit:
					hits++
				default:
					res = "MISS"
					misses = append(misses, r.Case)
				}
				if r.Decided {
					decided++
				}
				actual := r.Actual
				if actual == "" {
					actual = "(none)"
				}
				be := "-"
				if r.ShadowPriceBreakEven != nil {
					be = report.FormatFloat(*r.ShadowPriceBreakEven)
				}
				t.AddRow(r.Case, r.Year, r.Predicted, actual, res, r.Margin, units.PercentOf(r.RelMargin), r.Host.ShadowPrice, be, strings.Join(r.Deciding, "; "))
			}
			t.Notes = append(t.Notes, fmt.Sprintf("%d of %d decided cases predicted correctly; misses: %s", hits, decided, orNone(misses)))
			cvt := cvTables(cv)
			if noFiscal || noTied || fxPPP {
				cvt[1].Notes = append(cvt[1].Notes, "the leave-one-out tables use the documented rule; the ablation and variant flags change the first table only")
			}
			return report.Write(a.Out, f, doc, append([]*report.Table{t}, cvt...)...)
		},
	}
	cmd.Flags().BoolVar(&noFiscal, "no-fiscal-space", false, "ablation: set λ = 0 (no value of fiscal space)")
	cmd.Flags().BoolVar(&noTied, "no-tied-penalty", false, "ablation: no cost of tied procurement")
	cmd.Flags().BoolVar(&only, "only", false, "backtest only the given case files, not the embedded library")
	cmd.Flags().BoolVar(&fxPPP, "fx-ppp", false, "variant: foreign-currency debt service drifts with relative PPP (needs observables.lender_inflation)")
	return cmd
}

func orNone(s []string) string {
	if len(s) == 0 {
		return "none"
	}
	return strings.Join(s, ", ")
}

func (a *App) tenderCasesCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "cases",
		Short: "List the embedded case library (use a case as case:ID)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := a.Format()
			if err != nil {
				return err
			}
			fs, err := cases.All()
			if err != nil {
				return err
			}
			t := &report.Table{Title: "Case library", Columns: []string{"id", "year", "country", "offers", "actual_winner", "name"}}
			for _, c := range fs {
				var ids []string
				for _, o := range c.Offers {
					ids = append(ids, o.ID)
				}
				t.AddRow(c.ID, c.Year, c.Country, strings.Join(ids, ","), c.Outcome.Winner, c.Name)
			}
			// JSON: each file as written, under its _pct names.
			docs, err := cases.Documents()
			if err != nil {
				return err
			}
			return report.Write(a.Out, f, docs, t)
		},
	}
}
