package mc

import (
	"context"
	"runtime"
	"sync"
)

// Stream computes run(r) for every r in [0, runs) on up to workers
// goroutines (≤ 0: GOMAXPROCS) and passes each result to sink in run
// order, from one goroutine. Each worker first calls newWorker once to get
// its own run function (so it may own scratch state). At most
// window = 4·workers results wait for delivery, so memory does not grow
// with runs.
//
// If ctx is cancelled or sink returns an error, no new run starts; the
// runs already finished are delivered up to the first gap (sink always
// sees a prefix 0, 1, …, k of the runs) and Stream returns ctx's or sink's
// error.
func Stream[T any](ctx context.Context, runs, workers int, newWorker func() func(r int) T, sink func(r int, v T) error) error {
	if runs <= 0 {
		return ctx.Err()
	}
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = max(1, min(workers, runs))
	window := 4 * workers
	type item struct {
		r int
		v T
	}
	next := make(chan int)
	results := make(chan item, window)
	slots := make(chan struct{}, window) // a slot per run in flight or waiting
	stop := make(chan struct{})
	var stopOnce sync.Once
	halt := func() { stopOnce.Do(func() { close(stop) }) }

	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			run := newWorker()
			for r := range next {
				results <- item{r, run(r)}
			}
		}()
	}
	var feedErr error
	go func() {
		defer close(next)
		for r := range runs {
			select {
			case slots <- struct{}{}:
			case <-ctx.Done():
				feedErr = ctx.Err()
				return
			case <-stop:
				return
			}
			select {
			case next <- r:
			case <-ctx.Done():
				feedErr = ctx.Err()
				return
			case <-stop:
				return
			}
		}
	}()
	go func() { wg.Wait(); close(results) }()

	pending := make(map[int]T, window)
	want := 0
	var sinkErr error
	for it := range results {
		pending[it.r] = it.v
		for sinkErr == nil {
			v, ok := pending[want]
			if !ok {
				break
			}
			delete(pending, want)
			if err := sink(want, v); err != nil {
				sinkErr = err
				halt()
				break
			}
			want++
			<-slots
		}
	}
	if sinkErr != nil {
		return sinkErr
	}
	if feedErr != nil {
		return feedErr
	}
	if want < runs {
		return ctx.Err()
	}
	return nil
}
