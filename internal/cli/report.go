package cli

import (
	"bytes"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/infragame/infragame/cases"
	"github.com/infragame/infragame/finance"
	"github.com/infragame/infragame/finance/financedoc"
	"github.com/infragame/infragame/publish"
	"github.com/infragame/infragame/report"
	"github.com/infragame/infragame/report/i18n"
	"github.com/infragame/infragame/units"
)

// reportFlags are the flags every report command shares.
type reportFlags struct {
	lang string
	pdf  string
}

func (rf *reportFlags) register(c *cobra.Command) {
	c.Flags().StringVar(&rf.lang, "lang", "en", "language of the report: en or zh")
	c.Flags().StringVar(&rf.pdf, "pdf", "", "also print the report to this PDF file (needs Chromium: Debian package chromium, with fonts-noto-cjk for Chinese)")
}

func (a *App) reportCmd() *cobra.Command {
	c := &cobra.Command{
		Use:   "report",
		Short: "Self-contained HTML (and PDF) reports: the brief, one case, a financing comparison, a simulation scenario, a sweep",
		Long: `Write a report as one self-contained HTML file (inline SVG charts and CSS, no
network) in English or Chinese, to -o FILE or standard output; --pdf FILE also
prints it through headless Chromium. Every report states the infragame
version, the data's provenance and its parameters, and lists every source as a
numbered footnote.`,
	}
	a.addSubcommands(c, subcommand{"brief", func() *cobra.Command { return readingRecords(a.reportBriefCmd()) }},
		subcommand{"case", func() *cobra.Command { return readingRecords(a.reportCaseCmd()) }},
		subcommand{"finance", func() *cobra.Command { return readingRecords(a.reportFinanceCmd()) }},
		subcommand{"sim", func() *cobra.Command { return readingRecords(a.reportSimCmd()) }},
		subcommand{"sweep", a.reportSweepCmd})
	return c
}

// meta describes the command for a report or a workbook's about sheet.
func (a *App) meta(cmd *cobra.Command, args []string, lang i18n.Lang, provenance string) publish.Meta {
	return publish.Meta{Lang: lang, Version: buildVersion(), Command: commandLine(cmd, args), Provenance: provenance}
}

// commandLine rebuilds the command as typed: path, arguments and the flags
// that were set, in name order.
func commandLine(cmd *cobra.Command, args []string) string {
	parts := append([]string{cmd.CommandPath()}, args...)
	var flags []string
	cmd.Flags().Visit(func(f *pflag.Flag) {
		if f.Value.Type() == "bool" {
			flags = append(flags, "--"+f.Name)
			return
		}
		flags = append(flags, "--"+f.Name+" "+f.Value.String())
	})
	sort.Strings(flags)
	return strings.Join(append(parts, flags...), " ")
}

// writeReport writes the document's HTML to -o (or stdout) and, with
// --pdf, prints it.
func (a *App) writeReport(cmd *cobra.Command, rf reportFlags, d *report.Document) error {
	var buf bytes.Buffer
	if err := d.WriteHTML(&buf); err != nil {
		return err
	}
	if a.OutputPath != "" {
		if err := os.WriteFile(a.OutputPath, buf.Bytes(), 0o644); err != nil {
			return err
		}
	} else if rf.pdf == "" {
		if _, err := a.Out.Write(buf.Bytes()); err != nil {
			return err
		}
	}
	if rf.pdf != "" {
		return report.PrintPDF(cmd.Context(), buf.Bytes(), rf.pdf)
	}
	return nil
}

func parseLang(s string) (i18n.Lang, error) {
	l, err := i18n.ParseLang(s)
	if err != nil {
		return "", usageError{err}
	}
	return l, nil
}

func (a *App) reportBriefCmd() *cobra.Command {
	var rf reportFlags
	c := &cobra.Command{
		Use:     "brief [-o FILE.html] [--lang en|zh] [--pdf FILE.pdf]",
		Short:   "The seed paper's whole picture with charts: orders, sectors, China and Japan, loans, contests, cooperation",
		Example: "  infragame report brief --lang zh -o brief-zh.html --pdf brief-zh.pdf",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			l, err := parseLang(rf.lang)
			if err != nil {
				return err
			}
			set, err := a.records(cmd.Context())
			if err != nil {
				return err
			}
			files, err := cases.All()
			if err != nil {
				return err
			}
			m := a.meta(cmd, args, l, publish.Provenance(l, set))
			d, err := publish.Brief(publish.BriefInput{Set: set, Cases: files}, m)
			if err != nil {
				return err
			}
			return a.writeReport(cmd, rf, d)
		},
	}
	rf.register(c)
	return c
}

func (a *App) reportCaseCmd() *cobra.Command {
	var rf reportFlags
	var pct float64
	var breakevens int
	c := &cobra.Command{
		Use:   "case FILE.yaml|case:ID [-o FILE.html] [--lang en|zh] [--pdf FILE.pdf]",
		Short: "One tender case: offers, grant elements, LCC, ranking, tornado, break-even, compete or cooperate, sources",
		Example: `  infragame report case case:jakarta-bandung-2015 -o jb.html
  infragame report case my-tender.yaml --lang zh --pdf my-tender.pdf`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			l, err := parseLang(rf.lang)
			if err != nil {
				return err
			}
			if !(pct > 0 && pct < 100) {
				return usagef("--pct must be between 0 and 100, got %g", pct)
			}
			f, err := a.loadCaseFile(args[0])
			if err != nil {
				return err
			}
			prov := "case file " + args[0]
			if id, ok := strings.CutPrefix(args[0], "case:"); ok {
				prov = "case library (embedded): " + id
			}
			set, err := a.records(cmd.Context())
			if err != nil {
				return err
			}
			m := a.meta(cmd, args, l, prov)
			d, err := publish.Case(f, publish.CaseOptions{TornadoFrac: pct / 100, BreakEvens: breakevens, Set: set}, m)
			if err != nil {
				return fmt.Errorf("%s: %w", args[0], err)
			}
			return a.writeReport(cmd, rf, d)
		},
	}
	rf.register(c)
	c.Flags().Float64Var(&pct, "pct", 20, "tornado: change of each input, percent")
	c.Flags().IntVar(&breakevens, "breakevens", 3, "search break-evens for this many of the most influential inputs")
	return c
}

func (a *App) reportFinanceCmd() *cobra.Command {
	var rf reportFlags
	var fxFile string
	c := &cobra.Command{
		Use:     "finance FILE.yaml [-o FILE.html] [--lang en|zh] [--pdf FILE.pdf]",
		Short:   "A financing comparison (the input of 'finance compare'): cost to the host, grant elements, break-evens",
		Example: "  infragame report finance examples/finance/jakarta-bandung.yaml -o jb-finance.html",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			l, err := parseLang(rf.lang)
			if err != nil {
				return err
			}
			res, err := a.compareFile(args[0], fxFile, financedoc.CompareOverrides{})
			if err != nil {
				return err
			}
			m := a.meta(cmd, args, l, "offer file "+args[0]+"; exchange rates: dataset, file, --fx")
			return a.writeReport(cmd, rf, publish.FinanceReport(res, m))
		},
	}
	rf.register(c)
	c.Flags().StringVar(&fxFile, "fx", "", "exchange rates file (CSV currency,year,per_usd or YAML)")
	return c
}

// compareFile reads a comparison file and compares its offers with the
// overrides o (flags that change the file's settings) and the exchange
// rates of the dataset, the file's fx block and --fx, in that order of
// precedence; an error in the offers names the file's line.
func (a *App) compareFile(path, fxFile string, o financedoc.CompareOverrides) (*finance.Comparison, error) {
	data, err := a.readInput(path)
	if err != nil {
		return nil, err
	}
	base, err := a.datasetFX()
	if err != nil {
		return nil, err
	}
	user, err := a.userFX(fxFile)
	if err != nil {
		return nil, err
	}
	return financedoc.CompareFile(path, data, units.Options{AllowUnusual: a.AllowUnusual}, o, base, user)
}
