package market

import (
	"math"
	"testing"
)

func compiled(t *testing.T, v Values) *model {
	t.Helper()
	sc, err := Named("baseline")
	if err != nil {
		t.Fatal(err)
	}
	sim, err := New(sc.With(v))
	if err != nil {
		t.Fatal(err)
	}
	return sim.m
}

// A lone Japanese bid wins against the outside option, earns its markup on
// its cost and draws its loan (share × price) from the concessional budget
// while the budget covers it, then falls back to commercial terms.
func TestBudgetDrawdown(t *testing.T) {
	m := compiled(t, Values{"jp.concessional.budget": 2, "host.reserve_cost": 5})
	p := project{region: 0, sector: 0, size: 1}
	p.bids[jp], p.cost[jp] = true, 1.1
	st := m.yearState(2012)
	st.lambda = m.shadow
	var yr Year
	mk := [nE]float64{0, 0.1, 0}
	price := 1.1 * 1.1
	loan := 0.85 * price // jp.share_financed 0.85
	for i, wantConc := range []bool{true, false} {
		o := m.contest(&p, mk, &st, true, &yr)
		if o.winner != jp {
			t.Fatalf("contest %d: winner %d", i, o.winner)
		}
		if math.Abs(o.profit[jp]-0.11) > 1e-12 || math.Abs(o.price-price) > 1e-12 {
			t.Errorf("contest %d: profit %g price %g, want 0.11 and %g", i, o.profit[jp], o.price, price)
		}
		if (o.conc == jp) != wantConc {
			t.Errorf("contest %d: concessional %v, want %v (budget %g, loan %g)", i, o.conc == jp, wantConc, st.budget[jp], loan)
		}
	}
	if math.Abs(st.budget[jp]-(2-loan)) > 1e-12 {
		t.Errorf("budget left %g, want 2 − %g", st.budget[jp], loan)
	}
}

// A joint bid's profit is split by the Shapley value of the two-player
// game with the competitive profits as stand-alone worths: each partner
// gets its competitive profit plus half the gain.
func TestJointSplit(t *testing.T) {
	m := compiled(t, Values{"coop.enabled": 1, "coop.synergy": 0.2, "host.reserve_cost": 5})
	p := project{region: 0, sector: 0, size: 1}
	p.bids[cn], p.bids[jp] = true, true
	p.cost[cn], p.cost[jp] = 0.8, 1.1
	st := m.yearState(2012)
	st.lambda = m.shadow
	var yr Year
	mk := [nE]float64{0.08, 0.1, 0.1}
	o := m.contest(&p, mk, &st, true, &yr)
	if o.winner != 3 {
		t.Fatalf("winner %d, want the consortium", o.winner)
	}
	cJ := 0.8 * (0.6*0.8 + 0.4*1.1)
	pi := cJ * 0.1
	if math.Abs(o.profit[cn]+o.profit[jp]-pi) > 1e-12 {
		t.Errorf("split %g + %g ≠ joint profit %g", o.profit[cn], o.profit[jp], pi)
	}
	// Competition: China's cheaper offer wins, profit 0.8·0.08.
	gain := (pi - 0.8*0.08) / 2
	if math.Abs(o.profit[cn]-(0.064+gain)) > 1e-12 || math.Abs(o.profit[jp]-gain) > 1e-12 {
		t.Errorf("shares %g, %g; want %g, %g", o.profit[cn], o.profit[jp], 0.064+gain, gain)
	}
	if yr.H2HOrders != 1 || yr.CoopOrders != 1 || math.Abs(yr.Pyrrhic()-0.064/pi) > 1e-12 {
		t.Errorf("Pyrrhic index %g, want %g", yr.Pyrrhic(), 0.064/pi)
	}
}
