package mc

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"

	"gonum.org/v1/gonum/stat/distuv"
)

// DistKind names a probability distribution.
type DistKind string

// The distributions an uncertain input may take (FHWA RealCost offers the
// same families).
const (
	Uniform    DistKind = "uniform"    // Min, Max
	Triangular DistKind = "triangular" // Min, Mode, Max
	Normal     DistKind = "normal"     // Mean, SD
	LogNormal  DistKind = "lognormal"  // Mu, Sigma of log(x)
	PERT       DistKind = "pert"       // Min, Mode, Max (Beta-PERT, λ = 4)
)

// Dist is a probability distribution for one uncertain input.
type Dist struct {
	Kind           DistKind
	Min, Mode, Max float64
	Mean, SD       float64
	Mu, Sigma      float64
	// Value, when set, is the deterministic value used outside Monte Carlo;
	// otherwise the distribution's mean is used.
	Value *float64
}

// Validate checks the parameters: min ≤ mode ≤ max with min < max,
// sd ≥ 0, sigma ≥ 0, all finite.
func (d Dist) Validate() error {
	fin := func(xs ...float64) error {
		for _, x := range xs {
			if math.IsNaN(x) || math.IsInf(x, 0) {
				return fmt.Errorf("%s distribution: parameters must be finite", d.Kind)
			}
		}
		return nil
	}
	switch d.Kind {
	case Uniform:
		if err := fin(d.Min, d.Max); err != nil {
			return err
		}
		if d.Min > d.Max {
			return fmt.Errorf("uniform distribution: min %g > max %g", d.Min, d.Max)
		}
	case Triangular, PERT:
		if err := fin(d.Min, d.Mode, d.Max); err != nil {
			return err
		}
		if d.Min > d.Max {
			return fmt.Errorf("%s distribution: min %g > max %g", d.Kind, d.Min, d.Max)
		}
		if d.Min == d.Max {
			return fmt.Errorf("%s distribution: min = max = %g (use a number)", d.Kind, d.Min)
		}
		if d.Mode < d.Min || d.Mode > d.Max {
			return fmt.Errorf("%s distribution: mode %g outside [min %g, max %g]", d.Kind, d.Mode, d.Min, d.Max)
		}
	case Normal:
		if err := fin(d.Mean, d.SD); err != nil {
			return err
		}
		if d.SD < 0 {
			return fmt.Errorf("normal distribution: sd %g < 0", d.SD)
		}
	case LogNormal:
		if err := fin(d.Mu, d.Sigma); err != nil {
			return err
		}
		if d.Sigma < 0 {
			return fmt.Errorf("lognormal distribution: sigma %g < 0", d.Sigma)
		}
	default:
		return fmt.Errorf("unknown distribution %q (want %s)", d.Kind, strings.Join([]string{string(Uniform), string(Triangular), string(Normal), string(LogNormal), string(PERT)}, ", "))
	}
	if d.Value != nil && (math.IsNaN(*d.Value) || math.IsInf(*d.Value, 0)) {
		return fmt.Errorf("%s distribution: value must be finite", d.Kind)
	}
	return nil
}

// pertShape returns the Beta parameters of a PERT distribution:
// α = 1 + 4(mode-min)/(max-min), β = 1 + 4(max-mode)/(max-min)
// (Vose, Risk Analysis, 3rd ed., §III.7).
func (d Dist) pertShape() (alpha, beta float64) {
	r := d.Max - d.Min
	return 1 + 4*(d.Mode-d.Min)/r, 1 + 4*(d.Max-d.Mode)/r
}

// DistMean returns the mean: (min+max)/2, (min+mode+max)/3, mean,
// exp(mu+sigma²/2), (min+4·mode+max)/6.
func (d Dist) DistMean() float64 {
	switch d.Kind {
	case Uniform:
		return (d.Min + d.Max) / 2
	case Triangular:
		return (d.Min + d.Mode + d.Max) / 3
	case Normal:
		return d.Mean
	case LogNormal:
		return math.Exp(d.Mu + d.Sigma*d.Sigma/2)
	case PERT:
		return (d.Min + 4*d.Mode + d.Max) / 6
	}
	return math.NaN()
}

// Base is the deterministic value: Value if set, else the mean.
func (d Dist) Base() float64 {
	if d.Value != nil {
		return *d.Value
	}
	return d.DistMean()
}

// Sample draws one value using src (gonum stat/distuv for every family; PERT
// as a scaled distuv.Beta).
func (d Dist) Sample(src rand.Source) float64 {
	switch d.Kind {
	case Uniform:
		if d.Min == d.Max {
			return d.Min
		}
		return distuv.Uniform{Min: d.Min, Max: d.Max, Src: src}.Rand()
	case Triangular:
		return distuv.NewTriangle(d.Min, d.Max, d.Mode, src).Rand()
	case Normal:
		if d.SD == 0 {
			return d.Mean
		}
		return distuv.Normal{Mu: d.Mean, Sigma: d.SD, Src: src}.Rand()
	case LogNormal:
		if d.Sigma == 0 {
			return math.Exp(d.Mu)
		}
		return distuv.LogNormal{Mu: d.Mu, Sigma: d.Sigma, Src: src}.Rand()
	case PERT:
		a, b := d.pertShape()
		return d.Min + (d.Max-d.Min)*distuv.Beta{Alpha: a, Beta: b, Src: src}.Rand()
	}
	panic("mc: sample of invalid distribution " + string(d.Kind))
}
