package market

import (
	"context"
	"fmt"
	"math"

	"github.com/infragame/infragame/mc"
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
	"{e}.share.final":        "share of the value of foreign-won orders in the last year",
	"{e}.margin":             "profit over order value, pooled over the years",
	"{e}.profit.total":       "profit over the years (USD bn)",
	"{e}.concessional.total": "concessional lending committed over the years (USD bn)",
	"host.surplus.total":     "hosts' surplus over their outside options, all regions and years (USD bn PV)",
	"host.debt.final":        "mean over regions of infrastructure debt relative to capacity in the last year",
	"joint_orders.total":     "orders won by China–Japan consortia over the years",
	"self_built.total":       "projects won by no foreign offer over the years",
	"pyrrhic_index":          "Pyrrhic index pooled over the years (NaN without head-to-head contests)",
}

// Outcomes returns the named outputs of one run, in a fixed order.
func Outcomes(ys []Year) []Output {
	var out []Output
	add := func(n string, v float64) { out = append(out, Output{n, v}) }
	if len(ys) == 0 {
		return nil
	}
	last := &ys[len(ys)-1]
	var lastTotal float64
	var lastVal [nE]float64
	for e := range Exporters {
		lastVal[e] = last.exporterValue(e, all(nR), all(nS))
		lastTotal += lastVal[e]
	}
	for e, name := range Exporters {
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
		add(name+".orders_value.total", val)
		add(name+".orders_value.final", lastVal[e])
		add(name+".orders_count.total", cnt)
		add(name+".share.final", ratio(lastVal[e], lastTotal))
		add(name+".margin", ratio(profit, val))
		add(name+".profit.total", profit)
		add(name+".concessional.total", conc)
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
	add("host.surplus.total", surplus)
	add("host.debt.final", debt)
	add("joint_orders.total", joint)
	add("self_built.total", self)
	add("pyrrhic_index", ratio(ratio(hp, ho), ratio(cp, co)))
	return out
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
// confidence interval (paired runs). Memory does not grow with runs.
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
			return pair{Outcomes(ya), Outcomes(yb)}
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
	return out, nil
}

// OutputNames lists the names [Outcomes] returns, in the same order, for a
// run of any scenario.
func OutputNames() []string {
	var out []string
	for _, name := range Exporters {
		for _, k := range []string{"orders_value.total", "orders_value.final", "orders_count.total", "share.final", "margin", "profit.total", "concessional.total"} {
			out = append(out, name+"."+k)
		}
	}
	return append(out, "host.surplus.total", "host.debt.final", "joint_orders.total", "self_built.total", "pyrrhic_index")
}
