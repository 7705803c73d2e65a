package market

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/infragame/infragame/dataset"
	"github.com/infragame/infragame/mc"
	"github.com/infragame/infragame/units"
)

// Published is a figure published after the calibration window, used only
// to check the projection (never to fit).
type Published struct {
	Year   int     `json:"year"`
	Value  float64 `json:"value"`
	Unit   string  `json:"unit"`
	Source string  `json:"source"`
}

// PublishedJapanOrders are Japan's infrastructure-export orders as the
// Japanese government later reported them (the measure of the 2020 target:
// orders including business-investment income).
var PublishedJapanOrders = []Published{
	{2018, 25, "JPY trn", "The Japan News (Yomiuri), \"Japan needs new strategy as competition grows for infrastructure exports\", 2020 (inkl.com): \"In 2018, the value of infrastructure-related orders had risen to 25 trillion yen\""},
	{2022, 31, "JPY trn", "Jiji Press, \"Japan eyes 45 t. yen in infrastructure exports in 2030\", 24 Dec 2024 (nippon.com): \"Japan's overseas infrastructure orders stood at 31 trillion yen in 2022\""},
}

// Projection is the simulated counterpart of a published figure.
type Projection struct {
	Published
	// Sim, P10 and P90 are the mean and 10th/90th percentiles over runs of
	// Japan's simulated orders, converted at FX yen per dollar.
	Sim float64 `json:"simulated"`
	P10 float64 `json:"p10"`
	P90 float64 `json:"p90"`
	FX  float64 `json:"fx_jpy_per_usd"`
	// RelError = Sim/Value − 1, a fraction (JSON: rel_error_pct, percent).
	RelError float64 `json:"-"`
}

// MarshalJSON writes the projection with its relative error in percent
// (rel_error_pct).
func (p Projection) MarshalJSON() ([]byte, error) {
	type plain Projection
	return json.Marshal(struct {
		plain
		RelErrorPct float64 `json:"rel_error_pct"`
	}{plain(p), units.PercentOf(p.RelError)})
}

// JPYRates returns the dataset's yen-per-dollar rates by year (FRB G.5A
// annual averages).
func JPYRates(set *dataset.Set) map[int]float64 {
	fx := map[int]float64{}
	for _, r := range set.FX {
		if r.Currency == "JPY" {
			fx[r.Year] = r.PerUSD
		}
	}
	return fx
}

// Validation runs scenario sc (which should be the calibrated baseline)
// and returns the calibration moments (window 2010–2015) and its
// projection of Japan's orders beside [PublishedJapanOrders]. Dollars are
// converted to yen at each year's realised rate (jpy, yen per dollar by
// year, e.g. [JPYRates]), as the calibration converts 2010 and 2013: the
// model does not project exchange rates, so the comparison takes them as
// given.
func Validation(ctx context.Context, sc *Scenario, targets []Moment, jpy map[int]float64, runs, workers int, seed uint64) ([]Moment, []Projection, error) {
	sim, err := New(sc)
	if err != nil {
		return nil, nil, err
	}
	ms, err := sim.Moments(ctx, targets, runs, workers, seed)
	if err != nil {
		return nil, nil, err
	}
	if sim.m.end < 2022 {
		return ms, nil, nil
	}
	for _, p := range PublishedJapanOrders {
		if jpy[p.Year] <= 0 {
			return nil, nil, fmt.Errorf("market: no yen rate for %d", p.Year)
		}
	}
	vals := make([][]float64, len(PublishedJapanOrders))
	err = mc.Stream(ctx, runs, workers, func() func(int) []Year {
		w := newRunner(sim.m)
		return func(r int) []Year { return w.run(ctx, seed, r, nil) }
	}, func(_ int, ys []Year) error {
		if ys == nil {
			return ctx.Err()
		}
		for i, p := range PublishedJapanOrders {
			vals[i] = append(vals[i], year(ys, p.Year).exporterValue(jp, all(nR), all(nS))*jpy[p.Year]/1000)
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	out := make([]Projection, len(PublishedJapanOrders))
	for i, p := range PublishedJapanOrders {
		st := mc.Summarize(vals[i])
		out[i] = Projection{Published: p, Sim: st.Mean, P10: st.P10, P90: st.P90, FX: jpy[p.Year], RelError: st.Mean/p.Value - 1}
	}
	return ms, out, nil
}

// Within reports whether the target lies within the simulated 10th–90th
// percentile range of the moment.
func (m Moment) Within() bool { return m.Target >= m.P10 && m.Target <= m.P90 }

func (m Moment) String() string {
	return fmt.Sprintf("%s: target %.4g, simulated %.4g [P10 %.4g, P90 %.4g], error %+.1f %%", m.Name, m.Target, m.Sim, m.P10, m.P90, 100*m.RelError)
}
