package report_test

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/infragame/infragame/report"
)

func ExampleWrite() {
	t := &report.Table{Columns: []string{"series", "value"}}
	t.AddRow("订单", 9.26)
	t.AddRow("orders", 16.0)
	report.Write(os.Stdout, report.FormatTable, nil, t)
	report.Write(os.Stdout, report.FormatCSV, nil, t)
	// Output:
	// series  value
	// ------  -----
	// 订单    9.26
	// orders  16
	// series,value
	// 订单,9.26
	// orders,16
}

func TestParseFormat(t *testing.T) {
	for _, s := range []string{"table", "JSON", " csv "} {
		if _, err := report.ParseFormat(s); err != nil {
			t.Errorf("%q: %v", s, err)
		}
	}
	if _, err := report.ParseFormat("xml"); err == nil {
		t.Error("xml accepted")
	}
}

func TestFormatFloat(t *testing.T) {
	tests := map[float64]string{9.26: "9.26", 9.26e12: "9260000000000", 0.001: "0.001", 1.5e-7: "1.5e-07", -2.5e6: "-2500000"}
	for x, want := range tests {
		if got := report.FormatFloat(x); got != want {
			t.Errorf("FormatFloat(%g) = %q, want %q", x, got, want)
		}
	}
}

func TestHeatmapSVG(t *testing.T) {
	h := &report.Heatmap{Title: "t", XLabel: "x", YLabel: "y", X: []float64{1, 2}, Y: []float64{1, 2, 3},
		Z: [][]float64{{1, 2}, {3, 4}, {5, 6}}}
	var buf bytes.Buffer
	if err := h.WriteSVG(&buf); err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(buf.String(), "<rect"); got != 1+6+11 {
		t.Errorf("rects = %d, want background + 6 cells + 11 legend steps", got)
	}
	h.Labels = [][]string{{"A", "B"}, {"A", "A"}, {"B", "B"}}
	buf.Reset()
	if err := h.WriteSVG(&buf); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), ">A</text>") || !strings.Contains(buf.String(), ">B</text>") {
		t.Error("categorical legend missing")
	}
	if err := (&report.Heatmap{}).WriteSVG(&buf); err == nil {
		t.Error("empty heat map accepted")
	}
}
