// Command infragame analyses the strategic game of international
// infrastructure export: a sourced dataset, finance and life-cycle-cost
// engines, tender evaluation, game and auction solvers.
//
// Run "infragame --help" for the commands.
package main

import (
	"context"
	"os"
	"os/signal"

	"github.com/infragame/infragame/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := cli.Main(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
