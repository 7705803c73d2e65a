package sweep

// DesignPoint is one point of a plan as "sweep design --format json"
// prints it.
type DesignPoint struct {
	ID     int                `json:"point_id"`
	Role   string             `json:"role,omitempty"`
	Values map[string]float64 `json:"values"`
}

// DesignDoc is the document of "sweep design": the design kind, the
// number of points and of runs a point, and the points.
type DesignDoc struct {
	Design string        `json:"design"`
	Points int           `json:"points"`
	Runs   int           `json:"runs"`
	Plan   []DesignPoint `json:"plan"`
}

// Design returns the document of p with its first limit points (all of
// them when limit < 0); Points counts every point of the plan.
func Design(p *Plan, limit int) *DesignDoc {
	doc := &DesignDoc{Design: p.Spec.Design.Kind, Points: p.Len(), Runs: p.Spec.Runs}
	n := p.Len()
	if limit >= 0 && limit < n {
		n = limit
	}
	names := p.Names()
	x := make([]float64, p.Dim())
	for id := range n {
		p.Point(id, nil, x)
		pt := DesignPoint{ID: id, Role: p.Role(id), Values: make(map[string]float64, len(names))}
		for i, name := range names {
			pt.Values[name] = x[i]
		}
		doc.Plan = append(doc.Plan, pt)
	}
	return doc
}

// Means accumulates the outputs of result rows by point and gives their
// mean over each point's runs, the input of [Analyze]: "sweep analyze"
// feeds it the rows of a merged result, the web app the rows of [Run].
type Means struct {
	runs, outputs int
	sum           []float64
	count         []int32
}

// NewMeans accumulates outputs values a row for the points of p.
func NewMeans(p *Plan, outputs int) *Means {
	return &Means{runs: p.Spec.Runs, outputs: outputs, sum: make([]float64, p.Len()*outputs), count: make([]int32, p.Len())}
}

// Add adds the outputs y of one run of point id (0 ≤ id < points).
func (m *Means) Add(id int, y []float64) {
	m.count[id]++
	for k := range m.outputs {
		m.sum[id*m.outputs+k] += y[k]
	}
}

// Mean returns y[id*outputs+k], the mean of output k at point id, or the
// first point whose number of rows is not the spec's runs.
func (m *Means) Mean() (y []float64, badPoint, rows int, ok bool) {
	for id, c := range m.count {
		if int(c) != m.runs {
			return nil, id, int(c), false
		}
		for k := range m.outputs {
			m.sum[id*m.outputs+k] /= float64(c)
		}
	}
	return m.sum, 0, 0, true
}
