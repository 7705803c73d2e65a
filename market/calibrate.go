package market

import (
	"context"
	"encoding/json"
	"fmt"
	"math"

	"gonum.org/v1/gonum/optimize"

	"github.com/infragame/infragame/dataset"
	"github.com/infragame/infragame/mc"
	"github.com/infragame/infragame/units"
)

// Moment is one calibration target and its simulated counterpart. A
// moment whose Unit is "share" holds decimal fractions; its JSON document
// and [Moment.Percent] give them in percent (unit "%"), and RelError is
// written rel_error_pct, as every share in infragame's outputs.
type Moment struct {
	Name   string  `json:"name"`
	Doc    string  `json:"doc"`
	Unit   string  `json:"unit"`
	Source string  `json:"source"`
	Target float64 `json:"target"`
	// Sim is the mean over runs of the simulated moment, P10 and P90 its
	// 10th and 90th percentiles over runs (the model's own spread), SE the
	// Monte Carlo standard error of Sim.
	Sim float64 `json:"simulated"`
	P10 float64 `json:"p10"`
	P90 float64 `json:"p90"`
	SE  float64 `json:"se"`
	// RelError = Sim/Target − 1, a fraction (JSON: rel_error_pct, percent).
	RelError float64 `json:"-"`

	f func(ys []Year) float64
}

// Percent returns m with a share's target, simulated figures and standard
// error in percent and its unit "%" (units.PercentOf of each fraction); a
// moment in other units is returned as it is. RelError stays a fraction.
func (m Moment) Percent() Moment {
	if m.Unit != "share" {
		return m
	}
	m.Unit = "%"
	for _, x := range []*float64{&m.Target, &m.Sim, &m.P10, &m.P90, &m.SE} {
		*x = units.PercentOf(*x)
	}
	return m
}

// MarshalJSON writes the moment as [Moment.Percent] gives it, with the
// relative error in percent (rel_error_pct: -1.4 is 1.4 % below target).
func (m Moment) MarshalJSON() ([]byte, error) {
	type plain Moment
	return json.Marshal(struct {
		plain
		RelErrorPct float64 `json:"rel_error_pct"`
	}{plain(m.Percent()), units.PercentOf(m.RelError)})
}

// year returns the simulated year y of a run (nil if outside).
func year(ys []Year, y int) *Year {
	for i := range ys {
		if ys[i].Year == y {
			return &ys[i]
		}
	}
	return nil
}

func (y *Year) exporterValue(e int, regions []int, sectors []int) float64 {
	v := 0.0
	for _, r := range regions {
		for _, s := range sectors {
			v += y.Value[e][r][s]
		}
	}
	return v
}

func all(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

func index(names []string, name string) int {
	for i, n := range names {
		if n == name {
			return i
		}
	}
	panic("market: no " + name)
}

// SeedMoments returns the calibration targets of the seed's window
// (2010–2015) from the dataset's fact records, with the FX rates of its fx
// records to compare yen figures with the model's dollars.
func SeedMoments(set *dataset.Set) ([]Moment, error) {
	facts := map[string]float64{}
	for _, f := range set.Facts {
		facts[f.ID] = f.Value.Value
	}
	fx := map[int]float64{}
	for _, r := range set.FX {
		if r.Currency == "JPY" {
			fx[r.Year] = r.PerUSD
		}
	}
	need := func(ids ...string) error {
		for _, id := range ids {
			if _, ok := facts[id]; !ok {
				return fmt.Errorf("market: fact %q missing from the dataset", id)
			}
		}
		for _, y := range []int{2010, 2013} {
			if fx[y] == 0 {
				return fmt.Errorf("market: no JPY rate for %d in the dataset", y)
			}
		}
		return nil
	}
	if err := need("jp-orders-incl-investment-2010", "jp-orders-incl-investment-2013", "jp-orders-ict-2013",
		"jp-orders-energy-2013", "jp-orders-transport-2013", "cn-contracting-2015-new-contracts",
		"ocaji-fy2014-asia-value", "ocaji-fy2014-value", "africa-infra-public-funds-2013-cn", "africa-infra-public-funds-2013-jp"); err != nil {
		return nil, err
	}
	asia := []int{index(Regions, "asean"), index(Regions, "south-asia")}
	africa := []int{index(Regions, "africa")}
	sec := func(name string) []int { return []int{index(Sectors, name)} }
	jpValueJPY := func(y int) func([]Year) float64 {
		return func(ys []Year) float64 {
			return year(ys, y).exporterValue(jp, all(nR), all(nS)) * fx[y] / 1000
		}
	}
	jpShare := func(y int, regions, sectors []int) func([]Year) float64 {
		return func(ys []Year) float64 {
			yr := year(ys, y)
			return ratio(yr.exporterValue(jp, regions, sectors), yr.exporterValue(jp, all(nR), all(nS)))
		}
	}
	total13 := facts["jp-orders-incl-investment-2013"]
	ms := []Moment{
		{Name: "jp_orders_2010", Doc: "Japan's orders 2010, incl. investment income", Unit: "JPY trn",
			Source: "fact jp-orders-incl-investment-2010 (seed §1.3(1)); model USD at fx-jpy-2010",
			Target: facts["jp-orders-incl-investment-2010"] / 1e12, f: jpValueJPY(2010)},
		{Name: "jp_orders_2013", Doc: "Japan's orders 2013, incl. investment income", Unit: "JPY trn",
			Source: "fact jp-orders-incl-investment-2013 (seed §1.3(1)); model USD at fx-jpy-2013",
			Target: total13 / 1e12, f: jpValueJPY(2013)},
		{Name: "jp_share_ict_2013", Doc: "ICT share of Japan's 2013 orders", Unit: "share",
			Source: "facts jp-orders-ict-2013 / jp-orders-incl-investment-2013 (seed §1.3(1))",
			Target: facts["jp-orders-ict-2013"] / total13, f: jpShare(2013, all(nR), sec("ict"))},
		{Name: "jp_share_energy_2013", Doc: "energy share of Japan's 2013 orders", Unit: "share",
			Source: "facts jp-orders-energy-2013 / jp-orders-incl-investment-2013 (seed §1.3(1))",
			Target: facts["jp-orders-energy-2013"] / total13, f: jpShare(2013, all(nR), sec("energy"))},
		{Name: "jp_share_transport_2013", Doc: "transport share of Japan's 2013 orders", Unit: "share",
			Source: "facts jp-orders-transport-2013 / jp-orders-incl-investment-2013 (seed §1.3(1))",
			Target: facts["jp-orders-transport-2013"] / total13, f: jpShare(2013, all(nR), sec("transport"))},
		{Name: "cn_orders_2015", Doc: "China's new overseas contracts 2015", Unit: "USD bn",
			Source: "fact cn-contracting-2015-new-contracts (seed §1.3(4))",
			Target: facts["cn-contracting-2015-new-contracts"] / 1e9,
			f: func(ys []Year) float64 {
				return year(ys, 2015).exporterValue(cn, all(nR), all(nS))
			}},
		{Name: "jp_share_asia_2014", Doc: "Asia's share of Japan's FY2014 orders (OCAJI survey; model: ASEAN + South Asia)", Unit: "share",
			Source: "facts ocaji-fy2014-asia-value / ocaji-fy2014-value (seed §1.3(2))",
			Target: facts["ocaji-fy2014-asia-value"] / facts["ocaji-fy2014-value"], f: jpShare(2014, asia, all(nS))},
		{Name: "africa_cn_share_2013", Doc: "China's share of China's and Japan's infrastructure finance in Africa 2013 (model: of their orders won in Africa)", Unit: "share",
			Source: "facts africa-infra-public-funds-2013-cn / (-cn + -jp) (seed §2 非洲): 13.4/(13.4+1.5)",
			Target: facts["africa-infra-public-funds-2013-cn"] / (facts["africa-infra-public-funds-2013-cn"] + facts["africa-infra-public-funds-2013-jp"]),
			f: func(ys []Year) float64 {
				yr := year(ys, 2013)
				c := yr.exporterValue(cn, africa, all(nS))
				return ratio(c, c+yr.exporterValue(jp, africa, all(nS)))
			}},
	}
	return ms, nil
}

// Moments simulates runs of s (which must cover 2010–2015) and fills the
// simulated side of each moment; runs use seeds (seed, 0…runs−1), so two
// calls with the same seed share their random numbers.
func (s *Simulation) Moments(ctx context.Context, targets []Moment, runs, workers int, seed uint64) ([]Moment, error) {
	if s.m.start > 2010 || s.m.end < 2015 {
		return nil, fmt.Errorf("market: calibration needs 2010–2015, scenario covers %d–%d", s.m.start, s.m.end)
	}
	vals := make([][]float64, len(targets))
	for i := range vals {
		vals[i] = make([]float64, 0, runs)
	}
	err := mc.Stream(ctx, runs, workers, func() func(int) []Year {
		w := newRunner(s.m)
		return func(r int) []Year { return w.run(ctx, seed, r, nil) }
	}, func(_ int, ys []Year) error {
		if ys == nil {
			return ctx.Err()
		}
		for i := range targets {
			if v := targets[i].f(ys); !math.IsNaN(v) && !math.IsInf(v, 0) {
				vals[i] = append(vals[i], v)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	out := make([]Moment, len(targets))
	for i, t := range targets {
		st := mc.Summarize(vals[i])
		t.Sim, t.P10, t.P90 = st.Mean, st.P10, st.P90
		t.SE = st.SD / math.Sqrt(float64(len(vals[i])))
		t.RelError = t.Sim/t.Target - 1
		out[i] = t
	}
	return out, nil
}

// CalibrationParams are the parameters the calibration estimates, one per
// moment of [SeedMoments].
var CalibrationParams = []string{"pipeline.mean_size", "pipeline.growth", "pipeline.sector_size.ict",
	"jp.cost.transport", "cn.participation", "jp.participation", "jp.priority.asean", "jp.priority.africa"}

// Calibration is the outcome of [Calibrate].
type Calibration struct {
	Estimates Values   `json:"estimates"`
	Moments   []Moment `json:"moments"`
	Objective float64  `json:"objective"`
	Evals     int      `json:"evaluations"`
}

// Calibrate estimates [CalibrationParams] by the method of simulated
// moments: it minimises Σ_k ((m_k(θ) − t_k)/t_k)² — the moment conditions
// weighted by the inverse squared targets, so every moment counts by its
// relative error — where m_k(θ) is the mean over runs of the simulated
// moment with common random numbers (the same seeds at every θ). The
// search is Nelder–Mead (gonum optimize) on log θ from the scenario's
// values, over the years up to 2015 only. With as many parameters as moments the model is exactly
// identified and the objective should reach about 0.
func Calibrate(ctx context.Context, sc *Scenario, targets []Moment, runs, workers int, seed uint64, maxEvals int) (*Calibration, error) {
	v0, err := resolve(sc.Params)
	if err != nil {
		return nil, err
	}
	// Data up to 2015 only: the calibration never simulates later years.
	window := *sc
	window.End = min(sc.End, 2015)
	sc = &window
	x0 := make([]float64, len(CalibrationParams))
	for i, n := range CalibrationParams {
		x0[i] = math.Log(v0[n])
	}
	at := func(x []float64) *Scenario {
		p := Values{}
		for i, n := range CalibrationParams {
			p[n] = math.Exp(x[i])
		}
		return sc.With(p)
	}
	evals := 0
	var evalErr error
	f := func(x []float64) float64 {
		evals++
		sim, err := New(at(x))
		if err != nil {
			return math.Inf(1) // outside the valid ranges
		}
		ms, err := sim.Moments(ctx, targets, runs, workers, seed)
		if err != nil {
			evalErr = err
			return math.Inf(1)
		}
		obj := 0.0
		for _, m := range ms {
			obj += m.RelError * m.RelError
		}
		if math.IsNaN(obj) {
			return math.Inf(1)
		}
		return obj
	}
	res, err := optimize.Minimize(optimize.Problem{Func: f}, x0,
		&optimize.Settings{FuncEvaluations: maxEvals, Converger: &optimize.FunctionConverge{Absolute: 1e-6, Iterations: 200}},
		&optimize.NelderMead{})
	if evalErr != nil {
		return nil, evalErr
	}
	if res == nil {
		return nil, err
	}
	best := at(res.X)
	sim, err := New(best)
	if err != nil {
		return nil, err
	}
	ms, err := sim.Moments(ctx, targets, runs, workers, seed)
	if err != nil {
		return nil, err
	}
	est := Values{}
	for _, n := range CalibrationParams {
		est[n] = best.Params[n]
	}
	return &Calibration{Estimates: est, Moments: ms, Objective: res.F, Evals: evals}, nil
}

// CalibrationReport is the document of "sim calibrate": the calibration
// moments and the out-of-sample comparison of the baseline, after the
// re-estimated parameters when Calibration is set (--estimate).
type CalibrationReport struct {
	Calibration *Calibration `json:"calibration,omitempty"`
	Moments     []Moment     `json:"moments"`
	OutOfSample []Projection `json:"out_of_sample"`
}

// CheckCalibration computes "sim calibrate" on the dataset set: with
// estimate, it first re-estimates the calibrated parameters ([Calibrate],
// at most evals evaluations), then the baseline's moments and
// out-of-sample projection ([Validation]) with runs, workers and seed.
// The command line and the web app both call it.
func CheckCalibration(ctx context.Context, set *dataset.Set, estimate bool, evals, runs, workers int, seed uint64) (*CalibrationReport, error) {
	targets, err := SeedMoments(set)
	if err != nil {
		return nil, err
	}
	sc, err := Named("baseline")
	if err != nil {
		return nil, err
	}
	var rep CalibrationReport
	if estimate {
		c, err := Calibrate(ctx, sc, targets, runs, workers, seed, evals)
		if err != nil {
			return nil, err
		}
		rep.Calibration = c
		sc = sc.With(c.Estimates)
	}
	if rep.Moments, rep.OutOfSample, err = Validation(ctx, sc, targets, JPYRates(set), runs, workers, seed); err != nil {
		return nil, err
	}
	return &rep, nil
}
