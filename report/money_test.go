package report_test

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/infragame/infragame/report"
)

// A column whose unit is a currency shows it in the header, and its amounts
// with thousands separators; CSV keeps the plain numbers.
func ExampleWriteText_money() {
	t := &report.Table{
		Columns: []string{"offer", "price", "opening_yr", "share_%"},
		Units:   []string{"", "USD 2015", "years", "%"},
	}
	t.AddRow("china", 5782777401.897247, 2019, 75.0)
	t.AddRow("japan", -16666.7, 2021, 100.0)
	report.Write(os.Stdout, report.FormatTable, nil, t)
	report.Write(os.Stdout, report.FormatCSV, nil, t)
	// Output:
	// offer  price (USD 2015)  opening_yr (years)  share_%
	// -----  ----------------  ------------------  -------
	// china  5,782,777,402     2019                75
	// japan  -16,667           2021                100
	// offer,price,opening_yr,share_%
	// china,5782777401.897247,2019,75
	// japan,-16666.7,2021,100
}

// In a money column with millions, thousands print whole as well.
func TestMoneyColumnConsistent(t *testing.T) {
	tab := &report.Table{Columns: []string{"period", "interest", "principal"}, Units: []string{"", "JPY", "JPY"}}
	tab.AddRow(1, 16666.666666, 16666666.67)
	tab.AddRow(2, -26975.4, 999.5)
	tab.AddRow("total", 0.0625, 0.0)
	var b bytes.Buffer
	if err := report.WriteText(&b, tab); err != nil {
		t.Fatal(err)
	}
	want := `period  interest (JPY)  principal (JPY)
------  --------------  ---------------
1       16,666.7        16,666,667
2       -26,975.4       999.5
total   0.0625          0
`
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

func TestMoneyText(t *testing.T) {
	tests := []struct {
		unit, cell, want string
	}{
		{"USD", "999", "999"},
		{"USD", "1000", "1,000"},
		{"USD", "-123456.789", "-123,456.789"},
		{"JPY 2015", "1500000000000", "1,500,000,000,000"},
		{"USD", "1.81144e-06", "1.81144e-06"}, // an exponent stays as printed
		{"USD", "n/a", "n/a"},
		{"years", "2015", "2015"}, // not money
		{"", "2015", "2015"},
		{"", "1500000000000 JPY (2015)", "1,500,000,000,000 JPY (2015)"},
		{"", "30000000000000.5 JPY", "30,000,000,000,000.5 JPY"},
		{"", "2015 plan", "2015 plan"},
		{"", "route 2015 USD", "route 2015 USD"}, // the amount must lead
		{"CO2", "12345", "12345"},
	}
	for _, tt := range tests {
		tab := &report.Table{Columns: []string{"x"}, Units: []string{tt.unit}, Rows: [][]string{{tt.cell}}}
		var b bytes.Buffer
		if err := report.WriteText(&b, tab); err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSpace(b.String()), "\n")
		if got := strings.TrimSpace(lines[len(lines)-1]); got != tt.want {
			t.Errorf("unit %q, cell %q: got %q, want %q", tt.unit, tt.cell, got, tt.want)
		}
	}
}
