// Package mc is the Monte Carlo machinery shared by lcc, tender and market:
// named numeric parameters with valid ranges ([Param]), the distributions
// an uncertain parameter may take ([Dist]), seeded parallel runs
// ([Parallel], [Source]) and summaries of a sample ([Summarize],
// [Quantile], [Interval]).
//
// # Reproducibility
//
// Run r of a simulation with seed s draws from its own PCG source,
// [Source](s, r) = rand.NewPCG(s, r): a run's draws depend only on (s, r),
// never on which goroutine executes it, so results are identical for any
// number of workers as long as each run writes its result into a slot
// indexed by r, or returns it to [Stream], which hands results to a sink in
// run order.
//
// The package knows no domain: the meaning of a parameter is given by the
// package that owns the pointer in [Param.Ptr].
package mc
