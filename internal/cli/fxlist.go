package cli

import (
	"context"

	"github.com/infragame/infragame/finance"
	"github.com/infragame/infragame/finance/fxfile"
	"github.com/infragame/infragame/report"
)

// fxRow is one rate of 'finance fx': the rate and where it comes from.
type fxRow struct {
	Currency string  `json:"currency"`
	Year     int     `json:"year"`
	PerUSD   float64 `json:"per_usd"`
	// Series is the dataset record's series, or "--fx FILE" for a rate of
	// the user's file.
	Series string `json:"series"`
	// Record is the dataset record's id ("" for a rate of the user's file).
	Record string `json:"record"`
}

// fxListing returns the rates of t (the dataset's overlaid by user, read
// from userFile) with the series and record each comes from.
func (a *App) fxListing(t, user finance.FXTable, userFile string) ([]fxRow, *report.Table, error) {
	set, err := a.records(context.Background())
	if err != nil {
		return nil, nil, err
	}
	origins := fxfile.Origins(set)
	rates := t.Rates()
	rows := make([]fxRow, 0, len(rates))
	tab := &report.Table{Title: "Exchange rates (units per USD, annual average)", Columns: []string{"currency", "year", "per_usd", "series", "record"}}
	for _, r := range rates {
		row := fxRow{Currency: r.Currency, Year: r.Year, PerUSD: r.PerUSD}
		if _, err := user.PerUSD(r.Currency, r.Year); err == nil {
			row.Series = "--fx " + userFile
		} else {
			o := origins[r.Currency][r.Year]
			row.Series, row.Record = o.Series, o.Record
		}
		rows = append(rows, row)
		tab.AddRow(row.Currency, row.Year, row.PerUSD, row.Series, row.Record)
	}
	if len(rows) == 0 {
		tab.Notes = append(tab.Notes, "no rates: give --fx FILE (CSV currency,year,per_usd or YAML)")
	}
	return rows, tab, nil
}
