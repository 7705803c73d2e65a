package coop_test

import (
	"context"
	"errors"
	"testing"

	"github.com/infragame/infragame/coop"
)

func TestSolve(t *testing.T) {
	// Singletons worth 2 each and a grand coalition worth 3: no imputation
	// exists (2 + 2 > 3), so no nucleolus, and the core is empty.
	g, err := coop.NewGame([]string{"a", "b"}, map[string]float64{"a": 2, "b": 2, "a+b": 3})
	if err != nil {
		t.Fatal(err)
	}
	s, err := coop.Solve(context.Background(), g)
	if err != nil {
		t.Fatal(err)
	}
	if s.Nucleolus != nil || s.NucleolusError == "" || s.Core.NonEmpty {
		t.Errorf("empty imputation set: %+v", s)
	}
	// Shapley value of a two-player game: v(i) + (v(N) − v(a) − v(b))/2 = 1.5 each.
	if s.Shapley[0] != 1.5 || s.Shapley[1] != 1.5 {
		t.Errorf("Shapley %v, want [1.5 1.5]", s.Shapley)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	big := coop.FromFunc([]string{"1", "2", "3", "4", "5", "6", "7", "8"}, func(s uint32) float64 { return float64(s % 7) })
	if _, err := coop.Solve(ctx, big); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

func TestSolveBargain(t *testing.T) {
	// Asymmetric Nash bargaining over a TU surplus: u_i = d_i + a_i·(T − d1 − d2)
	// (Kalai 1977); with T = 10, d = (1, 3) and power 0.8: (1 + 4.8, 3 + 1.2).
	b := &coop.Bargain{Players: [2]string{"a", "b"}, Disagreement: [2]float64{1, 3}, Frontier: coop.TUFrontier(10, [2]float64{1, 3}), Power: 0.8}
	s, err := coop.SolveBargain(b)
	if err != nil {
		t.Fatal(err)
	}
	if d := s.Nash[0] - 5.8; d > 1e-9 || d < -1e-9 || s.Power != 0.8 {
		t.Errorf("%+v", s)
	}
	b.Disagreement = [2]float64{8, 8}
	if _, err := coop.SolveBargain(b); err == nil {
		t.Error("no gain over the disagreement point: want an error")
	}
}
