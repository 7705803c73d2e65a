package game

import (
	"context"
	"math"
	"math/big"
	"runtime"
	"sync"
	"sync/atomic"
)

// smallEnumSize is the largest smaller side (strategies) of a game that
// [EnumMixedWith] enumerates with one goroutine by default. Up to 12×12 the
// search takes a few milliseconds, and a second walker costs more than it
// saves: each walker builds its own tableaux and solvers and replays the
// pivots to its subtrees, and handing jobs over wakes threads. With one
// walker the CPU time of the seed-1 games of scripts/bench-game-pairs.sh
// was 10–35 % lower at 8×8–12×12 (200 solves in one process under
// /usr/bin/time, 2026-12-07, load 24); larger games have enough work for
// the second core to shorten the wall time.
const smallEnumSize = 12

// EnumOptions tunes [EnumMixedWith].
type EnumOptions struct {
	// Workers is the number of goroutines walking the search tree; 0 means
	// runtime.GOMAXPROCS(0), or 1 when the game has at most
	// [smallEnumSize] strategies on some side.
	Workers int
	// Progress, when not nil, is called now and then (every few thousand
	// bases, never concurrently) with the counts so far.
	Progress func(EnumProgress)
	// MaxEquilibria stops the enumeration with an error wrapping
	// [ErrTooMany] once more extreme equilibria than this are found; 0
	// means no limit. The memory of the search itself does not grow with
	// the game's number of vertices, only the list of equilibria does.
	MaxEquilibria int
	// SplitDepth is the depth of the search tree below which subtrees are
	// handed to the workers as jobs; 0 means a default (2).
	SplitDepth int
}

// EnumProgress reports the state of a running enumeration.
type EnumProgress struct {
	Bases      int64 // bases of the enumerated polytope visited
	Vertices   int64 // vertices of the enumerated polytope found
	Equilibria int64 // extreme equilibria found
}

// eqRecord is one extreme equilibrium found by a worker, in the frame of
// the enumerated polytope: label masks and exact coordinates of both
// vertices (unnormalised).
type eqRecord struct {
	xl, yl uint64
	x, y   intVec
}

// rsShared is the state the workers of one enumeration share.
type rsShared struct {
	ctx         context.Context
	cancel      context.CancelFunc
	m, n        int
	a, b        [][]*big.Int // A (m×n) and B (m×n), positive integers
	a64         [][]int64    // A in int64 when a sum of m+1 entries fits (see smallMatrix), else nil
	opts        EnumOptions
	bases, vert atomic.Int64
	eqs         atomic.Int64
	faces       atomic.Int64
	mu          sync.Mutex // guards err, progress calls
	err         error
	usedBig     atomic.Bool
	root        *hybridTableau // P's start tableau, which each walker copies
	pc          partnerMatrices
}

func (sh *rsShared) fail(err error) {
	sh.mu.Lock()
	if sh.err == nil {
		sh.err = err
	}
	sh.mu.Unlock()
	sh.cancel()
}

func (sh *rsShared) progress() {
	if sh.opts.Progress == nil {
		return
	}
	sh.mu.Lock()
	sh.opts.Progress(EnumProgress{Bases: sh.bases.Load(), Vertices: sh.vert.Load(), Equilibria: sh.eqs.Load()})
	sh.mu.Unlock()
}

// pTableau returns the start tableau of P = {x ≥ 0 : Bᵀx ≤ 1}: row j is
// (Bᵀx)_j + s_j = 1, column j < n is s_j (label m+j), column n+i is x_i
// (label i); the last row is left for the objective.
func (sh *rsShared) pTableau() *hybridTableau {
	m, n := sh.m, sh.n
	stride := m + n + 1
	t := new(hybridTableau).reset(n+1, stride)
	for j := range n {
		t.a[j*stride+j] = 1
		for i := range m {
			t.set(j*stride+n+i, sh.b[i][j])
		}
		t.a[j*stride+stride-1] = 1
	}
	return t
}

// pDict returns a start dictionary of P on a copy of sh.root.
func (sh *rsShared) pDict() *revDict {
	return newRevDict(sh.root.copy(), sh.n, sh.m+sh.n)
}

// pLabel is the label of column c of P's dictionary.
func (sh *rsShared) pLabel(c int) int {
	if c < sh.n {
		return sh.m + c
	}
	return c - sh.n
}

// rsWorker walks subtrees of P's search tree and finds the partners of the
// vertices it reports.
type rsWorker struct {
	sh    *rsShared
	dct   *revDict
	ps    *partnerSolver
	recs  []eqRecord
	local int64 // bases since the last flush to sh.bases
	tight []int
	supp  []int
	face  faceScratch
	// The vertex being visited: its labels, and its coordinates once a
	// partner needs them (hasX).
	xl    uint64
	x     intVec
	hasX  bool
	xRows []int
	addFn func(yl uint64, y intVec) bool // w.add, made once
}

func newRSWorker(sh *rsShared) *rsWorker { return newRSWorkerOn(sh, sh.pDict()) }

// newRSWorkerOn returns a worker that walks from the dictionary dct.
func newRSWorkerOn(sh *rsShared, dct *revDict) *rsWorker {
	w := &rsWorker{sh: sh, dct: dct, xRows: make([]int, sh.m)}
	w.ps = newPartnerSolver(&sh.pc, func(i int) int { return i }, func(j int) int { return sh.m + j })
	w.addFn = w.add
	return w
}

// labels returns the label mask of the current vertex of d, with label(c)
// the label of column c.
func vertexLabels(dct *revDict, label func(int) int) uint64 {
	t := dct.t
	rhs := t.stride - 1
	var l uint64
	for c := range dct.ncol {
		if r := dct.rowOf[c]; r < 0 || t.sgn(r, rhs) == 0 {
			l |= 1 << uint(label(c))
		}
	}
	return l
}

// add records the equilibrium of the visited vertex and its partner y.
func (w *rsWorker) add(yl uint64, y intVec) bool {
	sh := w.sh
	if !w.hasX {
		for i := range w.xRows {
			w.xRows[i] = w.dct.rowOf[sh.n+i]
		}
		w.x, w.hasX = w.dct.t.rhsVec(w.xRows, nil), true
	}
	w.recs = append(w.recs, eqRecord{xl: w.xl, yl: yl, x: w.x, y: y})
	if k := sh.eqs.Add(1); sh.opts.MaxEquilibria > 0 && k > int64(sh.opts.MaxEquilibria) {
		sh.fail(errTooMany(sh.opts.MaxEquilibria))
		return false
	}
	return true
}

func (w *rsWorker) visit(lexmin bool) bool {
	sh := w.sh
	w.local++
	if w.local == 4096 {
		sh.bases.Add(w.local)
		w.local = 0
		sh.progress()
	}
	if !lexmin {
		return true
	}
	sh.vert.Add(1)
	m, n := sh.m, sh.n
	xl := vertexLabels(w.dct, sh.pLabel)
	xZero := uint64(1)<<uint(m) - 1
	if xl&xZero == xZero {
		return true // the origin
	}
	tight, supp := w.tight[:0], w.supp[:0]
	for i := range m {
		if xl>>uint(i)&1 == 0 {
			tight = append(tight, i)
		}
	}
	for j := range n {
		if xl>>uint(m+j)&1 == 1 {
			supp = append(supp, j)
		}
	}
	w.tight, w.supp = tight, supp
	w.xl, w.hasX = xl, false
	if len(supp) == len(tight) {
		nonsingular, feasible, yl, y := w.ps.solve(tight, supp)
		if nonsingular {
			if feasible {
				return w.add(yl, y)
			}
			return true
		}
	}
	// Degenerate vertex: its partners are the vertices of a face of Q.
	sh.faces.Add(1)
	err := faceVertices(sh.ctx, sh.a, sh.a64, &w.face, m, n, tight, supp, w.addFn)
	if err != nil {
		sh.fail(err)
		return false
	}
	return true
}

// faceVertices calls found for every vertex of the face
//
//	F = {y ∈ Q : (Ay)_i = 1 for i ∈ tight, y_j = 0 for j ∉ supp}
//
// of Q = {y ≥ 0 : Ay ≤ 1}, with its label mask and exact coordinates; found
// returns false to stop. This is lrsnash's step for a degenerate vertex: the
// partners of a vertex x are the vertices of the face of Q its labels
// define. A first vertex of F comes from a phase-1 simplex run (maximise
// −Σ_{i∈tight} s_i with the lexicographic ratio test and Bland's rule;
// F is empty when the maximum is below 0); the tight slacks still basic at
// 0 are pivoted out (or their rows, then linearly dependent, dropped), and
// the vertices of F are enumerated by reverse search from there.
//
// a64, when not nil, is a in int64 (see [smallMatrix]): the start tableau
// is then filled without math/big. sc, when not nil, lends the storage of
// that tableau, which is not used after the call returns.
func faceVertices(ctx context.Context, a [][]*big.Int, a64 [][]int64, sc *faceScratch, m, n int, tight, supp []int,
	found func(labels uint64, y intVec) bool) error {
	if sc == nil {
		sc = new(faceScratch)
	}
	if cap(sc.start.a) == 0 {
		// The largest tableaux faceVertices makes: m+1 rows, m+n+1
		// columns, reserved at the first degenerate vertex (a
		// nondegenerate game has none).
		sc.start.reserve((m + 1) * (m + n + 1))
		sc.sub.reserve((m + 1) * (m + n + 1))
	}
	ns := len(supp)
	stride := m + ns + 1
	t := sc.start.reset(m+1, stride)
	isTight := resize(sc.isTight, m)
	sc.isTight = isTight
	clear(isTight)
	for _, i := range tight {
		isTight[i] = true
	}
	obj := m * stride
	if a64 != nil {
		for i := range m {
			row := t.a[i*stride : (i+1)*stride]
			row[i] = 1
			for k, j := range supp {
				row[m+k] = a64[i][j]
			}
			row[stride-1] = 1
		}
		for k, j := range supp {
			var acc int64
			for _, i := range tight {
				acc -= a64[i][j]
			}
			t.a[obj+m+k] = acc
		}
		t.a[obj+stride-1] = -int64(len(tight))
	} else {
		one := big.NewInt(1)
		var acc big.Int
		for i := range m {
			t.set(i*stride+i, one)
			for k, j := range supp {
				t.set(i*stride+m+k, a[i][j])
			}
			t.set(i*stride+stride-1, one)
		}
		for k, j := range supp {
			acc.SetInt64(0)
			for _, i := range tight {
				acc.Sub(&acc, a[i][j])
			}
			t.set(obj+m+k, &acc)
		}
		t.set(obj+stride-1, big.NewInt(-int64(len(tight))))
	}
	dct := &sc.phase1
	dct.t, dct.nb, dct.ncol = t, m, m+ns
	dct.basis, dct.rowOf, dct.path = resize(dct.basis, m), resize(dct.rowOf, m+ns), dct.path[:0]
	for c := range dct.rowOf {
		dct.rowOf[c] = -1
	}
	for i := range m {
		dct.basis[i], dct.rowOf[i] = i, i
	}
	// Phase 1.
	for {
		s := -1
		for c := range dct.ncol {
			if dct.rowOf[c] < 0 && t.sgn(m, c) < 0 {
				s = c
				break
			}
		}
		if s < 0 {
			break
		}
		r := dct.lexRatio(s)
		if r < 0 {
			return nil // cannot happen: Q is bounded
		}
		dct.pivot(r, s)
	}
	if t.sgn(m, stride-1) < 0 {
		return nil // F is empty
	}
	// Pivot the tight slacks out of the basis.
	keep := sc.keep[:0]
	for i := range m {
		bc := dct.basis[i]
		if bc >= m || !isTight[bc] {
			keep = append(keep, i)
			continue
		}
		s := -1
		for c := range dct.ncol {
			if dct.rowOf[c] < 0 && (c >= m || !isTight[c]) && t.sgn(i, c) != 0 {
				s = c
				break
			}
		}
		if s < 0 {
			continue // redundant row
		}
		neg := t.sgn(i, s) < 0
		dct.pivot(i, s)
		if neg {
			t.negAll()
		}
		keep = append(keep, i)
	}
	// The face's dictionary: kept rows, their basic columns first, then the
	// cobasic columns other than the tight slacks.
	cols := sc.cols[:0]
	for _, i := range keep {
		cols = append(cols, dct.basis[i])
	}
	for c := range dct.ncol {
		if dct.rowOf[c] < 0 && (c >= m || !isTight[c]) {
			cols = append(cols, c)
		}
	}
	sc.keep, sc.cols = keep, cols
	face := sc.face.init(t.sub(&sc.sub, keep, cols), len(keep), len(cols))
	label := func(c int) int {
		if oc := cols[c]; oc < m {
			return oc
		}
		return m + supp[cols[c]-m]
	}
	var base uint64
	for _, i := range tight {
		base |= 1 << uint(i)
	}
	inSupp := resize(sc.inSupp, n)
	sc.inSupp = inSupp
	clear(inSupp)
	for _, j := range supp {
		inSupp[j] = true
	}
	for j := range n {
		if !inSupp[j] {
			base |= 1 << uint(m+j)
		}
	}
	yCol := resize(sc.yCol, n) // face column of y_j, −1 for j ∉ supp
	sc.yCol = yCol
	for j := range yCol {
		yCol[j] = -1
	}
	for c, oc := range cols {
		if oc >= m {
			yCol[supp[oc-m]] = c
		}
	}
	yRows := resize(sc.yRows, n)
	sc.yRows = yRows
	w := &revWalk{dct: face, ctx: ctx}
	w.visit = func(lexmin bool) bool {
		if !lexmin {
			return true
		}
		yl := base | vertexLabels(face, label)
		for j, c := range yCol {
			yRows[j] = -1
			if c >= 0 {
				yRows[j] = face.rowOf[c]
			}
		}
		return found(yl, face.t.rhsVec(yRows, nil))
	}
	w.run(0)
	return w.err
}

// faceScratch is storage that successive calls of [faceVertices] by one
// worker reuse: the start tableau, the face's tableau and dictionaries
// (with the snapshots of its walk) and index slices. Nothing in it is used
// after a call returns.
type faceScratch struct {
	start, sub              hybridTableau
	phase1, face            revDict
	isTight, inSupp         []bool
	keep, cols, yCol, yRows []int
}

// smallMatrix returns a in int64 when every entry is at most
// MaxInt64/(m+1) in absolute value, so that a sum of up to m+1 entries
// (the objective row of faceVertices) cannot overflow; else nil.
func smallMatrix(a [][]*big.Int) [][]int64 {
	limit := big.NewInt(math.MaxInt64 / int64(len(a)+1))
	out := rowsOf(make([]int64, len(a)*len(a[0])), len(a), len(a[0]))
	for i, row := range a {
		for j, v := range row {
			if v.CmpAbs(limit) > 0 {
				return nil
			}
			out[i][j] = v.Int64()
		}
	}
	return out
}

// rsStats are the counts of one enumeration.
type rsStats struct {
	bases, vertices, faces int64
	usedBig                bool
}

// enumerateRS runs the reverse search on P with the given workers and
// returns the equilibria found, in P's frame. a64 is smallMatrix(a), which
// the caller has made.
func enumerateRS(ctx context.Context, a, b [][]*big.Int, a64 [][]int64, opts EnumOptions) ([]eqRecord, rsStats, error) {
	sub, cancel := context.WithCancel(ctx)
	defer cancel()
	sh := &rsShared{ctx: sub, cancel: cancel, m: len(a), n: len(a[0]), a: a, b: b, a64: a64, opts: opts}
	sh.root = sh.pTableau()
	sh.pc = newPartnerMatrices(a)
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
		if min(sh.m, sh.n) <= smallEnumSize {
			workers = 1
		}
	}
	if workers == 1 {
		// One walker: the whole tree, on this goroutine, on the root
		// tableau itself (nothing else copies it).
		w := newRSWorkerOn(sh, newRevDict(sh.root, sh.n, sh.m+sh.n))
		walk := &revWalk{dct: w.dct, visit: w.visit, ctx: sub}
		if !walk.run(0) && walk.err != nil {
			sh.fail(walk.err)
		}
		sh.bases.Add(w.local)
		if sh.err != nil {
			return nil, rsStats{}, sh.err
		}
		if err := ctx.Err(); err != nil {
			return nil, rsStats{}, err
		}
		return w.recs, rsStats{bases: sh.bases.Load(), vertices: sh.vert.Load(), faces: sh.faces.Load(),
			usedBig: w.dct.t.usedBig}, nil
	}
	depth := opts.SplitDepth
	if depth <= 0 {
		depth = 2
	}
	jobs := make(chan [][2]int, 64)
	var wg sync.WaitGroup
	results := make([][]eqRecord, workers+1)
	for k := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := newRSWorker(sh)
			walk := &revWalk{dct: w.dct, visit: w.visit, ctx: sub}
			var root tabSnap
			w.dct.t.save(&root)
			for path := range jobs {
				if sub.Err() != nil {
					continue
				}
				w.dct.reset(&root)
				for _, p := range path {
					w.dct.pivot(p[0], p[1])
				}
				if !walk.run(len(path)) && walk.err != nil {
					sh.fail(walk.err)
				}
			}
			sh.bases.Add(w.local)
			if w.dct.t.usedBig {
				sh.usedBig.Store(true)
			}
			results[k] = w.recs
		}()
	}
	// The top of the tree is walked here, its subtrees below depth are
	// handed out as jobs.
	top := newRSWorker(sh)
	walk := &revWalk{dct: top.dct, visit: top.visit, ctx: sub, splitDepth: depth,
		split: func(path [][2]int) bool {
			select {
			case jobs <- path:
				return true
			case <-sub.Done():
				return false
			}
		}}
	if !walk.run(0) && walk.err != nil {
		sh.fail(walk.err)
	}
	close(jobs)
	wg.Wait()
	sh.bases.Add(top.local)
	if top.dct.t.usedBig {
		sh.usedBig.Store(true)
	}
	results[workers] = top.recs
	if sh.err != nil {
		return nil, rsStats{}, sh.err
	}
	if err := ctx.Err(); err != nil {
		return nil, rsStats{}, err
	}
	var all []eqRecord
	for _, r := range results {
		all = append(all, r...)
	}
	return all, rsStats{bases: sh.bases.Load(), vertices: sh.vert.Load(), faces: sh.faces.Load(), usedBig: sh.usedBig.Load()}, nil
}
