package flatparquet

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// The Thrift compact protocol, as far as Parquet's footer and page
// headers need it (thrift/doc/specs/thrift-compact-protocol.md): field
// headers carry the delta to the previous field id in their high nibble
// and the type in the low one; integers are zigzag varints; a struct ends
// with a 0 byte.

// Compact-protocol type codes.
const (
	tTrue   = 1
	tFalse  = 2
	tByte   = 3
	tI16    = 4
	tI32    = 5
	tI64    = 6
	tDouble = 7
	tBinary = 8
	tList   = 9
	tSet    = 10
	tMap    = 11
	tStruct = 12
)

// enc appends compact-protocol values to buf.
type enc struct {
	buf  []byte
	last []int16 // the last field id of each open struct
}

func (e *enc) uvarint(v uint64) { e.buf = binary.AppendUvarint(e.buf, v) }
func (e *enc) varint(v int64)   { e.buf = binary.AppendVarint(e.buf, v) } // zigzag

func (e *enc) field(id int16, typ byte) {
	last := &e.last[len(e.last)-1]
	if d := id - *last; d > 0 && d <= 15 {
		e.buf = append(e.buf, byte(d)<<4|typ)
	} else {
		e.buf = append(e.buf, typ)
		e.varint(int64(id))
	}
	*last = id
}

func (e *enc) begin() { e.last = append(e.last, 0) }

func (e *enc) end() {
	e.buf = append(e.buf, 0)
	e.last = e.last[:len(e.last)-1]
}

// structField opens a struct-valued field; close it with end.
func (e *enc) structField(id int16) {
	e.field(id, tStruct)
	e.begin()
}

func (e *enc) i32(id int16, v int32) {
	e.field(id, tI32)
	e.varint(int64(v))
}

func (e *enc) i64(id int16, v int64) {
	e.field(id, tI64)
	e.varint(v)
}

func (e *enc) i8(id int16, v int8) {
	e.field(id, tByte)
	e.buf = append(e.buf, byte(v))
}

func (e *enc) boolean(id int16, v bool) {
	if v {
		e.field(id, tTrue)
	} else {
		e.field(id, tFalse)
	}
}

func (e *enc) str(id int16, s string) {
	e.field(id, tBinary)
	e.uvarint(uint64(len(s)))
	e.buf = append(e.buf, s...)
}

// list opens a list field of n elements of type typ.
func (e *enc) list(id int16, typ byte, n int) {
	e.field(id, tList)
	if n < 15 {
		e.buf = append(e.buf, byte(n)<<4|typ)
	} else {
		e.buf = append(e.buf, 0xf0|typ)
		e.uvarint(uint64(n))
	}
}

// errThrift reports a malformed footer or page header.
var errThrift = errors.New("flatparquet: malformed metadata")

// dec reads compact-protocol values from b.
type dec struct {
	b   []byte
	err error
}

func (d *dec) fail() {
	if d.err == nil {
		d.err = errThrift
	}
	d.b = nil
}

func (d *dec) byte1() byte {
	if len(d.b) == 0 {
		d.fail()
		return 0
	}
	c := d.b[0]
	d.b = d.b[1:]
	return c
}

func (d *dec) uvarint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *dec) varint() int64 {
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *dec) i32() int32 {
	v := d.varint()
	if v < math.MinInt32 || v > math.MaxInt32 {
		d.fail()
	}
	return int32(v)
}

func (d *dec) bytes() []byte {
	n := d.uvarint()
	if n > uint64(len(d.b)) {
		d.fail()
		return nil
	}
	s := d.b[:n]
	d.b = d.b[n:]
	return s
}

// listHeader returns a list's element type and length.
func (d *dec) listHeader() (typ byte, n int) {
	h := d.byte1()
	typ, n = h&0x0f, int(h>>4)
	if n == 15 {
		u := d.uvarint()
		if u > uint64(len(d.b)) { // every element takes at least one byte, except booleans
			d.fail()
			return 0, 0
		}
		n = int(u)
	}
	return typ, n
}

// fields calls fn for each field of a struct with its id and type; fn
// must consume the value or call skip.
func (d *dec) fields(fn func(id int16, typ byte)) {
	var last int16
	for d.err == nil {
		h := d.byte1()
		if h == 0 {
			return
		}
		typ := h & 0x0f
		if delta := int16(h >> 4); delta != 0 {
			last += delta
		} else {
			last = int16(d.varint())
		}
		fn(last, typ)
	}
}

// skip consumes a value of type typ.
func (d *dec) skip(typ byte) { d.skipDepth(typ, 0) }

func (d *dec) skipDepth(typ byte, depth int) {
	if depth > 64 {
		d.fail()
		return
	}
	switch typ {
	case tTrue, tFalse:
	case tByte:
		d.byte1()
	case tI16, tI32, tI64:
		d.varint()
	case tDouble:
		if len(d.b) < 8 {
			d.fail()
			return
		}
		d.b = d.b[8:]
	case tBinary:
		d.bytes()
	case tList, tSet:
		et, n := d.listHeader()
		for i := 0; i < n && d.err == nil; i++ {
			if et == tTrue || et == tFalse { // booleans in lists take one byte each
				d.byte1()
			} else {
				d.skipDepth(et, depth+1)
			}
		}
	case tMap:
		n := d.uvarint()
		if n == 0 {
			return
		}
		kv := d.byte1()
		for i := uint64(0); i < n && d.err == nil; i++ {
			d.skipDepth(kv>>4, depth+1)
			d.skipDepth(kv&0x0f, depth+1)
		}
	case tStruct:
		d.fields(func(_ int16, t byte) { d.skipDepth(t, depth+1) })
	default:
		d.err = fmt.Errorf("flatparquet: malformed metadata: unknown Thrift type %d", typ)
		d.b = nil
	}
}
