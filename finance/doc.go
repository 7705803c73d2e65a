// Package finance values the money side of an infrastructure offer: amounts
// with currency and price year, exchange-rate tables, loan terms, period by
// period debt-service schedules, present values and the grant element of a
// loan under every recognised convention, and the comparison of competing
// financing offers from the host country's point of view.
//
// The package is pure: no I/O, no globals, no randomness. Rates are decimals
// (0.001 = 0.1 %); percentages appear only at the command-line and file
// edges, whose field names say so (rate_pct).
//
// # Time and discounting
//
// A loan is committed at time 0. With a payments per year, period k
// (k = 1 … a·M for maturity M years) ends at t = k/a years; row 0 of a
// [Schedule] holds what happens at commitment (first disbursement, front-end
// fee). Interest for period k is (r_k/a)·O_{k-1}, where r_k is the nominal
// annual rate in force and O_{k-1} the balance after the events of row k-1.
// A flow at t years is discounted by (1+D)^-t for an annual discount rate D,
// that is by (1+d)^-k with the per-period rate d = (1+D)^(1/a) - 1. This is
// the OECD-DAC convention; it reproduces AidData's published grant elements
// to 4 decimals (see [AidDataGrantElement]).
//
// # Grace and maturity
//
// Maturity M counts from commitment to the last repayment and includes the
// grace period G. By default G is the interest-only period: the first
// principal repayment falls one period after the grace period ends, so an
// equal-principal loan has n = a·(M-G) repayments (JICA's "40 years including
// 10 years grace" is 60 semi-annual repayments). With
// [LoanTerms].FirstRepaymentAtGraceEnd the first repayment falls at G itself
// (the reading of the OECD CRS and AidData fields "First Loan Repayment
// Date" = commitment + grace), giving a·(M-G)+1 repayments.
//
// # Grant element
//
// The grant element of a loan is
//
//	GE = 1 - PV(debt service) / PV(disbursements)
//
// both discounted to commitment; debt service includes interest, principal
// and fees. For a single disbursement at commitment and an equal-principal
// profile it has the closed form of the OECD-DAC (DCD/DAC(2016)...,
// "Calculation of the grant element"):
//
//	GE = (1 - i/d) · (1 - (q^g - q^(g+n)) / (d·n)),  i = r/a, q = 1/(1+d)
//
// with g interest-only periods and n repayments; [ClosedFormGrantElement]
// also gives the annuity and bullet forms. The methods ([Method]):
//
//   - imf: 5 % unified discount rate, IMF and World Bank since October 2013
//     (IMF Decision No. 15462-(13/97)); concessional if GE ≥ 35 % (IMF Debt
//     Limits Policy).
//   - dac1972: the traditional OECD-DAC method at 10 %; ODA if GE ≥ 25 %
//     (DAC definition of ODA, 1972).
//   - dac2018: the DAC grant-equivalent method (HLM Communiqué of
//     16 December 2014, Annex 1; in force for ODA from 2018): discount rate
//     5 % plus 1 % for upper-middle-income, 2 % for lower-middle-income and
//     4 % for least developed and other low-income recipients (6, 7, 9 %);
//     ODA-eligible if GE ≥ 10, 15, 45 % respectively; the grant-equivalent
//     amount is GE × face value.
//   - aiddata: the convention of AidData's Global Chinese Development Finance
//     dataset (GCDF 2.0/3.0): the DAC closed form with semi-annual equal
//     principal repayments, the first at the end of the recorded grace
//     period, fractional maturities taken as they are, result bounded to
//     [0, 1]. It uses only rate, maturity and grace.
//   - user: any annual discount rate, schedule-based like imf and dac.
//
// # Sources of the test oracles
//
// AidData GCDF 3.0 records 54912 (Antigua and Barbuda, Port of St John's),
// 39740 (Bahamas, North Abaco Port) and 69143 (Jamaica, Port Authority),
// published in aiddata/gcdf-geospatial-data,
// examples/ports_filter/project_level_data/projects.csv, columns
// "Grant Element (OECD Cash-Flow)", "Grant Element (OECD Grant-Equiv)" and
// "Grant Element (IMF)".
package finance
