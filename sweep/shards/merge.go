package shards

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/infragame/infragame/internal/flatparquet"
	"github.com/infragame/infragame/sweep"
)

// maxLine bounds a CSV line of a result (a row of up to MaxParams
// parameters and as many outputs at 25 bytes a number).
const maxLine = 64 << 20

// Merge checks the shard directory (see [Shards]) and writes its rows, in
// shard order, to out: CSV when out ends in .csv, Parquet when it ends in
// .parquet. The content does not depend on how the plan was split: the
// CSV is byte-identical to a one-shard run's, the Parquet file is
// rewritten from the rows with fixed row groups. It verifies the SHA-256
// and the row count of every shard while streaming, writes out atomically
// and writes the plan description to out + ".plan.json". progress, if
// set, receives the rows written so far.
func Merge(ctx context.Context, dir, out string, progress func(rows int64)) (int64, error) {
	pi, mfs, err := Shards(dir)
	if err != nil {
		return 0, err
	}
	asParquet := false
	switch strings.ToLower(filepath.Ext(out)) {
	case ".csv":
	case ".parquet":
		asParquet = true
	default:
		return 0, fmt.Errorf("%s: the result must end in .csv or .parquet", out)
	}
	var rows int64
	err = writeAtomic(out, func(w io.Writer) error {
		var tw *tableWriter
		if asParquet {
			var err error
			if tw, err = newTableWriter(nil, w, pi.Columns, rowGroup); err != nil {
				return err
			}
		}
		for i, mf := range mfs {
			n, err := copyShard(ctx, filepath.Join(dir, mf.CSV.Name), mf, pi.Columns, w, tw, i == 0, func(r int64) {
				if progress != nil {
					progress(rows + r)
				}
			})
			if err != nil {
				return err
			}
			rows += n
		}
		if tw != nil {
			return tw.close()
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	if want := int64(pi.Points) * int64(pi.Runs); rows != want {
		return rows, fmt.Errorf("%s: %d rows, the plan has %d points × %d runs", dir, rows, pi.Points, pi.Runs)
	}
	return rows, writeJSONAtomic(out+".plan.json", pi)
}

// copyShard streams one shard CSV: to w as it is (the header only when
// first) or, when tw is set, parsed into tw. It checks the header, the
// row count and the SHA-256 recorded in the manifest.
func copyShard(ctx context.Context, path string, mf *Manifest, cols []string, w io.Writer, tw *tableWriter, first bool, progress func(int64)) (int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	h := sha256.New()
	br := bufio.NewReaderSize(io.TeeReader(f, h), 1<<16)
	header, err := readLine(br)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", path, err)
	}
	if got := strings.TrimSuffix(string(header), "\n"); got != csvHeader(cols) {
		return 0, fmt.Errorf("%s: header %q, want %q", path, got, csvHeader(cols))
	}
	if first && tw == nil {
		if _, err := w.Write(header); err != nil {
			return 0, err
		}
	}
	var n int64
	row := sweep.Row{X: make([]float64, 0, len(cols)-3)}
	for {
		line, err := readLine(br)
		if err == io.EOF {
			break
		}
		if err != nil {
			return n, fmt.Errorf("%s: row %d: %w", path, n+1, err)
		}
		n++
		if tw == nil {
			if _, err := w.Write(line); err != nil {
				return n, err
			}
		} else {
			if err := parseRow(line, len(cols), &row); err != nil {
				return n, fmt.Errorf("%s: row %d: %w", path, n, err)
			}
			if err := tw.WriteRow(&row); err != nil {
				return n, err
			}
		}
		if n%(1<<14) == 0 {
			if err := ctx.Err(); err != nil {
				return n, err
			}
			progress(n)
		}
	}
	progress(n)
	if n != mf.Rows {
		return n, fmt.Errorf("%s: %d rows, its manifest says %d", path, n, mf.Rows)
	}
	if sum := hex.EncodeToString(h.Sum(nil)); sum != mf.CSV.SHA256 {
		return n, fmt.Errorf("%s: SHA-256 %.12s differs from its manifest's %.12s (file changed after the run)", path, sum, mf.CSV.SHA256)
	}
	return n, nil
}

func csvHeader(cols []string) string {
	var b bytes.Buffer
	cw := csv.NewWriter(&b)
	_ = cw.Write(cols)
	cw.Flush()
	return strings.TrimSuffix(b.String(), "\n")
}

// readLine returns the next line with its newline; io.EOF at the end. A
// last line without a newline is an error (a truncated file).
func readLine(br *bufio.Reader) ([]byte, error) {
	var line []byte
	for {
		frag, err := br.ReadSlice('\n')
		line = append(line, frag...)
		if len(line) > maxLine {
			return nil, fmt.Errorf("line longer than %d bytes", maxLine)
		}
		switch {
		case err == nil:
			return line, nil
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case err == io.EOF && len(line) > 0:
			return nil, errors.New("last line has no newline (truncated file)")
		}
		return nil, err
	}
}

// parseRow reads a data line of ncol columns into r: point_id, run, seed
// and then every value into r.X (r.Y is left empty: a writer writes X then
// Y, so the values keep their columns).
func parseRow(line []byte, ncol int, r *sweep.Row) error {
	s := strings.TrimSuffix(string(line), "\n")
	fields := strings.Split(s, ",")
	if len(fields) != ncol {
		return fmt.Errorf("%d fields, want %d", len(fields), ncol)
	}
	id, err1 := strconv.Atoi(fields[0])
	run, err2 := strconv.Atoi(fields[1])
	seed, err3 := strconv.ParseUint(fields[2], 10, 64)
	if err := errors.Join(err1, err2, err3); err != nil {
		return err
	}
	r.PointID, r.Run, r.Seed = id, run, seed
	r.X = r.X[:0]
	r.Y = r.Y[:0]
	for _, f := range fields[3:] {
		v, err := strconv.ParseFloat(f, 64)
		if err != nil {
			return err
		}
		r.X = append(r.X, v)
	}
	return nil
}

// ReadResult streams the rows of a merged result (CSV or Parquet) with
// columns cols to fn; r.X holds every value after the seed (parameters
// then outputs). It stops at the first error of fn.
func ReadResult(path string, cols []string, fn func(r *sweep.Row) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	row := sweep.Row{X: make([]float64, 0, len(cols)-3)}
	if strings.EqualFold(filepath.Ext(path), ".parquet") {
		return readParquet(f, path, cols, &row, fn)
	}
	br := bufio.NewReaderSize(f, 1<<16)
	header, err := readLine(br)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if got := strings.TrimSuffix(string(header), "\n"); got != csvHeader(cols) {
		return fmt.Errorf("%s: header %q does not match the plan's columns %q", path, got, csvHeader(cols))
	}
	for n := 1; ; n++ {
		line, err := readLine(br)
		if err == io.EOF {
			return nil
		}
		if err == nil {
			err = parseRow(line, len(cols), &row)
		}
		if err == nil {
			err = fn(&row)
		}
		if err != nil {
			return fmt.Errorf("%s: line %d: %w", path, n+1, err)
		}
	}
}

func readParquet(f *os.File, path string, cols []string, row *sweep.Row, fn func(r *sweep.Row) error) error {
	st, err := f.Stat()
	if err != nil {
		return err
	}
	pf, err := flatparquet.Open(f, st.Size())
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	s, order := parquetSchema(cols)
	got := pf.Columns()
	if len(got) != len(cols) {
		return fmt.Errorf("%s: %d columns, the plan has %d", path, len(got), len(cols))
	}
	for i, c := range s {
		want := int32(5) // DOUBLE
		if c.Type != flatparquet.Double {
			want = 2 // INT64
		}
		if got[i].Name != c.Name || got[i].Physical != want {
			return fmt.Errorf("%s: column %q (physical type %d), the plan has %q (%d)", path, got[i].Name, got[i].Physical, c.Name, want)
		}
	}
	var fnErr error // fn's error, returned as it is
	err = pf.Rows(func(v []flatparquet.Value) error {
		row.PointID = int(v[order[0]].Int)
		row.Run = int(v[order[1]].Int)
		row.Seed = uint64(v[order[2]].Int)
		row.X = row.X[:0]
		for _, c := range order[3:] {
			row.X = append(row.X, v[c].Float)
		}
		fnErr = fn(row)
		return fnErr
	})
	if fnErr != nil {
		return fnErr
	}
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// Analyze reads a merged result and its plan description (result +
// ".plan.json" when planPath is empty), averages each output over the
// runs of every point and computes the sensitivity indices.
func Analyze(result, planPath string, opt sweep.AnalyzeOptions) (*sweep.Analysis, *PlanInfo, error) {
	if planPath == "" {
		planPath = result + ".plan.json"
	}
	pi, err := ReadPlanInfo(planPath)
	if err != nil {
		return nil, nil, err
	}
	p, err := pi.Plan()
	if err != nil {
		return nil, nil, err
	}
	d, no := p.Dim(), len(pi.Outputs)
	means := sweep.NewMeans(p, no)
	err = ReadResult(result, pi.Columns, func(r *sweep.Row) error {
		if r.PointID < 0 || r.PointID >= p.Len() {
			return fmt.Errorf("point_id %d outside the plan's %d points", r.PointID, p.Len())
		}
		means.Add(r.PointID, r.X[d:d+no])
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	y, id, c, ok := means.Mean()
	if !ok {
		return nil, nil, fmt.Errorf("%s: point %d has %d rows, want %d runs", result, id, c, pi.Runs)
	}
	if opt.Seed == 0 {
		opt.Seed = pi.Spec.Seed
	}
	a, err := sweep.Analyze(p, pi.Outputs, y, opt)
	return a, pi, err
}
