package brief

import (
	"encoding/json"

	"github.com/infragame/infragame/contest"
	"github.com/infragame/infragame/dataset"
	"github.com/infragame/infragame/tender"
	"github.com/infragame/infragame/units"
)

// BacktestRow is the brief's condensed view of a [tender.BacktestRow].
type BacktestRow struct {
	Case      string `json:"case"`
	Predicted string `json:"predicted"`
	Actual    string `json:"actual"`
	Decided   bool   `json:"decided"`
	Hit       bool   `json:"hit"`
	// RelMargin is the winner's margin as a fraction of its cost; the JSON
	// document writes it in percent ([BacktestRow.MarshalJSON]).
	RelMargin float64 `json:"-"`
}

// MarshalJSON writes the row with the margin in percent of the winner's
// cost (rel_margin_pct: 12 is 12 %).
func (r BacktestRow) MarshalJSON() ([]byte, error) {
	type plain BacktestRow
	return json.Marshal(struct {
		plain
		RelMarginPct float64 `json:"rel_margin_pct"`
	}{plain(r), units.PercentOf(r.RelMargin)})
}

// Report is the document of "infragame brief": the seed paper's headline
// picture computed from the records, the recorded loans' grant elements,
// the tender engine's backtest on the case library (in and out of sample)
// and the compete-or-cooperate analysis of every case with a contest:
// block.
type Report struct {
	Backtest            []BacktestRow         `json:"backtest"`
	BacktestOutOfSample []tender.MethodScore  `json:"backtest_out_of_sample"`
	CompeteOrCooperate  []contest.CaseSummary `json:"compete_or_cooperate"`
	Headline            *Brief                `json:"headline"`
	LoanGrantElements   []LoanGE              `json:"loan_grant_elements"`
	// BacktestRows and CrossValidation are the full results behind
	// Backtest and BacktestOutOfSample.
	BacktestRows    []tender.BacktestRow   `json:"-"`
	CrossValidation tender.CrossValidation `json:"-"`
}

// Build computes the brief of the records in set and the cases in files
// (the case library, cases.All): [Compute], [LoanGrantElements],
// [tender.Backtest], [tender.CrossValidate] and [contest.Summarize] under
// [tender.DefaultRule].
func Build(set *dataset.Set, files []*tender.File) (*Report, error) {
	b, err := Compute(set)
	if err != nil {
		return nil, err
	}
	loans, err := LoanGrantElements(set)
	if err != nil {
		return nil, err
	}
	bt, err := tender.Backtest(files)
	if err != nil {
		return nil, err
	}
	cv, err := tender.CrossValidate(files)
	if err != nil {
		return nil, err
	}
	coop, err := contest.Summarize(files, tender.DefaultRule)
	if err != nil {
		return nil, err
	}
	rows := make([]BacktestRow, len(bt))
	for i, r := range bt {
		rows[i] = BacktestRow{r.Case, r.Predicted, r.Actual, r.Decided, r.Hit, r.RelMargin}
	}
	return &Report{Backtest: rows, BacktestOutOfSample: cv.Summary, CompeteOrCooperate: coop, Headline: b,
		LoanGrantElements: loans, BacktestRows: bt, CrossValidation: cv}, nil
}

// Summary is the document of "infragame data summary": the records
// counted by kind, region, sector and country, with the headline series.
type Summary struct {
	Counts  dataset.Counts `json:"counts"`
	Orders  Orders         `json:"orders"`
	Sectors []Sector       `json:"sectors"`
}

// Summary returns the data summary of b.
func (b *Brief) Summary() Summary {
	return Summary{Counts: b.Counts, Orders: b.Orders, Sectors: b.Sectors}
}
