package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/infragame/infragame/coop"
	"github.com/infragame/infragame/report"
)

func (a *App) coopCmd() *cobra.Command {
	c := &cobra.Command{
		Use:   "coop",
		Short: "Cooperative games: Shapley value, Banzhaf index, core, nucleolus, bargaining",
		Long: `Transferable-utility games given by a characteristic function (every coalition's
worth, or a weighted majority or airport game) and two-player bargaining
problems. See docs/coop.md for the file format and the JSON fields.`,
	}
	a.addSubcommands(c, subcommand{"solve", a.coopSolveCmd}, subcommand{"bargain", a.coopBargainCmd})
	return c
}

func (a *App) readCoopSpec(path string) (*coop.Spec, error) {
	b, err := a.readInput(path)
	if err != nil {
		return nil, err
	}
	return coop.ParseSpec(path, b, a.unitOptions())
}

func (a *App) coopSolveCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "solve FILE.yaml",
		Short: "Shapley value, Banzhaf value and index, core (with an allocation in it), nucleolus",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := a.Format()
			if err != nil {
				return err
			}
			sp, err := a.readCoopSpec(args[0])
			if err != nil {
				return err
			}
			g := sp.Game
			if g == nil {
				return fmt.Errorf("%s: no characteristic function (use coop bargain for a bargaining problem)", args[0])
			}
			if n := len(g.Players); n > 14 {
				fmt.Fprintf(a.Err, "infragame: note: %d players give %d coalitions; the core and nucleolus grow exponentially and may take minutes (bound the run with --timeout; Ctrl-C stops it)\n", n, 1<<n)
			}
			doc, err := coop.Solve(cmd.Context(), g)
			if err != nil {
				return err
			}
			title := "TU game"
			if g.Cost {
				title = "Cost game (allocations are cost shares)"
			}
			t := &report.Table{Title: title, Columns: []string{"player", "shapley", "banzhaf", "banzhaf_index", "core_allocation", "nucleolus"}}
			for i, p := range g.Players {
				row := []any{p, doc.Shapley[i], doc.Banzhaf[i], nil, nil, nil}
				if doc.BanzhafIndex != nil {
					row[3] = doc.BanzhafIndex[i]
				}
				if doc.Core.NonEmpty {
					row[4] = doc.Core.Allocation[i]
				}
				if doc.Nucleolus != nil {
					row[5] = doc.Nucleolus[i]
				}
				t.AddRow(row...)
			}
			t.Notes = append(t.Notes, fmt.Sprintf("core non-empty: %v (least-core value %s)", doc.Core.NonEmpty, report.FormatFloat(doc.Core.LeastCore)))
			if doc.NucleolusError != "" {
				t.Notes = append(t.Notes, "nucleolus: "+doc.NucleolusError)
			}
			return report.Write(a.Out, f, doc, t)
		},
	}
}

func (a *App) coopBargainCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "bargain FILE.yaml",
		Short: "Two-player Nash bargaining and Kalai–Smorodinsky solutions with a disagreement point",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := a.Format()
			if err != nil {
				return err
			}
			sp, err := a.readCoopSpec(args[0])
			if err != nil {
				return err
			}
			b := sp.Bargain
			if b == nil {
				return fmt.Errorf("%s: not a two-player bargaining problem", args[0])
			}
			doc, err := coop.SolveBargain(b)
			if err != nil {
				return err
			}
			t := &report.Table{Title: "Two-player bargaining", Columns: []string{"player", "disagreement", "nash", "kalai_smorodinsky"}}
			for i := 0; i < 2; i++ {
				t.AddRow(b.Players[i], b.Disagreement[i], doc.Nash[i], doc.KalaiSmorodinsky[i])
			}
			t.Notes = append(t.Notes, fmt.Sprintf("bargaining power of %s: %s %%", b.Players[0], report.FormatFloat(doc.PowerPct)))
			return report.Write(a.Out, f, doc, t)
		},
	}
}
