// Package auction computes Bayes–Nash equilibria of first-price
// sealed-bid auctions with independent private types and asymmetric
// bidders, and of first-score (scoring) auctions.
//
// Forms. In the value form ([ValueForm]) the highest bid wins, a bidder's
// type is its value v and its profit v − b. In the procurement form
// ([Procurement]) the lowest price wins, a bidder's type is its cost c and
// its profit p − c; internally a cost c is the value −c and a price p the
// bid −p. An optional reserve is the minimum bid (value form) or the price
// cap (procurement form).
//
// Equilibrium. With inverse bids φ_i(b), G_i = F_i(φ_i) and m active
// bidders, the first-order conditions give
//
//	φ_i'(b) = F_i(φ_i)/f_i(φ_i) · [ 1/(m−1) Σ_j 1/(φ_j − b) − 1/(φ_i − b) ],
//
// with φ_i(b̄) = h_i at the common top bid b̄ for the bidders active there
// (a bidder with a low highest type enters below b̄, where
// 1/(m−1) Σ_j 1/(φ_j − b) = 1/(h_i − b)), and φ_i(b_low) = max(ℓ_i, b_low)
// at the lowest winning bid, which is the reserve when it binds and
// otherwise solves (ℓ₁ − b)·Σ_{j≠k} f_j(b)/F_j(b) = 1 for the bidder k with
// the highest lower bound ℓ₁ (Lebrun 1999; Maskin & Riley 2000). Types
// that cannot win bid their own value (cost).
//
// [Solve] uses closed forms where the literature has them (symmetric
// bidders, Riley & Samuelson 1981; two uniform bidders with a common lower
// bound, Griesmer, Levitan & Shubik 1967 and Plum 1992, with a reserve as
// in Kaplan & Zamir 2012). Two bidders with a common lower bound, no
// binding reserve and smooth type densities (uniform, power, truncated
// normal, truncated log-normal with a positive lower bound) are solved as a
// boundary-value problem by Chebyshev collocation in s = √((b − ℓ)/(b̄ − ℓ))
// and Newton's method (the projection approach of Hubbard, Kirkegaard &
// Paarsch 2013); the solution is accepted only when its residual on a fine
// grid and its last Chebyshev coefficients are negligible, and
// [Result.Diagnostics] then reports "spectral_degree", "spectral_residual"
// and "spectral_tail". Two bidders at a binding reserve above both lower
// bounds, with the same distributions, are integrated upward from the
// reserve, where φ_i − b grows like (b − r)^α_i with α_i = R_i/(R_1 + R_2),
// R_i = F_i(r)/f_i(r), and the free factor of that start is found by a
// secant search on the miss at the top (method "forward"; see forward.go).
// Every other case, and any case these do not resolve, goes to bracketed
// backward shooting on the top bid with a
// Dormand–Prince 5(4) integrator (Marshall et al. 1994; Fibich & Gavish
// 2011), joining the inverse bids to their known bottom values where the
// bracketing shots part. They report the method "collocation", "forward"
// and "numerical" respectively;
// Options.Method = Numerical forces shooting. [Result.Verify] checks every
// equilibrium by best responses on a grid and by a seeded Monte Carlo
// simulation.
//
// Scoring auctions ([SolveScoring]) with score s(q) − w_i·p reduce to a
// first-price auction on pseudotypes k_i(θ) = max_q s(q) − w_i·c_i(q, θ)
// (Che 1993; Asker & Cantillon 2008); a bidder-specific weight w_i < 1 on
// price models concessional finance.
//
// Units are the caller's (a currency amount at a price year, or a present
// value); the package never converts or prints. Distributions are plain
// structs implementing [Dist]; randomness (in Verify only) comes from a
// PCG source seeded by the caller. See docs/auction.md for the formulas,
// the file format read by [ParseSpec] and the sources.
package auction
