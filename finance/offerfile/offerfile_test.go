package offerfile_test

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/infragame/infragame/finance"
	"github.com/infragame/infragame/finance/offerfile"
)

const minimal = `project:
  name: test
  host_currency: USD
  host_discount_pct: 10
  income_group: lmic
  year: 2015
fx:
  - {currency: JPY, year: 2015, per_usd: 121.0491}
offers:
  - name: a
    cost: {value: 700e9, currency: JPY}
    loan:
      currency: JPY
      share_financed_pct: 75
      rate_pct: 0.1
      maturity_years: 40
      grace_years: 10
      payments_per_year: 2
  - name: b
    cost: {value: 5.5e9, currency: USD}
    loan:
      currency: USD
      share_financed_pct: 75
      rate_pct: 2
      maturity_years: 40
      grace_years: 10
      payments_per_year: 2
`

func TestParseMinimal(t *testing.T) {
	in, err := offerfile.Parse("m.yaml", []byte(minimal))
	if err != nil {
		t.Fatal(err)
	}
	if got := in.Offers[0].Loan.Rate; got != 0.001 {
		t.Errorf("rate = %v, want 0.001 (0.1 %%)", got)
	}
	if in.Project.HostDiscount != 0.10 || in.Project.IncomeGroup != finance.LMIC {
		t.Errorf("project = %+v", in.Project)
	}
	if r, err := in.FX.PerUSD("JPY", 2015); err != nil || r != 121.0491 {
		t.Errorf("fx = %v, %v", r, err)
	}
	if _, err := finance.Compare(*in); err != nil {
		t.Errorf("Compare: %v", err)
	}
}

func TestParseExample(t *testing.T) {
	data, err := os.ReadFile("../../examples/finance/jakarta-bandung.yaml")
	if err != nil {
		t.Fatal(err)
	}
	in, err := offerfile.Parse("jakarta-bandung.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	res, err := finance.Compare(*in)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Offers) != 3 || len(res.BreakEvens) != 4 {
		t.Fatalf("%d offers, %d break-evens", len(res.Offers), len(res.BreakEvens))
	}
}

func TestParseErrors(t *testing.T) {
	cases := []struct {
		name, doc, want string
	}{
		{"unknown key", strings.Replace(minimal, "rate_pct: 2", "rate_pc: 2", 1), "m.yaml:24:7: offers[1].loan.rate_pc: unknown field \"rate_pc\""},
		{"negative rate", strings.Replace(minimal, "rate_pct: 2", "rate_pct: -2", 1), "m.yaml:24:17: offers[1].loan.rate_pct: negative: -0.02 (the file says -2 %)"},
		{"grace ≥ maturity", strings.Replace(minimal, "grace_years: 10\n      payments_per_year: 2\n  - name: b", "grace_years: 40\n      payments_per_year: 2\n  - name: b", 1), "offers[0].loan.grace_years: grace period must be shorter"},
		{"payments", strings.Replace(minimal, "payments_per_year: 2\n", "payments_per_year: 3\n", 1), "m.yaml:18:26: offers[0].loan.payments_per_year"},
		{"currency", strings.Replace(minimal, "currency: USD}", "currency: XXX}", 1), "offers[1].cost.currency: finance: unknown currency"},
		{"bad type", strings.Replace(minimal, "maturity_years: 40", "maturity_years: forty", 1), "m.yaml:16:23:"},
		{"income group", strings.Replace(minimal, "lmic", "middle", 1), "m.yaml:5:17: project.income_group"},
		{"fx", strings.Replace(minimal, "per_usd: 121.0491", "per_usd: -1", 1), "m.yaml:8:5: fx[0]"},
		{"missing share", strings.Replace(minimal, "      share_financed_pct: 75\n      rate_pct: 0.1", "      rate_pct: 0.1", 1), "offers[0].loan.share_financed_pct: give principal"},
		{"one offer", minimal[:strings.Index(minimal, "  - name: b")], "offers: out of range: 1 offers"},
		{"syntax", minimal + "  - {", "m.yaml:"},
		{"duplicate key", strings.Replace(minimal, "  year: 2015\n", "  year: 2015\n  year: 2016\n", 1), "m.yaml:7:"},
		{"two documents", minimal + "---\nproject: {}\n", "more than one YAML document"},
	}
	for _, c := range cases {
		_, err := offerfile.Parse("m.yaml", []byte(c.doc))
		if err == nil {
			t.Errorf("%s: no error", c.name)
			continue
		}
		if !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v\nwant it to contain %q", c.name, err, c.want)
		}
		var pe *offerfile.ParseError
		if !errors.As(err, &pe) || pe.File != "m.yaml" {
			t.Errorf("%s: not a ParseError naming the file: %#v", c.name, err)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(minimal))
	if data, err := os.ReadFile("../../examples/finance/jakarta-bandung.yaml"); err == nil {
		f.Add(data)
	}
	f.Add([]byte("project: {host_currency: USD, year: 2015}\noffers: []\n"))
	f.Add([]byte("offers:\n  - loan: {rate_pct: .nan, maturity_years: 1e308}\n"))
	f.Add([]byte("- a\n- b\n"))
	f.Add([]byte("project: &a {name: *a}\n"))
	f.Add([]byte("scenarios:\n  - {name: s, path: {JPY: [0, -1]}, appreciation_pct: {'US D': 3}}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		in, err := offerfile.Parse("fuzz.yaml", data)
		if err != nil {
			if in != nil {
				t.Fatal("input returned with an error")
			}
			if err.Error() == "" {
				t.Fatal("empty error message")
			}
			return
		}
		// Whatever parses must be computable or fail with an error, never panic.
		if _, err := finance.Compare(*in); err != nil && err.Error() == "" {
			t.Fatal("empty error message")
		}
	})
}
