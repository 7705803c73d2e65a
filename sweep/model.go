package sweep

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// Model is a computation with named numeric inputs and named numeric
// outputs, swept by [Run].
type Model interface {
	// Outputs names the outputs, in the order an Evaluator writes them.
	Outputs() []string
	// Bind returns an evaluator of points whose parameters are called
	// names, in that order. It fails, naming the parameter, when a name is
	// not an input of the model. Run binds once per worker, so an
	// evaluator need not be safe for concurrent use.
	Bind(names []string) (Evaluator, error)
}

// Evaluator evaluates a bound model.
type Evaluator interface {
	// Eval writes the outputs at parameter values x into y for one Monte
	// Carlo run whose randomness, if any, comes from src (a PCG source
	// seeded for this point and run).
	Eval(x []float64, src rand.Source, y []float64) error
}

// EvalFunc adapts a function to [Evaluator].
type EvalFunc func(x []float64, src rand.Source, y []float64) error

// Eval calls f.
func (f EvalFunc) Eval(x []float64, src rand.Source, y []float64) error { return f(x, src, y) }

// fnModel is an analytic test function of a fixed number of inputs whose
// names are free (they are taken in spec order).
type fnModel struct {
	dim  int
	outs []string
	f    func(x []float64) float64
}

func (m fnModel) Outputs() []string { return m.outs }

func (m fnModel) Bind(names []string) (Evaluator, error) {
	if len(names) != m.dim {
		return nil, fmt.Errorf("sweep: %s takes %d parameters, got %d", m.outs[0], m.dim, len(names))
	}
	return EvalFunc(func(x []float64, _ rand.Source, y []float64) error {
		y[0] = m.f(x)
		return nil
	}), nil
}

// Ishigami is the Ishigami and Homma (1990) function
// f(x) = sin x1 + a sin² x2 + b x3⁴ sin x1 of three inputs (usually each
// uniform on [−π, π]); its output is called "ishigami".
func Ishigami(a, b float64) Model {
	return fnModel{dim: 3, outs: []string{"ishigami"}, f: func(x []float64) float64 {
		s := math.Sin(x[1])
		return math.Sin(x[0]) + a*s*s + b*x[2]*x[2]*x[2]*x[2]*math.Sin(x[0])
	}}
}

// GFunction is the Sobol' g-function Π (|4x_i − 2| + a_i)/(1 + a_i) of
// len(a) inputs (usually uniform on [0, 1]); its output is called "g".
// Sobol' (1993), Saltelli et al. (2010) §5.
func GFunction(a []float64) Model {
	a = append([]float64(nil), a...)
	return fnModel{dim: len(a), outs: []string{"g"}, f: func(x []float64) float64 {
		g := 1.0
		for i, ai := range a {
			g *= (math.Abs(4*x[i]-2) + ai) / (1 + ai)
		}
		return g
	}}
}
