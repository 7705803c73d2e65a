package flatparquet

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
)

// ColumnInfo describes a column of a file being read.
type ColumnInfo struct {
	Name string
	// Physical is Parquet's physical type: 1 INT32, 2 INT64, 5 DOUBLE,
	// 6 BYTE_ARRAY (others are refused when read).
	Physical int32
}

type chunkInfo struct {
	codec            int32
	values           int64
	dataOff, dictOff int64 // dictOff < 0: none
	end              int64
}

// File is an open Parquet file of a flat schema: REQUIRED columns of
// INT32, INT64, DOUBLE or BYTE_ARRAY, uncompressed, PLAIN or
// dictionary-encoded, in data pages of version 1 or 2. That is what
// [Writer] writes, and what the common writers write for such a schema
// when asked for no compression.
type File struct {
	r      io.ReaderAt
	cols   []ColumnInfo
	rows   int64
	groups [][]chunkInfo
	grows  []int64
}

// ErrUnsupported is returned for files outside what this package reads.
var ErrUnsupported = errors.New("flatparquet: unsupported Parquet feature")

// Open reads the footer of the Parquet file r of size bytes.
func Open(r io.ReaderAt, size int64) (*File, error) {
	if size < 12 {
		return nil, errors.New("flatparquet: not a Parquet file (too short)")
	}
	var tail [8]byte
	if _, err := r.ReadAt(tail[:], size-8); err != nil {
		return nil, err
	}
	if string(tail[4:]) != "PAR1" {
		return nil, errors.New("flatparquet: not a Parquet file (no PAR1 at the end)")
	}
	n := int64(binary.LittleEndian.Uint32(tail[:4]))
	if n > size-12 {
		return nil, errThrift
	}
	meta := make([]byte, n)
	if _, err := r.ReadAt(meta, size-8-n); err != nil {
		return nil, err
	}
	f := &File{r: r}
	if err := f.parseFooter(meta, size-8-n); err != nil {
		return nil, err
	}
	return f, nil
}

// Columns returns the file's columns in order.
func (f *File) Columns() []ColumnInfo { return f.cols }

// NumRows returns the number of rows in the file.
func (f *File) NumRows() int64 { return f.rows }

func (f *File) parseFooter(meta []byte, footerStart int64) error {
	d := &dec{b: meta}
	type elem struct {
		name     string
		typ      int32
		rep      int32
		children int32
	}
	var schema []elem
	d.fields(func(id int16, typ byte) {
		switch {
		case id == 2 && typ == tList:
			_, n := d.listHeader()
			for i := 0; i < n && d.err == nil; i++ {
				e := elem{typ: -1, rep: -1}
				d.fields(func(id int16, typ byte) {
					switch {
					case id == 1 && typ == tI32:
						e.typ = d.i32()
					case id == 3 && typ == tI32:
						e.rep = d.i32()
					case id == 4 && typ == tBinary:
						e.name = string(d.bytes())
					case id == 5 && typ == tI32:
						e.children = d.i32()
					default:
						d.skip(typ)
					}
				})
				schema = append(schema, e)
			}
		case id == 3 && typ == tI64:
			f.rows = d.varint()
		case id == 4 && typ == tList:
			_, n := d.listHeader()
			for i := 0; i < n && d.err == nil; i++ {
				f.parseRowGroup(d)
			}
		default:
			d.skip(typ)
		}
	})
	if d.err != nil {
		return d.err
	}
	if len(schema) == 0 || int(schema[0].children) != len(schema)-1 {
		return fmt.Errorf("%w: a nested schema", ErrUnsupported)
	}
	for _, e := range schema[1:] {
		if e.children != 0 || e.rep != repRequired {
			return fmt.Errorf("%w: column %q is not a required leaf", ErrUnsupported, e.name)
		}
		switch e.typ {
		case physInt32, physInt64, physDouble, physByteArray:
		default:
			return fmt.Errorf("%w: column %q has physical type %d", ErrUnsupported, e.name, e.typ)
		}
		f.cols = append(f.cols, ColumnInfo{Name: e.name, Physical: e.typ})
	}
	var sum int64
	for gi, g := range f.groups {
		if len(g) != len(f.cols) {
			return fmt.Errorf("flatparquet: row group %d has %d columns, the schema %d", gi, len(g), len(f.cols))
		}
		for ci, c := range g {
			if c.codec != codecUncompressed {
				return fmt.Errorf("%w: column %q is compressed (codec %d)", ErrUnsupported, f.cols[ci].Name, c.codec)
			}
			if c.values != f.grows[gi] {
				return fmt.Errorf("flatparquet: row group %d: column %q has %d values for %d rows", gi, f.cols[ci].Name, c.values, f.grows[gi])
			}
			if c.dataOff < 4 || c.end > footerStart {
				return errThrift
			}
		}
		sum += f.grows[gi]
	}
	if sum != f.rows {
		return fmt.Errorf("flatparquet: row groups hold %d rows, the footer says %d", sum, f.rows)
	}
	return nil
}

func (f *File) parseRowGroup(d *dec) {
	var chunks []chunkInfo
	var rows int64
	d.fields(func(id int16, typ byte) {
		switch {
		case id == 1 && typ == tList:
			_, n := d.listHeader()
			for i := 0; i < n && d.err == nil; i++ {
				c := chunkInfo{dictOff: -1}
				var size int64
				d.fields(func(id int16, typ byte) {
					if id != 3 || typ != tStruct {
						d.skip(typ)
						return
					}
					d.fields(func(id int16, typ byte) {
						switch {
						case id == 4 && typ == tI32:
							c.codec = d.i32()
						case id == 5 && typ == tI64:
							c.values = d.varint()
						case id == 7 && typ == tI64:
							size = d.varint()
						case id == 9 && typ == tI64:
							c.dataOff = d.varint()
						case id == 11 && typ == tI64:
							c.dictOff = d.varint()
						default:
							d.skip(typ)
						}
					})
				})
				start := c.dataOff
				if c.dictOff >= 0 && c.dictOff < start {
					start = c.dictOff
				}
				c.end = start + size
				chunks = append(chunks, c)
			}
		case id == 3 && typ == tI64:
			rows = d.varint()
		default:
			d.skip(typ)
		}
	})
	f.groups = append(f.groups, chunks)
	f.grows = append(f.grows, rows)
}

// Rows reads the file's rows in order. For each row, fn receives the
// row's values in v: v[c] for column c, valid until fn returns.
// Integers of INT32 and INT64 columns are in Int (an unsigned column's
// bits as they are: convert with uint64), doubles in Float, strings in
// Str. A non-nil error from fn stops the reading and is returned.
func (f *File) Rows(fn func(v []Value) error) error {
	v := make([]Value, len(f.cols))
	cur := make([]cursor, len(f.cols))
	for gi, g := range f.groups {
		for ci := range cur {
			cur[ci] = cursor{f: f, col: ci, c: g[ci], next: g[ci].dataOff}
			if g[ci].dictOff >= 0 {
				cur[ci].next = g[ci].dictOff
			}
		}
		for range f.grows[gi] {
			for ci := range cur {
				if err := cur[ci].value(&v[ci]); err != nil {
					return fmt.Errorf("column %q: %w", f.cols[ci].Name, err)
				}
			}
			if err := fn(v); err != nil {
				return err
			}
		}
	}
	return nil
}

// Value is one cell of a row read by [File.Rows].
type Value struct {
	Int   int64
	Float float64
	Str   []byte
}

// cursor reads one column chunk page by page.
type cursor struct {
	f    *File
	col  int
	c    chunkInfo
	next int64 // offset of the next page header
	page []byte
	left int // values left in the current page
	// dictionary state
	dict    [][]byte
	dictEnc bool
	width   int
	run     int  // values left in the current run of indices
	packed  bool // the current run is bit-packed
	runVal  int
	bitPos  uint
	hdrBuf  []byte
	pageBuf []byte
}

func (c *cursor) value(v *Value) error {
	for c.left == 0 {
		if err := c.nextPage(); err != nil {
			return err
		}
	}
	c.left--
	if c.dictEnc {
		i, err := c.index()
		if err != nil {
			return err
		}
		if i < 0 || i >= len(c.dict) {
			return fmt.Errorf("flatparquet: dictionary index %d of %d", i, len(c.dict))
		}
		v.Str = c.dict[i]
		return nil
	}
	switch c.f.cols[c.col].Physical {
	case physInt32:
		if len(c.page) < 4 {
			return io.ErrUnexpectedEOF
		}
		v.Int = int64(int32(binary.LittleEndian.Uint32(c.page)))
		c.page = c.page[4:]
	case physInt64:
		if len(c.page) < 8 {
			return io.ErrUnexpectedEOF
		}
		v.Int = int64(binary.LittleEndian.Uint64(c.page))
		c.page = c.page[8:]
	case physDouble:
		if len(c.page) < 8 {
			return io.ErrUnexpectedEOF
		}
		v.Float = math.Float64frombits(binary.LittleEndian.Uint64(c.page))
		c.page = c.page[8:]
	case physByteArray:
		s, rest, err := plainBytes(c.page)
		if err != nil {
			return err
		}
		v.Str, c.page = s, rest
	}
	return nil
}

func plainBytes(b []byte) (s, rest []byte, err error) {
	if len(b) < 4 {
		return nil, nil, io.ErrUnexpectedEOF
	}
	n := binary.LittleEndian.Uint32(b)
	if uint64(n) > uint64(len(b)-4) {
		return nil, nil, io.ErrUnexpectedEOF
	}
	return b[4 : 4+n], b[4+n:], nil
}

// index returns the next dictionary index of the RLE/bit-packing hybrid.
func (c *cursor) index() (int, error) {
	for c.run == 0 {
		h, n := binary.Uvarint(c.page)
		if n <= 0 {
			return 0, io.ErrUnexpectedEOF
		}
		c.page = c.page[n:]
		if h&1 == 0 {
			c.run, c.packed = int(h>>1), false
			w := (c.width + 7) / 8
			if len(c.page) < w {
				return 0, io.ErrUnexpectedEOF
			}
			c.runVal = 0
			for k := range w {
				c.runVal |= int(c.page[k]) << (8 * k)
			}
			c.page = c.page[w:]
		} else {
			groups := int(h >> 1)
			c.run, c.packed, c.bitPos = groups*8, true, 0
			if len(c.page) < groups*c.width {
				return 0, io.ErrUnexpectedEOF
			}
		}
	}
	c.run--
	if !c.packed {
		return c.runVal, nil
	}
	var x int
	for k := 0; k < c.width; k++ {
		p := c.bitPos + uint(k)
		x |= int(c.page[p/8]>>(p%8)&1) << k
	}
	c.bitPos += uint(c.width)
	if c.run == 0 { // the packed run ends on a byte boundary (8 values)
		c.page = c.page[c.bitPos/8:]
	}
	return x, nil
}

func (c *cursor) readAt(n int64, off int64, buf *[]byte) ([]byte, error) {
	if n < 0 || off < 0 || off+n > c.c.end {
		return nil, errThrift
	}
	if int64(cap(*buf)) < n {
		*buf = make([]byte, n)
	}
	b := (*buf)[:n]
	if _, err := c.f.r.ReadAt(b, off); err != nil {
		return nil, err
	}
	return b, nil
}

// nextPage reads the next page header and body.
func (c *cursor) nextPage() error {
	if c.next >= c.c.end {
		return io.ErrUnexpectedEOF
	}
	// A page header is short unless it carries long statistics: read 256
	// bytes, and more if they do not hold it.
	for hn := int64(256); ; hn *= 16 {
		done, err := c.tryPage(min(c.c.end-c.next, hn))
		if done || hn >= c.c.end-c.next || hn > 1<<20 {
			return err
		}
	}
}

// tryPage parses the page at c.next with a header of at most hn bytes;
// done is false when the header is longer.
func (c *cursor) tryPage(hn int64) (done bool, err error) {
	hb, err := c.readAt(hn, c.next, &c.hdrBuf)
	if err != nil {
		return true, err
	}
	d := &dec{b: hb}
	var typ, size, num, encoding, defLen, repLen int32 = -1, -1, 0, -1, 0, 0
	header := func(id int16, t byte) {
		switch {
		case id == 1 && t == tI32:
			num = d.i32()
		case id == 2 && t == tI32 && typ == pageDictionary:
			encoding = d.i32()
		case (id == 4 && typ == pageDataV2 || id == 2 && typ == pageData) && t == tI32:
			encoding = d.i32()
		case id == 5 && typ == pageDataV2 && t == tI32:
			defLen = d.i32()
		case id == 6 && typ == pageDataV2 && t == tI32:
			repLen = d.i32()
		case id == 7 && typ == pageDataV2 && (t == tTrue || t == tFalse):
			// is_compressed: irrelevant for the uncompressed codec
		default:
			d.skip(t)
		}
	}
	d.fields(func(id int16, t byte) {
		switch {
		case id == 1 && t == tI32:
			typ = d.i32()
		case id == 3 && t == tI32:
			size = d.i32()
		case (id == 5 || id == 7 || id == 8) && t == tStruct:
			d.fields(header)
		default:
			d.skip(t)
		}
	})
	if d.err != nil {
		return !errors.Is(d.err, errThrift), d.err
	}
	if size < 0 || num < 0 {
		return true, errThrift
	}
	bodyOff := c.next + int64(len(hb)-len(d.b))
	body, err := c.readAt(int64(size), bodyOff, &c.pageBuf)
	if err != nil {
		return true, err
	}
	c.next = bodyOff + int64(size)
	switch typ {
	case pageDictionary:
		if encoding != encPlain && encoding != encPlainDict {
			return true, fmt.Errorf("%w: dictionary encoding %d", ErrUnsupported, encoding)
		}
		if c.f.cols[c.col].Physical != physByteArray {
			return true, fmt.Errorf("%w: a dictionary for a numeric column", ErrUnsupported)
		}
		c.dict = c.dict[:0]
		b := bytes.Clone(body)
		for range num {
			s, rest, err := plainBytes(b)
			if err != nil {
				return true, err
			}
			c.dict, b = append(c.dict, s), rest
		}
		return true, nil
	case pageData, pageDataV2:
		if defLen != 0 || repLen != 0 {
			return true, fmt.Errorf("%w: levels in a data page of a required column", ErrUnsupported)
		}
		c.page, c.left, c.run = body, int(num), 0
		switch encoding {
		case encPlain:
			c.dictEnc = false
		case encPlainDict, encRLEDictionary:
			if c.dict == nil {
				return true, errors.New("flatparquet: dictionary-encoded page without a dictionary")
			}
			if len(c.page) < 1 || c.page[0] > 32 {
				return true, errThrift
			}
			c.dictEnc, c.width = true, int(c.page[0])
			c.page = c.page[1:]
		default:
			return true, fmt.Errorf("%w: encoding %d", ErrUnsupported, encoding)
		}
		return true, nil
	}
	return true, fmt.Errorf("%w: page type %d", ErrUnsupported, typ)
}
