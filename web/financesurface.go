package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/infragame/infragame/finance"
	"github.com/infragame/infragame/finance/financedoc"
	"github.com/infragame/infragame/publish"
	"github.com/infragame/infragame/tender"
)

// The grids of `finance surface` without --rates, --axis and --y.
const (
	defaultSurfaceRates = "0:5:0.5"
	defaultSurfaceAxis  = "grace"
	defaultSurfaceY     = "0:10:1"
)

// surfaceDoc computes the grant-element surface of `infragame finance
// surface --method M --rates G --axis grace|maturity --y G [loan flags]`
// from the query: method (default imf, exactly one), rates (percent),
// axis, y (years) and the loan's fields as /api/v1/finance/ge reads them;
// maturity_years is required on the grace axis, and on the maturity axis
// only a placeholder, as on the command line.
func surfaceDoc(r *http.Request) (*financedoc.Surface, error) {
	q := r.URL.Query()
	axis := finance.SurfaceAxis(strings.TrimSpace(q.Get("axis")))
	switch axis {
	case "":
		axis = defaultSurfaceAxis
	case finance.AxisGrace, finance.AxisMaturity:
	default:
		return nil, badRequestf("axis", "axis: want grace or maturity, got %q", axis)
	}
	// The command line's rules for `finance surface`: a field the surface
	// would ignore is refused, not dropped.
	has := func(k string) bool { return strings.TrimSpace(q.Get(k)) != "" }
	for _, k := range []string{"rate_pct", "reference_path_pct", "spread_pct", "repayment_shares_pct"} {
		if has(k) {
			return nil, badRequestf(k, "%s applies nowhere in a surface: it varies a fixed rate over rates, and the number of repayments over y", k)
		}
	}
	if has("grace_years") && axis != finance.AxisMaturity {
		return nil, badRequestf("grace_years", "grace_years applies with axis=maturity only: on the grace axis the surface varies it over y")
	}
	if has("maturity_years") && axis == finance.AxisMaturity {
		return nil, badRequestf("maturity_years", "maturity_years applies with axis=grace only: on the maturity axis the surface varies it over y")
	}
	if has("income_group") && q.Get("method") != "dac2018" {
		return nil, badRequestf("income_group", "income_group applies to method=dac2018 only")
	}
	if q.Get("method") == "aiddata" {
		for _, k := range []string{"payments_per_year", "profile", "first_repayment_at_grace_end", "front_end_fee_pct", "commitment_fee_pct", "disbursement_pct"} {
			if has(k) {
				return nil, badRequestf(k, "%s applies to methods other than aiddata, whose convention fixes these terms (semi-annual equal principal, repayments from the end of grace, no fees, all disbursed at commitment)", k)
			}
		}
	}
	// The grant element does not depend on the face value: the command
	// line (which has no --principal here) computes it on 1.
	for _, k := range []string{"principal", "currency", "guarantee_required", "tied"} {
		q.Del(k)
	}
	q.Set("principal", "1")
	r.URL.RawQuery = q.Encode()
	if axis == finance.AxisMaturity {
		q.Set("maturity_years", "1") // replaced on the maturity axis (the CLI's placeholder)
		r.URL.RawQuery = q.Encode()
	}
	grid := func(name, def string) ([]float64, error) {
		v := strings.TrimSpace(q.Get(name))
		if v == "" {
			v = def
		}
		g, err := tender.ParseGrid(v)
		if err != nil {
			return nil, BadRequest(name, fmt.Errorf("%s: %w", name, err))
		}
		return g, nil
	}
	rates, err := grid("rates", defaultSurfaceRates)
	if err != nil {
		return nil, err
	}
	ys, err := grid("y", defaultSurfaceY)
	if err != nil {
		return nil, err
	}
	if n := len(rates) * len(ys); n > maxMapCells {
		return nil, badRequestf("rates", "the surface has %d cells; the web app computes at most %d", n, maxMapCells)
	}
	t, ms, spec, err := loanMethods(r, "imf")
	if err != nil {
		return nil, err
	}
	if len(ms) != 1 {
		return nil, badRequestf("method", "method: give exactly one method for a surface, not %q", spec)
	}
	doc, err := financedoc.SurfaceOf(t, ms[0], rates, axis, ys)
	if err != nil {
		return nil, BadRequest("", err)
	}
	return doc, nil
}

func (s *Server) apiFinanceSurface(r *http.Request) (any, error) { return surfaceDoc(r) }

// surfaceFields are the inputs of the surface page: the grids, then the
// loan's terms that stay fixed (empty: the command line's default).
var surfaceFields = []financeField{
	{Name: "rates", LabelKey: "web.finance.rates", Default: defaultSurfaceRates},
	{Name: "y", LabelKey: "web.finance.ygrid", Default: defaultSurfaceY},
	{Name: "maturity_years", LabelKey: "web.finance.maturity"},
	{Name: "grace_years", LabelKey: "web.finance.grace"},
	{Name: "payments_per_year", LabelKey: "web.finance.frequency", Default: "2"},
	{Name: "front_end_fee_pct", LabelKey: "web.finance.fee"},
	{Name: "discount_pct", LabelKey: "web.finance.discount"},
}

type surfaceView struct {
	engineView
	Fields                []financeField
	Method, Axis, Profile string
	Income                string
	Methods, Axes         []string
	Profiles, Incomes     []string
	APILink               string
}

// pageFinanceSurface shows the grant-element surface as a heat map and
// the document of `finance surface --format json` as tables, with a form
// of its inputs; the first visit shows the form's defaults computed.
func (s *Server) pageFinanceSurface(w http.ResponseWriter, r *http.Request) {
	l := lang(r)
	q := r.URL.Query()
	if len(q) == 0 || len(q) == 1 && q.Has("lang") {
		// The first visit computes the grids' defaults at a 40-year maturity.
		q.Set("maturity_years", "40")
	}
	for k, vs := range q {
		if len(vs) == 1 && strings.TrimSpace(vs[0]) == "" {
			q.Del(k) // an empty field is the command line's default
		}
	}
	// The form has both the maturity and the grace: the one the chosen
	// axis varies is not sent.
	if q.Get("axis") == string(finance.AxisMaturity) {
		q.Del("maturity_years")
	} else {
		q.Del("grace_years")
	}
	r.URL.RawQuery = q.Encode()
	v := surfaceView{Method: q.Get("method"), Axis: q.Get("axis"), Profile: q.Get("profile"), Income: q.Get("income_group"),
		Methods: []string{"imf", "dac1972", "dac2018", "aiddata", "user"}, Axes: []string{"grace", "maturity"},
		Profiles: []string{"", "equal_principal", "annuity", "bullet"}, Incomes: []string{"", "ldc", "lic", "lmic", "umic"}}
	for _, f := range surfaceFields {
		f.Value = q.Get(f.Name)
		v.Fields = append(v.Fields, f)
	}
	cli := "infragame finance surface"
	for _, p := range []struct{ name, flag string }{{"method", "--method"}, {"income_group", "--income-group"}, {"discount_pct", "--discount"},
		{"rates", "--rates"}, {"axis", "--axis"}, {"y", "--y"}, {"maturity_years", "--maturity"}, {"grace_years", "--grace"},
		{"payments_per_year", "--payments-per-year"}, {"profile", "--profile"}, {"front_end_fee_pct", "--front-end-fee"}} {
		if q.Has(p.name) {
			cli += " " + p.flag + " " + q.Get(p.name)
		}
	}
	qq := url.Values{}
	for k, vs := range q {
		if k != "lang" {
			qq[k] = vs
		}
	}
	v.Form = engineForm{TitleKey: "web.finance.surface", IntroKey: "web.finance.surfintro", CLI: cli + " --format json",
		API: "GET /api/v1/finance/surface?" + qq.Encode()}
	v.APILink = "/api/v1/finance/surface?" + qq.Encode()
	title := l.T("web.finance.surface")
	doc, err := surfaceDoc(r)
	if err == nil {
		var fig figureView
		if fig, err = viewFigure(publish.SurfaceDocChart(l, doc), ""); err == nil {
			v.Figure = &fig
			v.Result, err = resultHTML(doc, l)
		}
	}
	if err != nil {
		pg := s.newPage(r, "/finance", title, v)
		p := problemFor(r, err)
		pg.Error = p.Detail
		s.render(w, p.Status, "surface", pg)
		return
	}
	v.HasResult, v.Link = true, r.URL.RequestURI()
	s.render(w, http.StatusOK, "surface", s.newPage(r, "/finance", title, v))
}
