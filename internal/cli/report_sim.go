package cli

import (
	"github.com/spf13/cobra"

	"github.com/infragame/infragame/publish"
)

func (a *App) reportSimCmd() *cobra.Command {
	var rf reportFlags
	var fl simFlags
	var years []int
	c := &cobra.Command{
		Use:   "sim SCENARIO [--runs N --seed S] [-o FILE.html] [--lang en|zh] [--pdf FILE.pdf]",
		Short: "A market-simulation scenario: what it changes, orders by exporter, shares, margins, hosts, with intervals",
		Example: `  infragame report sim japan-tiers-pqi --runs 200 -o pqi.html
  infragame report sim my-scenario.yaml --lang zh --pdf my-scenario.pdf`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			l, err := parseLang(rf.lang)
			if err != nil {
				return err
			}
			sc, sim, err := fl.load(args[0], a.unitOptions())
			if err != nil {
				return err
			}
			sum, err := a.simulate(cmd, sim, fl, nil)
			if err != nil {
				return err
			}
			set, err := a.records(cmd.Context())
			if err != nil {
				return err
			}
			m := a.meta(cmd, args, l, publish.Provenance(l, set))
			return a.writeReport(cmd, rf, publish.Sim(publish.SimInput{Scenario: sc, Summary: sum, Years: years}, m))
		},
	}
	rf.register(c)
	fl.add(c, 200)
	c.Flags().IntSliceVar(&years, "years", nil, "years shown in the tables (default: first, 2013, 2015, 2020, last)")
	return c
}
