package flatparquet

import (
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"math/bits"
)

// Parquet's enumerations (parquet-format, parquet.thrift) as far as this
// package writes or reads them.
const (
	physInt32     = 1
	physInt64     = 2
	physDouble    = 5
	physByteArray = 6

	encPlain          = 0
	encPlainDict      = 2
	encRLE            = 3
	encRLEDictionary  = 8
	codecUncompressed = 0

	pageData       = 0
	pageDictionary = 2
	pageDataV2     = 3

	repRequired = 0

	convertedUTF8   = 0
	convertedUint64 = 14
	convertedInt32  = 17
	convertedInt64  = 18
)

// Type is a column's type.
type Type int

const (
	// Int32 is a signed 32-bit integer: physical INT32, logical
	// INTEGER(32, signed).
	Int32 Type = iota
	// Int64 is a signed 64-bit integer: physical INT64, logical
	// INTEGER(64, signed).
	Int64
	// Uint64 is an unsigned 64-bit integer: physical INT64 holding the
	// same bits, logical INTEGER(64, unsigned).
	Uint64
	// Double is an IEEE 754 binary64 (physical DOUBLE); NaN is a value,
	// not a null.
	Double
	// String is UTF-8 text: physical BYTE_ARRAY, logical STRING,
	// dictionary-encoded within each row group.
	String
)

// Column names a column and gives its type. Every column is REQUIRED.
type Column struct {
	Name string
	Type Type
}

func (t Type) physical() int32 {
	switch t {
	case Int32:
		return physInt32
	case Int64, Uint64:
		return physInt64
	case Double:
		return physDouble
	case String:
		return physByteArray
	}
	panic(fmt.Sprintf("flatparquet: unknown type %d", t))
}

// column holds one column's values of the row group being built.
type column struct {
	// plain holds the values of a fixed-width column (Int32, Int64,
	// Uint64, Double) already PLAIN-encoded (little-endian, width bytes
	// each), so a page's body is a slice of it.
	plain []byte
	width int
	// String: the row group's dictionary and each row's index in it.
	dict  map[string]int32
	words []string
	idx   []int32
}

func (c *column) len() int {
	if c.width > 0 {
		return len(c.plain) / c.width
	}
	return len(c.idx)
}

// width is the size in bytes of a PLAIN-encoded value of a fixed-width
// type, 0 for String.
func (t Type) width() int {
	switch t {
	case Int32:
		return 4
	case Int64, Uint64, Double:
		return 8
	}
	return 0
}

// chunkMeta describes a written column chunk for the footer.
type chunkMeta struct {
	start, dictOffset, dataOffset, size int64
	values                              int64
}

type groupMeta struct {
	chunks []chunkMeta
	rows   int64
}

// Writer writes a Parquet file of one flat schema. Values are appended
// column by column (Int64, Double, …, each with the column's index);
// Flush writes the rows appended since the last flush as one row group,
// Close writes the footer. Pages are written uncompressed with the PLAIN
// encoding, strings with a dictionary page and RLE_DICTIONARY indices.
//
// Appending a value of the wrong type to a column, or flushing columns
// of different lengths, panics: both are programmer errors.
type Writer struct {
	w         io.Writer
	off       int64
	name      string
	cols      []Column
	data      []column
	createdBy string
	groups    []groupMeta
	buf       []byte
	err       error
}

// NewWriter returns a writer of the columns cols, in that order, on w.
// schema names the root of the schema; createdBy is written in the
// footer's created_by field.
func NewWriter(w io.Writer, schema string, cols []Column, createdBy string) *Writer {
	pw := &Writer{w: w, name: schema, cols: cols, data: make([]column, len(cols)), createdBy: createdBy}
	for i, c := range cols {
		c.Type.physical() // panics on an unknown type
		pw.data[i].width = c.Type.width()
		if c.Type == String {
			pw.data[i].dict = map[string]int32{}
		}
	}
	return pw
}

func (w *Writer) typed(col int, t ...Type) *column {
	for _, tt := range t {
		if w.cols[col].Type == tt {
			return &w.data[col]
		}
	}
	panic(fmt.Sprintf("flatparquet: column %q is not of the appended type", w.cols[col].Name))
}

// Int32 appends v to column col, of type Int32.
func (w *Writer) Int32(col int, v int32) {
	c := w.typed(col, Int32)
	c.plain = binary.LittleEndian.AppendUint32(c.plain, uint32(v))
}

// Int64 appends v to column col, of type Int64.
func (w *Writer) Int64(col int, v int64) {
	c := w.typed(col, Int64)
	c.plain = binary.LittleEndian.AppendUint64(c.plain, uint64(v))
}

// Uint64 appends v to column col, of type Uint64.
func (w *Writer) Uint64(col int, v uint64) {
	c := w.typed(col, Uint64)
	c.plain = binary.LittleEndian.AppendUint64(c.plain, v)
}

// Double appends v to column col, of type Double.
func (w *Writer) Double(col int, v float64) {
	c := w.typed(col, Double)
	c.plain = binary.LittleEndian.AppendUint64(c.plain, math.Float64bits(v))
}

// Reserve makes room for n rows in every fixed-width column, so that
// appending them does not grow (and copy) the columns step by step: a
// caller that knows the size of its row groups saves the copies and the
// memory of the outgrown buffers.
func (w *Writer) Reserve(n int) {
	for i := range w.data {
		c := &w.data[i]
		if need := (len(c.plain)/max(c.width, 1) + n) * c.width; c.width > 0 && cap(c.plain) < need {
			grown := make([]byte, len(c.plain), need)
			copy(grown, c.plain)
			c.plain = grown
		}
	}
}

// AppendPlain appends to column col, of a fixed-width type (not String),
// values already PLAIN-encoded: as [AppendPlainInt64] and [AppendPlainDouble] append them, 4
// bytes a value for Int32, 8 for the others. It lets a caller encode
// values elsewhere (in other goroutines) and only copy them here. A
// length that is not a whole number of values panics.
func (w *Writer) AppendPlain(col int, b []byte) {
	c := &w.data[col]
	if c.width == 0 || len(b)%c.width != 0 {
		panic(fmt.Sprintf("flatparquet: %d bytes are not PLAIN values of column %q", len(b), w.cols[col].Name))
	}
	if len(c.plain)+len(b) > cap(c.plain) {
		// Double: append's growth for large byte slices (about 1.25×)
		// copies a column chunk several times over as it fills.
		grown := make([]byte, len(c.plain), max(2*cap(c.plain), len(c.plain)+len(b), 4096))
		copy(grown, c.plain)
		c.plain = grown
	}
	c.plain = append(c.plain, b...)
}

// AppendPlainInt64 appends v PLAIN-encoded as a value of an Int64 or
// Uint64 column (the bits of v) to b, for [Writer.AppendPlain].
func AppendPlainInt64(b []byte, v int64) []byte {
	return binary.LittleEndian.AppendUint64(b, uint64(v))
}

// AppendPlainDouble appends v PLAIN-encoded as a value of a Double column
// to b, for [Writer.AppendPlain].
func AppendPlainDouble(b []byte, v float64) []byte {
	return binary.LittleEndian.AppendUint64(b, math.Float64bits(v))
}

// String appends v to column col, of type String.
func (w *Writer) String(col int, v string) {
	c := w.typed(col, String)
	i, ok := c.dict[v]
	if !ok {
		i = int32(len(c.words))
		c.dict[v] = i
		c.words = append(c.words, v)
	}
	c.idx = append(c.idx, i)
}

// Buffered returns the number of rows appended since the last flush (the
// length of the first column).
func (w *Writer) Buffered() int {
	if len(w.data) == 0 {
		return 0
	}
	return w.data[0].len()
}

func (w *Writer) write(b []byte) {
	if w.err != nil {
		return
	}
	if w.off == 0 {
		if _, w.err = w.w.Write([]byte("PAR1")); w.err != nil {
			return
		}
		w.off = 4
	}
	var n int
	n, w.err = w.w.Write(b)
	w.off += int64(n)
}

// Flush writes the buffered rows as one row group (nothing if there are
// none).
func (w *Writer) Flush() error {
	if w.err != nil {
		return w.err
	}
	n := w.Buffered()
	if n == 0 {
		return nil
	}
	for i := range w.data {
		if w.data[i].len() != n {
			panic(fmt.Sprintf("flatparquet: column %q has %d values, column %q %d", w.cols[i].Name, w.data[i].len(), w.cols[0].Name, n))
		}
	}
	w.write(nil) // the leading magic
	g := groupMeta{rows: int64(n), chunks: make([]chunkMeta, len(w.cols))}
	for i := range w.cols {
		g.chunks[i] = w.writeChunk(i, n)
	}
	if w.err != nil {
		return w.err
	}
	w.groups = append(w.groups, g)
	return nil
}

// pageRows is the largest number of values in a data page: readers hold
// one page of each column in memory, so pages stay small (64 KiB of
// 8-byte values) whatever the size of a row group.
const pageRows = 8192

func (w *Writer) writeChunk(i, n int) chunkMeta {
	c := &w.data[i]
	m := chunkMeta{start: w.off, values: int64(n), dictOffset: -1}
	t := w.cols[i].Type
	bw := 0
	if t == String {
		b := w.buf[:0]
		for _, s := range c.words {
			b = binary.LittleEndian.AppendUint32(b, uint32(len(s)))
			b = append(b, s...)
		}
		m.dictOffset = w.off
		w.writePage(pageDictionary, len(c.words), encPlain, b)
		w.buf = b[:0]
		bw = max(bits.Len32(uint32(len(c.words)-1)), 1)
	}
	m.dataOffset = w.off
	for lo := 0; lo < n; lo += pageRows {
		hi := min(lo+pageRows, n)
		if t != String {
			w.writePage(pageData, hi-lo, encPlain, c.plain[lo*c.width:hi*c.width])
			continue
		}
		// Indices: a bit-width byte, then the RLE/bit-packing hybrid
		// (parquet-format Encodings.md) written as RLE runs only.
		b := append(w.buf[:0], byte(bw))
		b = appendRuns(b, c.idx[lo:hi], (bw+7)/8)
		w.writePage(pageData, hi-lo, encRLEDictionary, b)
		w.buf = b[:0]
	}
	c.plain, c.idx = c.plain[:0], c.idx[:0]
	if t == String {
		clear(c.dict)
		c.words = c.words[:0]
	}
	m.size = w.off - m.start
	return m
}

// appendRuns appends idx as RLE runs: a run's header is the varint of
// its length shifted left by one, followed by the value in width bytes,
// little-endian.
func appendRuns(b []byte, idx []int32, width int) []byte {
	for i := 0; i < len(idx); {
		j := i + 1
		for j < len(idx) && idx[j] == idx[i] {
			j++
		}
		b = binary.AppendUvarint(b, uint64(j-i)<<1)
		for k := range width {
			b = append(b, byte(idx[i]>>(8*k)))
		}
		i = j
	}
	return b
}

// writePage writes a page header and its (uncompressed) body.
func (w *Writer) writePage(typ int32, n int, encoding int32, body []byte) {
	e := enc{buf: make([]byte, 0, 48)}
	e.begin()
	e.i32(1, typ)
	e.i32(2, int32(len(body)))
	e.i32(3, int32(len(body)))
	if typ == pageDictionary {
		e.structField(7)
		e.i32(1, int32(n))
		e.i32(2, encoding)
		e.end()
	} else {
		e.structField(5)
		e.i32(1, int32(n))
		e.i32(2, encoding)
		e.i32(3, encRLE) // definition levels (none: every column is required)
		e.i32(4, encRLE) // repetition levels (none)
		e.end()
	}
	e.end()
	w.write(e.buf)
	w.write(body)
}

// Close flushes the buffered rows and writes the footer. It does not
// close the underlying writer.
func (w *Writer) Close() error {
	if err := w.Flush(); err != nil {
		return err
	}
	w.write(nil)
	var rows int64
	for _, g := range w.groups {
		rows += g.rows
	}
	e := enc{}
	e.begin()
	e.i32(1, 1) // version
	e.list(2, tStruct, len(w.cols)+1)
	e.begin() // the root
	e.str(4, w.name)
	e.i32(5, int32(len(w.cols)))
	e.end()
	for _, c := range w.cols {
		e.begin()
		e.i32(1, c.Type.physical())
		e.i32(3, repRequired)
		e.str(4, c.Name)
		switch c.Type {
		case Int32, Int64, Uint64:
			conv, width, signed := int32(convertedInt64), int8(64), true
			if c.Type == Int32 {
				conv, width = convertedInt32, 32
			} else if c.Type == Uint64 {
				conv, signed = convertedUint64, false
			}
			e.i32(6, conv)
			e.structField(10) // LogicalType
			e.structField(10) // INTEGER
			e.i8(1, width)
			e.boolean(2, signed)
			e.end()
			e.end()
		case String:
			e.i32(6, convertedUTF8)
			e.structField(10) // LogicalType
			e.structField(1)  // STRING
			e.end()
			e.end()
		}
		e.end()
	}
	e.i64(3, rows)
	e.list(4, tStruct, len(w.groups))
	for gi, g := range w.groups {
		e.begin()
		e.list(1, tStruct, len(g.chunks))
		var total int64
		for ci, m := range g.chunks {
			c := w.cols[ci]
			total += m.size
			e.begin()
			e.i64(2, m.start) // file_offset
			e.structField(3)  // ColumnMetaData
			e.i32(1, c.Type.physical())
			if c.Type == String {
				e.list(2, tI32, 3)
				e.varint(encPlain)
				e.varint(encRLE)
				e.varint(encRLEDictionary)
			} else {
				e.list(2, tI32, 2)
				e.varint(encPlain)
				e.varint(encRLE)
			}
			e.list(3, tBinary, 1)
			e.uvarint(uint64(len(c.Name)))
			e.buf = append(e.buf, c.Name...)
			e.i32(4, codecUncompressed)
			e.i64(5, m.values)
			e.i64(6, m.size)
			e.i64(7, m.size)
			e.i64(9, m.dataOffset)
			if m.dictOffset >= 0 {
				e.i64(11, m.dictOffset)
			}
			e.end()
			e.end()
		}
		e.i64(2, total)
		e.i64(3, g.rows)
		e.i64(5, g.chunks[0].start)
		e.i64(6, total)
		e.field(7, tI16)
		e.varint(int64(gi))
		e.end()
	}
	e.str(6, w.createdBy)
	e.end()
	e.buf = binary.LittleEndian.AppendUint32(e.buf, uint32(len(e.buf)))
	e.buf = append(e.buf, "PAR1"...)
	w.write(e.buf)
	return w.err
}
