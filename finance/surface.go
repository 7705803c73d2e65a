package finance

import (
	"fmt"
	"math"
)

// SurfaceAxis is the term varied along the second axis of a grant-element
// surface (the first axis is always the interest rate).
type SurfaceAxis string

// The second axes of [GESurface].
const (
	AxisGrace    SurfaceAxis = "grace"
	AxisMaturity SurfaceAxis = "maturity"
)

// Surface is a grid of grant elements: GE[j][i] is the grant element
// (fraction) at Rates[i] and Y[j] years of grace or maturity. Cells whose
// terms are invalid (grace ≥ maturity, not a whole number of periods for a
// schedule-based method) are NaN, which encoding/json rejects: render them
// as null or empty cells.
type Surface struct {
	Method Method      `json:"method"`
	Axis   SurfaceAxis `json:"axis"`
	Rates  []float64   `json:"rates"`
	Y      []float64   `json:"y"`
	GE     [][]float64 `json:"grant_element"`
}

// GESurface computes the grant element of base with its rate replaced by
// each of rates and its grace or maturity by each of ys, by method m.
func GESurface(base LoanTerms, m Method, rates []float64, axis SurfaceAxis, ys []float64) (*Surface, error) {
	if axis != AxisGrace && axis != AxisMaturity {
		return nil, fmt.Errorf("finance: surface axis %q (want grace or maturity)", axis)
	}
	if _, _, err := m.Parameters(); err != nil {
		return nil, err
	}
	s := &Surface{Method: m, Axis: axis, Rates: rates, Y: ys, GE: make([][]float64, len(ys))}
	base.ReferencePath = nil
	for j, y := range ys {
		row := make([]float64, len(rates))
		for i, r := range rates {
			l := base
			l.Rate = r
			if axis == AxisGrace {
				l.GraceYears = y
			} else {
				l.MaturityYears = y
			}
			g, err := GrantElement(l, m)
			if err != nil {
				row[i] = math.NaN()
				continue
			}
			row[i] = g.GrantElement
		}
		s.GE[j] = row
	}
	return s, nil
}
