// Command infragame analyses the strategic game of international
// infrastructure export: a sourced dataset, finance and life-cycle-cost
// engines, tender evaluation, game and auction solvers.
//
// Run "infragame --help" for the commands.
package main

import (
	"context"
	"os"

	"github.com/infragame/infragame/internal/cli"
)

func main() {
	// Ctrl-C and SIGTERM cancel the context; commands stop within a
	// second, and a second signal exits at once.
	ctx, stop := cli.SignalContext(context.Background(), os.Stderr)
	code := cli.Main(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
