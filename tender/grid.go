package tender

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// ParseGrid parses a grid of parameter values written "start:stop:step"
// (inclusive; each value rounded to 9 decimals so 0.1 steps print as
// written; at most 1000 points) or "a,b,c", as the command line's map
// and surface flags and the web app's query fields take them.
func ParseGrid(s string) ([]float64, error) {
	s = strings.TrimSpace(s)
	if strings.Contains(s, ":") {
		p := strings.Split(s, ":")
		if len(p) != 3 {
			return nil, fmt.Errorf("%q: want start:stop:step", s)
		}
		var v [3]float64
		for i := range p {
			x, err := strconv.ParseFloat(strings.TrimSpace(p[i]), 64)
			if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
				return nil, fmt.Errorf("%q is not a number", p[i])
			}
			v[i] = x
		}
		if v[2] <= 0 || v[1] < v[0] {
			return nil, fmt.Errorf("%q: want start ≤ stop and step > 0", s)
		}
		n := int(math.Floor((v[1]-v[0])/v[2]+1e-9)) + 1
		if n > 1000 {
			return nil, fmt.Errorf("%q gives %d points (at most 1000)", s, n)
		}
		out := make([]float64, n)
		for i := range out {
			out[i] = math.Round((v[0]+float64(i)*v[2])*1e9) / 1e9
		}
		return out, nil
	}
	var out []float64
	for _, p := range strings.Split(s, ",") {
		x, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
			return nil, fmt.Errorf("%q is not a number", p)
		}
		out = append(out, x)
	}
	return out, nil
}
