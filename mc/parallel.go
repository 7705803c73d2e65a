package mc

import (
	"context"
	"fmt"
	"runtime"
	"sync"
)

// Parallel calls a run function for every r in [0, runs) on up to workers
// goroutines (workers ≤ 0 means GOMAXPROCS). Each worker first calls
// newWorker once to get its own run function, so that it can own copies of
// mutable state; run must write its result into a slot indexed by r, so the
// outcome does not depend on scheduling. Runs are handed out in chunks of
// chunk; progress, if not nil, is called with the number of runs done after
// each chunk (serialised). It returns ctx's error if ctx is cancelled before
// every run has been handed out.
func Parallel(ctx context.Context, runs, workers, chunk int, progress func(done int), newWorker func() func(r int)) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = max(1, min(workers, runs))
	chunk = max(1, chunk)
	next := make(chan int)
	var mu sync.Mutex
	var panicErr error
	done := 0
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var run func(int)
			for start := range next {
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
		}()
	}
	var err error
feed:
	for start := 0; start < runs; start += chunk {
		select {
		case next <- start:
		case <-ctx.Done():
			err = ctx.Err()
			break feed
		}
	}
	close(next)
	wg.Wait()
	if panicErr != nil {
		return panicErr
	}
	return err
}
