package market

import (
	"encoding/json"
	"github.com/infragame/infragame/internal/parseerr"
	"github.com/infragame/infragame/internal/pctyaml"
	"github.com/infragame/infragame/internal/suggest"
	"github.com/infragame/infragame/units"
	"math"
	"sort"
	"strings"
)

// Regions of the model, named as in the dataset's strategy records
// ("asean" stands for Japan's tier-1 "China + ASEAN" host markets outside
// China, "middle-east" includes West Asia).
var Regions = []string{"asean", "south-asia", "middle-east", "russia-cis", "latin-america", "africa", "developed"}

// Sectors of the model, those of the seed's breakdown of Japan's orders
// (§1.3(1): information and communications, transport, energy) plus the
// rest.
var Sectors = []string{"energy", "transport", "ict", "other"}

// Exporters of the model: China, Japan and the bloc of other exporters
// (Korea, Europe, …), so that shares need not sum to the two.
var Exporters = []string{"cn", "jp", "other"}

const (
	nR = 7
	nS = 4
	nE = 3
	cn = 0
	jp = 1
	ot = 2
)

// ParamInfo describes one numeric parameter of the model. A rate or share
// is a percentage, named with the suffix _pct (jp.guarantee_share_pct: 50
// is 50 %), its default and range in percent too; [Values] may also give
// it as a decimal fraction under the name without the suffix
// (jp.guarantee_share: 0.5), as scenario files did before the one-unit
// rule.
type ParamInfo struct {
	Name    string  `json:"name"`
	Unit    string  `json:"unit"`
	Default float64 `json:"default"`
	Lo      float64 `json:"lo"`
	// Hi is +Inf for a parameter without an upper bound (JSON: null).
	Hi     float64 `json:"-"`
	Doc    string  `json:"doc"`
	Source string  `json:"source"`
}

// MarshalJSON writes hi as null when the parameter has no upper bound, so
// the document stays valid JSON (which has no infinity).
func (p ParamInfo) MarshalJSON() ([]byte, error) {
	type plain ParamInfo
	var hi *float64
	if !math.IsInf(p.Hi, 0) && !math.IsNaN(p.Hi) {
		hi = &p.Hi
	}
	return json.Marshal(struct {
		plain
		Hi *float64 `json:"hi"`
	}{plain(p), hi})
}

const (
	srcAssume = "assumption (round value, not estimated)"
	srcCalib  = "estimated by simulated moments on 2010–2015 data (docs/sim.md, Calibration)"
)

// paramTable lists every parameter with its default. The defaults are the
// calibrated baseline.
func paramTable() []ParamInfo {
	var ps []ParamInfo
	add := func(name, unit string, def, lo, hi float64, doc, src string) {
		ps = append(ps, ParamInfo{name, unit, def, lo, hi, doc, src})
	}
	inf := math.Inf(1)
	add("pipeline.projects", "projects/year", 600, 1, 20000, "expected number of internationally tendered projects a year (Poisson)", srcAssume)
	add("pipeline.mean_size", "USD bn", calibDefaults["pipeline.mean_size"], 0.001, 100, "mean reference cost of a project in 2010 (nominal USD)", srcCalib)
	add("pipeline.growth", "1/year", calibDefaults["pipeline.growth"], -0.5, 1, "annual growth of project sizes (nominal)", srcCalib)
	add("pipeline.size_sigma", "log units", 1.0, 0, 3, "σ of log project size (lognormal, mean preserved)", srcAssume)
	regionShare := []float64{0.22, 0.10, 0.16, 0.08, 0.10, 0.14, 0.20}
	for r, name := range Regions {
		add("pipeline.region."+name, "share", regionShare[r], 0, 1, "share of projects arising in "+name+" (normalised over regions)", srcAssume)
	}
	sectorShare := []float64{0.30, 0.30, 0.20, 0.20}
	for s, name := range Sectors {
		add("pipeline.sector."+name, "share", sectorShare[s], 0, 1, "share of projects in "+name+" (normalised over sectors)", srcAssume)
	}
	for _, name := range Sectors {
		def, src := 1.0, srcAssume
		if v, ok := calibDefaults["pipeline.sector_size."+name]; ok {
			def, src = v, srcCalib
		}
		add("pipeline.sector_size."+name, "factor", def, 0.01, 100, "size multiplier of "+name+" projects", src)
	}
	add("pipeline.cost_sigma", "log units", 0.15, 0, 1, "σ of each exporter's private cost shock (lognormal, mean 1)", srcAssume)

	type ex struct {
		cost                     [nS]float64
		om, life, build, markup  float64
		part                     float64
		crate, cmat, cgrace, cbu float64
		mrate, mmat, mgrace      float64
		approval                 float64
	}
	exs := [nE]ex{
		// China: cheaper and faster, shorter life and higher O&M; Exim
		// government concessional loan 2 %, 20 years, 5 grace (the standard
		// GCL terms recorded by AidData); CDB commercial.
		{cost: [nS]float64{0.80, 0.80, 0.90, 0.85}, om: 0.025, life: 30, build: 3, markup: 0.08, part: calibDefaults["cn.participation"],
			crate: 0.02, cmat: 20, cgrace: 5, cbu: 15, mrate: 0.05, mmat: 15, mgrace: 3, approval: 0.5},
		// Japan: dearer, durable, slower; JICA yen loan and JBIC; JICA's
		// three-year loan procedure before the 2015 reform (seed §2,
		// jica-loan-approval-before).
		{cost: [nS]float64{1.10, 1.15, 1.00, 1.10}, om: 0.015, life: 40, build: 4, markup: 0.10, part: calibDefaults["jp.participation"],
			crate: 0.014, cmat: 30, cgrace: 10, cbu: 10, mrate: 0.035, mmat: 15, mgrace: 3, approval: 3},
		// Others (Korea, Europe): between the two; export-credit terms.
		{cost: [nS]float64{1.00, 1.00, 1.00, 1.00}, om: 0.02, life: 35, build: 3.5, markup: 0.10, part: 0.7,
			crate: 0.03, cmat: 15, cgrace: 3, cbu: 3, mrate: 0.04, mmat: 12, mgrace: 2, approval: 0.5},
	}
	for e, name := range Exporters {
		x := exs[e]
		p := name + "."
		for s, sec := range Sectors {
			def, src := x.cost[s], srcAssume
			if v, ok := calibDefaults[p+"cost."+sec]; ok {
				def, src = v, srcCalib
			}
			add(p+"cost."+sec, "factor", def, 0.1, 10, name+"'s cost of a "+sec+" project relative to its reference cost", src)
		}
		add(p+"om", "share/year", x.om, 0, 1, "annual O&M as a share of the reference cost (quality)", srcAssume)
		add(p+"life", "years", x.life, 1, 100, "service life (quality)", srcAssume)
		add(p+"build_years", "years", x.build, 0, 20, "construction time (speed)", srcAssume)
		add(p+"approval_years", "years", x.approval, 0, 10, "loan approval time added to the opening date of concessional offers", map[bool]string{true: "seed §2 (fact jica-loan-approval-before: 3 years)", false: srcAssume}[e == jp])
		add(p+"markup", "share of cost", x.markup, 0, 2, "bid price = cost·(1+markup)", srcAssume)
		src := srcAssume
		if _, ok := calibDefaults[p+"participation"]; ok {
			src = srcCalib
		}
		add(p+"participation", "probability", x.part, 0, 1, "probability of bidding for a project (before regional priority)", src)
		for _, r := range Regions {
			def, src := 1.0, srcAssume
			if v, ok := calibDefaults[p+"priority."+r]; ok {
				def, src = v, srcCalib
			}
			add(p+"priority."+r, "factor", def, 0, 10, "multiplier of the bidding probability in "+r+" (capped at 1)", src)
		}
		add(p+"concessional.budget", "USD bn/year", x.cbu, 0, inf, "yearly concessional lending available to the exporter's bids", srcAssume)
		add(p+"concessional.rate", "decimal", x.crate, 0, 1, "interest rate of the concessional loan", srcAssume)
		add(p+"concessional.maturity", "years", x.cmat, 1, 100, "maturity of the concessional loan", srcAssume)
		add(p+"concessional.grace", "years", x.cgrace, 0, 99, "grace period of the concessional loan", srcAssume)
		add(p+"commercial.rate", "decimal", x.mrate, 0, 1, "interest rate of the commercial (export-credit) loan", srcAssume)
		add(p+"commercial.maturity", "years", x.mmat, 1, 100, "maturity of the commercial loan", srcAssume)
		add(p+"commercial.grace", "years", x.mgrace, 0, 99, "grace period of the commercial loan", srcAssume)
		add(p+"share_financed", "share", 0.85, 0, 1, "share of the price financed by the exporter's lender", "OECD Arrangement on Officially Supported Export Credits, art. 10 (85 % maximum official support)")
		add(p+"guarantee_share", "probability", 1, 0, 1, "share of the exporter's loans that require a sovereign guarantee", srcAssume)
		add(p+"order_weight", "USD/USD", 0, 0, 10, "weight of order value beside profit in the exporter's objective (adaptation)", srcAssume)
	}
	add("jp.tiers", "switch", 0, 0, 1, "1: Japan's bidding priorities follow its 2013 tiers from the dataset's strategy records", "dataset strategies jp-tier-emerging-1..3")
	add("jp.tier_boost.1", "factor", 1.5, 0, 10, "priority multiplier in tier-1 regions when jp.tiers = 1 (\"must not lose\")", srcAssume)
	add("jp.tier_boost.2", "factor", 1.3, 0, 10, "priority multiplier in tier-2 regions when jp.tiers = 1 (\"raise share\")", srcAssume)
	add("jp.tier_boost.3", "factor", 1.2, 0, 10, "priority multiplier in tier-3 regions when jp.tiers = 1 (\"even one success\")", srcAssume)
	add("pqi.budget", "USD bn/year", 0, 0, inf, "extra Japanese concessional lending a year under the PQI", "seed §2: PQI US$110 bn over five years, of which JICA 33.5 and JBIC 20 (facts pqi-jica, pqi-jbic): 53.5/5 = 10.7")
	add("pqi.start", "year", 2016, 1900, 2200, "first year of the PQI budget", "seed §2 (PQI announced May 2015)")
	add("pqi.end", "year", 2020, 1900, 2200, "last year of the PQI budget", "seed §2 (five years)")
	add("aiib.budget", "USD bn/year", 0, 0, inf, "AIIB lending a year available to co-financed bids", srcAssume)
	add("aiib.start", "year", 2016, 1900, 2200, "first year of AIIB lending", "seed §3.3 (AIIB opened January 2016)")
	add("srf.budget", "USD bn/year", 0, 0, inf, "Silk Road Fund lending a year added to China's concessional budget", srcAssume)
	add("srf.start", "year", 2015, 1900, 2200, "first year of Silk Road Fund lending", srcAssume)

	hostDisc := []float64{0.08, 0.10, 0.08, 0.10, 0.09, 0.12, 0.04}
	for r, name := range Regions {
		add("host."+name+".discount_rate", "decimal", hostDisc[r], 0, 1, "the host's real discount rate", srcAssume)
	}
	add("host.inflation", "decimal", 0.02, -0.5, 1, "inflation used to discount nominal debt service (Fisher rate)", srcAssume)
	add("host.horizon", "years", 40, 1, 200, "study period of the host's evaluation", srcAssume)
	add("host.shadow_price", "factor", 0.2, 0, 10, "shadow price λ of public funds at zero extra debt", srcAssume)
	add("host.debt_sensitivity", "per debt ratio", 0.3, 0, 100, "increase of λ per unit of new infrastructure debt relative to the host's absorptive capacity", srcAssume)
	add("host.capacity", "years of pipeline", 10, 0.001, 1000, "a region's capacity to absorb foreign borrowing, in years of its expected yearly pipeline value", srcAssume)
	add("host.amortisation", "1/year", 0.06, 0, 1, "share of the infrastructure debt stock repaid a year", srcAssume)
	add("host.guarantee_cost", "share of principal", 0.02, 0, 1, "cost of a sovereign guarantee per unit of principal", srcAssume)
	add("host.tied_penalty", "share of price", 0.03, 0, 1, "cost of tied procurement (Japanese concessional loans are tied)", srcAssume)
	add("host.time_value", "share of cost/year", 0, 0, 10, "extra value of opening one year earlier, per unit of reference cost (beyond the service forgone)", srcAssume)
	add("host.service_multiple", "factor", 1, 0.001, 100, "value of a year of service as a multiple of the annuity that earns the 9 % hurdle on the reference cost over the horizon", "tender.ServiceHurdle: ADB, Guidelines for the Economic Analysis of Projects (2017), 9 %")
	add("host.reserve_cost", "factor", 1.25, 0.1, 10, "cost of the host's outside option (domestic procurement, no foreign loan)", srcAssume)

	add("coop.enabled", "switch", 0, 0, 1, "1: China and Japan bid jointly where it pays both", "seed §3.2")
	add("coop.synergy", "share", 0.05, 0, 0.5, "cost saving σ of a joint bid (contest package)", srcAssume)
	add("coop.civil_share", "share", 0.6, 0, 1, "share of a joint bid's cost carried by China (civil works)", srcAssume)
	add("coop.markup", "share of cost", 0.10, 0, 2, "markup of a joint bid", srcAssume)
	add("coop.cofinance", "switch", 0, 0, 1, "1: joint bids in AIIB/ADB member regions are co-financed at MDB terms", "seed §3.3")
	add("coop.mdb_rate", "decimal", 0.02, 0, 1, "rate of the AIIB–ADB co-financing loan", srcAssume)
	add("coop.mdb_maturity", "years", 25, 1, 100, "maturity of the co-financing loan", srcAssume)
	add("coop.mdb_grace", "years", 5, 0, 99, "grace period of the co-financing loan", srcAssume)
	coopDef := []float64{1, 1, 1, 1, 0, 0, 0}
	for r, name := range Regions {
		add("coop.region."+name, "switch", coopDef[r], 0, 1, "joint bids allowed in "+name, "seed §3.2 (third-country cases in Central Asia, East and Southeast Asia)")
	}
	add("adapt.step", "share of cost", 0.02, 0.001, 1, "markup step of the best-response grid / spacing of the replicator grid", srcAssume)
	add("adapt.rate", "factor", 0.5, 0.001, 0.999, "replicator time step h (in units of 1/payoff range)", srcAssume)
	add("adapt.sample", "projects", 100, 1, 100000, "projects of the year replayed to value policies", srcAssume)
	for i := range ps {
		if _, _, ok := pctKind(ps[i].Name); ok {
			ps[i].Unit = pctUnits[ps[i].Unit]
		}
	}
	return ps
}

// pctUnits names the unit of a percentage parameter by the unit its
// decimal fraction had.
var pctUnits = map[string]string{
	"share":              "%",
	"share/year":         "% a year",
	"decimal":            "% a year",
	"1/year":             "% a year",
	"share of cost":      "% of cost",
	"share of principal": "% of principal",
	"share of price":     "% of price",
	"probability":        "%",
	"share of cost/year": "% of cost a year",
}

// pctKind reports whether the parameter called name (its decimal name) is a
// rate or share, written in percent under name+"_pct", and the
// plausibility check of its percentages (checked false: the range only;
// a markup step, a guarantee cost or a tied-aid penalty below 1 % is
// plausible). Probabilities (participation), factors and the replicator's
// step h stay as they are.
func pctKind(name string) (k units.Kind, checked, ok bool) {
	last := name[strings.LastIndexByte(name, '.')+1:]
	switch {
	case name == "pipeline.growth" || name == "host.inflation":
		return units.GrowthRate, true, true
	case strings.HasPrefix(name, "pipeline.region.") || strings.HasPrefix(name, "pipeline.sector."):
		return units.Share, true, true
	case strings.HasSuffix(name, "concessional.rate") || strings.HasSuffix(name, "commercial.rate") || name == "coop.mdb_rate":
		return units.LoanRate, true, true
	case strings.HasPrefix(name, "host.") && last == "discount_rate":
		return units.DiscountRate, true, true
	case last == "om" || last == "markup" || last == "share_financed" || last == "guarantee_share" ||
		name == "coop.synergy" || name == "coop.civil_share" || name == "host.amortisation":
		return units.Share, true, true
	case name == "host.guarantee_cost" || name == "host.tied_penalty" || name == "host.time_value" || name == "adapt.step":
		return units.Share, false, true
	}
	return 0, false, false
}

// ParamKind classifies the parameter called name for plausibility checks
// of swept values, as scenario files check them: a rate or share whose
// percentages are checked (pctKind), in percent when named NAME_pct and a
// decimal fraction under its decimal name; ok is false for any other name.
func ParamKind(name string) (k units.Kind, s units.Scale, ok bool) {
	base, isPct := fractionName(name)
	if !isPct {
		base = name
	}
	k, checked, ok := pctKind(base)
	if !ok || !checked {
		return 0, 0, false
	}
	if isPct {
		return k, units.Percent, true
	}
	return k, units.Fraction, true
}

// PctFields are the percentage parameters of a scenario file's params
// mapping, for [pctyaml.NormalizeNotes] and [pctyaml.Migrate].
func PctFields() []pctyaml.Field {
	var out []pctyaml.Field
	for _, p := range Params() {
		name := strings.TrimSuffix(p.Name, pctyaml.Suffix)
		if k, checked, ok := pctKind(name); ok {
			out = append(out, pctyaml.Field{Path: "params", Key: name, Shape: pctyaml.Scalar, Kind: k, Checked: checked})
		}
	}
	return out
}

// PctName returns the name of the parameter called name as [Params] lists
// it: name+"_pct" for a rate or share given by its decimal name, name
// otherwise.
func PctName(name string) string {
	if _, _, ok := pctKind(name); ok {
		return name + pctyaml.Suffix
	}
	return name
}

// fractionName returns the decimal name of a percentage parameter's name
// (jp.markup_pct gives jp.markup, true); ok is false for any other name.
func fractionName(name string) (string, bool) {
	base, ok := strings.CutSuffix(name, pctyaml.Suffix)
	if !ok {
		return "", false
	}
	if _, _, ok := pctKind(base); !ok {
		return "", false
	}
	return base, true
}

// Percent returns v with every rate and share given by its decimal name
// renamed to its percentage name and its value in percent
// ([units.PercentOf]: 0.014 gives 1.4), as the outputs show them.
func (v Values) Percent() Values {
	if v == nil {
		return nil
	}
	out := make(Values, len(v))
	for k, x := range v {
		if n := PctName(k); n != k {
			out[n] = units.PercentOf(x)
			continue
		}
		out[k] = x
	}
	return out
}

// MarshalJSON writes v as [Values.Percent] does: rates and shares in
// percent under their _pct names.
func (v Values) MarshalJSON() ([]byte, error) {
	return json.Marshal(map[string]float64(v.Percent()))
}

// calibDefaults are the estimates of the calibration (docs/sim.md:
// Nelder–Mead, 32 runs of seed 2015, 1,294 evaluations, objective 0.0021;
// rounded to four digits). TestCalibrationTable re-derives the moments at
// these values.
var calibDefaults = map[string]float64{
	"pipeline.mean_size":       0.8325,
	"pipeline.growth":          0.09964,
	"pipeline.sector_size.ict": 1.953,
	"jp.cost.transport":        1.913,
	"cn.participation":         0.3604,
	"jp.participation":         0.1974,
	"jp.priority.asean":        4.964,
	"jp.priority.africa":       0.3023,
}

// Params lists every parameter of the model with unit, default and
// source, sorted by name: rates and shares under their _pct names with
// default and range in percent.
func Params() []ParamInfo {
	ps := paramTable()
	for i := range ps {
		if n := PctName(ps[i].Name); n != ps[i].Name {
			p := &ps[i]
			p.Name = n
			p.Default, p.Lo = units.PercentOf(p.Default), units.PercentOf(p.Lo)
			if !math.IsInf(p.Hi, 0) {
				p.Hi = units.PercentOf(p.Hi)
			}
		}
	}
	sort.Slice(ps, func(i, j int) bool { return ps[i].Name < ps[j].Name })
	return ps
}

// Values are parameter values by name.
type Values map[string]float64

// resolve returns the defaults overridden by v, checking every name and
// range. A percentage (NAME_pct) becomes its decimal fraction
// ([units.FractionOf], exact for a decimal input); giving both names of
// one parameter is an error.
func resolve(v Values) (map[string]float64, error) {
	out := map[string]float64{}
	info := map[string]ParamInfo{}
	for _, p := range paramTable() {
		out[p.Name] = p.Default
		info[p.Name] = p
	}
	names := make([]string, 0, len(v))
	for k := range v {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		x := v[k]
		if base, ok := fractionName(k); ok {
			if _, both := v[base]; both {
				return nil, parseerr.Fieldf(k, "both %s (a percentage) and %s (a decimal fraction) are given; keep one (%s)", k, base, k)
			}
			p := info[base]
			if math.IsNaN(x) || x < units.PercentOf(p.Lo) || x > units.PercentOf(p.Hi) {
				return nil, parseerr.Fieldf(k, "%g outside [%g, %g] (%s)", x, units.PercentOf(p.Lo), units.PercentOf(p.Hi), p.Unit)
			}
			out[base] = units.FractionOf(x)
			continue
		}
		p, ok := info[k]
		if !ok {
			return nil, parseerr.Fieldf(k, "%w (see 'infragame sim params'; e.g. %s)", ErrUnknownParam, strings.Join(near(k, info), ", "))
		}
		if math.IsNaN(x) || x < p.Lo || x > p.Hi {
			unit := p.Unit
			if n := PctName(k); n != k {
				unit = "a decimal fraction; " + n + " takes a percentage"
			}
			return nil, parseerr.Fieldf(k, "%g outside [%g, %g] (%s)", x, p.Lo, p.Hi, unit)
		}
		out[k] = x
	}
	return out, nil
}

// KnownParam reports whether name is a parameter of the model: a name of
// [Params], or the decimal name of a rate or share.
func KnownParam(name string) bool {
	if _, ok := fractionName(name); ok {
		return true
	}
	for _, p := range paramTable() {
		if p.Name == name {
			return true
		}
	}
	return false
}

// near returns up to five parameter names sharing k's first segment.
func near(k string, info map[string]ParamInfo) []string {
	names := make([]string, 0, len(info))
	for n := range info {
		names = append(names, PctName(n))
	}
	sort.Strings(names)
	if out := suggest.Closest(k, names); len(out) > 0 {
		return out
	}
	// Nothing close: name a few of the same actor, else a few of the kinds.
	pre, _, _ := strings.Cut(k, ".")
	var out []string
	for _, n := range names {
		if strings.HasPrefix(n, pre+".") && len(out) < 5 {
			out = append(out, n)
		}
	}
	if len(out) == 0 {
		out = []string{"pipeline.growth", "jp.markup", "coop.enabled"}
	}
	return out
}
