package tender

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"

	"github.com/infragame/infragame/units"
)

// Constants of the backtest rule ([HostFromObservables]). They are the same
// for every case and were fixed before any case was evaluated.
const (
	// DebtBenchmark is the public-debt/GDP burden benchmark for emerging
	// market economies in the IMF's debt sustainability framework for
	// market-access countries (IMF, "Staff Guidance Note for Public Debt
	// Sustainability Analysis in Market-Access Countries", 9 May 2013:
	// 70 % of GDP).
	DebtBenchmark = 0.70
	// TiedPenaltyRule is the excess cost of tied procurement: the lower end
	// of Jepma's 15–30 % band (Jepma, "The Tying of Aid", OECD 1991, as
	// reported by Clay, Geddes, Natali and te Velde, "The Developmental
	// Effectiveness of Untied Aid", Phase I report, DIIS 2008, p. 46).
	TiedPenaltyRule = 0.15
)

// HostFromObservables is the one rule that turns a case's observable host
// attributes into a host profile for the backtest. It never reads the
// outcome and has no per-case inputs:
//
//	DiscountRate  = (1+y)/(1+π) - 1        real 10-year sovereign yield (Fisher)
//	ShadowPrice λ = D / DebtBenchmark      fiscal-space value, D = debt/GDP
//	GuaranteeCost = 0                      (guaranteed debt already bears λ)
//	TiedPenalty   = TiedPenaltyRule
//	Rule          = FinancingAdjusted
//
// With Analysis.Inflation = π, loan debt service is discounted at the
// nominal yield y itself.
func HostFromObservables(o Observables) Host {
	return DefaultRule.Host(o)
}

// BacktestRule holds the two constants of the backtest rule, so that their
// role can be shown by switching them off (an ablation); [DefaultRule] is
// the rule.
type BacktestRule struct {
	// DebtBenchmark divides the debt ratio to give λ; 0 switches the
	// fiscal-space term off (λ = 0).
	DebtBenchmark float64 `json:"debt_benchmark"`
	// TiedPenalty is the host's tied-procurement cost share.
	TiedPenalty float64 `json:"tied_penalty"`
	// FXPPP, when set, gives every foreign-currency loan the exchange-rate
	// drift of relative purchasing power parity,
	// FXDrift = (1+π_host)/(1+π_lender) - 1, from the observables
	// (inflation and lender_inflation). Not part of the default rule.
	FXPPP bool `json:"fx_ppp"`
}

// DefaultRule is the documented backtest rule.
var DefaultRule = BacktestRule{DebtBenchmark: DebtBenchmark, TiedPenalty: TiedPenaltyRule}

// Host derives the host profile from observables under rule r.
func (r BacktestRule) Host(o Observables) Host {
	h := Host{
		Name:         "backtest rule",
		DiscountRate: (1+o.SovereignYield)/(1+o.Inflation) - 1,
		TiedPenalty:  r.TiedPenalty,
		Rule:         FinancingAdjusted,
	}
	if r.DebtBenchmark > 0 {
		h.ShadowPrice = o.PublicDebtRatio / r.DebtBenchmark
	}
	return h
}

// BacktestRow is the backtest of one case.
type BacktestRow struct {
	Case      string `json:"case"`
	Name      string `json:"name"`
	Year      int    `json:"year"`
	Predicted string `json:"predicted"`
	Actual    string `json:"actual"`
	// Decided is false when the host has chosen no offer yet; Hit is then
	// false and the row is not counted.
	Decided bool `json:"decided"`
	Hit     bool `json:"hit"`
	// Margin is the predicted winner's lead in financing-adjusted cost
	// (analysis currency) and RelMargin that lead over its cost, a
	// decimal fraction (rel_margin_pct in percent in the JSON document,
	// [BacktestRow.MarshalJSON]).
	Margin    float64 `json:"margin"`
	RelMargin float64 `json:"-"`
	Host      Host    `json:"host"`
	// Deciding lists the inputs whose ±20 % change moves the margin most
	// (tornado), marking those that flip the winner.
	Deciding []string `json:"deciding"`
	// ShadowPriceBreakEven is the value of λ in [0, 3] at which the winner
	// changes, if any.
	ShadowPriceBreakEven *float64 `json:"shadow_price_break_even"`
	Result               Result   `json:"result"`
}

// Backtest evaluates each case with the host profile derived by
// [HostFromObservables] and compares the predicted winner with the actual
// one. The case's inflation observable sets the analysis inflation.
func Backtest(files []*File) ([]BacktestRow, error) {
	return BacktestWith(DefaultRule, files)
}

// BacktestWith is [Backtest] under another rule (for ablations).
func BacktestWith(rule BacktestRule, files []*File) ([]BacktestRow, error) {
	var rows []BacktestRow
	for _, f := range files {
		if f.Observables == nil || f.Outcome == nil {
			return nil, fmt.Errorf("case %s: backtest needs observables and outcome", f.ID)
		}
		h := rule.Host(*f.Observables)
		t, err := f.CaseTender(rule)
		if err != nil {
			return nil, fmt.Errorf("case %s: %w", f.ID, err)
		}
		r, err := Evaluate(t)
		if err != nil {
			return nil, fmt.Errorf("case %s: %w", f.ID, err)
		}
		row := BacktestRow{Case: f.ID, Name: f.Name, Year: f.Year, Predicted: r.Winner, Actual: f.Outcome.Winner,
			Decided: f.Outcome.Winner != "", Hit: f.Outcome.Winner != "" && r.Winner == f.Outcome.Winner, Margin: r.Margin, Host: h, Result: r}
		if c := r.Offers[0].Financing.Total; c != 0 {
			row.RelMargin = r.Margin / math.Abs(c)
		}
		if len(r.Offers) > 1 {
			tor, err := MakeTornado(t, 0.2)
			if err != nil {
				return nil, fmt.Errorf("case %s: %w", f.ID, err)
			}
			for _, b := range tor.Bars[:min(3, len(tor.Bars))] {
				s := fmt.Sprintf("%s (swing %.3g", b.Param, b.Swing)
				if b.WinnerLow != r.Winner || b.WinnerHigh != r.Winner {
					s += ", flips"
				}
				row.Deciding = append(row.Deciding, s+")")
			}
			be, err := FindBreakEven(t, "host.shadow_price", 0, 3, 300)
			if err == nil && len(be.Points) > 0 {
				v := be.Points[0].Value
				row.ShadowPriceBreakEven = &v
			} else if err != nil && !errors.Is(err, ErrNoBreakEven) {
				return nil, fmt.Errorf("case %s: %w", f.ID, err)
			}
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// applyPPP sets each loan's FXDrift from relative purchasing power parity.
// A loan in the analysis currency of a host that borrows in it (none of the
// cases) would need no drift; every loan here is foreign to the host.
func applyPPP(t *Tender, f *File) error {
	for i := range t.Offers {
		o := &t.Offers[i]
		if o.Loan == nil {
			continue
		}
		pi, ok := f.Observables.LenderInflation[o.Loan.Currency]
		if !ok {
			return fmt.Errorf("observables.lender_inflation.%s: missing (needed by offers[%d].loan)", o.Loan.Currency, i)
		}
		o.FXDrift = (1+f.Observables.Inflation)/(1+pi) - 1
	}
	return nil
}

// MarshalJSON writes the row with the relative margin in percent of the
// winner's cost (rel_margin_pct: 12 is 12 %).
func (r BacktestRow) MarshalJSON() ([]byte, error) {
	type plain BacktestRow
	return json.Marshal(struct {
		plain
		RelMarginPct float64 `json:"rel_margin_pct"`
	}{plain(r), units.PercentOf(r.RelMargin)})
}
