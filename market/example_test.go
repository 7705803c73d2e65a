package market_test

import (
	"context"
	"fmt"

	"github.com/infragame/infragame/market"
	"github.com/infragame/infragame/mc"
)

// Run the price-war scenario 50 times over 2010–2012 and read Japan's
// margin (in percent of order value, as every share and margin a
// simulation reports) and orders in 2012 with their 95 % intervals.
func ExampleSimulation_Run() {
	sc, err := market.Named("price-war")
	if err != nil {
		panic(err)
	}
	short := *sc
	short.End = 2012
	sim, err := market.New(&short)
	if err != nil {
		panic(err)
	}
	sum, err := sim.Run(context.Background(), mc.Options{Runs: 50, Seed: 1}, nil)
	if err != nil {
		panic(err)
	}
	for _, m := range []string{"margin_pct", "orders_count"} {
		st, _ := sum.Get(market.Key{Year: 2012, Exporter: "jp", Region: "all", Sector: "all", Metric: m})
		fmt.Printf("jp %s 2012: %.3g [%.3g, %.3g]\n", m, st.Mean, st.Lo95, st.Hi95)
	}
	// Output:
	// jp margin_pct 2012: 1.96 [1.96, 1.96]
	// jp orders_count 2012: 108 [106, 111]
}

// A sweep engine calls Evaluate with named parameters and a (seed, run)
// pair and gets named outputs back.
func ExampleEvaluate() {
	sc, err := market.Named("baseline")
	if err != nil {
		panic(err)
	}
	out, err := market.Evaluate(context.Background(), sc, map[string]float64{"jp.markup": 0.05, "coop.enabled": 1}, 1, 0)
	if err != nil {
		panic(err)
	}
	fmt.Printf("Japan's orders 2010–2025: %.0f USD bn; joint orders: %.0f\n", out["jp.orders_value.total"], out["joint_orders.total"])
	// Output:
	// Japan's orders 2010–2025: 4260 USD bn; joint orders: 772
}
