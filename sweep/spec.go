package sweep

import (
	"errors"
	"fmt"
	"math"
	"strings"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/infragame/infragame/internal/yamlpos"
)

// Limits on a spec, so that a mistyped number cannot ask for an
// unbounded amount of memory or work.
const (
	// MaxSpecBytes is the largest spec file read.
	MaxSpecBytes = 1 << 20
	// MaxParams is the largest number of parameters.
	MaxParams = 1000
	// MaxPoints is the largest number of points of a plan.
	MaxPoints = 1 << 31
	// MaxRuns is the largest number of Monte Carlo runs per point.
	MaxRuns = 1 << 20
	// MaxLevels is the largest number of levels of a grid parameter or of
	// a Morris design.
	MaxLevels = 1 << 16
)

// Design kinds.
const (
	Grid     = "grid"     // full factorial grid
	LHS      = "lhs"      // Latin hypercube (McKay, Beckman and Conover 1979)
	SobolSeq = "sobol"    // Sobol' sequence, points 1..n (the origin skipped)
	Saltelli = "saltelli" // A, B and A_B^i matrices (Saltelli et al. 2010)
	MorrisOT = "morris"   // Morris (1991) one-at-a-time trajectories
)

// Spec is a sweep: the model, the parameters, the design and the runs.
// Field names are those of the YAML file (snake_case).
type Spec struct {
	Name string `yaml:"name" json:"name"`
	// Model names the computation swept; its meaning is given by the
	// caller (package sweep/models).
	Model ModelSpec `yaml:"model" json:"model"`
	// Seed is the base seed of the design (Latin hypercube, Morris) and of
	// every run.
	Seed uint64 `yaml:"seed" json:"seed"`
	// Runs is the number of Monte Carlo runs per point (default 1).
	Runs int `yaml:"runs,omitempty" json:"runs"`
	// CommonRandomNumbers seeds run r of every point alike, from (Seed,
	// r), instead of from (Seed, point id, r): differences between points
	// (elementary effects, Sobol' estimators) then carry no sampling noise
	// of the Monte Carlo draws (common random numbers).
	CommonRandomNumbers bool         `yaml:"common_random_numbers,omitempty" json:"common_random_numbers,omitempty"`
	Design              DesignSpec   `yaml:"design" json:"design"`
	Params              []ParamSpec  `yaml:"params" json:"params"`
	doc                 *yamlpos.Doc `yaml:"-"`
}

// ModelSpec selects the model: a kind, a file it reads (relative to the
// spec file), the outputs kept (all when empty) and numeric arguments of
// analytic test functions.
type ModelSpec struct {
	Kind    string    `yaml:"kind" json:"kind"`
	File    string    `yaml:"file,omitempty" json:"file,omitempty"`
	Outputs []string  `yaml:"outputs,omitempty" json:"outputs,omitempty"`
	Args    []float64 `yaml:"args,omitempty" json:"args,omitempty"`
}

// DesignSpec is the experimental design.
type DesignSpec struct {
	// Kind is grid, lhs, sobol, saltelli or morris.
	Kind string `yaml:"kind" json:"kind"`
	// Points is the number of points of lhs and sobol, and the base
	// sample N of saltelli (N·(d+2) points; a power of 2 keeps the
	// Sobol' balance).
	Points int `yaml:"points,omitempty" json:"points,omitempty"`
	// Levels is the default number of levels per parameter of grid
	// (default 5) and the number of levels p of morris (default 4).
	Levels int `yaml:"levels,omitempty" json:"levels,omitempty"`
	// Trajectories is the number r of Morris trajectories (r·(d+1)
	// points).
	Trajectories int `yaml:"trajectories,omitempty" json:"trajectories,omitempty"`
}

// ParamSpec is one swept parameter: a range [lo, hi] (uniform) or a
// distribution, and for grids an optional number of levels.
type ParamSpec struct {
	Name   string    `yaml:"name" json:"name"`
	Range  []float64 `yaml:"range,omitempty" json:"range,omitempty"`
	Dist   *Dist     `yaml:"dist,omitempty" json:"dist,omitempty"`
	Levels int       `yaml:"levels,omitempty" json:"levels,omitempty"`
}

// Dist is a distribution of a parameter: normal (mean, sd), lognormal
// (mu, sigma of the logarithm), triangular (low, mode, high) or uniform
// (low, high). A design's unit coordinate u is mapped to the value by the
// quantile function.
type Dist struct {
	Kind  string  `yaml:"kind" json:"kind"`
	Mean  float64 `yaml:"mean,omitempty" json:"mean,omitempty"`
	SD    float64 `yaml:"sd,omitempty" json:"sd,omitempty"`
	Mu    float64 `yaml:"mu,omitempty" json:"mu,omitempty"`
	Sigma float64 `yaml:"sigma,omitempty" json:"sigma,omitempty"`
	Low   float64 `yaml:"low,omitempty" json:"low,omitempty"`
	Mode  float64 `yaml:"mode,omitempty" json:"mode,omitempty"`
	High  float64 `yaml:"high,omitempty" json:"high,omitempty"`
}

// bounded reports whether the parameter has a finite support whose ends
// are design values (ranges and uniform, triangular distributions).
func (p *ParamSpec) bounded() bool {
	return p.Dist == nil || p.Dist.Kind == "uniform" || p.Dist.Kind == "triangular"
}

// Value maps a unit coordinate u ∈ [0, 1] to the parameter's value: the
// linear map onto the range, or the distribution's quantile function.
func (p *ParamSpec) Value(u float64) float64 {
	if p.Dist == nil {
		return p.Range[0] + u*(p.Range[1]-p.Range[0])
	}
	d := p.Dist
	switch d.Kind {
	case "normal":
		return distuv.Normal{Mu: d.Mean, Sigma: d.SD}.Quantile(u)
	case "lognormal":
		return distuv.LogNormal{Mu: d.Mu, Sigma: d.Sigma}.Quantile(u)
	case "triangular":
		return distuv.NewTriangle(d.Low, d.High, d.Mode, nil).Quantile(u)
	case "uniform":
		return d.Low + u*(d.High-d.Low)
	}
	panic("sweep: unvalidated distribution " + d.Kind)
}

func (d *Dist) validate() error {
	finite := func(xs ...float64) bool {
		for _, x := range xs {
			if math.IsNaN(x) || math.IsInf(x, 0) {
				return false
			}
		}
		return true
	}
	switch d.Kind {
	case "normal":
		if !finite(d.Mean, d.SD) || d.SD <= 0 {
			return fmt.Errorf("normal needs a finite mean and sd > 0, got mean %g sd %g", d.Mean, d.SD)
		}
	case "lognormal":
		if !finite(d.Mu, d.Sigma) || d.Sigma <= 0 {
			return fmt.Errorf("lognormal needs a finite mu and sigma > 0, got mu %g sigma %g", d.Mu, d.Sigma)
		}
	case "triangular":
		if !finite(d.Low, d.Mode, d.High) || !(d.Low <= d.Mode && d.Mode <= d.High && d.Low < d.High) {
			return fmt.Errorf("triangular needs low ≤ mode ≤ high, low < high, got %g, %g, %g", d.Low, d.Mode, d.High)
		}
	case "uniform":
		if !finite(d.Low, d.High) || !(d.Low < d.High) {
			return fmt.Errorf("uniform needs low < high, got %g, %g", d.Low, d.High)
		}
	default:
		return fmt.Errorf("unknown distribution %q (want normal, lognormal, triangular or uniform)", d.Kind)
	}
	return nil
}

// ParseSpec reads a spec strictly (unknown fields are errors) and
// validates it. Errors name the file, the line and the field.
func ParseSpec(name string, data []byte) (*Spec, error) {
	if len(data) > MaxSpecBytes {
		return nil, fmt.Errorf("%s: spec is %d bytes, more than the limit of %d", name, len(data), MaxSpecBytes)
	}
	var s Spec
	doc, err := yamlpos.Decode(name, data, &s)
	if err != nil {
		return nil, err
	}
	s.doc = doc
	if err := s.Validate(); err != nil {
		return nil, err
	}
	return &s, nil
}

// Errorf returns err located at the field path (e.g. "params[2].range")
// of the spec file, or err prefixed by the path for a spec built in code.
func (s *Spec) Errorf(path string, err error) error {
	if s.doc != nil {
		return s.doc.Errorf(path, err)
	}
	return fmt.Errorf("%s: %w", path, err)
}

// Validate checks the spec, fills defaults (runs 1, grid levels 5, Morris
// levels 4) and returns every problem found, each located.
func (s *Spec) Validate() error {
	var errs []error
	bad := func(path string, format string, a ...any) {
		errs = append(errs, s.Errorf(path, fmt.Errorf(format, a...)))
	}
	if s.Model.Kind == "" {
		bad("model.kind", "missing")
	}
	switch {
	case s.Runs == 0:
		s.Runs = 1
	case s.Runs < 0 || s.Runs > MaxRuns:
		bad("runs", "must be in [1, %d], got %d", MaxRuns, s.Runs)
	}
	d := len(s.Params)
	if d == 0 {
		bad("params", "no parameter to sweep")
	}
	if d > MaxParams {
		bad("params", "%d parameters, more than the limit of %d", d, MaxParams)
		return errors.Join(errs...)
	}
	seen := map[string]int{}
	for i := range s.Params {
		p := &s.Params[i]
		at := fmt.Sprintf("params[%d]", i)
		switch {
		case p.Name == "" || strings.ContainsAny(p.Name, " ,\"\t\n"):
			bad(at+".name", "must be a non-empty name without spaces, commas or quotes, got %q", p.Name)
		case reservedColumn(p.Name):
			bad(at+".name", "%q is a reserved column name", p.Name)
		default:
			if j, ok := seen[p.Name]; ok {
				bad(at+".name", "%q repeats params[%d]", p.Name, j)
			}
			seen[p.Name] = i
		}
		switch {
		case p.Dist != nil && p.Range != nil:
			bad(at, "give either range or dist, not both")
		case p.Dist != nil:
			if err := p.Dist.validate(); err != nil {
				errs = append(errs, s.Errorf(at+".dist", err))
			}
		case len(p.Range) != 2:
			bad(at+".range", "must be [lo, hi]")
		case !(p.Range[0] <= p.Range[1]) || math.IsInf(p.Range[0], 0) || math.IsInf(p.Range[1], 0):
			bad(at+".range", "must be finite with lo ≤ hi, got %v", p.Range)
		}
		if p.Levels < 0 || p.Levels > MaxLevels {
			bad(at+".levels", "must be in [1, %d], got %d", MaxLevels, p.Levels)
		}
		if p.Levels != 0 && s.Design.Kind != Grid {
			bad(at+".levels", "only a grid has levels per parameter")
		}
	}
	ds := &s.Design
	switch ds.Kind {
	case Grid:
		if ds.Levels == 0 {
			ds.Levels = 5
		}
		if ds.Levels < 1 || ds.Levels > MaxLevels {
			bad("design.levels", "must be in [1, %d], got %d", MaxLevels, ds.Levels)
		}
	case LHS, SobolSeq, Saltelli:
		if ds.Points < 1 {
			bad("design.points", "must be ≥ 1, got %d", ds.Points)
		}
		if ds.Kind == SobolSeq && d > MaxSobolDim {
			bad("params", "a Sobol' sequence has at most %d dimensions, got %d parameters", MaxSobolDim, d)
		}
		if ds.Kind == Saltelli && 2*d > MaxSobolDim {
			bad("params", "the Saltelli scheme uses 2·d Sobol' dimensions, at most %d: %d parameters is too many", MaxSobolDim, d)
		}
	case MorrisOT:
		if ds.Levels == 0 {
			ds.Levels = 4
		}
		if ds.Levels < 2 || ds.Levels%2 != 0 || ds.Levels > MaxLevels {
			bad("design.levels", "Morris needs an even number of levels ≥ 2, got %d", ds.Levels)
		}
		if ds.Trajectories < 2 {
			bad("design.trajectories", "must be ≥ 2, got %d", ds.Trajectories)
		}
	case "":
		bad("design.kind", "missing (want grid, lhs, sobol, saltelli or morris)")
	default:
		bad("design.kind", "unknown design %q (want grid, lhs, sobol, saltelli or morris)", ds.Kind)
	}
	if ds.Kind != Grid && ds.Kind != MorrisOT && ds.Levels != 0 {
		bad("design.levels", "only grid and morris designs have levels")
	}
	if ds.Kind != MorrisOT && ds.Trajectories != 0 {
		bad("design.trajectories", "only a morris design has trajectories")
	}
	if (ds.Kind == Grid || ds.Kind == MorrisOT) && ds.Points != 0 {
		bad("design.points", "a %s design has no points count", ds.Kind)
	}
	if len(errs) == 0 {
		if n, ok := s.size(); !ok {
			bad("design", "more than %d points", MaxPoints)
		} else if n*uint64(s.Runs) > MaxPoints {
			bad("runs", "%d points × %d runs is more than %d rows", n, s.Runs, uint64(MaxPoints))
		}
	}
	return errors.Join(errs...)
}

// size returns the number of points of the design, and false when it
// exceeds MaxPoints.
func (s *Spec) size() (uint64, bool) {
	d := uint64(len(s.Params))
	var n uint64
	switch s.Design.Kind {
	case Grid:
		n = 1
		for i := range s.Params {
			n *= uint64(s.levels(i))
			if n > MaxPoints {
				return n, false
			}
		}
	case LHS, SobolSeq:
		n = uint64(s.Design.Points)
	case Saltelli:
		n = uint64(s.Design.Points) * (d + 2)
	case MorrisOT:
		n = uint64(s.Design.Trajectories) * (d + 1)
	}
	return n, n <= MaxPoints
}

func (s *Spec) levels(i int) int {
	if l := s.Params[i].Levels; l > 0 {
		return l
	}
	return s.Design.Levels
}

// Fixed columns of every result row, before the parameters and outputs.
var fixedColumns = []string{"point_id", "run", "seed"}

func reservedColumn(name string) bool {
	for _, c := range fixedColumns {
		if name == c {
			return true
		}
	}
	return false
}

// Locate places each error of err that names a field of the spec file
// (a [parseerr.Error] at "params[1]") at that field's line, for errors
// found after parsing (a model that does not know a parameter). err is
// returned as is for a spec built in code.
func (s *Spec) Locate(err error) error {
	if s.doc == nil || err == nil {
		return err
	}
	return s.doc.Locate(err)
}
