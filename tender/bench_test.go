package tender_test

import (
	"context"
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

func loadExample(b *testing.B) tender.Tender {
	data, err := os.ReadFile("../examples/lcc/tender_three_offers.yaml")
	if err != nil {
		b.Fatal(err)
	}
	f, err := tender.ParseFile(data)
	if err != nil {
		b.Fatal(err)
	}
	tt, err := f.Tender()
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
