package web

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"sync"
	"sync/atomic"
	"time"
)

// A job is a long computation (a simulation) that runs in the background
// with progress, so no request hangs: it is started by one request, watched
// by server-sent events and fetched or cancelled by others.
type job struct {
	ID      string
	Kind    string
	Started time.Time
	cancel  context.CancelFunc
	done    chan struct{}
	n, of   atomic.Int64
	mu      sync.Mutex
	result  any
	err     error
}

// JobStatus is a job as the API shows it.
type JobStatus struct {
	ID    string `json:"id"`
	Kind  string `json:"kind"`
	State string `json:"state"` // running, done, failed, cancelled
	Done  int64  `json:"done"`
	Total int64  `json:"total"`
	Error string `json:"error,omitempty"`
	// Result is the computation's document once State is "done".
	Result any `json:"result,omitempty"`
}

func (j *job) status(withResult bool) JobStatus {
	st := JobStatus{ID: j.ID, Kind: j.Kind, State: "running", Done: j.n.Load(), Total: j.of.Load()}
	select {
	case <-j.done:
		j.mu.Lock()
		defer j.mu.Unlock()
		switch {
		case errors.Is(j.err, context.Canceled):
			st.State, st.Error = "cancelled", j.err.Error()
		case j.err != nil:
			st.State, st.Error = "failed", j.err.Error()
		default:
			st.State = "done"
			if withResult {
				st.Result = j.result
			}
		}
	default:
	}
	return st
}

// jobs holds at most max jobs; the oldest finished one makes room.
type jobs struct {
	mu  sync.Mutex
	m   map[string]*job
	ord []string
	max int
}

func newJobs(max int) *jobs { return &jobs{m: map[string]*job{}, max: max} }

var errTooManyJobs = errors.New("too many jobs running; wait for one to finish or cancel it")

// start runs fn in the background under timeout; fn reports progress
// through the callback.
func (js *jobs) start(kind string, timeout time.Duration, fn func(ctx context.Context, progress func(done, total int64)) (any, error)) (*job, error) {
	js.mu.Lock()
	defer js.mu.Unlock()
	if len(js.m) >= js.max {
		evicted := false
		for i, id := range js.ord {
			select {
			case <-js.m[id].done:
				delete(js.m, id)
				js.ord = append(js.ord[:i:i], js.ord[i+1:]...)
				evicted = true
			default:
				continue
			}
			break
		}
		if !evicted {
			return nil, &inputError{status: 429, err: errTooManyJobs}
		}
	}
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	j := &job{ID: hex.EncodeToString(b), Kind: kind, Started: time.Now(), cancel: cancel, done: make(chan struct{})}
	js.m[j.ID] = j
	js.ord = append(js.ord, j.ID)
	go func() {
		defer close(j.done)
		defer cancel()
		res, err := func() (res any, err error) {
			defer func() {
				if v := recover(); v != nil {
					err = errors.New("internal error in the computation; please report it")
				}
			}()
			return fn(ctx, func(done, total int64) { j.n.Store(done); j.of.Store(total) })
		}()
		j.mu.Lock()
		j.result, j.err = res, err
		j.mu.Unlock()
	}()
	return j, nil
}

func (js *jobs) get(id string) (*job, bool) {
	js.mu.Lock()
	defer js.mu.Unlock()
	j, ok := js.m[id]
	return j, ok
}

func (js *jobs) cancelAll() {
	js.mu.Lock()
	defer js.mu.Unlock()
	for _, j := range js.m {
		j.cancel()
	}
}
