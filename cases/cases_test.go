package cases_test

import (
	"fmt"
	"reflect"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/infragame/infragame/cases"
	"github.com/infragame/infragame/dataset"
	"github.com/infragame/infragame/tender"
)

func TestAllCasesParse(t *testing.T) {
	fs, err := cases.All()
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) < 5 {
		t.Fatalf("%d cases, want ≥ 5", len(fs))
	}
	for _, f := range fs {
		if f.Observables == nil || f.Outcome == nil || f.Host != nil {
			t.Errorf("%s: a case has observables and an outcome and no host", f.ID)
		}
	}
}

// Every number in offers, observables and analysis has a source: the
// sources map names its path or a prefix of it.
func TestEveryNumberSourced(t *testing.T) {
	fs, _ := cases.All()
	for i, name := range cases.Names() {
		b, _ := cases.Raw(name)
		var doc map[string]any
		if err := yaml.Unmarshal(b, &doc); err != nil {
			t.Fatal(err)
		}
		f := fs[i]
		var walk func(path string, v any)
		walk = func(path string, v any) {
			switch x := v.(type) {
			case map[string]any:
				for k, c := range x {
					walk(path+"."+k, c)
				}
			case []any:
				for _, c := range x {
					if m, ok := c.(map[string]any); ok && m["id"] != nil {
						walk(fmt.Sprintf("%s.%v", path, m["id"]), c)
					} else if ok && m["offer"] != nil {
						walk(fmt.Sprintf("%s.%v", path, m["offer"]), c)
					} else {
						walk(path, c)
					}
				}
			case uint64, int64, float64, int, bool:
				if _, ok := f.SourceFor(path[1:]); !ok {
					t.Errorf("%s: %s = %v has no source", name, path[1:], v)
				}
			}
		}
		for _, sec := range []string{"analysis", "observables", "offers", "contest"} {
			walk("", map[string]any{sec: doc[sec]})
		}
	}
}

// The backtest never reads the outcome: changing every case's outcome
// leaves the predictions unchanged.
func TestBacktestIgnoresOutcome(t *testing.T) {
	fs, _ := cases.All()
	rows, err := tender.Backtest(fs)
	if err != nil {
		t.Fatal(err)
	}
	fs2, _ := cases.All()
	for _, f := range fs2 {
		f.Outcome.Winner = f.Offers[len(f.Offers)-1].ID
	}
	rows2, err := tender.Backtest(fs2)
	if err != nil {
		t.Fatal(err)
	}
	for i := range rows {
		if rows[i].Predicted != rows2[i].Predicted || !reflect.DeepEqual(rows[i].Host, rows2[i].Host) {
			t.Errorf("%s: prediction depends on the outcome", rows[i].Case)
		}
	}
}

// The fiscal-space term decides Jakarta–Bandung: with λ = 0 the cheaper
// Japanese loan wins. This pins down what the backtest rests on.
func TestAblationFiscalSpaceDecidesJakarta(t *testing.T) {
	fs, _ := cases.All()
	pick := func(rows []tender.BacktestRow) tender.BacktestRow {
		for _, r := range rows {
			if r.Case == "jakarta-bandung-2015" {
				return r
			}
		}
		t.Fatal("no jakarta-bandung-2015 case")
		return tender.BacktestRow{}
	}
	rows, _ := tender.Backtest(fs)
	rule := tender.DefaultRule
	rule.DebtBenchmark = 0
	abl, err := tender.BacktestWith(rule, fs)
	if err != nil {
		t.Fatal(err)
	}
	if got := pick(rows).Predicted; got != "china" {
		t.Errorf("rule predicts %s", got)
	}
	if got := pick(abl).Predicted; got != "japan" {
		t.Errorf("λ = 0 predicts %s", got)
	}
}

// TestProjectsAreDatasetProjects checks that every case's projects: names
// a project record of the embedded dataset, and that the cases the seed
// paper reports (Jakarta–Bandung, Mumbai–Ahmedabad, Thailand, Bangladesh)
// name theirs.
func TestProjectsAreDatasetProjects(t *testing.T) {
	set, err := dataset.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	fs, err := cases.All()
	if err != nil {
		t.Fatal(err)
	}
	linked := map[string]bool{}
	for _, f := range fs {
		for _, id := range f.Projects {
			r, ok := set.Get(id)
			if _, isProject := r.(*dataset.Project); !ok || !isProject {
				t.Errorf("%s: projects: %q is not a dataset project", f.ID, id)
			}
		}
		linked[f.ID] = len(f.Projects) > 0
	}
	for _, id := range []string{"jakarta-bandung-2015", "mumbai-ahmedabad-2015", "bangkok-chiang-mai-2017", "china-thailand-2016", "matarbari-sonadia-2015"} {
		if !linked[id] {
			t.Errorf("%s names no dataset project", id)
		}
	}
}
