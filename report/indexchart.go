package report

import (
	"fmt"
	"html"
	"io"
	"math"
	"strings"
)

// IndexSeries is one kind of index in an [IndexChart] (e.g. first-order
// Sobol' S1): a value per parameter and, optionally, a confidence interval
// (Lo, Hi; nil for none).
type IndexSeries struct {
	Name           string
	Values, Lo, Hi []float64
}

// IndexChart is a tornado chart of sensitivity indices: one group of
// horizontal bars per parameter, the parameters sorted by the first
// series, largest on top, with confidence intervals as whiskers.
type IndexChart struct {
	Title, XLabel string
	// Source is the line printed under the chart (what computed it).
	Source string
	Params []string
	Series []IndexSeries
}

// WriteSVG writes the chart as a standalone SVG document.
func (c *IndexChart) WriteSVG(w io.Writer) error {
	n := len(c.Params)
	if n == 0 || len(c.Series) == 0 {
		return fmt.Errorf("report: index chart has no bars")
	}
	for _, s := range c.Series {
		if len(s.Values) != n || (s.Lo != nil && len(s.Lo) != n) || (s.Hi != nil && len(s.Hi) != n) {
			return fmt.Errorf("report: index series %q has %d values for %d parameters", s.Name, len(s.Values), n)
		}
	}
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	key := func(i int) float64 {
		v := c.Series[0].Values[i]
		if math.IsNaN(v) {
			return math.Inf(-1)
		}
		return math.Abs(v)
	}
	for i := 1; i < n; i++ { // insertion sort: stable, n is small
		for j := i; j > 0 && key(order[j]) > key(order[j-1]); j-- {
			order[j], order[j-1] = order[j-1], order[j]
		}
	}
	lo, hi := 0.0, 0.0
	for _, s := range c.Series {
		for i, v := range s.Values {
			for _, x := range []float64{v, at(s.Lo, i), at(s.Hi, i)} {
				if !math.IsNaN(x) {
					lo, hi = math.Min(lo, x), math.Max(hi, x)
				}
			}
		}
	}
	if hi == lo {
		hi = lo + 1
	}
	labelW := 40.0
	for _, p := range c.Params {
		labelW = math.Max(labelW, 7*float64(displayWidth(p)))
	}
	const plotW, barH, top = 420.0, 12.0, 50.0
	groupH := barH*float64(len(c.Series)) + 8
	width := labelW + 20 + plotW + 40
	height := top + groupH*float64(n) + 50 + 16*float64(len(c.Series))
	if c.Source != "" {
		height += 20
	}
	x := func(v float64) float64 { return labelW + 20 + (v-lo)/(hi-lo)*plotW }
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%.0f" height="%.0f" font-family='%s' font-size="11">`+"\n", width, height, FontFamily)
	fmt.Fprintf(&b, `<text x="10" y="20" font-size="14">%s</text>`+"\n", html.EscapeString(c.Title))
	for r, i := range order {
		y0 := top + groupH*float64(r)
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="end">%s</text>`+"\n", labelW+14, y0+groupH/2+3, html.EscapeString(c.Params[i]))
		for k, s := range c.Series {
			v := s.Values[i]
			if math.IsNaN(v) {
				continue
			}
			y := y0 + barH*float64(k)
			x0, x1 := x(math.Min(0, v)), x(math.Max(0, v))
			fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"><title>%s %s = %s</title></rect>`+"\n",
				x0, y, math.Max(x1-x0, 0.5), barH-2, palette[k%len(palette)], html.EscapeString(c.Params[i]), html.EscapeString(s.Name), FormatFloat(v))
			if l, h := at(s.Lo, i), at(s.Hi, i); !math.IsNaN(l) && !math.IsNaN(h) {
				ym := y + (barH-2)/2
				fmt.Fprintf(&b, `<path d="M%.1f %.1fH%.1fM%.1f %.1fV%.1fM%.1f %.1fV%.1f" stroke="#222" fill="none"/>`+"\n",
					x(l), ym, x(h), x(l), ym-3, ym+3, x(h), ym-3, ym+3)
			}
		}
	}
	axisY := top + groupH*float64(n) + 4
	fmt.Fprintf(&b, `<path d="M%.1f %.1fH%.1fM%.1f %.1fV%.1f" stroke="#888" fill="none"/>`+"\n", x(lo), axisY, x(hi), x(0), top-4, axisY)
	step := niceStep((hi - lo) / 5)
	for v := math.Ceil(lo/step) * step; v <= hi+step*1e-9; v += step {
		if math.Abs(v) < step*1e-9 {
			v = 0
		}
		fmt.Fprintf(&b, `<path d="M%.1f %.1fV%.1f" stroke="#888"/><text x="%.1f" y="%.1f" text-anchor="middle">%s</text>`+"\n",
			x(v), axisY, axisY+3, x(v), axisY+14, FormatFloat(v))
	}
	fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="middle">%s</text>`+"\n", x((lo+hi)/2), axisY+28, html.EscapeString(c.XLabel))
	for k, s := range c.Series {
		ly := axisY + 44 + 16*float64(k)
		fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="12" height="10" fill="%s"/><text x="%.1f" y="%.1f">%s</text>`+"\n",
			labelW+20, ly-9, palette[k%len(palette)], labelW+36, ly, html.EscapeString(s.Name))
	}
	if c.Source != "" {
		fmt.Fprintf(&b, `<text x="10" y="%.1f" font-size="10" fill="#555">%s</text>`+"\n", height-8, html.EscapeString(c.Source))
	}
	b.WriteString("</svg>\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func at(xs []float64, i int) float64 {
	if xs == nil {
		return math.NaN()
	}
	return xs[i]
}

// niceStep rounds a raw tick step up to 1, 2 or 5 times a power of ten.
func niceStep(raw float64) float64 {
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*p >= raw {
			return m * p
		}
	}
	return 10 * p
}
