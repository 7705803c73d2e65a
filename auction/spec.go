package auction

import (
	"errors"
	"fmt"
	"strings"

	"github.com/infragame/infragame/internal/yamlpos"
)

// Spec is an auction read from a YAML file: a first-price auction (form
// value or procurement) or a first-score auction (form scoring), exactly
// one of Auction and Scoring being set.
type Spec struct {
	Auction *Auction
	Scoring *ScoringAuction
	// GridPoints from the file's optional grid field (0 = default).
	GridPoints int
}

// DistSpec is the YAML form of a type distribution:
//
//	{dist: uniform, low, high}
//	{dist: power, exponent, low, high}        F = ((x−low)/(high−low))^exponent
//	{dist: normal, mu, sigma, low, high}      truncated normal
//	{dist: lognormal, mu, sigma, low, high}   truncated log-normal (low ≥ 0, default 0)
//	{dist: beta, alpha, beta, low, high}
//	{dist: empirical, x: [...], p: [...]}     piecewise-linear CDF
//	{dist: empirical, sample: [...]}          CDF interpolating a sample
type DistSpec struct {
	Dist     string    `yaml:"dist"`
	Low      *float64  `yaml:"low"`
	High     *float64  `yaml:"high"`
	Exponent *float64  `yaml:"exponent"`
	Mu       *float64  `yaml:"mu"`
	Sigma    *float64  `yaml:"sigma"`
	Alpha    *float64  `yaml:"alpha"`
	Beta     *float64  `yaml:"beta"`
	X        []float64 `yaml:"x"`
	P        []float64 `yaml:"p"`
	Sample   []float64 `yaml:"sample"`
}

type bidderSpec struct {
	Name        string    `yaml:"name"`
	Type        *DistSpec `yaml:"type"`
	Cost        *costSpec `yaml:"cost"`
	PriceWeight *float64  `yaml:"price_weight"`
}

type costSpec struct {
	Fixed    float64 `yaml:"fixed"`
	Scale    float64 `yaml:"scale"`
	Exponent float64 `yaml:"exponent"`
}

type scoreSpec struct {
	Kind     string       `yaml:"kind"`
	Coef     float64      `yaml:"coef"`
	Exponent float64      `yaml:"exponent"`
	Points   [][2]float64 `yaml:"points"`
}

type fileSpec struct {
	Form     string       `yaml:"form"`
	Reserve  *float64     `yaml:"reserve"`
	MinScore *float64     `yaml:"min_score"`
	Grid     int          `yaml:"grid"`
	Score    *scoreSpec   `yaml:"score"`
	Quality  *[2]float64  `yaml:"quality"`
	Bidders  []bidderSpec `yaml:"bidders"`
}

// SpecError is a semantic error in a spec file, located by field path
// and, when the field is present, by line.
type SpecError = yamlpos.Error

// ParseSpec reads an auction from YAML. name is used in error messages.
// Unknown fields are errors; syntax errors carry the line and column.
func ParseSpec(name string, data []byte) (*Spec, error) {
	var fs fileSpec
	doc, err := yamlpos.Decode(name, data, &fs)
	if err != nil {
		return nil, err
	}
	fail := doc.Errorf
	wrap := func(err error) error {
		var fe *FieldError
		if errors.As(err, &fe) {
			return fail(fe.Path, fe.Err)
		}
		return fmt.Errorf("%s: %w", name, err)
	}
	sp := &Spec{GridPoints: fs.Grid}
	if fs.Grid < 0 {
		return nil, fail("grid", errors.New("must be positive"))
	}
	if fs.Grid > MaxGridPoints {
		return nil, fail("grid", fmt.Errorf("%w: %d points, at most %d", ErrLimit, fs.Grid, MaxGridPoints))
	}
	if err := checkBidders(len(fs.Bidders), func(i int) string { return fs.Bidders[i].Name }); err != nil {
		return nil, wrap(err)
	}
	switch fs.Form {
	case "value", "procurement", "":
		if fs.Score != nil || fs.Quality != nil || fs.MinScore != nil {
			return nil, fail("form", fmt.Errorf("score, quality and min_score need form: scoring"))
		}
		f, _ := ParseForm(fs.Form)
		a := &Auction{Form: f, Reserve: fs.Reserve}
		for i, b := range fs.Bidders {
			p := fmt.Sprintf("bidders[%d]", i)
			if b.Cost != nil || b.PriceWeight != nil {
				return nil, fail(p, errors.New("cost and price_weight need form: scoring"))
			}
			d, err := buildDist(b.Type)
			if err != nil {
				return nil, fail(p+".type"+err.suffix, err.err)
			}
			a.Bidders = append(a.Bidders, Bidder{Name: b.Name, Type: d})
		}
		if err := a.Validate(); err != nil {
			return nil, wrap(err)
		}
		sp.Auction = a
	case "scoring":
		if fs.Reserve != nil {
			return nil, fail("reserve", errors.New("a scoring auction takes min_score"))
		}
		a := &ScoringAuction{MinScore: fs.MinScore}
		if fs.Score == nil {
			return nil, fail("score", errors.New("missing scoring rule"))
		}
		sc, err := buildScore(fs.Score)
		if err != nil {
			return nil, fail("score", err)
		}
		a.Score = sc
		if fs.Quality == nil {
			return nil, fail("quality", errors.New("missing [min, max] quality range"))
		}
		a.QualityMin, a.QualityMax = fs.Quality[0], fs.Quality[1]
		for i, b := range fs.Bidders {
			p := fmt.Sprintf("bidders[%d]", i)
			d, err := buildDist(b.Type)
			if err != nil {
				return nil, fail(p+".type"+err.suffix, err.err)
			}
			sb := ScoringBidder{Name: b.Name, Type: d}
			if b.Cost == nil {
				return nil, fail(p+".cost", errors.New("missing cost {fixed, scale, exponent}"))
			}
			sb.Cost = PowerCost{Fixed: b.Cost.Fixed, Scale: b.Cost.Scale, Exponent: b.Cost.Exponent}
			if b.PriceWeight != nil {
				if !(*b.PriceWeight > 0) {
					return nil, fail(p+".price_weight", fmt.Errorf("must be positive, got %g", *b.PriceWeight))
				}
				sb.PriceWeight = *b.PriceWeight
			}
			a.Bidders = append(a.Bidders, sb)
		}
		if err := a.Validate(); err != nil {
			return nil, wrap(err)
		}
		sp.Scoring = a
	default:
		return nil, fail("form", fmt.Errorf("unknown form %q (want value, procurement or scoring)", fs.Form))
	}
	return sp, nil
}

type distErr struct {
	suffix string
	err    error
}

func (d *distErr) Error() string { return d.suffix + ": " + d.err.Error() }

func need(v *float64, field string) (float64, *distErr) {
	if v == nil {
		return 0, &distErr{"." + field, errors.New("missing")}
	}
	return *v, nil
}

func buildDist(s *DistSpec) (Dist, *distErr) {
	if s == nil {
		return nil, &distErr{"", errors.New("missing distribution")}
	}
	get := func(fields ...string) ([]float64, *distErr) {
		var out []float64
		for _, f := range fields {
			var p *float64
			switch f {
			case "low":
				p = s.Low
			case "high":
				p = s.High
			case "exponent":
				p = s.Exponent
			case "mu":
				p = s.Mu
			case "sigma":
				p = s.Sigma
			case "alpha":
				p = s.Alpha
			case "beta":
				p = s.Beta
			}
			v, err := need(p, f)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	}
	var d Dist
	switch strings.ToLower(s.Dist) {
	case "uniform":
		v, err := get("low", "high")
		if err != nil {
			return nil, err
		}
		d = Uniform{v[0], v[1]}
	case "power":
		v, err := get("exponent", "low", "high")
		if err != nil {
			return nil, err
		}
		d = Power{v[0], v[1], v[2]}
	case "normal":
		v, err := get("mu", "sigma", "low", "high")
		if err != nil {
			return nil, err
		}
		d = TruncNormal{v[0], v[1], v[2], v[3]}
	case "lognormal":
		if s.Low == nil {
			zero := 0.0
			s.Low = &zero
		}
		v, err := get("mu", "sigma", "low", "high")
		if err != nil {
			return nil, err
		}
		d = TruncLogNormal{v[0], v[1], v[2], v[3]}
	case "beta":
		v, err := get("alpha", "beta", "low", "high")
		if err != nil {
			return nil, err
		}
		d = Beta{v[0], v[1], v[2], v[3]}
	case "empirical":
		if n := max(len(s.Sample), len(s.X)); n > MaxSample {
			return nil, &distErr{".sample", fmt.Errorf("%w: %d points, at most %d", ErrLimit, n, MaxSample)}
		}
		if s.Sample != nil {
			e, err := EmpiricalFromSample(s.Sample)
			if err != nil {
				return nil, &distErr{".sample", err}
			}
			d = e
		} else {
			d = Empirical{X: s.X, P: s.P}
		}
	case "":
		return nil, &distErr{".dist", errors.New("missing (uniform, power, normal, lognormal, beta or empirical)")}
	default:
		return nil, &distErr{".dist", fmt.Errorf("unknown distribution %q (want uniform, power, normal, lognormal, beta or empirical)", s.Dist)}
	}
	if err := d.Validate(); err != nil {
		return nil, &distErr{"", err}
	}
	return d, nil
}

func buildScore(s *scoreSpec) (ScoreRule, error) {
	var r ScoreRule
	switch s.Kind {
	case "linear":
		r = LinearScore{s.Coef}
	case "power":
		r = PowerScore{s.Coef, s.Exponent}
	case "log":
		r = LogScore{s.Coef}
	case "piecewise":
		var p PiecewiseScore
		for _, pt := range s.Points {
			p.Q = append(p.Q, pt[0])
			p.S = append(p.S, pt[1])
		}
		r = p
	default:
		return nil, fmt.Errorf("unknown kind %q (want linear, power, log or piecewise)", s.Kind)
	}
	if err := r.Validate(); err != nil {
		return nil, err
	}
	return r, nil
}
