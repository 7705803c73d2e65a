package cli

import (
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"

	"github.com/infragame/infragame/cases"
	"github.com/infragame/infragame/report"
	"github.com/infragame/infragame/tender"
)

// maxCaseFile bounds a user's case file (the embedded ones are < 20 KB).
const maxCaseFile = 1 << 20

// loadBacktestFiles returns the embedded library (unless only) followed by
// the cases in paths: files, or directories whose *.yaml files are read in
// name order. Errors name the file (and, from the parser, line and field).
func loadBacktestFiles(paths []string, only bool) ([]*tender.File, error) {
	var fs []*tender.File
	if !only {
		lib, err := cases.All()
		if err != nil {
			return nil, err
		}
		fs = lib
	}
	var files []string
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if !st.IsDir() {
			files = append(files, p)
			continue
		}
		m, err := filepath.Glob(filepath.Join(p, "*.yaml"))
		if err != nil {
			return nil, err
		}
		sort.Strings(m)
		if len(m) == 0 {
			return nil, fmt.Errorf("%s: no *.yaml case files", p)
		}
		files = append(files, m...)
	}
	seen := map[string]string{}
	for _, f := range fs {
		seen[f.ID] = "the embedded library"
	}
	for _, p := range files {
		fh, err := os.Open(p)
		if err != nil {
			return nil, err
		}
		b, err := io.ReadAll(io.LimitReader(fh, maxCaseFile+1))
		fh.Close()
		if err != nil {
			return nil, err
		}
		if len(b) > maxCaseFile {
			return nil, fmt.Errorf("%s: larger than %d bytes", p, maxCaseFile)
		}
		f, err := tender.ParseFile(b)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		if f.Observables == nil || f.Outcome == nil {
			return nil, fmt.Errorf("%s: a backtest case needs observables: and outcome: (and no host:)", p)
		}
		if f.ID == "" {
			f.ID = filepath.Base(p)
		}
		if prev, ok := seen[f.ID]; ok {
			return nil, fmt.Errorf("%s: case id %q already given by %s", p, f.ID, prev)
		}
		seen[f.ID] = p
		fs = append(fs, f)
	}
	if len(fs) == 0 {
		return nil, fmt.Errorf("no cases: give case files or directories, or drop --only")
	}
	return fs, nil
}

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
		Columns: []string{"method", "hits", "cases", "hit_rate", "brier", "log_loss"}}
	for _, s := range cv.Summary {
		t.AddRow(s.Method, s.Hits, s.Cases, s.HitRate, s.Brier, s.LogLoss)
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
func libraryModel() (tender.ChoiceModel, error) {
	fs, err := cases.All()
	if err != nil {
		return tender.ChoiceModel{}, err
	}
	cv, err := tender.FitLibrary(fs)
	return cv, err
}

// modelDraws is the number of coefficient draws behind each interval.
const modelDraws = 2000

// hostStress returns the debt stress of a case's host (0 for a tender file
// with its own host: profile).
func (a *App) hostStress(path string) float64 {
	f, err := a.loadCaseFile(path)
	if err != nil || f.Observables == nil {
		return 0
	}
	return f.Observables.DebtStress()
}

// choiceTable gives each offer's choice probability under the library
// model with a P05–P95 band from coefficient draws (PCG seeded with seed).
func choiceTable(t tender.Tender, stress float64, seed uint64) (*report.Table, []tender.Interval, error) {
	m, err := libraryModel()
	if err != nil {
		return nil, nil, err
	}
	ids, x, err := tender.TenderFeatures(t, stress)
	if err != nil {
		return nil, nil, err
	}
	iv, err := m.ProbabilityIntervals(x, modelDraws, rand.New(rand.NewPCG(seed, 0)))
	if err != nil {
		return nil, nil, err
	}
	tb := &report.Table{Title: fmt.Sprintf("Host-choice model (conditional logit fitted on %d decided contests; docs/tender.md)", m.Cases),
		Columns: []string{"offer", "p_choice", "p05", "p50", "p95", "log_cost", "conditions", "foreign_control", "ideal_point_distance", "fiscal_risk"}}
	for i, id := range ids {
		tb.AddRow(id, iv[i].P, iv[i].P05, iv[i].P50, iv[i].P95, x[i][0], x[i][1], x[i][2], x[i][3], x[i][4])
	}
	tb.Notes = append(tb.Notes, fmt.Sprintf("interval: %d draws of the coefficients from their estimated normal distribution, seed %d", modelDraws, seed))
	return tb, iv, nil
}

// probabilityTargetTable solves for the parameter value at which offer's
// choice probability reaches target.
func (a *App) probabilityTargetTable(path string, t tender.Tender, offer, param string, lo, hi, target float64, steps int) (any, *report.Table, error) {
	m, err := libraryModel()
	if err != nil {
		return nil, nil, err
	}
	base, err := t.Get(param)
	if err != nil {
		return nil, nil, paramError(err)
	}
	if math.IsNaN(lo) {
		lo, hi = math.Max(0, base-2*math.Abs(base)), base+2*math.Abs(base)
		if lo == hi {
			hi = lo + 1
		}
	}
	if !(lo < hi) {
		return nil, nil, usagef("empty range [%g, %g]", lo, hi)
	}
	if offer == "" {
		return nil, nil, usagef("--target-prob needs --offer (the offer whose probability is targeted)")
	}
	stress := a.hostStress(path)
	vals, err := tender.ProbabilityTarget(t, stress, &m, offer, param, lo, hi, target, steps)
	if err != nil {
		return nil, nil, err
	}
	_, x, err := tender.TenderFeatures(t, stress)
	if err != nil {
		return nil, nil, err
	}
	p0 := 0.0
	for i, o := range t.Offers {
		if o.ID == offer {
			p0 = m.Probabilities(x)[i]
		}
	}
	tb := &report.Table{Title: fmt.Sprintf("Value of %s at which %s's choice probability is %s (base %s, p %s, range [%s, %s])",
		param, offer, report.FormatFloat(target), report.FormatFloat(base), report.FormatFloat(p0), report.FormatFloat(lo), report.FormatFloat(hi)),
		Columns: []string{"value", "change"}}
	for _, v := range vals {
		tb.AddRow(fmt.Sprintf("%.10g", v), v-base)
	}
	if len(vals) == 0 {
		tb.Notes = append(tb.Notes, "the probability does not reach the target in the range")
	}
	doc := map[string]any{"param": param, "offer": offer, "target": target, "base": base, "base_probability": p0, "lo": lo, "hi": hi, "values": vals}
	return doc, tb, nil
}
