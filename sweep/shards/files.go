// Package shards stores sweep results on disk: one CSV and one Parquet
// file per shard with a manifest written last, the merge of the shards
// into one dataset, and the reading of a merged dataset back.
//
// A shard directory holds plan.json (the spec and the plan's fingerprint)
// and, per completed shard K of N, shard-K-of-N.csv, shard-K-of-N.parquet
// and shard-K-of-N.json (the manifest: fingerprint, point range, rows and
// the SHA-256 of both data files). Data files are written under temporary
// names and renamed when complete, and the manifest is renamed into place
// after them, so a shard is complete exactly when its manifest exists: an
// interrupted run (Ctrl-C, a pre-empted job, a node failure) leaves no
// partial shard, and a rerun redoes only the shards without a manifest.
package shards

import (
	"bufio"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strconv"

	"github.com/infragame/infragame/internal/flatparquet"
	"github.com/infragame/infragame/sweep"
)

// PlanFile is the name of the plan description in a shard directory.
const PlanFile = "plan.json"

// rowGroup is the number of rows per Parquet row group of a merged
// result: the writer holds one group in memory.
const rowGroup = 1 << 16

// shardRowGroup is the number of rows per Parquet row group of a shard's
// file: one data page a column (flatparquet writes pages of 8,192 rows).
// A shard writes each group while its points are evaluated, so only the
// last one is left to write when the last point is done (a 65,536-row
// group was written whole at the end of most shards, about 10 ms of
// serial work at 24,576 rows), and a shard process holds 1.2 MB of
// Parquet values (18 columns) instead of up to 9.4 MB, pages it would
// fault in at start.
const shardRowGroup = 1 << 13

// PlanInfo describes the plan a shard directory belongs to.
type PlanInfo struct {
	// Fingerprint is the SHA-256 of the spec (as JSON), the model file
	// and the column names: shards agree on it exactly when they are parts
	// of the same sweep.
	Fingerprint string      `json:"fingerprint"`
	Spec        *sweep.Spec `json:"spec"`
	Points      int         `json:"points"`
	Runs        int         `json:"runs"`
	Columns     []string    `json:"columns"`
	Outputs     []string    `json:"outputs"`
}

// NewPlanInfo describes plan p of model m whose file content is modelFile
// (nil for models without a file).
func NewPlanInfo(p *sweep.Plan, m sweep.Model, modelFile []byte) (*PlanInfo, error) {
	cols, _, err := sweep.Columns(p, m)
	if err != nil {
		return nil, err
	}
	spec, err := json.Marshal(p.Spec)
	if err != nil {
		return nil, err
	}
	h := sha256.New()
	for _, part := range [][]byte{spec, modelFile} {
		fmt.Fprintf(h, "%d:", len(part))
		h.Write(part)
	}
	for _, c := range cols {
		fmt.Fprintf(h, "%d:%s", len(c), c)
	}
	return &PlanInfo{Fingerprint: hex.EncodeToString(h.Sum(nil)), Spec: p.Spec, Points: p.Len(), Runs: p.Spec.Runs,
		Columns: cols, Outputs: cols[3+p.Dim():]}, nil
}

// ReadPlanInfo reads a plan description (plan.json or RESULT.plan.json).
func ReadPlanInfo(path string) (*PlanInfo, error) {
	b, err := ReadLimited(path, sweep.MaxSpecBytes*4)
	if err != nil {
		return nil, err
	}
	var pi PlanInfo
	if err := json.Unmarshal(b, &pi); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if pi.Spec == nil || pi.Fingerprint == "" || len(pi.Columns) < 4 {
		return nil, fmt.Errorf("%s: not a sweep plan description", path)
	}
	if err := pi.Spec.Validate(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &pi, nil
}

// Plan rebuilds the plan described.
func (pi *PlanInfo) Plan() (*sweep.Plan, error) { return sweep.NewPlan(pi.Spec) }

// ReadLimited reads the file at path, refusing one larger than limit bytes
// after reading at most limit+1 of them (so a device such as /dev/zero
// fails fast).
func ReadLimited(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("%s: larger than %d bytes", path, limit)
	}
	return b, nil
}

// writeJSONAtomic writes v as indented JSON to path through a temporary
// file and a rename.
func writeJSONAtomic(path string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return writeAtomic(path, func(w io.Writer) error {
		_, err := w.Write(append(b, '\n'))
		return err
	})
}

// writeAtomic creates path's content with fill in a temporary file of
// the same directory, syncs it and renames it to path.
func writeAtomic(path string, fill func(io.Writer) error) (err error) {
	f, err := createTemp(path)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	bw := bufio.NewWriterSize(f, 1<<16)
	if err = fill(bw); err != nil {
		return err
	}
	if err = bw.Flush(); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}

// createTemp creates a new temporary file beside path (".BASE.tmp-N" in
// its directory), for writing and then renaming to path. Unlike
// os.CreateTemp, which creates files 0600, it asks for mode 0666, so the
// umask gives the file the permissions any other file gets (0644 under the
// usual umask 022): shards and merged results are read by other users and
// jobs of a cluster.
func createTemp(path string) (*os.File, error) {
	dir, prefix := filepath.Dir(path), "."+filepath.Base(path)+".tmp-"
	for try := 0; ; try++ {
		name := filepath.Join(dir, prefix+strconv.FormatUint(uint64(rand.Uint32()), 10))
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o666)
		if os.IsExist(err) && try < 10000 {
			continue
		}
		return f, err
	}
}

// tableWriter writes rows as CSV and Parquet at once.
type tableWriter struct {
	csv   io.Writer
	pq    *flatparquet.Writer
	order []int // parquet column index of each of our columns
	group int   // rows per Parquet row group
	rows  int64
	// enc encodes the rows given to WriteRow into pending, written
	// every batchRows rows (and by flush).
	enc     *rowEncoder
	pending sweep.EncodedRows
}

// batchRows is the number of rows a tableWriter's WriteRow encodes before
// it writes them: a batch is copied into the CSV buffer and the Parquet
// columns in one call a part instead of one a row and a column (18 calls
// a row for a tender case), and stays in the processor's cache (about
// 14 KB of CSV text and 9 KB of Parquet values for a tender case).
const batchRows = 64

// parquetSchema has point_id and run as INT64, seed as UINT64 and every
// parameter and output as DOUBLE, the columns ordered by name (as the
// files of earlier versions, written by a library that orders a group's
// columns so); order maps our column order to the file's.
func parquetSchema(cols []string) ([]flatparquet.Column, []int) {
	byName := make([]int, len(cols))
	for i := range byName {
		byName[i] = i
	}
	sort.SliceStable(byName, func(a, b int) bool { return cols[byName[a]] < cols[byName[b]] })
	s := make([]flatparquet.Column, len(cols))
	order := make([]int, len(cols))
	for k, i := range byName {
		t := flatparquet.Double
		switch i {
		case 0, 1:
			t = flatparquet.Int64
		case 2:
			t = flatparquet.Uint64
		}
		s[k] = flatparquet.Column{Name: cols[i], Type: t}
		order[i] = k
	}
	return s, order
}

// newTableWriter writes the header of cols to csvOut and starts a Parquet
// file on pqOut (either may be nil) in row groups of group rows.
func newTableWriter(csvOut, pqOut io.Writer, cols []string, group int) (*tableWriter, error) {
	w := &tableWriter{csv: csvOut, group: group}
	if csvOut != nil {
		cw := csv.NewWriter(csvOut)
		if err := cw.Write(cols); err != nil {
			return nil, err
		}
		cw.Flush()
		if err := cw.Error(); err != nil {
			return nil, err
		}
	}
	if pqOut != nil {
		var s []flatparquet.Column
		s, w.order = parquetSchema(cols)
		w.pq = flatparquet.NewWriter(pqOut, "sweep", s, "infragame sweep")
	}
	return w, nil
}

// WriteRow implements sweep.RowWriter: it encodes r as a worker of
// sweep.Run would and writes it with the next rows, by batches of
// batchRows (see flush). It allocates nothing once the buffers are grown.
func (w *tableWriter) WriteRow(r *sweep.Row) error {
	if w.enc == nil {
		w.enc = w.NewEncoder().(*rowEncoder)
	}
	w.enc.Encode(&w.pending, r)
	if w.pending.Rows < batchRows {
		return nil
	}
	return w.flush()
}

// flush writes the rows WriteRow holds: the files and the row count are
// complete after it.
func (w *tableWriter) flush() error {
	if w.pending.Rows == 0 {
		return nil
	}
	err := w.WriteEncoded(&w.pending)
	w.pending.Rows = 0
	for i := range w.pending.Parts {
		w.pending.Parts[i] = w.pending.Parts[i][:0]
	}
	return err
}

// NewEncoder implements sweep.EncodingWriter: the encoder appends a row's
// CSV line to part 0 and the PLAIN bytes of its Parquet values to part
// 1 + the column's index in the file, exactly as WriteRow writes them.
func (w *tableWriter) NewEncoder() sweep.RowEncoder {
	return &rowEncoder{csv: w.csv != nil, order: w.order}
}

// WriteEncoded implements sweep.EncodingWriter: it copies the encoded
// rows, flushing a Parquet row group every w.group rows as WriteRow does.
func (w *tableWriter) WriteEncoded(e *sweep.EncodedRows) error {
	if e.Rows == 0 {
		return nil
	}
	if e != &w.pending {
		// Rows given to WriteRow come first.
		if err := w.flush(); err != nil {
			return err
		}
	}
	w.rows += int64(e.Rows)
	if w.csv != nil {
		if _, err := w.csv.Write(e.Parts[0]); err != nil {
			return err
		}
	}
	if w.pq == nil {
		return nil
	}
	for done := 0; done < e.Rows; {
		n := min(e.Rows-done, w.group-w.pq.Buffered())
		for c := range w.order {
			part := e.Parts[1+c]
			width := len(part) / e.Rows
			w.pq.AppendPlain(c, part[done*width:(done+n)*width])
		}
		done += n
		if w.pq.Buffered() == w.group {
			if err := w.pq.Flush(); err != nil {
				return err
			}
		}
	}
	return nil
}

// rowEncoder is a tableWriter's sweep.RowEncoder.
type rowEncoder struct {
	csv   bool
	order []int // nil: no Parquet file
	// xs holds the CSV text of the parameter values of point xsPoint:
	// the runs of a point share them.
	xs      []byte
	xsPoint int
	floats  floatCache
}

// Encode implements sweep.RowEncoder.
func (c *rowEncoder) Encode(e *sweep.EncodedRows, r *sweep.Row) {
	if len(e.Parts) == 0 {
		e.Parts = make([][]byte, 1+len(c.order))
	}
	e.Rows++
	if c.csv {
		l := e.Parts[0]
		l = strconv.AppendInt(l, int64(r.PointID), 10)
		l = append(l, ',')
		l = strconv.AppendInt(l, int64(r.Run), 10)
		l = append(l, ',')
		l = strconv.AppendUint(l, r.Seed, 10)
		if c.xs == nil || c.xsPoint != r.PointID {
			c.xs, c.xsPoint = c.floats.appendCSVFloats(c.xs[:0], r.X), r.PointID
		}
		l = append(l, c.xs...)
		l = c.floats.appendCSVFloats(l, r.Y)
		e.Parts[0] = append(l, '\n')
	}
	if c.order == nil {
		return
	}
	pq := e.Parts[1:]
	pq[c.order[0]] = flatparquet.AppendPlainInt64(pq[c.order[0]], int64(r.PointID))
	pq[c.order[1]] = flatparquet.AppendPlainInt64(pq[c.order[1]], int64(r.Run))
	pq[c.order[2]] = flatparquet.AppendPlainInt64(pq[c.order[2]], int64(r.Seed))
	k := 3
	for _, vs := range [2][]float64{r.X, r.Y} {
		for _, v := range vs {
			pq[c.order[k]] = flatparquet.AppendPlainDouble(pq[c.order[k]], v)
			k++
		}
	}
}

// appendCSVFloats appends ",v" for each v of vs, v formatted as
// strconv.FormatFloat(v, 'g', -1, 64) does, with c's shortcuts.
func (c *floatCache) appendCSVFloats(l []byte, vs []float64) []byte {
	for _, v := range vs {
		l = append(l, ',')
		l = c.appendFloat(l, v)
	}
	return l
}

// floatCache formats floats as strconv.FormatFloat(v, 'g', -1, 64) at a
// fraction of its cost on the values of a sweep's rows, where that
// formatting is most of the writer's work. Whole numbers below 10⁶ in
// magnitude (flags, counts, winners), which 'g' writes as integers, take
// the integer formatting. Other finite values are looked up by magnitude
// in a small direct-mapped cache of their text: a design repeats each
// parameter value over many rows (the Saltelli matrices share columns),
// and outputs often repeat or negate each other (a tender's score is
// minus its cost). −0, infinities and NaN (whose text does not follow the
// sign rule) go through strconv.
type floatCache struct {
	e [floatCacheSize]struct {
		bits uint64 // math.Float64bits of the magnitude; 0 (for +0) marks an empty entry
		n    uint8
		text [24]byte // the magnitude's text: at most 23 bytes ("2.2250738585072014e-308")
	}
}

const floatCacheSize = 256

func (c *floatCache) appendFloat(l []byte, v float64) []byte {
	if i := int64(v); float64(i) == v && i > -1e6 && i < 1e6 && (i != 0 || !math.Signbit(v)) {
		return strconv.AppendInt(l, i, 10)
	}
	a := math.Abs(v)
	if a == 0 || a > math.MaxFloat64 || a != a {
		return strconv.AppendFloat(l, v, 'g', -1, 64)
	}
	if v < 0 {
		l = append(l, '-')
	}
	bits := math.Float64bits(a)
	e := &c.e[(bits*0x9e3779b97f4a7c15)>>(64-8)]
	if e.bits != bits {
		e.n = uint8(len(strconv.AppendFloat(e.text[:0], a, 'g', -1, 64)))
		e.bits = bits
	}
	return append(l, e.text[:e.n]...)
}

// close writes the rows held and ends the Parquet file.
func (w *tableWriter) close() error {
	if err := w.flush(); err != nil || w.pq == nil {
		return err
	}
	return w.pq.Close()
}

// hashingWriter counts and hashes what passes through it.
type hashingWriter struct {
	w io.Writer
	h hash.Hash
	n int64
}

func newHashingWriter(w io.Writer) *hashingWriter { return &hashingWriter{w: w, h: sha256.New()} }

func (hw *hashingWriter) Write(p []byte) (int, error) {
	n, err := hw.w.Write(p)
	hw.h.Write(p[:n])
	hw.n += int64(n)
	return n, err
}

func (hw *hashingWriter) sum() string { return hex.EncodeToString(hw.h.Sum(nil)) }

// sortedKeys returns the keys of m in increasing order.
func sortedKeys[V any](m map[int]V) []int {
	ks := make([]int, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Ints(ks)
	return ks
}
