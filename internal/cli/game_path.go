package cli

import (
	"fmt"

	"github.com/infragame/infragame/game"
	"github.com/infragame/infragame/report"
)

// pathTable lists the path of game solve --path: one row per point, the
// path's parameter (logit: λ; simpdiv: the grid of each restart; replicator
// and fp: the iteration), then one column per strategy, "PLAYER:STRATEGY".
func pathTable(g *game.Game, method string, path []game.PathPoint) *report.Table {
	param := map[string]string{"logit": "lambda", "simpdiv": "grid", "replicator": "iteration", "fp": "iteration"}[method]
	if param == "" {
		param = "t"
	}
	t := &report.Table{ID: "path", Title: fmt.Sprintf("%s path: %d points (%s)", method, len(path), param), Columns: []string{param}}
	for i, p := range g.Players {
		for _, s := range g.Strategies[i] {
			t.Columns = append(t.Columns, p+":"+s)
		}
	}
	for _, pt := range path {
		row := []any{pt.T}
		for _, probs := range pt.Profile {
			for _, x := range probs {
				row = append(row, x)
			}
		}
		t.AddRow(row...)
	}
	t.SheetUnits = make([]string, len(t.Columns))
	for c := 1; c < len(t.SheetUnits); c++ {
		t.SheetUnits[c] = report.UnitProbability
	}
	return t
}
