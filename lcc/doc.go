// Package lcc computes the life-cycle cost of an infrastructure asset offer
// and compares alternatives, deterministically or by Monte Carlo simulation.
//
// # Time and money
//
// Time 0 (the base date) is the start of construction; the study period
// runs to Analysis.Horizon years. Amounts are in constant prices of the
// analysis price year and currency; rates are decimals (0.03 = 3 %). Every
// cash flow belongs to a period ending at time t with length ℓ (1 for a
// year) and is paid at
//
//	τ = t           (EndOfYear, Continuous)
//	τ = t - ℓ/2     (MidYear; never below 0)
//
// and discounted by (1+d)^-τ, or exp(-d τ) under Continuous, as NIST E3's
// EndOfYear/MidYear/ContinuousPresentValue do. In a current-dollar analysis
// (Analysis.Nominal) the flow is first inflated by (1+I)^τ and discounted at
// the Fisher rate (1+d)(1+I)-1 (exp(Iτ) and d+I under Continuous), which
// leaves every present value unchanged (NIST BLCC).
//
// # Items
//
// With T = ConstructionYears + Delay the opening time and
// C = Capex·(1+Overrun) the capital cost:
//
//   - capex: share s_i of C paid at the end of construction period i of n
//     equal periods of length T/n (n = len(Phasing), default ceil(T)).
//     T = 0 pays C at the base date.
//   - om, disaster, downtime, user_cost, co2, benefit: annual amounts in
//     every operating year from T to the horizon, escalated by (1+g)^t to
//     the end t of the period (so a series starting at the base date
//     reproduces UPV*); a last partial year carries its share. Expected annual disaster loss
//     EAL = Σ_h p_h·DR_h·C·(1-Resilience) (agency); downtime cost
//     Σ_h p_h·days_h·(1-Resilience)·DowntimeCost (user); CO2 cost =
//     emissions × CarbonPrice·(1+CarbonPriceGrowth)^t (host).
//   - renewal:NAME: a component's cost, escalated, at T + k·Life for every
//     k ≥ 1 with T + k·Life < Horizon.
//   - residual, residual:NAME: at the horizon, minus the value of the
//     remaining life by linear proration, value·remaining/life (NIST E3
//     ResidualValuePipeline; GSA P100), for the initial investment net of
//     components (life ServiceLife) and for each component's last
//     installation.
//
// Costs fall in three categories reported separately and never summed by
// this package: Agency (owner), User and Host (society: priced CO2).
// NPV = PV(benefits) - PV(agency) - PV(user) - PV(host) is stated as the
// whole-life net value; EIRR is the real rate at which it is zero.
// Equivalent annual cost is PV / Σ_{t=1..N} DF(t) at the real rate, which
// is PV/UPV(d, N) under EndOfYear.
//
// # Factors
//
// SPV, UPV and UPVStar are the NIST Handbook 135 discount factors;
// NominalRate and RealRate the Fisher relation.
//
// # Probabilistic mode
//
// As in FHWA RealCost, any numeric input may be a distribution ([mc.Dist]:
// uniform, triangular, normal, lognormal, PERT; sampled with gonum
// stat/distuv) and Overrun and Delay carry cost-overrun and schedule risk.
// [Simulate] draws run r from a PCG source seeded with (seed, r), so
// results do not depend on the number of workers, and reports mean, SD and
// P10/P50/P90 of each category's PV and of the difference between each
// alternative and the first, evaluated on the same draws.
package lcc
