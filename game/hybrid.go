package game

import (
	"math"
	"math/big"
	"math/bits"
)

// hybridTableau is an exact fraction-free tableau whose entries are int64
// where they fit and *big.Int where they do not ("hybrid arithmetic", per
// entry). A pivot computes (x·p − f·y)/d with 128-bit intermediates when
// all operands are small, and with math/big otherwise; a result that fits
// in 63 bits is stored small again. Minors of small games rarely leave int64,
// so the big path is taken only for the few entries that need it.
type hybridTableau struct {
	rows, stride int
	a            []int64
	b            []*big.Int // nil: a[i] holds the entry
	d            int64
	dBig         *big.Int // nil: d holds the determinant
	nBig         int      // number of big entries
	usedBig      bool
	t1, t2, t3   big.Int
	fz           big.Int
	free         []*big.Int // big entries no longer used, for reuse
	ys           []s128     // scratch: the pivot row in the 128-bit tier
	yOK          []bool     // scratch: whether ys[j] holds the entry
}

func newHybridTableau(m [][]*big.Int, rhs []*big.Int) *hybridTableau {
	rows, vars := len(m), len(m[0])
	t := &hybridTableau{rows: rows, stride: vars + 1, a: make([]int64, rows*(vars+1)),
		b: make([]*big.Int, rows*(vars+1)), d: 1}
	for i := range rows {
		for j := range vars {
			t.set(i*t.stride+j, m[i][j])
		}
		t.set(i*t.stride+vars, rhs[i])
	}
	return t
}

func (t *hybridTableau) set(k int, v *big.Int) {
	if v.IsInt64() {
		t.setSmall(k, v.Int64())
		return
	}
	t.bigSlot(k).Set(v)
}

// setSmall stores x as entry k, releasing k's big.Int if it had one.
func (t *hybridTableau) setSmall(k int, x int64) {
	t.a[k] = x
	if t.b[k] != nil {
		t.free = append(t.free, t.b[k])
		t.b[k] = nil
		t.nBig--
	}
}

// bigSlot returns the big.Int that holds entry k, giving k one if it had
// none; the caller sets it.
func (t *hybridTableau) bigSlot(k int) *big.Int {
	if t.b[k] == nil {
		t.b[k] = t.newBig()
		t.nBig++
	}
	t.usedBig = true
	return t.b[k]
}

// entry128 returns entry k in the 128-bit tier, or false when it needs
// more than 127 bits.
func (t *hybridTableau) entry128(k int) (s128, bool) {
	if t.b[k] == nil {
		return s128of64(t.a[k]), true
	}
	return s128ofBig(t.b[k])
}

// set128 stores v as entry k: small when it fits in an int64.
func (t *hybridTableau) set128(k int, v s128) {
	if x, ok := v.int64(); ok {
		t.setSmall(k, x)
		return
	}
	v.setBig(t.bigSlot(k))
}

// get returns entry k as a big.Int (using z as storage when small).
func (t *hybridTableau) get(k int, z *big.Int) *big.Int {
	if t.b[k] != nil {
		return t.b[k]
	}
	return z.SetInt64(t.a[k])
}

func (t *hybridTableau) det(z *big.Int) *big.Int {
	if t.dBig != nil {
		return t.dBig
	}
	return z.SetInt64(t.d)
}

func (t *hybridTableau) sgn(r, c int) int {
	k := r*t.stride + c
	if t.nBig > 0 && t.b[k] != nil {
		return t.b[k].Sign()
	}
	switch v := t.a[k]; {
	case v > 0:
		return 1
	case v < 0:
		return -1
	}
	return 0
}

func (t *hybridTableau) cmpCol(r1, r2, c, col int) int {
	k1, k2, k3, k4 := r1*t.stride+col, r2*t.stride+c, r2*t.stride+col, r1*t.stride+c
	if t.nBig == 0 || t.b[k1] == nil && t.b[k2] == nil && t.b[k3] == nil && t.b[k4] == nil {
		h1, l1 := mul128(t.a[k1], t.a[k2])
		h2, l2 := mul128(t.a[k3], t.a[k4])
		return cmp128(h1, l1, h2, l2)
	}
	var z1, z2, z3, z4 big.Int
	t.t1.Mul(t.get(k1, &z1), t.get(k2, &z2))
	t.t2.Mul(t.get(k3, &z3), t.get(k4, &z4))
	return t.t1.Cmp(&t.t2)
}

func (t *hybridTableau) cmpRatio(r1, r2, c int) int { return t.cmpCol(r1, r2, c, t.stride-1) }

func (t *hybridTableau) pivot(r, c int) bool {
	if t.nBig == 0 && t.dBig == nil {
		t.pivot64(r, c)
		return true
	}
	return t.pivotCols(r, c, nil)
}

// pivotCols is pivot restricted to the given columns (all when cols is
// nil) when some entry or d is big; the caller knows the other columns' new
// values.
func (t *hybridTableau) pivotCols(r, c int, cols []int) bool {
	st := t.stride
	pk := r*st + c
	small := t.b[pk] == nil && t.dBig == nil
	p, d := t.a[pk], t.d
	var pBig, dBig big.Int
	t.get(pk, &pBig)
	if t.b[pk] != nil {
		pBig.Set(t.b[pk])
	}
	t.det(&dBig)
	if t.dBig != nil {
		dBig.Set(t.dBig)
	}
	rowSmall := true
	if t.nBig > 0 {
		for j := range st {
			if t.b[r*st+j] != nil {
				rowSmall = false
				break
			}
		}
	}
	// Exact division by d > 1 is a multiplication by the inverse of its odd
	// part modulo 2⁶⁴ after a shift (Granlund & Montgomery 1994, §9): no
	// hardware division in the inner loop. The quotient is only correct when
	// it fits in int64, which holds when −⌊d/2⌋ ≤ hi < ⌊d/2⌋ for the 128-bit
	// numerator hi:lo.
	var shift uint
	var inv uint64
	var half int64
	if small && d > 1 {
		shift, inv = oddInverse(d)
		half = d >> 1
	}
	// The 128-bit tier: used for every entry whose operands fit in 127 bits
	// while p and d do (see int128.go).
	var p128 s128
	var dv divisor128
	tier := false
	if ps, ok := s128ofBig(&pBig); ok {
		if ds, ok := s128ofBig(&dBig); ok && !ds.neg && ds.m != (u128{}) {
			p128, dv, tier = ps, newDivisor128(ds.m), true
			if cap(t.ys) < st {
				t.ys, t.yOK = make([]s128, st), make([]bool, st)
			}
			t.ys, t.yOK = t.ys[:st], t.yOK[:st]
			for j := range st {
				t.ys[j], t.yOK[j] = t.entry128(r*st + j)
			}
		}
	}
	var xz, yz big.Int
	for i := range t.rows {
		if i == r {
			continue
		}
		fk := i*st + c
		fSmall := t.b[fk] == nil
		f := t.a[fk]
		fBig := &t.fz
		if !fSmall {
			fBig.Set(t.b[fk])
		} else {
			fBig.SetInt64(f)
		}
		if fSmall && f == 0 && small && p == d {
			continue
		}
		base := i * st
		var f128 s128
		fOK := false
		if tier {
			f128, fOK = t.entry128(fk)
		}
		for jj := range st {
			j := jj
			if cols != nil {
				if jj >= len(cols) {
					break
				}
				j = cols[jj]
			}
			k := base + j
			if small && fSmall && rowSmall && t.b[k] == nil {
				x, y := t.a[k], t.a[r*st+j]
				if x == 0 && (y == 0 || f == 0) {
					continue
				}
				h1, l1 := mul128(x, p)
				h2, l2 := mul128(f, y)
				l, b := bits.Sub64(l1, l2, 0)
				h := h1 - h2 - b
				if half > 0 {
					if sh := int64(h); sh >= -half && sh < half {
						if shift > 0 {
							l = l>>shift | h<<(64-shift)
						}
						t.a[k] = int64(l * inv)
						continue
					}
				} else if h == uint64(int64(l)>>63) {
					// d = 1.
					t.a[k] = int64(l)
					continue
				}
			}
			if fOK && t.yOK[j] {
				if x128, ok := t.entry128(k); ok {
					if q, ok := pivot128(x128, p128, f128, t.ys[j], &dv); ok {
						t.set128(k, q)
						continue
					}
				}
			}
			// Big path.
			x := t.get(k, &xz)
			y := t.get(r*st+j, &yz)
			t.t1.Mul(x, &pBig)
			t.t2.Mul(fBig, y)
			t.t1.Sub(&t.t1, &t.t2)
			t.t3.Quo(&t.t1, &dBig)
			t.set(k, &t.t3)
		}
	}
	if pBig.IsInt64() {
		t.d, t.dBig = pBig.Int64(), nil
	} else {
		t.dBig = new(big.Int).Set(&pBig)
		t.usedBig = true
	}
	return true
}

func (t *hybridTableau) value(r int) *big.Rat {
	var z, w big.Int
	return new(big.Rat).SetFrac(new(big.Int).Set(t.get(r*t.stride+t.stride-1, &z)), new(big.Int).Set(t.det(&w)))
}

// copy returns a copy of t that shares no storage with it.
func (t *hybridTableau) copy() *hybridTableau {
	return t.clone().(*hybridTableau)
}

func (t *hybridTableau) clone() lhTableau {
	u := &hybridTableau{rows: t.rows, stride: t.stride, a: append([]int64(nil), t.a...),
		b: make([]*big.Int, len(t.b)), d: t.d, nBig: t.nBig, usedBig: t.usedBig}
	for i, x := range t.b {
		if x != nil {
			u.b[i] = new(big.Int).Set(x)
		}
	}
	if t.dBig != nil {
		u.dBig = new(big.Int).Set(t.dBig)
	}
	return u
}

// tabSnap is a copy of a tableau's entries, big ones included, whose
// storage is reused from one snapshot to the next.
type tabSnap struct {
	a      []int64
	keys   []int      // indices of big entries
	vals   []*big.Int // their values
	d      int64
	dBig   big.Int
	isDBig bool
}

// save copies t into s.
func (t *hybridTableau) save(s *tabSnap) {
	if cap(s.a) < len(t.a) {
		s.a = make([]int64, 0, cap(t.a)) // room for the largest size t is reset to
	}
	s.a = append(s.a[:0], t.a...)
	s.keys = s.keys[:0]
	if t.nBig > 0 {
		for k, x := range t.b {
			if x == nil {
				continue
			}
			if len(s.keys) == len(s.vals) {
				s.vals = append(s.vals, new(big.Int))
			}
			s.vals[len(s.keys)].Set(x)
			s.keys = append(s.keys, k)
		}
	}
	s.d, s.isDBig = t.d, t.dBig != nil
	if s.isDBig {
		s.dBig.Set(t.dBig)
	}
}

// load returns t to the copy s.
func (t *hybridTableau) load(s *tabSnap) {
	copy(t.a, s.a)
	if t.nBig > 0 {
		for k, x := range t.b {
			if x != nil {
				t.free = append(t.free, x)
				t.b[k] = nil
			}
		}
		t.nBig = 0
	}
	for i, k := range s.keys {
		t.b[k] = t.newBig().Set(s.vals[i])
		t.nBig++
	}
	t.d = s.d
	if s.isDBig {
		t.dBig = new(big.Int).Set(&s.dBig)
	} else {
		t.dBig = nil
	}
}

// newBig returns a big.Int from the free list or a new one.
func (t *hybridTableau) newBig() *big.Int {
	if k := len(t.free); k > 0 {
		x := t.free[k-1]
		t.free = t.free[:k-1]
		return x
	}
	return new(big.Int)
}

// negCol negates column c (a change of sign of one variable).
func (t *hybridTableau) negCol(c int) {
	for r := range t.rows {
		k := r*t.stride + c
		switch {
		case t.b[k] != nil:
			t.b[k].Neg(t.b[k])
			if t.b[k].IsInt64() {
				t.a[k] = t.b[k].Int64()
				t.b[k] = nil
				t.nBig--
			}
		case t.a[k] == math.MinInt64:
			t.set(k, new(big.Int).Neg(big.NewInt(t.a[k])))
		default:
			t.a[k] = -t.a[k]
		}
	}
}

// reset makes t an empty rows×stride tableau with d = 1, reusing storage.
func (t *hybridTableau) reset(rows, stride int) *hybridTableau {
	n := rows * stride
	t.reserve(n)
	t.a, t.b = t.a[:n], t.b[:n]
	clear(t.a)
	clear(t.b)
	t.rows, t.stride, t.d, t.dBig, t.nBig = rows, stride, 1, nil, 0
	return t
}

// reserve makes room for n entries, so that a tableau reset to different
// sizes (partner systems, faces) allocates once, at the largest.
func (t *hybridTableau) reserve(n int) {
	if cap(t.a) < n {
		t.a = make([]int64, n)
		t.b = make([]*big.Int, n)
	}
}

// setEntry sets entry k to c64[a][b] when c64 is not nil, else to v.
func (t *hybridTableau) setEntry(k int, v *big.Int, c64 [][]int64, a, b int) {
	if c64 != nil {
		t.a[k] = c64[a][b]
		return
	}
	t.set(k, v)
}

// floatValue returns rhs[r]/d rounded to float64.
func (t *hybridTableau) floatValue(r int) float64 {
	k := r*t.stride + t.stride - 1
	if t.b[k] == nil && t.dBig == nil {
		return float64(t.a[k]) / float64(t.d)
	}
	f, _ := t.value(r).Float64()
	return f
}

// negAll negates every entry and the determinant. After a pivot on a
// negative element (allowed when the pivot row's rhs is 0) the determinant
// is negative; negating the whole tableau restores d > 0 without changing
// the dictionary it represents.
func (t *hybridTableau) negAll() {
	for k := range t.a {
		switch {
		case t.b[k] != nil:
			t.b[k].Neg(t.b[k])
		case t.a[k] == math.MinInt64:
			t.set(k, new(big.Int).Neg(big.NewInt(t.a[k])))
		default:
			t.a[k] = -t.a[k]
		}
	}
	if t.dBig != nil {
		t.dBig.Neg(t.dBig)
		if t.dBig.IsInt64() {
			t.d, t.dBig = t.dBig.Int64(), nil
		}
	} else if t.d == math.MinInt64 {
		t.dBig = new(big.Int).Neg(big.NewInt(t.d))
	} else {
		t.d = -t.d
	}
}

// sub makes u a tableau of the given rows and columns of t, then t's rhs
// column, plus one zero row at the end (for an objective), with t's
// determinant, reusing u's storage; it returns u.
func (t *hybridTableau) sub(u *hybridTableau, rows, cols []int) *hybridTableau {
	stride := len(cols) + 1
	u.reset(len(rows)+1, stride)
	u.d, u.usedBig = t.d, t.usedBig
	if t.dBig != nil {
		u.dBig = new(big.Int).Set(t.dBig)
	}
	if t.nBig == 0 {
		// Every entry is small: copy them as they are.
		for i, r := range rows {
			src, dst := t.a[r*t.stride:(r+1)*t.stride], u.a[i*stride:(i+1)*stride]
			for j, c := range cols {
				dst[j] = src[c]
			}
			dst[stride-1] = src[t.stride-1]
		}
		return u
	}
	var z big.Int
	for i, r := range rows {
		for j, c := range cols {
			u.set(i*stride+j, t.get(r*t.stride+c, &z))
		}
		u.set(i*stride+stride-1, t.get(r*t.stride+t.stride-1, &z))
	}
	return u
}

// pivot64 is pivot when every entry and d are int64: the update of each
// entry is formed in 128 bits and divided exactly by d (multiplication by
// the inverse of d's odd part modulo 2⁶⁴ after a shift); an entry whose
// result does not fit in int64 is computed with math/big and stored big.
func (t *hybridTableau) pivot64(r, c int) {
	t.pivot64cols(r, c, nil)
}

// oddInverse returns the power of two of d (d = 2^shift·odd, odd odd) and
// the inverse of its odd part modulo 2⁶⁴: an exact quotient q = x/d is
// (x >> shift)·inv (Granlund & Montgomery 1994, §9). Newton's iteration
// doubles the correct low bits from the 5 of (3·odd) XOR 2 (Montgomery:
// odd·x ≡ 1 mod 2⁵), so four steps give 80 ≥ 64.
func oddInverse(d int64) (shift uint, inv uint64) {
	if d == 1 {
		return 0, 1
	}
	shift = uint(bits.TrailingZeros64(uint64(d)))
	odd := uint64(d) >> shift
	inv = 3*odd ^ 2
	inv *= 2 - odd*inv
	inv *= 2 - odd*inv
	inv *= 2 - odd*inv
	inv *= 2 - odd*inv
	return shift, inv
}

// orAbsBits ORs absBits over row's entries, or over those in cols when
// cols is not nil: the bit length of the result bounds every |x| taken.
func orAbsBits(row []int64, cols []int) uint64 {
	var b uint64
	if cols == nil {
		for _, x := range row {
			b |= absBits(x)
		}
		return b
	}
	for _, j := range cols {
		b |= absBits(row[j])
	}
	return b
}

// absBits returns |x| − 1 for x < 0 and x otherwise (x XOR its sign): its
// bit length l bounds |x| ≤ 2^l.
func absBits(x int64) uint64 { return uint64(x ^ x>>63) }

// pivot64cols is pivot64 restricted to the given columns (all when cols is
// nil); the caller knows the other columns' new values.
func (t *hybridTableau) pivot64cols(r, c int, cols []int) {
	st := t.stride
	prow := t.a[r*st : (r+1)*st]
	p, d := prow[c], t.d
	shift, inv := oddInverse(d)
	half := d >> 1
	// The one-word tier: a row whose entries x (and its f) are small
	// enough that x·p − f·y fits in an int64 is computed without 128-bit
	// products or branches, the exact division by d as a shift and a
	// multiplication by the inverse of d's odd part (below). Bounds are
	// powers of two from the bit lengths of |x| − 1 or x (absBits): with
	// |x| ≤ 2^lx, |p| ≤ 2^lp, |f| ≤ 2^lf, |y| ≤ 2^ly and lx+lp, lf+ly ≤ 61,
	// |x·p − f·y| ≤ 2⁶² and no product overflows.
	yBits := orAbsBits(prow, cols)
	ly, lp := bits.Len64(yBits), bits.Len64(absBits(p))
	if d <= 0 {
		ly = 64 // shift and inv are d's only for d > 0: no one-word tier
	}
	sinv := int64(inv)
	for i := range t.rows {
		if i == r {
			continue
		}
		base := i * st
		row := t.a[base : base+st]
		f := row[c]
		if f == 0 && p == d {
			continue
		}
		if bits.Len64(absBits(f))+ly <= 61 {
			xBits := orAbsBits(row, cols)
			if bits.Len64(xBits)+lp <= 61 {
				if cols == nil {
					for j, x := range row {
						row[j] = ((x*p - f*prow[j]) >> shift) * sinv
					}
				} else {
					for _, j := range cols {
						row[j] = ((row[j]*p - f*prow[j]) >> shift) * sinv
					}
				}
				continue
			}
		}
		for k := range st {
			j := k
			if cols != nil {
				if k >= len(cols) {
					break
				}
				j = cols[k]
			}
			x, y := row[j], prow[j]
			if x == 0 && (y == 0 || f == 0) {
				continue
			}
			h1, l1 := mul128(x, p)
			h2, l2 := mul128(f, y)
			l, b := bits.Sub64(l1, l2, 0)
			h := h1 - h2 - b
			if d == 1 {
				if h == uint64(int64(l)>>63) {
					row[j] = int64(l)
					continue
				}
			} else if sh := int64(h); sh >= -half && sh < half {
				if shift > 0 {
					l = l>>shift | h<<(64-shift)
				}
				row[j] = int64(l * inv)
				continue
			}
			var xb, pb, fb, yb, db big.Int
			xb.SetInt64(x)
			xb.Mul(&xb, pb.SetInt64(p))
			fb.SetInt64(f)
			fb.Mul(&fb, yb.SetInt64(y))
			xb.Sub(&xb, &fb)
			xb.Quo(&xb, db.SetInt64(d))
			t.set(base+j, &xb)
		}
	}
	t.d = p
}
