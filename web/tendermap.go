package web

import (
	"errors"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/infragame/infragame/mc"
	"github.com/infragame/infragame/publish"
	"github.com/infragame/infragame/tender"
	"github.com/infragame/infragame/units"
)

// maxMapCells caps the cells of one who-wins map the web app computes (the
// command line allows 500 × 500): each cell is a full evaluation, and the
// page shows every cell.
const maxMapCells = 10000

// defaultMapPoints is the grid of `tender map` without --nx, --ny.
const defaultMapPoints = 21

// tenderMapOf computes the who-wins map of f as `infragame tender map FILE
// --x X --y Y [--nx N] [--ny N] [--xmin A] [--xmax B] [--ymin C] [--ymax D]`
// does, from the query's x, y, nx, ny, xmin, xmax, ymin and ymax (the
// parameters' own units; an absent range end is the CLI's default, the
// base value ± 2|base| within the parameter's valid range).
func tenderMapOf(r *http.Request, f *tender.File) (tender.Map, error) {
	q := r.URL.Query()
	x, y := strings.TrimSpace(q.Get("x")), strings.TrimSpace(q.Get("y"))
	if x == "" {
		return tender.Map{}, badRequestf("x", "x: required: the input on the x axis (a parameter name such as host.shadow_price)")
	}
	if y == "" {
		return tender.Map{}, badRequestf("y", "y: required: the input on the y axis (a parameter name such as host.discount_rate)")
	}
	n := map[string]int{"nx": defaultMapPoints, "ny": defaultMapPoints}
	for _, name := range []string{"nx", "ny"} {
		if v := strings.TrimSpace(q.Get(name)); v != "" {
			k, err := strconv.Atoi(v)
			if err != nil || k < 2 || k > 500 {
				return tender.Map{}, badRequestf(name, "%s: want a whole number of grid points in [2, 500], got %q", name, v)
			}
			n[name] = k
		}
	}
	if c := n["nx"] * n["ny"]; c > maxMapCells {
		return tender.Map{}, badRequestf("nx", "the map has %d cells; the web app computes at most %d (the command line up to 500 × 500)", c, maxMapCells)
	}
	t, err := f.EvaluationTender()
	if err != nil {
		return tender.Map{}, BadRequest("case", err)
	}
	// A rate or share named NAME_pct is in percent, as in the CLI.
	xb, xpct := tender.PctParam(x)
	yb, ypct := tender.PctParam(y)
	rng := func(param, lo, hi string) (float64, float64, error) {
		a, err := queryFloat(q, lo, math.NaN())
		if err != nil {
			return 0, 0, err
		}
		b, err := queryFloat(q, hi, math.NaN())
		if err != nil {
			return 0, 0, err
		}
		if param == xb && xpct || param == yb && ypct {
			a, b = units.FractionOf(a), units.FractionOf(b)
		}
		a, b, err = t.Range(param, a, b)
		var up *mc.UnknownParamError
		switch {
		case errors.As(err, &up):
			return 0, 0, BadRequest(map[string]string{"xmin": "x", "ymin": "y"}[lo], err)
		case err != nil:
			return 0, 0, BadRequest(lo, err)
		}
		return a, b, nil
	}
	x0, x1, err := rng(xb, "xmin", "xmax")
	if err != nil {
		return tender.Map{}, err
	}
	y0, y1, err := rng(yb, "ymin", "ymax")
	if err != nil {
		return tender.Map{}, err
	}
	mp, err := tender.WinnerMap(r.Context(), t, xb, tender.Linspace(x0, x1, n["nx"]), yb, tender.Linspace(y0, y1, n["ny"]), nil)
	if err != nil {
		return mp, engineError("y", err)
	}
	mp.XParam, mp.YParam = x, y
	for _, ax := range []struct {
		pct bool
		v   []float64
	}{{xpct, mp.X}, {ypct, mp.Y}} {
		for i := range ax.v {
			if ax.pct {
				ax.v[i] = units.PercentOf(ax.v[i])
			}
		}
	}
	return mp, nil
}

func (s *Server) apiTenderMapCase(r *http.Request) (any, error) {
	f, err := s.caseFile(r.PathValue("id"))
	if err != nil {
		return nil, err
	}
	return tenderMapOf(r, f)
}

func (s *Server) apiTenderMapFile(r *http.Request) (any, error) {
	f, err := uploadedCase(r)
	if err != nil {
		return nil, err
	}
	return tenderMapOf(r, f)
}

// tenderMapFields are the map's grid options (`tender map --nx --ny --xmin
// --xmax --ymin --ymax`): empty is the command line's default.
var tenderMapFields = []financeField{
	{Name: "nx", LabelKey: "web.tender.nx", Default: strconv.Itoa(defaultMapPoints)},
	{Name: "ny", LabelKey: "web.tender.ny", Default: strconv.Itoa(defaultMapPoints)},
	{Name: "xmin", LabelKey: "web.tender.xmin"},
	{Name: "xmax", LabelKey: "web.tender.xmax"},
	{Name: "ymin", LabelKey: "web.tender.ymin"},
	{Name: "ymax", LabelKey: "web.tender.ymax"},
}

// tenderMapView is the map page of a library case (ID set) or of an
// uploaded case file.
type tenderMapView struct {
	engineView
	ID     string
	Params []string
	X, Y   string
	Fields []financeField
	// Text is the pasted case file of an upload, kept in the form.
	CaseText string
}

// The default axes of the map page: the README's example map.
const defaultMapX, defaultMapY = "host.shadow_price", "host.discount_rate"

// pageTenderMap shows the who-wins map of a library case (GET
// /tender/{id}/map) or of an uploaded case file (POST /tender/map) as a heat
// map and the document of `tender map --format json`, with a form to choose
// the axes and the grid.
func (s *Server) pageTenderMap(w http.ResponseWriter, r *http.Request) {
	l := lang(r)
	id := r.PathValue("id")
	if r.Method == http.MethodPost {
		// The upload's options travel as form fields; tenderMapOf reads
		// them from the query.
		if err := r.ParseMultipartForm(MaxUploadBytes); err != nil && !errors.Is(err, http.ErrNotMultipart) {
			s.renderError(w, r, "/tender", BadRequest("case", err))
			return
		}
	}
	q := r.URL.Query()
	for _, name := range []string{"x", "y", "nx", "ny", "xmin", "xmax", "ymin", "ymax"} {
		if v := strings.TrimSpace(r.FormValue(name)); v != "" {
			q.Set(name, v)
		} else {
			q.Del(name) // an empty field is the command line's default
		}
	}
	// The axes default to the README's map where the case has them.
	var params []string
	var f *tender.File
	var err error
	if id != "" {
		if f, err = s.caseFile(id); err != nil {
			s.renderError(w, r, "/tender", err)
			return
		}
		t, err := f.EvaluationTender()
		if err != nil {
			s.renderError(w, r, "/tender", BadRequest("case", err))
			return
		}
		params = mc.ParamNames(t.Params())
	} else if t, err := s.firstCaseTender(); err == nil {
		params = mc.ParamNames(t.Params()) // suggestions for a file's names
	}
	for name, def := range map[string]string{"x": defaultMapX, "y": defaultMapY} {
		if !q.Has(name) && (id == "" || slices.Contains(params, def)) {
			q.Set(name, def)
		}
	}
	r.URL.RawQuery = q.Encode()
	cli := "infragame tender map case:" + id
	api := "GET /api/v1/tender/" + url.PathEscape(id) + "/map"
	if id == "" {
		cli, api = "infragame tender map FILE", "POST /api/v1/tender/map"
	}
	cli += " --x " + q.Get("x") + " --y " + q.Get("y")
	for _, fld := range tenderMapFields {
		if q.Has(fld.Name) {
			cli += " --" + fld.Name + " " + q.Get(fld.Name)
		}
	}
	v := tenderMapView{engineView: engineView{Form: engineForm{TitleKey: "web.tender.map", IntroKey: "web.tender.mapintro",
		CLI: cli + " --format json", API: api + "?" + mapQuery(q)}}, ID: id, Params: params, X: q.Get("x"), Y: q.Get("y")}
	for _, fld := range tenderMapFields {
		fld.Value = q.Get(fld.Name)
		v.Fields = append(v.Fields, fld)
	}
	title := l.T("web.tender.map")
	if id != "" {
		title += " · " + id
	}
	fail := func(err error) {
		pg := s.newPage(r, "/tender", title, v)
		p := problemFor(r, err)
		pg.Error = p.Detail
		s.render(w, p.Status, "tendermap", pg)
	}
	if id == "" {
		v.CaseText = r.FormValue("case_text")
		if f, err = uploadedCase(r); err != nil {
			fail(err)
			return
		}
	}
	mp, err := tenderMapOf(r, f)
	if err != nil {
		fail(err)
		return
	}
	fig, err := viewFigure(publish.TenderMapChart(l, mp), "")
	if err != nil {
		fail(err)
		return
	}
	if v.Result, err = resultHTML(mp, l); err != nil {
		fail(err)
		return
	}
	v.Figure, v.HasResult = &fig, true
	if id != "" {
		v.Link = r.URL.RequestURI()
	}
	s.render(w, http.StatusOK, "tendermap", s.newPage(r, "/tender", title, v))
}

// mapQuery is the map's options in the API's query, without the language.
func mapQuery(q url.Values) string {
	qq := url.Values{}
	for k, vs := range q {
		if k != "lang" {
			qq[k] = vs
		}
	}
	return qq.Encode()
}

// firstCaseTender is the first library case's tender: its parameter names
// are suggested for an uploaded case file.
func (s *Server) firstCaseTender() (tender.Tender, error) {
	cs := s.snapshot().Cases
	if len(cs) == 0 {
		return tender.Tender{}, errors.New("web: no cases")
	}
	return cs[0].EvaluationTender()
}

// pageTenderBacktest shows the document of `infragame tender backtest`:
// every case of the library predicted by the one host rule, and the
// leave-one-out forecasts of the decided contests.
func (s *Server) pageTenderBacktest(w http.ResponseWriter, r *http.Request) {
	l := lang(r)
	var doc any
	var err error
	if r.Method == http.MethodPost {
		doc, err = s.backtestUpload(r)
	} else {
		doc, err = s.apiTenderBacktest(r)
	}
	if err != nil {
		s.renderError(w, r, "/tender/backtest", err)
		return
	}
	res, err := resultHTML(doc, l)
	if err != nil {
		s.renderError(w, r, "/tender", err)
		return
	}
	v := engineView{Form: engineForm{TitleKey: "web.tender.backtest", IntroKey: "web.tender.backtestintro",
		CLI: "infragame tender backtest --format json", API: "GET /api/v1/tender/backtest"}, Result: res, HasResult: true}
	s.render(w, http.StatusOK, "backtest", s.newPage(r, "/tender", l.T("web.tender.backtest"), v))
}
