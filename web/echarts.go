package web

import (
	"fmt"
	"math"
	"sort"

	"github.com/infragame/infragame/report"
)

// EChartsOption returns the Apache ECharts option that draws c: the same
// data, title, axis labels (with their units) and source line as the SVG
// chart of a report, so a chart on a page is the chart in a report.
// Non-finite values become null (a gap), as the SVG charts skip them.
func EChartsOption(c report.Chart) (map[string]any, error) {
	switch c := c.(type) {
	case *report.LineChart:
		return lineOption(c), nil
	case *report.BarChart:
		return barOption(c), nil
	case *report.TornadoChart:
		return tornadoOption(c), nil
	case *report.Histogram:
		return histogramOption(c), nil
	case *report.FanChart:
		return fanOption(c), nil
	case *report.Heatmap:
		return heatmapOption(c), nil
	case *report.IndexChart:
		return indexOption(c), nil
	}
	return nil, fmt.Errorf("web: no ECharts form for chart type %T", c)
}

// num is a finite value or nil (JSON null).
func num(x float64) any {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return nil
	}
	return x
}

func base(f report.Frame) map[string]any {
	o := map[string]any{
		"title":   map[string]any{"text": f.Title, "subtext": f.Source, "left": "center", "textStyle": map[string]any{"fontSize": 15}, "subtextStyle": map[string]any{"fontSize": 11}},
		"tooltip": map[string]any{"trigger": "axis"},
		"legend":  map[string]any{"bottom": 0, "type": "scroll"},
		"grid":    map[string]any{"left": 70, "right": 30, "top": 70, "bottom": 70, "containLabel": true},
		"toolbox": map[string]any{"feature": map[string]any{"saveAsImage": map[string]any{}, "dataZoom": map[string]any{}, "restore": map[string]any{}}},
	}
	return o
}

// plainLabel prints x-axis ticks as they are: years read 2015, not 2,015.
func plainLabel() map[string]any { return map[string]any{"formatter": "{value}"} }

func axis(typ, name string, extra ...any) map[string]any {
	a := map[string]any{"type": typ, "name": name, "nameLocation": "middle", "nameGap": 30}
	for i := 0; i+1 < len(extra); i += 2 {
		a[extra[i].(string)] = extra[i+1]
	}
	return a
}

func lineOption(c *report.LineChart) map[string]any {
	o := base(c.Frame)
	o["xAxis"] = axis("value", c.XLabel, "scale", true, "axisLabel", plainLabel())
	o["yAxis"] = axis("value", c.YLabel, "scale", !c.ZeroBased, "nameGap", 50)
	var series []any
	for _, s := range c.Series {
		data := make([]any, 0, len(s.X))
		for i := range s.X {
			if i < len(s.Y) {
				data = append(data, []any{num(s.X[i]), num(s.Y[i])})
			}
		}
		sr := map[string]any{"name": s.Name, "type": "line", "data": data, "showSymbol": c.Markers, "connectNulls": false}
		if c.Step {
			sr["step"] = "end"
		}
		if s.Dashed {
			sr["lineStyle"] = map[string]any{"type": "dashed"}
		}
		series = append(series, sr)
	}
	o["series"] = series
	return o
}

func barOption(c *report.BarChart) map[string]any {
	o := base(c.Frame)
	o["xAxis"] = axis("category", c.XLabel, "data", c.Categories, "axisLabel", map[string]any{"interval": 0, "rotate": rotation(c.Categories)})
	o["yAxis"] = axis("value", c.YLabel, "nameGap", 50)
	var series []any
	for _, s := range c.Series {
		data := make([]any, len(s.Values))
		for i, v := range s.Values {
			data[i] = num(v)
		}
		sr := map[string]any{"name": s.Name, "type": "bar", "data": data}
		if c.Stacked {
			sr["stack"] = "total"
		}
		series = append(series, sr)
	}
	o["series"] = series
	return o
}

// rotation tilts category labels when there are many or long ones.
func rotation(cats []string) int {
	n := 0
	for _, c := range cats {
		n += len([]rune(c))
	}
	if len(cats) > 6 || n > 60 {
		return 30
	}
	return 0
}

func tornadoOption(c *report.TornadoChart) map[string]any {
	o := base(c.Frame)
	bars := append([]report.TornadoBar(nil), c.Bars...)
	if !c.KeepOrder {
		sort.SliceStable(bars, func(i, j int) bool {
			return math.Abs(bars[i].High-bars[i].Low) > math.Abs(bars[j].High-bars[j].Low)
		})
	}
	// ECharts draws the first category at the bottom: reverse so the widest
	// swing is on top, as in the SVG.
	labels := make([]string, len(bars))
	low, high := make([]any, len(bars)), make([]any, len(bars))
	for i, b := range bars {
		k := len(bars) - 1 - i
		labels[k] = b.Label
		low[k] = num(b.Low - c.Base)
		high[k] = num(b.High - c.Base)
	}
	o["tooltip"] = map[string]any{"trigger": "axis", "axisPointer": map[string]any{"type": "shadow"}}
	o["xAxis"] = axis("value", c.XLabel, "name", fmt.Sprintf("%s (Δ from %s)", c.XLabel, report.FormatFloat(c.Base)))
	o["yAxis"] = map[string]any{"type": "category", "data": labels}
	lowName, highName := c.LowName, c.HighName
	if lowName == "" {
		lowName = "low"
	}
	if highName == "" {
		highName = "high"
	}
	o["series"] = []any{
		map[string]any{"name": lowName, "type": "bar", "stack": "swing", "data": low},
		map[string]any{"name": highName, "type": "bar", "stack": "swing2", "barGap": "-100%", "data": high},
	}
	return o
}

func histogramOption(c *report.Histogram) map[string]any {
	o := base(c.Frame)
	data := make([]any, len(c.Counts))
	for i, n := range c.Counts {
		if i+1 < len(c.Edges) {
			data[i] = []any{num((c.Edges[i] + c.Edges[i+1]) / 2), num(n)}
		}
	}
	width := 0.0
	if len(c.Edges) > 1 {
		width = c.Edges[1] - c.Edges[0]
	}
	o["xAxis"] = axis("value", c.XLabel, "scale", true)
	o["yAxis"] = axis("value", c.YLabel, "nameGap", 50)
	marks := make([]any, 0, len(c.Marks))
	for _, m := range c.Marks {
		marks = append(marks, map[string]any{"name": m.Label, "xAxis": num(m.X), "label": map[string]any{"formatter": m.Label}})
	}
	o["series"] = []any{map[string]any{"name": c.YLabel, "type": "bar", "data": data, "barWidth": "95%", "barCategoryGap": 0,
		"markLine": map[string]any{"symbol": "none", "data": marks}, "binWidth": num(width)}}
	return o
}

func fanOption(c *report.FanChart) map[string]any {
	o := base(c.Frame)
	o["xAxis"] = axis("value", c.XLabel, "scale", true, "axisLabel", plainLabel())
	o["yAxis"] = axis("value", c.YLabel, "scale", true, "nameGap", 50)
	var series []any
	for bi, b := range c.Bands {
		lo := make([]any, len(c.X))
		gap := make([]any, len(c.X))
		for i := range c.X {
			if i < len(b.Lo) && i < len(b.Hi) {
				lo[i] = []any{num(c.X[i]), num(b.Lo[i])}
				gap[i] = []any{num(c.X[i]), num(b.Hi[i] - b.Lo[i])}
			}
		}
		stack := fmt.Sprintf("band%d", bi)
		series = append(series,
			map[string]any{"name": b.Name, "type": "line", "stack": stack, "data": lo, "lineStyle": map[string]any{"opacity": 0}, "showSymbol": false, "tooltip": map[string]any{"show": false}},
			map[string]any{"name": b.Name, "type": "line", "stack": stack, "data": gap, "lineStyle": map[string]any{"opacity": 0}, "showSymbol": false,
				"areaStyle": map[string]any{"opacity": 0.25 + 0.15*float64(bi)}})
	}
	data := make([]any, 0, len(c.Center.X))
	for i := range c.Center.X {
		if i < len(c.Center.Y) {
			data = append(data, []any{num(c.Center.X[i]), num(c.Center.Y[i])})
		}
	}
	series = append(series, map[string]any{"name": c.Center.Name, "type": "line", "data": data, "showSymbol": false})
	o["series"] = series
	return o
}

func heatmapOption(h *report.Heatmap) map[string]any {
	o := map[string]any{
		"title":   map[string]any{"text": h.Title, "subtext": h.Source, "left": "center"},
		"tooltip": map[string]any{"position": "top"},
		"grid":    map[string]any{"left": 80, "right": 40, "top": 70, "bottom": 110, "containLabel": true},
		"toolbox": map[string]any{"feature": map[string]any{"saveAsImage": map[string]any{}}},
	}
	xs := make([]string, len(h.X))
	for i, x := range h.X {
		xs[i] = report.FormatFloat(x)
	}
	ys := make([]string, len(h.Y))
	for i, y := range h.Y {
		ys[i] = report.FormatFloat(y)
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	var data []any
	for j := range h.Y {
		for i := range h.X {
			if j >= len(h.Z) || i >= len(h.Z[j]) {
				continue
			}
			z := h.Z[j][i]
			if !math.IsNaN(z) && !math.IsInf(z, 0) {
				lo, hi = math.Min(lo, z), math.Max(hi, z)
			}
			label := ""
			if j < len(h.Labels) && i < len(h.Labels[j]) {
				label = h.Labels[j][i]
			}
			data = append(data, map[string]any{"value": []any{i, j, num(z)}, "name": label})
		}
	}
	if math.IsInf(lo, 1) {
		lo, hi = 0, 1
	}
	o["xAxis"] = map[string]any{"type": "category", "data": xs, "name": h.XLabel, "nameLocation": "middle", "nameGap": 30, "splitArea": map[string]any{"show": true}}
	o["yAxis"] = map[string]any{"type": "category", "data": ys, "name": h.YLabel, "nameLocation": "middle", "nameGap": 50, "splitArea": map[string]any{"show": true}}
	o["visualMap"] = map[string]any{"min": lo, "max": hi, "calculable": true, "orient": "horizontal", "left": "center", "bottom": 10, "text": []any{h.ZLabel, ""}}
	o["series"] = []any{map[string]any{"name": h.ZLabel, "type": "heatmap", "data": data, "label": map[string]any{"show": len(h.X)*len(h.Y) <= 200, "formatter": "{b}"}}}
	return o
}

// indexOption draws sensitivity indices as the SVG's tornado: one bar per
// series and parameter, the parameters sorted by the absolute value of the
// first series, largest on top (a NaN last), and each series' confidence
// intervals (Lo, Hi) as whiskers over its bars.
//
// The whiskers are a custom series whose renderItem is the name
// "whiskers": a chart's option is JSON (it travels in a data attribute),
// so app.js puts the drawing function in its place. Each datum is [lo, hi,
// category, series k, series n]; the bars are laid out with barGap 0 and
// barCategoryGap 30 %, so bar k of n is centred at
// -0.35 + 0.7·(k+0.5)/n of the category's band, where app.js draws it.
func indexOption(c *report.IndexChart) map[string]any {
	o := base(report.Frame{Title: c.Title, Source: c.Source})
	order := make([]int, len(c.Params))
	for i := range order {
		order[i] = i
	}
	key := func(i int) float64 {
		if len(c.Series) == 0 || math.IsNaN(c.Series[0].Values[i]) {
			return math.Inf(-1)
		}
		return math.Abs(c.Series[0].Values[i])
	}
	// ECharts draws the first category at the bottom: ascending order puts
	// the largest on top.
	sort.SliceStable(order, func(a, b int) bool { return key(order[a]) < key(order[b]) })
	labels := make([]string, len(order))
	for k, i := range order {
		labels[k] = c.Params[i]
	}
	var series []any
	for _, s := range c.Series {
		data := make([]any, len(order))
		for k, i := range order {
			data[k] = num(s.Values[i])
		}
		series = append(series, map[string]any{"name": s.Name, "type": "bar", "data": data, "barGap": "0%", "barCategoryGap": "30%"})
	}
	for si, s := range c.Series {
		if len(s.Lo) != len(s.Values) || len(s.Hi) != len(s.Values) {
			continue
		}
		var data []any
		for k, i := range order {
			lo, hi := s.Lo[i], s.Hi[i]
			if math.IsNaN(lo) || math.IsNaN(hi) || math.IsInf(lo, 0) || math.IsInf(hi, 0) {
				continue
			}
			data = append(data, []any{lo, hi, k, si, len(c.Series)})
		}
		if len(data) == 0 {
			continue
		}
		// The whiskers share their bars' name: the legend shows and hides
		// both.
		series = append(series, map[string]any{"name": s.Name, "type": "custom", "renderItem": "whiskers", "data": data,
			"encode": map[string]any{"x": []int{0, 1}, "y": 2}, "z": 3, "tooltip": map[string]any{"show": false}})
	}
	o["tooltip"] = map[string]any{"trigger": "axis", "axisPointer": map[string]any{"type": "shadow"}}
	o["xAxis"] = axis("value", c.XLabel)
	o["yAxis"] = map[string]any{"type": "category", "data": labels}
	o["series"] = series
	return o
}
