package web

import (
	"errors"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/infragame/infragame/dataset"
	"github.com/infragame/infragame/finance"
	"github.com/infragame/infragame/finance/financedoc"
	"github.com/infragame/infragame/finance/fxfile"
	"github.com/infragame/infragame/units"
)

// financeRoutes are the finance endpoints: the documents of "infragame
// finance ge", "schedule" and "compare" (package financedoc).
func (s *Server) financeRoutes() []route {
	return []route{
		{Method: "GET", Pattern: "/api/v1/finance/ge", Summary: "Grant element of a loan by one or every method (infragame finance ge)", Handle: s.apiFinanceGE, Cache: true},
		{Method: "GET", Pattern: "/api/v1/finance/schedule", Summary: "Debt-service schedule of a loan (infragame finance schedule)", Handle: s.apiFinanceSchedule, Cache: true},
		{Method: "GET", Pattern: "/api/v1/finance/surface", Summary: "Grant element over a grid of interest rate × grace or maturity (infragame finance surface)", Handle: s.apiFinanceSurface, Cache: true},
		{Method: "GET", Pattern: "/api/v1/finance/compare", Summary: "Compare a dataset project's loan offers (infragame finance compare --project)", Handle: s.apiFinanceCompareProject, Cache: true},
		{Method: "POST", Pattern: "/api/v1/finance/compare", Summary: "Compare the offers of a comparison file in the body (infragame finance compare FILE)", Handle: s.apiFinanceCompareFile},
	}
}

// queryFloat reads the number q[name], def when absent.
func queryFloat(q url.Values, name string, def float64) (float64, error) {
	v := strings.TrimSpace(q.Get(name))
	if v == "" {
		return def, nil
	}
	x, err := strconv.ParseFloat(strings.TrimSuffix(v, "%"), 64)
	if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
		return 0, badRequestf(name, "%s: %q is not a number", name, v)
	}
	return x, nil
}

// queryList reads the comma-separated numbers q[name] (nil when absent).
func queryList(q url.Values, name string) ([]float64, error) {
	v := strings.TrimSpace(q.Get(name))
	if v == "" {
		return nil, nil
	}
	var out []float64
	for _, p := range strings.Split(v, ",") {
		x, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
			return nil, badRequestf(name, "%s: %q is not a number", name, p)
		}
		out = append(out, x)
	}
	return out, nil
}

// queryBool reads the flag q[name]: absent, "", "0", "false" and "off" are
// false; anything else ("1", "true", "on") is true.
func queryBool(q url.Values, name string) bool {
	v := strings.ToLower(strings.TrimSpace(q.Get(name)))
	// An empty field is the option's default (off), as for every other
	// engine form field (it used to read as on).
	return v != "" && v != "0" && v != "false" && v != "off"
}

// fieldErr makes a finance field error a 400 naming the field.
func fieldErr(err error) error {
	var fe *finance.FieldError
	if errors.As(err, &fe) {
		return BadRequest(fe.Field, err)
	}
	return BadRequest("", err)
}

// loanQuery reads a loan from the query: the fields of financedoc.LoanInput
// (rates in percent), with the command line's defaults (principal 100 USD,
// two payments a year, equal principal); maturity_years is required.
func loanQuery(q url.Values, opt units.Options) (finance.LoanTerms, error) {
	var in financedoc.LoanInput
	if !q.Has("maturity_years") {
		return finance.LoanTerms{}, badRequestf("maturity_years", "maturity_years is required")
	}
	for _, f := range []struct {
		name string
		def  float64
		dst  *float64
	}{
		{"principal", 100, &in.Principal}, {"rate_pct", 0, &in.RatePct}, {"spread_pct", 0, &in.SpreadPct},
		{"maturity_years", 0, &in.MaturityYears}, {"grace_years", 0, &in.GraceYears},
		{"front_end_fee_pct", 0, &in.FrontEndFeePct}, {"commitment_fee_pct", 0, &in.CommitmentFeePct},
	} {
		v, err := queryFloat(q, f.name, f.def)
		if err != nil {
			return finance.LoanTerms{}, err
		}
		*f.dst = v
	}
	k, err := queryFloat(q, "payments_per_year", 2)
	if err != nil {
		return finance.LoanTerms{}, err
	}
	in.PaymentsPerYear = int(k)
	for _, l := range []struct {
		name string
		dst  *[]float64
	}{{"reference_path_pct", &in.ReferencePathPct}, {"disbursement_pct", &in.DisbursementPct}, {"repayment_shares_pct", &in.RepaymentSharesPct}} {
		if *l.dst, err = queryList(q, l.name); err != nil {
			return finance.LoanTerms{}, err
		}
	}
	in.Currency, in.Profile = q.Get("currency"), q.Get("profile")
	in.FirstRepaymentAtGraceEnd = queryBool(q, "first_repayment_at_grace_end")
	in.GuaranteeRequired, in.Tied = queryBool(q, "guarantee_required"), queryBool(q, "tied")
	if err := in.Check(opt); err != nil {
		return finance.LoanTerms{}, fieldErr(err)
	}
	t, err := in.LoanTerms()
	if err != nil {
		return t, BadRequest("profile", err)
	}
	return t, nil
}

// incomeGroup reads income_group ("" when absent).
func incomeGroup(q url.Values) (finance.IncomeGroup, error) {
	v := q.Get("income_group")
	if v == "" {
		return "", nil
	}
	g, err := finance.ParseIncomeGroup(v)
	if err != nil {
		return "", BadRequest("income_group", err)
	}
	return g, nil
}

// loanRequest reads the loan of a ge or schedule request and its
// discount_pct (nil when absent), checked for scale when scale is true.
func loanRequest(r *http.Request, scale bool) (finance.LoanTerms, *float64, error) {
	q := r.URL.Query()
	opt, err := allowUnusual(r)
	if err != nil {
		return finance.LoanTerms{}, nil, err
	}
	t, err := loanQuery(q, opt)
	if err != nil || !q.Has("discount_pct") {
		return t, nil, err
	}
	v, err := queryFloat(q, "discount_pct", 0)
	if err != nil {
		return t, nil, err
	}
	if u := units.Check(units.DiscountRate, units.Percent, v); scale && u != nil && !opt.AllowUnusual {
		return t, nil, BadRequest("discount_pct", u)
	}
	return t, &v, nil
}

// loanMethods reads a loan's terms and the grant-element methods asked
// for (the method field, defaultSpec when empty), as finance ge and
// finance surface do; it returns the method spec too.
func loanMethods(r *http.Request, defaultSpec string) (finance.LoanTerms, []finance.Method, string, error) {
	q := r.URL.Query()
	t, d, err := loanRequest(r, true)
	if err != nil {
		return t, nil, "", err
	}
	g, err := incomeGroup(q)
	if err != nil {
		return t, nil, "", err
	}
	spec := q.Get("method")
	if spec == "" {
		spec = defaultSpec
	}
	ms, err := financedoc.Methods(spec, g, d)
	if err != nil {
		return t, nil, spec, BadRequest("method", err)
	}
	return t, ms, spec, nil
}

func (s *Server) apiFinanceGE(r *http.Request) (any, error) {
	t, ms, _, err := loanMethods(r, "all")
	if err != nil {
		return nil, err
	}
	docs, err := financedoc.GrantElements(t, ms)
	if err != nil {
		return nil, fieldErr(err)
	}
	if len(docs) == 1 {
		return docs[0], nil // as the command line prints one method
	}
	return docs, nil
}

func (s *Server) apiFinanceSchedule(r *http.Request) (any, error) {
	t, d, err := loanRequest(r, false) // as "finance schedule --discount"
	if err != nil {
		return nil, err
	}
	doc, err := financedoc.ScheduleOf(t, d)
	if err != nil {
		return nil, fieldErr(err)
	}
	return doc, nil
}

// fx returns the dataset's exchange rates.
func (s *Server) fx() (finance.FXTable, error) { return fxfile.FromRecords(s.snapshot().Set) }

// compareOverrides reads host_discount_pct, call_probability_pct and
// income_group.
func compareOverrides(r *http.Request) (financedoc.CompareOverrides, units.Options, error) {
	var o financedoc.CompareOverrides
	q := r.URL.Query()
	opt, err := allowUnusual(r)
	if err != nil {
		return o, opt, err
	}
	if q.Has("host_discount_pct") {
		v, err := queryFloat(q, "host_discount_pct", 0)
		if err != nil {
			return o, opt, err
		}
		if v <= -100 || v > 100 {
			return o, opt, badRequestf("host_discount_pct", "host_discount_pct: %g %% is not a discount rate", v)
		}
		if u := units.Check(units.DiscountRate, units.Percent, v); u != nil && !opt.AllowUnusual {
			return o, opt, BadRequest("host_discount_pct", u)
		}
		d := v / 100
		o.HostDiscount = &d
	}
	if q.Has("call_probability_pct") {
		v, err := queryFloat(q, "call_probability_pct", 0)
		if err != nil {
			return o, opt, err
		}
		if !(v >= 0 && v <= 100) {
			return o, opt, badRequestf("call_probability_pct", "call_probability_pct: %g %% is not a probability", v)
		}
		p := v / 100
		o.CallProbability = &p
	}
	if q.Has("income_group") {
		g, err := incomeGroup(q)
		if err != nil {
			return o, opt, err
		}
		o.IncomeGroup = &g
	}
	return o, opt, nil
}

func (s *Server) apiFinanceCompareProject(r *http.Request) (any, error) {
	q := r.URL.Query()
	id := q.Get("project")
	if id == "" {
		return nil, badRequestf("project", "project: give a dataset project id (GET /api/v1/records?kind=project), or POST a comparison file")
	}
	rec, err := s.snapshot().Set.Lookup(id)
	p, ok := rec.(*dataset.Project)
	if err != nil || !ok {
		return nil, notFound("no project with id %q", id)
	}
	o, _, err := compareOverrides(r)
	if err != nil {
		return nil, err
	}
	hd, pc := 0.10, 0.0 // the command line's --host-discount 10, --call-probability 0
	if o.HostDiscount != nil {
		hd = *o.HostDiscount
	}
	if o.CallProbability != nil {
		pc = *o.CallProbability
	}
	var g finance.IncomeGroup
	if o.IncomeGroup != nil {
		g = *o.IncomeGroup
	}
	fx, err := s.fx()
	if err != nil {
		return nil, err
	}
	doc, err := financedoc.CompareProject(p, hd, pc, g, fx)
	if err != nil {
		return nil, BadRequest("project", err)
	}
	return doc, nil
}

func (s *Server) apiFinanceCompareFile(r *http.Request) (any, error) {
	o, opt, err := compareOverrides(r)
	if err != nil {
		return nil, err
	}
	data, label, err := readUpload(r, "offers")
	if err != nil {
		return nil, err
	}
	if name := r.URL.Query().Get("name"); name != "" {
		label = name
	}
	fx, err := s.fx()
	if err != nil {
		return nil, err
	}
	res, err := financedoc.CompareFile(label, data, opt, o, fx, finance.FXTable{})
	if err != nil {
		return nil, BadRequest("", err)
	}
	return financedoc.ComparisonOf(res), nil
}
