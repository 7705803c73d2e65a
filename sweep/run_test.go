package sweep

import (
	"context"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
)

// failAt is a model whose evaluation fails at one point.
type failAt struct{ id int }

func (failAt) Outputs() []string { return []string{"y"} }
func (f failAt) Bind([]string) (Evaluator, error) {
	return EvalFunc(func(x []float64, _ rand.Source, y []float64) error {
		if x[0] == float64(f.id) {
			return errors.New("boom")
		}
		y[0] = x[0]
		return nil
	}), nil
}

// failWriter fails at its n-th row and records the points it saw.
type failWriter struct {
	n   int
	ids []int
}

func (w *failWriter) WriteRow(r *Row) error {
	if len(w.ids) == w.n {
		return errors.New("disk full")
	}
	w.ids = append(w.ids, r.PointID)
	return nil
}

// Rows are written in order while the next window is evaluated: a
// model error stops the run with the point's name and only rows of points
// before it written, a writer error stops it with the writer's error, and
// neither leaves the rows out of order. The grid of 5,000 points (x = the
// point's value 0…4999) spans several windows, however fast they are.
func TestRunStopsAtTheFirstError(t *testing.T) {
	s := &Spec{Model: ModelSpec{Kind: "test"}, Seed: 1, Design: DesignSpec{Kind: Grid},
		Params: []ParamSpec{{Name: "x", Levels: 5000, Range: []float64{0, 4999}}}}
	p, err := NewPlan(s)
	if err != nil {
		t.Fatal(err)
	}
	for _, workers := range []int{1, 2, 3} {
		w := &failWriter{n: -1}
		err := Run(context.Background(), p, failAt{id: 3210}, RunOptions{Workers: workers}, w)
		if err == nil || !strings.Contains(err.Error(), "point 3210 run 0: boom") {
			t.Errorf("%d workers: model error %v", workers, err)
		}
		for i, id := range w.ids {
			if id != i || id >= 3210 {
				t.Fatalf("%d workers: row %d is point %d", workers, i, id)
			}
		}
		w = &failWriter{n: 1234}
		err = Run(context.Background(), p, failAt{id: -1}, RunOptions{Workers: workers}, w)
		if err == nil || err.Error() != "disk full" || len(w.ids) != 1234 {
			t.Errorf("%d workers: writer error %v after %d rows", workers, err, len(w.ids))
		}
		for i, id := range w.ids {
			if id != i {
				t.Fatalf("%d workers: row %d is point %d", workers, i, id)
			}
		}
	}
}
