// Package fullcmd completes the command line of package cli with what
// links SQLite (package store) and the web server (package web): the data
// and serve commands, and the store behind every command that reads
// records. cmd/infragame-full is package cli with this package;
// cmd/infragame, the fast front, is package cli without it, and hands
// these commands to infragame-full (docs/architecture.md, "Two binaries").
package fullcmd

import (
	"context"
	"io"

	"github.com/spf13/cobra"

	"github.com/infragame/infragame/internal/cli"
)

// app gives the commands of this package the methods of [cli.App].
type app struct{ *cli.App }

// Full returns what the complete program adds to package cli.
func Full() *cli.Full {
	return &cli.Full{
		Commands: map[string]func(*cli.App) *cobra.Command{
			"data":  func(a *cli.App) *cobra.Command { return app{a}.dataCmd() },
			"serve": func(a *cli.App) *cobra.Command { return app{a}.serveCmd() },
		},
		Records: storeRecords,
	}
}

// Main runs the complete program's command line and returns the exit code
// (see [cli.Main]).
func Main(ctx context.Context, args []string, in io.Reader, out, errOut io.Writer) int {
	a := &cli.App{In: in, Out: out, Err: errOut, Full: Full()}
	return a.Run(ctx, args)
}

// RootCommand returns the complete program's command tree, for tests and
// documentation tools that walk every command.
func RootCommand() *cobra.Command { return (&cli.App{Full: Full()}).Root() }
