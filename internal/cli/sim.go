package cli

import (
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/infragame/infragame/dataset"
	"github.com/infragame/infragame/market"
	"github.com/infragame/infragame/market/rows"
	"github.com/infragame/infragame/mc"
	"github.com/infragame/infragame/publish"
	"github.com/infragame/infragame/report"
	"github.com/infragame/infragame/report/i18n"
	"github.com/infragame/infragame/units"
)

func (a *App) simCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "sim",
		Short: "Market simulation: a decade of tenders across regions (docs/sim.md)",
		Long: `Simulate the multi-year, multi-region game of infrastructure export: a pipeline of
projects, exporters (China, Japan, others) with their costs, quality, speed, lenders
and concessional budgets, hosts choosing by the tender engine's rule, and policies
(Japan's tiers, PQI, JBIC/JICA reforms, joint bids, co-financing, price war).
The model is described in docs/sim.md (ODD protocol).

A SCENARIO is the name of a shipped scenario ('infragame sim scenarios') or a
scenario file (YAML, schema in docs/sim.md). Rates and shares among a scenario's
params are percentages named NAME_pct (jp.guarantee_share_pct: 50 is 50 %), as
'infragame sim params' lists them; old files' decimal fractions under the names
without _pct (jp.guarantee_share: 0.5) still read ('sim migrate' rewrites them), and
a percentage on the wrong scale is refused unless --allow-unusual is given. Results
are identical for a seed whatever the number of workers.`,
	}
	a.addSubcommands(cmd, subcommand{"scenarios", a.simScenariosCmd}, subcommand{"params", a.simParamsCmd},
		subcommand{"validate", a.simValidateCmd}, subcommand{"run", a.simRunCmd}, subcommand{"compare", a.simCompareCmd},
		subcommand{"calibrate", a.simCalibrateCmd}, subcommand{"migrate", a.simMigrateCmd})
	return cmd
}

// loadScenario reads a shipped scenario by name or a scenario file.
func loadScenario(arg string, opt units.Options) (*market.Scenario, error) {
	if strings.HasSuffix(arg, ".yaml") || strings.HasSuffix(arg, ".yml") || strings.ContainsRune(arg, os.PathSeparator) {
		b, err := readScenarioFile(arg)
		if err != nil {
			return nil, err
		}
		return market.ReadScenario(arg, b, opt)
	}
	return market.Named(arg)
}

func (a *App) simScenariosCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "scenarios",
		Short: "List the shipped scenarios",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			f, err := a.Format()
			if err != nil {
				return err
			}
			all, err := market.Scenarios()
			if err != nil {
				return err
			}
			t := &report.Table{Title: "Shipped scenarios", Columns: []string{"name", "years", "adaptation", "title", "changes"}}
			for _, s := range all {
				var ch []string
				for k, v := range s.Params.Percent() {
					ch = append(ch, fmt.Sprintf("%s=%s", k, report.FormatFloat(v)))
				}
				sort.Strings(ch)
				t.AddRow(s.Name, fmt.Sprintf("%d–%d", s.Start, s.End), string(s.Adaptation), s.Title, strings.Join(ch, " "))
			}
			return report.Write(a.Out, f, all, t)
		},
	}
}

func (a *App) simParamsCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "params",
		Short: "List every model parameter with unit, default and source",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			f, err := a.Format()
			if err != nil {
				return err
			}
			ps := market.Params()
			t := &report.Table{Title: "Model parameters (defaults: the calibrated baseline)", Columns: []string{"name", "unit", "default", "min", "max", "meaning", "source"}}
			for _, p := range ps {
				var hi any = p.Hi // no upper bound: an empty cell (JSON: null)
				if math.IsInf(p.Hi, 1) {
					hi = nil
				}
				t.AddRow(p.Name, p.Unit, p.Default, p.Lo, hi, p.Doc, p.Source)
			}
			t.SetUnit(report.UnitSeeColumn, "default", "min", "max")
			return report.Write(a.Out, f, ps, t)
		},
	}
}

func (a *App) simValidateCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "validate FILE.yaml",
		Short: "Check a scenario file (strict YAML; errors give line and field)",
		Long: `Check a scenario file: strict YAML, known parameters, plausible scales and a
scenario that compiles. A valid file prints one line; a bad one its errors, each
as file:line:column: field: message, and exits 1. With --format json the result is
one document, valid or not: file, scenario, start, end, params, valid and problems
(each with file, line, column, field and message; empty when valid); --format csv
is the table of problems. A shipped scenario's name is checked too.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := a.Format()
			if err != nil {
				return err
			}
			var c *market.ScenarioCheck
			if sc, nerr := market.Named(args[0]); nerr == nil && !strings.ContainsAny(args[0], "./"+string(os.PathSeparator)) {
				c, err = market.CheckScenario(args[0], sc)
			} else {
				b, rerr := readScenarioFile(args[0])
				if rerr != nil {
					return rerr
				}
				c, err = market.ValidateScenario(args[0], b, a.unitOptions())
			}
			if f == report.FormatTable {
				if err != nil {
					return err
				}
				_, err = fmt.Fprintf(a.Out, "%s: scenario %q is valid (%d–%d, %d parameters set)\n", c.File, c.Name, c.Start, c.End, c.Params)
				return err
			}
			if c == nil { // a shipped scenario that does not compile
				return err
			}
			t := &report.Table{Title: "Scenario problems", Columns: []string{"file", "line", "column", "field", "message"}, Notes: []string{c.File + ": " + map[bool]string{true: "valid", false: "not valid"}[c.Valid]}}
			for _, p := range c.Problems {
				t.AddRow(p.File, p.Line, p.Column, p.Field, p.Message)
			}
			if werr := report.Write(a.Out, f, c, t); werr != nil {
				return werr
			}
			if err != nil {
				return reportedError{err}
			}
			return nil
		},
	}
}

// readScenarioFile reads a scenario file, at most market.MaxScenarioBytes
// and one more (so that ReadScenario can refuse a larger file).
func readScenarioFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, market.MaxScenarioBytes+1))
}

// simFlags are the Monte Carlo flags shared by run, compare and calibrate.
type simFlags struct {
	runs, workers int
	seed          uint64
}

func (s *simFlags) add(cmd *cobra.Command, runs int) {
	cmd.Flags().IntVar(&s.runs, "runs", runs, "Monte Carlo runs")
	cmd.Flags().Uint64Var(&s.seed, "seed", 1, "random seed (run r draws from PCG(seed, r))")
	cmd.Flags().IntVar(&s.workers, "workers", 0, "worker goroutines (0 = number of CPUs; does not change results)")
}

// load checks the flags, reads the scenario named or given as a file, and
// compiles it.
func (s *simFlags) load(arg string, opt units.Options) (*market.Scenario, *market.Simulation, error) {
	if err := s.check(); err != nil {
		return nil, nil, err
	}
	sc, err := loadScenario(arg, opt)
	if err != nil {
		return nil, nil, err
	}
	sim, err := market.New(sc)
	if err != nil {
		return nil, nil, err
	}
	return sc, sim, nil
}

// simulate runs sim with the flags' runs, seed and workers, drawing
// progress on a terminal, and passes every run's rows to sink (nil: none).
func (a *App) simulate(cmd *cobra.Command, sim *market.Simulation, fl simFlags, sink func([]market.Row) error) (*market.Summary, error) {
	update, finish := a.progress(fl.runs, "simulating")
	defer finish()
	return sim.Run(cmd.Context(), mc.Options{Runs: fl.runs, Seed: fl.seed, Workers: fl.workers, Progress: update}, sink)
}

func (s *simFlags) check() error {
	if s.runs < 1 || s.runs > 10_000_000 {
		return usagef("--runs must be in [1, 10000000], got %d", s.runs)
	}
	if s.workers < 0 || s.workers > 1024 {
		return usagef("--workers must be in [0, 1024], got %d", s.workers)
	}
	return nil
}

func (a *App) simRunCmd() *cobra.Command {
	var fl simFlags
	var rowsPath, rowsFormat string
	var years []int
	var ff figureFlags
	var chart, exporter string
	cmd := &cobra.Command{
		Use:   "run SCENARIO",
		Short: "Simulate a scenario: summary with intervals, rows streamed to a file",
		Long: `Simulate --runs runs of a scenario. The summary gives, per exporter and year, orders
(value in USD bn and count), share, margin and concessional lending with the mean over
runs and its 95 % confidence interval; with --rows FILE every output of every run and
year is streamed as CSV, JSON Lines or Parquet (long format: scenario, seed, run,
year, exporter, region, sector, metric, value; metrics in docs/sim.md). Shares,
margins and markups are percentages, in metrics named share_pct, margin_pct and
markup_pct, in the rows as in the summary and its JSON stats. Ctrl-C stops
after the runs already finished: the rows file then holds only complete runs.
--svg/--png draw --chart: lines (each exporter's mean orders by year), fan (the
distribution over runs of --exporter's orders by year: range, mean ± 1 s.d., mean)
or hist (the histogram over runs of --exporter's orders in the last year).`,
		Example: `  infragame sim run baseline --runs 200 --svg orders.svg
  infragame sim run baseline --runs 500 --chart fan --exporter jp --svg jp-fan.svg
  infragame sim run baseline --runs 500 --chart hist --exporter cn --png cn-2020.png`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := a.Format()
			if err != nil {
				return err
			}
			sc, sim, err := fl.load(args[0], a.unitOptions())
			if err != nil {
				return err
			}
			switch chart {
			case "lines", "fan", "hist":
			default:
				return usagef("--chart %q: want lines, fan or hist", chart)
			}
			if !slices.Contains(market.Exporters, exporter) {
				return usagef("--exporter %q: want one of %s", exporter, strings.Join(market.Exporters, ", "))
			}
			var sink func([]market.Row) error
			var w rows.Writer
			if rowsPath != "" {
				if rowsFormat == "" {
					rowsFormat = formatFromExt(rowsPath)
				}
				out := io.Writer(a.Out)
				if rowsPath != "-" {
					file, err := os.Create(rowsPath)
					if err != nil {
						return err
					}
					defer file.Close()
					out = file
				}
				if w, err = rows.New(rowsFormat, out); err != nil {
					return usageError{err}
				}
				sink = w.Write
			}
			// the histogram needs each run's value: orders of exporter by
			// run and year, the last year kept at the end
			byYear := map[int32][]float64{}
			if chart == "hist" && ff.wanted() {
				stream := sink
				sink = func(rs []market.Row) error {
					for _, r := range rs {
						if r.Exporter == exporter && r.Region == "all" && r.Metric == "orders_value" {
							byYear[r.Year] = append(byYear[r.Year], r.Value)
						}
					}
					if stream != nil {
						return stream(rs)
					}
					return nil
				}
			}
			sum, runErr := a.simulate(cmd, sim, fl, sink)
			if w != nil {
				if err := w.Close(); err != nil && runErr == nil {
					runErr = err
				}
			}
			if runErr != nil {
				if errors.Is(runErr, cmd.Context().Err()) && sum != nil {
					fmt.Fprintf(a.Err, "interrupted after %d complete runs\n", sum.Runs)
				}
				return runErr
			}
			if err := ff.draw(cmd, func(l i18n.Lang) (report.Chart, error) {
				switch chart {
				case "fan":
					return publish.SimFanChart(l, sum, sc.Title, exporter)
				case "hist":
					last := int32(math.MinInt32)
					for y := range byYear {
						last = max(last, y)
					}
					return publish.SimHistogram(l, byYear[last], sc.Title, exporter, int(last), sum.Seed)
				}
				return publish.SimOrdersChart(l, sum, sc.Title), nil
			}); err != nil {
				return err
			}
			if rowsPath == "-" {
				return nil
			}
			return report.Write(a.Out, f, publish.SimDoc(sum), publish.SimTables(sum, sc, years, f == report.FormatCSV || f == report.FormatXLSX)...)
		},
	}
	fl.add(cmd, 200)
	cmd.Flags().StringVar(&rowsPath, "rows", "", "stream every row to this file (- for standard output, then no summary)")
	cmd.Flags().StringVar(&rowsFormat, "rows-format", "", "rows format: csv, jsonl or parquet (default: from the file extension, else csv)")
	cmd.Flags().IntSliceVar(&years, "years", nil, "years shown in the summary table (default: first, 2013, 2015, 2020, last)")
	ff.register(cmd, "the --chart")
	ff.registerLang(cmd)
	cmd.Flags().StringVar(&chart, "chart", "lines", "chart of --svg/--png: lines (mean orders by exporter), fan (distribution by year) or hist (distribution in the last year)")
	cmd.Flags().StringVar(&exporter, "exporter", "cn", "exporter of --chart fan and hist: "+strings.Join(market.Exporters, ", "))
	return cmd
}

// display rounds a simulated number to three significant digits for a
// terminal table (Monte Carlo noise makes more digits meaningless), and
// keeps it whole in CSV and workbooks, whose numbers are read back.
func display(f report.Format) func(float64) float64 {
	if f == report.FormatCSV || f == report.FormatXLSX {
		return func(x float64) float64 { return x }
	}
	return publish.Round3
}

func formatFromExt(path string) string {
	switch {
	case strings.HasSuffix(path, ".parquet"):
		return "parquet"
	case strings.HasSuffix(path, ".jsonl"), strings.HasSuffix(path, ".ndjson"):
		return "jsonl"
	}
	return "csv"
}

func (a *App) simCompareCmd() *cobra.Command {
	var fl simFlags
	cmd := &cobra.Command{
		Use:   "compare A B",
		Short: "Differences B − A of every outcome over paired runs, with 95 % intervals",
		Long: `Run scenarios A and B on the same seeds (run r of both draws from PCG(seed, r)) and
report, for each outcome (orders, shares, margins, profits, concessional lending, host
surplus and debt, joint orders, Pyrrhic index; docs/sim.md), the means under A and B,
the mean difference B − A with its 95 % confidence interval, and the share of runs in
which B is greater.`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := a.Format()
			if err != nil {
				return err
			}
			if err := fl.check(); err != nil {
				return err
			}
			var scs [2]*market.Scenario
			for i, arg := range args {
				if scs[i], err = loadScenario(arg, a.unitOptions()); err != nil {
					return err
				}
			}
			update, finish := a.progress(fl.runs, "comparing")
			doc, err := market.CompareScenarios(cmd.Context(), scs[0], scs[1], mc.Options{Runs: fl.runs, Seed: fl.seed, Workers: fl.workers, Progress: update})
			finish()
			if err != nil {
				return err
			}
			t := &report.Table{
				Title:   fmt.Sprintf("%s (A) vs %s (B), %d paired runs, seed %d", doc.A, doc.B, fl.runs, fl.seed),
				Columns: []string{"outcome", "A", "B", "B−A", "ci95_lo", "ci95_hi", "P(B>A)"},
				Notes:   []string{"USD bn nominal; totals over the scenario's years; shares and margins (_pct) in percent; outcomes defined in docs/sim.md."},
			}
			t.SheetUnits = []string{"", "units of outcome", "units of outcome", "units of outcome", "units of outcome", "units of outcome", report.UnitProbability}
			r3 := display(f)
			for _, d := range doc.Diffs {
				t.AddRow(d.Name, r3(d.A), r3(d.B), r3(d.Mean), r3(d.Lo95), r3(d.Hi95), r3(d.ProbB))
			}
			return report.Write(a.Out, f, doc, t)
		},
	}
	fl.add(cmd, 200)
	return cmd
}

func (a *App) simCalibrateCmd() *cobra.Command {
	var fl simFlags
	var evals int
	var estimate bool
	cmd := &cobra.Command{
		Use:   "calibrate",
		Short: "Calibration moments (2010–2015) and the out-of-sample comparison",
		Long: `Print every calibration moment of the baseline — target from the dataset, simulated
mean, its 10th–90th percentile over runs and the relative error — and the baseline's
projection of Japan's orders beside figures published after the calibration window
(not used to fit). With --estimate, first re-estimate the calibrated parameters by
the method of simulated moments (Nelder–Mead, common random numbers; slow).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			f, err := a.Format()
			if err != nil {
				return err
			}
			if err := fl.check(); err != nil {
				return err
			}
			set, err := dataset.Embedded()
			if err != nil {
				return err
			}
			doc, err := market.CheckCalibration(cmd.Context(), set, estimate, evals, fl.runs, fl.workers, fl.seed)
			if err != nil {
				return err
			}
			var tables []*report.Table
			if c := doc.Calibration; c != nil {
				t := &report.Table{Title: fmt.Sprintf("Estimates (objective %.3g after %d evaluations)", c.Objective, c.Evals), Columns: []string{"parameter", "estimate"}}
				est := c.Estimates.Percent() // rates and shares as the scenario files write them
				for _, n := range market.CalibrationParams {
					t.AddRow(market.PctName(n), est[market.PctName(n)])
				}
				tables = append(tables, t)
			}
			r3 := display(f)
			tables = append(tables, momentTable(doc.Moments, r3), outOfSampleTable(doc.OutOfSample, r3))
			return report.Write(a.Out, f, doc, tables...)
		},
	}
	fl.add(cmd, 200)
	cmd.Flags().IntVar(&evals, "evals", 600, "objective evaluations of the estimator (with --estimate)")
	cmd.Flags().BoolVar(&estimate, "estimate", false, "re-estimate the calibrated parameters first")
	return cmd
}

// momentTable renders calibration moments.
func momentTable(ms []market.Moment, r3 func(float64) float64) *report.Table {
	t := &report.Table{
		Title:   "Calibration moments, 2010–2015 (target from the dataset; simulated mean and 10th–90th percentile over runs)",
		Columns: []string{"moment", "unit", "target", "simulated", "p10", "p90", "error_%", "target_in_p10_p90", "source"},
	}
	for _, m := range ms {
		d := m.Percent() // shares in percent
		t.AddRow(m.Name, d.Unit, r3(d.Target), r3(d.Sim), r3(d.P10), r3(d.P90), r3(units.PercentOf(m.RelError)), m.Within(), m.Source)
	}
	t.SetUnit(report.UnitSeeColumn, "target", "simulated", "p10", "p90")
	return t
}

// outOfSampleTable renders the projection against later published figures.
func outOfSampleTable(ps []market.Projection, r3 func(float64) float64) *report.Table {
	t := &report.Table{
		Title:   "Out of sample: Japan's orders projected by the calibrated baseline vs published figures (not used to fit)",
		Columns: []string{"year", "published_jpy_trn", "simulated_jpy_trn", "p10", "p90", "error_%", "source"},
		Notes:   []string{"The model does not project exchange rates: each year's realised rate is taken as given."},
	}
	t.SetUnit("JPY trn", "p10", "p90")
	for _, p := range ps {
		t.AddRow(p.Year, p.Value, r3(p.Sim), r3(p.P10), r3(p.P90), r3(units.PercentOf(p.RelError)), p.Source)
		t.Notes = append(t.Notes, fmt.Sprintf("%d: model dollars converted at %s yen per dollar (dataset fx-jpy-%d).", p.Year, report.FormatFloat(p.FX), p.Year))
	}
	return t
}
