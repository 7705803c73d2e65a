package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"
)

// StopGrace is how long a command may take to wind down (roll back a
// transaction, discard partial output) after the first Ctrl-C or SIGTERM
// before the process exits anyway.
const StopGrace = time.Second

// SignalContext returns a context cancelled by the first SIGINT or SIGTERM.
// Commands check the context in every long loop and return; if one has not
// returned within [StopGrace], or a second signal arrives, the process
// exits at once with code 130, printing one line to errOut. stop releases
// the signals.
func SignalContext(parent context.Context, errOut io.Writer) (ctx context.Context, stop func()) {
	ctx, cancel := context.WithCancel(parent)
	ch := make(chan os.Signal, 2)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
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
	}()
	return ctx, func() {
		signal.Stop(ch)
		close(done)
		cancel()
	}
}
