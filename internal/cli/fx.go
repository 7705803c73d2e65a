package cli

import (
	"context"

	"github.com/infragame/infragame/finance"
	"github.com/infragame/infragame/finance/fxfile"
)

// fxTable returns the exchange-rate table commands use: the dataset's FX
// records (the embedded annual averages, each of a named series, plus any FX
// records you imported) overlaid with the rates of userFile (CSV or YAML,
// see fxfile.Parse) when it is not "".
func (a *App) fxTable(userFile string) (finance.FXTable, error) {
	t, err := a.datasetFX()
	if err != nil {
		return t, err
	}
	u, err := a.userFX(userFile)
	if err != nil {
		return finance.FXTable{}, err
	}
	t.Merge(u)
	return t, nil
}

// datasetFX returns the dataset's exchange rates.
func (a *App) datasetFX() (finance.FXTable, error) {
	set, err := a.records(context.Background())
	if err != nil {
		return finance.FXTable{}, err
	}
	return fxfile.FromRecords(set)
}

// userFX reads the rates file given by --fx (an empty table for "").
func (a *App) userFX(userFile string) (finance.FXTable, error) {
	if userFile == "" {
		return finance.FXTable{}, nil
	}
	data, err := a.readInput(userFile)
	if err != nil {
		return finance.FXTable{}, err
	}
	return fxfile.Parse(userFile, data)
}
