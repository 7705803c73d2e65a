package lcc

import (
	"encoding/json"
	"errors"
	"fmt"
	"github.com/infragame/infragame/internal/parseerr"
	"github.com/infragame/infragame/units"
	"math"
	"strings"

	"github.com/infragame/infragame/internal/pctyaml"
	"github.com/infragame/infragame/internal/yamlpos"
	"github.com/infragame/infragame/mc"
	"go.yaml.in/yaml/v3"
)

// Number is a numeric input read from YAML: either a plain number or a
// distribution mapping such as
//
//	{dist: triangular, min: 4.0e9, mode: 5.0e9, max: 7.5e9}
//	{dist: normal, mean: 0.03, sd: 0.005}
//	{dist: lognormal, mu: 0, sigma: 0.25, value: 1}
//	{dist: pert, min: 3, mode: 4, max: 7}
//	{dist: uniform, min: 0, max: 0.2}
//
// The optional key value sets the deterministic value (default: the mean).
type Number struct {
	Value float64
	Dist  *mc.Dist
	// Set reports whether the field was present; Line and Column locate it.
	Set          bool
	Line, Column int
}

type distYAML struct {
	Dist  string   `yaml:"dist"`
	Min   *float64 `yaml:"min"`
	Mode  *float64 `yaml:"mode"`
	Max   *float64 `yaml:"max"`
	Mean  *float64 `yaml:"mean"`
	SD    *float64 `yaml:"sd"`
	Mu    *float64 `yaml:"mu"`
	Sigma *float64 `yaml:"sigma"`
	Value *float64 `yaml:"value"`
}

// MarshalJSON writes the number, or the distribution as an object with
// the keys of the YAML form.
func (n Number) MarshalJSON() ([]byte, error) {
	if n.Dist == nil {
		return json.Marshal(n.Value)
	}
	d := n.Dist
	m := map[string]any{"dist": d.Kind}
	switch d.Kind {
	case mc.Uniform:
		m["min"], m["max"] = d.Min, d.Max
	case mc.Triangular, mc.PERT:
		m["min"], m["mode"], m["max"] = d.Min, d.Mode, d.Max
	case mc.Normal:
		m["mean"], m["sd"] = d.Mean, d.SD
	case mc.LogNormal:
		m["mu"], m["sigma"] = d.Mu, d.Sigma
	}
	if d.Value != nil {
		m["value"] = *d.Value
	}
	return json.Marshal(m)
}

// UnmarshalYAML implements yaml.Unmarshaler (go.yaml.in/yaml/v3).
func (n *Number) UnmarshalYAML(node *yaml.Node) error {
	n.Line, n.Column = node.Line, node.Column
	n.Set = true
	switch node.Kind {
	case yaml.ScalarNode:
		if tag := node.ShortTag(); tag == "!!int" || tag == "!!float" {
			var f float64
			if err := node.Decode(&f); err != nil {
				return parseerr.At("", n.Line, n.Column, "", "not a number: %q", node.Value)
			}
			if math.IsInf(f, 0) || math.IsNaN(f) {
				break
			}
			n.Value = f
			return nil
		}
	case yaml.MappingNode:
		var d distYAML
		if err := yamlpos.DecodeNode(node, &d); err != nil {
			return err
		}
		return n.setDist(d)
	}
	return parseerr.At("", n.Line, n.Column, "", "want a number or a distribution mapping, got %q", node.Value)
}

func (n *Number) setDist(d distYAML) error {
	kind := mc.DistKind(strings.ToLower(d.Dist))
	need := map[mc.DistKind][]string{
		mc.Uniform: {"min", "max"}, mc.Triangular: {"min", "mode", "max"}, mc.PERT: {"min", "mode", "max"},
		mc.Normal: {"mean", "sd"}, mc.LogNormal: {"mu", "sigma"},
	}
	have := map[string]*float64{"min": d.Min, "mode": d.Mode, "max": d.Max, "mean": d.Mean, "sd": d.SD, "mu": d.Mu, "sigma": d.Sigma}
	req, ok := need[kind]
	if !ok {
		return parseerr.At("", n.Line, n.Column, "", "unknown distribution %q (want uniform, triangular, normal, lognormal or pert)", d.Dist)
	}
	allowed := map[string]bool{}
	for _, k := range req {
		allowed[k] = true
		if have[k] == nil {
			return parseerr.At("", n.Line, n.Column, "", "%s distribution needs %q", kind, k)
		}
	}
	for _, k := range []string{"min", "mode", "max", "mean", "sd", "mu", "sigma"} {
		if have[k] != nil && !allowed[k] {
			return parseerr.At("", n.Line, n.Column, "", "%s distribution takes no %q", kind, k)
		}
	}
	get := func(p *float64) float64 {
		if p == nil {
			return 0
		}
		return *p
	}
	dist := mc.Dist{Kind: kind, Min: get(d.Min), Mode: get(d.Mode), Max: get(d.Max), Mean: get(d.Mean), SD: get(d.SD), Mu: get(d.Mu), Sigma: get(d.Sigma), Value: d.Value}
	if err := dist.Validate(); err != nil {
		return &parseerr.Error{Line: n.Line, Column: n.Column, Err: err}
	}
	n.Dist = &dist
	n.Value = dist.Base()
	return nil
}

// ComponentSpec is the YAML form of a [Component].
type ComponentSpec struct {
	Name       string `yaml:"name" json:"name"`
	Cost       Number `yaml:"cost" json:"cost"`
	Life       Number `yaml:"life" json:"life"`
	Escalation Number `yaml:"escalation" json:"escalation"`
}

// HazardSpec is the YAML form of a [Hazard].
type HazardSpec struct {
	Name         string `yaml:"name" json:"name"`
	Probability  Number `yaml:"probability" json:"probability"`
	DamageRatio  Number `yaml:"damage_ratio" json:"damage_ratio"`
	DowntimeDays Number `yaml:"downtime_days" json:"downtime_days"`
}

// AssetSpec is the YAML form of an [Asset]. Every numeric field is a
// [Number]; rates are decimals (0.02 = 2 %).
type AssetSpec struct {
	Name              string          `yaml:"name" json:"name"`
	Capex             Number          `yaml:"capex" json:"capex"`
	Phasing           []float64       `yaml:"phasing" json:"phasing"`
	ConstructionYears Number          `yaml:"construction_years" json:"construction_years"`
	Overrun           Number          `yaml:"overrun" json:"overrun"`
	Delay             Number          `yaml:"delay" json:"delay"`
	ServiceLife       Number          `yaml:"service_life" json:"service_life"`
	OM                Number          `yaml:"om" json:"om"`
	OMEscalation      Number          `yaml:"om_escalation" json:"om_escalation"`
	Components        []ComponentSpec `yaml:"components" json:"components"`
	Hazards           []HazardSpec    `yaml:"hazards" json:"hazards"`
	Resilience        Number          `yaml:"resilience" json:"resilience"`
	DowntimeCost      Number          `yaml:"downtime_cost" json:"downtime_cost"`
	CO2Construction   Number          `yaml:"co2_construction" json:"co2_construction"`
	CO2PerYear        Number          `yaml:"co2_per_year" json:"co2_per_year"`
	CarbonPrice       Number          `yaml:"carbon_price" json:"carbon_price"`
	CarbonPriceGrowth Number          `yaml:"carbon_price_growth" json:"carbon_price_growth"`
	UserCost          Number          `yaml:"user_cost" json:"user_cost"`
	UserCostGrowth    Number          `yaml:"user_cost_growth" json:"user_cost_growth"`
	Benefit           Number          `yaml:"benefit" json:"benefit"`
	BenefitGrowth     Number          `yaml:"benefit_growth" json:"benefit_growth"`
}

// AnalysisSpec is the YAML form of an [Analysis].
type AnalysisSpec struct {
	Horizon      int    `yaml:"horizon" json:"horizon"`
	DiscountRate Number `yaml:"discount_rate" json:"discount_rate"`
	Inflation    Number `yaml:"inflation" json:"inflation"`
	// Dollars is "constant" (default) or "current".
	Dollars    string `yaml:"dollars" json:"dollars"`
	Convention string `yaml:"convention" json:"convention"`
	Currency   string `yaml:"currency" json:"currency"`
	PriceYear  int    `yaml:"price_year" json:"price_year"`
}

// StudySpec is the YAML form of a [Study], the file read by
// "infragame lcc run".
type StudySpec struct {
	Analysis     AnalysisSpec `yaml:"analysis" json:"analysis"`
	Alternatives []AssetSpec  `yaml:"alternatives" json:"alternatives"`
}

// Build returns the asset and, keyed by parameter name (prefix + name),
// the distributions and source positions of its numeric fields.
func (s *AssetSpec) Build(prefix string, uncertain map[string]mc.Dist, pos map[string][2]int) Asset {
	a := Asset{Name: s.Name, Phasing: append([]float64(nil), s.Phasing...)}
	nums := map[string]*Number{
		"capex": &s.Capex, "construction_years": &s.ConstructionYears, "overrun": &s.Overrun, "delay": &s.Delay,
		"service_life": &s.ServiceLife, "om": &s.OM, "om_escalation": &s.OMEscalation, "resilience": &s.Resilience,
		"downtime_cost": &s.DowntimeCost, "co2_construction": &s.CO2Construction, "co2_per_year": &s.CO2PerYear,
		"carbon_price": &s.CarbonPrice, "carbon_price_growth": &s.CarbonPriceGrowth, "user_cost": &s.UserCost,
		"user_cost_growth": &s.UserCostGrowth, "benefit": &s.Benefit, "benefit_growth": &s.BenefitGrowth,
	}
	for _, c := range s.Components {
		a.Components = append(a.Components, Component{Name: c.Name})
	}
	for _, h := range s.Hazards {
		a.Hazards = append(a.Hazards, Hazard{Name: h.Name})
	}
	for i := range s.Components {
		c := &s.Components[i]
		p := "components." + c.Name + "."
		nums[p+"cost"], nums[p+"life"], nums[p+"escalation"] = &c.Cost, &c.Life, &c.Escalation
	}
	for i := range s.Hazards {
		h := &s.Hazards[i]
		p := "hazards." + h.Name + "."
		nums[p+"probability"], nums[p+"damage_ratio"], nums[p+"downtime_days"] = &h.Probability, &h.DamageRatio, &h.DowntimeDays
	}
	for _, p := range a.Params() {
		n, ok := nums[p.Name]
		if !ok || !n.Set {
			continue
		}
		*p.Ptr = n.Value
		if n.Dist != nil && uncertain != nil {
			uncertain[prefix+p.Name] = *n.Dist
		}
		if pos != nil {
			pos[prefix+p.Name] = [2]int{n.Line, n.Column}
		}
	}
	return a
}

// Build returns the analysis, recording distributions as for
// [AssetSpec.Build].
func (s *AnalysisSpec) Build(prefix string, uncertain map[string]mc.Dist, pos map[string][2]int) (Analysis, error) {
	an := Analysis{Horizon: s.Horizon, Currency: s.Currency, PriceYear: s.PriceYear}
	conv, err := ParseConvention(s.Convention)
	if err != nil {
		return an, fmt.Errorf("%sconvention: %w", prefix, err)
	}
	an.Convention = conv
	switch strings.ToLower(s.Dollars) {
	case "", "constant", "real":
	case "current", "nominal":
		an.Nominal = true
	default:
		return an, fmt.Errorf("%sdollars: %q (want constant or current)", prefix, s.Dollars)
	}
	for _, f := range []struct {
		name string
		n    *Number
		dst  *float64
	}{{"discount_rate", &s.DiscountRate, &an.DiscountRate}, {"inflation", &s.Inflation, &an.Inflation}} {
		if !f.n.Set {
			continue
		}
		*f.dst = f.n.Value
		if f.n.Dist != nil && uncertain != nil {
			uncertain[f.name] = *f.n.Dist
		}
		if pos != nil {
			pos[f.name] = [2]int{f.n.Line, f.n.Column}
		}
	}
	return an, nil
}

// LocateErrors places each error of err (as returned by the Validate
// methods, possibly joined) that names a parameter known to pos
// ([parseerr.Error] with Field NAME and no line) at the YAML position of
// NAME.
func LocateErrors(err error, pos map[string][2]int) error {
	return parseerr.Map(err, func(e error) error {
		pe, ok := e.(*parseerr.Error)
		if !ok || pe.Line > 0 {
			return e
		}
		p, ok := pos[pe.Field]
		if !ok {
			return e
		}
		c := *pe
		c.Line, c.Column = p[0], p[1]
		return &c
	})
}

// AssetPctFields are the rates and shares of an asset ([AssetSpec]),
// written as percentages in fields named with the suffix _pct
// (om_escalation_pct: 1 is 1 % a year) or, in files from before that rule,
// as decimal fractions under the names of [AssetSpec] (om_escalation:
// 0.01). Paths are relative to the asset.
func AssetPctFields() []pctyaml.Field {
	growth := func(p string) pctyaml.Field {
		return pctyaml.Field{Path: p, Shape: pctyaml.Number, Kind: units.GrowthRate, Checked: true}
	}
	plain := func(p string) pctyaml.Field { return pctyaml.Field{Path: p, Shape: pctyaml.Number} }
	return []pctyaml.Field{
		{Path: "phasing", Shape: pctyaml.List},
		plain("overrun"), growth("om_escalation"), plain("resilience"),
		growth("carbon_price_growth"), growth("user_cost_growth"), growth("benefit_growth"),
		growth("components.*.escalation"), plain("hazards.*.probability"), plain("hazards.*.damage_ratio"),
	}
}

// StudyPctFields are the rates and shares of a study file ([StudySpec]):
// the analysis's discount rate and inflation and each alternative's
// [AssetPctFields].
func StudyPctFields() []pctyaml.Field {
	return append([]pctyaml.Field{
		{Path: "analysis.discount_rate", Shape: pctyaml.Number, Kind: units.DiscountRate, Checked: true},
		{Path: "analysis.inflation", Shape: pctyaml.Number, Kind: units.GrowthRate, Checked: true},
	}, pctyaml.Under("alternatives.*", AssetPctFields())...)
}

// ParseStudy reads a study from YAML (strict: unknown fields are errors).
// Syntax errors carry line and column; semantic errors name the field path
// and, for numbers, their position.
//
// Rates and shares are percentages in fields whose names end in _pct
// ([StudyPctFields]: discount_rate_pct: 5 is 5 %); files written before
// that rule give them as decimal fractions under the names without the
// suffix (discount_rate: 0.05), which are still read ("infragame lcc
// migrate" rewrites such a file). A file giving both names of one quantity
// is an error. A value almost certainly on the wrong scale (a percentage of
// 0.05 for a discount rate, a fraction of 5; see units.Check) is an error
// unless opts allow unusual values.
func ParseStudy(data []byte, opts ...units.Options) (*Study, error) {
	var spec StudySpec
	doc, err := yamlpos.Load("", data)
	if err != nil {
		return nil, err
	}
	conv, err := pctyaml.NormalizeNotes(doc.Root(), StudyPctFields(), units.Allow(opts))
	if err != nil {
		return nil, err
	}
	if err := doc.DecodeRoot(&spec); err != nil {
		return nil, err
	}
	st := &Study{Uncertain: map[string]mc.Dist{}}
	pos := map[string][2]int{}
	an, err := spec.Analysis.Build("analysis.", st.Uncertain, pos)
	if err != nil {
		return nil, err
	}
	st.Analysis = an
	for i := range spec.Alternatives {
		a := &spec.Alternatives[i]
		st.Alternatives = append(st.Alternatives, a.Build(a.Name+".", st.Uncertain, pos))
	}
	if len(st.Uncertain) == 0 {
		st.Uncertain = nil
	}
	// Validate with flat parameter names so positions can be attached.
	var errs []error
	ps := st.Params()
	for _, p := range ps {
		if err := p.Check(*p.Ptr); err != nil {
			errs = append(errs, err)
		} else if k, ok := units.KindOf(p.Name); ok && !units.Allow(opts) {
			if u := units.Check(k, units.Fraction, *p.Ptr); u != nil {
				errs = append(errs, parseerr.AtField(p.Name, u))
			}
		}
	}
	if len(errs) > 0 {
		// The checks see fractions; say what the file gave in percent.
		return nil, pctyaml.Explain(LocateErrors(errors.Join(errs...), pos), conv)
	}
	if err := st.Validate(); err != nil {
		return nil, pctyaml.Explain(doc.Locate(LocateErrors(err, pos)), conv)
	}
	return st, nil
}
