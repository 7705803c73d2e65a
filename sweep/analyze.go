package sweep

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
)

// SobolIndex holds the first-order and total Sobol' indices of one
// parameter with bootstrap percentile confidence intervals.
type SobolIndex struct {
	Param string  `json:"param"`
	S1    float64 `json:"s1"`
	S1Lo  float64 `json:"s1_lo"`
	S1Hi  float64 `json:"s1_hi"`
	ST    float64 `json:"st"`
	STLo  float64 `json:"st_lo"`
	STHi  float64 `json:"st_hi"`
}

// MorrisIndex holds the elementary-effect statistics of one parameter:
// μ* = mean |EE| (Campolongo, Cariboni and Saltelli 2007), μ = mean EE and
// σ = standard deviation of EE (Morris 1991, n−1 denominator), over R
// trajectories. EE = Δy / Δu with u the unit coordinate, so effects are per
// full range of the parameter.
type MorrisIndex struct {
	Param  string  `json:"param"`
	MuStar float64 `json:"mu_star"`
	Mu     float64 `json:"mu"`
	Sigma  float64 `json:"sigma"`
	R      int     `json:"r"`
}

// OutputAnalysis is the sensitivity of one output.
type OutputAnalysis struct {
	Output string `json:"output"`
	// Mean and Variance of the output over the base samples (Saltelli: A
	// and B; Morris: all points).
	Mean     float64       `json:"mean"`
	Variance float64       `json:"variance"`
	Sobol    []SobolIndex  `json:"sobol,omitempty"`
	Morris   []MorrisIndex `json:"morris,omitempty"`
	// Note says why there are no indices (an output that does not vary).
	Note string `json:"note,omitempty"`
}

// Analysis is the sensitivity analysis of a sweep.
type Analysis struct {
	Design string `json:"design"`
	// Samples is N (Saltelli) or the number of trajectories (Morris).
	Samples int `json:"samples"`
	// Bootstrap resamples and confidence level of the Sobol' intervals.
	Bootstrap  int              `json:"bootstrap,omitempty"`
	Confidence float64          `json:"confidence,omitempty"`
	Outputs    []OutputAnalysis `json:"outputs"`
}

// AnalyzeOptions sets the bootstrap of the Sobol' intervals.
type AnalyzeOptions struct {
	// Bootstrap resamples (default 1000) and confidence level (default
	// 0.95) of the percentile intervals.
	Bootstrap  int
	Confidence float64
	// Seed of the bootstrap's PCG source.
	Seed uint64
}

// Analyze computes the sensitivity indices of a saltelli or morris plan
// from y, the outputs by point: y[id*len(outputs)+k] is output k at point
// id (the mean over the point's runs).
func Analyze(p *Plan, outputs []string, y []float64, opt AnalyzeOptions) (*Analysis, error) {
	no := len(outputs)
	if len(y) != p.Len()*no {
		return nil, fmt.Errorf("sweep: %d values for %d points × %d outputs", len(y), p.Len(), no)
	}
	if opt.Bootstrap == 0 {
		opt.Bootstrap = 1000
	}
	if opt.Confidence == 0 {
		opt.Confidence = 0.95
	}
	if opt.Bootstrap < 0 || !(opt.Confidence > 0 && opt.Confidence < 1) {
		return nil, errors.New("sweep: bootstrap must be ≥ 0 and confidence in (0, 1)")
	}
	a := &Analysis{Design: p.Spec.Design.Kind}
	col := func(k int) []float64 {
		c := make([]float64, p.Len())
		for i := range c {
			c[i] = y[i*no+k]
		}
		return c
	}
	switch p.Spec.Design.Kind {
	case Saltelli:
		a.Samples = p.Spec.Design.Points
		a.Bootstrap, a.Confidence = opt.Bootstrap, opt.Confidence
		for k, name := range outputs {
			oa, err := sobolIndices(p, col(k), opt)
			if err != nil {
				return nil, fmt.Errorf("output %s: %w", name, err)
			}
			oa.Output = name
			a.Outputs = append(a.Outputs, oa)
		}
	case MorrisOT:
		a.Samples = p.Spec.Design.Trajectories
		for k, name := range outputs {
			oa := morrisIndices(p, col(k))
			oa.Output = name
			a.Outputs = append(a.Outputs, oa)
		}
	default:
		return nil, fmt.Errorf("sweep: sensitivity indices need a saltelli or morris design, not %s", p.Spec.Design.Kind)
	}
	return a, nil
}

// sobolIndices estimates S1 with Saltelli et al. (2010, Table 2 (b)):
// S_i = mean(f(B)·(f(A_B^i) − f(A))) / V, and ST with Jansen (1999;
// Saltelli et al. 2010, Table 2 (f)): ST_i = mean((f(A) − f(A_B^i))²) / (2V),
// V the variance of f over the rows of A and B together.
func sobolIndices(p *Plan, y []float64, opt AnalyzeOptions) (OutputAnalysis, error) {
	d := p.Dim()
	N := p.Spec.Design.Points
	fA := func(j int) float64 { return y[j*(d+2)] }
	fB := func(j int) float64 { return y[j*(d+2)+d+1] }
	fAB := func(j, i int) float64 { return y[j*(d+2)+1+i] }
	for _, v := range y {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return OutputAnalysis{}, errors.New("non-finite value")
		}
	}
	// est computes V, S1 and ST over the rows idx (all rows when nil).
	s1 := make([]float64, d)
	st := make([]float64, d)
	est := func(idx []int) (mean, v float64) {
		n := N
		row := func(k int) int { return k }
		if idx != nil {
			row = func(k int) int { return idx[k] }
		}
		var sum, sum2 float64
		for k := range n {
			j := row(k)
			sum += fA(j) + fB(j)
		}
		mean = sum / float64(2*n)
		for k := range n {
			j := row(k)
			a, b := fA(j)-mean, fB(j)-mean
			sum2 += a*a + b*b
		}
		v = sum2 / float64(2*n)
		for i := range d {
			var s, t float64
			for k := range n {
				j := row(k)
				ab := fAB(j, i)
				s += fB(j) * (ab - fA(j))
				t += (fA(j) - ab) * (fA(j) - ab)
			}
			s1[i] = s / float64(n) / v
			st[i] = t / float64(2*n) / v
		}
		return mean, v
	}
	mean, v := est(nil)
	if !(v > 0) {
		return OutputAnalysis{Mean: mean, Note: "the output does not vary: Sobol' indices are undefined"}, nil
	}
	oa := OutputAnalysis{Mean: mean, Variance: v, Sobol: make([]SobolIndex, d)}
	for i, name := range p.Names() {
		oa.Sobol[i] = SobolIndex{Param: name, S1: s1[i], ST: st[i]}
	}
	if opt.Bootstrap == 0 {
		return oa, nil
	}
	rng := rand.New(rand.NewPCG(opt.Seed, mix(0x424f4f54, 0, 0)))
	bs1 := make([][]float64, d)
	bst := make([][]float64, d)
	idx := make([]int, N)
	for range opt.Bootstrap {
		for k := range idx {
			idx[k] = rng.IntN(N)
		}
		if _, bv := est(idx); !(bv > 0) {
			continue
		}
		for i := range d {
			bs1[i] = append(bs1[i], s1[i])
			bst[i] = append(bst[i], st[i])
		}
	}
	lo, hi := (1-opt.Confidence)/2, (1+opt.Confidence)/2
	for i := range oa.Sobol {
		oa.Sobol[i].S1Lo, oa.Sobol[i].S1Hi = quantile(bs1[i], lo), quantile(bs1[i], hi)
		oa.Sobol[i].STLo, oa.Sobol[i].STHi = quantile(bst[i], lo), quantile(bst[i], hi)
	}
	return oa, nil
}

// quantile is the empirical quantile of x (type 7 of Hyndman and Fan
// 1996); it sorts x. NaN for an empty x.
func quantile(x []float64, q float64) float64 {
	if len(x) == 0 {
		return math.NaN()
	}
	sort.Float64s(x)
	h := q * float64(len(x)-1)
	i := int(math.Floor(h))
	if i >= len(x)-1 {
		return x[len(x)-1]
	}
	return x[i] + (h-float64(i))*(x[i+1]-x[i])
}

func morrisIndices(p *Plan, y []float64) OutputAnalysis {
	d := p.Dim()
	r := p.Spec.Design.Trajectories
	ee := make([][]float64, d)
	var sum, sum2 float64
	for id, v := range y {
		sum += v
		st := p.Morris(id)
		if st.Step == 0 {
			continue
		}
		ee[st.Param] = append(ee[st.Param], (v-y[id-1])/st.Delta)
	}
	mean := sum / float64(len(y))
	for _, v := range y {
		sum2 += (v - mean) * (v - mean)
	}
	oa := OutputAnalysis{Mean: mean, Variance: sum2 / float64(len(y)), Morris: make([]MorrisIndex, d)}
	for i, name := range p.Names() {
		var mu, abs float64
		for _, e := range ee[i] {
			mu += e
			abs += math.Abs(e)
		}
		n := float64(len(ee[i]))
		mu /= n
		var ss float64
		for _, e := range ee[i] {
			ss += (e - mu) * (e - mu)
		}
		sd := 0.0
		if len(ee[i]) > 1 {
			sd = math.Sqrt(ss / (n - 1))
		}
		oa.Morris[i] = MorrisIndex{Param: name, MuStar: abs / n, Mu: mu, Sigma: sd, R: r}
	}
	return oa
}
