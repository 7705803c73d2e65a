package web

import (
	"encoding/json"
	"github.com/infragame/infragame/internal/parseerr"
	"net/http"
	"strings"

	"github.com/infragame/infragame/lcc"
	"github.com/infragame/infragame/mc"
	"github.com/infragame/infragame/publish"
	"github.com/infragame/infragame/report"
	"github.com/infragame/infragame/report/i18n"
	"github.com/infragame/infragame/units"
)

// lccRoutes are the endpoints of the life-cycle-cost engine: the document
// of `infragame lcc run`.
func (s *Server) lccRoutes() []route {
	return []route{
		{Method: "POST", Pattern: "/api/v1/lcc/run", Summary: "Life-cycle cost of a study file's alternatives, or its Monte Carlo simulation (infragame lcc run)", Handle: s.apiLCCRun},
	}
}

// maxLCCRuns bounds the Monte Carlo runs of one request (the command line
// allows up to lcc.MaxRuns behind --max-runs).
const maxLCCRuns = 20000

// LCCRunRequest is the input of POST /api/v1/lcc/run, as `infragame lcc
// run FILE [--runs N] [--seed S]`.
type LCCRunRequest struct {
	// Study is the text of a study file (docs/lcc.md).
	Study string `json:"study"`
	// Runs is the number of Monte Carlo runs (0: the deterministic
	// evaluation), at most maxLCCRuns.
	Runs int `json:"runs"`
	// Seed is the random seed (default 1).
	Seed         uint64 `json:"seed"`
	AllowUnusual bool   `json:"allow_unusual"`
}

func (s *Server) apiLCCRun(r *http.Request) (any, error) {
	req := LCCRunRequest{Seed: 1}
	label, err := decodeEngineRequest(r, "study", &req)
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(req.Study) == "" {
		return nil, badRequestf("study", "study: required: the text of a study file (docs/lcc.md)")
	}
	if req.Runs < 0 || req.Runs > maxLCCRuns {
		return nil, badRequestf("runs", "runs: want 0 to %d Monte Carlo runs, got %d", maxLCCRuns, req.Runs)
	}
	st, err := lcc.ParseStudy([]byte(req.Study), units.Options{AllowUnusual: req.AllowUnusual})
	if err != nil {
		return nil, BadRequest("study", parseerr.InFile(label, err))
	}
	if req.Runs == 0 {
		res, err := st.Evaluate()
		if err != nil {
			return nil, BadRequest("study", parseerr.InFile(label, err))
		}
		return lcc.RunDocument(st, res), nil
	}
	res, err := lcc.Simulate(r.Context(), *st, mc.Options{Runs: req.Runs, Seed: req.Seed})
	if err != nil {
		return nil, engineError("study", err)
	}
	return lccSimulation{res, st.Analysis.Currency}, nil
}

// lccSimulation is the document of `lcc run --runs N` (lcc.MCResult), with
// the study's currency for the chart's label.
type lccSimulation struct {
	*lcc.MCResult
	currency string
}

func (s lccSimulation) MarshalJSON() ([]byte, error) { return json.Marshal(s.MCResult) }

// lccChart draws the present values by category of a deterministic run
// (the chart of `lcc run --svg`), or the first alternative's agency PV
// over the runs of a simulation.
func lccChart(l i18n.Lang, res any) report.Chart {
	switch d := res.(type) {
	case map[string]any:
		rs, _ := d["alternatives"].([]lcc.Result)
		an, _ := d["analysis"].(map[string]any)
		ccy, _ := an["currency"].(string)
		year, _ := an["price_year"].(int)
		return publish.LCCChart(l, rs, ccy, year)
	case lccSimulation:
		h, err := publish.LCCHistogram(l, d.MCResult, 0, d.currency)
		if err != nil {
			return nil
		}
		return h
	}
	return nil
}
