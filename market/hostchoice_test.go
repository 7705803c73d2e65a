package market

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/infragame/infragame/tender"
)

// The fast path agrees with the full tender evaluation (tender.Evaluate of
// the same offer, through tender's public API) to 1e-9 relative on random
// offers, hosts and designs.
func TestFastPathAgreesWithTender(t *testing.T) {
	g := rand.New(rand.NewPCG(1, 2))
	worst := 0.0
	for i := range 300 {
		h := HostEnv{DiscountRate: 0.02 + 0.12*g.Float64(), Inflation: 0.04 * g.Float64(), Horizon: 20 + g.IntN(40)}
		d := Design{BuildYears: float64(1 + g.IntN(6)), Delay: float64(g.IntN(4)) * 0.5, ServiceLife: 15 + 40*g.Float64()}
		if g.IntN(4) > 0 {
			d.Loan = loan(0.001+0.06*g.Float64(), float64(8+g.IntN(33)), float64(g.IntN(8)))
		}
		f, err := NewFactors(h, d)
		if err != nil {
			t.Fatal(err)
		}
		for range 5 {
			q := Quote{Price: 0.1 + 10*g.Float64(), OM: 0.5 * g.Float64(), Share: g.Float64(),
				ShadowPrice: g.Float64(), TimeValue: g.Float64(), ServiceValue: 0.01 + 2*g.Float64()}
			if g.IntN(2) == 0 {
				q.Guarantee = 0.05 * g.Float64()
			}
			if g.IntN(3) == 0 {
				q.TiedPenalty = 0.05 * g.Float64()
			}
			if d.Loan == nil {
				q.Share = 0
			}
			res, err := tender.Evaluate(FullTender(h, d, q, "x"))
			if err != nil {
				t.Fatalf("case %d: %v", i, err)
			}
			want, got := res.Offers[0].Score, f.Score(&q)
			rel := math.Abs(got-want) / math.Max(1, math.Abs(want))
			worst = max(worst, rel)
			if rel > 1e-9 {
				t.Fatalf("case %d: fast %.15g, tender %.15g (rel %.2g)\nhost %+v design %+v loan %+v quote %+v", i, got, want, rel, h, d, d.Loan, q)
			}
		}
	}
	t.Logf("worst relative difference %.2g over 1500 offers", worst)
}

func TestFastPathDoesNotAllocate(t *testing.T) {
	f, err := NewFactors(HostEnv{DiscountRate: 0.08, Inflation: 0.02, Horizon: 40}, Design{BuildYears: 4, ServiceLife: 40, Loan: loan(0.014, 30, 10)})
	if err != nil {
		t.Fatal(err)
	}
	q := Quote{Price: 1, OM: 0.02, Share: 0.85, ShadowPrice: 0.2, Guarantee: 0.02, TimeValue: 0.08, ServiceValue: 0.1}
	s := 0.0
	if n := testing.AllocsPerRun(100, func() { s += f.Score(&q) }); n != 0 {
		t.Errorf("Score allocates %v times", n)
	}
}

func BenchmarkHostChoice(b *testing.B) {
	f, err := NewFactors(HostEnv{DiscountRate: 0.08, Inflation: 0.02, Horizon: 40}, Design{BuildYears: 4, ServiceLife: 40, Loan: loan(0.014, 30, 10)})
	if err != nil {
		b.Fatal(err)
	}
	qs := [3]Quote{{Price: 1, OM: 0.02, Share: 0.85, ShadowPrice: 0.2, Guarantee: 0.02, TimeValue: 0.08},
		{Price: 0.9, OM: 0.03, Share: 0.85, ShadowPrice: 0.2, TimeValue: 0.08},
		{Price: 1.1, OM: 0.015, Share: 0.85, ShadowPrice: 0.2, TiedPenalty: 0.03, TimeValue: 0.08}}
	b.ReportAllocs()
	best := 0
	for i := 0; b.Loop(); i++ {
		qs[0].Price = 1 + float64(i&7)*0.01
		best, s := 0, math.Inf(-1)
		for k := range qs {
			if v := f.Score(&qs[k]); v > s {
				best, s = k, v
			}
		}
		_ = best
	}
	_ = best
}

func BenchmarkFullTender(b *testing.B) {
	h := HostEnv{DiscountRate: 0.08, Inflation: 0.02, Horizon: 40}
	d := Design{BuildYears: 4, ServiceLife: 40, Loan: loan(0.014, 30, 10)}
	t := FullTender(h, d, Quote{Price: 1, OM: 0.02, Share: 0.85, ShadowPrice: 0.2, Guarantee: 0.02, TimeValue: 0.08}, "a")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := tender.Evaluate(t); err != nil {
			b.Fatal(err)
		}
	}
}
