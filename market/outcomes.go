package market

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/infragame/infragame/mc"
	"github.com/infragame/infragame/units"
)

// Output is one named numeric result of a run.
type Output struct {
	Name  string  `json:"name"`
	Value float64 `json:"value"`
}

// OutputDocs describes the names returned by [Outcomes] ({e} is cn, jp or
// other; sums run over the scenario's years).
var OutputDocs = map[string]string{
	"{e}.orders_value.total": "value of orders won over the years (USD bn, nominal)",
	"{e}.orders_value.final": "value of orders won in the last year (USD bn)",
	"{e}.orders_count.total": "orders won over the years",
	"{e}.share.final_pct":    "share of the value of foreign-won orders in the last year (percent)",
	"{e}.margin_pct":         "profit over order value, pooled over the years (percent)",
	"{e}.profit.total":       "profit over the years (USD bn)",
	"{e}.concessional.total": "concessional lending committed over the years (USD bn)",
	"host.surplus.total":     "hosts' surplus over their outside options, all regions and years (USD bn PV)",
	"host.debt.final":        "mean over regions of infrastructure debt relative to capacity in the last year",
	"joint_orders.total":     "orders won by China–Japan consortia over the years",
	"self_built.total":       "projects won by no foreign offer over the years",
	"pyrrhic_index":          "Pyrrhic index pooled over the years (NaN without head-to-head contests)",
}

// Outcomes returns the named outputs of one run, in the order of
// [OutputNames]; shares and margins (NAME_pct) are in percent.
func Outcomes(ys []Year) []Output {
	if len(ys) == 0 {
		return nil
	}
	names := OutputNames()
	vals := make([]float64, len(names))
	outcomeValues(ys, vals)
	outcomesPercent(vals)
	out := make([]Output, len(names))
	for i, n := range names {
		out[i] = Output{n, vals[i]}
	}
	return out
}

// pctOutput reports whether output i of [OutputNames] is a share or a
// margin: a fraction as outcomeValues computes it, a percentage (NAME_pct)
// as [Outcomes] and [Evaluator.Eval] report it.
func pctOutput(i int) bool {
	if i >= 7*nE {
		return false
	}
	j := i % 7
	return j == 3 || j == 4 // share.final_pct, margin_pct
}

// outcomesPercent turns the shares and margins among the outcomes y
// (fractions, as outcomeValues writes them) into percentages
// (units.PercentOf: the fraction's digits with the point moved).
func outcomesPercent(y []float64) {
	for i := range y {
		if pctOutput(i) {
			y[i] = units.PercentOf(y[i])
		}
	}
}

// outcomeValues writes the values of [Outcomes] of ys (not empty) into
// out (len(OutputNames()) of them), in the order of [OutputNames],
// without allocating.
func outcomeValues(ys []Year, out []float64) {
	k := 0
	add := func(v float64) { out[k] = v; k++ }
	last := &ys[len(ys)-1]
	var lastTotal float64
	var lastVal [nE]float64
	for e := range Exporters {
		lastVal[e] = last.exporterValue(e, all(nR), all(nS))
		lastTotal += lastVal[e]
	}
	for e := range Exporters {
		var val, cnt, profit, conc float64
		for i := range ys {
			y := &ys[i]
			val += y.exporterValue(e, all(nR), all(nS))
			for r := range nR {
				for s := range nS {
					cnt += y.Count[e][r][s]
				}
			}
			profit += y.Profit[e]
			conc += y.Concessional[e]
		}
		add(val)
		add(lastVal[e])
		add(cnt)
		add(ratio(lastVal[e], lastTotal))
		add(ratio(profit, val))
		add(profit)
		add(conc)
	}
	var surplus, joint, self, hp, ho, cp, co float64
	for i := range ys {
		y := &ys[i]
		for r := range nR {
			surplus += y.HostSurplus[r]
		}
		joint += y.Joint
		self += y.SelfBuilt
		hp, ho, cp, co = hp+y.H2HProfit, ho+y.H2HOrders, cp+y.CoopProfit, co+y.CoopOrders
	}
	debt := 0.0
	for r := range nR {
		debt += last.Debt[r] / nR
	}
	add(surplus)
	add(debt)
	add(joint)
	add(self)
	add(ratio(ratio(hp, ho), ratio(cp, co)))
}

// Evaluate is the entry point for sweeps: it runs scenario sc with the
// parameters in params set (names of [Params]; they override the
// scenario's) for run index run of seed, and returns [Outcomes] by name.
// The result depends only on (sc, params, seed, run).
func Evaluate(ctx context.Context, sc *Scenario, params map[string]float64, seed uint64, run int) (map[string]float64, error) {
	sim, err := New(sc.With(params))
	if err != nil {
		return nil, err
	}
	ys := sim.RunOne(ctx, seed, run)
	if ys == nil {
		return nil, ctx.Err()
	}
	out := map[string]float64{}
	for _, o := range Outcomes(ys) {
		out[o.Name] = o.Value
	}
	return out, nil
}

// Evaluator evaluates one scenario at many parameter values, as
// [Evaluate] does, for sweeps: it compiles the scenario once per set of
// parameter values (the Monte Carlo runs of a sweep point share it),
// measures each offer design's present-value factors once, and reuses its
// runner and year buffers, so that a run allocates nothing once
// the buffers have grown. An Evaluator is not safe for concurrent use: a
// sweep makes one per worker.
type Evaluator struct {
	sc     *Scenario
	names  []string
	params Values
	x      []float64 // the values m was compiled with (nil: none yet)
	memo   factorMemo
	w      *runner
	years  []Year
}

// NewEvaluator returns an evaluator of sc whose parameters, given to
// [Evaluator.Eval] in this order, are called names (names of [Params]).
func NewEvaluator(sc *Scenario, names []string) *Evaluator {
	return &Evaluator{sc: sc, names: slices.Clone(names), params: make(Values, len(names)), memo: factorMemo{}}
}

// Eval writes the outputs of run index run of seed at parameter values x
// (one per name) into y, in the order of [OutputNames]: the values that
// [Evaluate] returns for the same scenario, parameters, seed and run.
func (e *Evaluator) Eval(ctx context.Context, x []float64, seed uint64, run int, y []float64) error {
	if len(x) != len(e.names) || len(y) != nOutputs {
		panic("market: Evaluator.Eval: wrong number of parameters or outputs")
	}
	if e.x == nil || !sameBits(x, e.x) {
		for i, n := range e.names {
			e.params[n] = x[i]
		}
		sim, err := newSimulation(e.sc.With(e.params), e.memo)
		if err != nil {
			e.x = nil
			return err
		}
		if e.w == nil {
			e.w = newRunner(sim.m)
		}
		e.w.m = sim.m // the runner's buffers are reset at every run
		e.x = append(e.x[:0:0], x...)
	}
	ys := e.w.run(ctx, seed, run, e.years)
	if ys == nil {
		return ctx.Err()
	}
	e.years = ys
	outcomeValues(ys, y)
	outcomesPercent(y)
	return nil
}

// sameBits reports whether a and b hold the same float64 bit patterns.
func sameBits(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Float64bits(a[i]) != math.Float64bits(b[i]) {
			return false
		}
	}
	return true
}

// Diff is the difference B − A of one output over paired runs (the same
// seed and run index, so both scenarios see the same draws as far as their
// rules allow).
type Diff struct {
	Name  string  `json:"name"`
	A     float64 `json:"a_mean"`
	B     float64 `json:"b_mean"`
	Mean  float64 `json:"diff_mean"`
	Lo95  float64 `json:"diff_ci95_lo"`
	Hi95  float64 `json:"diff_ci95_hi"`
	SD    float64 `json:"diff_sd"`
	Runs  int     `json:"runs"`
	ProbB float64 `json:"prob_b_greater"`
}

// Compare runs a and b on the same seeds and returns, per output of
// [Outcomes], the mean of each and the mean difference B − A with its 95 %
// confidence interval (paired runs). Memory does not grow with runs. The
// statistics of shares and margins are computed over the fractions and
// reported in percent ([PctDiffs]), as [Outcomes] names them.
func Compare(ctx context.Context, a, b *Simulation, opt mc.Options) ([]Diff, error) {
	if opt.Runs < 1 {
		return nil, fmt.Errorf("market: runs must be ≥ 1, got %d", opt.Runs)
	}
	type pair struct{ a, b []Output }
	var names []string
	var ma, mb, md []mc.Moments
	var gt []int
	err := mc.Stream(ctx, opt.Runs, opt.Workers, func() func(int) pair {
		wa, wb := newRunner(a.m), newRunner(b.m)
		var ya, yb []Year // reused: only their outcomes leave the worker
		return func(r int) pair {
			ya, yb = wa.run(ctx, opt.Seed, r, ya), wb.run(ctx, opt.Seed, r, yb)
			if ya == nil || yb == nil {
				return pair{}
			}
			return pair{fractionOutcomes(ya), fractionOutcomes(yb)}
		}
	}, func(r int, p pair) error {
		if p.a == nil {
			return ctx.Err()
		}
		if names == nil {
			for _, o := range p.a {
				names = append(names, o.Name)
			}
			ma, mb, md = make([]mc.Moments, len(names)), make([]mc.Moments, len(names)), make([]mc.Moments, len(names))
			gt = make([]int, len(names))
		}
		for i := range names {
			x, y := p.a[i].Value, p.b[i].Value
			if math.IsNaN(x) || math.IsNaN(y) {
				continue
			}
			ma[i].Add(x)
			mb[i].Add(y)
			md[i].Add(y - x)
			if y > x {
				gt[i]++
			}
		}
		if opt.Progress != nil {
			opt.Progress(r + 1)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	out := make([]Diff, len(names))
	for i, n := range names {
		lo, hi := md[i].CI95()
		out[i] = Diff{Name: n, A: ma[i].Mean(), B: mb[i].Mean(), Mean: md[i].Mean(), Lo95: lo, Hi95: hi, SD: md[i].SD(),
			Runs: md[i].N, ProbB: ratio(float64(gt[i]), float64(md[i].N))}
	}
	return PctDiffs(out), nil
}

// fractionOutcomes is [Outcomes] with shares and margins as the model
// computes them, decimal fractions under the names without _pct.
func fractionOutcomes(ys []Year) []Output {
	if len(ys) == 0 {
		return nil
	}
	names := OutputNames()
	vals := make([]float64, len(names))
	outcomeValues(ys, vals)
	out := make([]Output, len(names))
	for i, n := range names {
		if pctOutput(i) {
			n = strings.TrimSuffix(n, "_pct")
		}
		out[i] = Output{n, vals[i]}
	}
	return out
}

// OutputNames lists the names [Outcomes] returns, in the same order, for a
// run of any scenario.
func OutputNames() []string {
	var out []string
	for _, name := range Exporters {
		for _, k := range []string{"orders_value.total", "orders_value.final", "orders_count.total", "share.final_pct", "margin_pct", "profit.total", "concessional.total"} {
			out = append(out, name+"."+k)
		}
	}
	return append(out, "host.surplus.total", "host.debt.final", "joint_orders.total", "self_built.total", "pyrrhic_index")
}

// nOutputs is len(OutputNames()): seven outputs an exporter and five of
// the market.
const nOutputs = 7*nE + 5

// Comparison is the document of "sim compare A B": the differences B − A
// of every outcome over paired runs.
type Comparison struct {
	A     string `json:"a"`
	B     string `json:"b"`
	Diffs []Diff `json:"diffs"`
	Runs  int    `json:"runs"`
	Seed  uint64 `json:"seed"`
}

// CompareScenarios compiles scenarios a and b and compares them with
// [Compare] on opt's runs and seed: the one function behind "sim compare"
// on the command line and the web app's comparison jobs.
func CompareScenarios(ctx context.Context, a, b *Scenario, opt mc.Options) (*Comparison, error) {
	sa, err := New(a)
	if err != nil {
		return nil, err
	}
	sb, err := New(b)
	if err != nil {
		return nil, err
	}
	diffs, err := Compare(ctx, sa, sb, opt)
	if err != nil {
		return nil, err
	}
	return &Comparison{A: a.Name, B: b.Name, Diffs: diffs, Runs: opt.Runs, Seed: opt.Seed}, nil
}

// PctDiffs returns diffs with the outcomes that are shares or margins
// ({e}.share.final, {e}.margin: fractions inside package market) renamed NAME_pct
// and their means, differences and intervals in percent, as every share in
// infragame's outputs; the runs and P(B > A) are kept.
func PctDiffs(diffs []Diff) []Diff {
	out := make([]Diff, len(diffs))
	for i, d := range diffs {
		if strings.HasSuffix(d.Name, ".share.final") || strings.HasSuffix(d.Name, ".margin") {
			d.Name += "_pct"
			d.A, d.B, d.Mean = units.PercentOf(d.A), units.PercentOf(d.B), units.PercentOf(d.Mean)
			d.Lo95, d.Hi95, d.SD = units.PercentOf(d.Lo95), units.PercentOf(d.Hi95), units.PercentOf(d.SD)
		}
		out[i] = d
	}
	return out
}
