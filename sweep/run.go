package sweep

import (
	"context"
	"fmt"
	"math/rand/v2"
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

// Row is one result row: run Run of point PointID, its seed (see
// [RunSeed]), the parameter values X and the outputs Y. A writer must not
// keep X or Y after WriteRow returns.
type Row struct {
	PointID int
	Run     int
	Seed    uint64
	X, Y    []float64
}

// RowWriter receives the rows of a run in (point id, run) order.
type RowWriter interface {
	WriteRow(r *Row) error
}

// EncodedRows holds consecutive rows encoded by a [RowEncoder]: Rows rows
// whose bytes are in Parts. What each part holds is the writer's choice
// (the text of a CSV file, the values of one column of a Parquet file…).
type EncodedRows struct {
	Rows  int
	Parts [][]byte
}

// reset empties e, keeping its buffers.
func (e *EncodedRows) reset() {
	e.Rows = 0
	for i := range e.Parts {
		e.Parts[i] = e.Parts[i][:0]
	}
}

// RowEncoder encodes rows for an [EncodingWriter]. [Run] gives each worker
// its own, so an encoder need not be safe for concurrent use.
type RowEncoder interface {
	// Encode appends row r to e (and adds 1 to e.Rows). It must not keep
	// r.X or r.Y.
	Encode(e *EncodedRows, r *Row)
}

// EncodingWriter is a [RowWriter] whose rows [Run] can encode in its
// workers, beside the evaluation of the points, so that writing them in
// order (one goroutine) only copies bytes; Run does so with more than 4
// workers, when one writer encoding every row would cap the run. WriteEncoded receives the encoded rows in
// (point id, run) order; the output must be what WriteRow would write.
type EncodingWriter interface {
	RowWriter
	NewEncoder() RowEncoder
	WriteEncoded(e *EncodedRows) error
}

// RunOptions selects the shard and the parallelism of [Run].
type RunOptions struct {
	// Shard K of Shards (0 ≤ K < Shards); Shards 0 means the whole plan.
	Shard, Shards int
	// Workers evaluating points in parallel (0 = GOMAXPROCS). The rows do
	// not depend on it.
	Workers int
	// Progress, if set, is called with the points done and the points of
	// the shard.
	Progress func(done, total int)
}

// Columns returns the column names of the result rows of p under m
// ("point_id", "run", "seed", the parameters, the outputs) and the
// indices of the kept outputs of m: all of them, or those named in the
// spec's model.outputs, in that order.
func Columns(p *Plan, m Model) (cols []string, keep []int, err error) {
	all := m.Outputs()
	if want := p.Spec.Model.Outputs; len(want) > 0 {
		idx := make(map[string]int, len(all))
		for i, o := range all {
			idx[o] = i
		}
		for i, o := range want {
			j, ok := idx[o]
			if !ok {
				return nil, nil, p.Spec.Errorf(fmt.Sprintf("model.outputs[%d]", i), fmt.Errorf("unknown output %q (the model has %v)", o, all))
			}
			keep = append(keep, j)
		}
	} else {
		for i := range all {
			keep = append(keep, i)
		}
	}
	cols = append(append([]string(nil), fixedColumns...), p.Names()...)
	for _, k := range keep {
		name := all[k]
		for _, c := range cols {
			if c == name {
				return nil, nil, fmt.Errorf("sweep: output %q has the name of a column before it", name)
			}
		}
		cols = append(cols, name)
	}
	return cols, keep, nil
}

// Run evaluates m at every point of one shard of p, Spec.Runs times each,
// and writes the rows to w in (point id, run) order. Run r of point id
// uses a PCG source seeded with (Spec.Seed, RunSeed(Spec.Seed, id, r)),
// or RunSeed(Spec.Seed, 0, r) with Spec.CommonRandomNumbers.
// It stops at the first error of the model (naming the point and the run)
// or of w, or when ctx is cancelled. Memory is bounded by a window of
// points, not by the size of the plan. When w is an [EncodingWriter], the
// workers encode the rows of the points they evaluate once there are more
// of them than the writer keeps up with (see writerKeepsUp).
func Run(ctx context.Context, p *Plan, m Model, opt RunOptions, w RowWriter) error {
	shards := opt.Shards
	if shards == 0 {
		shards = 1
	}
	lo, hi, err := p.Shard(opt.Shard, shards)
	if err != nil {
		return err
	}
	_, keep, err := Columns(p, m)
	if err != nil {
		return err
	}
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	names := p.Names()
	evals := make([]Evaluator, workers)
	for i := range evals {
		if evals[i], err = m.Bind(names); err != nil {
			return err
		}
	}
	ew, _ := w.(EncodingWriter)
	if workers <= writerKeepsUp {
		// The writer goroutine encodes the rows of a few workers itself,
		// beside their evaluation. Measured on 2 cores (tender sweep,
		// paired): with the rows encoded in the workers instead, one
		// worker ran 12 % slower (it lost the writer's core) and two
		// used 4 % more CPU for the same wall time.
		ew = nil
	}
	var encs []RowEncoder
	if ew != nil {
		encs = make([]RowEncoder, workers)
		for i := range encs {
			encs[i] = ew.NewEncoder()
		}
	}
	runs := p.Spec.Runs
	nout, d := len(m.Outputs()), p.Dim()
	// rowBytes[j] is the most bytes a row took in part j of the encoded
	// rows of a window so far (EncodingWriter).
	var rowBytes []float64
	// fill sets row to run r of point id (the i-th of window wd), keeping
	// the outputs of keep; row.Y must have len(keep) elements.
	fill := func(row *Row, wd *window, i, r int) {
		id := wd.start + i
		row.PointID, row.Run = id, r
		row.X = wd.xs[i*d : (i+1)*d]
		row.Seed = RunSeed(p.Spec.Seed, seedID(p, id), r)
		y := wd.ys[(i*runs+r)*nout : (i*runs+r+1)*nout]
		for j, k := range keep {
			row.Y[j] = y[k]
		}
	}
	// The shard is evaluated by windows of consecutive points: the workers
	// evaluate one window while this goroutine writes the rows of the
	// previous one, in order (two sets of buffers). Every window still
	// ends with a barrier (the next window's goroutines must be started
	// and woken), which costs a fixed time: cheap points (a tender, some
	// µs each) need windows far larger than 64 points a worker. So a
	// window whose evaluation took less than windowTarget is followed by
	// one twice as large, up to 4096 points a worker and the memory cap
	// (2^16 runs). The rows do not depend on the windows.
	maxWin := max(1, min(4096*workers, (1<<16)/runs))
	win := max(1, min(64*workers, maxWin))
	base := p.Spec.Seed
	var stop atomic.Bool // set when Run returns early: workers stop
	defer stop.Store(true)
	// launch starts the evaluation of the n points from start into wd and
	// returns a function that waits for it and returns its first error.
	launch := func(wd *window, start, n int) func() error {
		wd.start, wd.n = start, n
		if len(wd.xs) < n*d || len(wd.ys) < n*runs*nout {
			wd.xs = make([]float64, n*d)
			wd.ys = make([]float64, n*runs*nout)
		}
		xs, ys := wd.xs, wd.ys
		errs := make([]error, workers)
		// Workers take blocks of consecutive points, so that they rarely
		// write the same cache lines of xs and ys or contend for next; a
		// block is at most 1/64 of a worker's share of the window, so the
		// wait for the last block stays short.
		block := max(1, n/(64*workers))
		wd.block = block
		if encs != nil {
			nb := (n + block - 1) / block
			for len(wd.enc) < nb {
				wd.enc = append(wd.enc, EncodedRows{})
			}
			for len(wd.arena) < workers {
				wd.arena = append(wd.arena, EncodedRows{})
			}
			// Size each worker's arena once for its share of the window
			// (with a margin: workers take blocks as they come), at the
			// bytes a row took so far: grown by appends, a part is
			// copied over and over as it grows (per process, a visible
			// cost for a small shard).
			share := (n/workers + 2*block) * runs
			for i := range wd.arena {
				a := &wd.arena[i]
				a.reset()
				for len(a.Parts) < len(rowBytes) {
					a.Parts = append(a.Parts, nil)
				}
				for j, rb := range rowBytes {
					if need := int(rb*float64(share)) + 64; cap(a.Parts[j]) < need {
						a.Parts[j] = make([]byte, 0, need)
					}
				}
			}
		}
		var next atomic.Int64
		var wg sync.WaitGroup
		for wk := range workers {
			wg.Go(func() {
				ev := evals[wk]
				pw := *p // Saltelli points need a scratch buffer of their own
				if p.buf != nil {
					pw.buf = make([]float64, len(p.buf))
				}
				pcg := rand.NewPCG(0, 0)
				u := make([]float64, d)
				var row Row
				var from []int // the lengths of the arena's parts before a block
				if encs != nil {
					row.Y = make([]float64, len(keep))
				}
				for !stop.Load() { // take the next block of points
					lo := int(next.Add(int64(block))) - block
					if lo >= n {
						return
					}
					hi := min(lo+block, n)
					for i := lo; i < hi; i++ {
						id := start + i
						x := xs[i*d : (i+1)*d]
						pw.Point(id, u, x)
						for r := range runs {
							pcg.Seed(base, RunSeed(base, seedID(p, id), r))
							y := ys[(i*runs+r)*nout : (i*runs+r+1)*nout]
							if err := ev.Eval(x, pcg, y); err != nil {
								errs[wk] = fmt.Errorf("point %d run %d: %w", id, r, err)
								stop.Store(true)
								return
							}
						}
					}
					if encs != nil {
						// Encode the block at the end of the worker's
						// arena, and point the block's view at it.
						a := &wd.arena[wk]
						from = from[:0]
						for _, part := range a.Parts {
							from = append(from, len(part))
						}
						rows := a.Rows
						for i := lo; i < hi; i++ {
							for r := range runs {
								fill(&row, wd, i, r)
								encs[wk].Encode(a, &row)
							}
						}
						v := &wd.enc[lo/block]
						v.Rows = a.Rows - rows
						if v.Parts == nil {
							v.Parts = make([][]byte, 0, len(a.Parts))
						}
						v.Parts = v.Parts[:0]
						for j, part := range a.Parts {
							k := 0
							if j < len(from) {
								k = from[j]
							}
							v.Parts = append(v.Parts, part[k:len(part):len(part)])
						}
					}
				}
			})
		}
		return func() error {
			wg.Wait()
			for _, e := range errs {
				if e != nil {
					return e
				}
			}
			return nil
		}
	}
	row := Row{Y: make([]float64, len(keep))}
	write := func(wd *window) error {
		if ew != nil {
			for b := 0; b*wd.block < wd.n; b++ {
				if err := ew.WriteEncoded(&wd.enc[b]); err != nil {
					return err
				}
			}
			// The bytes a row took in each part, for sizing the
			// arenas of the next windows.
			rows := 0
			for i := range wd.arena {
				rows += wd.arena[i].Rows
			}
			for _, a := range wd.arena {
				for len(rowBytes) < len(a.Parts) {
					rowBytes = append(rowBytes, 0)
				}
			}
			for j := range rowBytes {
				size := 0
				for _, a := range wd.arena {
					if j < len(a.Parts) {
						size += len(a.Parts[j])
					}
				}
				rowBytes[j] = max(rowBytes[j], float64(size)/float64(max(rows, 1)))
			}
			return nil
		}
		for i := range wd.n {
			for r := range runs {
				fill(&row, wd, i, r)
				if err := w.WriteRow(&row); err != nil {
					return err
				}
			}
		}
		return nil
	}
	total := hi - lo
	if lo >= hi {
		return nil
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	var bufs [2]window
	cur := &bufs[0]
	began := time.Now()
	var wrote time.Duration // the time the last window's rows took to write
	wait := launch(cur, lo, min(win, hi-lo))
	for {
		if err := wait(); err != nil {
			return err
		}
		if time.Since(began) < windowTarget {
			win = min(2*win, maxWin)
		}
		// Start the next window, then write this one's rows.
		nextStart, other := cur.start+cur.n, &bufs[0]
		if cur == other {
			other = &bufs[1]
		}
		wait = nil
		if nextStart < hi && ctx.Err() == nil {
			began = time.Now()
			n := min(win, hi-nextStart)
			if wrote > tailWrite {
				// Taper: the rows of the last window are written while
				// no worker has anything left to do, so when writing a
				// window's rows takes a noticeable time (cheap points,
				// large windows), the last windows take at most half of
				// what is left each, down to tailWindow points a
				// worker; the rows of each are written while the next,
				// half as large, is evaluated (a row is written several
				// times faster than a cheap point is evaluated).
				n = min(n, max(tailWindow*workers, (hi-nextStart+1)/2))
			}
			wait = launch(other, nextStart, n)
		}
		t0 := time.Now()
		err := write(cur)
		wrote = time.Since(t0)
		if err != nil {
			if wait != nil {
				stop.Store(true)
				wait()
			}
			return err
		}
		if opt.Progress != nil {
			opt.Progress(nextStart-lo, total)
		}
		if wait == nil {
			if nextStart < hi {
				return ctx.Err()
			}
			return nil
		}
		cur = other
	}
}

// window is one window's points: n from start, their parameter values xs
// (Dim a point) and outputs ys (runs × outputs a point); with an
// [EncodingWriter], enc[b] holds the encoded rows of the b-th block of
// block points: a view of the arena of the worker that encoded it (one
// arena a worker, reused from window to window, so that encoding
// allocates nothing once the arenas have grown).
type window struct {
	start, n int
	xs, ys   []float64
	block    int
	enc      []EncodedRows
	arena    []EncodedRows
}

// seedID is the point id that seeds the runs of point id of p: id, or 0
// with common random numbers.
func seedID(p *Plan, id int) int {
	if p.Spec.CommonRandomNumbers {
		return 0
	}
	return id
}

// writerKeepsUp is the most workers whose rows [Run]'s writer goroutine
// encodes itself: encoding a row (CSV text and Parquet values, about
// 2.4 µs) costs about a fifth of evaluating the cheapest model point swept
// in practice (a tender, about 12 µs), so one writer keeps up with about
// four workers. With more workers (a many-core node), the workers encode
// the rows of their blocks and the writer only copies bytes, so that it
// does not cap the run.
const writerKeepsUp = 4

// windowTarget is the shortest time a window of [Run] should take: its
// barrier (tens to hundreds of µs on a virtual machine) is then well under
// 1 % of it, while progress is still reported several times a second.
const windowTarget = 50 * time.Millisecond

// tailWindow is the smallest window a worker of [Run] tapers to at the end
// of a shard, and tailWrite the time to write a window's rows above which
// it tapers.
const (
	tailWindow = 16
	tailWrite  = time.Millisecond
)
