package cli

import (
	"fmt"
	"github.com/infragame/infragame/internal/parseerr"
	"github.com/infragame/infragame/units"

	"github.com/spf13/cobra"

	"github.com/infragame/infragame/lcc"
	"github.com/infragame/infragame/mc"
	"github.com/infragame/infragame/publish"
	"github.com/infragame/infragame/report"
	"github.com/infragame/infragame/report/i18n"
)

func (a *App) lccCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "lcc",
		Short: "Life-cycle cost of asset offers (NIST/FHWA conventions)",
	}
	var runs, workers, maxRuns int
	var seed uint64
	var ff figureFlags
	run := &cobra.Command{
		Use:   "run FILE.yaml",
		Short: "Evaluate a study file; with --runs N, a Monte Carlo simulation",
		Long: `Evaluate the alternatives of a study file (schema in docs/lcc.md): present value
of agency, user and host costs (reported separately), equivalent annual cost,
benefits, NPV and EIRR. Rates and shares in the file are percentages in fields
ending in _pct (discount_rate_pct: 3 is 3 %); a file with the older decimal
fields (discount_rate: 0.03) still reads, and "lcc migrate" rewrites it.

With --runs N every input given as a distribution is drawn N times; the output
gives mean, P10/P50/P90 of each category's PV and of the difference between
each alternative and the first. Results are identical for a seed whatever the
number of workers.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := a.Format()
			if err != nil {
				return err
			}
			if err := checkRuns(runs, maxRuns); err != nil {
				return err
			}
			b, err := a.readInput(args[0])
			if err != nil {
				return err
			}
			st, err := lcc.ParseStudy(b, units.Options{AllowUnusual: a.AllowUnusual})
			if err != nil {
				return parseerr.InFile(args[0], err)
			}
			if runs == 0 {
				res, err := st.Evaluate()
				if err != nil {
					return fmt.Errorf("%s: %w", args[0], err)
				}
				if err := ff.draw(cmd, func(l i18n.Lang) (report.Chart, error) {
					return publish.LCCChart(l, res, st.Analysis.Currency, st.Analysis.PriceYear), nil
				}); err != nil {
					return err
				}
				return report.Write(a.Out, f, lcc.RunDocument(st, res), lccTables(st, res)...)
			}
			update, finish := a.progress(runs, "monte carlo")
			res, err := lcc.Simulate(cmd.Context(), *st, mc.Options{Runs: runs, Seed: seed, Workers: workers, Progress: update})
			finish()
			if err != nil {
				return fmt.Errorf("%s: %w", args[0], err)
			}
			if err := ff.draw(cmd, func(l i18n.Lang) (report.Chart, error) {
				return publish.LCCHistogram(l, res, 0, st.Analysis.Currency)
			}); err != nil {
				return err
			}
			return report.Write(a.Out, f, res, mcTables(st, res)...)
		},
	}
	addMaxRuns(run, &maxRuns)
	run.Flags().IntVar(&runs, "runs", 0, "Monte Carlo runs (0 = deterministic evaluation)")
	run.Flags().Uint64Var(&seed, "seed", 1, "random seed (results depend only on seed and runs)")
	run.Flags().IntVar(&workers, "workers", 0, "worker goroutines (0 = number of CPUs; does not change results)")
	ff.register(run, "the PV by category (with --runs: the distribution of the first alternative's agency PV)")
	ff.registerLang(run)
	cmd.AddCommand(run, a.lccMigrateCmd())
	return cmd
}

// lccMoney is the unit of the study's amounts: its currency and price year.
func lccMoney(an lcc.Analysis) string { return fmt.Sprintf("%s %d", an.Currency, an.PriceYear) }

func lccTables(st *lcc.Study, res []lcc.Result) []*report.Table {
	an := st.Analysis
	m := lccMoney(an)
	sum := &report.Table{
		Title:   fmt.Sprintf("Life-cycle cost, PV at %s %% real, %d years, %s (%s %d)", report.FormatFloat(an.DiscountRate*100), an.Horizon, an.Convention, an.Currency, an.PriceYear),
		Columns: []string{"alternative", "opening_yr", "agency_pv", "user_pv", "host_pv", "agency_eac", "benefits_pv", "npv", "eirr_%"},
		Units:   []string{"", "years", m, m, m, m + " a year", m, m, ""},
		Notes:   []string{"Agency, user and host (CO2) costs are separate categories, shown side by side with no total of costs; the npv subtracts all three from the benefits: npv = benefits - agency - user - host."},
	}
	items := &report.Table{Title: "PV by item", Columns: []string{"alternative", "item", "category", "pv"}, Units: []string{"", "", "", m}}
	for _, r := range res {
		eirr := "-"
		if r.EIRR != nil {
			eirr = report.FormatFloat(*r.EIRR * 100)
		}
		sum.AddRow(r.Name, r.Opening, r.PV.Agency, r.PV.User, r.PV.Host, r.EAC.Agency, r.Benefits, r.NPV, eirr)
		for _, it := range r.Items {
			cat := string(it.Category)
			if cat == "" {
				cat = "benefit"
			}
			items.AddRow(r.Name, it.Item, cat, it.PV)
		}
	}
	return []*report.Table{sum, items}
}

func mcTables(st *lcc.Study, res *lcc.MCResult) []*report.Table {
	t := &report.Table{
		Title:   fmt.Sprintf("Monte Carlo, %d runs, seed %d (%s %d)", res.Runs, res.Seed, st.Analysis.Currency, st.Analysis.PriceYear),
		Columns: []string{"alternative", "category", "mean", "sd", "p10", "p50", "p90"},
		Units:   []string{"", "", lccMoney(st.Analysis), lccMoney(st.Analysis), lccMoney(st.Analysis), lccMoney(st.Analysis), lccMoney(st.Analysis)},
	}
	for _, a := range res.Alternatives {
		for _, c := range []struct {
			n string
			s mc.Stats
		}{{"agency_pv", a.Agency}, {"user_pv", a.User}, {"host_pv", a.Host}, {"npv", a.NPV}} {
			t.AddRow(a.Name, c.n, c.s.Mean, c.s.SD, c.s.P10, c.s.P50, c.s.P90)
		}
	}
	dm := lccMoney(st.Analysis)
	d := &report.Table{Title: "Difference (alt - base), same draws", Columns: []string{"alt", "base", "category", "mean", "p10", "p50", "p90", "p_alt_cheaper"},
		Units: []string{"", "", "", dm, dm, dm, dm, ""}}
	for _, x := range res.Differences {
		d.AddRow(x.Alt, x.Base, "agency_pv", x.Agency.Mean, x.Agency.P10, x.Agency.P50, x.Agency.P90, x.ProbAltCheaper)
		d.AddRow(x.Alt, x.Base, "user_pv", x.User.Mean, x.User.P10, x.User.P50, x.User.P90, "")
		d.AddRow(x.Alt, x.Base, "host_pv", x.Host.Mean, x.Host.P10, x.Host.P50, x.Host.P90, "")
	}
	for name, n := range res.Clamped {
		d.Notes = append(d.Notes, fmt.Sprintf("%s: %d draws clamped to the valid range", name, n))
	}
	return []*report.Table{t, d}
}
