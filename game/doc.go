// Package game implements finite games in strategic (normal) form and
// solvers for their Nash equilibria. It knows nothing of any application:
// callers build a [Game] from payoffs and read equilibria back.
//
// # Games and profiles
//
// A [Game] has n ≥ 1 players with named strategies and, for every pure
// profile, one payoff per player as float64 and optionally as an exact
// rational (math/big.Rat). Payoffs are stored in Gambit's order, player 1's
// strategy varying fastest. A mixed profile is a [Profile] (float64) or a
// [RatProfile] (exact). The regret of player i at p is
//
//	max_j u_i(j, p_{−i}) − u_i(p) ≥ 0,
//
// and p is a Nash equilibrium when every regret is zero. Every solver
// verifies what it returns: exact methods check that the exact regret is
// zero, the others that it is at most a stated tolerance, and a solver that
// cannot reach that says so with an error wrapping [ErrNoConvergence].
//
// # Solvers
//
//   - [PureEquilibria]: all pure equilibria, n players (gambit-enumpure).
//   - [EnumMixed]: all extreme equilibria of a two-player game and the
//     maximal Nash subsets they form, exact (lrsnash, gambit-enummixed).
//   - [LemkeHowson]: complementary pivoting from every missing label,
//     optionally recursively from the equilibria found (gambit-lcp).
//   - [SolveZeroSum]: two-player constant-sum games by linear programming
//     (gambit-lp).
//   - [Logit]: the principal branch of the logit quantal response
//     equilibrium correspondence and its limiting Nash equilibrium, n
//     players (gambit-logit).
//   - [SimplicialSubdivision]: a simplicial fixed-point method on the product
//     of simplices with grid refinement, n players (gambit-simpdiv).
//   - [Replicator] and [FictitiousPlay]: learning dynamics returning their path.
//   - [IteratedDominance]: iterated elimination of strictly dominated
//     strategies, by pure strategies exactly and by mixed ones with an LP.
//
// # How the exact enumeration is fast
//
// With payoffs scaled to positive integers, the extreme equilibria of a
// bimatrix game (A, B) are the completely labelled pairs of vertices of the
// best-response polytopes P = {x ≥ 0 : Bᵀx ≤ 1} and Q = {y ≥ 0 : Ay ≤ 1}
// (von Stengel 2002; Avis, Rosenberg, Savani & von Stengel 2010). lrsnash
// enumerates one polytope by lexicographic reverse search and solves an LP
// for the other. [EnumMixed] does the same: it enumerates the polytope of
// lower dimension by lexicographic reverse search (Avis & Fukuda 1992),
// keeping only the current basis, so its memory does not grow with the
// number of vertices; the partner of each nondegenerate vertex is the unique
// solution of a small square system (the rows its labels miss made tight,
// supported where its labels are), solved exactly, and the partners of a
// degenerate vertex are the vertices of a face of the other polytope,
// enumerated by reverse search after a phase-1 run. The search tree is split
// among goroutines (as lrslib's mplrs splits it among processes). Its speed
// also comes from the arithmetic:
//
//   - Fraction-free (integer) pivoting: the tableau holds the minors
//     det(M_β)·M_β⁻¹·M, updated by T'_ij = (T_ij·p − T_ic·T_rj)/d with an exact
//     division (Edmonds 1967), as lrs does.
//   - Per-entry hybrid arithmetic: entries are int64, products are formed in
//     128 bits (math/bits.Mul64), and only an entry whose value leaves int64
//     is held as a math/big.Int — and returns to int64 when it fits again.
//     lrs switches the whole computation to GMP instead.
//   - No hardware division: the exact division by d is a multiplication by
//     the inverse of d's odd part modulo 2⁶⁴ after a shift (Granlund &
//     Montgomery 1994), valid because the quotient is known to be exact; a
//     range test on the 128-bit numerator guards that it fits.
//   - Undo by copy: after exploring a child basis the tableau is
//     restored from a snapshot (a memmove) rather than by a reverse pivot.
//
// Degenerate games are handled exactly: the search walks the
// lexicographically feasible bases (the vertices of the perturbed polytope,
// which cover all vertices of the original), and a degenerate vertex is
// reported at its lexmin basis only (Avis 2000). The result equals lrsnash's
// on several hundred random games including degenerate ones, up to 16×16
// (see oracle_test.go).
//
// [LemkeHowson] pivots in floating point for speed (a 200×200 game takes
// about 0.1 s), then solves the final basis exactly in rationals and checks
// the exact regret; if that fails the path is repeated in exact hybrid
// arithmetic, so its results are exact too.
package game
