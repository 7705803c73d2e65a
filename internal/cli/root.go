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

	"github.com/spf13/cobra"

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
}

// Main runs the command line and returns the process exit code:
// 0 on success, 1 on an error (printed to errOut), 2 on a usage error.
func Main(ctx context.Context, args []string, in io.Reader, out, errOut io.Writer) int {
	app := &App{In: in, Out: out, Err: errOut}
	return app.Run(ctx, args)
}

// Run executes args and returns the exit code.
func (a *App) Run(ctx context.Context, args []string) int {
	root := a.rootCmd()
	root.SetArgs(args)
	root.SetIn(a.In)
	root.SetOut(a.Out)
	root.SetErr(a.Err)
	if err := root.ExecuteContext(ctx); err != nil {
		fmt.Fprintln(a.Err, "infragame:", err)
		var ue usageError
		if errors.As(err, &ue) {
			return 2
		}
		return 1
	}
	return 0
}

func (a *App) rootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "infragame",
		Short: "Analyse the strategic game of international infrastructure export",
		Long: `infragame analyses how exporters (China, Japan and others) compete and cooperate
to build and finance infrastructure in third countries: a sourced dataset, finance
and life-cycle-cost engines, tender evaluation, game and auction solvers.

Percentages on the command line are written as finance people write them
(--rate 2 means 2 %); JSON output uses the field names documented in docs/.`,
		Version:       buildVersion(),
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error { return usageError{err} })
	pf := root.PersistentFlags()
	pf.StringVar(&a.FormatName, "format", "table", "output format: table, json or csv")
	pf.StringVar(&a.DBPath, "db", "", "SQLite database file (default: "+defaultDBHint+")")
	pf.BoolVar(&a.NoProgress, "no-progress", false, "never draw progress bars")
	// Command groups: one constructor per file in this package.
	root.AddCommand(
		a.versionCmd(),
		a.briefCmd(),
		a.dataCmd(),
		a.financeCmd(),
		a.lccCmd(),
		a.tenderCmd(),
		a.auctionCmd(),
		a.coopCmd(),
		a.contestCmd(),
		a.gameCmd(),
		a.simCmd(),
	)
	return root
}

// Format parses --format as one of table, json, csv.
func (a *App) Format() (report.Format, error) {
	f, err := report.ParseFormat(a.FormatName)
	if err != nil {
		return "", usageError{err}
	}
	return f, nil
}

// usageError marks errors in how the command was called (exit code 2).
type usageError struct{ err error }

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

func (a *App) versionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, err := fmt.Fprintln(a.Out, "infragame", buildVersion())
			return err
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
