package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/infragame/infragame/internal/pctyaml"
	"github.com/infragame/infragame/lcc"
	"github.com/infragame/infragame/market"
	"github.com/infragame/infragame/tender"
	"github.com/infragame/infragame/units"
)

// migrateCmd is "lcc migrate" or "tender migrate": it rewrites a file whose
// rates and shares are decimal fractions (discount_rate: 0.05) to the
// percentage fields (discount_rate_pct: 5), keeping comments and layout,
// and checks that the result reads.
func (a *App) migrateCmd(what string, fields func() []pctyaml.Field, sourcesKey string, parse func([]byte) error) *cobra.Command {
	var write bool
	cmd := &cobra.Command{
		Use:   "migrate FILE.yaml",
		Short: "Rewrite a " + what + " file's decimal rates and shares as _pct percentages",
		Long: `Rewrite a ` + what + ` file written before the one-unit rule, whose rates and shares
are decimal fractions (discount_rate: 0.05, loan: {rate: 0.001}), to the
percentage fields every file now uses (discount_rate_pct: 5, loan: {rate_pct:
0.1}). Only those keys and numbers change: comments, order and layout are
kept. The decimal point is moved in the text, so the migrated file gives the
same results to the last digit. Old files still read unchanged; a file giving
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
			out, n, err := pctyaml.Migrate(args[0], b, fields(), sourcesKey)
			if err != nil {
				return err
			}
			if err := parse(out); err != nil {
				return fmt.Errorf("%s: the migrated file does not read (please report this): %w", args[0], err)
			}
			if write {
				if n > 0 {
					if err := writeFileAtomic(args[0], out); err != nil {
						return err
					}
				}
				fmt.Fprintf(a.Err, "%s: %d field(s) rewritten as percentages\n", args[0], n)
				return nil
			}
			_, err = a.Out.Write(out)
			return err
		},
	}
	cmd.Flags().BoolVarP(&write, "write", "w", false, "write the result back into FILE instead of standard output")
	return cmd
}

func (a *App) lccMigrateCmd() *cobra.Command {
	return a.migrateCmd("study", lcc.StudyPctFields, "", func(b []byte) error {
		_, err := lcc.ParseStudy(b, units.Options{AllowUnusual: true})
		return err
	})
}

func (a *App) tenderMigrateCmd() *cobra.Command {
	return a.migrateCmd("tender or case", tender.PctFields, "sources", func(b []byte) error {
		_, err := tender.ParseFile(b, units.Options{AllowUnusual: true})
		return err
	})
}

func (a *App) simMigrateCmd() *cobra.Command {
	return a.migrateCmd("scenario", market.PctFields, "", func(b []byte) error {
		_, err := market.ReadScenario("", b, units.Options{AllowUnusual: true})
		return err
	})
}
