package cli

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/infragame/infragame/internal/migrate"
)

// migrateCmd is "lcc migrate", "tender migrate" or "sim migrate": it rewrites a file whose
// rates and shares are decimal fractions (discount_rate: 0.05) to the
// percentage fields (discount_rate_pct: 5), keeping comments and layout,
// and checks that the result reads.
func (a *App) migrateCmd(kind string) *cobra.Command {
	k, err := migrate.Lookup(kind)
	if err != nil {
		panic(err)
	}
	what := k.What
	var write bool
	cmd := &cobra.Command{
		Use:   "migrate FILE.yaml",
		Short: "Rewrite a " + what + " file's decimal rates and shares as _pct percentages",
		Long: `Rewrite a ` + what + ` file written before the one-unit rule, whose rates and shares
are decimal fractions, to the percentage fields every file now uses:

    ` + k.Before + `
becomes
    ` + k.After + `

Only those keys and numbers change: comments, order and layout are kept. The
decimal point is moved in the text, so the migrated file gives the same
results to the last digit. Old files still read unchanged; a file giving
both names of one quantity is refused.

The migrated file goes to standard output, or back into FILE with -w. A file
already migrated is left as it is.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if write && args[0] == "-" {
				return usagef("--write: needs a file to write back into, not standard input")
			}
			if write && a.OutputPath != "" {
				return usagef("--write writes back into FILE: -o/--output does not apply with it")
			}
			if _, err := a.Format(); err != nil { // opens -o FILE
				return err
			}
			b, err := a.readInput(args[0])
			if err != nil {
				return err
			}
			res, err := k.File(args[0], b)
			if err != nil {
				return err
			}
			if write {
				if res.Rewritten > 0 {
					if err := writeFileAtomic(args[0], []byte(res.File)); err != nil {
						return err
					}
				}
				fmt.Fprintln(a.Err, res.Notes[0])
				return nil
			}
			_, err = io.WriteString(a.Out, res.File)
			return err
		},
	}
	cmd.Flags().BoolVarP(&write, "write", "w", false, "write the result back into FILE instead of standard output")
	return cmd
}

func (a *App) lccMigrateCmd() *cobra.Command { return a.migrateCmd("lcc") }

func (a *App) tenderMigrateCmd() *cobra.Command { return a.migrateCmd("tender") }

func (a *App) simMigrateCmd() *cobra.Command { return a.migrateCmd("sim") }
