package cli

import (
	"github.com/spf13/cobra"

	"github.com/infragame/infragame/lcc"
)

// addMaxRuns adds --max-runs, the cap on --runs, to a Monte Carlo command.
func addMaxRuns(c *cobra.Command, maxRuns *int) {
	c.Flags().IntVar(maxRuns, "max-runs", lcc.DefaultMaxRuns, "largest --runs accepted (memory grows with the runs kept for percentiles)")
}

// checkRuns checks --runs against --max-runs.
func checkRuns(runs, maxRuns int) error {
	if maxRuns < 1 || maxRuns > lcc.MaxRuns {
		return usagef("--max-runs %d: want 1 to %d", maxRuns, lcc.MaxRuns)
	}
	if runs < 0 {
		return usagef("--runs must be ≥ 0, got %d", runs)
	}
	if runs > maxRuns {
		return usagef("--runs %d: more than %d (raise the limit with --max-runs, at most %d)", runs, maxRuns, lcc.MaxRuns)
	}
	return nil
}
