// Package models adapts infragame computations to [sweep.Model]: a tender
// (or a case file), an LCC study, a two-exporter contest, a market
// simulation scenario ([Sim]; model.file is a scenario file or
// "scenario:NAME" for a shipped one), and the analytic
// test functions of package sweep. Swept parameters use the names of the
// computation's own parameter lists ([tender.Tender.Params],
// [lcc.Study.Params], [ContestParams]); inputs with a distribution in the
// file that are not swept are drawn afresh in every Monte Carlo run.
package models

import (
	"fmt"
	"github.com/infragame/infragame/internal/parseerr"
	"math"
	"math/rand/v2"
	"sort"

	"github.com/infragame/infragame/contest"
	"github.com/infragame/infragame/lcc"
	"github.com/infragame/infragame/mc"
	"github.com/infragame/infragame/sweep"
	"github.com/infragame/infragame/tender"
	"github.com/infragame/infragame/units"
)

// Kinds are the model kinds of a spec's model.kind.
var Kinds = []string{"tender", "lcc", "contest", "sim", "ishigami", "gfunction"}

// NeedsFile reports whether kind reads a file (model.file).
func NeedsFile(kind string) bool {
	return kind == "tender" || kind == "lcc" || kind == "contest" || kind == "sim"
}

// Load builds the model of ms; file holds the content of ms.File for the
// kinds that read one. Tender and contest files are read by
// [tender.ParseFile] (a case without host: gets the backtest host of
// [tender.DefaultRule]); LCC studies by [lcc.ParseStudy].
func Load(ms sweep.ModelSpec, file []byte) (sweep.Model, error) {
	switch ms.Kind {
	case "ishigami":
		a, b := 7.0, 0.1
		switch len(ms.Args) {
		case 0:
		case 2:
			a, b = ms.Args[0], ms.Args[1]
		default:
			return nil, parseerr.Fieldf("model.args", "ishigami takes [a, b]")
		}
		return sweep.Ishigami(a, b), nil
	case "gfunction":
		if len(ms.Args) == 0 {
			return nil, parseerr.Fieldf("model.args", "gfunction needs a_i ≥ 0, one per parameter")
		}
		for _, a := range ms.Args {
			if !(a >= 0) || math.IsInf(a, 0) {
				return nil, parseerr.Fieldf("model.args", "gfunction needs finite a_i ≥ 0, got %g", a)
			}
		}
		return sweep.GFunction(ms.Args), nil
	}
	if len(ms.Args) > 0 {
		return nil, parseerr.Fieldf("model.args", "a %s model takes no arguments", ms.Kind)
	}
	switch ms.Kind {
	case "sim":
		return loadSim(ms.File, file)
	case "tender":
		f, err := tender.ParseFile(file)
		if err != nil {
			return nil, err
		}
		t, err := f.CaseTender(tender.DefaultRule)
		if err != nil {
			return nil, err
		}
		return NewTender(t)
	case "lcc":
		s, err := lcc.ParseStudy(file)
		if err != nil {
			return nil, err
		}
		return NewLCC(*s)
	case "contest":
		f, err := tender.ParseFile(file)
		if err != nil {
			return nil, err
		}
		s, _, err := contest.FromCase(f, tender.DefaultRule)
		if err != nil {
			return nil, err
		}
		return NewContest(s)
	}
	return nil, parseerr.Fieldf("model.kind", "unknown model %q (want one of %v)", ms.Kind, Kinds)
}

// draws are the inputs with a distribution that a point does not set.
type draws struct {
	params []mc.Param
	dists  []mc.Dist
}

// newDraws binds the distributions of uncertain (by name, in name order)
// to the parameters ps, skipping the swept names.
func newDraws(ps []mc.Param, uncertain map[string]mc.Dist, swept []string) (draws, error) {
	skip := map[string]bool{}
	for _, n := range swept {
		skip[n] = true
	}
	names := make([]string, 0, len(uncertain))
	for n := range uncertain {
		if !skip[n] {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	var d draws
	for _, n := range names {
		p, err := mc.FindParam(ps, n)
		if err != nil {
			return draws{}, err
		}
		d.params = append(d.params, p)
		d.dists = append(d.dists, uncertain[n])
	}
	return d, nil
}

// draw sets every unswept uncertain input from src, clamped to its valid
// range as [tender.Simulate] does.
func (d draws) draw(src rand.Source) {
	for k, p := range d.params {
		*p.Ptr = p.Clamp(d.dists[k].Sample(src))
	}
}

// bound is a swept parameter; pct when the spec names it with the suffix
// _pct (tender.PctParam) and gives its values in percent.
type bound struct {
	mc.Param
	pct bool
}

// bind finds the swept parameters among ps. It returns them and their
// names without the suffix _pct.
func bind(ps []mc.Param, names []string) ([]bound, []string, error) {
	out := make([]bound, len(names))
	bases := make([]string, len(names))
	for i, n := range names {
		base, pct := tender.PctParam(n)
		p, err := mc.FindParam(ps, base)
		if err != nil {
			return nil, nil, parseerr.Prefix(fmt.Sprintf("params[%d]", i), err)
		}
		out[i], bases[i] = bound{p, pct}, base
	}
	return out, bases, nil
}

// set writes x into the swept parameters, checking each value (a
// percentage converted to its fraction first).
func set(ps []bound, x []float64) error {
	for i, p := range ps {
		v := x[i]
		if p.pct {
			v = units.FractionOf(v)
		}
		if err := p.Check(v); err != nil {
			return err
		}
		*p.Ptr = v
	}
	return nil
}
