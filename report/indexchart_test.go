package report

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"
)

func TestIndexChartSVG(t *testing.T) {
	c := &IndexChart{Title: "Sobol' indices of y", XLabel: "index", Params: []string{"small", "big", "mid"},
		Series: []IndexSeries{
			{Name: "S1", Values: []float64{0.01, 0.6, 0.2}, Lo: []float64{0, 0.55, 0.15}, Hi: []float64{0.02, 0.65, 0.25}},
			{Name: "ST", Values: []float64{0.02, 0.7, 0.3}},
		}}
	var b bytes.Buffer
	if err := c.WriteSVG(&b); err != nil {
		t.Fatal(err)
	}
	s := b.String()
	if err := xml.Unmarshal(b.Bytes(), new(struct{})); err != nil {
		t.Fatalf("not well-formed XML: %v", err)
	}
	// Sorted by the first series: big, mid, small from the top.
	if !(strings.Index(s, ">big<") < strings.Index(s, ">mid<") && strings.Index(s, ">mid<") < strings.Index(s, ">small<")) {
		t.Error("bars not sorted by S1")
	}
	if strings.Count(s, "<rect") != 6+2 || strings.Count(s, `stroke="#222"`) != 3 {
		t.Errorf("%d bars and %d whiskers", strings.Count(s, "<rect"), strings.Count(s, `stroke="#222"`))
	}
	c.Series[1].Values = c.Series[1].Values[:2]
	if err := c.WriteSVG(&b); err == nil {
		t.Error("mismatched series accepted")
	}
}
