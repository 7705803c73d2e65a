// Command infragame-full is the complete infragame program: every command,
// including those that need the SQLite store ("data") and the web server
// ("serve"). It alone is a full install. The fast front, infragame, runs
// every other command itself and hands these to infragame-full.
//
// Run "infragame-full --help" for the commands.
package main

import (
	"context"
	"os"

	"github.com/infragame/infragame/internal/cli"
	"github.com/infragame/infragame/internal/cli/fullcmd"
	// Grows the main goroutine's stack once, before it is deep: fewer
	// stack copies at start-up (the package says why and by how much).
	_ "github.com/infragame/infragame/internal/mainstack"
)

func main() {
	// Ctrl-C and SIGTERM cancel the context; commands stop within a
	// second, and a second signal exits at once.
	ctx, stop := cli.SignalContext(context.Background(), os.Stderr)
	code := fullcmd.Main(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
