package mc

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
)

// Parallel calls a run function for every r in [0, runs) on up to workers
// goroutines (workers ≤ 0 means GOMAXPROCS). Each worker first calls
// newWorker once to get its own run function, so that it can own copies of
// mutable state; run must write its result into a slot indexed by r, so the
// outcome does not depend on scheduling. Runs are handed out in chunks of
// chunk; progress, if not nil, is called with the number of runs done after
// each chunk (serialised). It returns ctx's error if ctx is cancelled before
// every run has been handed out.
//
// Workers take the next chunk from a shared atomic counter, with no
// goroutine handing the chunks out: a channel fed by the calling goroutine
// cost a hand-off (and often a thread wake-up) per chunk, about 800
// context switches for 10,000 LCC runs on one worker. The calling
// goroutine is itself one of the workers, so one worker runs no other
// goroutine at all.
func Parallel(ctx context.Context, runs, workers, chunk int, progress func(done int), newWorker func() func(r int)) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = max(1, min(workers, runs))
	chunk = max(1, chunk)
	var (
		next      atomic.Int64 // the first run of the next chunk
		mu        sync.Mutex   // guards the fields below
		panicErr  error
		cancelErr error
		done      int
	)
	cancelled := ctx.Done()
	work := func() {
		var run func(int)
		for {
			if cancelled != nil {
				select {
				case <-cancelled:
					mu.Lock()
					if next.Load() < int64(runs) && cancelErr == nil {
						cancelErr = ctx.Err()
					}
					mu.Unlock()
					return
				default:
				}
			}
			start := int(next.Add(int64(chunk))) - chunk
			if start >= runs {
				return
			}
			end := min(start+chunk, runs)
			// A panic in a run (a bug) becomes the error of Parallel
			// instead of killing the process from this goroutine.
			func() {
				defer func() {
					if p := recover(); p != nil {
						mu.Lock()
						if panicErr == nil {
							panicErr = fmt.Errorf("lcc: internal error in run %d: %v", start, p)
						}
						mu.Unlock()
					}
				}()
				if run == nil {
					run = newWorker()
				}
				for r := start; r < end; r++ {
					run(r)
				}
			}()
			mu.Lock()
			done += end - start
			if progress != nil {
				progress(done)
			}
			mu.Unlock()
		}
	}
	var wg sync.WaitGroup
	for range workers - 1 {
		wg.Go(work)
	}
	work()
	wg.Wait()
	if panicErr != nil {
		return panicErr
	}
	return cancelErr
}
