package finance

import (
	"math"
)

// Row is one line of a debt-service schedule, at the end of a payment
// period. Row 0 is the commitment date. Amounts are in the loan currency.
type Row struct {
	// Period k; the row falls at Time = k / payments per year.
	Period int     `json:"period"`
	Time   float64 `json:"time_years"`
	// Rate is the nominal annual rate that applied during the period.
	Rate float64 `json:"rate"`
	// Disbursed is drawn at this date (after the period's interest accrued).
	Disbursed float64 `json:"disbursed"`
	// Interest for the period on the balance outstanding during it.
	Interest float64 `json:"interest"`
	// Principal repaid at this date.
	Principal float64 `json:"principal"`
	// Fees paid at this date: front-end fee (row 0) and commitment fee on
	// the balance undisbursed during the period.
	Fees float64 `json:"fees"`
	// Outstanding balance after this row's disbursement and repayment.
	Outstanding float64 `json:"outstanding"`
}

// DebtService is interest + principal + fees paid at this row.
func (r Row) DebtService() float64 { return r.Interest + r.Principal + r.Fees }

// Schedule is a loan's cash flows period by period.
type Schedule struct {
	Currency        string `json:"currency"`
	PaymentsPerYear int    `json:"payments_per_year"`
	Rows            []Row  `json:"rows"`
}

// Totals sums a schedule's columns.
type Totals struct {
	Disbursed   float64 `json:"disbursed"`
	Interest    float64 `json:"interest"`
	Principal   float64 `json:"principal"`
	Fees        float64 `json:"fees"`
	DebtService float64 `json:"debt_service"`
}

// Totals returns the column sums. Principal equals Disbursed exactly (not
// just to rounding): every disbursement and repayment is a multiple of the
// same power of two, so their sums are exact in float64.
func (s *Schedule) Totals() Totals {
	var t Totals
	for _, r := range s.Rows {
		t.Disbursed += r.Disbursed
		t.Interest += r.Interest
		t.Principal += r.Principal
		t.Fees += r.Fees
	}
	t.DebtService = t.Interest + t.Principal + t.Fees
	return t
}

// quantum returns the grid on which principal flows are placed: the unit in
// the last place of p, a power of two. Sums of non-negative multiples of it
// up to p are exact in float64.
func quantum(p float64) float64 {
	_, e := math.Frexp(p) // p = f·2^e, f in [0.5, 1)
	return math.Ldexp(1, e-53)
}

func snap(x, q float64) float64 { return math.Round(x/q) * q }

// Schedule builds the period-by-period debt service of the loan. It returns
// the validation error of [LoanTerms.Validate] for invalid terms.
//
// Principal flows are exact: the disbursements add up to Principal and the
// repayments add up to the disbursements, with no rounding residue; the last
// repayment leaves the balance at exactly 0. An annuity's level payment is
// computed at the rate in force at the first repayment.
func (t *LoanTerms) Schedule() (Schedule, error) {
	if err := t.Validate(); err != nil {
		return Schedule{}, err
	}
	var s Schedule
	t.schedule(&s)
	return s, nil
}

// ScheduleInto is [LoanTerms.Schedule] writing into s: its Rows are reused
// when their capacity suffices, so that a loop over many loans (Monte
// Carlo runs, sweeps) builds their schedules without allocating. On error
// s is left unchanged.
func (t *LoanTerms) ScheduleInto(s *Schedule) error {
	if err := t.Validate(); err != nil {
		return err
	}
	t.schedule(s)
	return nil
}

// schedule assumes valid terms. It writes the schedule into s, reusing
// s.Rows.
func (t *LoanTerms) schedule(s *Schedule) {
	a := t.PaymentsPerYear
	af := float64(a)
	total, first, n := t.Periods()
	P := t.Principal
	q := quantum(P)

	// The rows hold the disbursement and principal of each period while
	// they are computed (every other field is set in the last loop).
	rows := s.Rows[:0]
	if cap(rows) < total+1 {
		rows = make([]Row, total+1)
	} else {
		rows = rows[:total+1]
		clear(rows)
	}

	// Disbursement by row: cumulative shares snapped to the grid, so that
	// the last cumulative value is P exactly.
	if len(t.Disbursement) == 0 {
		rows[0].Disbursed = P
	} else {
		cum, prev := 0.0, 0.0
		for y, s := range t.Disbursement {
			cum += s
			c := snap(P*cum, q)
			if y == len(t.Disbursement)-1 {
				c = P
			}
			c = min(max(c, prev), P)
			rows[y*a].Disbursed += c - prev
			prev = c
		}
	}

	// Principal by row.
	switch t.profile() {
	case Bullet:
		rows[total].Principal = P
	case EqualPrincipal:
		// Target balances snapped to the grid; each repayment is the
		// difference of two grid values, so exact.
		prevBal := P
		for k := 1; k <= n; k++ {
			bal := snap(P*float64(n-k)/float64(n), q)
			if k == n {
				bal = 0
			}
			rows[first+k-1].Principal = prevBal - bal
			prevBal = bal
		}
	case Custom:
		prevBal, cum := P, 0.0
		for k, s := range t.RepaymentShares {
			cum += s
			bal := snap(P*(1-cum), q)
			if k == n-1 {
				bal = 0
			}
			bal = min(max(bal, 0), prevBal)
			rows[first+k].Principal = prevBal - bal
			prevBal = bal
		}
	case Annuity:
		i := t.RateInYear(int(float64(first-1)/af)) / af
		var pay float64 // level payment per unit of principal
		if i == 0 {
			pay = 1 / float64(n)
		} else {
			pay = i / (1 - math.Pow(1+i, -float64(n)))
		}
		bal := P
		for k := 0; k < n; k++ {
			p := snap(P*pay-bal*i, q)
			if k == n-1 || p > bal {
				p = bal
			}
			p = max(p, 0)
			rows[first+k].Principal = p
			bal -= p
		}
	}

	out, drawn := 0.0, 0.0
	for k := 0; k <= total; k++ {
		r := Row{Period: k, Time: float64(k) / af, Disbursed: rows[k].Disbursed, Principal: rows[k].Principal}
		if k > 0 {
			yr := int(float64(k-1) / af)
			r.Rate = t.RateInYear(yr)
			r.Interest = out * r.Rate / af
			r.Fees = (P - drawn) * t.CommitmentFee / af
		} else {
			r.Rate = t.RateInYear(0)
			r.Fees = P * t.FrontEndFee
		}
		drawn += r.Disbursed
		out = out + r.Disbursed - r.Principal
		if k == total {
			out = 0 // exact by construction; guards -0
		}
		r.Outstanding = out
		rows[k] = r
	}
	*s = Schedule{Currency: t.Currency, PaymentsPerYear: a, Rows: rows}
}

// Discount returns the discount factor (1+D)^-t for annual rate D at t years.
func Discount(rate, t float64) float64 { return math.Pow(1+rate, -t) }

// PV returns the present values at commitment, at annual discount rate
// D > -1, of the debt service and of the disbursements of the schedule.
func (s *Schedule) PV(rate float64) (debtService, disbursed float64) {
	if len(s.Rows) == 0 {
		return 0, 0
	}
	a := float64(s.PaymentsPerYear)
	q := math.Pow(1+rate, -1/a) // per-period factor 1/(1+d)
	f := 1.0
	for _, r := range s.Rows {
		debtService += r.DebtService() * f
		disbursed += r.Disbursed * f
		f *= q
	}
	return debtService, disbursed
}

// GrantElement returns 1 - PV(debt service)/PV(disbursements) at annual
// discount rate D, as a fraction (not bounded: a loan dearer than the
// discount rate has a negative grant element).
func (s *Schedule) GrantElement(rate float64) float64 {
	ds, d := s.PV(rate)
	return 1 - ds/d
}
