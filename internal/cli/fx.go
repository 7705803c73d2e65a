package cli

import (
	"context"

	"github.com/infragame/infragame/finance"
	"github.com/infragame/infragame/finance/fxfile"
)

// fxTable returns the exchange-rate table commands use: the dataset's FX
// records (the embedded Federal Reserve G.5A annual averages plus any FX
// records you imported) overlaid with the rates of userFile (CSV or YAML,
// see fxfile.Parse) when it is not "".
func (a *App) fxTable(userFile string) (finance.FXTable, error) {
	return a.fxTableWith(userFile, finance.FXTable{})
}

// fxTableWith layers, lowest precedence first: the built-in rates, extra
// (for example the fx block of a comparison file), and userFile.
func (a *App) fxTableWith(userFile string, extra finance.FXTable) (finance.FXTable, error) {
	set, err := a.records(context.Background())
	if err != nil {
		return finance.FXTable{}, err
	}
	t, err := fxfile.FromRecords(set)
	if err != nil {
		return finance.FXTable{}, err
	}
	t.Merge(extra)
	if userFile == "" {
		return t, nil
	}
	data, err := a.readInput(userFile)
	if err != nil {
		return finance.FXTable{}, err
	}
	u, err := fxfile.Parse(userFile, data)
	if err != nil {
		return finance.FXTable{}, err
	}
	t.Merge(u)
	return t, nil
}
