package web

import (
	"errors"
	"html/template"
	"net/http"
	"net/url"
	"sort"
	"strings"

	"github.com/infragame/infragame/dataset"
	"github.com/infragame/infragame/finance"
	"github.com/infragame/infragame/finance/financedoc"
	"github.com/infragame/infragame/publish"
)

// financeField is an input of the loan form: the API's query name, its
// label and its default value (rates in percent, as on the command line).
type financeField struct {
	Name, LabelKey, Value, Default string
}

var financeFields = []financeField{
	{Name: "principal", LabelKey: "web.finance.amount", Default: "100"},
	{Name: "currency", LabelKey: "web.finance.currency", Default: "USD"},
	{Name: "rate_pct", LabelKey: "web.finance.rate", Default: "2"},
	{Name: "maturity_years", LabelKey: "web.finance.maturity", Default: "40"},
	{Name: "grace_years", LabelKey: "web.finance.grace", Default: "10"},
	{Name: "payments_per_year", LabelKey: "web.finance.frequency", Default: "2"},
	{Name: "front_end_fee_pct", LabelKey: "web.finance.fee", Default: "0"},
	{Name: "discount_pct", LabelKey: "web.finance.discount", Default: ""},
	{Name: "spread_pct", LabelKey: "web.finance.spread", Default: ""},
	{Name: "reference_path_pct", LabelKey: "web.finance.refpath", Default: ""},
	{Name: "commitment_fee_pct", LabelKey: "web.finance.commitfee", Default: ""},
	{Name: "disbursement_pct", LabelKey: "web.finance.disburse", Default: ""},
}

type financeView struct {
	Fields       []financeField
	Profile      string
	Profiles     []string
	IncomeGroup  string
	IncomeGroups []string
	// Method is the grant-element method asked for ("" is every method,
	// as finance ge --method all); Methods are the choices.
	Method  string
	Methods []string
	// ScheduleError is why the loan has no schedule when its grant
	// element by the chosen method has one: AidData's convention reads a
	// maturity of 21.75 years, which no schedule of 2 payments a year has.
	ScheduleError string
	// CompareFields are the comparison's options (the same on the
	// project's form and the file's).
	CompareFields []financeField
	CompareFile   bool
	// OffersText and OffersName are the comparison file shown, posted
	// again for its HTML report (report finance).
	OffersText, OffersName string
	Projects               []navItem
	Project                string
	HasLoan                bool
	GE                     template.HTML
	Schedule               template.HTML
	Figure                 *figureView
	Compare                template.HTML
	LoanLink               string
	APILoan                string
	APICmp                 string
}

// loanFormMethods are the loan form's grant-element methods: "" is every
// method (finance ge --method all), then each of finance.MethodNames.
var loanFormMethods = func() []string {
	out := []string{""}
	for _, n := range finance.MethodNames {
		out = append(out, string(n))
	}
	return out
}()

// compareFields are the options of `finance compare`: empty is the command
// line's default (the file's or 10 % for a project; no call).
var compareFields = []financeField{
	{Name: "host_discount_pct", LabelKey: "web.finance.hostdisc"},
	{Name: "call_probability_pct", LabelKey: "web.finance.callprob"},
}

// pageFinance: a loan from the form (its grant element by every method, its
// schedule as a chart and a table), and the comparison of a dataset
// project's recorded offers or of an uploaded comparison file (POST),
// through the API's own handlers.
func (s *Server) pageFinance(w http.ResponseWriter, r *http.Request) {
	l := lang(r)
	if r.Method == http.MethodPost {
		// The uploaded file's options travel as form fields; the API
		// handlers read them from the query.
		if err := r.ParseMultipartForm(MaxUploadBytes); err != nil && !errors.Is(err, http.ErrNotMultipart) {
			s.renderError(w, r, "/finance", BadRequest("offers", err))
			return
		}
		q := r.URL.Query()
		for _, f := range compareFields {
			if v := r.FormValue(f.Name); v != "" {
				q.Set(f.Name, v)
			}
		}
		r.URL.RawQuery = q.Encode()
	}
	// An empty field is the command line's default.
	q := r.URL.Query()
	for _, name := range []string{"host_discount_pct", "call_probability_pct", "income_group", "method"} {
		if q.Has(name) && strings.TrimSpace(q.Get(name)) == "" {
			q.Del(name)
		}
	}
	r.URL.RawQuery = q.Encode()
	v := financeView{Profile: q.Get("profile"), Profiles: []string{"equal_principal", "annuity", "bullet"}, Project: q.Get("project"),
		IncomeGroup: q.Get("income_group"), IncomeGroups: []string{"", "ldc", "lic", "lmic", "umic"}, CompareFile: r.Method == http.MethodPost,
		Method: q.Get("method"), Methods: loanFormMethods}
	for _, f := range compareFields {
		f.Value = q.Get(f.Name)
		v.CompareFields = append(v.CompareFields, f)
	}
	for _, f := range financeFields {
		f.Value = q.Get(f.Name)
		if !q.Has(f.Name) {
			f.Value = f.Default
		}
		v.Fields = append(v.Fields, f)
	}
	// Projects with two or more recorded loan offers can be compared.
	var ps []*dataset.Project
	for _, rec := range s.snapshot().Set.Of(dataset.KindProject) {
		if p, ok := rec.(*dataset.Project); ok && len(p.Loans) >= 2 {
			ps = append(ps, p)
		}
	}
	sort.Slice(ps, func(i, j int) bool { return ps[i].ID < ps[j].ID })
	for _, p := range ps {
		v.Projects = append(v.Projects, navItem{Href: p.ID, Label: recordName(l, p), Active: p.ID == v.Project})
	}
	fail := func(err error) {
		pg := s.newPage(r, "/finance", l.T("web.nav.finance"), v)
		p := problemFor(r, err)
		pg.Error = p.Detail
		s.render(w, p.Status, "finance", pg)
	}
	if q.Has("maturity_years") {
		// An empty optional field is absent (the command line's default).
		for _, f := range financeFields {
			if f.Default == "" && q.Has(f.Name) && strings.TrimSpace(q.Get(f.Name)) == "" {
				q.Del(f.Name)
			}
		}
		r.URL.RawQuery = q.Encode()
		ge, err := s.apiFinanceGE(r)
		if err != nil {
			fail(err)
			return
		}
		if v.GE, err = resultHTML(ge); err != nil {
			fail(err)
			return
		}
		// A grant element by one method may need no schedule (AidData's
		// reads any maturity): the schedule's error is then shown in its
		// place, as finance schedule would print it.
		sched, err := s.apiFinanceSchedule(r)
		if err != nil && v.Method == "" {
			fail(err)
			return
		}
		if err != nil {
			v.ScheduleError = problemFor(r, err).Detail
		} else if v.Schedule, err = resultHTML(sched); err != nil {
			fail(err)
			return
		}
		if doc, ok := sched.(*financedoc.Schedule); ok {
			fig, err := viewFigure(publish.ScheduleChart(l, doc.Schedule), "")
			if err != nil {
				fail(err)
				return
			}
			v.Figure = &fig
		}
		v.HasLoan = true
		v.LoanLink = r.URL.RequestURI()
		qq := r.URL.Query()
		qq.Del("lang")
		qq.Del("project")
		v.APILoan = "/api/v1/finance/ge?" + qq.Encode()
	}
	if v.CompareFile {
		cmp, err := s.apiFinanceCompareFile(r)
		if err != nil {
			fail(err)
			return
		}
		if v.Compare, err = resultHTML(cmp); err != nil {
			fail(err)
			return
		}
		if b, label, err := readUpload(r, "offers"); err == nil {
			v.OffersText, v.OffersName = string(b), label
			if label == "offers" {
				v.OffersName = "offers.yaml"
			}
		}
	} else if v.Project != "" {
		cmp, err := s.apiFinanceCompareProject(r)
		if err != nil {
			fail(err)
			return
		}
		if v.Compare, err = resultHTML(cmp); err != nil {
			fail(err)
			return
		}
		cq := url.Values{"project": {v.Project}}
		for _, f := range compareFields {
			if q.Has(f.Name) {
				cq.Set(f.Name, q.Get(f.Name))
			}
		}
		v.APICmp = "/api/v1/finance/compare?" + cq.Encode()
	}
	s.render(w, http.StatusOK, "finance", s.newPage(r, "/finance", l.T("web.nav.finance"), v))
}
