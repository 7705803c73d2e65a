package auction

import (
	"math"

	"gonum.org/v1/gonum/mathext"
)

// truncCached evaluates a truncated normal or log-normal distribution with
// the truncation constants (z-bounds, probability mass, Φ at the lower
// bound) computed once instead of at every call; the arithmetic is the
// same as [TruncNormal] and [TruncLogNormal], so the values are identical.
// The solver wraps these distributions with it (see [wrapCached]).
type truncCached struct {
	orig       Dist
	logx       bool
	mu, sigma  float64
	lo, hi     float64
	t          truncStd
	m          float64
	upper      bool
	sfA, sfB   float64
	cdfA, cdfB float64
}

// wrapCached returns d with truncated normal, log-normal and beta
// distributions replaced by their cached evaluators; other distributions
// are returned unchanged.
func wrapCached(d Dist) Dist {
	var c *truncCached
	switch t := d.(type) {
	case TruncNormal:
		c = &truncCached{orig: t, mu: t.Mu, sigma: t.Sigma, lo: t.Low, hi: t.High, t: t.std()}
	case TruncLogNormal:
		c = &truncCached{orig: t, logx: true, mu: t.Mu, sigma: t.Sigma, lo: t.Low, hi: t.High, t: t.std()}
	case Beta:
		return &betaCached{b: t, lnB: mathext.Lbeta(t.Alpha, t.Beta)}
	case reflected:
		return reflected{wrapCached(t.d)}
	default:
		return d
	}
	c.m, c.upper = c.t.mass()
	c.sfA, c.sfB = stdNormSF(c.t.a), stdNormSF(c.t.b)
	c.cdfA, c.cdfB = stdNormCDF(c.t.a), stdNormCDF(c.t.b)
	return c
}

func (c *truncCached) z(x float64) float64 {
	if c.logx {
		if x <= 0 {
			return math.Inf(-1)
		}
		return (math.Log(x) - c.mu) / c.sigma
	}
	return (x - c.mu) / c.sigma
}

func (c *truncCached) CDF(x float64) float64 {
	z := c.z(x)
	if z <= c.t.a {
		return 0
	}
	if z >= c.t.b {
		return 1
	}
	if c.upper {
		return clamp01((c.sfA - stdNormSF(z)) / c.m)
	}
	return clamp01((stdNormCDF(z) - c.cdfA) / c.m)
}

func (c *truncCached) Survival(x float64) float64 {
	z := c.z(x)
	if z <= c.t.a {
		return 1
	}
	if z >= c.t.b {
		return 0
	}
	if c.upper {
		return clamp01((stdNormSF(z) - c.sfB) / c.m)
	}
	return clamp01((c.cdfB - stdNormCDF(z)) / c.m)
}

func (c *truncCached) PDF(x float64) float64 {
	if c.logx {
		if x <= 0 || x < c.lo || x > c.hi {
			return 0
		}
	}
	z := c.z(x)
	if z < c.t.a || z > c.t.b {
		return 0
	}
	p := stdNormPDF(z) / c.m
	if c.logx {
		return p / (c.sigma * x)
	}
	return p / c.sigma
}

func (c *truncCached) Quantile(p float64) float64  { return c.orig.Quantile(p) }
func (c *truncCached) Support() (float64, float64) { return c.lo, c.hi }
func (c *truncCached) Validate() error             { return c.orig.Validate() }

// betaCached is a [Beta] distribution whose density uses ln B(α, β)
// computed once, where Beta.PDF calls mathext.Lbeta (three log-gamma
// evaluations) every time: the same expression with the same value, so
// the same densities to the last bit (TestBetaCachedPDFBitwise). The CDF,
// survival function and quantile are Beta's.
type betaCached struct {
	b   Beta
	lnB float64
}

func (c *betaCached) CDF(x float64) float64      { return c.b.CDF(x) }
func (c *betaCached) Survival(x float64) float64 { return c.b.Survival(x) }
func (c *betaCached) Quantile(p float64) float64 { return c.b.Quantile(p) }
func (c *betaCached) Support() (float64, float64) {
	return c.b.Low, c.b.High
}
func (c *betaCached) Validate() error { return c.b.Validate() }

// PDF is Beta.PDF with ln B(α, β) from the cache.
func (c *betaCached) PDF(x float64) float64 {
	d := c.b
	if x < d.Low || x > d.High {
		return 0
	}
	t := d.t(x)
	lp := (d.Alpha-1)*math.Log(t) + (d.Beta-1)*math.Log1p(-t) - c.lnB
	return math.Exp(lp) / (d.High - d.Low)
}
