// Command infragame analyses the strategic game of international
// infrastructure export: a sourced dataset, finance and life-cycle-cost
// engines, tender evaluation, game and auction solvers.
//
// This is the fast front: it does not link the SQLite store or the web
// server, so it starts faster than the complete program (BENCHMARKS.md,
// "Start-up and binary size": about 2× a Go hello-world, against 2.6×
// for infragame-full). The commands that need them ("data", "serve", and
// the commands that read records when a database of yours exists) it
// hands to infragame-full, found through $INFRAGAME_FULL, beside this
// program or on PATH.
//
// Run "infragame --help" for the commands.
package main

import (
	"context"
	"os"

	"github.com/infragame/infragame/internal/cli"
	"github.com/infragame/infragame/internal/handoff"
	// Grows the main goroutine's stack once, before it is deep: fewer
	// stack copies at start-up (the package says why and by how much).
	_ "github.com/infragame/infragame/internal/mainstack"
)

func main() {
	// Ctrl-C and SIGTERM cancel the context; commands stop within a
	// second, and a second signal exits at once.
	ctx, stop := cli.SignalContext(context.Background(), os.Stderr)
	a := &cli.App{In: os.Stdin, Out: os.Stdout, Err: os.Stderr, HandOff: handoff.Exec}
	code := a.Run(ctx, os.Args[1:])
	stop()
	os.Exit(code)
}
