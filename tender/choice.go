package tender

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"sort"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize"
	"gonum.org/v1/gonum/stat/distuv"
)

// The attributes of the host-choice model, in the order of a feature
// vector (see [Features] and docs/tender.md for sources and defaults).
const (
	// FeatLogCost is ln(cost_i / min_j cost_j), cost the financing-adjusted
	// host cost [Financing].Total under the backtest rule.
	FeatLogCost = iota
	// FeatConditions is the lender-conditions index in [0, 1]
	// ([Conditions.Index]).
	FeatConditions
	// FeatControl is the foreign-control index in [0, 1]
	// ([ForeignControl.Index]).
	FeatControl
	// FeatDistance is the UN General Assembly ideal-point distance between
	// host and lender.
	FeatDistance
	// FeatFiscalRisk is the host's debt stress times the share of the cost
	// the offer adds to public foreign debt.
	FeatFiscalRisk
	// NumFeatures is the length of a feature vector.
	NumFeatures
)

// FeatureNames names the features in order.
var FeatureNames = [NumFeatures]string{"log_cost", "conditions", "foreign_control", "ideal_point_distance", "fiscal_risk"}

// Terms are an offer's non-price terms as the choice model reads them.
type Terms struct {
	// Conditions, Control: indices in [0, 1].
	Conditions, Control float64
	// Distance is the UN ideal-point distance host–lender (0 = none).
	Distance float64
	// FiscalRisk is debt stress × share of the cost added to public
	// foreign debt.
	FiscalRisk float64
}

// Features returns the feature vector of each offer from its host cost
// (same currency for all offers, > 0) and its non-price terms.
func Features(costs []float64, terms []Terms) [][]float64 {
	lo := math.Inf(1)
	for _, c := range costs {
		lo = math.Min(lo, c)
	}
	x := make([][]float64, len(costs))
	for i, c := range costs {
		x[i] = []float64{math.Log(c / lo), terms[i].Conditions, terms[i].Control, terms[i].Distance, terms[i].FiscalRisk}
	}
	return x
}

// ChoiceProbabilities is the conditional logit (McFadden 1974): offer i
// is chosen with probability exp(β·x_i) / Σ_j exp(β·x_j). It allocates
// only the result; it is the fast path for simulations that call the host's
// choice many times.
func ChoiceProbabilities(beta []float64, x [][]float64) []float64 {
	p := make([]float64, len(x))
	hi := math.Inf(-1)
	for i, xi := range x {
		for k, b := range beta {
			p[i] += b * xi[k]
		}
		hi = math.Max(hi, p[i])
	}
	s := 0.0
	for i := range p {
		p[i] = math.Exp(p[i] - hi)
		s += p[i]
	}
	for i := range p {
		p[i] /= s
	}
	return p
}

// ChoiceSet is one decided contest for estimation: the feature vectors of
// its offers and the index of the offer chosen.
type ChoiceSet struct {
	ID     string      `json:"case"`
	Offers []string    `json:"offers"`
	X      [][]float64 `json:"x"`
	Chosen int         `json:"chosen"`
}

// PriorSD is the standard deviation of the normal prior on each
// coefficient of a standardised feature: the weakly informative scale
// recommended for logistic regression by Gelman, Jakulin, Pittau and Su,
// "A weakly informative default prior distribution for logistic and other
// regression models", Ann. Appl. Stat. 2(4), 2008, 1360–1383 (scale 2.5
// for inputs with unit spread). With a few dozen offers the plain maximum
// likelihood estimate does not exist whenever a feature separates the
// choices; the prior keeps it finite.
const PriorSD = 2.5

// ChoiceModel is a fitted conditional logit.
type ChoiceModel struct {
	Names []string `json:"names"`
	// Beta are the coefficients in raw feature units (0 for a feature
	// without variation in the data, which is not estimated).
	Beta []float64 `json:"beta"`
	// SE are the standard errors, the square roots of the diagonal of Cov.
	SE []float64 `json:"se"`
	// Cov is the inverse Hessian of the penalised negative log-likelihood
	// at the estimate (row-major, NumFeatures², 0 rows and columns for
	// features not estimated).
	Cov []float64 `json:"cov"`
	// Active marks the features estimated.
	Active []bool `json:"active"`
	// Scale is each feature's within-contest standard deviation in the data
	// (the prior's unit).
	Scale  []float64 `json:"scale"`
	Cases  int       `json:"cases"`
	Offers int       `json:"offers"`
	// LogLik is the log-likelihood at the estimate (without the prior).
	LogLik float64 `json:"log_lik"`
}

// Probabilities returns each offer's choice probability at the estimate.
func (m *ChoiceModel) Probabilities(x [][]float64) []float64 { return ChoiceProbabilities(m.Beta, x) }

// Interval is a probability with its P05–P95 band over parameter draws.
type Interval struct {
	P   float64 `json:"p"`
	P05 float64 `json:"p05"`
	P50 float64 `json:"p50"`
	P95 float64 `json:"p95"`
}

// ProbabilityIntervals draws n coefficient vectors from N(Beta, Cov) with
// rng and returns each offer's probability at the estimate with the 5th,
// 50th and 95th percentiles over the draws.
func (m *ChoiceModel) ProbabilityIntervals(x [][]float64, n int, rng *rand.Rand) ([]Interval, error) {
	out := make([]Interval, len(x))
	p0 := m.Probabilities(x)
	for i := range out {
		out[i] = Interval{P: p0[i], P05: p0[i], P50: p0[i], P95: p0[i]}
	}
	var idx []int
	for k, a := range m.Active {
		if a {
			idx = append(idx, k)
		}
	}
	if n <= 0 || len(idx) == 0 {
		return out, nil
	}
	cov := mat.NewSymDense(len(idx), nil)
	for a, i := range idx {
		for b, j := range idx {
			cov.SetSym(a, b, m.Cov[i*NumFeatures+j])
		}
	}
	var chol mat.Cholesky
	if !chol.Factorize(cov) {
		return nil, errors.New("tender: choice model covariance is not positive definite")
	}
	var l mat.TriDense
	chol.LTo(&l)
	norm := distuv.Normal{Mu: 0, Sigma: 1, Src: rng}
	draws := make([][]float64, len(x))
	z := make([]float64, len(idx))
	beta := make([]float64, NumFeatures)
	for range n {
		for k := range z {
			z[k] = norm.Rand()
		}
		copy(beta, m.Beta)
		for a, i := range idx {
			for b := 0; b <= a; b++ {
				beta[i] += l.At(a, b) * z[b]
			}
		}
		p := ChoiceProbabilities(beta, x)
		for i := range p {
			draws[i] = append(draws[i], p[i])
		}
	}
	for i := range out {
		sort.Float64s(draws[i])
		q := func(f float64) float64 { return draws[i][int(math.Round(f*float64(n-1)))] }
		out[i].P05, out[i].P50, out[i].P95 = q(0.05), q(0.5), q(0.95)
	}
	return out, nil
}

// FitChoice estimates the conditional logit on the decided contests by
// penalised maximum likelihood: it minimises
//
//	-Σ_c ln p_c(chosen) + Σ_k (β_k s_k)² / (2·PriorSD²)
//
// with s_k the within-contest standard deviation of feature k (so the
// prior is N(0, PriorSD²) on the coefficient of the standardised feature),
// by BFGS (gonum optimize) from β = 0, with the analytic gradient. The
// covariance is the inverse of the analytic Hessian at the estimate. A
// feature with no variation within any contest is not estimated.
func FitChoice(sets []ChoiceSet) (ChoiceModel, error) { return FitChoiceWith(sets, PriorSD) }

// FitChoiceWith is [FitChoice] with prior standard deviation priorSD on
// the standardised coefficients; priorSD = +Inf gives plain maximum
// likelihood (which diverges when a feature separates the choices).
func FitChoiceWith(sets []ChoiceSet, priorSD float64) (ChoiceModel, error) {
	m := ChoiceModel{Names: FeatureNames[:], Beta: make([]float64, NumFeatures), SE: make([]float64, NumFeatures),
		Cov: make([]float64, NumFeatures*NumFeatures), Active: make([]bool, NumFeatures), Scale: make([]float64, NumFeatures)}
	ss := make([]float64, NumFeatures)
	for _, s := range sets {
		if len(s.X) < 2 {
			continue
		}
		m.Cases++
		m.Offers += len(s.X)
		for k := range NumFeatures {
			mu := 0.0
			for _, xi := range s.X {
				mu += xi[k]
			}
			mu /= float64(len(s.X))
			for _, xi := range s.X {
				ss[k] += (xi[k] - mu) * (xi[k] - mu)
			}
		}
	}
	if m.Cases == 0 {
		return m, errors.New("tender: no decided contest with two or more offers to estimate from")
	}
	var idx []int
	for k := range NumFeatures {
		m.Scale[k] = math.Sqrt(ss[k] / float64(m.Offers))
		if m.Scale[k] > 1e-9 {
			m.Active[k] = true
			idx = append(idx, k)
		}
	}
	full := func(b []float64) []float64 {
		beta := make([]float64, NumFeatures)
		for a, k := range idx {
			beta[k] = b[a]
		}
		return beta
	}
	prec := make([]float64, len(idx))
	for a, k := range idx {
		prec[a] = m.Scale[k] * m.Scale[k] / (priorSD * priorSD)
	}
	// nll returns the penalised negative log-likelihood and fills grad and
	// hess (when not nil).
	nll := func(b []float64, grad []float64, hess *mat.SymDense) (float64, float64) {
		beta := full(b)
		f, ll := 0.0, 0.0
		for i := range grad {
			grad[i] = 0
		}
		xbar := make([]float64, len(idx))
		for _, s := range sets {
			if len(s.X) < 2 {
				continue
			}
			p := ChoiceProbabilities(beta, s.X)
			ll += math.Log(p[s.Chosen])
			for a, k := range idx {
				xbar[a] = 0
				for i := range s.X {
					xbar[a] += p[i] * s.X[i][k]
				}
				if grad != nil {
					grad[a] -= s.X[s.Chosen][k] - xbar[a]
				}
			}
			if hess != nil {
				for i := range s.X {
					for a, k := range idx {
						for c := a; c < len(idx); c++ {
							hess.SetSym(a, c, hess.At(a, c)+p[i]*(s.X[i][k]-xbar[a])*(s.X[i][idx[c]]-xbar[c]))
						}
					}
				}
			}
		}
		f = -ll
		for a := range idx {
			f += prec[a] * b[a] * b[a] / 2
			if grad != nil {
				grad[a] += prec[a] * b[a]
			}
			if hess != nil {
				hess.SetSym(a, a, hess.At(a, a)+prec[a])
			}
		}
		return f, ll
	}
	p := optimize.Problem{
		Func: func(b []float64) float64 { f, _ := nll(b, nil, nil); return f },
		Grad: func(g, b []float64) { nll(b, g, nil) },
	}
	res, err := optimize.Minimize(p, make([]float64, len(idx)), &optimize.Settings{GradientThreshold: 1e-9}, &optimize.BFGS{})
	if res == nil {
		return m, fmt.Errorf("tender: choice model estimation: %w", err)
	}
	// A line search that stalls at the optimum (round-off) is accepted
	// when the gradient there is negligible.
	h := mat.NewSymDense(len(idx), nil)
	g := make([]float64, len(idx))
	_, m.LogLik = nll(res.X, g, h)
	if gn := floats.Norm(g, math.Inf(1)); err != nil && gn > 1e-6 {
		return m, fmt.Errorf("tender: choice model estimation: %w (gradient %.3g)", err, gn)
	}
	var chol mat.Cholesky
	if !chol.Factorize(h) {
		return m, errors.New("tender: choice model Hessian is not positive definite")
	}
	var cov mat.SymDense
	if err := chol.InverseTo(&cov); err != nil {
		return m, fmt.Errorf("tender: choice model covariance: %w", err)
	}
	m.Beta = full(res.X)
	for a, i := range idx {
		for c, j := range idx {
			m.Cov[i*NumFeatures+j] = cov.At(a, c)
		}
		m.SE[i] = math.Sqrt(cov.At(a, a))
	}
	return m, nil
}
