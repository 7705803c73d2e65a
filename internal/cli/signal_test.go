package cli_test

import (
	"context"
	"io"
	"os"
	"os/signal"
	"syscall"
	"testing"
	"time"

	"github.com/infragame/infragame/internal/cli"
)

// TestSignalCancels: SIGINT and SIGTERM cancel the context (a command
// then stops); the process is not killed by the first signal.
func TestSignalCancels(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		ctx, stop := cli.SignalContextAfter(context.Background(), io.Discard, 0)
		if err := syscall.Kill(syscall.Getpid(), sig); err != nil {
			t.Fatal(err)
		}
		select {
		case <-ctx.Done():
		case <-time.After(5 * time.Second):
			t.Fatalf("%v did not cancel the context", sig)
		}
		stop() // before StopGrace: the process must not exit
	}
}

// TestSignalDelay: SignalContext takes the signals over after SignalDelay
// (a command that ends sooner never pays for the signal thread), and from
// then on a signal cancels the context.
func TestSignalDelay(t *testing.T) {
	// A channel of the test's own keeps SIGINT from killing the test
	// binary if it arrives before the handlers are installed.
	guard := make(chan os.Signal, 16)
	signal.Notify(guard, syscall.SIGINT)
	defer signal.Stop(guard)
	ctx, stop := cli.SignalContextAfter(context.Background(), io.Discard, 10*time.Millisecond)
	defer stop()
	deadline := time.After(5 * time.Second)
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		if err := syscall.Kill(syscall.Getpid(), syscall.SIGINT); err != nil {
			t.Fatal(err)
		}
		select {
		case <-ctx.Done():
			return
		case <-deadline:
			t.Fatal("SIGINT after the delay did not cancel the context")
		case <-tick.C:
		}
	}
}

// TestSignalStopBeforeDelay: stop before the delay leaves the signals
// alone and does not panic when the timer would have fired.
func TestSignalStopBeforeDelay(t *testing.T) {
	ctx, stop := cli.SignalContextAfter(context.Background(), io.Discard, time.Hour)
	stop()
	if ctx.Err() == nil {
		t.Fatal("stop did not cancel the context")
	}
}
