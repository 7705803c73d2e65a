package cli

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/infragame/infragame/dataset"
	"github.com/infragame/infragame/report"
)

// output is where -o/--output sends a command's records: a workbook that
// collects the tables (--format xlsx) or a buffer written to the file when
// the command succeeds.
type output struct {
	stdout io.Writer
	wb     *report.Workbook
	buf    *bytes.Buffer
}

// openOutput runs when a command parses --format: with --format xlsx the
// command's tables go to a workbook (which needs -o FILE); with -o and a
// text format, to the file instead of standard output.
func (a *App) openOutput(f report.Format) error {
	if a.output != nil {
		return nil
	}
	switch {
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
	if runErr != nil || cmd == nil {
		return nil
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

// datasetTables turns each kind's records into a table with the CSV
// export's columns (nested fields as JSON, lists as "a|b") and every
// record's source listed for the workbook's sources sheet.
func datasetTables(set *dataset.Set, kinds []dataset.Kind) ([]*report.Table, error) {
	var out []*report.Table
	for _, k := range kinds {
		var buf bytes.Buffer
		if err := dataset.WriteCSV(&buf, k, set.Of(k)); err != nil {
			return nil, err
		}
		rows, err := csv.NewReader(&buf).ReadAll()
		if err != nil {
			return nil, err
		}
		t := &report.Table{Title: k.Plural(), Columns: rows[0], Rows: rows[1:]}
		for _, r := range set.Of(k) {
			t.Sources = append(t.Sources, r.Base().ID+": "+r.Base().Source)
		}
		out = append(out, t)
	}
	return out, nil
}
