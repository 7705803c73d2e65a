package cli

import (
	"math"
	"strings"

	"github.com/infragame/infragame/tender"
	"github.com/infragame/infragame/units"
)

// A tender parameter that is a rate or share (offers.japan.loan.rate,
// host.discount_rate) holds a decimal fraction. Written with the suffix
// _pct (offers.japan.loan.rate_pct), as its field is in the file, the
// commands that take a parameter (tender breakeven, tender map) take its
// range and show its values in percent.

// pctParam returns the tender parameter named by name and whether name
// gives it in percent (the suffix _pct on a rate or share,
// tender.PctParam). A _pct name on anything else is a usage error.
func pctParam(name string) (string, bool, error) {
	base, pct := tender.PctParam(name)
	if !pct && strings.HasSuffix(name, "_pct") {
		return "", false, usagef("%s: %s is not a rate or share, so it has no _pct form; give it without _pct", name, strings.TrimSuffix(name, "_pct"))
	}
	return base, pct, nil
}

// toFraction converts a percentage to a fraction (NaN stays NaN).
func toFraction(v float64) float64 {
	if math.IsNaN(v) {
		return v
	}
	return units.FractionOf(v)
}

// toPercent converts a fraction to a percentage (units.PercentOf).
func toPercent(v float64) float64 { return units.PercentOf(v) }

func toPercents(vs []float64) []float64 {
	out := make([]float64, len(vs))
	for i, v := range vs {
		out[i] = toPercent(v)
	}
	return out
}
