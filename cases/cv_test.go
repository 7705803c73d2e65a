package cases_test

import (
	"math"
	"strings"
	"testing"

	"github.com/infragame/infragame/cases"
	"github.com/infragame/infragame/tender"
)

// Leave-one-out is honest: changing one case's outcome changes no
// prediction for that case (only the other cases' fits read it).
func TestCrossValidationHeldOutOutcomeUnused(t *testing.T) {
	fs, _ := cases.All()
	cv, err := tender.CrossValidate(fs)
	if err != nil {
		t.Fatal(err)
	}
	if len(cv.Rows) < 13 {
		t.Fatalf("%d decided cases, want ≥ 13", len(cv.Rows))
	}
	for k, row := range cv.Rows {
		fs2, _ := cases.All()
		for _, f := range fs2 {
			if f.ID == row.Case {
				for _, o := range f.Offers {
					if o.ID != f.Outcome.Winner {
						f.Outcome.Winner = o.ID
						break
					}
				}
			}
		}
		cv2, err := tender.CrossValidate(fs2)
		if err != nil {
			t.Fatal(err)
		}
		for m, p := range row.Predictions {
			for id, v := range p.Probabilities {
				if w := cv2.Rows[k].Predictions[m].Probabilities[id]; math.Abs(v-w) > 1e-12 {
					t.Errorf("%s %s: p(%s) %g → %g when its own outcome changes", row.Case, p.Method, id, v, w)
				}
			}
		}
		if k >= 3 {
			break // the check is the same for every case; keep the test fast
		}
	}
}

// The full-sample fit: finite coefficients and standard errors for the
// features with variation, and probabilities that sum to one.
func TestChoiceModelFit(t *testing.T) {
	fs, _ := cases.All()
	cv, err := tender.CrossValidate(fs)
	if err != nil {
		t.Fatal(err)
	}
	m := cv.Model
	if !m.Active[tender.FeatLogCost] || !(m.SE[tender.FeatLogCost] > 0) {
		t.Errorf("cost coefficient not estimated: %+v", m)
	}
	for _, row := range cv.Rows {
		for _, p := range row.Predictions {
			s := 0.0
			for _, v := range p.Probabilities {
				s += v
			}
			if math.Abs(s-1) > 1e-9 {
				t.Errorf("%s %s: probabilities sum to %g", row.Case, p.Method, s)
			}
		}
	}
}

// The cases state that a service life equal to the horizon leaves no
// residual value; the evaluation (service counted from opening) agrees.
func TestNoResidualWhenLifeEqualsHorizon(t *testing.T) {
	fs, _ := cases.All()
	for _, f := range fs {
		tt, err := f.CaseTender(tender.DefaultRule)
		if err != nil {
			t.Fatal(err)
		}
		r, err := tender.Evaluate(tt)
		if err != nil {
			t.Fatal(err)
		}
		for i, o := range tt.Offers {
			if o.Asset.ServiceLife != float64(tt.Analysis.Horizon) {
				continue
			}
			for _, or := range r.Offers {
				if or.ID != o.ID {
					continue
				}
				for _, it := range or.LCC.Items {
					if strings.HasPrefix(it.Item, "residual") && it.PV != 0 {
						t.Errorf("%s offer %d (%s): residual %g with life = horizon", f.ID, i, o.ID, it.PV)
					}
				}
			}
		}
	}
}
