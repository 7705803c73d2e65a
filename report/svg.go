package report

import (
	"fmt"
	"html"
	"io"
	"math"
	"strings"
)

// Heatmap is a grid chart over two parameters. Z[j][i] is the value at
// (X[i], Y[j]). When Labels is non-nil the map is categorical: Labels[j][i]
// names the category of each cell (for example the winning offer) and the
// colours come from a fixed qualitative palette; otherwise Z is coloured on a
// continuous blue–yellow scale between its minimum and maximum. NaN cells are
// drawn grey.
type Heatmap struct {
	Title, XLabel, YLabel, ZLabel string
	// Source is printed under the chart.
	Source string
	X, Y   []float64
	Z      [][]float64
	Labels [][]string
}

var palette = []string{"#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#666666"}

// WriteSVG writes the heat map as a standalone SVG document.
func (h *Heatmap) WriteSVG(w io.Writer) error {
	nx, ny := len(h.X), len(h.Y)
	if nx == 0 || ny == 0 {
		return fmt.Errorf("report: heat map has no cells")
	}
	const left, top, cellMax, legendW = 80, 40, 40, 170
	cw := math.Max(4, math.Min(cellMax, 600/float64(nx)))
	ch := math.Max(4, math.Min(cellMax, 400/float64(ny)))
	width := left + cw*float64(nx) + legendW
	height := top + ch*float64(ny) + 60
	if h.Source != "" {
		height += 16
	}
	height = math.Max(height, top+14*12+40)
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%.0f" height="%.0f" viewBox="0 0 %.0f %.0f" font-family='%s' font-size="11">`+"\n", width, height, width, height, FontFamily)
	fmt.Fprintf(&b, `<rect x="0" y="0" width="%.0f" height="%.0f" fill="#ffffff"/>`+"\n", width, height)
	fmt.Fprintf(&b, `<text class="title" x="%d" y="20" font-size="14" font-weight="bold">%s</text>`+"\n", 16, html.EscapeString(h.Title))
	if h.Source != "" {
		fmt.Fprintf(&b, `<text class="source" x="16" y="%.0f" font-size="10" fill="#555555">%s</text>`+"\n", height-8, html.EscapeString(h.Source))
	}
	zmin, zmax := math.Inf(1), math.Inf(-1)
	for _, row := range h.Z {
		for _, z := range row {
			if !math.IsNaN(z) {
				zmin, zmax = math.Min(zmin, z), math.Max(zmax, z)
			}
		}
	}
	cats := map[string]string{}
	var order []string
	for j := 0; j < ny; j++ {
		for i := 0; i < nx; i++ {
			fill := "#cccccc"
			title := ""
			z := math.NaN()
			if j < len(h.Z) && i < len(h.Z[j]) {
				z = h.Z[j][i]
			}
			if h.Labels != nil {
				l := h.Labels[j][i]
				c, ok := cats[l]
				if !ok {
					c = palette[len(order)%len(palette)]
					cats[l] = c
					order = append(order, l)
				}
				fill, title = c, l
			} else if !math.IsNaN(z) {
				t := 0.5
				if zmax > zmin {
					t = (z - zmin) / (zmax - zmin)
				}
				fill = ramp(t)
			}
			if !math.IsNaN(z) {
				title = strings.TrimSpace(title + " " + FormatFloat(z))
			}
			// row 0 at the bottom, as on a chart
			y := float64(top) + ch*float64(ny-1-j)
			fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"><title>%s=%s, %s=%s: %s</title></rect>`+"\n",
				float64(left)+cw*float64(i), y, cw, ch, fill,
				html.EscapeString(h.XLabel), FormatFloat(h.X[i]), html.EscapeString(h.YLabel), FormatFloat(h.Y[j]), html.EscapeString(title))
		}
	}
	// axis ticks: at most ~8 labels per axis
	stepX := max(1, nx/8)
	for i := 0; i < nx; i += stepX {
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="middle">%s</text>`+"\n", float64(left)+cw*(float64(i)+0.5), float64(top)+ch*float64(ny)+14, FormatFloat(h.X[i]))
	}
	stepY := max(1, ny/8)
	for j := 0; j < ny; j += stepY {
		fmt.Fprintf(&b, `<text x="%d" y="%.1f" text-anchor="end">%s</text>`+"\n", left-4, float64(top)+ch*(float64(ny-1-j)+0.5)+4, FormatFloat(h.Y[j]))
	}
	fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="middle">%s</text>`+"\n", float64(left)+cw*float64(nx)/2, float64(top)+ch*float64(ny)+34, html.EscapeString(h.XLabel))
	fmt.Fprintf(&b, `<text x="14" y="%.1f" transform="rotate(-90 14 %.1f)" text-anchor="middle">%s</text>`+"\n", float64(top)+ch*float64(ny)/2, float64(top)+ch*float64(ny)/2, html.EscapeString(h.YLabel))
	lx := float64(left) + cw*float64(nx) + 16
	if h.Labels != nil {
		for k, l := range order {
			fmt.Fprintf(&b, `<rect x="%.1f" y="%d" width="12" height="12" fill="%s"/><text x="%.1f" y="%d">%s</text>`+"\n", lx, top+18*k, cats[l], lx+16, top+18*k+10, html.EscapeString(l))
		}
	} else if !math.IsInf(zmin, 1) {
		for k := 0; k <= 10; k++ {
			t := float64(10-k) / 10
			fmt.Fprintf(&b, `<rect x="%.1f" y="%d" width="14" height="14" fill="%s"/>`+"\n", lx, top+14*k, ramp(t))
		}
		fmt.Fprintf(&b, `<text x="%.1f" y="%d">%s</text>`+"\n", lx+20, top+10, FormatFloat(zmax))
		fmt.Fprintf(&b, `<text x="%.1f" y="%d">%s</text>`+"\n", lx+20, top+14*10+10, FormatFloat(zmin))
		fmt.Fprintf(&b, `<text x="%.1f" y="%d">%s</text>`+"\n", lx, top+14*11+16, html.EscapeString(h.ZLabel))
	}
	b.WriteString("</svg>\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// ramp maps t in [0,1] to a colour from dark blue through green to yellow
// (an approximation of the viridis scale).
func ramp(t float64) string {
	t = math.Max(0, math.Min(1, t))
	stops := [][3]float64{{68, 1, 84}, {59, 82, 139}, {33, 145, 140}, {94, 201, 98}, {253, 231, 37}}
	p := t * float64(len(stops)-1)
	k := int(math.Floor(p))
	if k >= len(stops)-1 {
		k = len(stops) - 2
	}
	f := p - float64(k)
	c := [3]float64{}
	for i := range c {
		c[i] = stops[k][i] + f*(stops[k+1][i]-stops[k][i])
	}
	return fmt.Sprintf("#%02x%02x%02x", int(c[0]+0.5), int(c[1]+0.5), int(c[2]+0.5))
}
