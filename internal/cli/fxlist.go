package cli

import (
	"context"

	"github.com/infragame/infragame/finance"
	"github.com/infragame/infragame/finance/fxfile"
	"github.com/infragame/infragame/report"
)

// fxListing returns the rates of t (the dataset's overlaid by user, read
// from userFile) with the series and record each comes from, and their
// table.
func (a *App) fxListing(t, user finance.FXTable, userFile string) ([]fxfile.Rate, *report.Table, error) {
	set, err := a.records(context.Background())
	if err != nil {
		return nil, nil, err
	}
	rows := fxfile.Describe(t, user, fxfile.Origins(set), "--fx "+userFile)
	tab := &report.Table{Title: "Exchange rates (units per USD, annual average)", Columns: []string{"currency", "year", "per_usd", "series", "record"}}
	for _, r := range rows {
		tab.AddRow(r.Currency, r.Year, r.PerUSD, r.Series, r.Record)
	}
	if len(rows) == 0 {
		tab.Notes = append(tab.Notes, "no rates: give --fx FILE (CSV currency,year,per_usd or YAML)")
	}
	return rows, tab, nil
}
