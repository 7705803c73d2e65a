// Package market simulates the decade-long, multi-region game of
// infrastructure export: a pipeline of projects by region × sector × year,
// exporters (China, Japan, others) bidding with their cost, quality, speed,
// lenders and concessional budgets, hosts choosing by the tender engine's
// quasi-linear rule through a precomputed fast path, host debt rising with
// what they borrow, optional joint bids, and exporters adapting their
// markups between years. docs/sim.md describes the model by the ODD
// protocol (Grimm et al. 2006, 2020) with every parameter's unit, default
// and source.
//
// The package does no I/O: [Run] streams [Row]s to a callback and returns
// aggregates; scenario files are read from bytes ([ReadScenario]).
// Randomness comes only from PCG sources seeded with (seed, run index)
// (package mc), so results are identical for any number of workers.
package market

import "errors"

// ErrUnknownParam is returned, wrapped, for a parameter name the model does
// not have.
var ErrUnknownParam = errors.New("market: unknown parameter")
