package models

import (
	"math/rand/v2"

	"github.com/infragame/infragame/lcc"
	"github.com/infragame/infragame/sweep"
)

// LCC sweeps a life-cycle-cost study: any name of [lcc.Study.Params] is a
// parameter. Outputs for each alternative ALT: ALT.agency, ALT.user,
// ALT.host (present values of costs by category), ALT.benefits (present
// value of benefits) and ALT.npv, in the study's currency and price year.
type LCC struct {
	s    lcc.Study
	outs []string
}

// NewLCC validates s and returns its model.
func NewLCC(s lcc.Study) (*LCC, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	m := &LCC{s: s.Clone()}
	for _, a := range s.Alternatives {
		for _, o := range []string{"agency", "user", "host", "benefits", "npv"} {
			m.outs = append(m.outs, a.Name+"."+o)
		}
	}
	return m, nil
}

// Outputs lists the outputs.
func (m *LCC) Outputs() []string { return m.outs }

// Bind checks the names and returns an evaluator on a private copy.
func (m *LCC) Bind(names []string) (sweep.Evaluator, error) {
	s := m.s.Clone()
	ps := s.Params()
	bound, bases, err := bind(ps, names)
	if err != nil {
		return nil, err
	}
	dr, err := newDraws(ps, s.Uncertain, bases)
	if err != nil {
		return nil, err
	}
	return sweep.EvalFunc(func(x []float64, src rand.Source, y []float64) error {
		dr.draw(src)
		if err := set(bound, x); err != nil {
			return err
		}
		for i, a := range s.Alternatives {
			r, err := lcc.Evaluate(s.Analysis, a)
			if err != nil {
				return err
			}
			y[5*i], y[5*i+1], y[5*i+2], y[5*i+3], y[5*i+4] = r.PV.Agency, r.PV.User, r.PV.Host, r.Benefits, r.NPV
		}
		return nil
	}), nil
}
