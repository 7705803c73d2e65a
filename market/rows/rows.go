// Package rows writes the rows of a market simulation ([market.Row]) as
// CSV, JSON Lines or Parquet, one complete row at a time, so a file
// stopped by an interrupt holds only complete rows (for Parquet: only
// complete row groups, and a valid file once Close has run).
package rows

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/infragame/infragame/internal/flatparquet"
	"github.com/infragame/infragame/market"
)

// Formats lists the formats by name.
var Formats = []string{"csv", "jsonl", "parquet"}

// Writer writes rows; Close flushes (and for Parquet writes the footer).
type Writer interface {
	Write(rows []market.Row) error
	Close() error
}

// New returns a writer of format ("csv", "jsonl" or "parquet") on w.
func New(format string, w io.Writer) (Writer, error) {
	switch format {
	case "csv":
		bw := bufio.NewWriterSize(w, 1<<16)
		c := &csvWriter{b: bw, w: csv.NewWriter(bw)}
		return c, c.w.Write(header)
	case "jsonl":
		return &jsonlWriter{b: bufio.NewWriterSize(w, 1<<16)}, nil
	case "parquet":
		return &parquetWriter{w: flatparquet.NewWriter(w, "Row", parquetColumns, "infragame")}, nil
	}
	return nil, fmt.Errorf("rows: unknown format %q (want csv, jsonl or parquet)", format)
}

var header = []string{"scenario", "seed", "run", "year", "exporter", "region", "sector", "metric", "value"}

type csvWriter struct {
	b   *bufio.Writer
	w   *csv.Writer
	rec [9]string
}

// Write writes rows; NaN values are written as empty cells.
func (c *csvWriter) Write(rows []market.Row) error {
	for i := range rows {
		r := &rows[i]
		c.rec = [9]string{r.Scenario, strconv.FormatUint(r.Seed, 10), strconv.FormatInt(r.Run, 10),
			strconv.Itoa(int(r.Year)), r.Exporter, r.Region, r.Sector, r.Metric, num(r.Value)}
		if err := c.w.Write(c.rec[:]); err != nil {
			return err
		}
	}
	c.w.Flush()
	if err := c.w.Error(); err != nil {
		return err
	}
	return c.b.Flush()
}

func (c *csvWriter) Close() error {
	c.w.Flush()
	if err := c.w.Error(); err != nil {
		return err
	}
	return c.b.Flush()
}

func num(x float64) string {
	if math.IsNaN(x) {
		return ""
	}
	return strconv.FormatFloat(x, 'g', -1, 64)
}

type jsonlWriter struct{ b *bufio.Writer }

// jsonRow is a row with a null value for NaN.
type jsonRow struct {
	Scenario string   `json:"scenario"`
	Seed     uint64   `json:"seed"`
	Run      int64    `json:"run"`
	Year     int32    `json:"year"`
	Exporter string   `json:"exporter"`
	Region   string   `json:"region"`
	Sector   string   `json:"sector"`
	Metric   string   `json:"metric"`
	Value    *float64 `json:"value"`
}

func (j *jsonlWriter) Write(rows []market.Row) error {
	for i := range rows {
		r := &rows[i]
		jr := jsonRow{r.Scenario, r.Seed, r.Run, r.Year, r.Exporter, r.Region, r.Sector, r.Metric, nil}
		if !math.IsNaN(r.Value) {
			v := r.Value
			jr.Value = &v
		}
		b, err := json.Marshal(jr)
		if err != nil {
			return err
		}
		j.b.Write(b)
		j.b.WriteByte('\n')
	}
	return j.b.Flush()
}

func (j *jsonlWriter) Close() error { return j.b.Flush() }

// parquetColumns is the Parquet schema of [market.Row]: strings
// dictionary-encoded, uncompressed.
var parquetColumns = []flatparquet.Column{
	{Name: "scenario", Type: flatparquet.String},
	{Name: "seed", Type: flatparquet.Uint64},
	{Name: "run", Type: flatparquet.Int64},
	{Name: "year", Type: flatparquet.Int32},
	{Name: "exporter", Type: flatparquet.String},
	{Name: "region", Type: flatparquet.String},
	{Name: "sector", Type: flatparquet.String},
	{Name: "metric", Type: flatparquet.String},
	{Name: "value", Type: flatparquet.Double},
}

type parquetWriter struct {
	w *flatparquet.Writer
}

// rowGroup is the number of rows buffered before a row group is written,
// which bounds the writer's memory.
const rowGroup = 1 << 17

// Write buffers rows and writes a row group whenever rowGroup rows are
// pending.
func (p *parquetWriter) Write(rows []market.Row) error {
	w := p.w
	for i := range rows {
		r := &rows[i]
		w.String(0, r.Scenario)
		w.Uint64(1, r.Seed)
		w.Int64(2, r.Run)
		w.Int32(3, r.Year)
		w.String(4, r.Exporter)
		w.String(5, r.Region)
		w.String(6, r.Sector)
		w.String(7, r.Metric)
		w.Double(8, r.Value)
	}
	if w.Buffered() >= rowGroup {
		return w.Flush()
	}
	return nil
}

func (p *parquetWriter) Close() error { return p.w.Close() }
