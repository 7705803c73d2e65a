package cli

import (
	"github.com/spf13/cobra"

	"github.com/infragame/infragame/publish"
	"github.com/infragame/infragame/sweep"
)

func (a *App) reportSweepCmd() *cobra.Command {
	var rf reportFlags
	var planPath string
	var opt sweep.AnalyzeOptions
	c := &cobra.Command{
		Use:   "sweep RESULT [--plan FILE] [-o FILE.html] [--lang en|zh] [--pdf FILE.pdf]",
		Short: "A sweep's sensitivity analysis: parameters, then per output the Sobol' or Morris indices with their tornado",
		Long: `Analyse a merged sweep result (as "sweep analyze" does: Sobol' S1 and ST with
bootstrap intervals for a saltelli design, Morris μ*, μ and σ for a morris design)
and write the report: the parameters and their ranges, and for each output its
mean and variance, the tornado of its indices and their table.`,
		Example: `  infragame sweep run examples/sweep/ishigami.yaml --out is && infragame sweep merge is -o is.csv
  infragame report sweep is.csv -o ishigami.html --pdf ishigami.pdf`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			l, err := parseLang(rf.lang)
			if err != nil {
				return err
			}
			an, pi, err := analyzeResult(cmd, args[0], planPath, opt)
			if err != nil {
				return err
			}
			m := a.meta(cmd, args, l, "sweep result "+args[0]+" (plan fingerprint "+short12(pi.Fingerprint)+")")
			return a.writeReport(cmd, rf, publish.Sweep(publish.SweepInput{Analysis: an, Spec: pi.Spec, Result: args[0]}, m))
		},
	}
	rf.register(c)
	c.Flags().StringVar(&planPath, "plan", "", "plan description (default: RESULT.plan.json)")
	c.Flags().IntVar(&opt.Bootstrap, "bootstrap", 1000, "bootstrap resamples of the Sobol' intervals")
	c.Flags().Float64Var(&opt.Confidence, "confidence", 0.95, "confidence level of the intervals")
	return c
}

// short12 is the first 12 characters of a fingerprint.
func short12(s string) string {
	if len(s) > 12 {
		return s[:12]
	}
	return s
}
