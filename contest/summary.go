package contest

import (
	"fmt"

	"github.com/infragame/infragame/tender"
)

// CaseSummary condenses the compete-or-cooperate analysis of one case:
// both exporters' expected profits and the host's surplus when they compete,
// the consortium's joint profit and the host's surplus when they cooperate,
// and the thresholds at which the verdict flips. Money is in the case's
// currency (USD m for the case library).
type CaseSummary struct {
	Case            string     `json:"case"`
	Exporters       [2]string  `json:"exporters"`
	Competitive     [2]float64 `json:"competitive_profits"`
	HostCompetitive float64    `json:"host_surplus_competitive"`
	JointProfit     float64    `json:"joint_profit"`
	HostCooperative float64    `json:"host_surplus_cooperative"`
	// PaysBoth: the consortium's joint profit exceeds the sum of the
	// competitive profits.
	PaysBoth bool `json:"pays_both"`
	// Thresholds are computed as for "contest analyze" ([FindThresholds]).
	Thresholds
}

// Summarize runs the analysis on every file with a contest: block, in the
// files' order, under the backtest's host rule.
func Summarize(files []*tender.File, rule tender.BacktestRule) ([]CaseSummary, error) {
	rows := []CaseSummary{}
	for _, f := range files {
		if f.Contest == nil {
			continue
		}
		row, err := SummarizeCase(f, rule)
		if err != nil {
			return nil, err
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// SummarizeCase is [Summarize] for one file, which must have a contest: block.
func SummarizeCase(f *tender.File, rule tender.BacktestRule) (CaseSummary, error) {
	s, _, err := FromCase(f, rule)
	if err != nil {
		return CaseSummary{}, fmt.Errorf("case %s: %w", f.ID, err)
	}
	r, err := Analyze(s)
	if err != nil {
		return CaseSummary{}, fmt.Errorf("case %s: %w", f.ID, err)
	}
	row := CaseSummary{Case: f.ID, Exporters: [2]string{s.Exporters[0].Name, s.Exporters[1].Name},
		Competitive:     [2]float64{r.Competitive.Exporters[0].ExpectedProfit, r.Competitive.Exporters[1].ExpectedProfit},
		HostCompetitive: r.Competitive.HostSurplus, JointProfit: r.Cooperative.JointProfit,
		HostCooperative: r.Cooperative.HostSurplus, PaysBoth: r.PaysBoth}
	if row.Thresholds, err = FindThresholds(s, r.Competitive); err != nil {
		return CaseSummary{}, fmt.Errorf("case %s: %w", f.ID, err)
	}
	return row, nil
}
