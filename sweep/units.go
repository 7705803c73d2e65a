package sweep

import (
	"errors"
	"fmt"
	"math"
	"strconv"

	"github.com/infragame/infragame/units"
)

// UnitKinds is implemented by a model whose parameters include rates and
// shares. UnitKind reports, for a parameter name as a spec gives it, the
// kind of rate or share and the scale of its values: [units.Percent] for a
// name ending in _pct (host.discount_rate_pct over [2, 10]),
// [units.Fraction] for its decimal name (host.discount_rate over [0.02,
// 0.1]); ok is false for any other parameter, or one whose values are
// left to the model's range checks.
type UnitKinds interface {
	UnitKind(name string) (k units.Kind, s units.Scale, ok bool)
}

// CheckUnits refuses every parameter of the spec whose range or
// distribution is almost certainly on the wrong scale for its kind, as the
// readers of scenario, tender and study files refuse such a value
// ([units.Check]): a discount rate swept over [0.02, 0.05] under the
// percent name host.discount_rate_pct (0.02 % to 0.05 %; did you mean [2,
// 5]?), or over [2, 10] under the decimal name. A range is refused when
// its upper end is unusual, or its lower end is unusual and larger in
// magnitude (a range from 0 or a small value up to a plausible one is
// plausible); a distribution by its ends (uniform, triangular), its mean
// (normal) or its median e^mu (lognormal). Errors name the file, line and
// field, the values as the spec gives them and the likely intended ones.
func (s *Spec) CheckUnits(kind func(name string) (units.Kind, units.Scale, bool)) error {
	var errs []error
	for i := range s.Params {
		p := &s.Params[i]
		k, scale, ok := kind(p.Name)
		if !ok {
			continue
		}
		at := fmt.Sprintf("params[%d]", i)
		switch d := p.Dist; {
		case d == nil && len(p.Range) == 2:
			if err := checkEnds(k, scale, p.Name, p.Range[0], p.Range[1], "range"); err != nil {
				errs = append(errs, s.Errorf(at+".range", err))
			}
		case d == nil:
		case d.Kind == "uniform" || d.Kind == "triangular":
			if err := checkEnds(k, scale, p.Name, d.Low, d.High, d.Kind+" low–high"); err != nil {
				errs = append(errs, s.Errorf(at+".dist", err))
			}
		case d.Kind == "normal":
			if u := units.Check(k, scale, d.Mean); u != nil {
				errs = append(errs, s.Errorf(at+".dist.mean", explain(u, p.Name, "normal mean "+num(d.Mean), likely(u, d.Mean))))
			}
		case d.Kind == "lognormal":
			med := math.Exp(d.Mu)
			if u := units.Check(k, scale, med); u != nil {
				hint := ""
				if !math.IsNaN(u.Likely) {
					hint = "mu " + num(math.Log(u.Likely))
				}
				errs = append(errs, s.Errorf(at+".dist.mu", explain(u, p.Name, "lognormal median e^mu = "+num(med)+" (mu "+num(d.Mu)+")", hint)))
			}
		}
	}
	return errors.Join(errs...)
}

// checkEnds checks a range [lo, hi] of a parameter of kind k in scale.
func checkEnds(k units.Kind, scale units.Scale, name string, lo, hi float64, what string) error {
	u := units.Check(k, scale, hi)
	if u == nil {
		if ul := units.Check(k, scale, lo); ul != nil && math.Abs(lo) > math.Abs(hi) {
			u = ul
		}
	}
	if u == nil {
		return nil
	}
	hint := ""
	if ll, lh := likely(u, lo), likely(u, hi); ll != "" && lh != "" {
		hint = "[" + ll + ", " + lh + "]"
	}
	return explain(u, name, fmt.Sprintf("%s [%s, %s]", what, num(lo), num(hi)), hint)
}

// likely returns v on the other scale when u has a likely intended value
// ("" otherwise): the percentage of a fraction or the fraction of a
// percentage, by moving the decimal point.
func likely(u *units.Unusual, v float64) string {
	if math.IsNaN(u.Likely) {
		return ""
	}
	if u.Scale == units.Percent {
		return num(units.PercentOf(v))
	}
	return num(units.FractionOf(v))
}

// explain words u for a swept parameter: what the spec gives, how it is
// read, and the likely intended value.
func explain(u *units.Unusual, name, given, hint string) error {
	how := "a percentage, as its name ends in _pct: 5 is 5 %"
	if u.Scale == units.Fraction {
		how = "a decimal fraction: 0.05 is 5 %; name it " + name + "_pct to give percentages"
	}
	msg := fmt.Sprintf("%s is unusual for a %s (%s is %s)", given, u.Kind, name, how)
	if hint != "" {
		return errors.New(msg + "; did you mean " + hint + "? Pass --allow-unusual to keep it.")
	}
	return errors.New(msg + ". Pass --allow-unusual to keep it.")
}

func num(x float64) string { return strconv.FormatFloat(x, 'g', 10, 64) }
