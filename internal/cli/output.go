package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/infragame/infragame/dataset"
	"github.com/infragame/infragame/publish"
	"github.com/infragame/infragame/report"
)

// output is where -o/--output sends a command's records: a workbook that
// collects the tables (--format xlsx) or a buffer written to the file when
// the command succeeds.
type output struct {
	stdout io.Writer
	wb     *report.Workbook
	buf    *bytes.Buffer
	csv    *report.CSVSink
}

// openOutput runs when a command parses --format: with --format xlsx the
// command's tables go to a workbook (which needs -o FILE); with -o and a
// text format, to the file instead of standard output.
func (a *App) openOutput(f report.Format) error {
	if a.output != nil {
		return nil
	}
	switch {
	case f == report.FormatCSV:
		a.output = &output{stdout: a.Out, csv: &report.CSVSink{}}
		a.Out = a.output.csv
	case f == report.FormatXLSX:
		if a.OutputPath == "" {
			return usageError{report.ErrNeedsFile}
		}
		a.output = &output{stdout: a.Out, wb: &report.Workbook{Out: a.Err}}
		a.Out = a.output.wb
	case a.OutputPath != "":
		a.output = &output{stdout: a.Out, buf: &bytes.Buffer{}}
		a.Out = a.output.buf
	}
	return nil
}

// closeOutput writes the workbook or the buffered output to -o once the
// command cmd has succeeded; on an error nothing is written.
func (a *App) closeOutput(cmd *cobra.Command, runErr error) error {
	o := a.output
	if o == nil {
		return nil
	}
	a.Out, a.output = o.stdout, nil
	// A reportedError's output is the result (the problems found): it is
	// written like any other.
	var re reportedError
	if (runErr != nil && !errors.As(runErr, &re)) || cmd == nil {
		return nil
	}
	if o.csv != nil {
		return a.writeCSVOutput(cmd, o)
	}
	var data bytes.Buffer
	if o.wb != nil {
		if o.wb.Len() == 0 {
			return fmt.Errorf("%s prints no records to put in a workbook", cmd.CommandPath())
		}
		o.wb.About = report.About{Command: commandLine(cmd, cmd.Flags().Args()), Version: buildVersion(), Params: flagParams(cmd)}
		if _, err := o.wb.WriteTo(&data); err != nil {
			return err
		}
	} else {
		data = *o.buf
	}
	return writeFileAtomic(a.OutputPath, data.Bytes())
}

// workbookOutput lets a command whose own -o names a game file take
// "--format xlsx -o FILE.xlsx" as the workbook's path: it returns the game
// file still to write, "" when -o went to the workbook.
func (a *App) workbookOutput(out string) string {
	if strings.EqualFold(strings.TrimSpace(a.FormatName), string(report.FormatXLSX)) && strings.EqualFold(filepath.Ext(out), ".xlsx") {
		a.OutputPath = out
		return ""
	}
	return out
}

// flagParams lists the flags that were set, as the about sheet's parameters.
func flagParams(cmd *cobra.Command) []report.KV {
	var kv []report.KV
	cmd.Flags().Visit(func(f *pflag.Flag) {
		kv = append(kv, report.KV{Key: "--" + f.Name, Value: f.Value.String()})
	})
	return kv
}

// writeFileAtomic writes data to a temporary file beside path and renames
// it, so a failed write never leaves a truncated file.
func writeFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// recordsTable is the workbook table of records of kind k: the columns of
// the CSV export, titled with the kind's plural (publish.DatasetTables, as
// the web app's workbook download).
func recordsTable(k dataset.Kind, recs []dataset.Record) (*report.Table, error) {
	ts, err := publish.DatasetTables(&dataset.Export{Kinds: []dataset.Kind{k}, Records: map[dataset.Kind][]dataset.Record{k: recs}})
	if err != nil {
		return nil, err
	}
	return ts[0], nil
}

// writeCSVOutput holds the CSV contract: one rectangular table per stream
// or file. A command with one table writes it; with several, --table NAME
// picks one and --csv-dir DIR writes each to DIR/NAME.csv; otherwise the
// command is refused with the list of names. -o FILE receives the stream
// instead of standard output. --bom prefixes a UTF-8 byte-order mark (on by
// default for files) so spreadsheet programs read Chinese text correctly.
func (a *App) writeCSVOutput(cmd *cobra.Command, o *output) error {
	tables := o.csv.Tables()
	toFile := a.OutputPath != "" || a.CSVDir != ""
	bom := a.BOM
	if !cmd.Flags().Changed("bom") {
		bom = toFile
	}
	prefix := func(b []byte) []byte {
		if bom {
			return append([]byte("\uFEFF"), b...)
		}
		return b
	}
	emit := func(b []byte) error {
		if a.OutputPath != "" {
			return writeFileAtomic(a.OutputPath, prefix(b))
		}
		_, err := o.stdout.Write(prefix(b))
		return err
	}
	if len(tables) == 0 {
		if a.TableName != "" || a.CSVDir != "" {
			return usagef("%s writes one CSV table: --table and --csv-dir do not apply", cmd.CommandPath())
		}
		return emit(o.csv.Raw())
	}
	names := report.UniqueNames(tables)
	render := func(t *report.Table) ([]byte, error) {
		var b bytes.Buffer
		err := report.WriteCSV(&b, t)
		return b.Bytes(), err
	}
	if a.CSVDir != "" {
		if a.TableName != "" {
			return usagef("give --table NAME or --csv-dir DIR, not both")
		}
		if err := os.MkdirAll(a.CSVDir, 0o755); err != nil {
			return err
		}
		for i, t := range tables {
			b, err := render(t)
			if err != nil {
				return err
			}
			p := filepath.Join(a.CSVDir, names[i]+".csv")
			if err := writeFileAtomic(p, prefix(b)); err != nil {
				return err
			}
			fmt.Fprintln(a.Err, "wrote", p)
		}
		return nil
	}
	if a.TableName != "" {
		for i, t := range tables {
			if names[i] == a.TableName {
				b, err := render(t)
				if err != nil {
					return err
				}
				return emit(b)
			}
		}
		return usagef("--table: %s has no table %q (tables: %s)", cmd.CommandPath(), a.TableName, strings.Join(names, ", "))
	}
	if len(tables) > 1 {
		return usagef("%s writes %d tables, and a CSV stream holds one: choose one with --table NAME (%s), or write each to a file with --csv-dir DIR",
			cmd.CommandPath(), len(tables), strings.Join(names, ", "))
	}
	b, err := render(tables[0])
	if err != nil {
		return err
	}
	return emit(b)
}
