package models

import (
	"context"
	"fmt"
	"github.com/infragame/infragame/internal/parseerr"
	"math/rand/v2"
	"strings"

	"github.com/infragame/infragame/market"
	"github.com/infragame/infragame/sweep"
)

// Sim sweeps the market simulation ([market.Evaluate]) of one scenario.
// Parameters: the names of [market.Params] (infragame sim params: rates and
// shares in percent under NAME_pct; their decimal names, fractions, are
// still accepted); outputs:
// [market.OutputNames] (orders, shares, margins, profits and concessional
// lending by exporter; host surplus and debt; joint and self-built orders;
// the Pyrrhic index). Each Monte Carlo run of a point is one simulation
// run, seeded from the sweep's source for that point and run, so the rows
// are identical however the sweep is split.
type Sim struct {
	sc *market.Scenario
}

// NewSim returns the model of scenario sc.
func NewSim(sc *market.Scenario) *Sim { return &Sim{sc: sc} }

// loadSim reads a scenario: "scenario:NAME" names a shipped scenario,
// anything else is the content of a scenario file.
func loadSim(file string, data []byte) (*Sim, error) {
	if name, ok := strings.CutPrefix(file, "scenario:"); ok {
		sc, err := market.Named(name)
		if err != nil {
			return nil, err
		}
		return NewSim(sc), nil
	}
	sc, err := market.ReadScenario(file, data)
	if err != nil {
		return nil, err
	}
	return NewSim(sc), nil
}

// Outputs lists the outputs.
func (m *Sim) Outputs() []string { return market.OutputNames() }

// Bind checks the parameter names against [market.Params].
func (m *Sim) Bind(names []string) (sweep.Evaluator, error) {
	known := map[string]bool{}
	var all []string
	for _, p := range market.Params() {
		known[p.Name] = true
		all = append(all, p.Name)
	}
	for i, n := range names {
		if !known[n] && !market.KnownParam(n) {
			return nil, parseerr.Fieldf(fmt.Sprintf("params[%d]", i), "unknown simulation parameter %q (infragame sim params lists them: %s)", n, strings.Join(all, ", "))
		}
	}
	// One evaluator a worker (Bind is called once a worker): it compiles
	// the scenario once a point, not once a run, and reuses its buffers.
	ev := market.NewEvaluator(m.sc, names)
	return sweep.EvalFunc(func(x []float64, src rand.Source, y []float64) error {
		return ev.Eval(context.Background(), x, src.Uint64(), 0, y)
	}), nil
}
