package report

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"io"
	"math"
	"sort"
	"strings"
)

// FontFamily is the CSS font stack of every chart and HTML report: CJK-capable
// faces first, so Chinese labels render wherever one of them is installed
// (Linux: Noto Sans CJK, Debian package fonts-noto-cjk; macOS: PingFang;
// Windows: Microsoft YaHei), then the generic sans-serif.
const FontFamily = `"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif`

// Chart is anything that draws itself as a standalone SVG document.
// Every chart in this package validates its data first: it refuses empty or
// ragged input and never writes a NaN or infinite coordinate (non-finite
// points are skipped, as gaps).
type Chart interface {
	WriteSVG(w io.Writer) error
}

// SVG returns the chart's SVG document.
func SVG(c Chart) ([]byte, error) {
	var b bytes.Buffer
	err := c.WriteSVG(&b)
	return b.Bytes(), err
}

// Frame holds what every chart carries besides its data: a title, the axis
// titles (state the unit in them: "orders, JPY tn"), a source line printed
// under the plot, and the size in pixels (0 = 760×440).
type Frame struct {
	Title, XLabel, YLabel string
	Source                string
	Width, Height         float64
}

// ErrNoData is returned by a chart with nothing to draw.
var ErrNoData = errors.New("report: chart has no data")

// Series is one named line: Y[i] at X[i].
type Series struct {
	Name string
	X, Y []float64
	// Dashed draws the line dashed (targets, projections).
	Dashed bool
}

// LineChart draws one or more series against a numeric x axis. With Step
// set, each value holds until the next x (a repayment schedule, a piecewise
// constant function); otherwise points are joined by straight segments (a
// bid function sampled finely is a curve).
type LineChart struct {
	Frame
	Series []Series
	Step   bool
	// Markers draws a dot at each point.
	Markers bool
	// ZeroBased forces the y axis to include zero.
	ZeroBased bool
}

// BarSeries is one named set of bar values, one per category.
type BarSeries struct {
	Name   string
	Values []float64
}

// BarChart draws vertical bars, one group per category: side by side, or
// stacked when Stacked is set (positive values stack upwards from zero,
// negative values downwards).
type BarChart struct {
	Frame
	Categories []string
	Series     []BarSeries
	Stacked    bool
}

// TornadoBar is one input of a tornado chart: the outcome when the input is
// at its low and at its high value.
type TornadoBar struct {
	Label     string
	Low, High float64
}

// TornadoChart draws horizontal bars from Base to each input's low and high
// outcome, widest swing first (the order given is kept when Sorted is false).
type TornadoChart struct {
	Frame
	Base      float64
	Bars      []TornadoBar
	LowName   string // legend of the low side, e.g. "input −20 %"
	HighName  string
	KeepOrder bool
}

// Mark is a labelled vertical line on a histogram (a mean, a percentile).
type Mark struct {
	Label string
	X     float64
}

// Histogram draws counts over bins: Counts[i] over [Edges[i], Edges[i+1]).
type Histogram struct {
	Frame
	Edges  []float64
	Counts []float64
	Marks  []Mark
}

// NewHistogram bins samples into n equal bins between their minimum and
// maximum (non-finite samples are ignored).
func NewHistogram(fr Frame, samples []float64, n int) (*Histogram, error) {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, x := range samples {
		if isFinite(x) {
			lo, hi = math.Min(lo, x), math.Max(hi, x)
		}
	}
	if n < 1 || math.IsInf(lo, 1) {
		return nil, ErrNoData
	}
	if hi == lo {
		lo, hi = lo-0.5, hi+0.5
	}
	h := &Histogram{Frame: fr, Edges: make([]float64, n+1), Counts: make([]float64, n)}
	for i := range h.Edges {
		h.Edges[i] = lo + (hi-lo)*float64(i)/float64(n)
	}
	for _, x := range samples {
		if !isFinite(x) {
			continue
		}
		k := min(int((x-lo)/(hi-lo)*float64(n)), n-1)
		h.Counts[k]++
	}
	return h, nil
}

// Band is a shaded interval on a fan chart, Lo[i] to Hi[i] at X[i].
type Band struct {
	Name   string
	Lo, Hi []float64
}

// FanChart draws nested bands (widest first, e.g. P5–P95 then P25–P75) and
// a centre line (the median) over X: the distribution of a Monte Carlo
// result along a time or parameter axis.
type FanChart struct {
	Frame
	X      []float64
	Bands  []Band
	Center Series
}

// NiceTicks returns about n round tick values covering [lo, hi]: steps of 1,
// 2 or 5 times a power of ten (Heckbert, "Nice numbers for graph labels",
// Graphics Gems, 1990). The first tick is ≤ lo and the last ≥ hi.
func NiceTicks(lo, hi float64, n int) []float64 {
	if !isFinite(lo) || !isFinite(hi) {
		return []float64{0, 1}
	}
	if lo > hi {
		lo, hi = hi, lo
	}
	if hi == lo {
		d := math.Max(math.Abs(lo)*0.1, 1)
		lo, hi = lo-d, hi+d
	}
	n = max(n, 2)
	step := niceNum((hi-lo)/float64(n-1), true)
	start := math.Floor(lo/step) * step
	end := math.Ceil(hi/step) * step
	var ts []float64
	for k := 0; ; k++ {
		v := start + float64(k)*step
		if math.Abs(v) < step*1e-9 {
			v = 0
		}
		// round away representation noise (0.30000000000000004)
		v = roundTo(v, step)
		ts = append(ts, v)
		if v >= end-step*1e-9 || k > 100 {
			break
		}
	}
	return ts
}

func niceNum(x float64, round bool) float64 {
	e := math.Floor(math.Log10(x))
	f := x / math.Pow(10, e)
	var nf float64
	switch {
	case round && f < 1.5, !round && f <= 1:
		nf = 1
	case round && f < 3, !round && f <= 2:
		nf = 2
	case round && f < 7, !round && f <= 5:
		nf = 5
	default:
		nf = 10
	}
	return nf * math.Pow(10, e)
}

func roundTo(v, step float64) float64 {
	d := math.Max(0, -math.Floor(math.Log10(step))+1)
	p := math.Pow(10, d)
	return math.Round(v*p) / p
}

func isFinite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// tickLabel formats a tick compactly (thousands separators for big numbers).
func tickLabel(v float64) string {
	if v == 0 {
		return "0"
	}
	av := math.Abs(v)
	if av >= 1e4 && av < 1e15 && v == math.Trunc(v) {
		s := fmt.Sprintf("%.0f", av)
		var b strings.Builder
		for i, r := range s {
			if i > 0 && (len(s)-i)%3 == 0 {
				b.WriteByte(',')
			}
			b.WriteRune(r)
		}
		if v < 0 {
			return "−" + b.String()
		}
		return b.String()
	}
	s := fmt.Sprintf("%.6g", v)
	return strings.Replace(s, "-", "−", 1)
}

// ---- the shared canvas ----

type legendItem struct {
	name, colour string
	dashed, area bool
}

// canvas lays out a frame: title at the top, legend under it, the plot area,
// axis titles and the source line.
type canvas struct {
	b                      strings.Builder
	fr                     Frame
	w, h                   float64
	left, right, top, bott float64 // plot area in pixels
	x0, x1, y0, y1         float64 // data ranges
}

// num formats a coordinate; non-finite values (never expected after
// validation) become 0 so the document stays well formed.
func num(x float64) string {
	if !isFinite(x) {
		x = 0
	}
	return fmt.Sprintf("%.1f", x)
}

func esc(s string) string { return html.EscapeString(s) }

func newCanvas(fr Frame, legend []legendItem, leftMargin float64) *canvas {
	c := &canvas{fr: fr, w: fr.Width, h: fr.Height}
	if c.w <= 0 {
		c.w = 760
	}
	if c.h <= 0 {
		c.h = 440
	}
	c.left, c.right = leftMargin, c.w-24
	c.top = 44
	if len(legend) > 0 {
		c.top += 22 * float64(legendRows(legend, c.w-leftMargin-24))
	}
	c.bott = c.h - 52
	if fr.Source != "" {
		c.bott -= 16
	}
	fmt.Fprintf(&c.b, `<svg xmlns="http://www.w3.org/2000/svg" width="%s" height="%s" viewBox="0 0 %s %s" font-family='%s' font-size="12">`+"\n",
		num(c.w), num(c.h), num(c.w), num(c.h), FontFamily)
	fmt.Fprintf(&c.b, `<rect x="0" y="0" width="%s" height="%s" fill="#ffffff"/>`+"\n", num(c.w), num(c.h))
	fmt.Fprintf(&c.b, `<text class="title" x="%s" y="24" font-size="15" font-weight="bold">%s</text>`+"\n", num(16), esc(fr.Title))
	c.legend(legend)
	if fr.Source != "" {
		fmt.Fprintf(&c.b, `<text class="source" x="16" y="%s" font-size="10" fill="#555555">%s</text>`+"\n", num(c.h-8), esc(fr.Source))
	}
	return c
}

func legendWidth(it legendItem) float64 { return 26 + 7*float64(displayWidth(it.name)) + 18 }

func legendRows(items []legendItem, width float64) int {
	rows, x := 1, 0.0
	for _, it := range items {
		w := legendWidth(it)
		if x > 0 && x+w > width {
			rows++
			x = 0
		}
		x += w
	}
	return rows
}

func (c *canvas) legend(items []legendItem) {
	if len(items) == 0 {
		return
	}
	x, y := c.left, 44.0
	c.b.WriteString(`<g class="legend">` + "\n")
	for _, it := range items {
		w := legendWidth(it)
		if x > c.left && x+w > c.right {
			x, y = c.left, y+22
		}
		if it.area {
			fmt.Fprintf(&c.b, `<rect x="%s" y="%s" width="18" height="10" fill="%s"/>`, num(x), num(y-9), it.colour)
		} else {
			dash := ""
			if it.dashed {
				dash = ` stroke-dasharray="5 3"`
			}
			fmt.Fprintf(&c.b, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="2.5"%s/>`, num(x), num(y-4), num(x+18), num(y-4), it.colour, dash)
		}
		fmt.Fprintf(&c.b, `<text x="%s" y="%s">%s</text>`+"\n", num(x+24), num(y), esc(it.name))
		x += w
	}
	c.b.WriteString("</g>\n")
}

func (c *canvas) px(x float64) float64 {
	if c.x1 == c.x0 {
		return (c.left + c.right) / 2
	}
	return c.left + (x-c.x0)/(c.x1-c.x0)*(c.right-c.left)
}

func (c *canvas) py(y float64) float64 {
	if c.y1 == c.y0 {
		return (c.top + c.bott) / 2
	}
	return c.bott - (y-c.y0)/(c.y1-c.y0)*(c.bott-c.top)
}

// yMargin is the left margin that fits the tick labels of a y axis over
// [lo, hi] and the rotated axis title beside them.
func yMargin(lo, hi float64) float64 {
	w := 0
	for _, t := range NiceTicks(lo, hi, 6) {
		w = max(w, displayWidth(tickLabel(t)))
	}
	return math.Max(70, 36+7*float64(w))
}

// yAxis sets the y range to nice ticks over [lo, hi] and draws grid lines,
// tick labels and the y axis title.
func (c *canvas) yAxis(lo, hi float64) {
	ts := NiceTicks(lo, hi, 6)
	c.y0, c.y1 = ts[0], ts[len(ts)-1]
	c.b.WriteString(`<g class="y-axis">` + "\n")
	for _, t := range ts {
		y := c.py(t)
		fmt.Fprintf(&c.b, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#dddddd"/><text x="%s" y="%s" text-anchor="end">%s</text>`+"\n",
			num(c.left), num(y), num(c.right), num(y), num(c.left-6), num(y+4), tickLabel(t))
	}
	mid := (c.top + c.bott) / 2
	fmt.Fprintf(&c.b, `<text class="axis-title" x="14" y="%s" transform="rotate(-90 14 %s)" text-anchor="middle">%s</text>`+"\n", num(mid), num(mid), esc(c.fr.YLabel))
	c.b.WriteString("</g>\n")
}

// xAxisNumeric sets the x range to nice ticks over [lo, hi] and draws them.
func (c *canvas) xAxisNumeric(lo, hi float64, tight bool) {
	ts := NiceTicks(lo, hi, 8)
	if tight {
		c.x0, c.x1 = lo, hi
		if lo == hi {
			c.x0, c.x1 = lo-1, hi+1
		}
	} else {
		c.x0, c.x1 = ts[0], ts[len(ts)-1]
	}
	c.b.WriteString(`<g class="x-axis">` + "\n")
	for _, t := range ts {
		if t < c.x0-1e-9*math.Abs(c.x1-c.x0) || t > c.x1+1e-9*math.Abs(c.x1-c.x0) {
			continue
		}
		x := c.px(t)
		fmt.Fprintf(&c.b, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#888888"/><text x="%s" y="%s" text-anchor="middle">%s</text>`+"\n",
			num(x), num(c.bott), num(x), num(c.bott+4), num(x), num(c.bott+17), tickLabel(t))
	}
	c.xTitle()
	c.b.WriteString("</g>\n")
}

func (c *canvas) xTitle() {
	fmt.Fprintf(&c.b, `<text class="axis-title" x="%s" y="%s" text-anchor="middle">%s</text>`+"\n", num((c.left+c.right)/2), num(c.bott+36), esc(c.fr.XLabel))
}

func (c *canvas) frame() {
	fmt.Fprintf(&c.b, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#333333"/>`+"\n", num(c.left), num(c.bott), num(c.right), num(c.bott))
	fmt.Fprintf(&c.b, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#333333"/>`+"\n", num(c.left), num(c.top), num(c.left), num(c.bott))
}

func (c *canvas) finish(w io.Writer) error {
	c.b.WriteString("</svg>\n")
	_, err := io.WriteString(w, c.b.String())
	return err
}

// colour returns the i-th colour of the qualitative palette.
func colour(i int) string { return palette[i%len(palette)] }

// ---- line chart ----

// WriteSVG implements [Chart].
func (l *LineChart) WriteSVG(w io.Writer) error {
	xlo, xhi, ylo, yhi := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	var legend []legendItem
	for i, s := range l.Series {
		if len(s.X) != len(s.Y) {
			return fmt.Errorf("report: line series %q has %d x and %d y values", s.Name, len(s.X), len(s.Y))
		}
		for k := range s.X {
			if isFinite(s.X[k]) && isFinite(s.Y[k]) {
				xlo, xhi = math.Min(xlo, s.X[k]), math.Max(xhi, s.X[k])
				ylo, yhi = math.Min(ylo, s.Y[k]), math.Max(yhi, s.Y[k])
			}
		}
		if s.Name != "" {
			legend = append(legend, legendItem{name: s.Name, colour: colour(i), dashed: s.Dashed})
		}
	}
	if math.IsInf(xlo, 1) {
		return ErrNoData
	}
	if l.ZeroBased {
		ylo, yhi = math.Min(ylo, 0), math.Max(yhi, 0)
	}
	c := newCanvas(l.Frame, legend, yMargin(ylo, yhi))
	c.yAxis(ylo, yhi)
	c.xAxisNumeric(xlo, xhi, true)
	c.frame()
	for i, s := range l.Series {
		var d strings.Builder
		pen := false
		var lastY float64
		for k := range s.X {
			if !isFinite(s.X[k]) || !isFinite(s.Y[k]) {
				pen = false
				continue
			}
			x, y := c.px(s.X[k]), c.py(s.Y[k])
			switch {
			case !pen:
				fmt.Fprintf(&d, "M%s %s", num(x), num(y))
			case l.Step:
				fmt.Fprintf(&d, " H%s V%s", num(x), num(y))
			default:
				fmt.Fprintf(&d, " L%s %s", num(x), num(y))
			}
			pen, lastY = true, y
		}
		if l.Step && pen {
			fmt.Fprintf(&d, " H%s V%s", num(c.right), num(lastY))
		}
		dash := ""
		if s.Dashed {
			dash = ` stroke-dasharray="5 3"`
		}
		fmt.Fprintf(&c.b, `<path class="series" d="%s" fill="none" stroke="%s" stroke-width="2"%s><title>%s</title></path>`+"\n", d.String(), colour(i), dash, esc(s.Name))
		if l.Markers {
			for k := range s.X {
				if isFinite(s.X[k]) && isFinite(s.Y[k]) {
					fmt.Fprintf(&c.b, `<circle cx="%s" cy="%s" r="3.5" fill="%s"><title>%s: %s, %s</title></circle>`+"\n",
						num(c.px(s.X[k])), num(c.py(s.Y[k])), colour(i), esc(s.Name), FormatFloat(s.X[k]), FormatFloat(s.Y[k]))
				}
			}
		}
	}
	return c.finish(w)
}

// ---- bar chart ----

// WriteSVG implements [Chart].
func (bc *BarChart) WriteSVG(w io.Writer) error {
	nc := len(bc.Categories)
	if nc == 0 || len(bc.Series) == 0 {
		return ErrNoData
	}
	ylo, yhi := 0.0, 0.0
	var legend []legendItem
	for i, s := range bc.Series {
		if len(s.Values) != nc {
			return fmt.Errorf("report: bar series %q has %d values for %d categories", s.Name, len(s.Values), nc)
		}
		if s.Name != "" {
			legend = append(legend, legendItem{name: s.Name, colour: colour(i), area: true})
		}
	}
	for k := 0; k < nc; k++ {
		pos, neg := 0.0, 0.0
		for _, s := range bc.Series {
			v := s.Values[k]
			if !isFinite(v) {
				continue
			}
			if bc.Stacked {
				if v >= 0 {
					pos += v
				} else {
					neg += v
				}
			} else {
				pos, neg = math.Max(pos, v), math.Min(neg, v)
			}
		}
		ylo, yhi = math.Min(ylo, neg), math.Max(yhi, pos)
	}
	c := newCanvas(bc.Frame, legend, yMargin(ylo, yhi))
	c.yAxis(ylo, yhi)
	slot := (c.right - c.left) / float64(nc)
	groupW := slot * 0.75
	barW := groupW
	if !bc.Stacked {
		barW = groupW / float64(len(bc.Series))
	}
	c.b.WriteString(`<g class="x-axis">` + "\n")
	for k, cat := range bc.Categories {
		x := c.left + slot*(float64(k)+0.5)
		fmt.Fprintf(&c.b, `<text x="%s" y="%s" text-anchor="middle">%s</text>`+"\n", num(x), num(c.bott+17), esc(cat))
	}
	c.xTitle()
	c.b.WriteString("</g>\n")
	for k := 0; k < nc; k++ {
		gx := c.left + slot*float64(k) + (slot-groupW)/2
		pos, neg := 0.0, 0.0
		for i, s := range bc.Series {
			v := s.Values[k]
			if !isFinite(v) {
				continue
			}
			var from, to, x float64
			if bc.Stacked {
				x = gx
				if v >= 0 {
					from, to = pos, pos+v
					pos += v
				} else {
					from, to = neg, neg+v
					neg += v
				}
			} else {
				x = gx + barW*float64(i)
				from, to = 0, v
			}
			y0, y1 := c.py(from), c.py(to)
			fmt.Fprintf(&c.b, `<rect class="bar" x="%s" y="%s" width="%s" height="%s" fill="%s"><title>%s, %s: %s</title></rect>`+"\n",
				num(x), num(math.Min(y0, y1)), num(barW), num(math.Abs(y1-y0)), colour(i), esc(bc.Categories[k]), esc(s.Name), FormatFloat(v))
		}
	}
	c.frame()
	return c.finish(w)
}

// ---- tornado ----

// WriteSVG implements [Chart].
func (t *TornadoChart) WriteSVG(w io.Writer) error {
	bars := make([]TornadoBar, 0, len(t.Bars))
	for _, b := range t.Bars {
		if isFinite(b.Low) && isFinite(b.High) {
			bars = append(bars, b)
		}
	}
	if len(bars) == 0 || !isFinite(t.Base) {
		return ErrNoData
	}
	if !t.KeepOrder {
		sort.SliceStable(bars, func(i, j int) bool {
			return math.Abs(bars[i].High-bars[i].Low) > math.Abs(bars[j].High-bars[j].Low)
		})
	}
	lo, hi := t.Base, t.Base
	labelW := 0
	for _, b := range bars {
		lo, hi = math.Min(lo, math.Min(b.Low, b.High)), math.Max(hi, math.Max(b.Low, b.High))
		labelW = max(labelW, displayWidth(b.Label))
	}
	lowName, highName := t.LowName, t.HighName
	if lowName == "" {
		lowName = "low"
	}
	if highName == "" {
		highName = "high"
	}
	legend := []legendItem{{name: lowName, colour: colour(0), area: true}, {name: highName, colour: colour(1), area: true}}
	left := math.Min(24+7*float64(labelW), 300)
	c := newCanvas(t.Frame, legend, left)
	c.xAxisNumeric(lo, hi, false)
	rowH := (c.bott - c.top) / float64(len(bars))
	barH := math.Min(rowH*0.7, 28)
	for k, b := range bars {
		y := c.top + rowH*float64(k) + (rowH-barH)/2
		fmt.Fprintf(&c.b, `<text x="%s" y="%s" text-anchor="end">%s</text>`+"\n", num(c.left-6), num(y+barH/2+4), esc(b.Label))
		for side, v := range []float64{b.Low, b.High} {
			x0, x1 := c.px(t.Base), c.px(v)
			fmt.Fprintf(&c.b, `<rect class="bar" x="%s" y="%s" width="%s" height="%s" fill="%s" fill-opacity="0.85"><title>%s, %s: %s</title></rect>`+"\n",
				num(math.Min(x0, x1)), num(y), num(math.Abs(x1-x0)), num(barH), colour(side), esc(b.Label), esc(legend[side].name), FormatFloat(v))
		}
	}
	bx := c.px(t.Base)
	fmt.Fprintf(&c.b, `<line class="base" x1="%s" y1="%s" x2="%s" y2="%s" stroke="#000000" stroke-width="1.5"/>`+"\n", num(bx), num(c.top), num(bx), num(c.bott))
	fmt.Fprintf(&c.b, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#333333"/>`+"\n", num(c.left), num(c.bott), num(c.right), num(c.bott))
	return c.finish(w)
}

// ---- histogram ----

// WriteSVG implements [Chart].
func (h *Histogram) WriteSVG(w io.Writer) error {
	n := len(h.Counts)
	if n == 0 || len(h.Edges) != n+1 {
		return fmt.Errorf("%w: histogram needs len(Edges) = len(Counts)+1 > 1", ErrNoData)
	}
	for _, e := range h.Edges {
		if !isFinite(e) {
			return fmt.Errorf("report: histogram edge %v is not finite", e)
		}
	}
	top := 0.0
	for _, v := range h.Counts {
		if isFinite(v) {
			top = math.Max(top, v)
		}
	}
	var legend []legendItem
	for i, m := range h.Marks {
		legend = append(legend, legendItem{name: m.Label, colour: colour(i + 1), dashed: true})
	}
	c := newCanvas(h.Frame, legend, yMargin(0, top))
	c.yAxis(0, top)
	c.xAxisNumeric(h.Edges[0], h.Edges[n], true)
	for i, v := range h.Counts {
		if !isFinite(v) {
			continue
		}
		x0, x1 := c.px(h.Edges[i]), c.px(h.Edges[i+1])
		fmt.Fprintf(&c.b, `<rect class="bar" x="%s" y="%s" width="%s" height="%s" fill="%s" stroke="#ffffff" stroke-width="0.5"><title>[%s, %s): %s</title></rect>`+"\n",
			num(x0), num(c.py(v)), num(x1-x0), num(c.bott-c.py(v)), colour(0), FormatFloat(h.Edges[i]), FormatFloat(h.Edges[i+1]), FormatFloat(v))
	}
	for i, m := range h.Marks {
		if !isFinite(m.X) {
			continue
		}
		x := c.px(m.X)
		fmt.Fprintf(&c.b, `<line class="mark" x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="2" stroke-dasharray="5 3"><title>%s: %s</title></line>`+"\n",
			num(x), num(c.top), num(x), num(c.bott), colour(i+1), esc(m.Label), FormatFloat(m.X))
	}
	c.frame()
	return c.finish(w)
}

// ---- fan chart ----

// WriteSVG implements [Chart].
func (f *FanChart) WriteSVG(w io.Writer) error {
	n := len(f.X)
	if n == 0 {
		return ErrNoData
	}
	ylo, yhi := math.Inf(1), math.Inf(-1)
	xlo, xhi := math.Inf(1), math.Inf(-1)
	for _, x := range f.X {
		if isFinite(x) {
			xlo, xhi = math.Min(xlo, x), math.Max(xhi, x)
		}
	}
	var legend []legendItem
	for i, b := range f.Bands {
		if len(b.Lo) != n || len(b.Hi) != n {
			return fmt.Errorf("report: fan band %q needs %d values", b.Name, n)
		}
		for k := range f.X {
			for _, v := range []float64{b.Lo[k], b.Hi[k]} {
				if isFinite(v) {
					ylo, yhi = math.Min(ylo, v), math.Max(yhi, v)
				}
			}
		}
		legend = append(legend, legendItem{name: b.Name, colour: bandColour(i, len(f.Bands)), area: true})
	}
	if len(f.Center.Y) > 0 {
		if len(f.Center.Y) != n {
			return fmt.Errorf("report: fan centre line needs %d values", n)
		}
		for _, v := range f.Center.Y {
			if isFinite(v) {
				ylo, yhi = math.Min(ylo, v), math.Max(yhi, v)
			}
		}
		legend = append(legend, legendItem{name: f.Center.Name, colour: "#08306b"})
	}
	if math.IsInf(ylo, 1) || math.IsInf(xlo, 1) {
		return ErrNoData
	}
	c := newCanvas(f.Frame, legend, yMargin(ylo, yhi))
	c.yAxis(ylo, yhi)
	c.xAxisNumeric(xlo, xhi, true)
	for i, b := range f.Bands {
		var up, down []string
		for k := 0; k < n; k++ {
			if isFinite(f.X[k]) && isFinite(b.Lo[k]) && isFinite(b.Hi[k]) {
				up = append(up, num(c.px(f.X[k]))+" "+num(c.py(b.Hi[k])))
				down = append(down, num(c.px(f.X[k]))+" "+num(c.py(b.Lo[k])))
			}
		}
		if len(up) == 0 {
			continue
		}
		for l, r := 0, len(down)-1; l < r; l, r = l+1, r-1 {
			down[l], down[r] = down[r], down[l]
		}
		fmt.Fprintf(&c.b, `<path class="band" d="M%s L%s Z" fill="%s" stroke="none"><title>%s</title></path>`+"\n",
			strings.Join(up, " L"), strings.Join(down, " L"), bandColour(i, len(f.Bands)), esc(b.Name))
	}
	if len(f.Center.Y) > 0 {
		var pts []string
		for k := 0; k < n; k++ {
			if isFinite(f.X[k]) && isFinite(f.Center.Y[k]) {
				pts = append(pts, num(c.px(f.X[k]))+" "+num(c.py(f.Center.Y[k])))
			}
		}
		if len(pts) > 0 {
			fmt.Fprintf(&c.b, `<path class="series" d="M%s" fill="none" stroke="#08306b" stroke-width="2"><title>%s</title></path>`+"\n", strings.Join(pts, " L"), esc(f.Center.Name))
		}
	}
	c.frame()
	return c.finish(w)
}

// bandColour shades bands from light (outermost, i = 0) to darker blue.
func bandColour(i, n int) string {
	light := [3]float64{198, 219, 239}
	dark := [3]float64{66, 146, 198}
	t := 0.0
	if n > 1 {
		t = float64(i) / float64(n-1)
	}
	return fmt.Sprintf("#%02x%02x%02x", int(light[0]+t*(dark[0]-light[0])), int(light[1]+t*(dark[1]-light[1])), int(light[2]+t*(dark[2]-light[2])))
}
