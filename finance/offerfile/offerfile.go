// Package offerfile reads financing-comparison files: YAML documents that
// describe a project, two or more financing offers, exchange rates,
// exchange-rate scenarios and break-even questions, and turns them into a
// [finance.CompareInput].
//
// Percentages are written as finance people write them and the key says so
// (rate_pct: 0.1 is 0.1 %); durations are in years. Decoding is strict: an
// unknown key is an error. Every error names the file, line and field path,
// as in "jb.yaml:23:7: offers[1].loan.rate_pct: negative: -1".
//
// The format, with every key:
//
//	project:
//	  name: Jakarta–Bandung HSR
//	  host_currency: USD        # ISO 4217; money is reported in it
//	  host_discount_pct: 10     # the host's annual discount rate
//	  income_group: lmic        # ldc, lic, lmic or umic (for dac2018)
//	  year: 2015                # year of the exchange rates and prices
//	aiddata_discount_pct: 10    # optional, default 10
//	fx:                         # units per US dollar, annual averages
//	  - {currency: JPY, year: 2015, per_usd: 121.0491, source: "Fed G.5A"}
//	offers:
//	  - name: japan
//	    lender: JICA
//	    source: "..."
//	    cost: {value: 700e9, currency: JPY}
//	    loan:
//	      currency: JPY
//	      principal: 0              # optional; default share × cost
//	      share_financed_pct: 75
//	      rate_pct: 0.1             # or reference_path_pct + spread_pct
//	      reference_path_pct: []    # floating: reference rate by loan year
//	      spread_pct: 0
//	      maturity_years: 40
//	      grace_years: 10
//	      first_repayment_at_grace_end: false
//	      profile: equal_principal  # annuity, bullet, custom
//	      repayment_shares_pct: []  # custom only, one per repayment
//	      payments_per_year: 2
//	      front_end_fee_pct: 0
//	      commitment_fee_pct: 0
//	      disbursement_pct: [25, 25, 25, 25]   # by loan year
//	      guarantee_required: true
//	      tied: true
//	    guarantee: {call_probability_pct: 5, loss_given_call_pct: 100}
//	scenarios:
//	  - name: yen +3 %/yr
//	    appreciation_pct: {JPY: 3}
//	    path: {CNY: [6.28, 6.64]}  # units per USD by loan year
//	break_even:
//	  - {offer: china, target: japan, param: rate}   # rate, grace, maturity
package offerfile

import (
	"errors"
	"fmt"
	"github.com/infragame/infragame/units"
	"math"
	"regexp"
	"strings"
	"sync"

	"github.com/infragame/infragame/internal/parseerr"
	"github.com/infragame/infragame/internal/yamlpos"

	"github.com/infragame/infragame/finance"
)

// ParseError is an error at a place in a file, the error of every reader
// of user files ([parseerr.Error]). Line and Column are 1-based; 0 when
// unknown. Field is the YAML path such as offers[1].loan.rate_pct.
type ParseError = parseerr.Error

// File is the document as written.
type File struct {
	Project struct {
		Name            string  `yaml:"name"`
		HostCurrency    string  `yaml:"host_currency"`
		HostDiscountPct float64 `yaml:"host_discount_pct"`
		IncomeGroup     string  `yaml:"income_group"`
		Year            int     `yaml:"year"`
	} `yaml:"project"`
	AidDataDiscountPct float64    `yaml:"aiddata_discount_pct"`
	FX                 []FXEntry  `yaml:"fx"`
	Offers             []Offer    `yaml:"offers"`
	Scenarios          []Scenario `yaml:"scenarios"`
	BreakEven          []struct {
		Offer  string `yaml:"offer"`
		Target string `yaml:"target"`
		Param  string `yaml:"param"`
	} `yaml:"break_even"`
}

// FXEntry is one exchange rate: units of Currency per US dollar in Year.
type FXEntry struct {
	Currency string  `yaml:"currency"`
	Year     int     `yaml:"year"`
	PerUSD   float64 `yaml:"per_usd"`
	Source   string  `yaml:"source"`
}

// Offer is one offer as written.
type Offer struct {
	Name   string `yaml:"name"`
	Lender string `yaml:"lender"`
	Source string `yaml:"source"`
	Cost   struct {
		Value    float64 `yaml:"value"`
		Currency string  `yaml:"currency"`
	} `yaml:"cost"`
	Loan      Loan `yaml:"loan"`
	Guarantee struct {
		CallProbabilityPct float64 `yaml:"call_probability_pct"`
		LossGivenCallPct   float64 `yaml:"loss_given_call_pct"`
	} `yaml:"guarantee"`
}

// Loan is loan terms as written, percentages in percent.
type Loan struct {
	Currency                 string    `yaml:"currency"`
	Principal                float64   `yaml:"principal"`
	ShareFinancedPct         float64   `yaml:"share_financed_pct"`
	RatePct                  float64   `yaml:"rate_pct"`
	ReferencePathPct         []float64 `yaml:"reference_path_pct"`
	SpreadPct                float64   `yaml:"spread_pct"`
	MaturityYears            float64   `yaml:"maturity_years"`
	GraceYears               float64   `yaml:"grace_years"`
	FirstRepaymentAtGraceEnd bool      `yaml:"first_repayment_at_grace_end"`
	Profile                  string    `yaml:"profile"`
	RepaymentSharesPct       []float64 `yaml:"repayment_shares_pct"`
	PaymentsPerYear          int       `yaml:"payments_per_year"`
	FrontEndFeePct           float64   `yaml:"front_end_fee_pct"`
	CommitmentFeePct         float64   `yaml:"commitment_fee_pct"`
	DisbursementPct          []float64 `yaml:"disbursement_pct"`
	GuaranteeRequired        bool      `yaml:"guarantee_required"`
	Tied                     bool      `yaml:"tied"`
}

// Scenario is an exchange-rate scenario as written.
type Scenario struct {
	Name            string               `yaml:"name"`
	AppreciationPct map[string]float64   `yaml:"appreciation_pct"`
	Path            map[string][]float64 `yaml:"path"`
}

func pct(x float64) float64 { return x / 100 }

func pcts(xs []float64) []float64 {
	if xs == nil {
		return nil
	}
	out := make([]float64, len(xs))
	for i, x := range xs {
		out[i] = x / 100
	}
	return out
}

// Terms converts the written loan into finance terms (percent to decimal).
// An unknown profile name is kept as given so that Validate names it.
func (l *Loan) Terms() finance.LoanTerms {
	p, err := finance.ParseProfile(l.Profile)
	if err != nil {
		p = finance.Profile(l.Profile)
	}
	return finance.LoanTerms{
		Principal: l.Principal, Currency: l.Currency, Rate: pct(l.RatePct),
		ReferencePath: pcts(l.ReferencePathPct), Spread: pct(l.SpreadPct),
		MaturityYears: l.MaturityYears, GraceYears: l.GraceYears,
		FirstRepaymentAtGraceEnd: l.FirstRepaymentAtGraceEnd, Profile: p,
		RepaymentShares: pcts(l.RepaymentSharesPct), PaymentsPerYear: l.PaymentsPerYear,
		FrontEndFee: pct(l.FrontEndFeePct), CommitmentFee: pct(l.CommitmentFeePct),
		Disbursement: pcts(l.DisbursementPct), GuaranteeRequired: l.GuaranteeRequired,
		Tied: l.Tied, ShareFinanced: pct(l.ShareFinancedPct),
	}
}

// MaxSize is the largest file Parse accepts, in bytes.
const MaxSize = 1 << 20

// Parse reads a comparison file. name is used in error messages only.
// Errors are [*ParseError]s (joined when there are several) carrying the
// line and the field path. Rates and shares on an implausible scale
// (units.Check: a 0.02 % loan, a 0.75 % financed share, a 0.05 % host
// discount rate) are errors unless opts allow unusual values.
func Parse(name string, data []byte, opts ...units.Options) (*finance.CompareInput, error) {
	if len(data) > MaxSize {
		return nil, &ParseError{File: name, Err: fmt.Errorf("file is %d bytes, more than %d", len(data), MaxSize)}
	}
	var f File
	if _, err := yamlpos.Decode(name, data, &f); err != nil {
		return nil, yamlError(name, err)
	}
	in := &finance.CompareInput{AidDataDiscount: pct(f.AidDataDiscountPct)}
	in.Project = finance.Project{Name: f.Project.Name, HostCurrency: f.Project.HostCurrency,
		HostDiscount: pct(f.Project.HostDiscountPct), Year: f.Project.Year}
	var errs []error
	add := func(field string, err error) {
		errs = append(errs, &finance.FieldError{Field: field, Err: err})
	}
	if f.Project.IncomeGroup != "" {
		g, err := finance.ParseIncomeGroup(f.Project.IncomeGroup)
		if err != nil {
			add("project.income_group", err)
		}
		in.Project.IncomeGroup = g
	}
	if f.Project.Year == 0 {
		add("project.year", errors.New("missing (the year of the exchange rates and prices)"))
	}
	if d := f.AidDataDiscountPct; d < 0 || d > 100 || math.IsNaN(d) {
		add("aiddata_discount_pct", fmt.Errorf("%w: %v", finance.ErrOutOfRange, d))
	}
	for i, e := range f.FX {
		if err := in.FX.Set(e.Currency, e.Year, e.PerUSD); err != nil {
			add(fmt.Sprintf("fx[%d]", i), err)
		}
	}
	if !units.Allow(opts) {
		check := func(field string, k units.Kind, v float64) {
			if u := units.Check(k, units.Percent, v); u != nil {
				add(field, u)
			}
		}
		check("project.host_discount_pct", units.DiscountRate, f.Project.HostDiscountPct)
		for i, o := range f.Offers {
			if len(o.Loan.ReferencePathPct) == 0 {
				check(fmt.Sprintf("offers[%d].loan.rate_pct", i), units.LoanRate, o.Loan.RatePct)
			}
			check(fmt.Sprintf("offers[%d].loan.share_financed_pct", i), units.Share, o.Loan.ShareFinancedPct)
		}
	}
	for _, o := range f.Offers {
		in.Offers = append(in.Offers, finance.Offer{
			Name: o.Name, Lender: o.Lender, Source: o.Source,
			Cost: finance.Amount{Value: o.Cost.Value, Currency: o.Cost.Currency, Year: f.Project.Year},
			Loan: o.Loan.Terms(),
			Guarantee: finance.Guarantee{CallProbability: pct(o.Guarantee.CallProbabilityPct),
				LossGivenCall: pct(o.Guarantee.LossGivenCallPct)},
		})
	}
	for _, s := range f.Scenarios {
		sc := finance.FXScenario{Name: s.Name, Path: s.Path}
		if s.AppreciationPct != nil {
			sc.Appreciation = map[string]float64{}
			for c, v := range s.AppreciationPct {
				sc.Appreciation[c] = pct(v)
			}
		}
		in.Scenarios = append(in.Scenarios, sc)
	}
	for _, b := range f.BreakEven {
		in.BreakEvens = append(in.BreakEvens, finance.BreakEven{Offer: b.Offer, Target: b.Target, Param: finance.BreakEvenParam(b.Param)})
	}
	errs = append(errs, in.Validate())
	if err := errors.Join(errs...); err != nil {
		return nil, Locate(name, data, err)
	}
	return in, nil
}

// yamlError turns the errors of package yamlpos (one, or several joined)
// into ParseErrors with their line, column and field path.
func yamlError(name string, err error) error {
	var list []error
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		list = flatten(j.Unwrap())
	} else {
		list = []error{err}
	}
	out := make([]error, 0, len(list))
	for _, e := range list {
		var ye *yamlpos.Error
		if errors.As(e, &ye) {
			out = append(out, &ParseError{File: name, Line: ye.Line, Column: ye.Column, Field: ye.Field, Err: ye.Err})
			continue
		}
		out = append(out, &ParseError{File: name, Err: e})
	}
	return errors.Join(out...)
}

// yamlKeys maps the finance field names to the keys of the file.
var yamlKeys = map[string]string{
	"rate": "rate_pct", "spread": "spread_pct", "reference_path": "reference_path_pct",
	"front_end_fee": "front_end_fee_pct", "commitment_fee": "commitment_fee_pct",
	"share_financed": "share_financed_pct", "repayment_shares": "repayment_shares_pct",
	"disbursement": "disbursement_pct", "host_discount_rate": "host_discount_pct",
	"call_probability": "call_probability_pct", "loss_given_call": "loss_given_call_pct",
	"appreciation": "appreciation_pct",
}

var segment = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^([^\[\]]+)((?:\[\d+\])*)$`) })

// yamlPath rewrites a finance field path into the file's keys.
func yamlPath(field string) string {
	parts := strings.Split(field, ".")
	for i, p := range parts {
		if m := segment().FindStringSubmatch(p); m != nil {
			if k, ok := yamlKeys[m[1]]; ok {
				parts[i] = k + m[2]
			}
		}
	}
	return strings.Join(parts, ".")
}

// Locate turns each [finance.FieldError] in err into a [ParseError] at the
// line of the field in data (or of its nearest parent present in the file),
// with the field path written in the file's keys (rate → rate_pct). Use it
// on the errors of [finance.Compare] run on a parsed file. Other errors are
// returned as ParseErrors naming only the file.
func Locate(name string, data []byte, err error) error {
	if err == nil {
		return nil
	}
	doc, perr := yamlpos.Load(name, data)
	var list []error
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		list = flatten(j.Unwrap())
	} else {
		list = []error{err}
	}
	out := make([]error, 0, len(list))
	for _, e := range list {
		pe := &ParseError{File: name, Err: e}
		var fe *finance.FieldError
		if errors.As(e, &fe) {
			pe.Field, pe.Err = yamlPath(fe.Field), fe.Err
			if perr == nil {
				var text string
				var exact bool
				pe.Line, pe.Column, text, exact = doc.Pos(pe.Field)
				if !exact {
					text = ""
				}
				if strings.HasSuffix(pe.Field, "_pct") && text != "" {
					pe.Err = fmt.Errorf("%w (the file says %s %%)", pe.Err, text)
				}
			}
		}
		out = append(out, pe)
	}
	return errors.Join(out...)
}

func flatten(errs []error) []error {
	var out []error
	for _, e := range errs {
		if j, ok := e.(interface{ Unwrap() []error }); ok {
			out = append(out, flatten(j.Unwrap())...)
		} else if e != nil {
			out = append(out, e)
		}
	}
	return out
}
