// Package tender evaluates competing infrastructure offers from the host
// country's point of view, finds the inputs at which the winner changes,
// and backtests one shared host rule on real contests.
//
// An [Offer] is technical (an lcc.Asset), financial (finance.LoanTerms and
// the share of the capital cost financed) and a set of attributes
// (budget treatment, guarantee, tied procurement, local content, technology
// transfer). A [Host] holds the discount rate, the value of fiscal space λ
// and an evaluation [Rule]:
//
//   - LowestPrice: score = -price.
//   - LowestLCC: score = -PV(agency life-cycle cost) at the host's rate.
//   - FinancingAdjusted: score = -(equity + debt service + life-cycle +
//     λ·budget part + guarantee cost + tied cost), all PV at the host's
//     rate; debt service from the finance schedule of a unit loan, drawn pro
//     rata with the capital outlays and discounted at the nominal rate
//     (1+d)(1+inflation)-1.
//   - Weighted: score = Σ_c (w_c/Σw)·n_c with min-max or ratio
//     normalisation of each criterion (lower-is-better criteria inverted).
//   - QuasiLinear: S = V(q) - p with p the financing-adjusted cost and V the
//     money value of construction time, local content and technology
//     transfer (Che, RAND J. Econ. 24(4), 1993).
//
// [Evaluate] ranks the offers and returns every term for every offer.
// [FindBreakEven] finds where the winner changes as one parameter moves
// (grid scan then bisection to 1e-9 relative), [MakeTornado] the winner's
// margin under ±X % of each input, and [WinnerMap] the winner over a grid
// of two parameters. Parameters are named as listed by [Tender.Params].
// [Simulate] draws the parameters of Tender.Uncertain (PCG per run, so the
// result is independent of the number of workers) and reports each offer's
// probability of winning.
//
// A [File] is the YAML form of a tender or of a case of the case library
// (package cases): offers, either a host profile or the host's observable
// attributes, the actual outcome and a source for every number.
// [HostFromObservables] is the one documented rule that derives a host
// profile from observables for [Backtest]; it never reads the outcome.
//
// The package is pure: no I/O, no globals, no randomness.
package tender
