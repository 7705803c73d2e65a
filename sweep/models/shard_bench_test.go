package models

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"testing"
	"time"

	"github.com/infragame/infragame/sweep"
	"github.com/infragame/infragame/sweep/shards"
)

// BenchmarkShardedTenderRun measures the CPU time of running a tender-case
// sweep (Saltelli, N = 512, 3072 points, 1 worker) as one shard and as 8
// shards written one after the other into a fresh directory, files
// included (CSV, Parquet, manifests): the in-process part of the sharding
// overhead, at the GOGC of "sweep run" (400). Process start is measured
// separately (BENCHMARKS.md).
func BenchmarkShardedTenderRun(b *testing.B) {
	data, err := os.ReadFile("../../examples/lcc/tender_three_offers.yaml")
	if err != nil {
		b.Fatal(err)
	}
	m, err := Load(sweep.ModelSpec{Kind: "tender"}, data)
	if err != nil {
		b.Fatal(err)
	}
	s := &sweep.Spec{Model: sweep.ModelSpec{Kind: "tender"}, Seed: 1, Design: sweep.DesignSpec{Kind: sweep.Saltelli, Points: 512},
		Params: []sweep.ParamSpec{{Name: "host.discount_rate", Range: []float64{0.02, 0.1}}, {Name: "host.shadow_price", Range: []float64{0, 1}},
			{Name: "offers.quality.loan.rate", Range: []float64{0.001, 0.03}}, {Name: "offers.fast.loan.rate", Range: []float64{0.01, 0.04}}}}
	root := b.TempDir()
	// As "sweep run" does (internal/cli/sweep.go), unless GOGC is set.
	if os.Getenv("GOGC") == "" {
		defer debug.SetGCPercent(debug.SetGCPercent(400))
	}
	runShards := func(dir string, n int) {
		for k := range n {
			// Each shard starts from the spec, as a separate process would.
			p, err := sweep.NewPlan(s)
			if err != nil {
				b.Fatal(err)
			}
			pi, err := shards.NewPlanInfo(p, m, data)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := shards.WriteShard(context.Background(), dir, pi, p, m, sweep.RunOptions{Shard: k, Shards: n, Workers: 1}); err != nil {
				b.Fatal(err)
			}
		}
	}
	// One and eight shards alternate within each iteration, in alternating
	// order, so that both see the same machine load; each phase starts
	// after a collection that returns freed memory to the OS, so neither
	// pays for the other's garbage. The CPU time of each is reported.
	var cpu1, cpu8 time.Duration
	phase := func(dir string, n int) time.Duration {
		runtime.GC()
		debug.FreeOSMemory()
		c0 := cpuTime()
		runShards(dir, n)
		return cpuTime() - c0
	}
	i := 0
	for b.Loop() {
		i++
		if i%2 == 1 {
			cpu1 += phase(filepath.Join(root, fmt.Sprint(i, "-1")), 1)
			cpu8 += phase(filepath.Join(root, fmt.Sprint(i, "-8")), 8)
		} else {
			cpu8 += phase(filepath.Join(root, fmt.Sprint(i, "-8")), 8)
			cpu1 += phase(filepath.Join(root, fmt.Sprint(i, "-1")), 1)
		}
	}
	b.ReportMetric(cpu1.Seconds()/float64(b.N), "cpu-s/1-shard")
	b.ReportMetric(cpu8.Seconds()/float64(b.N), "cpu-s/8-shards")
	b.ReportMetric(100*(cpu8.Seconds()/cpu1.Seconds()-1), "%overhead")
}
