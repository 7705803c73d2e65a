package sweep

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// collect stores the rows' outputs by point (mean over runs).
type collect struct {
	nout int
	y    []float64
	rows []Row
	keep bool
}

func (c *collect) WriteRow(r *Row) error {
	for len(c.y) < (r.PointID+1)*c.nout {
		c.y = append(c.y, 0)
	}
	for k, v := range r.Y {
		c.y[r.PointID*c.nout+k] += v
	}
	if c.keep {
		cp := *r
		cp.X = append([]float64(nil), r.X...)
		cp.Y = append([]float64(nil), r.Y...)
		c.rows = append(c.rows, cp)
	}
	return nil
}

func runAll(t *testing.T, s *Spec, m Model) (*Plan, []float64) {
	t.Helper()
	p, err := NewPlan(s)
	if err != nil {
		t.Fatal(err)
	}
	c := &collect{nout: len(m.Outputs())}
	if err := Run(context.Background(), p, m, RunOptions{Workers: 2}, c); err != nil {
		t.Fatal(err)
	}
	for i := range c.y {
		c.y[i] /= float64(s.Runs)
	}
	return p, c.y
}

func uniformParams(d int, lo, hi float64) []ParamSpec {
	ps := make([]ParamSpec, d)
	for i := range ps {
		ps[i] = ParamSpec{Name: fmt.Sprintf("x%d", i+1), Range: []float64{lo, hi}}
	}
	return ps
}

// Ishigami function, a = 7, b = 0.1, inputs uniform on [−π, π]. Indices
// from Ishigami and Homma (1990) as tabulated by Saltelli et al., Global
// Sensitivity Analysis: The Primer (Wiley 2008), §4.8, and Sobol' and
// Levitan (1999): S1 = 0.3139, S2 = 0.4424, S3 = 0, ST1 = 0.5576,
// ST2 = 0.4424, ST3 = 0.2437. The closed form: V1 = ½(1 + bπ⁴/5)²,
// V2 = a²/8, V13 = b²π⁸(1/18 − 1/50), V = V1 + V2 + V13.
func TestIshigamiSobol(t *testing.T) {
	const a, b = 7, 0.1
	pi4, pi8 := math.Pow(math.Pi, 4), math.Pow(math.Pi, 8)
	v1 := 0.5 * (1 + b*pi4/5) * (1 + b*pi4/5)
	v2 := a * a / 8.0
	v13 := b * b * pi8 * (1.0/18 - 1.0/50)
	v := v1 + v2 + v13
	closed := [][2]float64{{v1 / v, (v1 + v13) / v}, {v2 / v, v2 / v}, {0, v13 / v}}
	published := [][2]float64{{0.3139, 0.5576}, {0.4424, 0.4424}, {0, 0.2437}}
	for i := range closed {
		for k := range 2 {
			if math.Abs(closed[i][k]-published[i][k]) > 5e-5 {
				t.Fatalf("closed form %v disagrees with the published %v", closed, published)
			}
		}
	}
	s := &Spec{Model: ModelSpec{Kind: "ishigami"}, Seed: 1, Design: DesignSpec{Kind: Saltelli, Points: 1 << 13},
		Params: uniformParams(3, -math.Pi, math.Pi)}
	p, y := runAll(t, s, Ishigami(a, b))
	an, err := Analyze(p, []string{"ishigami"}, y, AnalyzeOptions{Bootstrap: 200, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	for i, ix := range an.Outputs[0].Sobol {
		t.Logf("%s S1 %.4f [%.4f, %.4f]  ST %.4f [%.4f, %.4f]", ix.Param, ix.S1, ix.S1Lo, ix.S1Hi, ix.ST, ix.STLo, ix.STHi)
		// Saltelli/Jansen estimators with N = 8192 Sobol' rows: error well under 0.01.
		if math.Abs(ix.S1-published[i][0]) > 0.01 || math.Abs(ix.ST-published[i][1]) > 0.01 {
			t.Errorf("%s: S1 %.4f ST %.4f, want %.4f %.4f", ix.Param, ix.S1, ix.ST, published[i][0], published[i][1])
		}
		if !(ix.S1Lo <= ix.S1 && ix.S1 <= ix.S1Hi && ix.STLo <= ix.ST && ix.ST <= ix.STHi) || ix.S1Hi-ix.S1Lo > 0.1 {
			t.Errorf("%s: interval does not bracket the estimate or is too wide: %+v", ix.Param, ix)
		}
	}
	if math.Abs(an.Outputs[0].Variance-v) > 0.02*v {
		t.Errorf("variance %.4f, closed form %.4f", an.Outputs[0].Variance, v)
	}
}

// Sobol' g-function with a = (0, 1, 4.5, 9, 99, 99, 99, 99), inputs
// uniform on [0, 1]: V_i = 1/(3(1+a_i)²), V = Π(1+V_i) − 1, S_i = V_i/V,
// ST_i = V_i Π_{j≠i}(1+V_j)/V. Saltelli et al. (2010), Comput. Phys.
// Commun. 181, 259–270, §5 (test case with these a_i); Sobol' (1993).
func TestGFunctionSobol(t *testing.T) {
	a := []float64{0, 1, 4.5, 9, 99, 99, 99, 99}
	vi := make([]float64, len(a))
	prod := 1.0
	for i, ai := range a {
		vi[i] = 1 / (3 * (1 + ai) * (1 + ai))
		prod *= 1 + vi[i]
	}
	v := prod - 1
	s := &Spec{Model: ModelSpec{Kind: "gfunction"}, Seed: 1, Design: DesignSpec{Kind: Saltelli, Points: 1 << 13},
		Params: uniformParams(len(a), 0, 1)}
	p, y := runAll(t, s, GFunction(a))
	an, err := Analyze(p, []string{"g"}, y, AnalyzeOptions{Bootstrap: 100})
	if err != nil {
		t.Fatal(err)
	}
	for i, ix := range an.Outputs[0].Sobol {
		s1 := vi[i] / v
		st := vi[i] * prod / (1 + vi[i]) / v
		t.Logf("%s S1 %.4f (%.4f)  ST %.4f (%.4f)", ix.Param, ix.S1, s1, ix.ST, st)
		if math.Abs(ix.S1-s1) > 0.01 || math.Abs(ix.ST-st) > 0.01 {
			t.Errorf("%s: S1 %.4f ST %.4f, closed form %.4f %.4f", ix.Param, ix.S1, ix.ST, s1, st)
		}
	}
}

// For a linear function y = Σ c_i x_i on [0, 1]^d every elementary effect
// of x_i is exactly c_i (Morris 1991), so μ = c_i, μ* = |c_i|, σ = 0.
func TestMorrisLinear(t *testing.T) {
	c := []float64{3, -2, 0.5, 0}
	m := fnModel{dim: 4, outs: []string{"y"}, f: func(x []float64) float64 {
		s := 0.0
		for i, ci := range c {
			s += ci * x[i]
		}
		return s
	}}
	s := &Spec{Model: ModelSpec{Kind: "linear"}, Seed: 9, Design: DesignSpec{Kind: MorrisOT, Levels: 4, Trajectories: 20},
		Params: uniformParams(4, 0, 1)}
	p, y := runAll(t, s, m)
	an, err := Analyze(p, []string{"y"}, y, AnalyzeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for i, ix := range an.Outputs[0].Morris {
		if math.Abs(ix.Mu-c[i]) > 1e-12 || math.Abs(ix.MuStar-math.Abs(c[i])) > 1e-12 || ix.Sigma > 1e-12 || ix.R != 20 {
			t.Errorf("%s: %+v, want mu %g", ix.Param, ix, c[i])
		}
	}
}

// On the g-function the Morris μ* ranks the inputs as their a_i do (a
// smaller a_i is a more important input; Saltelli et al. 2008, §3.5), and
// the Morris base points cover every level equally often.
func TestMorrisGFunctionRanking(t *testing.T) {
	a := []float64{0, 1, 4.5, 9, 99}
	s := &Spec{Model: ModelSpec{Kind: "gfunction"}, Seed: 4, Design: DesignSpec{Kind: MorrisOT, Levels: 4, Trajectories: 200},
		Params: uniformParams(len(a), 0, 1)}
	p, y := runAll(t, s, GFunction(a))
	an, err := Analyze(p, []string{"g"}, y, AnalyzeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ms := an.Outputs[0].Morris
	for i := 1; i < len(ms); i++ {
		if !(ms[i].MuStar < ms[i-1].MuStar) {
			t.Errorf("mu* not decreasing with a: %+v", ms)
		}
	}
	// Every point of a trajectory differs from the previous one in exactly
	// the parameter named by Morris, by ±Δ = p/(2(p−1)) = 2/3.
	u0, u1 := make([]float64, len(a)), make([]float64, len(a))
	for id := 1; id < p.Len(); id++ {
		st := p.Morris(id)
		if st.Step == 0 {
			continue
		}
		p.Point(id-1, u0, nil)
		p.Point(id, u1, nil)
		for i := range u0 {
			want := 0.0
			if i == st.Param {
				want = st.Delta
			}
			if math.Abs(u1[i]-u0[i]-want) > 1e-12 || math.Abs(math.Abs(st.Delta)-2.0/3) > 1e-12 {
				t.Fatalf("point %d: %v -> %v, step %+v", id, u0, u1, st)
			}
		}
	}
}

// Runs with randomness: a model that adds noise from its rng gives the
// same rows on 1 and 3 workers and for every split into shards.
func TestRunDeterministicAcrossShardsAndWorkers(t *testing.T) {
	m := noisy{}
	s := &Spec{Model: ModelSpec{Kind: "noisy"}, Seed: 77, Runs: 3, Design: DesignSpec{Kind: LHS, Points: 101},
		Params: uniformParams(2, 0, 1)}
	p, err := NewPlan(s)
	if err != nil {
		t.Fatal(err)
	}
	var ref []Row
	for _, shards := range []int{1, 3, 8} {
		for _, workers := range []int{1, 3} {
			var all []Row
			for k := range shards {
				c := &collect{nout: 1, keep: true}
				if err := Run(context.Background(), p, m, RunOptions{Shard: k, Shards: shards, Workers: workers}, c); err != nil {
					t.Fatal(err)
				}
				all = append(all, c.rows...)
			}
			if len(all) != 101*3 {
				t.Fatalf("%d shards: %d rows", shards, len(all))
			}
			if ref == nil {
				ref = all
				continue
			}
			for i := range all {
				if fmt.Sprint(all[i]) != fmt.Sprint(ref[i]) {
					t.Fatalf("shards %d workers %d: row %d = %v, want %v", shards, workers, i, all[i], ref[i])
				}
			}
		}
	}
}

type noisy struct{}

func (noisy) Outputs() []string { return []string{"y"} }
func (noisy) Bind([]string) (Evaluator, error) {
	return EvalFunc(func(x []float64, src rand.Source, y []float64) error {
		y[0] = x[0] + x[1] + rand.New(src).NormFloat64()
		return nil
	}), nil
}

// A Latin hypercube puts exactly one point in each of the n equal strata
// of every parameter (McKay, Beckman and Conover 1979).
func TestLatinHypercubeStrata(t *testing.T) {
	for _, n := range []int{1, 2, 7, 64, 1000} {
		s := &Spec{Model: ModelSpec{Kind: "x"}, Seed: uint64(n), Design: DesignSpec{Kind: LHS, Points: n}, Params: uniformParams(3, 10, 20)}
		p, err := NewPlan(s)
		if err != nil {
			t.Fatal(err)
		}
		seen := make([][]bool, 3)
		for j := range seen {
			seen[j] = make([]bool, n)
		}
		u, x := make([]float64, 3), make([]float64, 3)
		for id := range n {
			p.Point(id, u, x)
			for j := range u {
				k := int(u[j] * float64(n))
				if seen[j][k] || x[j] < 10 || x[j] > 20 {
					t.Fatalf("n=%d: parameter %d stratum %d twice or value %g outside the range", n, j, k, x[j])
				}
				seen[j][k] = true
			}
		}
	}
}

func TestGridOrderAndLevels(t *testing.T) {
	s := &Spec{Model: ModelSpec{Kind: "x"}, Design: DesignSpec{Kind: Grid, Levels: 3},
		Params: []ParamSpec{{Name: "a", Range: []float64{0, 1}}, {Name: "b", Range: []float64{10, 20}, Levels: 2},
			{Name: "c", Dist: &Dist{Kind: "normal", Mean: 5, SD: 1}, Levels: 1}}}
	p, err := NewPlan(s)
	if err != nil {
		t.Fatal(err)
	}
	if p.Len() != 6 {
		t.Fatalf("len %d, want 6", p.Len())
	}
	want := [][]float64{{0, 10, 5}, {0, 20, 5}, {0.5, 10, 5}, {0.5, 20, 5}, {1, 10, 5}, {1, 20, 5}}
	x := make([]float64, 3)
	for id, w := range want {
		p.Point(id, nil, x)
		for j := range w {
			if math.Abs(x[j]-w[j]) > 1e-12 {
				t.Errorf("point %d = %v, want %v", id, x, w)
			}
		}
	}
}
