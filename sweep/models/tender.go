package models

import (
	"math/rand/v2"
	"strings"

	"github.com/infragame/infragame/mc"
	"github.com/infragame/infragame/sweep"
	"github.com/infragame/infragame/tender"
)

// Tender sweeps a tender: any name of [tender.Tender.Params] is a
// parameter (host weights included). Outputs: margin (winner's score minus
// runner-up's), winner (index of the winning offer in file order), and for
// each offer ID score.ID, win.ID (1 if it wins) and cost.ID (the
// financing-adjusted cost to the host, analysis currency).
type Tender struct {
	t    tender.Tender
	outs []string
}

// NewTender validates t and returns its model.
func NewTender(t tender.Tender) (*Tender, error) {
	if err := t.Validate(); err != nil {
		return nil, err
	}
	m := &Tender{t: t.Clone(), outs: []string{"margin", "winner"}}
	for _, o := range t.Offers {
		m.outs = append(m.outs, "score."+o.ID, "win."+o.ID, "cost."+o.ID)
	}
	return m, nil
}

// Outputs lists the outputs.
func (m *Tender) Outputs() []string { return m.outs }

// Bind checks the names and returns an evaluator on a private copy.
func (m *Tender) Bind(names []string) (sweep.Evaluator, error) {
	t := m.t.Clone()
	ps := t.Params()
	var weights []string // host weights are set through Set (map values)
	var plain []string
	var plainIdx, weightIdx []int
	for i, n := range names {
		if strings.HasPrefix(n, "host.weights.") {
			weights = append(weights, n)
			weightIdx = append(weightIdx, i)
		} else {
			plain = append(plain, n)
			plainIdx = append(plainIdx, i)
		}
	}
	bound, bases, err := bind(ps, plain)
	if err != nil {
		return nil, err
	}
	for _, w := range weights {
		if _, err := mc.FindParam(ps, w); err != nil {
			return nil, err
		}
	}
	dr, err := newDraws(ps, t.Uncertain, append(bases, weights...))
	if err != nil {
		return nil, err
	}
	index := make(map[string]int, len(t.Offers))
	for i, o := range t.Offers {
		index[o.ID] = i
	}
	xs := make([]float64, len(plain))
	var ev tender.Evaluator // allocation-free once warm
	return sweep.EvalFunc(func(x []float64, src rand.Source, y []float64) error {
		dr.draw(src)
		for k, i := range plainIdx {
			xs[k] = x[i]
		}
		if err := set(bound, xs); err != nil {
			return err
		}
		for k, i := range weightIdx {
			if err := t.Set(weights[k], x[i]); err != nil {
				return err
			}
		}
		res, err := ev.Evaluate(&t)
		if err != nil {
			return err
		}
		y[0], y[1] = res.Margin, float64(index[res.Winner])
		for _, o := range res.Offers {
			j := 2 + 3*index[o.ID]
			y[j], y[j+1], y[j+2] = o.Score, 0, o.Financing.Total
			if o.ID == res.Winner {
				y[j+1] = 1
			}
		}
		return nil
	}), nil
}
