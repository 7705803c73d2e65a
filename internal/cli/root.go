// Package cli implements the infragame command line: one file per command
// group, each turning flags into a call of a domain package and handing the
// result to package report. It holds no analysis logic.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/infragame/infragame/dataset"
	"github.com/infragame/infragame/records"
	"github.com/infragame/infragame/report"
)

// Version is the program version, set at link time with
// -ldflags "-X github.com/infragame/infragame/internal/cli.Version=v1.2.3";
// otherwise it comes from the module build information.
var Version = ""

// App carries what every command needs: its streams and the global flags.
// Tests build one with buffers and call [App.Run].
type App struct {
	In       io.Reader
	Out, Err io.Writer
	// DBPath is the SQLite file given by --db ("" = the per-user default).
	DBPath string
	// FormatName is the raw --format value; commands call [App.Format].
	FormatName string
	// NoProgress disables progress bars even on a terminal.
	NoProgress bool
	// Debug prints the stack trace of an internal error (--debug).
	Debug bool
	// Timeout stops the command after this long (--timeout; 0 = none).
	Timeout time.Duration
	// MaxInputMiB caps the size of every input file (--max-input-mb).
	MaxInputMiB int

	maxProfiles int // --max-profiles of the game commands
	// AllowUnusual accepts rates and shares that look like they are on the
	// wrong scale (package units).
	AllowUnusual bool
	// OutputPath is -o/--output: the file that receives the output
	// (required for --format xlsx and binary outputs).
	OutputPath string
	output     *output
	// TableName (--table), CSVDir (--csv-dir) and BOM (--bom) shape CSV
	// output: one table per stream or file.
	TableName, CSVDir string
	BOM               bool

	// Full adds the commands and the store of the complete program
	// (package internal/cli/fullcmd); nil in the fast front.
	Full *Full
	// HandOff, in the front (Full nil), runs the whole command line in
	// infragame-full instead, with the same arguments, environment and
	// standard streams; what names the command that needs it, for the
	// error when infragame-full cannot be found. It returns only on such
	// an error. The front calls it before it writes anything or reads its
	// input.
	HandOff func(what string) error
	// embedded caches the front's records (package records).
	embedded *dataset.Set
	// onlySub is the subcommand of the group being built that the command
	// line names ("" = build every subcommand; see [App.addSubcommands]).
	onlySub string
}

// Exit codes of [Main] and [App.Run].
const (
	ExitOK          = 0
	ExitError       = 1   // bad input, failed computation
	ExitUsage       = 2   // bad flags or arguments
	ExitInternal    = 3   // a bug: an internal error (panic) was caught
	ExitInterrupted = 130 // stopped by Ctrl-C or SIGTERM (128 + SIGINT)
)

// Main runs the command line and returns the process exit code:
// 0 on success, 1 on an error (printed to errOut), 2 on a usage error,
// 3 on an internal error, 130 when interrupted.
func Main(ctx context.Context, args []string, in io.Reader, out, errOut io.Writer) int {
	app := &App{In: in, Out: out, Err: errOut}
	return app.Run(ctx, args)
}

// Run executes args and returns the exit code. A panic anywhere in the
// command's goroutine becomes a one-line internal-error message and exit
// code 3; --debug adds the stack trace.
func (a *App) Run(ctx context.Context, args []string) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(a.Err, "infragame: internal error: %v\n", r)
			if a.Debug {
				a.Err.Write(debug.Stack())
			} else {
				fmt.Fprintln(a.Err, "infragame: this is a bug; please report it with the command you ran (rerun with --debug for the details)")
			}
			code = ExitInternal
		}
	}()
	if a.Full == nil {
		if name := a.fullOnlyArgs(args); name != "" {
			fmt.Fprintln(a.Err, "infragame:", a.handOff(name))
			return ExitError
		}
	}
	group, sub := a.commandOf(args)
	a.onlySub = sub
	root := a.rootCmdFor(group)
	a.onlySub = ""
	root.SetArgs(args)
	root.SetIn(a.In)
	root.SetOut(a.Out)
	root.SetErr(a.Err)
	var cancel context.CancelFunc = func() {}
	var tctx context.Context
	root.PersistentPreRunE = func(cmd *cobra.Command, args []string) error {
		if err := checkFlagRules(cmd, args); err != nil {
			return err
		}
		if err := a.handOffForRecords(cmd); err != nil {
			return err
		}
		if a.Timeout < 0 {
			return usagef("--timeout must not be negative")
		}
		if a.MaxInputMiB < 1 {
			return usagef("--max-input-mb must be at least 1")
		}
		if a.Timeout > 0 {
			tctx, cancel = context.WithTimeoutCause(cmd.Context(), a.Timeout, errTimeout{a.Timeout})
			cmd.SetContext(tctx)
		}
		return nil
	}
	cmd, err := root.ExecuteContextC(ctx)
	defer cancel()
	if cerr := a.closeOutput(cmd, err); err == nil {
		err = cerr
	}
	if err != nil {
		var te errTimeout
		switch {
		case ctx.Err() != nil:
			fmt.Fprintln(a.Err, "infragame: interrupted; nothing more was written")
			return ExitInterrupted
		case tctx != nil && errors.As(context.Cause(tctx), &te):
			fmt.Fprintf(a.Err, "infragame: stopped after --timeout %v (%v); raise --timeout or choose a faster method\n", a.Timeout, err)
			return ExitError
		}
		var re reportedError
		if errors.As(err, &re) {
			return ExitError
		}
		// A message that already starts with the command's path
		// ("infragame data show: accepts 1 arg(s) …") is not prefixed
		// a second time.
		if msg := err.Error(); strings.HasPrefix(msg, "infragame ") {
			fmt.Fprintln(a.Err, msg)
		} else {
			fmt.Fprintln(a.Err, "infragame:", msg)
		}
		var ue usageError
		if errors.As(err, &ue) {
			return ExitUsage
		}
		return ExitError
	}
	return ExitOK
}

// errTimeout is the cause of a context stopped by --timeout.
type errTimeout struct{ d time.Duration }

func (e errTimeout) Error() string { return fmt.Sprintf("--timeout %v reached", e.d) }

func (a *App) rootCmd() *cobra.Command { return a.rootCmdFor("") }

// rootCmdFor builds the command tree with only the group named only (all
// groups when only is "").
func (a *App) rootCmdFor(only string) *cobra.Command {
	root := &cobra.Command{
		Use:   "infragame",
		Short: "Analyse the strategic game of international infrastructure export",
		Long: `infragame analyses how exporters (China, Japan and others) compete and cooperate
to build and finance infrastructure in third countries: a sourced dataset, finance
and life-cycle-cost engines, tender evaluation, game, auction and cooperative-game
solvers, a market simulation, sweeps with sensitivity analysis, and reports.

Units: rates and shares are percentages, in and out (--rate 2 and --rate 2%
mean 2 %; --host-power 30 is 30 %). Input files, JSON keys and CSV columns
write them in fields whose names end in _pct (discount_rate_pct: 5,
share_financed_pct: 75); a field ending in _pct is a percentage. Probabilities
(win and choice probabilities, mixed strategies) are the one exception: they
stay in [0, 1], under names that say probability or p. Study, tender and case
files from before this rule, with decimal fractions (discount_rate: 0.05),
still read; "lcc migrate", "tender migrate" and "sim migrate" rewrite them.
A rate or share parameter named NAME_pct (tender breakeven --param
offers.japan.loan.rate_pct, sim scenario params such as jp.guarantee_share_pct,
sweep specs) is in percent; named without the suffix it is a decimal fraction.
A value almost certainly on the wrong scale (in a flag, a file or a sweep's
range) is refused with the value you probably meant; --allow-unusual keeps it.
JSON output uses the field names documented in docs/.`,
		Version:       buildVersion(),
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error { return usageError{err} })
	// cobra adds its "completion" command (four subcommands with their
	// flags) on every run: about 1.5 % of the CPU of "infragame version".
	// A run that names another group cannot reach it.
	root.CompletionOptions.DisableDefaultCmd = only != ""
	pf := root.PersistentFlags()
	pf.StringVar(&a.FormatName, "format", "table", "output format: table, json, csv or xlsx (with -o FILE.xlsx)")
	pf.StringVar(&a.DBPath, "db", "", "SQLite database file (default: "+records.DefaultHint+")")
	pf.BoolVar(&a.NoProgress, "no-progress", false, "never draw progress bars")
	pf.BoolVar(&a.Debug, "debug", false, "print the stack trace of an internal error")
	pf.DurationVar(&a.Timeout, "timeout", 0, "stop the command after this long, e.g. 30s or 10m (0: no limit)")
	pf.IntVar(&a.MaxInputMiB, "max-input-mb", DefaultMaxInputMiB, "largest input file accepted, in MiB")
	pf.StringVar(&a.TableName, "table", "", "with --format csv: the one table to write, for commands that produce several (the error lists their names)")
	pf.StringVar(&a.CSVDir, "csv-dir", "", "with --format csv: write each table to DIR/NAME.csv")
	pf.BoolVar(&a.BOM, "bom", false, "with --format csv: start with a UTF-8 byte-order mark so Excel reads Chinese text (default: on for files, off for standard output)")
	pf.BoolVar(&a.AllowUnusual, "allow-unusual", false, "accept rates and shares that look like they are on the wrong scale (a 0.02 % loan, a 500 % discount rate)")
	pf.StringVarP(&a.OutputPath, "output", "o", "", "write the output to this file (required with --format xlsx)")
	for _, g := range a.groups() {
		if only == "" || g.name == only {
			root.AddCommand(g.build())
		}
	}
	checkUsage(root)
	return root
}

// commandGroup is one top-level command and the constructor of its subtree.
type commandGroup struct {
	name  string
	build func() *cobra.Command
}

// groups lists the top-level commands: one constructor per file in this
// package. The names must equal each command's Use (a test checks).
func (a *App) groups() []commandGroup {
	return []commandGroup{
		{"version", a.versionCmd},
		{"brief", a.briefCmd},
		{"data", a.fullOnlyGroup("data")},
		{"finance", a.financeCmd},
		{"lcc", a.lccCmd},
		{"tender", a.tenderCmd},
		{"auction", a.auctionCmd},
		{"coop", a.coopCmd},
		{"contest", a.contestCmd},
		{"game", a.gameCmd},
		{"sim", a.simCmd},
		{"sweep", a.sweepCmd},
		{"report", a.reportCmd},
		{"serve", a.fullOnlyGroup("serve")},
	}
}

// valueFlags are the root's persistent flags that take a value as the next
// argument (unless written --flag=value).
var valueFlags = map[string]bool{"--format": true, "--db": true, "--timeout": true, "--max-input-mb": true,
	"--table": true, "--csv-dir": true, "--output": true, "-o": true}

// groupOf returns the top-level command that args run, or "" when they do
// not name one (root help, cobra's help and completion commands, a typo):
// then the whole tree is built. Building only the named group's subtree
// saves start-up work (each group defines dozens of flags) for every
// command; help, suggestions and flag errors inside a group are unchanged.
func (a *App) groupOf(args []string) string {
	g, _ := a.commandOf(args)
	return g
}

// commandOf returns the top-level command that args run, as [App.groupOf]
// does, and the word right after it when that is not a flag: the
// subcommand the run names, if it is one ("" when the group is followed by
// a flag or nothing). Only that subcommand is then built
// ([App.addSubcommands]); a word that names none builds them all, so that
// help, suggestions and errors are unchanged.
func (a *App) commandOf(args []string) (group, sub string) {
	for i := 0; i < len(args); i++ {
		t := args[i]
		if t == "--" {
			return "", ""
		}
		if strings.HasPrefix(t, "-") {
			if valueFlags[t] {
				i++
			}
			continue
		}
		for _, g := range a.groups() {
			if g.name == t {
				if i+1 < len(args) && !strings.HasPrefix(args[i+1], "-") {
					sub = args[i+1]
				}
				return t, sub
			}
		}
		return "", ""
	}
	return "", ""
}

// subcommand is one subcommand of a group: its name (the first word of its
// Use) and its constructor.
type subcommand struct {
	name  string
	build func() *cobra.Command
}

// addSubcommands adds the subcommands subs to the group c: when the run
// names one of them ([App.Run] sets onlySub), that one alone, else every
// one (help, completion, a misspelt subcommand, the documentation tools).
// Each subcommand defines its flags, so building one instead of all is
// less start-up work: a 6×6 "game solve" took 0.94× the wall time and
// 0.95× the CPU of building the whole group (pairbench -N, 300 pairs).
// TestSubcommandsMatchTree checks the names.
func (a *App) addSubcommands(c *cobra.Command, subs ...subcommand) {
	for _, s := range subs {
		if s.name == a.onlySub {
			c.AddCommand(s.build())
			return
		}
	}
	for _, s := range subs {
		c.AddCommand(s.build())
	}
}

// Format parses --format as one of table, json, csv, xlsx, and sends the
// output to -o FILE when given (a workbook for xlsx).
func (a *App) Format() (report.Format, error) {
	f, err := report.ParseFormat(a.FormatName)
	if err != nil {
		return "", usagef("--format: %v", err)
	}
	if f != report.FormatCSV && (a.TableName != "" || a.CSVDir != "" || a.BOM) {
		return "", usagef("--table, --csv-dir and --bom shape CSV output: they need --format csv (the format is %s)", f)
	}
	return f, a.openOutput(f)
}

// usageError marks errors in how the command was called (exit code 2).
type usageError struct{ err error }

// reportedError is a failure the command has already written out as its
// result (sim validate --format json: the problems are the document): exit
// 1 with no further message.
type reportedError struct{ err error }

func (e reportedError) Error() string { return e.err.Error() }
func (e reportedError) Unwrap() error { return e.err }

func (u usageError) Error() string { return u.err.Error() }
func (u usageError) Unwrap() error { return u.err }

// usagef returns a usage error (exit code 2) with a formatted message.
func usagef(format string, args ...any) error { return usageError{fmt.Errorf(format, args...)} }

func buildVersion() string {
	if Version != "" {
		return Version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

// VersionInfo identifies the build a result came from, so a result can be
// cited and reproduced: the module version, the VCS commit and its time, and
// whether the working tree had uncommitted changes.
type VersionInfo struct {
	Version   string `json:"version"`
	Module    string `json:"module"`
	Commit    string `json:"commit,omitempty"`
	Time      string `json:"commit_time,omitempty"`
	Modified  bool   `json:"modified"`
	GoVersion string `json:"go_version"`
}

// buildInfo reads the version and VCS stamps written by the go command
// (runtime/debug.ReadBuildInfo; "go build" and "go install" stamp vcs.*
// settings from a git checkout).
func buildInfo() VersionInfo {
	v := VersionInfo{Version: buildVersion(), Module: "github.com/infragame/infragame"}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return v
	}
	v.GoVersion = bi.GoVersion
	if bi.Main.Path != "" {
		v.Module = bi.Main.Path
	}
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			v.Commit = s.Value
		case "vcs.time":
			v.Time = s.Value
		case "vcs.modified":
			v.Modified = s.Value == "true"
		}
	}
	return v
}

func (a *App) versionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version, the commit it was built from, and the Go version",
		Long: `Print the module version, the VCS commit and time the binary was built from
(stamped by "go build"/"go install" in a git checkout; absent under "go run"),
whether the tree had uncommitted changes, and the Go version.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			f, err := a.Format()
			if err != nil {
				return err
			}
			v := buildInfo()
			t := &report.Table{Columns: []string{"field", "value"}}
			t.AddRow("version", v.Version)
			t.AddRow("module", v.Module)
			t.AddRow("commit", v.Commit)
			t.AddRow("commit_time", v.Time)
			t.AddRow("modified", v.Modified)
			t.AddRow("go_version", v.GoVersion)
			if f == report.FormatTable {
				line := "infragame " + v.Version
				if v.Commit != "" {
					c := v.Commit
					if len(c) > 12 {
						c = c[:12]
					}
					line += " (commit " + c
					if v.Modified {
						line += ", modified"
					}
					if v.Time != "" {
						line += ", " + v.Time
					}
					line += ")"
				}
				if v.GoVersion != "" {
					line += " " + v.GoVersion
				}
				_, err := fmt.Fprintln(a.Out, line)
				return err
			}
			if f == report.FormatCSV {
				ct := &report.Table{Columns: []string{"version", "module", "commit", "commit_time", "modified", "go_version"}}
				ct.AddRow(v.Version, v.Module, v.Commit, v.Time, v.Modified, v.GoVersion)
				return report.WriteCSV(a.Out, ct)
			}
			return report.Write(a.Out, f, v, t)
		},
	}
}

// isTerminal reports whether w is a character device (a terminal).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// negativeHint explains the flag error of an argument that starts with a
// minus sign and a digit ("-1,2,1,0" read as the flags -1 …): such an
// argument must follow "--".
func negativeHint(err error) error {
	msg := err.Error()
	i := strings.LastIndex(msg, " in -")
	if !strings.HasPrefix(msg, "unknown shorthand flag") || i < 0 || len(msg) < i+6 || msg[i+5] < '0' || msg[i+5] > '9' {
		return err
	}
	return fmt.Errorf("%w: an argument that starts with a minus sign must come after --, e.g. -- %s", err, msg[i+4:])
}

// RootCommand returns the command tree, for tests and documentation tools
// that walk every command.
func RootCommand() *cobra.Command { return (&App{}).rootCmd() }
