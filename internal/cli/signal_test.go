package cli_test

import (
	"context"
	"io"
	"syscall"
	"testing"
	"time"

	"github.com/infragame/infragame/internal/cli"
)

// TestSignalCancels: SIGINT and SIGTERM cancel the context (a command
// then stops); the process is not killed by the first signal.
func TestSignalCancels(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		ctx, stop := cli.SignalContext(context.Background(), io.Discard)
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
