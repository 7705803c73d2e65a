package tender_test

import (
	"context"
	"errors"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/infragame/infragame/mc"
	"github.com/infragame/infragame/tender"
)

func load(t testing.TB) tender.Tender {
	t.Helper()
	b, err := os.ReadFile("testdata/three.yaml")
	if err != nil {
		t.Fatal(err)
	}
	f, err := tender.ParseFile(b)
	if err != nil {
		t.Fatal(err)
	}
	tt, err := f.Tender()
	if err != nil {
		t.Fatal(err)
	}
	return tt
}

func byID(r tender.Result) map[string]tender.OfferResult {
	m := map[string]tender.OfferResult{}
	for _, o := range r.Offers {
		m[o.ID] = o
	}
	return m
}

// Each rule ranks by the quantity it documents; the ranking is checked
// against the breakdown, which is itself checked term by term.
func TestRulesRankAsDocumented(t *testing.T) {
	base := load(t)
	for _, rule := range tender.Rules {
		t.Run(string(rule), func(t *testing.T) {
			tt := base.Clone()
			tt.Host.Rule = rule
			r, err := tender.Evaluate(tt)
			if err != nil {
				t.Fatal(err)
			}
			for i, o := range r.Offers {
				var want float64
				switch rule {
				case tender.LowestPrice:
					want = -o.Price
				case tender.LowestLCC:
					want = -o.LCC.PV.Agency
				case tender.FinancingAdjusted:
					want = -o.Financing.Total
				case tender.QuasiLinear:
					want = o.QuasiLinear.V - o.Financing.Total
				case tender.Weighted:
					for _, c := range o.Criteria {
						want += c.Contribution
					}
				}
				if math.Abs(o.Score-want) > 1e-9*math.Max(1, math.Abs(want)) {
					t.Errorf("%s score %g, want %g", o.ID, o.Score, want)
				}
				if o.Rank != i+1 || (i > 0 && o.Score > r.Offers[i-1].Score) {
					t.Errorf("ranking out of order at %d", i)
				}
			}
			if r.Margin != r.Offers[0].Score-r.Offers[1].Score {
				t.Errorf("margin %g", r.Margin)
			}
		})
	}
}

func TestFinancingBreakdown(t *testing.T) {
	tt := load(t)
	r, err := tender.Evaluate(tt)
	if err != nil {
		t.Fatal(err)
	}
	o := byID(r)
	q := o["quality"].Financing
	// Loan at 0.1 %, 40 years, 10 grace, semi-annual equal principal,
	// discounted at the nominal host rate (1.05)(1.02)-1 = 7.1 %: the
	// debt service per unit equals 1 - grant element; check against the
	// OECD-DAC closed form (finance.ClosedFormGrantElement is tested there).
	if !(q.DebtServicePerUnit > 0.1 && q.DebtServicePerUnit < 0.4) {
		t.Errorf("debt service per unit %g not in (0.1, 0.4)", q.DebtServicePerUnit)
	}
	near := func(name string, got, want float64) {
		t.Helper()
		if math.Abs(got-want) > 1e-9*math.Max(1, math.Abs(want)) {
			t.Errorf("%s = %g, want %g", name, got, want)
		}
	}
	near("equity", q.EquityPV, 0.25*q.CapexPV)
	near("debt", q.DebtServicePV, 0.75*q.CapexPV*q.DebtServicePerUnit)
	near("budget (on budget)", q.BudgetPV, q.EquityPV+q.DebtServicePV+q.LifecyclePV)
	near("premium", q.FiscalPremium, 0.3*q.BudgetPV)
	near("guarantee", q.GuaranteeCost, 0.05*0.75*6000)
	near("tied", q.TiedCost, 0.1*6000)
	near("at contract", q.AtContract, q.EquityPV+q.DebtServicePV+q.LifecyclePV+q.FiscalPremium+q.GuaranteeCost+q.TiedCost)
	near("total", q.Total, q.AtContract*math.Pow(1.05, -q.ContractYears)+q.ForgoneService)
	f := o["fast"].Financing
	near("off budget, no guarantee", f.BudgetPV, 0)
	s := o["self"].Financing
	near("self: all equity", s.EquityPV, s.CapexPV)
	// A zero-rate loan repaid in equal instalments is worth less than 1
	// per unit at a positive rate; the 2 % loan costs more than the 0.1 % one.
	if !(f.DebtServicePerUnit > q.DebtServicePerUnit && f.DebtServicePerUnit < 1) {
		t.Errorf("per-unit debt service: fast %g, quality %g", f.DebtServicePerUnit, q.DebtServicePerUnit)
	}
}

// Break-even values against closed forms: for lowest_price the winner
// changes where the prices are equal; for financing_adjusted the cost is
// linear in λ, so λ* = (FAC_b - FAC_a)/(B_a - B_b) from the breakdown at
// λ = 0. Both found to 1e-9 relative.
func TestBreakEvenAgainstClosedForm(t *testing.T) {
	tt := load(t)
	tt.Host.Rule = tender.LowestPrice
	be, err := tender.FindBreakEven(tt, "offers.fast.capex", 5000, 7000, 0)
	if err != nil {
		t.Fatal(err)
	}
	if got := be.Points[0].Value; math.Abs(got-5800)/5800 > 1e-9 {
		t.Errorf("price break-even %.12g, want 5800 (the self offer's price)", got)
	}
	if be.Points[0].NewWinner != "self" {
		t.Errorf("new winner %s", be.Points[0].NewWinner)
	}

	// A fixed value of service keeps the forgone-service term constant in
	// λ; with equal construction times the quality offer's faster rival no
	// longer wins on time alone, so λ decides.
	tt = load(t)
	tt.Host.ShadowPrice = 0
	tt.Host.ServiceValue = 1000
	tt.Offers[0].Asset.ConstructionYears = 3
	r0, _ := tender.Evaluate(tt)
	o := byID(r0)
	a, b := o["quality"].Financing, o["fast"].Financing
	want := (b.Total - a.Total) / (a.BudgetPV - b.BudgetPV)
	be, err = tender.FindBreakEven(tt, "host.shadow_price", 0, 5, 0)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, p := range be.Points {
		if math.Abs(p.Value-want)/want < 1e-9 {
			found = true
		}
	}
	if !found {
		t.Errorf("λ break-even %+v, want %.12g", be.Points, want)
	}
}

func TestBreakEvenErrors(t *testing.T) {
	tt := load(t)
	_, err := tender.FindBreakEven(tt, "host.discount", math.NaN(), math.NaN(), 0)
	if !errors.Is(err, mc.ErrUnknownParam) || !strings.Contains(err.Error(), "host.discount_rate") {
		t.Errorf("unknown param: %v", err)
	}
	tt.Host.Rule = tender.LowestPrice
	_, err = tender.FindBreakEven(tt, "offers.quality.om", 0, 100, 0)
	if !errors.Is(err, tender.ErrNoBreakEven) || !strings.Contains(err.Error(), "wins for every") {
		t.Errorf("no break-even: %v", err)
	}
	if _, err := tender.FindBreakEven(tt, "offers.quality.om", 5, 1, 0); err == nil {
		t.Error("empty range accepted")
	}
}

// Every cell of the map is the winner of a point evaluation.
func TestMapAgreesWithPointEvaluations(t *testing.T) {
	tt := load(t)
	xs := tender.Linspace(0, 1, 7)
	ys := tender.Linspace(0.01, 0.12, 5)
	calls := 0
	mp, err := tender.WinnerMap(context.Background(), tt, "host.shadow_price", xs, "host.discount_rate", ys, func(int) { calls++ })
	if err != nil {
		t.Fatal(err)
	}
	winners := map[string]bool{}
	for j, y := range ys {
		for i, x := range xs {
			c := tt.Clone()
			c.Host.ShadowPrice, c.Host.DiscountRate = x, y
			r, err := tender.Evaluate(c)
			if err != nil {
				t.Fatal(err)
			}
			if r.Winner != mp.Winner[j][i] || r.Margin != mp.Margin[j][i] {
				t.Errorf("(%g, %g): map %s %g, point %s %g", x, y, mp.Winner[j][i], mp.Margin[j][i], r.Winner, r.Margin)
			}
			winners[r.Winner] = true
		}
	}
	if calls != len(ys) {
		t.Errorf("progress called %d times, want %d", calls, len(ys))
	}
	if len(winners) < 2 {
		t.Errorf("map has a single winner %v; the test grid should cross a boundary", winners)
	}
}

func TestTornado(t *testing.T) {
	tt := load(t)
	tor, err := tender.MakeTornado(tt, 0.2)
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i < len(tor.Bars); i++ {
		if tor.Bars[i].Swing > tor.Bars[i-1].Swing {
			t.Fatal("bars not sorted by swing")
		}
	}
	// Recompute one bar by hand.
	b := tor.Bars[0]
	c := tt.Clone()
	if err := c.Set(b.Param, b.High); err != nil {
		t.Fatal(err)
	}
	r, _ := tender.Evaluate(c)
	if r.Winner != b.WinnerHigh {
		t.Errorf("bar %s high winner %s, point %s", b.Param, b.WinnerHigh, r.Winner)
	}
}

func TestValidationErrors(t *testing.T) {
	for _, c := range []struct {
		name string
		mod  func(*tender.Tender)
		want string
	}{
		{"weights sum zero", func(t *tender.Tender) {
			t.Host.Rule = tender.Weighted
			t.Host.Weights = map[tender.Criterion]float64{tender.CritPrice: 0}
		}, "weights sum to zero"},
		{"unknown criterion", func(t *tender.Tender) {
			t.Host.Rule = tender.Weighted
			t.Host.Weights = map[tender.Criterion]float64{"beauty": 1}
		}, "host.weights.beauty: unknown criterion"},
		{"negative life", func(t *tender.Tender) { t.Offers[0].Asset.ServiceLife = -1 }, "offers[0].asset.service_life: must be > 0"},
		{"share", func(t *tender.Tender) { t.Offers[1].Share = 1.5 }, "offers[1].share: must be in [0, 1]"},
		{"rule", func(t *tender.Tender) { t.Host.Rule = "cheapest" }, "host.rule: unknown rule"},
		{"loan", func(t *tender.Tender) { t.Offers[0].Loan.GraceYears = 50 }, "offers[0].loan"},
	} {
		tt := load(t)
		c.mod(&tt)
		_, err := tender.Evaluate(tt)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
	}
}

func TestParseFileErrors(t *testing.T) {
	for _, c := range []struct{ yaml, want string }{
		{"analysis: {horizon: 10}\noffers: []\n", "host: missing"},
		{"analysis: {horizon: 10}\nhost: {discount_rate: 0.05, colour: red}\n", "unknown field \"colour\""},
		{"analysis: {horizon: 10}\nhost: {discount_rate: 0.05, rule: weighted, weights: {price: 0}}\noffers: [{id: a, asset: {service_life: 5}}]\n", "weights sum to zero"},
		{"analysis: {horizon: 10}\nhost: {discount_rate: 0.05}\noffers: [{id: a, asset: {service_life: -5}}]\n", "service_life: must be > 0"},
		{"analysis: {horizon: 10}\nhost: {discount_rate: 0.05}\noffers: [{id: a, asset: {service_life: 5, capex: {dist: uniform, min: 3, max: 2}}}]\n", "min 3 > max 2"},
		{"analysis: {horizon: 10}\nhost: {discount_rate: 0.05}\noffers: [{id: a, asset: {service_life: 5}}]\noutcome: {winner: b}\n", "outcome.winner: \"b\" is not an offer"},
	} {
		_, err := tender.ParseFile([]byte(c.yaml))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: %v, want %q", c.yaml, err, c.want)
		}
	}
}

func FuzzParseFile(f *testing.F) {
	b, _ := os.ReadFile("testdata/three.yaml")
	f.Add(b)
	f.Add([]byte("analysis: {horizon: 10}\nhost: {discount_rate: 0.05}\noffers: [{id: a, asset: {service_life: 5, capex: 10}}]\n"))
	f.Add([]byte("analysis: {horizon: 5}\nobservables: {sovereign_yield: 0.05, inflation: 0.02, public_debt_ratio: 0.4}\noffers: [{id: a, asset: {service_life: 5}, loan: {rate: 0.01, maturity_years: 10, grace_years: 2}, share_financed: 0.5}]\noutcome: {winner: a}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := tender.ParseFile(data)
		if err != nil {
			return
		}
		if file.Analysis.Horizon > 200 {
			return
		}
		h := file.Host
		var tt tender.Tender
		if h != nil {
			tt, err = file.Tender()
		} else {
			tt, err = file.TenderWith(tender.HostFromObservables(*file.Observables))
		}
		if err != nil {
			t.Fatalf("validated file does not build: %v", err)
		}
		if _, err := tender.Evaluate(tt); err != nil {
			t.Fatalf("validated file does not evaluate: %v", err)
		}
	})
}

// With an exchange-rate drift δ the per-unit debt service is
// Σ_t DS_t·(1+δ)^t/(1+r)^t over the rows of the finance schedule, r the
// host's nominal rate: computed here row by row.
func TestFXDrift(t *testing.T) {
	tt := load(t)
	tt.Offers[0].FXDrift = 0.03
	r, err := tender.Evaluate(tt)
	if err != nil {
		t.Fatal(err)
	}
	l := *tt.Offers[0].Loan
	l.Principal = 1
	s, err := l.Schedule()
	if err != nil {
		t.Fatal(err)
	}
	nominal := (1 + tt.Host.DiscountRate) * (1 + tt.Analysis.Inflation)
	var ds, disb float64
	for _, row := range s.Rows {
		df := math.Pow(nominal, -row.Time)
		ds += row.DebtService() * math.Pow(1.03, row.Time) * df
		disb += row.Disbursed * df
	}
	got := byID(r)["quality"].Financing.DebtServicePerUnit
	if math.Abs(got-ds/disb) > 1e-12 {
		t.Errorf("per-unit debt service with drift %g, want %g", got, ds/disb)
	}
	r0, _ := tender.Evaluate(load(t))
	if got <= byID(r0)["quality"].Financing.DebtServicePerUnit {
		t.Error("an appreciating loan currency should make the loan dearer")
	}
	tt.Offers[0].FXDrift = -1
	if _, err := tender.Evaluate(tt); err == nil || !strings.Contains(err.Error(), "fx_drift") {
		t.Errorf("fx_drift -1: %v", err)
	}
}

// The previous YAML library panicked on a tagged empty value; the reader must
// return an error instead (regression: the CLI crashed on such a file).
func TestParseFileMalformedTag(t *testing.T) {
	for _, in := range []string{"offers: !0 ", "offers:\n  - !0 \n", "!0 "} {
		if _, err := tender.ParseFile([]byte(in)); err == nil {
			t.Errorf("%q: accepted", in)
		}
	}
}
