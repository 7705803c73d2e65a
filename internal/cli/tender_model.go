package cli

import (
	"errors"
	"fmt"
	"sort"

	"github.com/infragame/infragame/cases"
	"github.com/infragame/infragame/report"
	"github.com/infragame/infragame/tender"
)

// cvTables renders the cross-validation: one row per contest and method
// with each offer's probability, then the summary by method.
func cvTables(cv tender.CrossValidation) []*report.Table {
	rows := &report.Table{Title: "Leave-one-out forecasts (each contest predicted without its own outcome)",
		Columns: []string{"case", "actual", "method", "predicted", "result", "p_actual", "probabilities"}}
	for _, r := range cv.Rows {
		for _, p := range r.Predictions {
			if p.Method == tender.MethodUniform {
				continue
			}
			res := "MISS"
			if p.Hit {
				res = "hit"
			}
			rows.AddRow(r.Case, r.Actual, p.Method, p.Predicted, res, p.Probabilities[r.Actual], formatProbs(p.Probabilities))
		}
	}
	return []*report.Table{rows, cvSummaryTable(cv)}
}

func cvSummaryTable(cv tender.CrossValidation) *report.Table {
	t := &report.Table{Title: "Out-of-sample comparison (leave-one-out over the decided contests)",
		Columns: []string{"method", "hits", "cases", "hit_rate_pct", "brier", "log_loss"}}
	for _, s := range cv.Summary {
		t.AddRow(s.Method, s.Hits, s.Cases, s.HitRatePct, s.Brier, s.LogLoss)
	}
	m := cv.Model
	for k, n := range m.Names {
		if m.Active[k] {
			t.Notes = append(t.Notes, fmt.Sprintf("full-sample fit: β_%s = %.4g (s.e. %.3g)", n, m.Beta[k], m.SE[k]))
		} else {
			t.Notes = append(t.Notes, fmt.Sprintf("full-sample fit: %s not estimated (no variation within any contest)", n))
		}
	}
	return t
}

func formatProbs(p map[string]float64) string {
	ids := make([]string, 0, len(p))
	for id := range p {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	s := ""
	for i, id := range ids {
		if i > 0 {
			s += " "
		}
		s += fmt.Sprintf("%s=%.3f", id, p[id])
	}
	return s
}

// libraryModel fits the host-choice model on the embedded library's
// decided contests (deterministic: same library, same estimate).
func libraryModel() (tender.ChoiceModel, error) { return cases.ChoiceModel() }

// choiceTable renders each offer's choice probability under model m with
// its P05–P95 band (ce from tender.EstimateChoice).
func choiceTable(m tender.ChoiceModel, ce *tender.ChoiceEstimate) *report.Table {
	tb := &report.Table{Title: fmt.Sprintf("Host-choice model (conditional logit fitted on %d decided contests; docs/tender.md)", m.Cases),
		Columns: []string{"offer", "p_choice", "p05", "p50", "p95", "log_cost", "conditions", "foreign_control", "ideal_point_distance", "fiscal_risk"}}
	iv, x := ce.Intervals, ce.Features
	for i, id := range ce.Offers {
		tb.AddRow(id, iv[i].P, iv[i].P05, iv[i].P50, iv[i].P95, x[i][0], x[i][1], x[i][2], x[i][3], x[i][4])
	}
	tb.SetUnit(report.UnitProbability, "p05", "p50", "p95")
	tb.SetUnit("ln of cost over the cheapest's", "log_cost")
	tb.SetUnit("index 0–1", "conditions", "foreign_control")
	tb.SetUnit("UN ideal-point distance", "ideal_point_distance")
	tb.SetUnit(report.UnitFraction, "fiscal_risk")
	tb.Notes = append(tb.Notes, fmt.Sprintf("interval: %d draws of the coefficients from their estimated normal distribution, seed %d", ce.Draws, ce.Seed))
	return tb
}

// probabilityTargetTable solves for the parameter value at which offer's
// choice probability reaches target (tender.SolveTargetNamed, as the web
// app does). param is the name as given: in percent, lo and hi too, when
// it is NAME_pct (see pctParam).
func probabilityTargetTable(f *tender.File, t tender.Tender, offer, param string, lo, hi, target float64, steps int) (any, *report.Table, error) {
	if offer == "" {
		return nil, nil, usagef("--target-prob needs --offer (the offer whose probability is targeted)")
	}
	m, err := libraryModel()
	if err != nil {
		return nil, nil, err
	}
	res, err := tender.SolveTargetNamed(t, f.HostStress(), &m, offer, param, lo, hi, target, steps)
	if errors.Is(err, tender.ErrEmptyRange) {
		return nil, nil, usageError{err}
	}
	if err != nil {
		return nil, nil, paramError(err)
	}
	tb := &report.Table{Title: fmt.Sprintf("Value of %s at which %s's choice probability is %s (base %s, p %s, range [%s, %s])",
		param, offer, report.FormatFloat(target), report.FormatFloat(res.Base), report.FormatFloat(res.BaseProbability), report.FormatFloat(res.Lo), report.FormatFloat(res.Hi)),
		Columns: []string{"value", "change"}, SheetUnits: []string{"units of " + param, "units of " + param}}
	for _, v := range res.Values {
		tb.AddRow(fmt.Sprintf("%.10g", v), v-res.Base)
	}
	if len(res.Values) == 0 {
		tb.Notes = append(tb.Notes, "the probability does not reach the target in the range")
	}
	return res, tb, nil
}
