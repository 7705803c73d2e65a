package tender_test

import (
	"context"
	"github.com/infragame/infragame/internal/benchtools/paired"
	"github.com/infragame/infragame/mc"
	"os"
	"testing"

	"github.com/infragame/infragame/tender"
)

// BenchmarkEvaluateThree: one deterministic tender evaluation of
// testdata/three.yaml (3 offers, every term, full LCC breakdown).
func BenchmarkEvaluateThree(b *testing.B) {
	tt := load(b)
	for b.Loop() {
		if _, err := tender.Evaluate(tt); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEvaluateRule: the same under each host rule.
func BenchmarkEvaluateRule(b *testing.B) {
	base := load(b)
	for _, rule := range tender.Rules {
		b.Run(string(rule), func(b *testing.B) {
			tt := base.Clone()
			tt.Host.Rule = rule
			for b.Loop() {
				if _, err := tender.Evaluate(tt); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// loadExampleFile parses examples/lcc/tender_three_offers.yaml.
func loadExampleFile(b *testing.B) *tender.File {
	data, err := os.ReadFile("../examples/lcc/tender_three_offers.yaml")
	if err != nil {
		b.Fatal(err)
	}
	f, err := tender.ParseFile(data)
	if err != nil {
		b.Fatal(err)
	}
	return f
}

func loadExample(b *testing.B) tender.Tender {
	tt, err := loadExampleFile(b).Tender()
	if err != nil {
		b.Fatal(err)
	}
	return tt
}

func benchSimulate(b *testing.B, workers int) {
	tt := loadExample(b)
	for b.Loop() {
		if _, err := tender.Simulate(context.Background(), tt, mc.Options{Runs: 10000, Seed: 1, Workers: workers}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSimulate10kOneWorker: 10,000 Monte Carlo tender evaluations of
// examples/lcc/tender_three_offers.yaml (overrun and delay drawn), one
// worker.
func BenchmarkSimulate10kOneWorker(b *testing.B) { benchSimulate(b, 1) }

// BenchmarkSimulate10kTwoWorkers: the same on two workers.
func BenchmarkSimulate10kTwoWorkers(b *testing.B) { benchSimulate(b, 2) }

// BenchmarkSimulate10kPaired runs the 10,000 runs of the two benchmarks
// above on 1 worker and on 2 alternately, the order swapped from one pair
// to the next, so that both see the same load of a shared machine, and
// reports the median over the pairs of the ratio 1-worker time ÷
// 2-worker time (speedup) with the median time of each (ms-1w, ms-2w);
// ns/op is the time of a pair.
func BenchmarkSimulate10kPaired(b *testing.B) {
	tt := loadExample(b)
	paired.Speedup(b, func(workers int) {
		if _, err := tender.Simulate(context.Background(), tt, mc.Options{Runs: 10000, Seed: 1, Workers: workers}); err != nil {
			b.Fatal(err)
		}
	})
}

func benchEvaluateAll(b *testing.B, workers int) {
	f := loadExampleFile(b)
	tt, err := f.EvaluationTender()
	if err != nil {
		b.Fatal(err)
	}
	_, _, m := jakartaBandung()
	opt := tender.EvaluateOptions{Model: m, Stress: f.HostStress(), Seed: 1, Runs: 10000, Workers: workers}
	for b.Loop() {
		if _, err := tender.EvaluateAll(context.Background(), tt, opt); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEvaluateAll10kOneWorker: what "tender evaluate
// examples/lcc/tender_three_offers.yaml --runs 10000 --workers 1" computes
// (ranking, choice estimate with the library's model, 10,000 Monte Carlo
// runs), in process.
func BenchmarkEvaluateAll10kOneWorker(b *testing.B) { benchEvaluateAll(b, 1) }

// BenchmarkEvaluateAll10kTwoWorkers: the same on two workers (the ranking
// and choice estimate beside the Monte Carlo).
func BenchmarkEvaluateAll10kTwoWorkers(b *testing.B) { benchEvaluateAll(b, 2) }
