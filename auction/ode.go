package auction

import (
	"context"
	"fmt"
	"math"
	"sort"
)

// shooter integrates the inverse-bid system of a first-price auction in
// value coordinates downward from a trial top bid. With m active bidders,
// inverse bids φ_i(b) and H_i(x) = F_i(x)/f_i(x),
//
//	φ_i'(b) = H_i(φ_i) · [ 1/(m−1) · Σ_j 1/(φ_j − b) − 1/(φ_i − b) ],
//
// the first-order conditions Σ_{j≠i} d/db ln F_j(φ_j(b)) = 1/(φ_i − b)
// solved for the derivatives (Marshall, Meurer, Richard & Stromquist 1994;
// Fibich & Gavish 2011, eq. 2).
type shooter struct {
	d      []Dist
	lo, hi []float64
	bLow   float64
	span   float64
	// active[i]: bidder i's inverse bid is below its highest type at the
	// current bid (a bidder with a low highest type enters below the top
	// bid, where its top type's first-order condition S(b) = 1/(h_i − b)
	// starts to hold).
	active []bool
	// tab[i], when set, tabulates F_i/f_i for distributions whose CDF and
	// density are costly (normal, log-normal, beta).
	tab []*ratioTable
	// linK[i] > 0 when F_i/f_i = (x − ℓ_i)/linK[i] exactly.
	linK []float64
	// poly[i], when set, evaluates F_i/f_i of a beta distribution with
	// integer shape parameters in closed form.
	poly []*betaPoly
	// emp[i], when set, evaluates F_i/f_i of an empirical distribution
	// with a remembered segment (emp is nil without one).
	emp []*empRatio
	// stepCap, when positive, bounds the steps of a shot further.
	stepCap int
	// evals counts right-hand-side evaluations.
	evals int
	// ctx, when set, is polled every cancelEvery steps of a shot; err is
	// set (and the shot abandoned) once it is done.
	ctx context.Context
	err error
	// scratch
	k     [7][]float64
	y, yt []float64
	inv   []float64
	yi    []float64
	d0    []float64
	// order lists the bidders by highest type, descending.
	order []int
	// lowGap is the smallest gap ratio (φ_i − b)/(b − bLow) of an active
	// bidder above its lower bound over the accepted steps of the last
	// too-low shot; 0 before the first.
	lowGap float64
	// miss measures how far the last shot missed the bottom: for a
	// too-high shot (b_stop − bLow)/span > 0, where it stopped; for a
	// too-low one −max_i (φ_i(bLow) − max(ℓ_i, bLow))/span ≤ 0. Both tend
	// to 0 as the trial top bid tends to the equilibrium one.
	miss float64
}

// Too-high test: a shot is too high once an active inverse bid above its
// lower bound comes closer to the diagonal than gapFloor·(b − bLow), or
// closer than gapShare times the smallest gap ratio of the last shot that
// reached the bottom. Successive too-low shots' smallest gap ratios differ
// by at most a factor 2.5 in the benchmark auctions (they settle as the
// bracket narrows: 0.1119 for ten bidders), while a too-high shot runs
// into the diagonal, so the share 1/100 classifies the same shots, earlier.
const (
	gapFloor = 1e-6
	gapShare = 1e-2
)

// maxShotSteps bounds the steps of every shot. (A bound relative to the
// last too-low shot's steps was tried: it refused 11 more auctions of the
// random family, whose shots' lengths vary more from shot to shot.)
const maxShotSteps = 5000

func newShooter(d []Dist, bLow float64) *shooter {
	m := len(d)
	s := &shooter{d: d, lo: make([]float64, m), hi: make([]float64, m), bLow: bLow}
	hmax := math.Inf(-1)
	for i, di := range d {
		s.lo[i], s.hi[i] = di.Support()
		hmax = math.Max(hmax, s.hi[i])
	}
	s.span = hmax - bLow
	for i := range s.k {
		s.k[i] = make([]float64, m)
	}
	s.y = make([]float64, m)
	s.inv = make([]float64, m)
	s.yi = make([]float64, m)
	s.active = make([]bool, m)
	s.tab = make([]*ratioTable, m)
	s.linK = make([]float64, m)
	s.poly = make([]*betaPoly, m)
	for i, di := range d {
		if bd, ok := di.(Beta); ok {
			s.poly[i] = newBetaPoly(bd)
		}
		if bc, ok := di.(*betaCached); ok {
			s.poly[i] = newBetaPoly(bc.b)
		}
		if ed, ok := di.(Empirical); ok {
			if s.emp == nil {
				s.emp = make([]*empRatio, m)
			}
			s.emp[i] = &empRatio{x: ed.X, p: ed.P}
		}
		switch t := di.(type) {
		case Uniform:
			s.linK[i] = 1
		case Power:
			s.linK[i] = t.Exponent
		case reflected:
			if _, ok := t.d.(Uniform); ok {
				s.linK[i] = 1
			}
			if pw, ok := t.d.(Power); ok && pw.Exponent == 1 {
				s.linK[i] = 1
			}
		}
		switch t := di.(type) {
		case reflected:
			di = t.d
		}
		switch di.(type) {
		case TruncNormal, TruncLogNormal, Beta, *truncCached, *betaCached:
			s.tab[i] = newRatioTable(s, i)
		}
	}
	s.yt = make([]float64, m)
	s.d0 = make([]float64, m)
	s.order = make([]int, m)
	for i := range s.order {
		s.order[i] = i
	}
	sort.Slice(s.order, func(a, b int) bool { return s.hi[s.order[a]] > s.hi[s.order[b]] })
	return s
}

// ratio returns F(x)/f(x) for bidder i, 0 at or below the lower bound.
func (s *shooter) ratio(i int, x float64) float64 {
	if k := s.linK[i]; k > 0 {
		// F/f = (x − ℓ)/k for uniform (k = 1) and power distributions.
		if x <= s.lo[i] {
			return 0
		}
		if x > s.hi[i] {
			x = s.hi[i]
		}
		return (x - s.lo[i]) / k
	}
	if t := s.tab[i]; t != nil {
		if v, ok := t.at(x); ok {
			return v
		}
	}
	return s.ratioExact(i, x)
}

func (s *shooter) ratioExact(i int, x float64) float64 {
	if x <= s.lo[i] {
		return 0
	}
	if x > s.hi[i] {
		x = s.hi[i]
	}
	if p := s.poly[i]; p != nil {
		return p.ratio(x, 1e6*s.span)
	}
	if s.emp != nil && s.emp[i] != nil {
		return s.emp[i].ratio(x, 1e6*s.span)
	}
	f := s.d[i].PDF(x)
	F := s.d[i].CDF(x)
	if !(f > 0) {
		return 1e6 * s.span
	}
	return F / f
}

// rhs evaluates φ'(b) for the active bidders (0 for the others); it
// returns false when some active φ_j ≤ b (a bidder's inverse bid has
// reached the diagonal) or a value is not finite.
func (s *shooter) rhs(b float64, phi, out []float64) bool {
	s.evals++
	if len(phi) == 2 && s.active[0] && s.active[1] {
		return s.rhs2(b, phi, out)
	}
	// The same arithmetic as sumS, keeping the reciprocal gaps; x−x ≠ 0
	// tests for an infinite or NaN x. (The per-bidder slices are cut to
	// len(phi) so that their indexing needs no bounds checks.)
	n := len(phi)
	active, inv, out := s.active[:n], s.inv[:n], out[:n]
	linK, lo, hi, tab := s.linK[:n], s.lo[:n], s.hi[:n], s.tab[:n]
	S := 0.0
	m := 0
	for j, p := range phi {
		if !active[j] {
			continue
		}
		dd := p - b
		if !(dd > 0) || p-p != 0 {
			return false
		}
		v := 1 / dd
		inv[j] = v
		S += v
		m++
	}
	S /= float64(m - 1)
	for i, p := range phi {
		if !active[i] {
			out[i] = 0
			continue
		}
		var r float64
		if c := linK[i]; c > 0 {
			// Inline the uniform and power case of ratio.
			switch {
			case p <= lo[i]:
			case p > hi[i]:
				r = (hi[i] - lo[i]) / c
			default:
				r = (p - lo[i]) / c
			}
		} else if t := tab[i]; t != nil {
			// Inline the table case of ratio.
			v, ok := t.at(p)
			if !ok {
				v = s.ratioExact(i, p)
			}
			r = v
		} else {
			r = s.ratioExact(i, p)
		}
		o := r * (S - inv[i])
		out[i] = o
		if o-o != 0 {
			return false
		}
	}
	return true
}

// rhs2 is rhs for two active bidders, with the same arithmetic (S =
// 1/(φ_0 − b) + 1/(φ_1 − b), divided by m − 1 = 1) and the same writes,
// without the loops over the bidders: it took about 200 instructions per
// evaluation in the loops.
func (s *shooter) rhs2(b float64, phi, out []float64) bool {
	p0, p1 := phi[0], phi[1]
	d0, d1 := p0-b, p1-b
	if !(d0 > 0) || p0-p0 != 0 {
		return false
	}
	v0 := 1 / d0
	s.inv[0] = v0
	if !(d1 > 0) || p1-p1 != 0 {
		return false
	}
	v1 := 1 / d1
	s.inv[1] = v1
	S := 0.0
	S += v0
	S += v1
	S /= 1
	o0 := s.ratio2(0, p0) * (S - v0)
	out[0] = o0
	if o0-o0 != 0 {
		return false
	}
	o1 := s.ratio2(1, p1) * (S - v1)
	out[1] = o1
	return o1-o1 == 0
}

// ratio2 is F_i/f_i as rhs computes it.
func (s *shooter) ratio2(i int, p float64) float64 {
	if c := s.linK[i]; c > 0 {
		switch {
		case p <= s.lo[i]:
			return 0
		case p > s.hi[i]:
			return (s.hi[i] - s.lo[i]) / c
		}
		return (p - s.lo[i]) / c
	}
	return s.ratio(i, p)
}

// sumS returns S(b) = 1/(m−1) Σ_{active j} 1/(φ_j − b).
func (s *shooter) sumS(b float64, phi []float64) (float64, bool) {
	S := 0.0
	m := 0
	for j, p := range phi {
		if !s.active[j] {
			continue
		}
		dd := p - b
		if !(dd > 0) || math.IsInf(p, 0) || math.IsNaN(p) {
			return 0, false
		}
		S += 1 / dd
		m++
	}
	return S / float64(m-1), true
}

// cancelEvery is how many integration steps pass between two polls of
// the context (a step costs well under a microsecond per bidder).
const cancelEvery = 64

// trajectory is a solution of the inverse-bid system recorded at the
// accepted steps, b decreasing.
type trajectory struct {
	b   []float64
	phi [][]float64
	dph [][]float64
	// blocks back the rows of phi and dph, filled in order from block
	// bi, offset off; they are reused between shots (reset), so a
	// recorded shot allocates only when it is longer than every earlier
	// one, and never copies the rows it has.
	blocks  [][]float64
	bi, off int
}

// trajectoryBlock is the number of rows of a block of recorded rows.
const trajectoryBlock = 256

// reset empties t, keeping its storage.
func (t *trajectory) reset() {
	if cap(t.b) == 0 {
		// A recorded shot takes a few hundred steps (two bidders) to a
		// thousand and more (ten): start there instead of growing from 1.
		t.b = make([]float64, 0, trajectoryBlock)
		t.phi = make([][]float64, 0, trajectoryBlock)
		t.dph = make([][]float64, 0, trajectoryBlock)
	}
	t.b, t.phi, t.dph = t.b[:0], t.phi[:0], t.dph[:0]
	t.bi, t.off = 0, 0
}

// keep copies x into t's storage and returns the copy, valid until the
// trajectory is reset.
func (t *trajectory) keep(x []float64) []float64 {
	n := len(x)
	if t.bi < len(t.blocks) && t.off+n > len(t.blocks[t.bi]) {
		t.bi, t.off = t.bi+1, 0
	}
	if t.bi == len(t.blocks) {
		t.blocks = append(t.blocks, make([]float64, trajectoryBlock*n))
	}
	row := t.blocks[t.bi][t.off : t.off+n : t.off+n]
	copy(row, x)
	t.off += n
	return row
}

// Dormand–Prince 5(4) coefficients (Hairer, Nørsett & Wanner, Solving
// ODEs I, Table 5.2).
var (
	dpA = [7][6]float64{
		{},
		{1.0 / 5},
		{3.0 / 40, 9.0 / 40},
		{44.0 / 45, -56.0 / 15, 32.0 / 9},
		{19372.0 / 6561, -25360.0 / 2187, 64448.0 / 6561, -212.0 / 729},
		{9017.0 / 3168, -355.0 / 33, 46732.0 / 5247, 49.0 / 176, -5103.0 / 18656},
		{35.0 / 384, 0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84},
	}
	dpC = [7]float64{0, 1.0 / 5, 3.0 / 10, 4.0 / 5, 8.0 / 9, 1, 1}
	dpE = [7]float64{71.0 / 57600, 0, -71.0 / 16695, 71.0 / 1920, -17253.0 / 339200, 22.0 / 525, -1.0 / 40}
)

// shoot integrates downward from the top bid bTop, where every active
// bidder's highest type bids bTop. It returns true ("too high") when some
// inverse bid reaches the diagonal φ_i = b above bLow, false ("too low")
// when the integration reaches bLow without that. With rec non-nil the
// accepted steps are recorded.
func (s *shooter) shoot(bTop, tol float64, rec *trajectory) bool {
	m := len(s.d)
	y := s.y
	// Asymptotic start: near the top, G_i = F_i(φ_i) satisfies
	// G_i'/G_i = S − 1/(φ_i − b) with finite right-hand side even where
	// the density vanishes at the top of the support, so one tiny step in
	// G followed by the quantile gives φ_i(bTop − h0).
	h0 := 1e-10 * s.span
	// Active set at the top: the two bidders with the highest types, then
	// every bidder whose top type would not bid below bTop.
	order := s.order
	for i := range s.active {
		s.active[i] = false
	}
	if !(s.hi[order[1]] > bTop) {
		return s.tooHigh(bTop)
	}
	s.active[order[0]], s.active[order[1]] = true, true
	sumTop := func() float64 {
		S, c := 0.0, 0
		for i := 0; i < m; i++ {
			if s.active[i] {
				S += 1 / (s.hi[i] - bTop)
				c++
			}
		}
		return S / float64(c-1)
	}
	for _, j := range order[2:] {
		if s.hi[j] > bTop && sumTop() >= 1/(s.hi[j]-bTop) {
			s.active[j] = true
		}
	}
	S := sumTop()
	for i := 0; i < m; i++ {
		y[i] = s.hi[i]
		if !s.active[i] {
			continue
		}
		g := 1 - h0*(S-1/(s.hi[i]-bTop))
		if g < 1 {
			y[i] = s.d[i].Quantile(g)
		}
	}
	b := bTop - h0
	if rec != nil {
		rec.reset()
		rec.b = append(rec.b, bTop)
		rec.phi = append(rec.phi, rec.keep(s.hi))
		d0 := s.d0
		s.rhs(b, y, d0)
		rec.dph = append(rec.dph[:0], rec.keep(d0))
	}
	return s.run(b, -math.Min(1e-3*s.span, 0.5*(b-s.bLow)), math.Inf(1), tol, rec)
}

// run integrates the system downward from the state s.y at b (the
// active set s.active) with a first trial step h < 0 until it reaches
// bLow (too low: false) or is classified too high (true). minGap is the
// smallest gap ratio of the part of the shot above b (+Inf for none);
// with rec non-nil the accepted steps are appended to it.
func (s *shooter) run(b, h, minGap, tol float64, rec *trajectory) bool {
	y := s.y
	k := s.k
	if !s.rhs(b, y, k[0]) {
		return s.tooHigh(b)
	}
	hmin := 1e-14 * s.span
	atol := tol * s.span
	steps := 0
	gapTol := max(gapFloor, gapShare*s.lowGap)
	for b > s.bLow {
		steps++
		if steps%cancelEvery == 0 && s.ctx != nil && s.ctx.Err() != nil {
			s.err = fmt.Errorf("auction: solve stopped: %w", context.Cause(s.ctx))
			return s.tooHigh(b)
		}
		if steps > maxShotSteps || (s.stepCap > 0 && steps > s.stepCap) {
			// Normal shots take a few hundred to two thousand steps; one
			// that crawls is pressed against the diagonal.
			return s.tooHigh(b)
		}
		last := false
		if b+h <= s.bLow {
			h = s.bLow - b
			last = true
		}
		ok := true
		for st := 1; st < 7 && ok; st++ {
			s.stage(st, h, y)
			ok = s.rhs(b+dpC[st]*h, s.yt, k[st])
		}
		errNorm := 0.0
		if ok {
			errNorm = s.errNorm(h, atol, tol)
		}
		if !ok || errNorm > 1 || math.IsNaN(errNorm) {
			if -h > hmin*1.0001 {
				h *= 0.25
				if -h < hmin {
					h = -hmin
				}
				continue
			}
			// The step cannot be made small enough: the inverse bids are
			// pressed against the diagonal, which a shot from too high a
			// top bid is about to reach.
			return s.tooHigh(b)
		}
		// Accept, unless an inactive bidder enters within the step.
		bNew := b + h
		if last {
			bNew = s.bLow
		}
		if be, ye, j := s.entry(b, bNew, y, s.yt, k[0], k[6]); j >= 0 {
			for i := range y {
				if s.active[i] {
					y[i] = ye[i]
				}
			}
			y[j] = s.hi[j]
			s.active[j] = true
			b = be
			if !s.rhs(b, y, k[0]) {
				return s.tooHigh(b)
			}
			if rec != nil {
				rec.b = append(rec.b, b)
				rec.phi = append(rec.phi, rec.keep(y))
				rec.dph = append(rec.dph, rec.keep(k[0]))
			}
			continue
		}
		b = bNew
		copy(y, s.yt)
		copy(k[0], k[6])
		// An inverse bid pressed against the diagonal far above the bottom
		// (gap below gapTol of the distance to the bottom) is about to
		// hit it: the shot is too high.
		if db := b - s.bLow; db > 0 {
			active, lo := s.active[:len(y)], s.lo[:len(y)]
			for i, p := range y {
				if active[i] && p > lo[i] {
					if p-b < gapTol*db {
						return s.tooHigh(b)
					}
					minGap = min(minGap, (p-b)/db)
				}
			}
		}
		if rec != nil {
			rec.b = append(rec.b, b)
			rec.phi = append(rec.phi, rec.keep(y))
			rec.dph = append(rec.dph, rec.keep(k[0]))
		}
		h *= stepFactor(errNorm)
	}
	s.lowGap = minGap
	if math.IsInf(minGap, 1) {
		s.lowGap = 0
	}
	// How far the inverse bids end above their values at the bottom.
	over := 0.0
	for i, p := range y {
		if s.active[i] {
			over = max(over, p-max(s.lo[i], s.bLow))
		}
	}
	s.miss = -over / s.span
	return false
}

// errNorm returns the error estimate of a Dormand–Prince step h from the
// stages in s.k (s.yt the fifth-order solution): the largest over active
// bidders of |h·Σ_j e_j k_j| / (atol + tol·|yt|), NaN if any is NaN.
func (s *shooter) errNorm(h, atol, tol float64) float64 {
	m := len(s.d)
	active, yt := s.active[:m], s.yt[:m]
	k := &s.k
	k0, k1, k2, k3, k4, k5, k6 := k[0][:m], k[1][:m], k[2][:m], k[3][:m], k[4][:m], k[5][:m], k[6][:m]
	errNorm := 0.0
	for i := range active {
		if !active[i] {
			continue
		}
		// Σ_j e_j k_j in order of j, from 0.
		e := 0.0
		e += dpE[0] * k0[i]
		e += dpE[1] * k1[i]
		e += dpE[2] * k2[i]
		e += dpE[3] * k3[i]
		e += dpE[4] * k4[i]
		e += dpE[5] * k5[i]
		e += dpE[6] * k6[i]
		e *= h
		sc := atol + tol*math.Abs(yt[i])
		// max, keeping a NaN
		if v := math.Abs(e) / sc; v > errNorm || v != v {
			errNorm = v
		}
	}
	return errNorm
}

// stage sets s.yt to the state of Runge–Kutta stage st (1..6) of a step
// h from y: y + Σ_{j<st} (h·a_sj)·k_j, the terms added in order of j (so
// the sums are rounded exactly as one term at a time, zero coefficients
// included), one pass over the components with the sum in a register
// instead of st passes through memory.
func (s *shooter) stage(st int, h float64, y []float64) {
	m := len(s.d)
	yt, y := s.yt[:m], y[:m]
	k := &s.k
	k0, k1, k2, k3, k4, k5 := k[0][:m], k[1][:m], k[2][:m], k[3][:m], k[4][:m], k[5][:m]
	a := &dpA[st]
	h0, h1, h2, h3, h4, h5 := h*a[0], h*a[1], h*a[2], h*a[3], h*a[4], h*a[5]
	switch st {
	case 1:
		for i := range yt {
			yt[i] = y[i] + h0*k0[i]
		}
	case 2:
		for i := range yt {
			yt[i] = y[i] + h0*k0[i] + h1*k1[i]
		}
	case 3:
		for i := range yt {
			yt[i] = y[i] + h0*k0[i] + h1*k1[i] + h2*k2[i]
		}
	case 4:
		for i := range yt {
			yt[i] = y[i] + h0*k0[i] + h1*k1[i] + h2*k2[i] + h3*k3[i]
		}
	case 5:
		for i := range yt {
			yt[i] = y[i] + h0*k0[i] + h1*k1[i] + h2*k2[i] + h3*k3[i] + h4*k4[i]
		}
	default:
		for i := range yt {
			yt[i] = y[i] + h0*k0[i] + h1*k1[i] + h2*k2[i] + h3*k3[i] + h4*k4[i] + h5*k5[i]
		}
	}
}

// tooHigh records the bid b at which a too-high shot stopped and returns
// true.
func (s *shooter) tooHigh(b float64) bool {
	s.miss = (b - s.bLow) / s.span
	return true
}

// entry looks for an inactive bidder j whose top type starts bidding in
// the step from b0 to b1: S(b) ≥ 1/(h_j − b). It returns the entry bid
// (the largest over bidders, located by bisection on the cubic Hermite
// interpolant of the step), the interpolated state there and j, or j = −1.
func (s *shooter) entry(b0, b1 float64, y0, y1, k0, k1 []float64) (float64, []float64, int) {
	m := len(y0)
	yi := s.yi
	interp := func(b float64) []float64 {
		h := b1 - b0
		t := (b - b0) / h
		h00 := (1 + 2*t) * (1 - t) * (1 - t)
		h10 := t * (1 - t) * (1 - t)
		h01 := t * t * (3 - 2*t)
		h11 := t * t * (t - 1)
		for i := range yi {
			yi[i] = h00*y0[i] + h10*h*k0[i] + h01*y1[i] + h11*h*k1[i]
		}
		return yi
	}
	g := func(j int, b float64, y []float64) float64 {
		S, ok := s.sumS(b, y)
		if !ok {
			return -1
		}
		return S - 1/(s.hi[j]-b)
	}
	best, bj := math.Inf(-1), -1
	// S at the end of the step, the same for every inactive bidder: g(j,
	// b1, y1) computed once (sumS took 2.5 % of a ten-bidder solve when it
	// was computed for each).
	S1, ok1 := 0.0, false
	haveS1 := false
	for j := 0; j < m; j++ {
		if s.active[j] || !(s.hi[j] > b1) {
			continue
		}
		if !haveS1 {
			S1, ok1 = s.sumS(b1, y1)
			haveS1 = true
		}
		if !ok1 || S1-1/(s.hi[j]-b1) < 0 {
			continue
		}
		lo, hi := b1, b0 // g(lo) ≥ 0
		if s.hi[j] <= hi {
			hi = s.hi[j]
		}
		if g(j, hi, interp(hi)) >= 0 {
			lo = hi
		} else {
			for it := 0; it < 80 && hi-lo > 1e-15*s.span; it++ {
				mid := 0.5 * (lo + hi)
				if g(j, mid, interp(mid)) >= 0 {
					lo = mid
				} else {
					hi = mid
				}
			}
		}
		if lo > best {
			best, bj = lo, j
		}
	}
	if bj < 0 {
		return 0, nil, -1
	}
	return best, append([]float64(nil), interp(best)...), bj
}

// ratioTable interpolates F/f on an equally spaced grid with 4-point
// Lagrange (cubic) polynomials, error O(h⁴) ≈ 1e-13 for smooth densities
// with 4097 points. At an end of the support where the density vanishes
// (a beta density), F/f may be singular and the two end cells are
// evaluated exactly; where the density is positive, F/f is smooth up to
// the end and the end cells use the four nodes nearest to the end.
type ratioTable struct {
	lo, h              float64
	v                  []float64
	smoothLo, smoothHi bool
}

func newRatioTable(s *shooter, i int) *ratioTable {
	const n = 4097
	lo, hi := s.lo[i], s.hi[i]
	t := &ratioTable{lo: lo, h: (hi - lo) / (n - 1), v: make([]float64, n)}
	positive := func(f float64) bool { return f > 0 && !math.IsInf(f, 0) }
	t.smoothLo, t.smoothHi = positive(s.d[i].PDF(lo)), positive(s.d[i].PDF(hi))
	for k := range t.v {
		t.v[k] = s.ratioExact(i, lo+t.h*float64(k))
	}
	return t
}

func (t *ratioTable) at(x float64) (float64, bool) {
	u := (x - t.lo) / t.h
	n := len(t.v)
	if !(u >= 0 && u <= float64(n-1)) {
		return 0, false
	}
	k := int(u)
	switch {
	case k < 2:
		if !t.smoothLo {
			return 0, false
		}
		k = 1
	case k > n-4:
		if !t.smoothHi {
			return 0, false
		}
		k = n - 3
	}
	f := u - float64(k)
	a, b, c, d := t.v[k-1], t.v[k], t.v[k+1], t.v[k+2]
	// Lagrange through nodes −1, 0, 1, 2.
	return -f*(f-1)*(f-2)/6*a + (f+1)*(f-1)*(f-2)/2*b - (f+1)*f*(f-2)/2*c + (f+1)*f*(f-1)/6*d, true
}

// betaPoly is a beta distribution on [lo, lo + w] with integer shape
// parameters a, b ≤ maxBetaPoly, whose CDF is the binomial tail
//
//	I_t(a, b) = Σ_{j=a}^{n} C(n, j) t^j (1 − t)^{n−j},  n = a + b − 1,
//
// and density t^{a−1} (1 − t)^{b−1} / (B(a, b)·w) with
// 1/B(a, b) = n!/((a−1)!(b−1)!) (Abramowitz & Stegun 1964, 26.5.24 and
// 6.2.2). The shooter evaluates F/f from them instead of the incomplete
// beta function, which costs three log-gamma evaluations per call.
type betaPoly struct {
	a, b  int
	lo, w float64
	binom []float64 // C(n, j), j = 0..n
	invB  float64
}

// maxBetaPoly bounds the shape parameters evaluated as polynomials (the
// terms of the binomial sum stay well within float64 range).
const maxBetaPoly = 30

func newBetaPoly(d Beta) *betaPoly {
	a, b := d.Alpha, d.Beta
	if a != math.Trunc(a) || b != math.Trunc(b) || a < 1 || b < 1 || a > maxBetaPoly || b > maxBetaPoly {
		return nil
	}
	p := &betaPoly{a: int(a), b: int(b), lo: d.Low, w: d.High - d.Low}
	n := p.a + p.b - 1
	p.binom = make([]float64, n+1)
	p.binom[0] = 1
	for j := 1; j <= n; j++ {
		p.binom[j] = p.binom[j-1] * float64(n-j+1) / float64(j)
	}
	// n!/((a−1)!(b−1)!) = n · C(n−1, a−1) = a · C(n, a).
	p.invB = float64(p.a) * p.binom[p.a]
	return p
}

// ratio returns F(x)/f(x) for x in (lo, lo + w], or big where the
// density vanishes.
func (p *betaPoly) ratio(x, big float64) float64 {
	t := (x - p.lo) / p.w
	if t >= 1 {
		return big
	}
	u := 1 - t
	n := p.a + p.b - 1
	// F as the sum of its terms, or as one minus the complementary sum
	// when that is the smaller (t > 1/2), so neither cancels.
	var F float64
	if t <= 0.5 {
		for j := p.a; j <= n; j++ {
			F += p.binom[j] * ipow(t, j) * ipow(u, n-j)
		}
	} else {
		c := 0.0
		for j := 0; j < p.a; j++ {
			c += p.binom[j] * ipow(t, j) * ipow(u, n-j)
		}
		F = 1 - c
	}
	f := ipow(t, p.a-1) * ipow(u, p.b-1) * p.invB / p.w
	if !(f > 0) {
		return big
	}
	return F / f
}

// empRatio is F/f of an [Empirical] distribution (piecewise-linear CDF
// through (x[k], p[k])) for x in (x[0], x[n−1]], computed with the same
// arithmetic as Empirical.CDF and Empirical.PDF, so the same values, but
// starting the search for x's segment from the last one found (a shot
// moves through the segments in order) instead of two binary searches.
type empRatio struct {
	x, p []float64
	k    int // last segment: x[k] ≤ x < x[k+1]
}

// ratio returns F(x)/f(x) for x in (x[0], x[n−1]], or big where the
// density vanishes (a flat segment).
func (e *empRatio) ratio(x, big float64) float64 {
	n := len(e.x)
	// The segment of Empirical.seg: x[k] ≤ x < x[k+1], and n−2 at the top.
	k := min(max(e.k, 0), n-2)
	for k > 0 && x < e.x[k] {
		k--
	}
	for k < n-2 && x >= e.x[k+1] {
		k++
	}
	e.k = k
	F := 1.0
	if x < e.x[n-1] {
		t := (x - e.x[k]) / (e.x[k+1] - e.x[k])
		F = e.p[k] + t*(e.p[k+1]-e.p[k])
	}
	f := (e.p[k+1] - e.p[k]) / (e.x[k+1] - e.x[k])
	if !(f > 0) {
		return big
	}
	return F / f
}

// ipow returns x^k for k ≥ 0 by repeated squaring.
func ipow(x float64, k int) float64 {
	r := 1.0
	for k > 0 {
		if k&1 == 1 {
			r *= x
		}
		x *= x
		k >>= 1
	}
	return r
}

// stepFactor returns the step-size factor 0.9·err^(−1/5) of a fifth-order
// pair, clamped to [0.2, 5] (Hairer, Nørsett & Wanner, Solving ODEs I,
// II.4), to about 1e-12 relative: with err = f·2^e, f ∈ [½, 1), it is
// 0.9·f^(−1/5)·2^(−e/5), f^(−1/5) by four Newton steps on y⁻⁵ = f from
// a linear guess (relative error 1.5 %, then 7e-4, 1e-6, 5e-12, rounding)
// and 2^(−e/5) from a table.
// (math.Exp and math.Log here took 15 % of a two-bidder shot.)
func stepFactor(err float64) float64 {
	// 0.9·err^(−1/5) ≥ 5 for err ≤ (0.9/5)⁵ and ≤ 0.2 for err ≥ 4.5⁵.
	if !(err > 1.889568e-4) {
		if err != err {
			return 0.2
		}
		return 5
	}
	if err >= 1845.28125 {
		return 0.2
	}
	f, e := math.Frexp(err) // e in [−11, 11]
	y := 1.2974 - 0.2974*f
	for i := 0; i < 4; i++ {
		y5 := y * y
		y5 *= y5 * y
		y *= 1.2 - 0.2*f*y5
	}
	return min(5, max(0.2, 0.9*y*pow2Fifth[e+12]))
}

// pow2Fifth[k] = 2^(−(k−12)/5), k = 0..24.
var pow2Fifth = func() (t [25]float64) {
	for k := range t {
		t[k] = math.Exp2(-float64(k-12) / 5)
	}
	return t
}()

// restartGap: restarted shots start where the two reference shots
// still agree to this share of the span (see newRestart).
const restartGap = 1e-8

// restart holds two reference shots recorded at the same tolerance, lo
// too low from the top bid xl and hi too high from xu, and what shots
// between them restart from (see newRestart).
type restart struct {
	xl, xu float64
	// lo: the too-low reference's steps down to the one after bc, and
	// below, the number of its steps below bc.
	lo    trajectory
	below int
	// pc: the shots restart at bc = lo.b[pc], from ylo + θ·(yhi − ylo).
	pc       int
	bc       float64
	ylo, yhi []float64
	// hiRows, hiSlopes: hi at lo's bids above bc (rows 1..pc), for the
	// recorded part above bc.
	hiRows, hiSlopes [][]float64
	active           []bool
}

// newRestart prepares restarts between the recorded shots lo (too low,
// from xl) and hi (too high, from xu). Where the two still agree to
// restartGap of the span (and have the same active bidders), the shots
// between them are in the linear regime: the shot from x is there the
// state lo + θ·(hi − lo), θ = (x − xl)/(xu − xl), up to the square of
// their difference (below 1e-15 of the span). The restart bid bc is the
// lowest step of lo in the highest run of its steps where the two agree;
// hi's state there is one Dormand–Prince step from hi's own step above
// it, not its interpolant (interpolating a shot between its steps errs
// by a few 1e-10, differently from shot to shot, which displaced the
// shots' classes). It returns nil when there is no such step.
func (s *shooter) newRestart(xl, xu float64, lo, hi *trajectory) *restart {
	m := len(s.d)
	n, hn := len(lo.b), len(hi.b)
	if !(xl < xu) || n < 3 || hn < 3 {
		return nil
	}
	tau := restartGap * s.span
	atTop := 1e-12 * s.span
	hEnd := hi.b[hn-1]
	q, pc, qc := 0, -1, -1
	for p := 1; p < n-1; p++ {
		b := lo.b[p]
		if !(b > hEnd) {
			break
		}
		for q+2 < hn && !(hi.b[q+1] < b) {
			q++
		}
		if !(hi.b[q] >= b && b > hi.b[q+1]) {
			break
		}
		// A bidder enters within hi's step: no restart from there, but
		// the run of agreeing steps goes on.
		entry := false
		for k := 0; k < m; k++ {
			entry = entry || (s.hi[k]-hi.phi[q][k] <= atTop) != (s.hi[k]-hi.phi[q+1][k] <= atTop)
		}
		if entry {
			continue
		}
		agree := true
		for k := 0; k < m && agree; k++ {
			u, v := lo.phi[p][k], hermiteAt(hi, q, k, b)
			agree = (s.hi[k]-u <= atTop) == (s.hi[k]-hi.phi[q][k] <= atTop) && math.Abs(u-v) <= tau
		}
		if agree {
			pc, qc = p, q
		} else if pc >= 0 {
			break
		}
	}
	if pc < 0 {
		return nil
	}
	r := &restart{xl: xl, xu: xu, pc: pc, bc: lo.b[pc], active: make([]bool, m)}
	for k := 0; k < m; k++ {
		r.active[k] = s.hi[k]-lo.phi[pc][k] > atTop
	}
	// hi at bc: one step from its step qc.
	copy(s.y, hi.phi[qc])
	copy(s.active, r.active)
	h := r.bc - hi.b[qc]
	if h < 0 {
		if !s.rhs(hi.b[qc], s.y, s.k[0]) {
			return nil
		}
		for st := 1; st < 7; st++ {
			s.stage(st, h, s.y)
			if !s.rhs(hi.b[qc]+dpC[st]*h, s.yt, s.k[st]) {
				return nil
			}
		}
		r.yhi = append([]float64(nil), s.yt...)
	} else {
		r.yhi = append([]float64(nil), hi.phi[qc]...)
	}
	r.ylo = append([]float64(nil), lo.phi[pc]...)
	r.lo.reset()
	for p := 0; p <= pc+1; p++ {
		r.lo.b = append(r.lo.b, lo.b[p])
		r.lo.phi = append(r.lo.phi, r.lo.keep(lo.phi[p]))
		r.lo.dph = append(r.lo.dph, r.lo.keep(lo.dph[p]))
	}
	r.below = n - pc
	rows, slopes := make([]float64, pc*m), make([]float64, pc*m)
	q = 0
	for p := 1; p <= pc; p++ {
		b := lo.b[p]
		for q+2 < hn && !(hi.b[q+1] < b) {
			q++
		}
		row, slope := rows[(p-1)*m:p*m:p*m], slopes[(p-1)*m:p*m:p*m]
		for k := 0; k < m; k++ {
			if b >= hi.b[0] {
				row[k], slope[k] = hi.phi[0][k], hi.dph[0][k]
			} else {
				row[k], slope[k] = hermiteAt(hi, q, k, b), hermiteSlopeAt(hi, q, k, b)
			}
		}
		if p == pc {
			copy(row, r.yhi)
		}
		r.hiRows = append(r.hiRows, row)
		r.hiSlopes = append(r.hiSlopes, slope)
	}
	return r
}

// shootBetween is shoot(x, tol, rec) for a top bid x strictly between
// the reference shots of r, recorded at tolerance tol: it starts at r.bc
// from ylo + θ·(yhi − ylo), records the part above bc interpolated the
// same way, and takes at most twice the steps of lo below bc and 100
// more, then counts as too high. (Near the top bid that divides the
// too-low shots from the too-high ones, this family of shots, exactly
// affine in x at bc, can crawl along the diagonal near the bottom until
// maxShotSteps classes it too high anyway.) ok is false (nothing shot)
// for x outside (xl, xu) or without rec.
func (s *shooter) shootBetween(x float64, r *restart, tol float64, rec *trajectory) (high, ok bool) {
	if r == nil || rec == nil || !(r.xl < x && x < r.xu) {
		return false, false
	}
	m := len(s.d)
	lo := &r.lo
	theta := (x - r.xl) / (r.xu - r.xl)
	rec.reset()
	row := s.yi
	drow := s.d0
	rec.b = append(rec.b, x)
	rec.phi = append(rec.phi, rec.keep(s.hi))
	rec.dph = append(rec.dph, rec.keep(lo.dph[0]))
	minGap := math.Inf(1)
	atTop := 1e-12 * s.span
	for p := 1; p <= r.pc; p++ {
		b := lo.b[p]
		hr, hs := r.hiRows[p-1], r.hiSlopes[p-1]
		for k := 0; k < m; k++ {
			row[k] = lo.phi[p][k] + theta*(hr[k]-lo.phi[p][k])
			drow[k] = lo.dph[p][k] + theta*(hs[k]-lo.dph[p][k])
			if s.hi[k]-row[k] > atTop && row[k] > s.lo[k] && b > s.bLow {
				minGap = min(minGap, (row[k]-b)/(b-s.bLow))
			}
		}
		rec.b = append(rec.b, b)
		rec.phi = append(rec.phi, rec.keep(row))
		rec.dph = append(rec.dph, rec.keep(drow))
	}
	copy(s.active, r.active)
	for k := 0; k < m; k++ {
		s.y[k] = r.ylo[k] + theta*(r.yhi[k]-r.ylo[k])
		if !s.active[k] {
			s.y[k] = s.hi[k]
		}
	}
	s.stepCap = 2*r.below + 100
	high = s.run(r.bc, lo.b[r.pc+1]-r.bc, minGap, tol, rec)
	s.stepCap = 0
	return high, true
}

// hermiteAt is component k of t at b in its step q (t.b[q] ≥ b > t.b[q+1]).
func hermiteAt(t *trajectory, q, k int, b float64) float64 {
	x0, x1 := t.b[q], t.b[q+1]
	h := x1 - x0
	return hermiteValue(t.phi[q][k], t.phi[q+1][k], t.dph[q][k]*h, t.dph[q+1][k]*h, (b-x0)/h)
}

// hermiteSlopeAt is the derivative of hermiteAt in b.
func hermiteSlopeAt(t *trajectory, q, k int, b float64) float64 {
	x0, x1 := t.b[q], t.b[q+1]
	h := x1 - x0
	return hermiteSlope(t.phi[q][k], t.phi[q+1][k], t.dph[q][k]*h, t.dph[q+1][k]*h, h, (b-x0)/h)
}
