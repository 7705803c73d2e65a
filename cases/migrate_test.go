package cases_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/infragame/infragame/cases"
	"github.com/infragame/infragame/internal/pctyaml"
	"github.com/infragame/infragame/lcc"
	"github.com/infragame/infragame/tender"
)

// Every shipped tender, case and study file reads the same in its
// percentage form (as shipped) and in the decimal form of files written
// before the one-unit rule: the parsed file, and so every result computed
// from it, is identical to the last bit, and "migrate" turns the decimal
// form back into the shipped text exactly.
func TestMigrateShippedFiles(t *testing.T) {
	roundTrip := func(t *testing.T, name string, text []byte, fields []pctyaml.Field, sources string) (old, cur []byte) {
		// The test data of lcc and tender stay in the decimal form, so that
		// the package tests read that form too.
		shipped := !strings.Contains(name, "testdata")
		t.Helper()
		cur, _, err := pctyaml.Migrate(name, text, fields, sources)
		if err != nil {
			t.Fatal(err)
		}
		if shipped && string(cur) != string(text) {
			t.Errorf("%s still has decimal rate fields: run \"infragame tender migrate -w\" (or lcc migrate) on it", name)
		}
		old, _, err = pctyaml.Unmigrate(name, cur, fields, sources)
		if err != nil {
			t.Fatal(err)
		}
		again, _, err := pctyaml.Migrate(name, old, fields, sources)
		if err != nil || string(again) != string(cur) {
			t.Fatalf("migrate(unmigrate(%s)) differs from it (%v):\n%s", name, err, again)
		}
		return old, cur
	}

	var allOld, allNew []*tender.File
	for _, n := range cases.Names() {
		t.Run(n, func(t *testing.T) {
			text, err := cases.Raw(n)
			if err != nil {
				t.Fatal(err)
			}
			old, cur := roundTrip(t, n, text, tender.PctFields(), "sources")
			fo, err := tender.ParseFile(old)
			if err != nil {
				t.Fatalf("decimal form: %v", err)
			}
			fn, err := tender.ParseFile(cur)
			if err != nil {
				t.Fatalf("percentage form: %v", err)
			}
			for k, s := range fo.Sources {
				if got, ok := fn.SourceFor(k); !ok || got != s {
					t.Errorf("source of %s: %q, %v", k, got, ok)
				}
			}
			fo.Sources, fn.Sources = nil, nil
			if !sameJSON(t, fo, fn) {
				t.Fatalf("the two forms parse differently:\n%+v\n%+v", fo, fn)
			}
			allOld, allNew = append(allOld, fo), append(allNew, fn)
		})
	}
	ro, err := tender.Backtest(allOld)
	if err != nil {
		t.Fatal(err)
	}
	rn, err := tender.Backtest(allNew)
	if err != nil {
		t.Fatal(err)
	}
	if len(ro) != len(cases.Names()) || !reflect.DeepEqual(ro, rn) {
		t.Fatalf("backtests differ:\n%+v\n%+v", ro, rn)
	}

	tenders, _ := filepath.Glob("../tender/testdata/*.yaml")
	studies, _ := filepath.Glob("../lcc/testdata/*.yaml")
	examples, _ := filepath.Glob("../examples/lcc/*.yaml")
	for _, p := range append(examples, append(tenders, studies...)...) {
		t.Run(p, func(t *testing.T) {
			text, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if f, err := tender.ParseFile(text); err == nil {
				old, cur := roundTrip(t, p, text, tender.PctFields(), "sources")
				fo, err1 := tender.ParseFile(old)
				fn, err2 := tender.ParseFile(cur)
				if err1 != nil || err2 != nil {
					t.Fatal(err1, err2)
				}
				fo.Sources, fn.Sources, f.Sources = nil, nil, nil
				if !sameJSON(t, fo, fn) || !sameJSON(t, fn, f) {
					t.Fatal("the two forms parse differently")
				}
				to, err1 := fo.Tender()
				tn, err2 := fn.Tender()
				if err1 != nil || err2 != nil {
					t.Fatal(err1, err2)
				}
				a, err1 := tender.Evaluate(to)
				b, err2 := tender.Evaluate(tn)
				if err1 != nil || err2 != nil || !reflect.DeepEqual(a, b) {
					t.Fatalf("results differ (%v, %v):\n%+v\n%+v", err1, err2, a, b)
				}
				return
			}
			old, cur := roundTrip(t, p, text, lcc.StudyPctFields(), "")
			so, err1 := lcc.ParseStudy(old)
			sn, err2 := lcc.ParseStudy(cur)
			if err1 != nil || err2 != nil {
				t.Fatal(err1, err2)
			}
			a, err1 := so.Evaluate()
			b, err2 := sn.Evaluate()
			if err1 != nil || err2 != nil || !reflect.DeepEqual(a, b) || !reflect.DeepEqual(so, sn) {
				t.Fatalf("results differ (%v, %v):\n%+v\n%+v", err1, err2, a, b)
			}
		})
	}
}

// sameJSON compares two parsed files by their JSON form, which holds every
// value at full precision but not the YAML positions kept for messages
// (a renamed key moves the column of its value).
func sameJSON(t *testing.T, a, b any) bool {
	t.Helper()
	x, err1 := json.Marshal(a)
	y, err2 := json.Marshal(b)
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	return string(x) == string(y)
}
