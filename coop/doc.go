// Package coop solves cooperative games with transferable utility (TU)
// given by a characteristic function, and two-player bargaining problems.
//
// A TU game on players N = {0, …, n−1} is a worth v(S) for every coalition
// S ⊆ N, stored by bitmask (bit i set when player i is in S) with
// v(∅) = 0. The package computes
//
//   - the Shapley value (Shapley 1953):
//     φ_i = Σ_{S ⊆ N∖{i}} |S|!(n−|S|−1)!/n! · [v(S ∪ {i}) − v(S)];
//   - the Banzhaf value β_i = 2^{−(n−1)} Σ_{S ⊆ N∖{i}} [v(S ∪ {i}) − v(S)]
//     and its normalisation β_i/Σ_j β_j (Banzhaf 1965);
//   - the least core, max_x min_{∅≠S≠N} [x(S) − v(S)] subject to
//     x(N) = v(N); the core is non-empty exactly when this value is ≥ 0
//     and the maximiser is then a core allocation;
//   - the nucleolus (Schmeidler 1969) over imputations by the sequence of
//     linear programs of Maschler, Peleg & Shapley (1979);
//   - the Nash (1950) bargaining solution, with a bargaining power for
//     the asymmetric version, and the Kalai–Smorodinsky (1975) solution
//     of a two-player problem with a disagreement point and a concave
//     piecewise-linear Pareto frontier.
//
// The linear programs use gonum's simplex method with constraint
// generation: only the coalition constraints violated by a candidate
// solution are added, so games of 15 players need no 2^15-row tableau.
//
// Cost games (a cost c(S) to be shared rather than a worth) are solved as
// the worth game v = −c; [Game.Cost] marks them, and the allocations
// returned are then cost shares (the core is x(S) ≤ c(S)).
package coop
