package tender

import (
	"os"
	"testing"
)

// TestMonteCarloEvaluationAllocatesNothing: a tender evaluation on a Monte
// Carlo worker's scratch allocates nothing once its buffers have grown.
func TestMonteCarloEvaluationAllocatesNothing(t *testing.T) {
	data, err := os.ReadFile("../examples/lcc/tender_three_offers.yaml")
	if err != nil {
		t.Fatal(err)
	}
	f, err := ParseFile(data)
	if err != nil {
		t.Fatal(err)
	}
	tt, err := f.Tender()
	if err != nil {
		t.Fatal(err)
	}
	c := tt.Clone()
	var sc scratch
	want, err := evaluate(&c, nil)
	if err != nil {
		t.Fatal(err)
	}
	got, err := evaluate(&c, &sc) // warm-up
	if err != nil {
		t.Fatal(err)
	}
	for i := range want.Offers {
		w, g := want.Offers[i], got.Offers[i]
		if w.ID != g.ID || w.Score != g.Score || w.Financing != g.Financing || w.LCC.PV != g.LCC.PV {
			t.Fatalf("offer %d: scratch evaluation %+v differs from %+v", i, g, w)
		}
	}
	n := testing.AllocsPerRun(100, func() {
		if _, err := evaluate(&c, &sc); err != nil {
			t.Fatal(err)
		}
	})
	if n != 0 {
		t.Fatalf("%v allocations per Monte Carlo evaluation", n)
	}
}
