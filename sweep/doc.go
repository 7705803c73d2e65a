// Package sweep runs parameter sweeps and global sensitivity analyses of
// any computation with named numeric inputs and named numeric outputs.
//
// A [Spec] names the parameters (each a range or a distribution), the
// design and the number of Monte Carlo runs per point. [NewPlan] turns it
// into a [Plan]: the points of a full grid, a Latin hypercube, a Sobol'
// sequence (Joe and Kuo 2008 direction numbers), the Saltelli (2010)
// radial scheme for Sobol' indices, or Morris (1991) trajectories. Every
// point has a stable id, its position in the plan.
//
// [Run] evaluates a [Model] at the points of one shard of the plan. Run r
// of point p draws its randomness from a PCG source seeded with
// ([Spec.Seed], [RunSeed](Seed, p, r)), so results are identical however
// the plan is split into shards and however many workers evaluate it. Rows
// come out in (point id, run) order, streamed to a [RowWriter]: memory does
// not grow with the number of points.
//
// Shard k of n (0 ≤ k < n) holds the contiguous points
// [k·P/n, (k+1)·P/n) of a plan of P points, so concatenating the shards in
// order gives the single-process output.
//
// [Sobol] and [Morris] compute sensitivity indices from the outputs: first
// order and total Sobol' indices with the Saltelli et al. (2010) and Jansen
// (1999) estimators and bootstrap confidence intervals, and the Morris
// elementary-effect statistics μ* (Campolongo et al. 2007) and σ.
//
// The package does no I/O of its own; package sweep/shards writes shard
// files and merges them, and package sweep/models adapts the infragame
// computations (tender cases, LCC studies, contests) to [Model].
package sweep
