package publish

import (
	"github.com/infragame/infragame/dataset"
	"github.com/infragame/infragame/report"
)

// DatasetTables are the tables of an export as `infragame data export
// --format xlsx` writes them and the web app's workbook download serves
// them: one per kind, titled with the kind's plural, the columns of the
// CSV export, free-text columns kept as text and each record's source.
func DatasetTables(e *dataset.Export) ([]*report.Table, error) {
	ts, err := e.Tables()
	if err != nil {
		return nil, err
	}
	var out []*report.Table
	for _, x := range ts {
		out = append(out, &report.Table{Title: x.Kind.Plural(), Columns: x.Columns, Rows: x.Rows, TextColumns: x.Text, Sources: x.Sources})
	}
	return out, nil
}
