package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/infragame/infragame/dataset"
	"github.com/infragame/infragame/internal/handoff"
	"github.com/infragame/infragame/records"
	"github.com/infragame/infragame/report"
)

// Full is what the complete program (cmd/infragame-full, package
// internal/cli/fullcmd) adds to this package's command line: the commands
// that link SQLite (package store) or the web server (package web), and
// the store behind every command that reads records. Without it (the fast
// front, cmd/infragame) those commands are handed to infragame-full
// ([App.HandOff]), and the commands that read records work on the embedded
// data while no database exists (package records).
type Full struct {
	// Commands build the top-level commands of that name ("data",
	// "serve"), replacing the front's stand-ins (see [DataHelp]).
	Commands map[string]func(*App) *cobra.Command
	// Records returns every record of the user's store at [App.DBFile]
	// (creating it on first use), the embedded data plus the imports.
	Records func(ctx context.Context, a *App) (*dataset.Set, error)
}

// CommandHelp is the name and help text of a top-level command the front
// only stands in for: the front lists it in its help exactly as the full
// program does.
type CommandHelp struct{ Use, Short, Long string }

// DataHelp and ServeHelp are the help of the data and serve commands,
// shared by the front's stand-ins and the full program's commands.
var (
	DataHelp = CommandHelp{
		Use:   "data",
		Short: "Browse, search, import and export the sourced dataset",
		Long: `The dataset holds every figure of the seed paper (with the figure as printed and
a normalised value), the named projects with their loan offers, institutions,
strategies, a dated timeline and exchange rates — each record with its source.
Your own records (YAML, CSV or an AidData GCDF 3.0 CSV) are imported into the
SQLite store beside the embedded ones.`,
	}
	ServeHelp = CommandHelp{
		Use:   "serve",
		Short: "Run the web app: every engine in the browser, in English and Chinese, with a JSON API",
		Long: `Serves the web app and its JSON API (/api/v1/, described at /api/openapi.json)
on --addr, 127.0.0.1:8080 by default: only this machine can connect unless --addr
says otherwise (e.g. 0.0.0.0:8080). Pages: overview (the seed's picture), dataset
explorer, tenders, compete-or-cooperate, games, auctions, cooperative games,
finance and the market simulation; ?lang=zh or the toggle switches to Chinese.
The server is read-only unless --allow-writes: then POST /api/v1/imports imports a
file into the store (as 'infragame data import'), with the bearer token printed at
start or taken from INFRAGAME_TOKEN. Ctrl-C stops it.`,
	}
)

// fullOnly are the top-level commands only the full program runs.
var fullOnly = map[string]CommandHelp{"data": DataHelp, "serve": ServeHelp}

// fullOnlyGroup returns the constructor of the top-level command name: the full
// program's when it has one, else the front's stand-in, which hands the
// command line to infragame-full.
func (a *App) fullOnlyGroup(name string) func() *cobra.Command {
	return func() *cobra.Command {
		if a.Full != nil && a.Full.Commands[name] != nil {
			return a.Full.Commands[name](a)
		}
		h := fullOnly[name]
		return &cobra.Command{
			Use: h.Use, Short: h.Short, Long: h.Long,
			DisableFlagParsing: true,
			RunE:               func(*cobra.Command, []string) error { return a.handOff(name) },
		}
	}
}

// readsRecords marks a command that reads dataset records: when a
// database exists, the front hands it to infragame-full before it runs.
const readsRecords = "infragame/reads-records"

// readingRecords annotates c as a command that reads records.
func readingRecords(c *cobra.Command) *cobra.Command {
	if c.Annotations == nil {
		c.Annotations = map[string]string{}
	}
	c.Annotations[readsRecords] = "yes"
	return c
}

// ReadsRecords reports whether the command c reads dataset records (and is
// handed to infragame-full by the front when a database exists). The data
// and serve commands, which only the full program runs, need no mark.
func ReadsRecords(c *cobra.Command) bool {
	if c.Annotations[readsRecords] != "" {
		return true
	}
	for ; c != nil && c.HasParent(); c = c.Parent() {
		if !c.Parent().HasParent() { // a top-level command
			_, ok := fullOnly[c.Name()]
			return ok
		}
	}
	return false
}

// fullOnlyArgs returns the full-only command that args name, or "": the
// first word when it is one, or any word when the first is not a command
// of this program ("help data", "__complete serve --a", a typo), so that
// the help, completion and errors of those commands come from the program
// that has them.
func (a *App) fullOnlyArgs(args []string) string {
	first := true
	known := false
	for i := 0; i < len(args); i++ {
		t := args[i]
		if t == "--" {
			first = false
			continue
		}
		if strings.HasPrefix(t, "-") && first {
			if valueFlags[t] {
				i++
			}
			continue
		}
		if _, ok := fullOnly[t]; ok && (first || !known) {
			return t
		}
		if first {
			known = a.groupOf([]string{t}) != ""
		}
		first = false
	}
	return ""
}

// handOff runs the command line in infragame-full (the front's
// [App.HandOff]): it returns only on failure.
func (a *App) handOff(what string) error {
	if a.HandOff == nil {
		return fmt.Errorf("%s needs infragame-full, the complete program (it links SQLite and the web server); this program cannot start it", what)
	}
	return a.HandOff(what)
}

// handOffForRecords hands a command that reads records to infragame-full
// when a database exists at the resolved path (or the path cannot be
// resolved): only the store can read it.
func (a *App) handOffForRecords(cmd *cobra.Command) error {
	if a.Full != nil || cmd.Annotations[readsRecords] == "" {
		return nil
	}
	p, err := a.DBFile()
	if err != nil || records.Exists(p) {
		herr := a.handOff(fmt.Sprintf("%q with the database %s", cmd.CommandPath(), p))
		// The default database, with no infragame-full to read it (the
		// front run by "go run ./cmd/infragame", say): the embedded data,
		// with a note, as when the default location cannot be created. A
		// database named by --db or INFRAGAME_DB stays an error.
		if err == nil && errors.Is(herr, handoff.ErrNotFound) && !records.Explicit(a.DBPath) {
			set, eerr := records.Embedded()
			if eerr != nil {
				return eerr
			}
			fmt.Fprintf(a.Err, "infragame: note: your database %s is not read (that needs infragame-full, not found beside this program or on PATH; 'go install ./cmd/...' installs both): using the embedded data only\n", p)
			a.embedded = set
			return nil
		}
		return herr
	}
	return nil
}

// Records returns every record: the store's (the embedded data plus the
// user's imports) in the full program; in the front, the embedded data
// while no database exists (package records), which is what a new store
// holds.
func (a *App) Records(ctx context.Context) (*dataset.Set, error) {
	if a.Full != nil {
		return a.Full.Records(ctx, a)
	}
	if a.embedded != nil {
		return a.embedded, nil
	}
	p, err := a.DBFile()
	if err != nil {
		return nil, err
	}
	set, err := records.Load(ctx, p, nil)
	if errors.Is(err, records.ErrNeedStore) {
		return nil, fmt.Errorf("reading the database %s needs infragame-full (this command should have been handed to it: a bug)", p)
	}
	a.embedded = set
	return set, err
}

// records is [App.Records].
func (a *App) records(ctx context.Context) (*dataset.Set, error) { return a.Records(ctx) }

// FormatAndRecords parses --format and loads every record, the first two
// steps of each command that prints dataset records.
func (a *App) FormatAndRecords(cmd *cobra.Command) (report.Format, *dataset.Set, error) {
	format, err := a.Format()
	if err != nil {
		return "", nil, err
	}
	set, err := a.records(cmd.Context())
	return format, set, err
}

func (a *App) formatAndRecords(cmd *cobra.Command) (report.Format, *dataset.Set, error) {
	return a.FormatAndRecords(cmd)
}

// DBFile resolves the database file: --db, $INFRAGAME_DB, or the default
// location (records.Path).
func (a *App) DBFile() (string, error) { return records.Path(a.DBPath) }

// ReadInput reads the input file path ("-" is standard input) within
// --max-input-mb.
func (a *App) ReadInput(path string) ([]byte, error) { return a.readInput(path) }

// DataSummaryCmd is "data summary", which the full program's data command
// holds.
func (a *App) DataSummaryCmd() *cobra.Command { return a.dataSummaryCmd() }

// Usagef returns a usage error (exit code 2) with a formatted message.
func Usagef(format string, args ...any) error { return usagef(format, args...) }

// UsageError marks err as a usage error (exit code 2).
func UsageError(err error) error { return usageError{err} }

// RecordsTable is the workbook table of records of kind k.
func RecordsTable(k dataset.Kind, recs []dataset.Record) (*report.Table, error) {
	return recordsTable(k, recs)
}

// BuildVersion is the program version (see [Version]).
func BuildVersion() string { return buildVersion() }

// Root returns the command tree of a, for tests and documentation tools.
func (a *App) Root() *cobra.Command { return a.rootCmd() }

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// clip shortens s for a text table; CSV and workbooks keep it whole.
func clip(s string, n int) report.Clipped { return report.Clip(s, n) }
