package game

import (
	"context"
	"math/big"
)

// This file implements lexicographic reverse search (Avis & Fukuda 1992,
// "A pivoting algorithm for convex hulls and vertex enumeration of
// arrangements and polyhedra", Discrete Comput. Geom. 8, 295–313; Avis 2000,
// "lrs: a revised implementation of the reverse search vertex enumeration
// algorithm") over the feasible bases of a dictionary, keeping only the
// current basis.
//
// A dictionary here has nb constraint rows and ncol variables, all ≥ 0,
// laid out so that column i < nb is the variable basic in row i at the
// start, and columns nb … ncol−1 are the variables cobasic at the start;
// the variable order used by every rule below is the column order. The
// start basis must be feasible. The rules are:
//
//   - Lexicographic ratio test: the leaving row minimises
//     (rhs_i, T_i,0, …, T_i,nb−1)/T_is over rows with T_is > 0; this is the
//     simplex method on the perturbed system rhs + (ε, ε², …) in the start
//     basis, which is nondegenerate, so the lexicographically feasible bases
//     are the vertices of a simple polytope and map onto all vertices of the
//     original one.
//   - Objective: maximise −Σ (start cobasic variables). The start basis is
//     its unique optimum.
//   - Parent of a basis: one simplex pivot, entering the smallest-index
//     improving variable (Bland's rule), leaving by the lexicographic ratio
//     test. The parent pointers form a tree spanning every
//     lexicographically feasible basis, rooted at the start.
//   - Children of a basis B: the pivots (r, s) with s cobasic and not
//     improving, r the lexicographic ratio row, such that in the basis B'
//     reached the smallest-index improving variable is the one that left
//     (the "reverse" test of lrs, done on B's tableau without pivoting).
//   - Output: a degenerate vertex has several bases; it is reported at the
//     one basis at which no degenerate pivot (row with rhs 0) can exchange a
//     basic variable for a cobasic one of smaller index ("lexmin", Avis
//     2000, §3), which is lexicographically feasible.
//
// The fraction-free tableau keeps the objective row as its last row: entry
// o_j = −d·(reduced cost of j), so j improves when o_j < 0.

// revDict is a dictionary under reverse search.
type revDict struct {
	t        *hybridTableau
	nb, ncol int
	basis    []int // basic column of each row
	rowOf    []int // row of each basic column, −1 when cobasic
	saved    []tabSnap
	path     [][2]int // pivots from the start basis
	cols     []int    // scratch: the columns a pivot computes
}

// newRevDict wraps t (nb+1 rows, ncol+1 columns; the last row is
// overwritten with the objective) whose column i < nb is basic in row i.
func newRevDict(t *hybridTableau, nb, ncol int) *revDict {
	return new(revDict).init(t, nb, ncol)
}

// init makes dct the dictionary of t as newRevDict does, reusing dct's
// storage (slices and snapshots) from an earlier use.
func (dct *revDict) init(t *hybridTableau, nb, ncol int) *revDict {
	dct.t, dct.nb, dct.ncol = t, nb, ncol
	dct.basis, dct.rowOf = resize(dct.basis, nb), resize(dct.rowOf, ncol)
	dct.path = dct.path[:0]
	for j := range ncol {
		dct.rowOf[j] = -1
	}
	for i := range nb {
		dct.basis[i] = i
		dct.rowOf[i] = i
	}
	dct.resetObjective()
	return dct
}

// resize returns s with length n, reusing its storage when it has room.
func resize[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// reset returns the dictionary to its start basis, whose tableau root holds.
func (dct *revDict) reset(root *tabSnap) {
	dct.t.load(root)
	for j := range dct.rowOf {
		dct.rowOf[j] = -1
	}
	for i := range dct.basis {
		dct.basis[i], dct.rowOf[i] = i, i
	}
	dct.path = dct.path[:0]
}

// resetObjective sets the objective row for the current basis taken as the
// start basis: o_j = d for cobasic j, 0 elsewhere.
func (dct *revDict) resetObjective() {
	t := dct.t
	base := dct.nb * t.stride
	if t.dBig == nil {
		for j := 0; j < t.stride; j++ {
			v := int64(0)
			if j < dct.ncol && dct.rowOf[j] < 0 {
				v = t.d
			}
			t.setSmall(base+j, v)
		}
		return
	}
	var d big.Int
	t.det(&d)
	zero := new(big.Int)
	for j := 0; j < t.stride; j++ {
		if j < dct.ncol && dct.rowOf[j] < 0 {
			t.set(base+j, &d)
		} else {
			t.set(base+j, zero)
		}
	}
}

// lexRatio returns the lexicographic ratio-test row for entering column s,
// or −1 when no entry of column s is positive (an unbounded edge).
func (dct *revDict) lexRatio(s int) int {
	t := dct.t
	if t.nBig == 0 {
		return dct.lexRatio64(s)
	}
	r := -1
	for i := range dct.nb {
		if t.sgn(i, s) <= 0 {
			continue
		}
		if r < 0 {
			r = i
			continue
		}
		c := t.cmpRatio(i, r, s)
		for k := 0; c == 0 && k < dct.nb; k++ {
			c = t.cmpCol(i, r, s, k)
		}
		if c < 0 {
			r = i
		}
	}
	return r
}

// lexRatio64 is lexRatio when every entry is an int64 (t.nBig = 0): the
// same comparisons, T_i,k·T_r,s against T_r,k·T_i,s in 128 bits, on the
// rows directly.
func (dct *revDict) lexRatio64(s int) int {
	t := dct.t
	st := t.stride
	rhs := st - 1
	r := -1
	var rRow []int64
	for i := range dct.nb {
		row := t.a[i*st : (i+1)*st]
		x := row[s]
		if x <= 0 {
			continue
		}
		if r < 0 {
			r, rRow = i, row
			continue
		}
		y := rRow[s]
		c := cmpProducts(row[rhs], y, rRow[rhs], x)
		for k := 0; c == 0 && k < dct.nb; k++ {
			c = cmpProducts(row[k], y, rRow[k], x)
		}
		if c < 0 {
			r, rRow = i, row
		}
	}
	return r
}

// reverse reports whether the pivot (r, s), s cobasic with o_s > 0 and r its
// lexicographic ratio row, leads to a child: in the basis reached, no
// cobasic variable of smaller index than the leaving one improves. The new
// objective entries are o'_j = (o_j·T_rs − o_s·T_rj)/d.
func (dct *revDict) reverse(r, s int) bool {
	t := dct.t
	l := dct.basis[r]
	obj := dct.nb
	for j := 0; j < l; j++ {
		if j == s || dct.rowOf[j] >= 0 {
			continue
		}
		// sign(o_j·T_rs − T_rj·o_s)
		if t.cmpCol(obj, r, s, j) < 0 {
			return false
		}
	}
	return true
}

// lexmin reports whether the current basis is the one at which its vertex
// is reported.
func (dct *revDict) lexmin() bool {
	t := dct.t
	rhs := t.stride - 1
	for i := range dct.nb {
		if t.sgn(i, rhs) != 0 {
			continue
		}
		for j := 0; j < dct.basis[i]; j++ {
			if dct.rowOf[j] < 0 && t.sgn(i, j) != 0 {
				return false
			}
		}
	}
	return true
}

// pivot performs the pivot (r, s) and records it. While every entry is an
// int64 only the cobasic columns, the leaving one and the rhs are computed:
// a basic column is d·(unit vector) before the pivot and p·(unit vector)
// after it, and the entering column becomes p·(unit vector r).
func (dct *revDict) pivot(r, s int) bool {
	t := dct.t
	l := dct.basis[r]
	if t.nBig == 0 && t.dBig == nil {
		cols := dct.cols[:0]
		for j, row := range dct.rowOf {
			if row < 0 && j != s || j == l {
				cols = append(cols, j)
			}
		}
		cols = append(cols, t.stride-1)
		dct.cols = cols
		p, st := t.a[r*t.stride+s], t.stride
		t.pivot64cols(r, s, cols)
		for j, row := range dct.rowOf {
			if row >= 0 && j != l && row != r {
				t.a[row*st+j] = p
			}
		}
		for i := range t.rows {
			if i != r {
				t.a[i*st+s] = 0
			}
		}
	} else {
		// The same restriction with big entries: the pivot row is not
		// changed, so p is read from it after the pivot.
		cols := dct.cols[:0]
		for j, row := range dct.rowOf {
			if row < 0 && j != s || j == l {
				cols = append(cols, j)
			}
		}
		cols = append(cols, t.stride-1)
		dct.cols = cols
		if !t.pivotCols(r, s, cols) {
			return false
		}
		st := t.stride
		var pz big.Int
		p := t.get(r*st+s, &pz)
		for j, row := range dct.rowOf {
			if row >= 0 && j != l && row != r {
				t.set(row*st+j, p)
			}
		}
		var zero big.Int
		for i := range t.rows {
			if i != r {
				t.set(i*st+s, &zero)
			}
		}
	}
	dct.basis[r], dct.rowOf[s], dct.rowOf[l] = s, r, -1
	dct.path = append(dct.path, [2]int{r, s})
	return true
}

// revWalk is one walk of a reverse-search tree.
type revWalk struct {
	dct *revDict
	// visit is called at every basis; lexmin tells whether the vertex is to
	// be reported there. It returns false to stop.
	visit func(lexmin bool) bool
	// split, when not nil, receives the pivot path of every node at depth
	// splitDepth+1 instead of the walk descending into it.
	split      func(path [][2]int) bool
	splitDepth int
	ctx        context.Context
	steps      int
	err        error
	stopped    bool
}

// run walks the subtree of the current basis, which is at the given depth.
func (w *revWalk) run(depth int) bool {
	dct := w.dct
	t := dct.t
	w.steps++
	if w.steps&255 == 0 && w.ctx.Err() != nil {
		w.err = w.ctx.Err()
		return false
	}
	if !w.visit(dct.lexmin()) {
		w.stopped = true
		return false
	}
	obj := dct.nb
	for s := 0; s < dct.ncol; s++ {
		if dct.rowOf[s] >= 0 || t.sgn(obj, s) <= 0 {
			continue
		}
		r := dct.lexRatio(s)
		if r < 0 || !dct.reverse(r, s) {
			continue
		}
		l := dct.basis[r]
		if w.split != nil && depth == w.splitDepth {
			p := append(append([][2]int(nil), dct.path...), [2]int{r, s})
			if !w.split(p) {
				w.stopped = true
				return false
			}
			continue
		}
		for depth >= len(dct.saved) {
			dct.saved = append(dct.saved, tabSnap{})
		}
		// Undo by restoring a copy (cheaper than the reverse pivot).
		t.save(&dct.saved[depth])
		dct.pivot(r, s)
		if !w.run(depth + 1) {
			return false
		}
		t.load(&dct.saved[depth])
		dct.basis[r], dct.rowOf[l], dct.rowOf[s] = l, r, -1
		dct.path = dct.path[:len(dct.path)-1]
	}
	return true
}
