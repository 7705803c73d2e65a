package tender

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/infragame/infragame/mc"
	"github.com/infragame/infragame/units"
)

// This file holds the application layer of the tender engine: one function
// per question a front end (command line, web API, report) asks, taking
// validated inputs and returning the document that is rendered or written as
// JSON. Field names of the documents are stable (docs/tender.md).

// EvaluationTender is the tender "tender evaluate" ranks for f: the file's
// own host: profile when it has one, otherwise the host derived from the
// case's observables under [DefaultRule] (the backtest's host).
func (f *File) EvaluationTender() (Tender, error) {
	if f.Host != nil {
		return f.Tender()
	}
	return f.CaseTender(DefaultRule)
}

// HostStress is the debt stress of the file's host
// ([Observables.DebtStress]), 0 for a file without observables: (a tender
// with its own host: profile).
func (f *File) HostStress() float64 {
	if f.Observables == nil {
		return 0
	}
	return f.Observables.DebtStress()
}

// ChoiceDraws is the number of coefficient draws behind each
// [ChoiceEstimate] band.
const ChoiceDraws = 2000

// ChoiceEstimate is each offer's probability of being chosen under a fitted
// host-choice model, with a P05–P95 band from draws of the coefficients.
type ChoiceEstimate struct {
	// Offers are the offer ids, in the tender's order.
	Offers []string `json:"offers"`
	// Features are the offers' feature vectors in the model's order
	// (log cost, conditions, foreign control, ideal-point distance, fiscal
	// risk; docs/tender.md).
	Features  [][]float64 `json:"features"`
	Intervals []Interval  `json:"intervals"`
	// Cases is the number of decided contests the model was fitted on.
	Cases int `json:"cases"`
	// Draws and Seed are those of the band: Draws coefficient vectors drawn
	// with a PCG source seeded (Seed, 0).
	Draws int    `json:"draws"`
	Seed  uint64 `json:"seed"`
}

// EstimateChoice evaluates t, with stress the host's debt stress
// ([File.HostStress]), under the choice model m, and draws the
// probability bands from draws coefficient vectors (PCG seeded with
// (seed, 0)).
func EstimateChoice(t Tender, stress float64, m ChoiceModel, draws int, seed uint64) (*ChoiceEstimate, error) {
	ids, x, err := TenderFeatures(t, stress)
	if err != nil {
		return nil, err
	}
	iv, err := m.ProbabilityIntervals(x, draws, rand.New(rand.NewPCG(seed, 0)))
	if err != nil {
		return nil, err
	}
	return &ChoiceEstimate{Offers: ids, Features: x, Intervals: iv, Cases: m.Cases, Draws: draws, Seed: seed}, nil
}

// Evaluation is the document of "tender evaluate": the deterministic
// ranking with every term, the host-choice model's probabilities and,
// when asked for, the Monte Carlo over the file's distributions.
type Evaluation struct {
	// ChoiceProbabilities are the offers' choice probabilities, in the
	// tender's order (Choice.Intervals).
	ChoiceProbabilities []Interval `json:"choice_probabilities"`
	Deterministic       Result     `json:"deterministic"`
	MonteCarlo          *MCResult  `json:"monte_carlo,omitempty"`
	// Choice is the full choice estimate behind ChoiceProbabilities, with
	// the offers' features, which the host-choice table shows.
	Choice *ChoiceEstimate `json:"choice,omitempty"`
}

// EvaluateOptions are the settings of [EvaluateAll].
type EvaluateOptions struct {
	// Model is the host-choice model (for example one fitted on the case
	// library by [FitLibrary]); Stress the host's debt stress.
	Model  ChoiceModel
	Stress float64
	// Seed seeds both the choice model's coefficient draws and the Monte
	// Carlo.
	Seed uint64
	// Runs is the number of Monte Carlo runs (0: deterministic only);
	// Workers and Progress are those of [mc.Options].
	Runs     int
	Workers  int
	Progress func(done int)
}

// EvaluateAll ranks the offers of t, estimates their choice probabilities
// and, with opt.Runs > 0, runs the Monte Carlo ([Simulate]). The ranking
// and the choice estimate do not depend on the Monte Carlo, so unless
// opt.Workers is 1 they are computed while it runs instead of before it
// (they were a serial part of the command that a second worker could not
// shorten); the results are the same either way.
func EvaluateAll(ctx context.Context, t Tender, opt EvaluateOptions) (*Evaluation, error) {
	if opt.Runs <= 0 || opt.Workers == 1 {
		ev, err := evaluateChoice(t, opt)
		if err != nil || opt.Runs <= 0 {
			return ev, err
		}
		ev.MonteCarlo, err = Simulate(ctx, t, mcOptions(opt))
		if err != nil {
			return nil, err
		}
		return ev, nil
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		mcRes *MCResult
		mcErr error
		done  = make(chan struct{})
	)
	go func() {
		defer close(done)
		mcRes, mcErr = Simulate(ctx, t, mcOptions(opt))
	}()
	ev, err := evaluateChoice(t, opt)
	if err != nil {
		cancel() // its error is the one reported, as when run first
	}
	<-done
	if err != nil {
		return nil, err
	}
	if mcErr != nil {
		return nil, mcErr
	}
	ev.MonteCarlo = mcRes
	return ev, nil
}

// evaluateChoice is the part of [EvaluateAll] without the Monte Carlo.
func evaluateChoice(t Tender, opt EvaluateOptions) (*Evaluation, error) {
	r, err := Evaluate(t)
	if err != nil {
		return nil, err
	}
	ce, err := EstimateChoice(t, opt.Stress, opt.Model, ChoiceDraws, opt.Seed)
	if err != nil {
		return nil, err
	}
	return &Evaluation{ChoiceProbabilities: ce.Intervals, Deterministic: r, Choice: ce}, nil
}

func mcOptions(opt EvaluateOptions) mc.Options {
	return mc.Options{Runs: opt.Runs, Seed: opt.Seed, Workers: opt.Workers, Progress: opt.Progress}
}

// ErrEmptyRange is matched (errors.Is) by the error returned for an empty
// parameter range.
var ErrEmptyRange = errors.New("empty range")

// rangeError is an empty range; it matches ErrEmptyRange.
type rangeError struct{ msg string }

func (e *rangeError) Error() string        { return e.msg }
func (e *rangeError) Is(target error) bool { return target == ErrEmptyRange }

// Range returns the range [lo, hi] of parameter name: lo and hi where they
// are numbers, the [DefaultRange] around the parameter's base value where
// they are NaN. It returns ErrEmptyRange unless lo < hi.
func (t Tender) Range(name string, lo, hi float64) (float64, float64, error) {
	c := t.Clone()
	p, err := mc.FindParam(c.Params(), name)
	if err != nil {
		return 0, 0, err
	}
	if math.IsNaN(lo) || math.IsNaN(hi) {
		dlo, dhi := DefaultRange(p, *p.Ptr)
		if math.IsNaN(lo) {
			lo = dlo
		}
		if math.IsNaN(hi) {
			hi = dhi
		}
	}
	if !(lo < hi) {
		return 0, 0, &rangeError{fmt.Sprintf("%s: range [%g, %g] is empty (min must be < max)", name, lo, hi)}
	}
	return lo, hi, nil
}

// TargetResult is the document of "tender breakeven --target-prob": the
// values of Param at which Offer's choice probability equals Target.
type TargetResult struct {
	// Base is the parameter's value in the tender, BaseProbability the
	// offer's choice probability there.
	Base            float64 `json:"base"`
	BaseProbability float64 `json:"base_probability"`
	// Lo and Hi are the range searched.
	Hi     float64 `json:"hi"`
	Lo     float64 `json:"lo"`
	Offer  string  `json:"offer"`
	Param  string  `json:"param"`
	Target float64 `json:"target"`
	// Values are the solutions found (empty when the probability does not
	// reach the target in the range).
	Values []float64 `json:"values"`
}

// SolveTarget finds the values of param in [lo, hi] at which offer's
// choice probability under m reaches target ([ProbabilityTarget]). A NaN lo
// takes the range max(0, base − 2|base|) to base + 2|base| (to base + 1
// when the base is 0). It returns ErrEmptyRange unless lo < hi.
func SolveTarget(t Tender, stress float64, m *ChoiceModel, offer, param string, lo, hi, target float64, steps int) (*TargetResult, error) {
	base, err := t.Get(param)
	if err != nil {
		return nil, err
	}
	if math.IsNaN(lo) {
		lo, hi = math.Max(0, base-2*math.Abs(base)), base+2*math.Abs(base)
		if lo == hi {
			hi = lo + 1
		}
	}
	if !(lo < hi) {
		return nil, &rangeError{fmt.Sprintf("empty range [%g, %g]", lo, hi)}
	}
	vals, err := ProbabilityTarget(t, stress, m, offer, param, lo, hi, target, steps)
	if err != nil {
		return nil, err
	}
	_, x, err := TenderFeatures(t, stress)
	if err != nil {
		return nil, err
	}
	p0 := 0.0
	for i, o := range t.Offers {
		if o.ID == offer {
			p0 = m.Probabilities(x)[i]
		}
	}
	return &TargetResult{Base: base, BaseProbability: p0, Hi: hi, Lo: lo, Offer: offer, Param: param, Target: target, Values: vals}, nil
}

// SolveTargetNamed is [SolveTarget] with param as the user names it: a
// rate or share named NAME_pct ([PctParam]) takes lo and hi in percent and
// the result shows Param as given, Base, Lo, Hi and Values in percent.
// The command line and the web app both call it.
func SolveTargetNamed(t Tender, stress float64, m *ChoiceModel, offer, param string, lo, hi, target float64, steps int) (*TargetResult, error) {
	name, pct := PctParam(param)
	if !pct {
		return SolveTarget(t, stress, m, offer, name, lo, hi, target, steps)
	}
	frac := func(v float64) float64 {
		if math.IsNaN(v) {
			return v
		}
		return units.FractionOf(v)
	}
	res, err := SolveTarget(t, stress, m, offer, name, frac(lo), frac(hi), target, steps)
	if err != nil {
		return nil, err
	}
	res.Param, res.Base, res.Lo, res.Hi = param, units.PercentOf(res.Base), units.PercentOf(res.Lo), units.PercentOf(res.Hi)
	vals := make([]float64, len(res.Values))
	for i, v := range res.Values {
		vals[i] = units.PercentOf(v)
	}
	res.Values = vals
	return res, nil
}

// BacktestReport is the document of "tender backtest": the rule's
// prediction for every case and the leave-one-out cross-validation.
type BacktestReport struct {
	// CrossValidation uses the documented rule ([DefaultRule]) whatever
	// the rule of Rows.
	CrossValidation CrossValidation `json:"cross_validation"`
	Rows            []BacktestRow   `json:"rule"`
}

// BacktestAll runs [BacktestWith] under rule and [CrossValidate] on files.
func BacktestAll(rule BacktestRule, files []*File) (*BacktestReport, error) {
	rows, err := BacktestWith(rule, files)
	if err != nil {
		return nil, err
	}
	cv, err := CrossValidate(files)
	if err != nil {
		return nil, err
	}
	return &BacktestReport{CrossValidation: cv, Rows: rows}, nil
}
