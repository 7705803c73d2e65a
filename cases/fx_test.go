package cases_test

import (
	"io/fs"
	"math"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/infragame/infragame/cases"
	"github.com/infragame/infragame/dataset"
	"github.com/infragame/infragame/examples"
	"github.com/infragame/infragame/finance/offerfile"
)

// hostCurrency is the currency of each case's host country. A case whose
// country is missing here fails TestCaseFXCovered: add the country, and the
// currency's rates to dataset/data/fx.yaml.
var hostCurrency = map[string]string{
	"Bangladesh":           "BDT",
	"India":                "INR",
	"Indonesia":            "IDR",
	"Malaysia":             "MYR",
	"Montenegro":           "EUR",
	"Myanmar":              "MMK",
	"Nepal":                "NPR",
	"Pakistan":             "PKR",
	"Sri Lanka":            "LKR",
	"Tanzania":             "TZS",
	"Thailand":             "THB",
	"Uganda":               "UGX",
	"United Arab Emirates": "AED",
}

// statedRate is an exchange rate a case's sources convert at, as the source
// states it.
type statedRate struct {
	caseID   string
	currency string
	year     int
	// value in units per US dollar, or US dollars per unit when usdPer.
	value  float64
	usdPer bool
	// decimals the value is stated to: it agrees with the dataset when the
	// dataset's rate rounds to it.
	decimals int
	// reason, when the stated rate does not agree with the dataset's, says
	// why (and must be empty when it agrees, so a change of either shows).
	reason string
}

// statedRates lists every conversion written in a case's sources (grep the
// sources for "/US$", "JPY/USD", "INR/USD", "per euro"). The cases keep the
// rate their source gives; this table records whether the dataset agrees.
var statedRates = []statedRate{
	{"jakarta-bandung-2015", "JPY", 2015, 121.05, false, 2, ""},
	{"mumbai-ahmedabad-2015", "INR", 2015, 64.15, false, 2,
		"the case converts at the World Bank WDI PA.NUS.FCRF 2015 average (64.1519); the dataset records INR in the FRB G.5A series (64.11), 0.06 % lower"},
	{"ecrl-renegotiation-2019", "MYR", 2019, 4.14, false, 2, ""},
	{"eec-hsr-2018", "THB", 2018, 32.31, false, 2,
		"the case's 32.31 is the WDI PA.NUS.FCRF 2018 average (32.3102); the dataset's FRB G.5A 2018 average is 32.3035, 0.02 % lower"},
	{"uganda-sgr-2023", "EUR", 2024, 1.08, true, 2, ""},
}

func fxRecords(t *testing.T) map[string]map[int]*dataset.FX {
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
		idx[x.Currency][x.Year] = x
	}
	return idx
}

// TestCaseFXCovered: every currency a case uses — its host's currency and
// its loan currencies in the case year, its analysis currency in the price
// year, and every currency its sources convert — has a dataset FX record.
func TestCaseFXCovered(t *testing.T) {
	fx := fxRecords(t)
	files, err := cases.All()
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, f := range files {
		ids[f.ID] = true
		need := func(what, cur string, year int) {
			if cur == "" || cur == "USD" {
				return
			}
			if _, ok := fx[cur][year]; !ok {
				t.Errorf("%s: %s: no %s rate for %d in dataset/data/fx.yaml", f.ID, what, cur, year)
			}
		}
		host, ok := hostCurrency[f.Country]
		if !ok {
			t.Errorf("%s: host country %q has no currency in hostCurrency", f.ID, f.Country)
		}
		need("host currency", host, f.Year)
		need("analysis.currency", f.Analysis.Currency, f.Analysis.PriceYear)
		for _, o := range f.Offers {
			if o.Loan != nil {
				need("offers."+o.ID+".loan.currency", o.Loan.Currency, f.Year)
			}
		}
	}
	for _, s := range statedRates {
		if !ids[s.caseID] {
			t.Errorf("statedRates names %s, which is not a case", s.caseID)
		}
		if _, ok := fx[s.currency][s.year]; !ok {
			t.Errorf("%s: converts %s at its %d rate, which the dataset lacks", s.caseID, s.currency, s.year)
		}
	}
}

// TestCaseStatedRatesAgree: a rate a case's sources state agrees with the
// dataset's to the decimals stated, or the table says why not.
func TestCaseStatedRatesAgree(t *testing.T) {
	fx := fxRecords(t)
	for _, s := range statedRates {
		x, ok := fx[s.currency][s.year]
		if !ok {
			continue // reported by TestCaseFXCovered
		}
		d := x.PerUSD
		if s.usdPer {
			d = 1 / x.PerUSD
		}
		scale := math.Pow(10, float64(s.decimals))
		agree := math.Round(d*scale) == math.Round(s.value*scale)
		switch {
		case agree && s.reason != "":
			t.Errorf("%s %s %d: stated %g now agrees with the dataset's %g (%s); drop the reason", s.caseID, s.currency, s.year, s.value, d, x.ID)
		case !agree && s.reason == "":
			t.Errorf("%s %s %d: stated %g, dataset %g (%s): give the reason in statedRates", s.caseID, s.currency, s.year, s.value, d, x.ID)
		}
	}
}

// TestExampleFXCovered: every currency an example offer file uses (host
// currency, costs, loans) has a dataset rate in the file's year, and every
// rate the file's fx block gives agrees with the dataset's; the same for the
// money of the example records (examples/data) and the analysis currency of
// the LCC examples.
func TestExampleFXCovered(t *testing.T) {
	fx := fxRecords(t)
	need := func(file, cur string, year int) {
		if cur == "" || strings.EqualFold(cur, "USD") {
			return
		}
		if _, ok := fx[strings.ToUpper(cur)][year]; !ok {
			t.Errorf("%s: no dataset %s rate for %d", file, cur, year)
		}
	}
	recs, _ := fs.Glob(examples.FS, "data/*.yaml")
	for _, p := range recs {
		data, err := fs.ReadFile(examples.FS, p)
		if err != nil {
			t.Fatal(err)
		}
		set, ps := dataset.ReadYAML(p, data, "")
		if len(ps) != 0 {
			t.Fatalf("%s: %v", p, ps)
		}
		for _, pr := range set.Projects {
			if pr.Value != nil {
				need(p, pr.Value.Currency, pr.Value.Year)
			}
			for _, l := range pr.Loans {
				if l.Amount != nil {
					need(p, l.Amount.Currency, l.Amount.Year)
				}
			}
		}
	}
	studies, _ := fs.Glob(examples.FS, "lcc/*.yaml")
	for _, p := range studies {
		data, err := fs.ReadFile(examples.FS, p)
		if err != nil {
			t.Fatal(err)
		}
		var study struct {
			Analysis struct {
				Currency  string `yaml:"currency"`
				PriceYear int    `yaml:"price_year"`
			} `yaml:"analysis"`
		}
		if err := yaml.Unmarshal(data, &study); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		need(p, study.Analysis.Currency, study.Analysis.PriceYear)
	}
	paths, err := fs.Glob(examples.FS, "finance/*.yaml")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no example offer files: %v", err)
	}
	for _, p := range paths {
		data, err := fs.ReadFile(examples.FS, p)
		if err != nil {
			t.Fatal(err)
		}
		in, err := offerfile.Parse(p, data)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		y := in.Project.Year
		need(p, in.Project.HostCurrency, y)
		for _, o := range in.Offers {
			need(p, o.Cost.Currency, y)
			need(p, o.Loan.Currency, y)
		}
		for _, r := range in.FX.Rates() {
			x, ok := fx[r.Currency][r.Year]
			if !ok {
				t.Errorf("%s: gives %s %d, which the dataset lacks", p, r.Currency, r.Year)
				continue
			}
			if math.Abs(r.PerUSD-x.PerUSD) > 1e-9*x.PerUSD {
				t.Errorf("%s: %s %d = %g, dataset %s = %g", p, r.Currency, r.Year, r.PerUSD, x.ID, x.PerUSD)
			}
		}
	}
}
