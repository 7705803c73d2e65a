package tender

import (
	"fmt"
	"math"

	"github.com/infragame/infragame/units"
)

// Methods compared by [CrossValidate].
const (
	// MethodNaive: the offer with the lowest financing cost wins — the PV at
	// the host's rate of its equity and debt service (price and loan terms
	// only).
	MethodNaive = "naive_lowest_financing"
	// MethodRule: the deterministic backtest rule, lowest financing-adjusted
	// host cost ([HostFromObservables]).
	MethodRule = "rule"
	// MethodModel: the conditional logit ([FitChoice]), each contest
	// predicted by parameters estimated without it.
	MethodModel = "logit_loocv"
	// MethodUniform: every offer equally likely (reference).
	MethodUniform = "uniform"
)

// Methods lists the methods in report order.
var Methods = []string{MethodNaive, MethodRule, MethodModel, MethodUniform}

// LogLossFloor is the smallest probability the log loss reads: a
// deterministic rule that gives the actual winner probability 0 scores
// -ln(0.001) = 6.9 rather than infinity.
const LogLossFloor = 0.001

// CaseInput is a contest as the choice model sees it: its feature
// vectors, its naive financing costs and its rule costs, offer by offer in
// file order. It never holds the outcome.
type CaseInput struct {
	ID     string
	Offers []string
	X      [][]float64
	// Naive and Rule are each offer's naive financing cost and its
	// financing-adjusted host cost.
	Naive, Rule []float64
}

// CaseInputOf evaluates a case under the backtest rule (never reading the
// outcome) and returns its choice-model input.
func CaseInputOf(f *File) (CaseInput, error) {
	if f.Observables == nil {
		return CaseInput{}, fmt.Errorf("case %s: the choice model needs observables", f.ID)
	}
	t, err := f.CaseTender(DefaultRule)
	if err != nil {
		return CaseInput{}, fmt.Errorf("case %s: %w", f.ID, err)
	}
	r, err := Evaluate(t)
	if err != nil {
		return CaseInput{}, fmt.Errorf("case %s: %w", f.ID, err)
	}
	byID := map[string]*OfferResult{}
	for i := range r.Offers {
		byID[r.Offers[i].ID] = &r.Offers[i]
	}
	in := CaseInput{ID: f.ID}
	stress := f.Observables.DebtStress()
	terms := make([]Terms, len(t.Offers))
	for i, o := range t.Offers {
		or := byID[o.ID]
		in.Offers = append(in.Offers, o.ID)
		in.Naive = append(in.Naive, or.Financing.EquityPV+or.Financing.DebtServicePV)
		in.Rule = append(in.Rule, or.Financing.Total)
		terms[i] = OfferTerms(o, stress)
	}
	in.X = Features(in.Rule, terms)
	return in, nil
}

// OfferTerms returns an offer's non-price terms for the choice model,
// given the host's debt stress ([Observables.DebtStress]). Fiscal risk is
// stress × the share financed by a loan that is public debt (on budget or
// guaranteed).
func OfferTerms(o Offer, stress float64) Terms {
	tm := Terms{Conditions: o.Conditions.Index(), Control: o.Control.Index(), Distance: o.IdealPointDistance}
	if o.Loan != nil && (o.OnBudget || o.GuaranteeRequired) {
		tm.FiscalRisk = stress * o.Share
	}
	return tm
}

// Prediction is one method's forecast for one contest.
type Prediction struct {
	Method    string `json:"method"`
	Predicted string `json:"predicted"`
	// Probabilities of each offer, by id.
	Probabilities map[string]float64 `json:"probabilities"`
	Hit           bool               `json:"hit"`
	Brier         float64            `json:"brier"`
	LogLoss       float64            `json:"log_loss"`
}

// CVRow is the cross-validated forecast of one decided contest.
type CVRow struct {
	Case        string       `json:"case"`
	Actual      string       `json:"actual"`
	Predictions []Prediction `json:"predictions"`
}

// MethodScore sums a method's forecasts over the decided contests.
type MethodScore struct {
	Method string `json:"method"`
	Hits   int    `json:"hits"`
	Cases  int    `json:"cases"`
	// HitRatePct is Hits/Cases in percent.
	HitRatePct float64 `json:"hit_rate_pct"`
	// Brier is the mean over contests of Σ_i (p_i - y_i)² (0 best, 2 worst).
	Brier float64 `json:"brier"`
	// LogLoss is the mean of -ln max(p_actual, LogLossFloor).
	LogLoss float64 `json:"log_loss"`
}

// CrossValidation is the leave-one-out comparison of the methods.
type CrossValidation struct {
	Rows    []CVRow       `json:"rows"`
	Summary []MethodScore `json:"summary"`
	// Model is the fit on every decided contest (the one used for new
	// contests).
	Model ChoiceModel `json:"model"`
}

// argminProbs gives probability 1 to the lowest value, split evenly on
// ties (relative 1e-12).
func argminProbs(v []float64) []float64 {
	lo := math.Inf(1)
	for _, x := range v {
		lo = math.Min(lo, x)
	}
	p := make([]float64, len(v))
	n := 0.0
	for i, x := range v {
		if x <= lo+1e-12*math.Abs(lo) {
			p[i] = 1
			n++
		}
	}
	for i := range p {
		p[i] /= n
	}
	return p
}

// score fills a prediction from probabilities and the actual winner.
func score(method string, offers []string, p []float64, actual int) Prediction {
	pr := Prediction{Method: method, Probabilities: map[string]float64{}}
	best := 0
	for i, id := range offers {
		pr.Probabilities[id] = p[i]
		if p[i] > p[best] {
			best = i
		}
		y := 0.0
		if i == actual {
			y = 1
		}
		pr.Brier += (p[i] - y) * (p[i] - y)
	}
	pr.Predicted = offers[best]
	pr.Hit = best == actual && p[best] > 1/float64(len(p))+1e-12
	pr.LogLoss = -math.Log(math.Max(p[actual], LogLossFloor))
	return pr
}

// CrossValidate forecasts each decided contest with (a) the naive
// lowest-financing-cost rule, (b) the deterministic backtest rule, (c) the
// conditional logit estimated on the other decided contests (leave-one-out)
// and (d) equal probabilities, and scores hit rate, Brier score and log
// loss. Only the estimation reads outcomes; a contest's own outcome never
// enters its forecast. Undecided contests are skipped.
func CrossValidate(files []*File) (CrossValidation, error) {
	var cv CrossValidation
	var ins []CaseInput
	var sets []ChoiceSet
	for _, f := range files {
		if f.Outcome == nil || f.Outcome.Winner == "" || len(f.Offers) < 2 {
			continue
		}
		in, err := CaseInputOf(f)
		if err != nil {
			return cv, err
		}
		chosen := -1
		for i, id := range in.Offers {
			if id == f.Outcome.Winner {
				chosen = i
			}
		}
		ins = append(ins, in)
		sets = append(sets, ChoiceSet{ID: in.ID, Offers: in.Offers, X: in.X, Chosen: chosen})
	}
	m, err := FitChoice(sets)
	if err != nil {
		return cv, err
	}
	cv.Model = m
	sum := map[string]*MethodScore{}
	for _, me := range Methods {
		sum[me] = &MethodScore{Method: me}
	}
	for c, in := range ins {
		rest := make([]ChoiceSet, 0, len(sets)-1)
		rest = append(append(rest, sets[:c]...), sets[c+1:]...)
		mc, err := FitChoice(rest)
		if err != nil {
			return cv, fmt.Errorf("leaving out %s: %w", in.ID, err)
		}
		uni := make([]float64, len(in.Offers))
		for i := range uni {
			uni[i] = 1 / float64(len(uni))
		}
		a := sets[c].Chosen
		row := CVRow{Case: in.ID, Actual: in.Offers[a], Predictions: []Prediction{
			score(MethodNaive, in.Offers, argminProbs(in.Naive), a),
			score(MethodRule, in.Offers, argminProbs(in.Rule), a),
			score(MethodModel, in.Offers, mc.Probabilities(in.X), a),
			score(MethodUniform, in.Offers, uni, a),
		}}
		for _, p := range row.Predictions {
			s := sum[p.Method]
			s.Cases++
			if p.Hit {
				s.Hits++
			}
			s.Brier += p.Brier
			s.LogLoss += p.LogLoss
		}
		cv.Rows = append(cv.Rows, row)
	}
	for _, me := range Methods {
		s := sum[me]
		if s.Cases > 0 {
			s.HitRatePct = units.PercentOf(float64(s.Hits) / float64(s.Cases))
			s.Brier /= float64(s.Cases)
			s.LogLoss /= float64(s.Cases)
		}
		cv.Summary = append(cv.Summary, *s)
	}
	return cv, nil
}

// FitLibrary estimates the host-choice model on every decided contest of
// files with two or more offers.
func FitLibrary(files []*File) (ChoiceModel, error) {
	var sets []ChoiceSet
	for _, f := range files {
		if f.Outcome == nil || f.Outcome.Winner == "" || len(f.Offers) < 2 {
			continue
		}
		in, err := CaseInputOf(f)
		if err != nil {
			return ChoiceModel{}, err
		}
		for i, id := range in.Offers {
			if id == f.Outcome.Winner {
				sets = append(sets, ChoiceSet{ID: in.ID, Offers: in.Offers, X: in.X, Chosen: i})
			}
		}
	}
	return FitChoice(sets)
}

// TenderFeatures evaluates t and returns its offers' ids and feature
// vectors in input order, with stress the host's debt stress
// ([Observables.DebtStress]; 0 when unknown).
func TenderFeatures(t Tender, stress float64) ([]string, [][]float64, error) {
	r, err := Evaluate(t)
	if err != nil {
		return nil, nil, err
	}
	cost := map[string]float64{}
	for _, o := range r.Offers {
		cost[o.ID] = o.Financing.Total
	}
	ids := make([]string, len(t.Offers))
	costs := make([]float64, len(t.Offers))
	terms := make([]Terms, len(t.Offers))
	for i, o := range t.Offers {
		ids[i], costs[i], terms[i] = o.ID, cost[o.ID], OfferTerms(o, stress)
	}
	return ids, Features(costs, terms), nil
}

// ProbabilityTarget finds the values of param in [lo, hi] at which offer's
// choice probability under m equals target: a scan of steps cells, then
// bisection to 1e-9 relative width in each cell where p - target changes
// sign. It returns the values found (none when the target is not crossed).
func ProbabilityTarget(t Tender, stress float64, m *ChoiceModel, offer, param string, lo, hi, target float64, steps int) ([]float64, error) {
	if steps < 1 {
		steps = 100
	}
	k := -1
	for i, o := range t.Offers {
		if o.ID == offer {
			k = i
		}
	}
	if k < 0 {
		return nil, fmt.Errorf("tender: no offer %q", offer)
	}
	f := func(x float64) (float64, error) {
		c := t.Clone()
		if err := c.Set(param, x); err != nil {
			return 0, err
		}
		_, xs, err := TenderFeatures(c, stress)
		if err != nil {
			return 0, err
		}
		return m.Probabilities(xs)[k] - target, nil
	}
	var out []float64
	x0 := lo
	f0, err := f(x0)
	if err != nil {
		return nil, err
	}
	for s := 1; s <= steps; s++ {
		x1 := lo + (hi-lo)*float64(s)/float64(steps)
		f1, err := f(x1)
		if err != nil {
			return nil, err
		}
		if f0 == 0 {
			out = append(out, x0)
		} else if f0*f1 < 0 {
			a, b, fa := x0, x1, f0
			for b-a > 1e-9*math.Max(1, math.Abs(a)) {
				mid := (a + b) / 2
				fm, err := f(mid)
				if err != nil {
					return nil, err
				}
				if fa*fm <= 0 {
					b = mid
				} else {
					a, fa = mid, fm
				}
			}
			out = append(out, (a+b)/2)
		}
		x0, f0 = x1, f1
	}
	return out, nil
}

// Markdown renders the summary as the markdown table quoted in
// docs/tender.md and the README (a test keeps them equal).
func (cv CrossValidation) Markdown() string {
	label := map[string]string{MethodNaive: "(a) naive: lowest financing cost", MethodRule: "(b) deterministic rule",
		MethodModel: "(c) conditional logit, leave-one-out", MethodUniform: "reference: equal probabilities"}
	s := "| method | hits | hit rate, % | Brier | log loss |\n|---|---|---|---|---|\n"
	for _, m := range cv.Summary {
		s += fmt.Sprintf("| %s | %d / %d | %.1f | %.3f | %.3f |\n", label[m.Method], m.Hits, m.Cases, m.HitRatePct, m.Brier, m.LogLoss)
	}
	return s
}
