package auction

import "testing"

// BenchmarkSelfCheckTenBidders measures the self-check alone on the ten
// bidders of BenchmarkTenBidders (its cost is part of every Solve).
func BenchmarkSelfCheckTenBidders(b *testing.B) {
	a := &Auction{Bidders: []Bidder{
		{Name: "b1", Type: Uniform{Low: 0, High: 1}},
		{Name: "b2", Type: Uniform{Low: 0.1, High: 1.2}},
		{Name: "b3", Type: Power{Exponent: 2, Low: 0, High: 1}},
		{Name: "b4", Type: Power{Exponent: 0.7, Low: 0.05, High: 0.9}},
		{Name: "b5", Type: TruncNormal{Mu: 0.6, Sigma: 0.2, Low: 0, High: 1.1}},
		{Name: "b6", Type: TruncLogNormal{Mu: -0.7, Sigma: 0.4, Low: 0.1, High: 1.3}},
		{Name: "b7", Type: Beta{Alpha: 2, Beta: 3, Low: 0, High: 1.5}},
		{Name: "b8", Type: Empirical{X: []float64{0.2, 0.4, 0.7, 1.0}, P: []float64{0, 0.3, 0.8, 1}}},
		{Name: "b9", Type: Uniform{Low: 0.3, High: 0.8}},
		{Name: "b10", Type: Power{Exponent: 3, Low: 0.15, High: 1.05}},
	}}
	res, err := Solve(a, nil)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if err := res.selfCheck(); err != nil {
			b.Fatal(err)
		}
	}
}
