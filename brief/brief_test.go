package brief_test

import (
	"math"
	"testing"

	"github.com/infragame/infragame/brief"
	"github.com/infragame/infragame/dataset"
	"github.com/infragame/infragame/finance"
)

func TestCAGR(t *testing.T) {
	tests := []struct {
		a, b float64
		n    int
		want float64
	}{
		{100, 121, 2, 0.10},
		{10, 10, 5, 0},
		{16, 30, 7, math.Pow(30.0/16, 1.0/7) - 1},
	}
	for _, tt := range tests {
		if got := brief.CAGR(tt.a, tt.b, tt.n); math.Abs(got-tt.want) > 1e-12 {
			t.Errorf("CAGR(%g, %g, %d) = %g, want %g", tt.a, tt.b, tt.n, got, tt.want)
		}
	}
	if !math.IsNaN(brief.CAGR(0, 1, 1)) || !math.IsNaN(brief.CAGR(1, 2, 0)) {
		t.Error("CAGR should be NaN for a ≤ 0 or n ≤ 0")
	}
}

// TestComputeOnEmbedded reads the seed's headline numbers from the records:
// seed §1.3(1): orders incl. business investment 10 万亿日元 (2010) → 16 万亿日元
// (2013); target 30 万亿日元 by 2020 (§1.1). Achieved CAGR = 1.6^(1/3) − 1 =
// 16.96 %; required CAGR 2013–2020 = (30/16)^(1/7) − 1 = 9.40 %.
func TestComputeOnEmbedded(t *testing.T) {
	set, err := dataset.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	b, err := brief.Compute(set)
	if err != nil {
		t.Fatal(err)
	}
	o := b.Orders
	if o.Start.Value != 10e12 || o.End.Value != 16e12 || o.Target.Value != 30e12 {
		t.Fatalf("series %v %v %v", o.Start, o.End, o.Target)
	}
	if got, want := o.AchievedCAGR, math.Cbrt(1.6)-1; math.Abs(got-want) > 1e-12 {
		t.Errorf("achieved CAGR %g, want %g", got, want)
	}
	if got, want := o.RequiredCAGR, math.Pow(30.0/16, 1.0/7)-1; math.Abs(got-want) > 1e-12 {
		t.Errorf("required CAGR %g, want %g", got, want)
	}
	// seed §1.3(1): 9.26 万亿日元 in 2013 is "nearly three times" 3.2 万亿日元 in 2012.
	if got := o.NarrowRatio; math.Abs(got-9.26/3.2) > 1e-12 {
		t.Errorf("narrow ratio %g", got)
	}
	if len(b.Sectors) != 3 {
		t.Fatalf("sectors %v", b.Sectors)
	}
	// seed §2 Africa: China 134 亿美元 vs Japan 15 亿美元 (Economist Corporate Network 2015).
	for _, r := range b.Ratios {
		if r.AID == brief.IDAfricaChina2013 && math.Abs(r.Ratio-134.0/15) > 1e-9 {
			t.Errorf("Africa ratio %g", r.Ratio)
		}
		if math.IsNaN(r.Ratio) || r.Ratio <= 0 {
			t.Errorf("%s: ratio %g", r.Label, r.Ratio)
		}
	}
}

// TestLoanGrantElements computes the grant elements of the recorded offers.
// Oracle: AidData's published grant element for record 54912 (Antigua &
// Barbuda GCL, 2 %, 21.75 y, 5 y grace) is 54.7023 at 10 % (GCDF 3.0); the
// same convention on Japan's Jakarta–Bandung offer (0.1 %, 40 y, 10 y grace)
// must exceed China's (2 %, 40 y, 10 y grace).
func TestLoanGrantElements(t *testing.T) {
	r, m, g := 2.0, 21.75, 5.0
	terms, err := brief.LoanTerms(dataset.Loan{Lender: "china-exim", Currency: "CNY", RatePct: &r, MaturityYears: &m, GraceYears: &g})
	if err != nil {
		t.Fatal(err)
	}
	ge, err := finance.GrantElement(terms, finance.Method{Name: finance.AidData, Discount: 0.10})
	if err != nil || math.Abs(100*ge.GrantElement-54.7023) > 5e-5 {
		t.Fatalf("AidData 54912: %v %v", ge.GrantElement, err)
	}
	set, err := dataset.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	ges, err := brief.LoanGrantElements(set)
	if err != nil {
		t.Fatal(err)
	}
	var jp, cn float64
	for _, x := range ges {
		if x.Project == "jakarta-bandung-hsr" && x.Lender == "jica" {
			jp = *x.AidData10
		}
		if x.Project == "jakarta-bandung-hsr" && x.Lender == "cdb" && x.Status == "agreed" {
			cn = *x.AidData10
		}
	}
	if !(jp > cn && cn > 0) {
		t.Fatalf("Jakarta–Bandung GE: Japan %g, China %g", jp, cn)
	}
}
