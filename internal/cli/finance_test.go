package cli

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/infragame/infragame/finance/financedoc"
)

func run(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	// --db :memory: keeps tests away from the user's database; the
	// embedded dataset (with its FX records) is still there.
	args = append([]string{"--db", ":memory:"}, args...)
	code = Main(context.Background(), args, strings.NewReader(""), &out, &errb)
	return out.String(), errb.String(), code
}

// The issue's own command: AidData record 54912, published 54.7023.
func TestFinanceGEAidData(t *testing.T) {
	out, errs, code := run(t, "finance", "ge", "--rate", "2", "--maturity", "21.75", "--grace", "5",
		"--discount", "10", "--method", "aiddata", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var doc struct {
		Method          string  `json:"method"`
		GrantElementPct float64 `json:"grant_element_pct"`
		RatePct         float64 `json:"rate_pct"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if doc.Method != "aiddata" || doc.RatePct != 2 || math.Abs(doc.GrantElementPct-54.7023) > 0.00005 {
		t.Errorf("got %+v, want aiddata 54.7023 (AidData record 54912)", doc)
	}
	// Every method at once, as an array.
	out, errs, code = run(t, "finance", "ge", "--rate", "0.1", "--maturity", "40", "--grace", "10",
		"--method", "all", "--income-group", "lmic", "--discount", "8", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var all []map[string]any
	if err := json.Unmarshal([]byte(out), &all); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, d := range all {
		names = append(names, d["method"].(string))
	}
	if got := strings.Join(names, ","); got != "imf,dac1972,dac2018,aiddata,user" {
		t.Errorf("methods %s", got)
	}
}

func TestFinanceBadInput(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"finance", "ge", "--rate", "-1", "--maturity", "20"}, "--rate: negative: -1 %"},
		{[]string{"finance", "ge", "--rate", "NaN", "--maturity", "20"}, `"NaN" is not a percentage`},
		{[]string{"finance", "ge", "--rate", "0.02", "--maturity", "20"}, "did you mean 2?"},
		{[]string{"finance", "ge", "--rate", "2%", "--maturity", "20", "--method", "aiddata", "--discount", "0.1"}, "--discount: 0.1 read as 0.1 %"},
		{[]string{"finance", "ge", "--rate", "2", "--maturity", "20", "--grace", "20"}, "--grace: grace period must be shorter than maturity"},
		{[]string{"finance", "ge", "--rate", "2", "--maturity", "20", "--payments-per-year", "3"}, "--payments-per-year: payments per year must be 1, 2, 4 or 12"},
		{[]string{"finance", "ge", "--rate", "2", "--maturity", "20", "--method", "oecd"}, `--method: finance: unknown grant-element method "oecd"`},
		{[]string{"finance", "ge", "--rate", "2", "--maturity", "20", "--method", "dac2018"}, "--income-group"},
		{[]string{"finance", "ge", "--rate", "2", "--maturity", "20", "--method", "user"}, "--discount"},
		{[]string{"finance", "schedule", "--rate", "2", "--maturity", "20", "--currency", "YEN"}, "--currency: finance: unknown currency"},
		{[]string{"finance", "schedule", "--rate", "2", "--maturity", "21.75"}, "--maturity: not a whole number of payment periods"},
		{[]string{"finance", "ge", "--rate", "2"}, "--maturity is required"},
		{[]string{"finance", "surface", "--rates", "5:1:1"}, "--rates"},
	}
	for _, c := range cases {
		_, errs, code := run(t, c.args...)
		if code != 2 || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 mentioning %q", c.args, code, errs, c.want)
		}
	}
}

func TestFinanceSchedule(t *testing.T) {
	out, errs, code := run(t, "finance", "schedule", "--principal", "1000", "--rate", "4", "--maturity", "3", "--grace", "1",
		"--payments-per-year", "1", "--discount", "10", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var doc struct {
		Rows []struct {
			Interest, Principal, Outstanding float64
		} `json:"rows"`
		Totals struct{ Principal, Disbursed, Interest float64 } `json:"totals"`
		PV     struct {
			GrantElementPct float64 `json:"grant_element_pct"`
		} `json:"pv"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Rows) != 4 || doc.Totals.Principal != 1000 || doc.Totals.Disbursed != 1000 || doc.Totals.Interest != 100 {
		t.Errorf("schedule %+v", doc)
	}
	// 1 - (40/1.1 + 540/1.21 + 520/1.331) / 1000, by hand.
	want := 100 * (1 - (40/1.1+540/1.21+520/1.331)/1000)
	if math.Abs(doc.PV.GrantElementPct-want) > 1e-9 {
		t.Errorf("GE %v, want %v", doc.PV.GrantElementPct, want)
	}
	out, _, code = run(t, "finance", "schedule", "--principal", "100", "--reference-path", "0.537", "--spread", "1.4",
		"--maturity", "35", "--grace", "5", "--front-end-fee", "0.25", "--commitment-fee", "0.25", "--disbursement", "40,30,30", "--format", "csv")
	if code != 0 {
		t.Fatal(out)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(recs) != 1+71 || recs[0][0] != "period" {
		t.Errorf("csv: %d records, %v", len(recs), err)
	}
}

func TestFinanceCompareExample(t *testing.T) {
	file := filepath.Join("..", "..", "examples", "finance", "jakarta-bandung.yaml")
	out, errs, code := run(t, "finance", "compare", file, "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var doc financedoc.Comparison
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Offers) != 3 || doc.Offers[0].Name != "japan" || doc.Offers[1].Name != "china" {
		t.Fatalf("offers %+v", doc.Offers)
	}
	jp, cn := doc.Offers[0], doc.Offers[1]
	// ¥700 bn at 121.0491 yen per dollar (Fed G.5A, 2015).
	if math.Abs(jp.Cost-700e9/121.0491) > 1 {
		t.Errorf("japan cost %v", jp.Cost)
	}
	if jp.GuaranteeValue <= 0 || cn.GuaranteeValue != 0 {
		t.Errorf("guarantee values %v %v", jp.GuaranteeValue, cn.GuaranteeValue)
	}
	if len(jp.FXDrift) != 2 || jp.FXDrift[0].Change <= 0 || cn.FXDrift[0].Change != 0 {
		t.Errorf("fx drift %+v %+v", jp.FXDrift, cn.FXDrift)
	}
	if be := doc.BreakEven[0]; !be.Found || be.Unit != "pct" || !(be.Value > 0 && be.Value < 2) {
		t.Errorf("break-even %+v", be)
	}
	// Text output names the tables.
	out, _, _ = run(t, "finance", "compare", file)
	for _, s := range []string{"what each offer costs the host", "Grant element", "Break-even"} {
		if !strings.Contains(out, s) {
			t.Errorf("table output lacks %q", s)
		}
	}
	// A user FX file overrides the file's rates.
	dir := t.TempDir()
	fx := filepath.Join(dir, "fx.csv")
	if err := os.WriteFile(fx, []byte("currency,year,per_usd\nJPY,2015,100\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	out, errs, code = run(t, "finance", "compare", file, "--fx", fx, "--format", "json")
	if code != 0 {
		t.Fatal(errs)
	}
	_ = json.Unmarshal([]byte(out), &doc)
	if math.Abs(doc.Offers[0].Cost-7e9) > 1e-3 {
		t.Errorf("with --fx, japan cost %v, want 7e9", doc.Offers[0].Cost)
	}
}

func TestFinanceCompareErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	data, _ := os.ReadFile(filepath.Join("..", "..", "examples", "finance", "jakarta-bandung.yaml"))
	doc := strings.Replace(string(data), "rate_pct: 2\n", "rate_pct: -2\n", 1)
	if err := os.WriteFile(bad, []byte(doc), 0o600); err != nil {
		t.Fatal(err)
	}
	_, errs, code := run(t, "finance", "compare", bad)
	if code != 1 || !strings.Contains(errs, "bad.yaml:") || !strings.Contains(errs, "offers[1].loan.rate_pct: negative") {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
	// A currency with no rate (the dataset has none for GBP): the error names
	// the missing rate, never 1.0.
	noFX := strings.Replace(string(data), "cost: {value: 700e9, currency: JPY}", "cost: {value: 700e9, currency: GBP}", 1)
	if err := os.WriteFile(bad, []byte(noFX), 0o600); err != nil {
		t.Fatal(err)
	}
	_, errs, code = run(t, "finance", "compare", bad)
	if code != 1 || !strings.Contains(errs, "bad.yaml:37:11: offers[0].cost: finance: no exchange rate for GBP in 2015") {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
}

func TestFinanceSurface(t *testing.T) {
	svg := filepath.Join(t.TempDir(), "ge.svg")
	out, errs, code := run(t, "finance", "surface", "--method", "imf", "--rates", "0:2:1", "--axis", "grace",
		"--y", "0,5,40", "--maturity", "40", "--svg", svg, "--format", "csv")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(recs) != 1+9 {
		t.Fatalf("%d records, %v", len(recs), err)
	}
	if recs[0][1] != "grace_years" || recs[9][2] != "" {
		t.Errorf("header %v, invalid cell %v", recs[0], recs[9])
	}
	b, err := os.ReadFile(svg)
	if err != nil || !bytes.Contains(b, []byte("<svg")) {
		t.Errorf("svg: %v", err)
	}
	out, _, code = run(t, "finance", "surface", "--method", "aiddata", "--rates", "2", "--axis", "maturity", "--y", "21.75", "--grace", "5", "--format", "json")
	if code != 0 || !strings.Contains(out, `"grant_element_pct": 54.7022`) {
		t.Errorf("aiddata surface cell: %s", out)
	}
}

func TestFinanceFX(t *testing.T) {
	fx := filepath.Join(t.TempDir(), "fx.csv")
	// Federal Reserve G.5A annual averages, 2015 and 2016.
	if err := os.WriteFile(fx, []byte("JPY,2015,121.0491\nJPY,2016,108.6569\nCNY,2015,6.2827\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	out, errs, code := run(t, "finance", "fx", "--fx", fx, "--format", "csv")
	// the dataset's 235 rates (dataset/data/fx.yaml: G.5A JPY, CNY, EUR, INR,
	// THB, MYR 2010–2025 and JPY 1974, 2007; WDI IDR, BDT, PKR, NPR, UGX
	// 2010–2025, LKR 2010–2023, MMK 2010–2020, TZS 2010–2024, AED 2009–2025),
	// the file's agreeing with them
	if code != 0 || !strings.Contains(out, "CNY,2015,6.2827") || !strings.Contains(out, "INR,2015,64.11") || !strings.Contains(out, "IDR,2015,13389.4129365079") || strings.Count(out, "\n") != 1+235 {
		t.Errorf("exit %d %s: %q", code, errs, out)
	}
	// each rate names its origin: the file's rate overrides the record's
	if !strings.Contains(out, "JPY,2015,121.0491,--fx "+fx+",\n") || !strings.Contains(out, "JPY,2014,105.7398,FRB G.5A annual average,fx-jpy-2014\n") ||
		!strings.Contains(out, "IDR,2015,13389.4129365079,World Bank WDI PA.NUS.FCRF,fx-idr-2015\n") {
		t.Errorf("series and record columns: %q", out)
	}
	out, _, code = run(t, "finance", "fx", "--fx", fx, "--amount", "700e9", "--from", "JPY", "--to", "CNY", "--year", "2015", "--format", "json")
	var v struct{ Value float64 }
	if code != 0 || json.Unmarshal([]byte(out), &v) != nil || math.Abs(v.Value-700e9/121.0491*6.2827) > 1e-3 {
		t.Errorf("convert: %s", out)
	}
	_, errs, code = run(t, "finance", "fx", "--fx", fx, "--amount", "1", "--from", "JPY", "--year", "2009")
	if code != 1 || !strings.Contains(errs, "no exchange rate for JPY in 2009") {
		t.Errorf("missing rate: exit %d %q", code, errs)
	}
}
