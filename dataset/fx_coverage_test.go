package dataset_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/infragame/infragame/dataset"
)

// fxSeries are the series of dataset/data/fx.yaml with the currencies each
// holds (its header says why): a currency is recorded in one series only.
var fxSeries = map[string][]string{
	"FRB G.5A annual average":    {"JPY", "CNY", "EUR", "INR", "THB", "MYR"},
	"World Bank WDI PA.NUS.FCRF": {"IDR", "BDT", "LKR", "PKR", "NPR", "MMK", "TZS", "UGX", "AED"},
}

// fxGaps are the years, from the first recorded year to 2025 (the latest
// full year), that the sources read do not publish; fx.yaml's header lists
// the same gaps with the reason.
var fxGaps = map[string][]int{
	"LKR": {2024, 2025},
	"MMK": {2021, 2022, 2023, 2024, 2025},
	"TZS": {2025},
}

const fxLatestYear = 2025

func fxIndex(t *testing.T) (*dataset.Set, map[string]map[int]*dataset.FX) {
	t.Helper()
	set, err := dataset.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	idx := map[string]map[int]*dataset.FX{}
	for _, x := range set.FX {
		if idx[x.Currency] == nil {
			idx[x.Currency] = map[int]*dataset.FX{}
		}
		if other, dup := idx[x.Currency][x.Year]; dup {
			t.Errorf("%s %d: two records, %s (%s) and %s (%s)", x.Currency, x.Year, other.ID, other.Series, x.ID, x.Series)
		}
		idx[x.Currency][x.Year] = x
	}
	return set, idx
}

// TestFXSeriesAndYears: each currency is in its one series, with a record
// for every year from 2010 (2009 for AED, which a 2009 case needs) to the
// latest full year except the documented gaps, and each record's id names
// its currency and year.
func TestFXSeriesAndYears(t *testing.T) {
	_, idx := fxIndex(t)
	seriesOf := map[string]string{}
	for s, curs := range fxSeries {
		for _, c := range curs {
			seriesOf[c] = s
		}
	}
	for cur, years := range idx {
		want, ok := seriesOf[cur]
		if !ok {
			t.Errorf("%s: not in a documented series (add it to fxSeries and the fx.yaml header)", cur)
			continue
		}
		for y, x := range years {
			if x.Series != want {
				t.Errorf("%s: series %q, want %q (one series per currency)", x.ID, x.Series, want)
			}
			if id := fmt.Sprintf("fx-%s-%d", strings.ToLower(cur), y); x.ID != id {
				t.Errorf("%s: id should be %s", x.ID, id)
			}
			if x.Source == "" {
				t.Errorf("%s: no source", x.ID)
			}
		}
	}
	for cur := range seriesOf {
		first := 2010
		if cur == "AED" {
			first = 2009
		}
		for y := first; y <= fxLatestYear; y++ {
			_, have := idx[cur][y]
			gap := slices.Contains(fxGaps[cur], y)
			switch {
			case !have && !gap:
				t.Errorf("%s %d: no record and not a documented gap", cur, y)
			case have && gap:
				t.Errorf("%s %d: recorded but listed as a gap; drop it from fxGaps and the fx.yaml header", cur, y)
			}
		}
	}
}

// TestFXCoversDatasetMoney: every amount of money in the dataset (project
// values, loan amounts, facts in a currency) has a rate for its currency and
// price year, so it can be put in dollars.
func TestFXCoversDatasetMoney(t *testing.T) {
	set, idx := fxIndex(t)
	need := func(what, cur string, year int) {
		if cur == "" || cur == "USD" {
			return
		}
		if _, ok := idx[cur][year]; !ok {
			t.Errorf("%s: no %s rate for %d", what, cur, year)
		}
	}
	for _, p := range set.Projects {
		if p.Value != nil {
			need(p.ID+" value", p.Value.Currency, p.Value.Year)
		}
		for i, l := range p.Loans {
			if l.Amount != nil {
				need(fmt.Sprintf("%s loans[%d].amount", p.ID, i), l.Amount.Currency, l.Amount.Year)
			}
		}
	}
	for _, f := range set.Facts {
		if !slices.Contains(dataset.Currencies, f.Value.Unit) {
			continue
		}
		y := f.Value.Year
		if y == 0 {
			y = f.Year
		}
		need(f.ID+" value", f.Value.Unit, y)
	}
}
