package auction

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sort"
)

// ScoreRule is the buyer's score for quality, s(q), in the quasi-linear
// scoring rule S(q, p) = s(q) − w·p (Che 1993, Assumption 3). It must be
// strictly increasing in q.
type ScoreRule interface {
	Score(q float64) float64
	Validate() error
}

// ErrNotIncreasing is returned for a scoring rule that does not increase
// with quality.
var ErrNotIncreasing = errors.New("auction: scoring rule is not increasing in quality")

// LinearScore is s(q) = Coef·q.
type LinearScore struct{ Coef float64 }

// Score implements [ScoreRule].
func (s LinearScore) Score(q float64) float64 { return s.Coef * q }

// Validate implements [ScoreRule].
func (s LinearScore) Validate() error {
	if !(s.Coef > 0) || math.IsInf(s.Coef, 0) {
		return fmt.Errorf("%w: coef %g must be positive", ErrNotIncreasing, s.Coef)
	}
	return nil
}

// PowerScore is s(q) = Coef·q^Exponent (q ≥ 0), concave for Exponent ≤ 1.
type PowerScore struct{ Coef, Exponent float64 }

// Score implements [ScoreRule].
func (s PowerScore) Score(q float64) float64 { return s.Coef * math.Pow(math.Max(q, 0), s.Exponent) }

// Validate implements [ScoreRule].
func (s PowerScore) Validate() error {
	if !(s.Coef > 0) || !(s.Exponent > 0) || math.IsInf(s.Coef, 0) || math.IsInf(s.Exponent, 0) {
		return fmt.Errorf("%w: coef %g and exponent %g must be positive", ErrNotIncreasing, s.Coef, s.Exponent)
	}
	return nil
}

// LogScore is s(q) = Coef·ln(1 + q).
type LogScore struct{ Coef float64 }

// Score implements [ScoreRule].
func (s LogScore) Score(q float64) float64 { return s.Coef * math.Log1p(q) }

// Validate implements [ScoreRule].
func (s LogScore) Validate() error {
	if !(s.Coef > 0) || math.IsInf(s.Coef, 0) {
		return fmt.Errorf("%w: coef %g must be positive", ErrNotIncreasing, s.Coef)
	}
	return nil
}

// PiecewiseScore interpolates linearly through (Q[k], S[k]); it is flat
// beyond the last point. Q and S must be strictly increasing.
type PiecewiseScore struct{ Q, S []float64 }

// Score implements [ScoreRule].
func (s PiecewiseScore) Score(q float64) float64 {
	n := len(s.Q)
	if q <= s.Q[0] {
		return s.S[0]
	}
	if q >= s.Q[n-1] {
		return s.S[n-1]
	}
	k := sort.SearchFloat64s(s.Q, q)
	t := (q - s.Q[k-1]) / (s.Q[k] - s.Q[k-1])
	return s.S[k-1] + t*(s.S[k]-s.S[k-1])
}

// Validate implements [ScoreRule].
func (s PiecewiseScore) Validate() error {
	if len(s.Q) != len(s.S) || len(s.Q) < 2 {
		return fmt.Errorf("auction: piecewise score needs at least two (q, s) points, got %d and %d", len(s.Q), len(s.S))
	}
	for k := 1; k < len(s.Q); k++ {
		if !(s.Q[k] > s.Q[k-1]) {
			return fmt.Errorf("auction: piecewise score q[%d]=%g is not above q[%d]=%g", k, s.Q[k], k-1, s.Q[k-1])
		}
		if !(s.S[k] > s.S[k-1]) {
			return fmt.Errorf("%w: points[%d] score %g is not above points[%d] score %g", ErrNotIncreasing, k, s.S[k], k-1, s.S[k-1])
		}
	}
	return nil
}

// QualityCost is a bidder's cost c(q, θ) of delivering quality q when its
// private type is θ; it must increase in θ.
type QualityCost interface {
	Cost(q, theta float64) float64
	Validate() error
}

// PowerCost is c(q, θ) = θ·(Fixed + Scale·q^Exponent): θ is the bidder's
// cost-efficiency type, Fixed the cost of the base design, Scale·q^Exponent
// the cost of quality (convex for Exponent ≥ 1).
type PowerCost struct{ Fixed, Scale, Exponent float64 }

// Cost implements [QualityCost].
func (c PowerCost) Cost(q, theta float64) float64 {
	return theta * (c.Fixed + c.Scale*math.Pow(math.Max(q, 0), c.Exponent))
}

// Validate implements [QualityCost].
func (c PowerCost) Validate() error {
	if c.Fixed < 0 || !(c.Scale > 0) || !(c.Exponent > 0) || math.IsInf(c.Fixed+c.Scale+c.Exponent, 0) {
		return fmt.Errorf("auction: cost needs fixed ≥ 0, scale > 0 and exponent > 0, got %g, %g, %g", c.Fixed, c.Scale, c.Exponent)
	}
	return nil
}

// ScoringBidder is a bidder in a scoring auction.
type ScoringBidder struct {
	Name string
	// Type is the distribution of θ, the private cost type (θ > 0 for
	// [PowerCost]).
	Type Dist
	Cost QualityCost
	// PriceWeight w > 0 is the weight of this bidder's price in the score
	// S = s(q) − w·p (0 means 1). A weight below 1 models concessional
	// finance: each unit of price costs the buyer only w in present value.
	PriceWeight float64
}

// ScoringAuction is a first-score sealed-bid auction (Che 1993; Asker &
// Cantillon 2008): bidders offer (q, p), the highest score s(q) − w_i·p
// wins, and the winner is paid p.
type ScoringAuction struct {
	Score ScoreRule
	// Quality offers are restricted to [QualityMin, QualityMax].
	QualityMin, QualityMax float64
	// MinScore, when non-nil, is the lowest acceptable score.
	MinScore *float64
	Bidders  []ScoringBidder
}

func (b ScoringBidder) weight() float64 {
	if b.PriceWeight == 0 {
		return 1
	}
	return b.PriceWeight
}

// Validate checks the auction and names the offending field.
func (a *ScoringAuction) Validate() error {
	if a.Score == nil {
		return &FieldError{"score", errors.New("missing scoring rule")}
	}
	if err := a.Score.Validate(); err != nil {
		return &FieldError{"score", err}
	}
	if !(a.QualityMax > a.QualityMin) || math.IsInf(a.QualityMax, 0) || math.IsInf(a.QualityMin, 0) {
		return &FieldError{"quality", fmt.Errorf("need min < max, got [%g, %g]", a.QualityMin, a.QualityMax)}
	}
	if len(a.Bidders) < 2 {
		return &FieldError{"bidders", fmt.Errorf("need at least two bidders, got %d", len(a.Bidders))}
	}
	if err := checkBidders(len(a.Bidders), func(i int) string { return a.Bidders[i].Name }); err != nil {
		return err
	}
	for i, b := range a.Bidders {
		p := fmt.Sprintf("bidders[%d]", i)
		if b.Type == nil {
			return &FieldError{p + ".type", errors.New("missing distribution")}
		}
		if err := b.Type.Validate(); err != nil {
			return &FieldError{p + ".type", err}
		}
		if b.Cost == nil {
			return &FieldError{p + ".cost", errors.New("missing cost function")}
		}
		if err := b.Cost.Validate(); err != nil {
			return &FieldError{p + ".cost", err}
		}
		if b.PriceWeight < 0 || math.IsNaN(b.PriceWeight) || math.IsInf(b.PriceWeight, 0) {
			return &FieldError{p + ".price_weight", fmt.Errorf("must be positive, got %g", b.PriceWeight)}
		}
	}
	return nil
}

// optimalQuality maximises s(q) − w·c(q, θ) on [qmin, qmax] by
// golden-section search (the objective is concave for a concave score
// and a convex cost) and returns q* and the maximum, the pseudotype.
func (a *ScoringAuction) optimalQuality(b ScoringBidder, theta float64) (q, k float64) {
	w := b.weight()
	g := func(q float64) float64 { return a.Score.Score(q) - w*b.Cost.Cost(q, theta) }
	q, _ = goldenMax(g, a.QualityMin, a.QualityMax, 200)
	// Golden section locates the maximiser to about √ε; polish it with
	// Newton steps on central differences of the objective.
	for it := 0; it < 3; it++ {
		h := 1e-4 * math.Max(1e-3, math.Abs(q))
		if q-h < a.QualityMin || q+h > a.QualityMax {
			break
		}
		g0, gp, gm := g(q), g(q+h), g(q-h)
		d1, d2 := (gp-gm)/(2*h), (gp-2*g0+gm)/(h*h)
		if !(d2 < 0) {
			break
		}
		nq := q - d1/d2
		if !(nq > a.QualityMin && nq < a.QualityMax) || math.Abs(nq-q) > h {
			break
		}
		q = nq
	}
	best := g(q)
	for _, e := range []float64{a.QualityMin, a.QualityMax} {
		if v := g(e); v > best {
			q, best = e, v
		}
	}
	return q, best
}

// pseudotype is the distribution of k(θ) = max_q s(q) − w·c(q, θ), which
// decreases in θ: K(x) = P(θ ≥ θ(x)). k is tabulated with its envelope
// derivative k'(θ) = −w·∂c/∂θ(q*(θ), θ) and interpolated by cubic Hermite
// polynomials.
type pseudotype struct {
	theta Dist
	th    []float64 // increasing θ
	k     []float64 // decreasing k(θ)
	dk    []float64
}

func newPseudotype(a *ScoringAuction, b ScoringBidder) (*pseudotype, error) {
	const nodes = 2049
	lo, hi := b.Type.Support()
	p := &pseudotype{theta: b.Type, th: make([]float64, nodes), k: make([]float64, nodes), dk: make([]float64, nodes)}
	w := b.weight()
	for j := 0; j < nodes; j++ {
		t := lo + (hi-lo)*float64(j)/float64(nodes-1)
		q, k := a.optimalQuality(b, t)
		h := 1e-6 * math.Max(1e-3, hi-lo)
		dc := (b.Cost.Cost(q, t+h) - b.Cost.Cost(q, t-h)) / (2 * h)
		p.th[j], p.k[j], p.dk[j] = t, k, -w*dc
		if j > 0 && !(k < p.k[j-1]) {
			return nil, fmt.Errorf("auction: pseudotype max_q s(q) − w·c(q, θ) does not decrease in θ near θ=%g (the cost must increase in θ)", t)
		}
	}
	return p, nil
}

func (p *pseudotype) kAt(t float64) float64 {
	n := len(p.th)
	if t <= p.th[0] {
		return p.k[0]
	}
	if t >= p.th[n-1] {
		return p.k[n-1]
	}
	j := sort.SearchFloat64s(p.th, t) - 1
	h := p.th[j+1] - p.th[j]
	s := (t - p.th[j]) / h
	return (1+2*s)*(1-s)*(1-s)*p.k[j] + s*(1-s)*(1-s)*h*p.dk[j] + s*s*(3-2*s)*p.k[j+1] + s*s*(s-1)*h*p.dk[j+1]
}

// thetaOf inverts k: the θ with k(θ) = x.
func (p *pseudotype) thetaOf(x float64) float64 {
	n := len(p.th)
	if x >= p.k[0] {
		return p.th[0]
	}
	if x <= p.k[n-1] {
		return p.th[n-1]
	}
	j := sort.Search(n, func(i int) bool { return p.k[i] < x }) // k[j-1] ≥ x > k[j]
	a, c := p.th[j-1], p.th[j]
	// Safeguarded Newton on the cubic of the cell, from the secant guess.
	t := a + (c-a)*(p.k[j-1]-x)/(p.k[j-1]-p.k[j])
	for it := 0; it < 60; it++ {
		f := p.kAt(t) - x
		if f > 0 {
			a = t
		} else {
			c = t
		}
		d := p.dkAt(t)
		nt := t - f/d
		if !(nt > a && nt < c) || d == 0 {
			nt = 0.5 * (a + c)
		}
		if math.Abs(nt-t) <= 1e-15*math.Max(1, math.Abs(t)) {
			return nt
		}
		t = nt
	}
	return t
}

func (p *pseudotype) dkAt(t float64) float64 {
	n := len(p.th)
	j := min(max(sort.SearchFloat64s(p.th, t)-1, 0), n-2)
	h := p.th[j+1] - p.th[j]
	s := (t - p.th[j]) / h
	return (6*s*(s-1)*p.k[j] + (1-s)*(1-3*s)*h*p.dk[j] - 6*s*(s-1)*p.k[j+1] + s*(3*s-2)*h*p.dk[j+1]) / h
}

func (p *pseudotype) CDF(x float64) float64      { return p.theta.Survival(p.thetaOf(x)) }
func (p *pseudotype) Survival(x float64) float64 { return p.theta.CDF(p.thetaOf(x)) }
func (p *pseudotype) PDF(x float64) float64 {
	lo, hi := p.Support()
	if x < lo || x > hi {
		return 0
	}
	t := p.thetaOf(x)
	return p.theta.PDF(t) / math.Abs(p.dkAt(t))
}
func (p *pseudotype) Quantile(q float64) float64 { return p.kAt(p.theta.Quantile(1 - clamp01(q))) }
func (p *pseudotype) Support() (float64, float64) {
	return p.k[len(p.k)-1], p.k[0]
}
func (p *pseudotype) Validate() error { return checkInterval(p.k[len(p.k)-1], p.k[0]) }

// Offer is a scoring-auction bid of one type.
type Offer struct {
	Type       float64 `json:"type"`
	Quality    float64 `json:"quality"`
	Pseudotype float64 `json:"pseudotype"`
	Score      float64 `json:"score"`
	Price      float64 `json:"price"`
}

// ScoringBidderResult is one bidder's outcome in a scoring auction.
type ScoringBidderResult struct {
	Name           string  `json:"name"`
	PriceWeight    float64 `json:"price_weight"`
	WinProbability float64 `json:"win_probability"`
	// ExpectedProfit is in money: E[(p − c(q, θ))·1{win}].
	ExpectedProfit float64 `json:"expected_profit"`
	CanWin         bool    `json:"can_win"`
	Offers         []Offer `json:"offers"`
}

// ScoringResult is the equilibrium of a first-score auction.
type ScoringResult struct {
	Method string `json:"method"`
	// TopScore is the highest score offered, LowestWinningScore the lowest
	// that wins with positive probability.
	TopScore           float64 `json:"top_score"`
	LowestWinningScore float64 `json:"lowest_winning_score"`
	// ExpectedScore is the buyer's expected winning score E[S·1{sale}],
	// its expected utility when the score is its utility.
	ExpectedScore     float64 `json:"expected_score"`
	ExpectedPrice     float64 `json:"expected_price"`
	ExpectedQuality   float64 `json:"expected_quality"`
	NoSaleProbability float64 `json:"no_sale_probability"`
	// EfficiencyLoss is E[max pseudotype] − E[winner's pseudotype], in
	// score units.
	EfficiencyLoss float64               `json:"efficiency_loss"`
	Bidders        []ScoringBidderResult `json:"bidders"`
	// Pseudo is the first-price auction on pseudotypes the scoring auction
	// reduces to (bids are scores).
	Pseudo *Result `json:"-"`

	a  *ScoringAuction
	pt []*pseudotype
}

// Offer returns the equilibrium offer of bidder i at type θ: quality
// q*(θ) = argmax s(q) − w_i·c_i(q, θ), score β_i(k_i(θ)) from the
// first-price equilibrium on pseudotypes, and price (s(q*) − score)/w_i.
func (r *ScoringResult) Offer(i int, theta float64) Offer {
	b := r.a.Bidders[i]
	lo, hi := b.Type.Support()
	theta = math.Max(lo, math.Min(hi, theta))
	q, k := r.a.optimalQuality(b, theta)
	s := r.Pseudo.Bid(i, k)
	return Offer{Type: theta, Quality: q, Pseudotype: k, Score: s, Price: (r.a.Score.Score(q) - s) / b.weight()}
}

// SolveScoring solves the first-score auction through the pseudotype
// reduction: bidder i with type θ offers q*(θ) and competes as a bidder
// with value k_i(θ) = max_q s(q) − w_i·c_i(q, θ) in a first-price auction
// whose bids are scores (Che 1993, Lemma 1 and Theorem 1; Asker &
// Cantillon 2008, Theorem 1). A bidder's money profit is
// (k_i − S)/w_i.
func SolveScoring(a *ScoringAuction, opt *Options) (*ScoringResult, error) {
	return SolveScoringContext(context.Background(), a, opt)
}

// SolveScoringContext is [SolveScoring] stopped by ctx, as [SolveContext].
func SolveScoringContext(ctx context.Context, a *ScoringAuction, opt *Options) (*ScoringResult, error) {
	if err := a.Validate(); err != nil {
		return nil, err
	}
	pa := &Auction{Form: ValueForm, Reserve: a.MinScore}
	pts := make([]*pseudotype, len(a.Bidders))
	for i, b := range a.Bidders {
		pt, err := newPseudotype(a, b)
		if err != nil {
			return nil, &FieldError{fmt.Sprintf("bidders[%d].cost", i), err}
		}
		pts[i] = pt
		pa.Bidders = append(pa.Bidders, Bidder{Name: b.Name, Type: pt})
	}
	if a.MinScore != nil {
		if err := pa.Validate(); err != nil {
			return nil, &FieldError{"min_score", errors.Unwrap(err)}
		}
	}
	// Identical bidders give identical pseudotypes; DeepEqual on the
	// tables detects it.
	res, err := SolveContext(ctx, pa, opt)
	if err != nil {
		return nil, err
	}
	sr := &ScoringResult{Method: res.Method, Pseudo: res, a: a, pt: pts,
		TopScore: res.TopBid, LowestWinningScore: res.LowestWinningBid,
		ExpectedScore: res.Revenue, NoSaleProbability: res.NoSaleProbability,
		EfficiencyLoss: res.EfficiencyLoss}
	grid := res.opts.GridPoints
	e := res.eq
	for i, b := range a.Bidders {
		br := ScoringBidderResult{Name: res.Bidders[i].Name, PriceWeight: b.weight(),
			WinProbability: res.Bidders[i].WinProbability, ExpectedProfit: res.Bidders[i].ExpectedProfit / b.weight(),
			CanWin: res.Bidders[i].CanWin}
		lo, hi := b.Type.Support()
		for g := 0; g < grid; g++ {
			br.Offers = append(br.Offers, sr.Offer(i, lo+(hi-lo)*float64(g)/float64(grid-1)))
		}
		sr.Bidders = append(sr.Bidders, br)
		// Expected price and quality paid to i: integrate over θ the
		// probability that i's score wins.
		if !e.active(i) {
			continue
		}
		f := func(t float64, y []float64) {
			y[0], y[1] = 0, 0
			o := sr.Offer(i, t)
			if o.Score < e.r {
				return
			}
			p := 1.0
			for j := range a.Bidders {
				if j != i {
					p *= e.bidCDF(j, o.Score)
				}
			}
			d := b.Type.PDF(t) * p
			y[0], y[1] = d*o.Price, d*o.Quality
		}
		// A fixed composite Gauss–Kronrod rule (32 cells) keeps the cost
		// bounded; the integrand is smooth in θ.
		out, buf := make([]float64, 2), make([]float64, 2)
		const cells = 32
		for c := 0; c < cells; c++ {
			gk15(f, lo+(hi-lo)*float64(c)/cells, lo+(hi-lo)*float64(c+1)/cells, out, buf)
			sr.ExpectedPrice += out[0]
			sr.ExpectedQuality += out[1]
		}
	}
	if sold := 1 - sr.NoSaleProbability; sold > 0 {
		sr.ExpectedPrice /= sold
		sr.ExpectedQuality /= sold
	}
	return sr, nil
}
