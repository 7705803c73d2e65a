package report_test

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/infragame/infragame/internal/testutil"
	"github.com/infragame/infragame/report"
)

// svgStats parses an SVG document as XML and counts its elements and texts.
type svgStats struct {
	elems map[string]int
	texts []string
	attrs []string
}

func parseSVG(t *testing.T, doc []byte) svgStats {
	t.Helper()
	st := svgStats{elems: map[string]int{}}
	dec := xml.NewDecoder(bytes.NewReader(doc))
	inText := 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v\n%s", err, doc)
		}
		switch x := tok.(type) {
		case xml.StartElement:
			st.elems[x.Name.Local]++
			if x.Name.Local == "text" {
				inText++
			}
			for _, a := range x.Attr {
				st.attrs = append(st.attrs, a.Value)
			}
		case xml.EndElement:
			if x.Name.Local == "text" {
				inText--
			}
		case xml.CharData:
			if inText > 0 {
				st.texts = append(st.texts, string(x))
			}
		}
	}
	if st.elems["svg"] != 1 {
		t.Errorf("want one <svg> root, got %d", st.elems["svg"])
	}
	for _, a := range st.attrs {
		if strings.Contains(a, "NaN") || strings.Contains(a, "Inf") {
			t.Errorf("non-finite coordinate in attribute %q", a)
		}
	}
	return st
}

func (s svgStats) hasText(want string) bool {
	for _, t := range s.texts {
		if t == want {
			return true
		}
	}
	return false
}

var frame = report.Frame{Title: "日本基础设施出口订单 orders", XLabel: "year", YLabel: "JPY tn", Source: "Source: seed §1.1"}

// charts returns one example of every chart kind, with NaN and Inf values
// mixed in where a chart must skip them.
func charts(t *testing.T) map[string]report.Chart {
	hist, err := report.NewHistogram(frame, []float64{1, 2, 2, 3, 3, 3, 4, math.NaN(), 5}, 5)
	if err != nil {
		t.Fatal(err)
	}
	hist.Marks = []report.Mark{{Label: "mean", X: 3}, {Label: "P90", X: 4.5}}
	return map[string]report.Chart{
		"line": &report.LineChart{Frame: frame, Markers: true, Series: []report.Series{
			{Name: "订单 orders", X: []float64{2010, 2013, 2015}, Y: []float64{10, 16, math.NaN()}},
			{Name: "target", X: []float64{2013, 2020}, Y: []float64{16, 30}, Dashed: true}}},
		"step": &report.LineChart{Frame: frame, Step: true, Series: []report.Series{
			{Name: "debt service", X: []float64{0, 0.5, 1, 1.5}, Y: []float64{5, 5, 4.5, math.Inf(1)}}}},
		"bar": &report.BarChart{Frame: frame, Categories: []string{"ICT", "交通", "energy"}, Series: []report.BarSeries{
			{Name: "2010", Values: []float64{1, 2, 3}}, {Name: "2013", Values: []float64{2, -1, math.NaN()}}}},
		"stacked": &report.BarChart{Frame: frame, Stacked: true, Categories: []string{"japan", "china"}, Series: []report.BarSeries{
			{Name: "capex", Values: []float64{100, 80}}, {Name: "O&M", Values: []float64{30, 50}}, {Name: "rebate", Values: []float64{-5, 0}}}},
		"tornado": &report.TornadoChart{Frame: frame, Base: 10, LowName: "−20 %", HighName: "+20 %", Bars: []report.TornadoBar{
			{Label: "host.discount_rate", Low: 14, High: 7}, {Label: "offers.china.capex", Low: 30, High: -10}, {Label: "bad", Low: math.NaN(), High: 1}}},
		"histogram": hist,
		"fan": &report.FanChart{Frame: frame, X: []float64{0, 1, 2, 3},
			Bands:  []report.Band{{Name: "P5–P95", Lo: []float64{0, -1, -2, -3}, Hi: []float64{0, 1, 2, 3}}, {Name: "P25–P75", Lo: []float64{0, -0.5, -1, math.NaN()}, Hi: []float64{0, 0.5, 1, 1.5}}},
			Center: report.Series{Name: "median", Y: []float64{0, 0, 0.1, 0.2}}},
		"heatmap": &report.Heatmap{Title: "赢家 winner", XLabel: "x", YLabel: "y", ZLabel: "margin", Source: "Source: model",
			X: []float64{0, 1}, Y: []float64{0, 1}, Z: [][]float64{{1, math.NaN()}, {3, 4}}},
	}
}

func TestChartsStructure(t *testing.T) {
	for name, c := range charts(t) {
		t.Run(name, func(t *testing.T) {
			doc, err := report.SVG(c)
			if err != nil {
				t.Fatal(err)
			}
			st := parseSVG(t, doc)
			if !strings.Contains(string(doc), report.FontFamily) {
				t.Error("CJK font stack missing")
			}
			title, source := frame.Title, frame.Source
			if name == "heatmap" {
				title, source = "赢家 winner", "Source: model"
			}
			for _, want := range []string{title, source} {
				if !st.hasText(want) {
					t.Errorf("text %q missing; texts: %q", want, st.texts)
				}
			}
			if name != "heatmap" {
				want := []string{frame.XLabel, frame.YLabel}
				if name == "tornado" {
					want = want[:1]
				}
				for _, want := range want {
					if !st.hasText(want) {
						t.Errorf("axis title %q missing", want)
					}
				}
			}
			switch name {
			case "line":
				if st.elems["path"] != 2 || st.elems["circle"] != 2+2 || !st.hasText("订单 orders") || !st.hasText("target") {
					t.Errorf("line: paths %d circles %d texts %q", st.elems["path"], st.elems["circle"], st.texts)
				}
			case "bar":
				if got := strings.Count(string(doc), `class="bar"`); got != 5 {
					t.Errorf("bars = %d, want 5 (NaN skipped)", got)
				}
				if !st.hasText("交通") {
					t.Error("category label missing")
				}
			case "stacked":
				if got := strings.Count(string(doc), `class="bar"`); got != 6 {
					t.Errorf("stacked bars = %d, want 6", got)
				}
			case "tornado":
				if got := strings.Count(string(doc), `class="bar"`); got != 4 {
					t.Errorf("tornado bars = %d, want 4 (NaN input dropped)", got)
				}
				// widest swing first
				if i, j := strings.Index(string(doc), ">offers.china.capex<"), strings.Index(string(doc), ">host.discount_rate<"); i < 0 || j < 0 || i > j {
					t.Error("tornado not sorted by swing")
				}
			case "histogram":
				if got := strings.Count(string(doc), `class="bar"`); got != 5 {
					t.Errorf("histogram bars = %d, want 5", got)
				}
				if got := strings.Count(string(doc), `class="mark"`); got != 2 {
					t.Errorf("marks = %d", got)
				}
			case "fan":
				if got := strings.Count(string(doc), `class="band"`); got != 2 {
					t.Errorf("bands = %d", got)
				}
			}
		})
	}
}

func TestChartsRenderPNG(t *testing.T) {
	testutil.RequireTool(t, "rsvg-convert", "librsvg2-bin")
	dir := t.TempDir()
	for name, c := range charts(t) {
		doc, err := report.SVG(c)
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, name+".png")
		if err := report.WritePNG(context.Background(), doc, p); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		b, err := os.ReadFile(p)
		if err != nil || !bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")) || len(b) < 1000 {
			t.Errorf("%s: not a PNG (%d bytes, %v)", name, len(b), err)
		}
	}
}

func TestChartsRefuseEmpty(t *testing.T) {
	for name, c := range map[string]report.Chart{
		"line": &report.LineChart{}, "bar": &report.BarChart{}, "tornado": &report.TornadoChart{},
		"histogram": &report.Histogram{}, "fan": &report.FanChart{},
		"line-nan": &report.LineChart{Series: []report.Series{{X: []float64{math.NaN()}, Y: []float64{1}}}},
		"ragged":   &report.BarChart{Categories: []string{"a", "b"}, Series: []report.BarSeries{{Values: []float64{1}}}},
	} {
		if _, err := report.SVG(c); err == nil {
			t.Errorf("%s: accepted", name)
		} else if name != "ragged" && !errors.Is(err, report.ErrNoData) {
			t.Errorf("%s: %v, want ErrNoData", name, err)
		}
	}
}

func TestNiceTicks(t *testing.T) {
	tests := []struct {
		lo, hi float64
		want   []float64
	}{
		{0, 30, []float64{0, 5, 10, 15, 20, 25, 30}},
		{0.1, 0.97, []float64{0, 0.2, 0.4, 0.6, 0.8, 1}},
		{-3.2, 7.9, []float64{-4, -2, 0, 2, 4, 6, 8}},
		{2010, 2020, []float64{2010, 2012, 2014, 2016, 2018, 2020}},
		{5, 5, []float64{4, 4.5, 5, 5.5, 6}},
	}
	for _, tt := range tests {
		got := report.NiceTicks(tt.lo, tt.hi, 6)
		if len(got) != len(tt.want) {
			t.Errorf("NiceTicks(%g, %g) = %v, want %v", tt.lo, tt.hi, got, tt.want)
			continue
		}
		for i := range got {
			if math.Abs(got[i]-tt.want[i]) > 1e-12 {
				t.Errorf("NiceTicks(%g, %g) = %v, want %v", tt.lo, tt.hi, got, tt.want)
				break
			}
		}
	}
}

func ExampleNiceTicks() {
	fmt.Println(report.NiceTicks(0, 9.26, 5))
	// Output: [0 2 4 6 8 10]
}

func ExampleNewHistogram() {
	h, _ := report.NewHistogram(report.Frame{Title: "PV"}, []float64{1, 2, 2, 3, 4}, 3)
	fmt.Println(h.Edges, h.Counts)
	// Output: [1 2 3 4] [1 2 2]
}

func ExampleDocument_Cite() {
	d := &report.Document{}
	fmt.Println(d.Cite("seed §1.1"), d.Cite("JICA terms table 2015"), d.Cite("seed §1.1"))
	// Output: [1] [2] [1]
}
