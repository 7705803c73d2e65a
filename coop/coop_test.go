package coop_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"strings"
	"testing"

	"github.com/infragame/infragame/coop"
	"github.com/infragame/infragame/units"
)

func near(t *testing.T, what string, got, want []float64, tol float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: got %v, want %v", what, got, want)
	}
	for i := range got {
		if math.Abs(got[i]-want[i]) > tol || math.IsNaN(got[i]) {
			t.Errorf("%s[%d] = %.12g, want %.12g", what, i, got[i], want[i])
		}
	}
}

// glove returns the glove game with one left-glove owner and two
// right-glove owners: v(S) = min(#left, #right) pairs.
func glove() *coop.Game {
	g, err := coop.NewGame([]string{"L", "R1", "R2"}, map[string]float64{
		"L": 0, "R1": 0, "R2": 0, "L+R1": 1, "L+R2": 1, "R1+R2": 0, "L+R1+R2": 1,
	})
	if err != nil {
		panic(err)
	}
	return g
}

// Glove game: Shapley value (2/3, 1/6, 1/6); the core is the single point
// (1, 0, 0), which is therefore also the nucleolus (Shapley 1953 as
// worked in Osborne & Rubinstein 1994, Example 260.2 and §14.4; also the
// Wikipedia article "Shapley value", glove game).
func TestGloveGame(t *testing.T) {
	g := glove()
	near(t, "shapley", g.Shapley(), []float64{2.0 / 3, 1.0 / 6, 1.0 / 6}, 1e-12)
	c, err := g.Core()
	if err != nil {
		t.Fatal(err)
	}
	if !c.NonEmpty {
		t.Error("core reported empty")
	}
	near(t, "core allocation", c.Allocation, []float64{1, 0, 0}, 1e-9)
	nu, err := g.Nucleolus()
	if err != nil {
		t.Fatal(err)
	}
	near(t, "nucleolus", nu, []float64{1, 0, 0}, 1e-9)
	// Banzhaf: L is pivotal in {R1}, {R2}, {R1,R2}; each R only in {L}.
	v, idx := g.Banzhaf()
	near(t, "banzhaf", v, []float64{0.75, 0.25, 0.25}, 1e-12)
	near(t, "banzhaf index", idx, []float64{0.6, 0.2, 0.2}, 1e-12)
}

// UN Security Council as the weighted majority game [39; 7×5, 1×10]:
// Shapley–Shubik index 421/2145 for a permanent member and 4/2145 for a
// non-permanent one (Shapley & Shubik 1954). Banzhaf swings: a permanent
// member is decisive in Σ_{k=4}^{10} C(10,k) = 848 coalitions, a
// non-permanent one in C(9,3) = 84, so the normalised index is 848/5080
// and 84/5080 (Felsenthal & Machover 1998, The Measurement of Voting
// Power, §2.3). The veto players make the core non-empty.
func TestSecurityCouncil(t *testing.T) {
	names := make([]string, 15)
	w := make([]float64, 15)
	for i := range w {
		names[i] = fmt.Sprintf("m%d", i)
		w[i] = 1
		if i < 5 {
			w[i] = 7
		}
	}
	g, err := coop.WeightedMajority(names, w, 39)
	if err != nil {
		t.Fatal(err)
	}
	sh := g.Shapley()
	bv, bi := g.Banzhaf()
	for i := range sh {
		wantS, wantB, swings := 4.0/2145, 84.0/5080, 84.0
		if i < 5 {
			wantS, wantB, swings = 421.0/2145, 848.0/5080, 848.0
		}
		near(t, "shapley-shubik "+names[i], sh[i:i+1], []float64{wantS}, 1e-12)
		near(t, "banzhaf index "+names[i], bi[i:i+1], []float64{wantB}, 1e-12)
		near(t, "banzhaf value "+names[i], bv[i:i+1], []float64{swings / 16384}, 1e-12)
	}
	c, err := g.Core()
	if err != nil {
		t.Fatal(err)
	}
	if !c.NonEmpty || !g.InCore(c.Allocation, 1e-9) {
		t.Errorf("core %+v", c)
	}
}

// Airport game (Littlechild & Owen 1973): with runway costs
// c₁ ≤ … ≤ c_n the Shapley value shares each segment equally among the
// players who use it, φ_k = Σ_{j≤k} (c_j − c_{j−1})/(n − j + 1).
func TestAirportGame(t *testing.T) {
	costs := []float64{1, 3, 6, 10}
	g, err := coop.Airport([]string{"a", "b", "c", "d"}, costs)
	if err != nil {
		t.Fatal(err)
	}
	n := len(costs)
	want := make([]float64, n)
	prev, acc := 0.0, 0.0
	for k := 0; k < n; k++ {
		acc += (costs[k] - prev) / float64(n-k)
		prev = costs[k]
		want[k] = acc
	}
	near(t, "shapley", g.Shapley(), want, 1e-12)
	c, err := g.Core()
	if err != nil {
		t.Fatal(err)
	}
	if !c.NonEmpty || !g.InCore(c.Allocation, 1e-9) {
		t.Errorf("core %+v", c)
	}
	// The Shapley value of an airport game is in the core (it is a concave
	// cost game).
	if !g.InCore(g.Shapley(), 1e-9) {
		t.Error("Shapley value outside the core")
	}
	nu, err := g.Nucleolus()
	if err != nil {
		t.Fatal(err)
	}
	if !g.InCore(nu, 1e-9) {
		t.Errorf("nucleolus %v outside the core", nu)
	}
	checkLexMin(t, g, nu)
}

// Bankruptcy games: estate E, claims d; v(S) = max(0, E − Σ_{i∉S} d_i).
// Their nucleolus is the Talmud rule (Aumann & Maschler 1985, Theorem A);
// the Talmud's estate division for claims 100, 200, 300 gives
// (33⅓, 33⅓, 33⅓), (50, 75, 75) and (50, 100, 150) for estates 100, 200,
// 300 (Mishnah Ketubot 93a, as tabulated by Aumann & Maschler 1985).
func TestBankruptcyNucleolus(t *testing.T) {
	d := []float64{100, 200, 300}
	for _, c := range []struct {
		estate float64
		want   []float64
	}{
		{100, []float64{100.0 / 3, 100.0 / 3, 100.0 / 3}},
		{200, []float64{50, 75, 75}},
		{300, []float64{50, 100, 150}},
	} {
		g := coop.FromFunc([]string{"a", "b", "c"}, func(s uint32) float64 {
			out := 0.0
			for i := range d {
				if s&(1<<i) == 0 {
					out += d[i]
				}
			}
			return math.Max(0, c.estate-out)
		})
		nu, err := g.Nucleolus()
		if err != nil {
			t.Fatal(err)
		}
		near(t, fmt.Sprintf("nucleolus E=%g", c.estate), nu, c.want, 1e-7)
		checkLexMin(t, g, nu)
	}
}

// checkLexMin checks the defining property of the nucleolus on
// imputations: no nearby imputation has a lexicographically smaller
// vector of excesses v(S) − x(S) sorted in decreasing order.
func checkLexMin(t *testing.T, g *coop.Game, x []float64) {
	t.Helper()
	n := g.N()
	sign := 1.0
	if g.Cost {
		sign = -1
	}
	ex := func(y []float64) []float64 {
		var e []float64
		for s := uint32(1); s < g.Grand(); s++ {
			sum := 0.0
			for i := 0; i < n; i++ {
				if s&(1<<i) != 0 {
					sum += y[i]
				}
			}
			e = append(e, sign*(g.V[s]-sum))
		}
		sort.Sort(sort.Reverse(sort.Float64Slice(e)))
		return e
	}
	base := ex(x)
	rng := rand.New(rand.NewPCG(1, 0))
	for trial := 0; trial < 200; trial++ {
		d := make([]float64, n)
		m := 0.0
		for i := range d {
			d[i] = rng.NormFloat64()
			m += d[i]
		}
		y := make([]float64, n)
		ok := true
		for i := range d {
			y[i] = x[i] + 1e-3*(d[i]-m/float64(n))
			if sign*y[i] < sign*g.V[1<<i]-1e-12 {
				ok = false // not an imputation
			}
		}
		if !ok {
			continue
		}
		e := ex(y)
		for k := range e {
			if e[k] < base[k]-1e-9 {
				t.Fatalf("allocation %v has smaller excesses than the nucleolus %v", y, x)
			}
			if e[k] > base[k]+1e-9 {
				break
			}
		}
	}
}

// A game with an empty core: the three-player majority game v(S) = 1 for
// |S| ≥ 2. Its least-core value is −1/3, attained at (1/3, 1/3, 1/3),
// which is also the nucleolus and the Shapley value by symmetry.
func TestEmptyCore(t *testing.T) {
	g, err := coop.WeightedMajority([]string{"a", "b", "c"}, []float64{1, 1, 1}, 2)
	if err != nil {
		t.Fatal(err)
	}
	c, err := g.Core()
	if err != nil {
		t.Fatal(err)
	}
	if c.NonEmpty {
		t.Error("core reported non-empty")
	}
	if math.Abs(c.LeastCore+1.0/3) > 1e-9 {
		t.Errorf("least core %g, want −1/3", c.LeastCore)
	}
	nu, err := g.Nucleolus()
	if err != nil {
		t.Fatal(err)
	}
	near(t, "nucleolus", nu, []float64{1.0 / 3, 1.0 / 3, 1.0 / 3}, 1e-9)
}

func TestMissingCoalition(t *testing.T) {
	_, err := coop.NewGame([]string{"a", "b"}, map[string]float64{"a": 0, "a+b": 1})
	if !errors.Is(err, coop.ErrMissingCoalition) || !strings.Contains(err.Error(), "{b}") {
		t.Errorf("error %v", err)
	}
	_, err = coop.NewGame([]string{"a", "b"}, map[string]float64{"a": 0, "b": 0, "a+c": 1})
	if err == nil || !strings.Contains(err.Error(), `unknown player "c"`) {
		t.Errorf("error %v", err)
	}
}

// Nash (1950): with transferable utility the symmetric solution splits
// the surplus over the disagreement point equally; the asymmetric one
// (Kalai 1977) gives player 1 the share a of it. Kalai–Smorodinsky
// coincides on a symmetric problem; on the frontier through (0, 2),
// (1, 1.5), (2, 0) with d = 0 the ideal point is (2, 2) and the solution
// lies on u1 = u2 in the second segment: u = 1.5 − 1.5(u − 1) gives u = 1.2.
func TestBargaining(t *testing.T) {
	d := [2]float64{1, 3}
	f := coop.TUFrontier(10, d)
	nb, err := coop.NashBargaining(f, d, 0)
	if err != nil {
		t.Fatal(err)
	}
	near(t, "nash", nb[:], []float64{4, 6}, 1e-12)
	nb, _ = coop.NashBargaining(f, d, 0.7)
	near(t, "asymmetric nash", nb[:], []float64{1 + 0.7*6, 3 + 0.3*6}, 1e-12)
	ks, err := coop.KalaiSmorodinsky(f, d)
	if err != nil {
		t.Fatal(err)
	}
	near(t, "kalai-smorodinsky TU", ks[:], []float64{4, 6}, 1e-12)
	g := coop.Frontier{U1: []float64{0, 1, 2}, U2: []float64{2, 1.5, 0}}
	ks, err = coop.KalaiSmorodinsky(g, [2]float64{})
	if err != nil {
		t.Fatal(err)
	}
	near(t, "kalai-smorodinsky", ks[:], []float64{1.2, 1.2}, 1e-12)
	// Nash on that frontier: segment 1 (u2 = 2 − u1/2) peaks at its end,
	// segment 2 (u2 = 3 − 1.5u1) at u1 = 1, so the solution is (1, 1.5).
	nb, _ = coop.NashBargaining(g, [2]float64{}, 0)
	near(t, "nash", nb[:], []float64{1, 1.5}, 1e-12)
	if _, err := coop.NashBargaining(f, [2]float64{9, 9}, 0); err == nil {
		t.Error("no error for a disagreement point beyond the frontier")
	}
	bad := coop.Frontier{U1: []float64{0, 1, 2}, U2: []float64{2, 0.5, 0}}
	if err := bad.Validate(); err == nil || !strings.Contains(err.Error(), "concave") {
		t.Errorf("convexity not detected: %v", err)
	}
}

func TestParseSpec(t *testing.T) {
	sp, err := coop.ParseSpec("g.yaml", []byte("players: [L, R1, R2]\nvalues: {L: 0, R1: 0, R2: 0, L+R1: 1, L+R2: 1, R1+R2: 0, L+R1+R2: 1}\n"))
	if err != nil {
		t.Fatal(err)
	}
	near(t, "shapley", sp.Game.Shapley(), []float64{2.0 / 3, 1.0 / 6, 1.0 / 6}, 1e-12)
	_, err = coop.ParseSpec("g.yaml", []byte("players: [a, b, c]\nvalues:\n  a: 0\n  b: 0\n  a+b+c: 1\n"))
	if err == nil || !strings.Contains(err.Error(), "g.yaml:3:3: values") || !strings.Contains(err.Error(), "missing coalition {a, b}") {
		t.Errorf("error %v", err)
	}
	_, err = coop.ParseSpec("g.yaml", []byte("players: [a, b]\ndisagreement: [1, 2]\nfrontier: [[0, 3], [1, 2.9], [3, 0]]\npower: 2\n"))
	if err == nil || !strings.Contains(err.Error(), "g.yaml:4") || !strings.Contains(err.Error(), "power") {
		t.Errorf("error %v", err)
	}
	sp, err = coop.ParseSpec("g.yaml", []byte("players: [a, b]\nvalues: {a: 1, b: 3, a+b: 10}\n"))
	if err != nil || sp.Bargain == nil || sp.Bargain.Disagreement != [2]float64{1, 3} {
		t.Fatalf("two-player game as bargaining: %+v %v", sp, err)
	}
}

// Bargaining power is a percentage (power_pct), as every share in the
// files; the fraction under power is still read, to the same float64.
func TestBargainPowerPct(t *testing.T) {
	const head = "players: [a, b]\ndisagreement: [1, 3]\ntotal: 10\n"
	pct, err := coop.ParseSpec("b.yaml", []byte(head+"power_pct: 80\n"))
	if err != nil {
		t.Fatal(err)
	}
	frac, err := coop.ParseSpec("b.yaml", []byte(head+"power: 0.8\n"))
	if err != nil {
		t.Fatal(err)
	}
	if pct.Bargain.Power != frac.Bargain.Power || pct.Bargain.Power != 0.8 {
		t.Errorf("power_pct 80 gives %v, power 0.8 gives %v", pct.Bargain.Power, frac.Bargain.Power)
	}
	s, err := coop.SolveBargain(pct.Bargain)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(s)
	// T = 10, d = (1, 3), power 0.8: Nash (1 + 0.8·6, 3 + 0.2·6) (Kalai 1977).
	if !strings.Contains(string(b), `"power_pct":80,`) || strings.Contains(string(b), `"power":`) {
		t.Errorf("JSON %s: want power_pct 80 and no fraction", b)
	}
	near(t, "nash", s.Nash[:], []float64{5.8, 4.2}, 1e-9)
	for _, c := range []struct{ name, yaml, want string }{
		// 0.8 in a percent field is 0.8 %: the user meant 80 (units.Check, share below 1 %).
		{"wrong scale", head + "power_pct: 0.8\n", "b.yaml:4:12: power_pct: 0.8 read as 0.8 % is unusual for a share"},
		{"both", head + "power_pct: 80\npower: 0.8\n", "b.yaml:4:12: power_pct: give power_pct (a percentage) or power (a decimal fraction), not both"},
		{"range", head + "power_pct: 100\n", "must be a percentage in (0, 100), got 100"},
	} {
		if _, err := coop.ParseSpec("b.yaml", []byte(c.yaml)); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want %q", c.name, err, c.want)
		}
	}
	if _, err := coop.ParseSpec("b.yaml", []byte(head+"power_pct: 0.8\n")); !strings.Contains(fmt.Sprint(err), "did you mean 80?") {
		t.Errorf("wrong-scale error %v does not suggest 80", err)
	}
	if sp, err := coop.ParseSpec("b.yaml", []byte(head+"power_pct: 0.8\n"), units.Options{AllowUnusual: true}); err != nil || sp.Bargain.Power != 0.008 {
		t.Errorf("--allow-unusual: %v, %v", sp, err)
	}
}

func FuzzParseSpec(f *testing.F) {
	f.Add([]byte("players: [L, R1, R2]\nvalues: {L: 0, R1: 0, R2: 0, L+R1: 1, L+R2: 1, R1+R2: 0, L+R1+R2: 1}\n"))
	f.Add([]byte("players: [a, b, c]\nweighted_majority: {quota: 2, weights: [1, 1, 1]}\n"))
	f.Add([]byte("players: [a, b, c]\nairport: {costs: [1, 3, 6]}\n"))
	f.Add([]byte("players: [a, b]\ndisagreement: [1, 2]\nfrontier: [[0, 3], [1, 2.5], [3, 0]]\npower: 0.4\n"))
	f.Add([]byte("players: [a]\nvalues: {a: 1}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		sp, err := coop.ParseSpec("fuzz.yaml", data)
		if err != nil {
			return
		}
		if sp.Game != nil {
			if err := sp.Game.Validate(); err != nil {
				t.Fatalf("accepted an invalid game: %v", err)
			}
			if sp.Game.N() <= 6 {
				sum := 0.0
				for _, x := range sp.Game.Shapley() {
					sum += x
				}
				if w := sp.Game.V[sp.Game.Grand()]; math.Abs(sum-w) > 1e-6*math.Max(1, math.Abs(w)) {
					t.Fatalf("Shapley value sums to %g, v(N) = %g", sum, w)
				}
			}
		}
		if sp.Bargain != nil {
			if err := sp.Bargain.Frontier.Validate(); err != nil {
				t.Fatalf("accepted an invalid frontier: %v", err)
			}
		}
	})
}

func BenchmarkShapley15(b *testing.B) {
	names := make([]string, 15)
	w := make([]float64, 15)
	for i := range w {
		names[i] = fmt.Sprintf("m%d", i)
		w[i] = 1
		if i < 5 {
			w[i] = 7
		}
	}
	g, _ := coop.WeightedMajority(names, w, 39)
	b.ResetTimer()
	for b.Loop() {
		g.Shapley()
	}
}

func BenchmarkNucleolusBankruptcy(b *testing.B) {
	d := []float64{100, 200, 300, 150, 250}
	g := coop.FromFunc([]string{"a", "b", "c", "d", "e"}, func(s uint32) float64 {
		out := 0.0
		for i := range d {
			if s&(1<<i) == 0 {
				out += d[i]
			}
		}
		return math.Max(0, 500-out)
	})
	for b.Loop() {
		if _, err := g.Nucleolus(); err != nil {
			b.Fatal(err)
		}
	}
}
