package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"
)

// StopGrace is how long a command may take to wind down (roll back a
// transaction, discard partial output) after the first Ctrl-C or SIGTERM
// before the process exits anyway.
const StopGrace = time.Second

// SignalDelay is how long after it is called [SignalContext] waits before it
// takes over SIGINT and SIGTERM. Taking them over costs a process about as
// much as the rest of a short command (measured on `infragame version`:
// 1.17–1.19× the CPU with it; the Go runtime starts a dedicated signal
// thread and hands each signal to it in turn), so commands that finish
// within the delay never pay it. A signal that arrives before the delay
// ends the process at once, as it would any program that does not catch
// it (status 130 for Ctrl-C in a shell); nothing a command writes in its
// first 50 ms needs winding down (SQLite rolls back an unfinished
// transaction by itself).
const SignalDelay = 50 * time.Millisecond

// SignalContext returns a context cancelled by the first SIGINT or SIGTERM
// that arrives after [SignalDelay]. Commands check the context in every
// long loop and return; if one has not returned within [StopGrace], or a
// second signal arrives, the process exits at once with code 130,
// printing one line to errOut. stop releases the signals.
func SignalContext(parent context.Context, errOut io.Writer) (ctx context.Context, stop func()) {
	return SignalContextAfter(parent, errOut, SignalDelay)
}

// SignalContextAfter is [SignalContext] with the signals taken over after
// delay (at once, before it returns, when delay ≤ 0).
func SignalContextAfter(parent context.Context, errOut io.Writer, delay time.Duration) (ctx context.Context, stop func()) {
	ctx, cancel := context.WithCancel(parent)
	ch := make(chan os.Signal, 2)
	done := make(chan struct{})
	watch := func() {
		select {
		case <-ch:
		case <-done:
			return
		}
		cancel()
		select {
		case <-ch:
		case <-time.After(StopGrace):
		case <-done:
			return
		}
		fmt.Fprintln(errOut, "infragame: interrupted")
		os.Exit(ExitInterrupted)
	}
	var mu sync.Mutex // guards stopped, installed
	stopped, installed := false, false
	install := func() {
		mu.Lock()
		defer mu.Unlock()
		if stopped {
			return
		}
		installed = true
		signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
		go watch()
	}
	var timer *time.Timer
	if delay <= 0 {
		install()
	} else {
		timer = time.AfterFunc(delay, install)
	}
	return ctx, func() {
		mu.Lock()
		stopped = true
		if timer != nil {
			timer.Stop()
		}
		if installed {
			signal.Stop(ch)
		}
		mu.Unlock()
		close(done)
		cancel()
	}
}
