package auction

import "math"

// Gauss–Kronrod 7–15 nodes and weights on [−1, 1] (Piessens et al. 1983,
// QUADPACK), used by the adaptive integrators below.
var (
	gkNodes = [8]float64{
		0.991455371120812639206854697526329,
		0.949107912342758524526189684047851,
		0.864864423359769072789712788640926,
		0.741531185599394439863864773280788,
		0.586087235467691130294144845693013,
		0.405845151377397166906606412076961,
		0.207784955007898467600689403773245,
		0.000000000000000000000000000000000,
	}
	gkWeights = [8]float64{
		0.022935322010529224963732008058970,
		0.063092092629978553290700663189204,
		0.104790010322250183839876322541518,
		0.140653259715525918745189590510238,
		0.169004726639267902826583426598550,
		0.190350578064785409913256402421014,
		0.204432940075298892414161999234649,
		0.209482141084727828012999174891714,
	}
	// g7Nodes are the Gauss 7-point nodes, gkNodes 1, 3, 5 and 7.
	g7Nodes  = [4]float64{gkNodes[1], gkNodes[3], gkNodes[5], gkNodes[7]}
	gWeights = [4]float64{ // Gauss 7-point weights for nodes 1, 3, 5, 7 (index into gkNodes)
		0.129484966168869693270611432679082,
		0.279705391489276667901467771423780,
		0.381830050505118944950369775488975,
		0.417959183673469387755102040816327,
	}
)

// gk15 integrates the vector function f over [a, b] with one Gauss–Kronrod
// 7–15 rule, writing the Kronrod estimate to out and returning the largest
// componentwise difference from the Gauss estimate. buf must hold len(out).
func gk15(f func(x float64, y []float64), a, b float64, out, buf []float64) float64 {
	c, h := 0.5*(a+b), 0.5*(b-a)
	m := len(out)
	var gbuf [16]float64
	var gauss []float64
	if m <= len(gbuf) {
		gauss = gbuf[:m]
	} else {
		gauss = make([]float64, m)
	}
	for k := range out {
		out[k] = 0
	}
	for j := 0; j < 8; j++ {
		xs := [2]float64{c - h*gkNodes[j], c + h*gkNodes[j]}
		nx := 2
		if j == 7 {
			nx = 1
		}
		for _, x := range xs[:nx] {
			f(x, buf)
			for k := 0; k < m; k++ {
				out[k] += gkWeights[j] * buf[k]
				if j%2 == 1 {
					gauss[k] += gWeights[j/2] * buf[k]
				}
			}
		}
	}
	errMax := 0.0
	for k := 0; k < m; k++ {
		out[k] *= h
		gauss[k] *= h
		errMax = math.Max(errMax, math.Abs(out[k]-gauss[k]))
	}
	return errMax
}

// gk15Sum is [gk15] without the Gauss estimate: it writes the same
// Kronrod estimate (the same sums in the same order) to out, for callers
// that do not use the error estimate.
func gk15Sum(f func(x float64, y []float64), a, b float64, out, buf []float64) {
	symmetricRuleSum(f, a, b, out, buf, gkNodes[:], gkWeights[:])
}

// symmetricRuleSum writes h·Σ_i w_i·(f(c − h·x_i) + f(c + h·x_i)) to out,
// c and h the centre and half-width of [a, b], for a rule whose nodes x
// are symmetric about 0 and whose last node is the centre 0 (counted
// once). The terms are summed in node order, the left point before the
// right, so a rule gives the same bits whichever caller uses it.
func symmetricRuleSum(f func(x float64, y []float64), a, b float64, out, buf, x, w []float64) {
	c, h := 0.5*(a+b), 0.5*(b-a)
	for k := range out {
		out[k] = 0
	}
	buf = buf[:len(out)]
	last := len(x) - 1
	for j := range x {
		f(c-h*x[j], buf)
		for k, v := range buf {
			out[k] += w[j] * v
		}
		if j == last {
			break
		}
		f(c+h*x[j], buf)
		for k, v := range buf {
			out[k] += w[j] * v
		}
	}
	for k := range out {
		out[k] *= h
	}
}

// integrateVec adds to sum the integral of the m-vector function f over
// [a, b], bisecting adaptively until the Gauss–Kronrod error estimate on a
// piece is below tol·(piece length)/(b − a) or the depth limit is reached.
func integrateVec(f func(x float64, y []float64), a, b float64, m int, tol float64, sum []float64) {
	if !(b > a) {
		return
	}
	type piece struct {
		a, b  float64
		depth int
	}
	out := make([]float64, m)
	buf := make([]float64, m)
	stack := []piece{{a, b, 0}}
	width := b - a
	budget := 2000
	for len(stack) > 0 {
		p := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		e := gk15(f, p.a, p.b, out, buf)
		budget--
		if e <= tol*(p.b-p.a)/width || p.depth >= 30 || budget <= 0 || p.b-p.a < 1e-15*width {
			for k := range out {
				sum[k] += out[k]
			}
			continue
		}
		mid := 0.5 * (p.a + p.b)
		stack = append(stack, piece{p.a, mid, p.depth + 1}, piece{mid, p.b, p.depth + 1})
	}
}

// integrate returns the integral of the scalar f over [a, b] split at the
// given breakpoints (those inside (a, b)), with absolute tolerance tol.
func integrate(f func(float64) float64, a, b, tol float64, breaks ...float64) float64 {
	if !(b > a) {
		return 0
	}
	pts := []float64{a}
	for _, x := range breaks {
		if x > a && x < b {
			pts = append(pts, x)
		}
	}
	pts = append(pts, b)
	sortFloats(pts)
	var sum [1]float64
	g := func(x float64, y []float64) { y[0] = f(x) }
	for i := 0; i+1 < len(pts); i++ {
		integrateVec(g, pts[i], pts[i+1], 1, tol*(pts[i+1]-pts[i])/(b-a), sum[:])
	}
	return sum[0]
}

func sortFloats(x []float64) {
	for i := 1; i < len(x); i++ {
		for j := i; j > 0 && x[j] < x[j-1]; j-- {
			x[j], x[j-1] = x[j-1], x[j]
		}
	}
}

// goldenMax maximises a unimodal f on [a, c] by golden-section search
// (at most iters steps, stopping when the interval is below 1e-15
// relative) and returns the best point evaluated and its value.
func goldenMax(f func(float64) float64, a, c float64, iters int) (x, fx float64) {
	const gr = 0.6180339887498949
	x1, x2 := c-gr*(c-a), a+gr*(c-a)
	f1, f2 := f(x1), f(x2)
	for it := 0; it < iters && c-a > 1e-15*math.Max(1, math.Abs(c)); it++ {
		if f1 > f2 {
			c, x2, f2 = x2, x1, f1
			x1 = c - gr*(c-a)
			f1 = f(x1)
		} else {
			a, x1, f1 = x1, x2, f2
			x2 = a + gr*(c-a)
			f2 = f(x2)
		}
	}
	if f1 > f2 {
		return x1, f1
	}
	return x2, f2
}

// g7Sum integrates the vector function f over [a, b] with the 7-point
// Gauss–Legendre rule (the Gauss nodes of [gk15], exact for polynomials
// of degree 13), writing the estimate to out. buf must hold len(out).
func g7Sum(f func(x float64, y []float64), a, b float64, out, buf []float64) {
	symmetricRuleSum(f, a, b, out, buf, g7Nodes[:], gWeights[:])
}
