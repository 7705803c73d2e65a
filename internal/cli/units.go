package cli

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/spf13/pflag"

	"github.com/infragame/infragame/units"
)

// pctValue is a flag holding a percentage: "2" and "2%" both mean 2 %.
// Its errors echo what the user typed.
type pctValue struct{ p *float64 }

// pctFlag returns a percentage flag value stored in *p, set to def.
func pctFlag(p *float64, def float64) pflag.Value {
	*p = def
	return pctValue{p}
}

func (v pctValue) Set(s string) error {
	t := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "%"))
	f, err := strconv.ParseFloat(t, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return fmt.Errorf("%q is not a percentage (write 2 or 2%% for 2 %%)", s)
	}
	*v.p = f
	return nil
}

func (v pctValue) String() string {
	if v.p == nil {
		return "0"
	}
	return strconv.FormatFloat(*v.p, 'g', -1, 64)
}

func (v pctValue) Type() string { return "percent" }

// plausible refuses a value almost certainly on the wrong scale (see package
// units) unless --allow-unusual was given. typed is what the user wrote,
// echoed in the message; where names the flag or field.
func (a *App) plausible(where string, k units.Kind, s units.Scale, v float64) error {
	if a.AllowUnusual {
		return nil
	}
	if u := units.Check(k, s, v); u != nil {
		return usagef("%s: %v", where, u)
	}
	return nil
}

// unitOptions passes --allow-unusual to the domain readers.
func (a *App) unitOptions() units.Options { return units.Options{AllowUnusual: a.AllowUnusual} }
