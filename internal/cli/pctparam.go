package cli

import (
	"math"
	"strconv"
	"strings"

	"github.com/infragame/infragame/tender"
	"github.com/infragame/infragame/units"
)

// A tender parameter that is a rate or share (offers.japan.loan.rate,
// host.discount_rate) holds a decimal fraction. Written with the suffix
// _pct (offers.japan.loan.rate_pct), as its field is in the file, the
// commands that take a parameter (tender breakeven, tender map) take its
// range and show its values in percent.

// rateParams are the last names of the tender parameters that are rates or
// shares: those of the file's _pct fields (tender.PctFields).
func rateParams() map[string]bool {
	m := map[string]bool{}
	for _, f := range tender.PctFields() {
		p := strings.Split(f.Path, ".")
		m[p[len(p)-1]] = true
	}
	return m
}

// pctParam returns the tender parameter named by name and whether name
// gives it in percent (the suffix _pct on a rate or share). A _pct name on
// anything else is a usage error.
func pctParam(name string) (string, bool, error) {
	base, ok := strings.CutSuffix(name, "_pct")
	if !ok {
		return name, false, nil
	}
	segs := strings.Split(base, ".")
	if !rateParams()[segs[len(segs)-1]] || strings.Contains(base, ".weights.") || strings.Contains(base, ".values.") {
		return "", false, usagef("%s: %s is not a rate or share, so it has no _pct form; give it without _pct", name, base)
	}
	return base, true, nil
}

// toFraction converts a percentage to a fraction (NaN stays NaN).
func toFraction(v float64) float64 {
	if math.IsNaN(v) {
		return v
	}
	return units.FractionOf(v)
}

// toPercent converts a fraction to a percentage by moving the decimal point
// of its shortest form (0.0346 gives 3.46, not 3.4599999999999995).
func toPercent(v float64) float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return v
	}
	s, err := units.ShiftDecimal(strconv.FormatFloat(v, 'f', -1, 64), 2)
	if err != nil {
		return 100 * v
	}
	p, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 100 * v
	}
	return p
}

func toPercents(vs []float64) []float64 {
	out := make([]float64, len(vs))
	for i, v := range vs {
		out[i] = toPercent(v)
	}
	return out
}
