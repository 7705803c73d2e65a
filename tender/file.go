package tender

import (
	"errors"
	"fmt"
	"github.com/infragame/infragame/internal/parseerr"
	"github.com/infragame/infragame/units"
	"math"
	"sort"
	"strings"

	"github.com/infragame/infragame/finance"
	"github.com/infragame/infragame/internal/pctyaml"
	"github.com/infragame/infragame/internal/yamlpos"
	"github.com/infragame/infragame/lcc"
	"github.com/infragame/infragame/mc"
)

// LoanSpec is the YAML form of the loan offered (rates are decimals).
type LoanSpec struct {
	Currency                 string  `yaml:"currency" json:"currency"`
	Rate                     float64 `yaml:"rate" json:"rate"`
	MaturityYears            float64 `yaml:"maturity_years" json:"maturity_years"`
	GraceYears               float64 `yaml:"grace_years" json:"grace_years"`
	FirstRepaymentAtGraceEnd bool    `yaml:"first_repayment_at_grace_end" json:"first_repayment_at_grace_end"`
	Profile                  string  `yaml:"profile" json:"profile"`
	PaymentsPerYear          int     `yaml:"payments_per_year" json:"payments_per_year"`
	FrontEndFee              float64 `yaml:"front_end_fee" json:"front_end_fee"`
	CommitmentFee            float64 `yaml:"commitment_fee" json:"commitment_fee"`
}

// OfferSpec is the YAML form of an [Offer].
type OfferSpec struct {
	ID     string        `yaml:"id" json:"id"`
	Bidder string        `yaml:"bidder" json:"bidder"`
	Price  float64       `yaml:"price" json:"price"`
	Asset  lcc.AssetSpec `yaml:"asset" json:"asset"`
	Loan   *LoanSpec     `yaml:"loan" json:"loan"`
	Share  float64       `yaml:"share_financed" json:"share_financed"`
	// FXDrift: see [Offer].FXDrift.
	FXDrift float64 `yaml:"fx_drift" json:"fx_drift"`
	// OnBudget defaults to true.
	OnBudget          *bool   `yaml:"on_budget" json:"on_budget"`
	GuaranteeRequired bool    `yaml:"guarantee_required" json:"guarantee_required"`
	Tied              bool    `yaml:"tied" json:"tied"`
	LocalContent      float64 `yaml:"local_content" json:"local_content"`
	TechTransfer      float64 `yaml:"tech_transfer" json:"tech_transfer"`
	// ContractYears: see [Offer].ContractYears (default 0).
	ContractYears float64 `yaml:"contract_years" json:"contract_years"`
	// Conditions attached by the lender (default none).
	Conditions struct {
		Safeguards bool `yaml:"safeguards" json:"safeguards"`
		Policy     bool `yaml:"policy" json:"policy"`
	} `yaml:"conditions" json:"conditions"`
	// Control: foreign share of the operator or equity and the years held
	// (default none).
	Control struct {
		Share float64 `yaml:"share" json:"share"`
		Years float64 `yaml:"years" json:"years"`
	} `yaml:"control" json:"control"`
	// IdealPointDistance: see [Offer].IdealPointDistance (default 0).
	IdealPointDistance float64 `yaml:"ideal_point_distance" json:"ideal_point_distance"`
	Note               string  `yaml:"note" json:"note"`
}

// HostSpec is the YAML form of a [Host].
type HostSpec struct {
	Name          string             `yaml:"name" json:"name"`
	DiscountRate  float64            `yaml:"discount_rate" json:"discount_rate"`
	ShadowPrice   float64            `yaml:"shadow_price" json:"shadow_price"`
	GuaranteeCost float64            `yaml:"guarantee_cost" json:"guarantee_cost"`
	TiedPenalty   float64            `yaml:"tied_penalty" json:"tied_penalty"`
	Rule          string             `yaml:"rule" json:"rule"`
	Weights       map[string]float64 `yaml:"weights" json:"weights"`
	Normalisation string             `yaml:"normalisation" json:"normalisation"`
	// ServiceValue per year of service; 0 = default (see [Host]).
	ServiceValue float64 `yaml:"service_value" json:"service_value"`
	Values       struct {
		PerYear      float64 `yaml:"per_year" json:"per_year"`
		LocalContent float64 `yaml:"local_content" json:"local_content"`
		TechTransfer float64 `yaml:"tech_transfer" json:"tech_transfer"`
	} `yaml:"values" json:"values"`
}

// AnalysisSpec is the YAML form of the tender's analysis settings.
type AnalysisSpec struct {
	Horizon    int     `yaml:"horizon" json:"horizon"`
	Inflation  float64 `yaml:"inflation" json:"inflation"`
	Convention string  `yaml:"convention" json:"convention"`
	Currency   string  `yaml:"currency" json:"currency"`
	PriceYear  int     `yaml:"price_year" json:"price_year"`
}

// Observables are facts about the host that anyone can look up, from which
// the backtest derives a host profile ([HostFromObservables]).
type Observables struct {
	// SovereignYield is the host's 10-year local-currency government bond
	// yield in the contest year (decimal, nominal).
	SovereignYield float64 `yaml:"sovereign_yield" json:"sovereign_yield"`
	// Inflation is consumer price inflation in the contest year (decimal).
	Inflation float64 `yaml:"inflation" json:"inflation"`
	// PublicDebtRatio is general government gross debt / GDP (decimal).
	PublicDebtRatio float64 `yaml:"public_debt_ratio" json:"public_debt_ratio"`
	// IncomeGroup is the World Bank income group that year (low,
	// lower_middle, upper_middle, high).
	IncomeGroup string `yaml:"income_group" json:"income_group"`
	// GNIPerCapita in current USD (Atlas method), for reference.
	GNIPerCapita float64 `yaml:"gni_per_capita" json:"gni_per_capita"`
	// LenderInflation is consumer price inflation in the contest year of
	// each loan currency (ISO 4217 code → decimal), for the relative-PPP
	// variant of the backtest.
	LenderInflation map[string]float64 `yaml:"lender_inflation" json:"lender_inflation,omitempty"`
	// DSARating is the host's risk of external debt distress in the latest
	// IMF/World Bank debt sustainability analysis (LIC DSF) before the
	// decision: low, moderate, high or in_distress; "" when none is
	// published (market-access countries) — neutral.
	DSARating string `yaml:"dsa_rating" json:"dsa_rating,omitempty"`
	// DebtLimit is a limit on public debt/GDP the host has set itself in
	// law or stated policy (decimal; 0 = none known — neutral).
	DebtLimit float64 `yaml:"debt_limit" json:"debt_limit,omitempty"`
}

// DebtStress is the host's debt stress in [0, 1]: the DSA rating mapped
// low 0, moderate 1/3, high 2/3, in distress 1, raised to 1 when public
// debt has reached the host's own stated limit. 0 when neither is known.
func (o Observables) DebtStress() float64 {
	s := map[string]float64{"moderate": 1.0 / 3, "high": 2.0 / 3, "in_distress": 1}[o.DSARating]
	if o.DebtLimit > 0 && o.PublicDebtRatio >= o.DebtLimit {
		s = 1
	}
	return s
}

// Outcome is what actually happened.
type Outcome struct {
	// Winner is the id of the offer chosen; empty when no offer has been
	// chosen (Status says why).
	Winner string `yaml:"winner" json:"winner"`
	// Status is "decided" (default) or "undecided".
	Status string `yaml:"status" json:"status"`
	Date   string `yaml:"date" json:"date"`
	Note   string `yaml:"note" json:"note"`
}

// File is a tender file: a contest with its offers and either a host
// profile (for "tender evaluate") or observable host attributes and the
// actual outcome (a case of the case library, for "tender backtest").
type File struct {
	ID          string            `yaml:"id" json:"id"`
	Name        string            `yaml:"name" json:"name"`
	Country     string            `yaml:"country" json:"country"`
	Year        int               `yaml:"year" json:"year"`
	Summary     string            `yaml:"summary" json:"summary"`
	Analysis    AnalysisSpec      `yaml:"analysis" json:"analysis"`
	Host        *HostSpec         `yaml:"host" json:"host"`
	Observables *Observables      `yaml:"observables" json:"observables"`
	Offers      []OfferSpec       `yaml:"offers" json:"offers"`
	Outcome     *Outcome          `yaml:"outcome" json:"outcome"`
	Sources     map[string]string `yaml:"sources" json:"sources"`
	// Notes on modelling choices and source conflicts.
	Notes []string `yaml:"notes" json:"notes"`
	// Contest, when present, sets up the compete-or-cooperate analysis of
	// the exporters (package contest): their cost ranges, the host's outside
	// option and the consortium they could form.
	Contest *ContestSpec `yaml:"contest,omitempty" json:"contest,omitempty"`
	// Projects are the ids of the dataset's project records this case is
	// about (infragame data show ID): reports take their Chinese names,
	// the seed's quotes and its figures as printed from them.
	Projects []string `yaml:"projects,omitempty" json:"projects,omitempty"`
}

// ParseFile reads a tender file (strict YAML: unknown fields are errors;
// syntax errors carry line and column) and checks it: the tender built
// with its host (or, for a case without host, with the backtest host) must
// validate, and an outcome must name an offer.
//
// Rates and shares are percentages in fields whose names end in _pct
// ([PctFields]: loan: {rate_pct: 0.1} is 0.1 % a year, share_financed_pct:
// 75 is 75 %). Files written before that rule give them as decimal
// fractions under the names without the suffix (rate: 0.001), which are
// still read ("infragame tender migrate" rewrites such a file); a file
// giving both names of one quantity is an error. A value almost certainly
// on the wrong scale (a loan rate of 0.02 %, a financed share of 0.75 %, a
// decimal loan rate of 2: units.Check) is an error unless opts allow
// unusual values.
func ParseFile(data []byte, opts ...units.Options) (*File, error) {
	var f File
	// Semantic errors name the field path; the document gives its line.
	doc, err := yamlpos.Load("", data)
	if err != nil {
		return nil, err
	}
	conv, err := pctyaml.NormalizeNotes(doc.Root(), PctFields(), units.Allow(opts))
	if err != nil {
		return nil, err
	}
	if err := doc.DecodeRoot(&f); err != nil {
		return nil, err
	}
	if !units.Allow(opts) {
		if err := f.unusual(); err != nil {
			return nil, pctyaml.Explain(doc.Locate(err), conv)
		}
	}
	if err := f.check(); err != nil {
		// The checks see fractions; say what the file gave in percent.
		return nil, pctyaml.Explain(doc.Locate(err), conv)
	}
	return &f, nil
}

// check validates a decoded file: the tender built with its host (or the
// backtest host) must validate, and so must the observables, the contest
// block and the outcome.
func (f *File) check() error {
	if f.Host == nil && f.Observables == nil {
		return parseerr.Fieldf("host", "missing (give host: or, for a case, observables:)")
	}
	var t Tender
	var err error
	if f.Host != nil {
		t, err = f.Tender()
	} else {
		t, err = f.TenderWith(HostFromObservables(*f.Observables))
	}
	if err != nil {
		return err
	}
	if err := t.Validate(); err != nil {
		return err
	}
	if f.Observables != nil {
		if err := f.Observables.Validate(); err != nil {
			return err
		}
	}
	if f.Contest != nil {
		if err := f.Contest.Validate(f); err != nil {
			return err
		}
	}
	if f.Outcome != nil && f.Outcome.Status == "undecided" {
		if f.Outcome.Winner != "" {
			return parseerr.Fieldf("outcome.winner", "must be empty when status is undecided")
		}
	} else if f.Outcome != nil {
		if f.Outcome.Status != "" && f.Outcome.Status != "decided" {
			return parseerr.Fieldf("outcome.status", "%q (want decided or undecided)", f.Outcome.Status)
		}
		ok := false
		for _, o := range f.Offers {
			ok = ok || o.ID == f.Outcome.Winner
		}
		if !ok {
			return parseerr.Fieldf("outcome.winner", "%q is not an offer id", f.Outcome.Winner)
		}
	}
	return nil
}

// Validate checks the observables' ranges.
func (o *Observables) Validate() error {
	var errs []error
	for _, c := range []struct {
		n      string
		v      float64
		lo, hi float64
	}{
		{"sovereign_yield", o.SovereignYield, -0.5, 1},
		{"inflation", o.Inflation, -0.5, 10},
		{"public_debt_ratio", o.PublicDebtRatio, 0, 5},
		{"gni_per_capita", o.GNIPerCapita, 0, 1e6},
		{"debt_limit", o.DebtLimit, 0, 5},
	} {
		if math.IsNaN(c.v) || c.v < c.lo || c.v > c.hi {
			errs = append(errs, parseerr.Fieldf(fmt.Sprintf("observables.%s", c.n), "%g outside [%g, %g]", c.v, c.lo, c.hi))
		}
	}
	for _, c := range sortedKeys(o.LenderInflation) {
		if v := o.LenderInflation[c]; math.IsNaN(v) || v < -0.5 || v > 10 {
			errs = append(errs, parseerr.Fieldf(fmt.Sprintf("observables.lender_inflation.%s", c), "%g outside [-0.5, 10]", v))
		}
	}
	switch o.DSARating {
	case "", "low", "moderate", "high", "in_distress":
	default:
		errs = append(errs, parseerr.Fieldf("observables.dsa_rating", "%q (want low, moderate, high or in_distress)", o.DSARating))
	}
	switch o.IncomeGroup {
	case "", "low", "lower_middle", "upper_middle", "high":
	default:
		errs = append(errs, parseerr.Fieldf("observables.income_group", "%q (want low, lower_middle, upper_middle or high)", o.IncomeGroup))
	}
	return errors.Join(errs...)
}

// Tender builds the tender with the file's own host profile.
func (f *File) Tender() (Tender, error) {
	if f.Host == nil {
		return Tender{}, parseerr.Fieldf("host", "missing; a case without host: is evaluated by \"tender backtest\", which derives the host from its observables")
	}
	h := Host{Name: f.Host.Name, DiscountRate: f.Host.DiscountRate, ShadowPrice: f.Host.ShadowPrice,
		GuaranteeCost: f.Host.GuaranteeCost, TiedPenalty: f.Host.TiedPenalty, Rule: Rule(f.Host.Rule), ServiceValue: f.Host.ServiceValue,
		Normalisation: Normalisation(f.Host.Normalisation)}
	if h.Rule == "" {
		h.Rule = FinancingAdjusted
	}
	if h.Normalisation == "" {
		h.Normalisation = MinMax
	}
	h.Values = Values{PerYear: f.Host.Values.PerYear, LocalContent: f.Host.Values.LocalContent, TechTransfer: f.Host.Values.TechTransfer}
	if f.Host.Weights != nil {
		h.Weights = map[Criterion]float64{}
		keys := make([]string, 0, len(f.Host.Weights))
		for k := range f.Host.Weights {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			h.Weights[Criterion(k)] = f.Host.Weights[k]
		}
	}
	return f.TenderWith(h)
}

// TenderWith builds the tender with host h.
func (f *File) TenderWith(h Host) (Tender, error) {
	conv, err := lcc.ParseConvention(f.Analysis.Convention)
	if err != nil {
		return Tender{}, parseerr.Prefix("analysis.convention", err)
	}
	t := Tender{
		Analysis: lcc.Analysis{Horizon: f.Analysis.Horizon, Inflation: f.Analysis.Inflation, Convention: conv,
			Currency: f.Analysis.Currency, PriceYear: f.Analysis.PriceYear},
		Host: h,
	}
	var errs []error
	for i := range f.Offers {
		s := &f.Offers[i]
		o := Offer{ID: s.ID, Bidder: s.Bidder, Price: s.Price, Share: s.Share, FXDrift: s.FXDrift, OnBudget: true,
			GuaranteeRequired: s.GuaranteeRequired, Tied: s.Tied, LocalContent: s.LocalContent, TechTransfer: s.TechTransfer,
			ContractYears: s.ContractYears, Conditions: Conditions{Safeguards: s.Conditions.Safeguards, Policy: s.Conditions.Policy},
			Control: ForeignControl{Share: s.Control.Share, Years: s.Control.Years}, IdealPointDistance: s.IdealPointDistance}
		if s.OnBudget != nil {
			o.OnBudget = *s.OnBudget
		}
		u := map[string]mc.Dist{}
		o.Asset = s.Asset.Build("offers."+s.ID+".", u, nil)
		o.Asset.Name = s.ID
		for k, d := range u {
			if t.Uncertain == nil {
				t.Uncertain = map[string]mc.Dist{}
			}
			t.Uncertain[k] = d
		}
		if s.Loan != nil {
			l := s.Loan
			prof, err := finance.ParseProfile(l.Profile)
			if l.Profile == "" {
				prof, err = finance.EqualPrincipal, nil
			}
			if err != nil {
				errs = append(errs, parseerr.Fieldf(fmt.Sprintf("offers[%d].loan.profile", i), "%w", err))
			}
			ppy := l.PaymentsPerYear
			if ppy == 0 {
				ppy = 2
			}
			cur := l.Currency
			if cur == "" {
				cur = f.Analysis.Currency
			}
			o.Loan = &finance.LoanTerms{Principal: 1, Currency: cur, Rate: l.Rate, MaturityYears: l.MaturityYears,
				GraceYears: l.GraceYears, FirstRepaymentAtGraceEnd: l.FirstRepaymentAtGraceEnd, Profile: prof,
				PaymentsPerYear: ppy, FrontEndFee: l.FrontEndFee, CommitmentFee: l.CommitmentFee,
				GuaranteeRequired: s.GuaranteeRequired, Tied: s.Tied, ShareFinanced: s.Share}
		}
		t.Offers = append(t.Offers, o)
	}
	if err := errors.Join(errs...); err != nil {
		return Tender{}, err
	}
	return t, nil
}

// SourceFor returns the source recorded for a field path, looking up the
// path and then each shorter prefix ("offers.japan.loan.rate", then
// "offers.japan.loan", "offers.japan").
//
// A path may name a rate or share by either of its names (rate or
// rate_pct); the source is found under either.
func (f *File) SourceFor(path string) (string, bool) {
	for p := path; p != ""; {
		if s, ok := f.Sources[p]; ok {
			return s, true
		}
		if n, ok := pctyaml.NewName(PctFields(), p); ok {
			if s, ok := f.Sources[n]; ok {
				return s, true
			}
		}
		if o, ok := pctyaml.OldName(PctFields(), p); ok {
			if s, ok := f.Sources[o]; ok {
				return s, true
			}
		}
		i := strings.LastIndexByte(p, '.')
		if i < 0 {
			break
		}
		p = p[:i]
	}
	return "", false
}

func sortedKeys(m map[string]float64) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
