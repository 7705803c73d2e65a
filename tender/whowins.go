package tender

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"sort"

	"github.com/infragame/infragame/mc"
	"github.com/infragame/infragame/units"
)

// ErrNoBreakEven is returned when the winner does not change in the range.
var ErrNoBreakEven = errors.New("tender: no break-even in range")

// margin returns the base winner's lead over the best other offer at the
// current inputs: score(winner) - max_{j≠winner} score(j). It is negative
// when winner no longer wins.
func margin(t *Tender, winner string) (float64, string, error) {
	r, err := evaluate(t, nil)
	if err != nil {
		return 0, "", err
	}
	var ws, best = math.NaN(), math.Inf(-1)
	for _, o := range r.Offers {
		if o.ID == winner {
			ws = o.Score
		} else if o.Score > best {
			best = o.Score
		}
	}
	return ws - best, r.Winner, nil
}

// BreakEven is the result of a break-even search for one parameter.
type BreakEven struct {
	Param string  `json:"param"`
	Base  float64 `json:"base"`
	// Winner at the base value and the range searched.
	Winner string  `json:"winner"`
	Lo     float64 `json:"lo"`
	Hi     float64 `json:"hi"`
	// Points are the values in [Lo, Hi] where the winner changes, nearest
	// to the base first, each with the winner just beyond it.
	Points []BreakPoint `json:"points"`
}

// BreakPoint is one winner change.
type BreakPoint struct {
	Value float64 `json:"value"`
	// Change is Value/Base - 1, the relative change from the base, a
	// decimal fraction (the JSON document's change_pct is in percent,
	// [BreakPoint.MarshalJSON]); nil (null) when Base is 0 (no relative
	// change exists); Delta is Value - Base.
	Change *float64 `json:"-"`
	Delta  float64  `json:"delta"`
	// NewWinner wins just past Value, moving away from the base.
	NewWinner string `json:"new_winner"`
}

// MarshalJSON writes the point with the relative change in percent
// (change_pct: -25 is 25 % below the base).
func (p BreakPoint) MarshalJSON() ([]byte, error) {
	var pct *float64
	if p.Change != nil {
		c := units.PercentOf(*p.Change)
		pct = &c
	}
	return json.Marshal(struct {
		Value     float64  `json:"value"`
		ChangePct *float64 `json:"change_pct"`
		Delta     float64  `json:"delta"`
		NewWinner string   `json:"new_winner"`
	}{p.Value, pct, p.Delta, p.NewWinner})
}

// DefaultRange returns the search range used when none is given: base ±
// 2·|base| (±1 when base is 0), intersected with the parameter's valid
// range.
func DefaultRange(p mc.Param, base float64) (lo, hi float64) {
	span := 2 * math.Abs(base)
	if span == 0 {
		span = 1
	}
	lo, hi = p.Clamp(base-span), p.Clamp(base+span)
	if math.IsInf(hi, 1) {
		hi = base + span
	}
	return lo, hi
}

// FindBreakEven finds every value of param in [lo, hi] at which the winner
// changes: it scans `steps` equal intervals (≤ 0: 200) for sign changes of
// the base winner's margin, score(winner) - max_{j≠winner} score(j), and refines each by bisection to
// a relative width of 1e-9 (absolute 1e-12 near 0). lo = hi = NaN selects
// [DefaultRange]. An unknown name is an error listing the valid names;
// when the winner never changes the error wraps [ErrNoBreakEven] and says
// who wins throughout.
func FindBreakEven(t Tender, param string, lo, hi float64, steps int) (BreakEven, error) {
	if err := t.Validate(); err != nil {
		return BreakEven{}, err
	}
	w := t.Clone()
	p, err := mc.FindParam(w.Params(), param)
	if err != nil {
		return BreakEven{}, err
	}
	base := *p.Ptr
	if math.IsNaN(lo) && math.IsNaN(hi) {
		lo, hi = DefaultRange(p, base)
	}
	if !(lo < hi) {
		return BreakEven{}, &rangeError{fmt.Sprintf("%s: range [%g, %g] is empty (min must be < max)", param, lo, hi)}
	}
	if err := p.Check(lo); err != nil {
		return BreakEven{}, fmt.Errorf("range min: %w", err)
	}
	if err := p.Check(hi); err != nil {
		return BreakEven{}, fmt.Errorf("range max: %w", err)
	}
	r0, err := evaluate(&w, nil)
	if err != nil {
		return BreakEven{}, err
	}
	be := BreakEven{Param: param, Base: base, Winner: r0.Winner, Lo: lo, Hi: hi}
	if len(r0.Offers) < 2 {
		return be, fmt.Errorf("%w: only one offer", ErrNoBreakEven)
	}
	m := func(x float64) (float64, string) {
		c := t.Clone()
		if err := c.Set(param, x); err != nil {
			return math.NaN(), ""
		}
		v, win, err := margin(&c, r0.Winner)
		if err != nil {
			return math.NaN(), ""
		}
		return v, win
	}
	if steps <= 0 {
		steps = 200
	}
	xs := make([]float64, steps+1)
	ms := make([]float64, steps+1)
	for i := range xs {
		xs[i] = lo + (hi-lo)*float64(i)/float64(steps)
		ms[i], _ = m(xs[i])
	}
	for i := 0; i < steps; i++ {
		a, b := xs[i], xs[i+1]
		fa, fb := ms[i], ms[i+1]
		if math.IsNaN(fa) || math.IsNaN(fb) || (fa > 0) == (fb > 0) {
			continue
		}
		// Bisect on the sign of the margin (> 0: base winner still wins).
		for range 200 {
			tol := 1e-9 * math.Max(math.Abs(a), math.Abs(b))
			if tol < 1e-12 {
				tol = 1e-12
			}
			if b-a <= tol {
				break
			}
			mid := a + (b-a)/2
			fm, _ := m(mid)
			if (fm > 0) == (fa > 0) {
				a, fa = mid, fm
			} else {
				b = mid
			}
		}
		x := a + (b-a)/2
		// The winner beyond x, moving away from the base: at the grid point
		// that closes the interval on that side (the margin is ≤ 0 there,
		// strictly unless the scores tie exactly).
		// On an exact tie at that point the input order keeps the base
		// winner first, so look one grid point further.
		k, dk := i+1, 1
		if x < base {
			k, dk = i, -1
		}
		_, nw := m(xs[k])
		for nw == r0.Winner && k+dk >= 0 && k+dk <= steps {
			k += dk
			_, nw = m(xs[k])
		}
		var ch *float64
		if base != 0 {
			c := x/base - 1
			ch = &c
		}
		be.Points = append(be.Points, BreakPoint{Value: x, Change: ch, Delta: x - base, NewWinner: nw})
	}
	sort.SliceStable(be.Points, func(i, j int) bool {
		return math.Abs(be.Points[i].Value-base) < math.Abs(be.Points[j].Value-base)
	})
	if len(be.Points) == 0 {
		return be, fmt.Errorf("%w: %s wins for every %s in [%g, %g] (base %g); widen the range with --min/--max",
			ErrNoBreakEven, r0.Winner, param, lo, hi, base)
	}
	return be, nil
}

// TornadoBar is the base winner's margin with one input moved by ±X %.
// Base, Low and High are in the parameter's units (a rate or share as a
// decimal fraction); the JSON document names a rate or share NAME_pct and
// gives its values in percent ([TornadoBar.MarshalJSON], [ShownParam]).
type TornadoBar struct {
	Param      string  `json:"param"`
	Base       float64 `json:"base"`
	Low        float64 `json:"low_value"`
	High       float64 `json:"high_value"`
	MarginLow  float64 `json:"margin_low"`
	MarginHigh float64 `json:"margin_high"`
	WinnerLow  string  `json:"winner_low"`
	WinnerHigh string  `json:"winner_high"`
	// Swing = |MarginHigh - MarginLow|; bars are sorted by it.
	Swing float64 `json:"swing"`
}

// MarshalJSON writes the bar with a rate or share under its _pct name and
// in percent (offers.japan.share_financed_pct: base 75, low 60, high 90).
func (b TornadoBar) MarshalJSON() ([]byte, error) {
	type plain TornadoBar
	p := plain(b)
	var pct bool
	p.Param, pct = ShownParam(b.Param)
	p.Base, p.Low, p.High = ShowParam(b.Base, pct), ShowParam(b.Low, pct), ShowParam(b.High, pct)
	return json.Marshal(p)
}

// Tornado is the sensitivity of the winner's margin to every input. Frac
// is the change of each input, a fraction (0.2 = ±20 %); the JSON document
// gives it in percent as change_pct.
type Tornado struct {
	Winner string       `json:"winner"`
	Margin float64      `json:"margin"`
	Frac   float64      `json:"-"`
	Bars   []TornadoBar `json:"bars"`
}

// MarshalJSON writes the tornado with the change of each input in percent
// (change_pct: 20 is ±20 %).
func (t Tornado) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Winner    string       `json:"winner"`
		Margin    float64      `json:"margin"`
		ChangePct float64      `json:"change_pct"`
		Bars      []TornadoBar `json:"bars"`
	}{t.Winner, t.Margin, units.PercentOf(t.Frac), t.Bars})
}

// MakeTornado moves every non-zero numeric input, one at a time, to
// base·(1-frac) and base·(1+frac) (clamped to its valid range) and records
// the base winner's margin and the winner. Inputs that do not change the
// margin are left out.
func MakeTornado(t Tender, frac float64) (Tornado, error) {
	if !(frac > 0) || math.IsInf(frac, 0) {
		return Tornado{}, fmt.Errorf("tornado: fraction must be > 0, got %g", frac)
	}
	if err := t.Validate(); err != nil {
		return Tornado{}, err
	}
	w := t.Clone()
	r0, err := evaluate(&w, nil)
	if err != nil {
		return Tornado{}, err
	}
	m0, _, _ := margin(&w, r0.Winner)
	tor := Tornado{Winner: r0.Winner, Margin: m0, Frac: frac}
	for _, p := range w.Params() {
		base := *p.Ptr
		if base == 0 {
			continue
		}
		bar := TornadoBar{Param: p.Name, Base: base, Low: p.Clamp(base * (1 - frac)), High: p.Clamp(base * (1 + frac))}
		if bar.Low > bar.High {
			bar.Low, bar.High = bar.High, bar.Low
		}
		ok := true
		for _, side := range []struct {
			x   float64
			m   *float64
			win *string
		}{{bar.Low, &bar.MarginLow, &bar.WinnerLow}, {bar.High, &bar.MarginHigh, &bar.WinnerHigh}} {
			c := t.Clone()
			if err := c.Set(p.Name, side.x); err != nil {
				ok = false
				break
			}
			if c.Validate() != nil {
				ok = false
				break
			}
			*side.m, *side.win, err = margin(&c, r0.Winner)
			if err != nil {
				ok = false
				break
			}
		}
		bar.Swing = math.Abs(bar.MarginHigh - bar.MarginLow)
		if ok && bar.Swing > 1e-12*math.Max(1, math.Abs(m0)) {
			tor.Bars = append(tor.Bars, bar)
		}
	}
	sort.SliceStable(tor.Bars, func(i, j int) bool { return tor.Bars[i].Swing > tor.Bars[j].Swing })
	return tor, nil
}

// Map is the winner over a grid of two parameters: Winner[j][i] and
// Margin[j][i] (winner's lead over the runner-up) at (X[i], Y[j]).
type Map struct {
	XParam string      `json:"x_param"`
	YParam string      `json:"y_param"`
	X      []float64   `json:"x"`
	Y      []float64   `json:"y"`
	Winner [][]string  `json:"winner"`
	Margin [][]float64 `json:"margin"`
}

// Linspace returns n ≥ 2 equally spaced values from lo to hi.
func Linspace(lo, hi float64, n int) []float64 {
	if n < 2 {
		return []float64{lo}
	}
	xs := make([]float64, n)
	for i := range xs {
		xs[i] = lo + (hi-lo)*float64(i)/float64(n-1)
	}
	return xs
}

// WinnerMap evaluates t at every (x, y) of the grid. Each cell is a full
// evaluation with both parameters set, so it agrees with [Evaluate].
// progress, if non-nil, is called with the number of cells done after each
// row; a cancelled ctx stops the map with ctx's error.
func WinnerMap(ctx context.Context, t Tender, xParam string, xs []float64, yParam string, ys []float64, progress func(done int)) (Map, error) {
	if err := t.Validate(); err != nil {
		return Map{}, err
	}
	if xParam == yParam {
		return Map{}, fmt.Errorf("map: x and y are the same parameter %q", xParam)
	}
	w := t.Clone()
	for _, n := range []string{xParam, yParam} {
		if _, err := mc.FindParam(w.Params(), n); err != nil {
			return Map{}, err
		}
	}
	mp := Map{XParam: xParam, YParam: yParam, X: xs, Y: ys}
	for j, y := range ys {
		if err := ctx.Err(); err != nil {
			return Map{}, err
		}
		wr := make([]string, len(xs))
		mr := make([]float64, len(xs))
		for i, x := range xs {
			c := t.Clone()
			if err := c.Set(xParam, x); err != nil {
				return Map{}, err
			}
			if err := c.Set(yParam, y); err != nil {
				return Map{}, err
			}
			r, err := Evaluate(c)
			if err != nil {
				return Map{}, fmt.Errorf("map at %s=%g, %s=%g: %w", xParam, x, yParam, y, err)
			}
			wr[i], mr[i] = r.Winner, r.Margin
		}
		mp.Winner = append(mp.Winner, wr)
		mp.Margin = append(mp.Margin, mr)
		if progress != nil {
			progress((j + 1) * len(xs))
		}
	}
	return mp, nil
}

// FindBreakEvenNamed is [FindBreakEven] with the parameter named as a user
// names it: a rate or share given as NAME_pct ([PctParam]) takes lo and hi
// in percent and reports Base, Lo, Hi and each point's Value and Delta in
// percent under that name; any other name is FindBreakEven's. The command
// line and the web app call it alike.
func FindBreakEvenNamed(t Tender, param string, lo, hi float64, steps int) (BreakEven, error) {
	name, pct := PctParam(param)
	if !pct {
		return FindBreakEven(t, name, lo, hi, steps)
	}
	frac := func(v float64) float64 {
		if math.IsNaN(v) {
			return v
		}
		return units.FractionOf(v)
	}
	be, err := FindBreakEven(t, name, frac(lo), frac(hi), steps)
	be.Param, be.Base, be.Lo, be.Hi = param, units.PercentOf(be.Base), units.PercentOf(be.Lo), units.PercentOf(be.Hi)
	for i := range be.Points {
		p := &be.Points[i]
		p.Value, p.Delta = units.PercentOf(p.Value), units.PercentOf(p.Delta)
	}
	return be, err
}
