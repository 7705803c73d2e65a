package web

import (
	"fmt"
	"net/http"
	"net/url"

	"github.com/infragame/infragame/contest"
	"github.com/infragame/infragame/publish"
	"github.com/infragame/infragame/tender"
	"github.com/infragame/infragame/units"
)

// contestMap computes the compete-or-cooperate map of a library case on
// the grid of `infragame contest map case:ID [--synergies G] [--powers G]
// [--civil-share X]` (the defaults when absent).
func (s *Server) contestMap(r *http.Request) (contest.Setup, []float64, []float64, [][]contest.Cell, error) {
	f, err := s.caseFile(r.PathValue("id"))
	if err != nil {
		return contest.Setup{}, nil, nil, nil, err
	}
	if f.Contest == nil {
		return contest.Setup{}, nil, nil, nil, badRequestf("id", "case %s has no contest: block (GET /api/v1/cases lists which have one)", f.ID)
	}
	cs, err := share(r, "civil_share") // civil_share_pct, or civil_share
	if err != nil {
		return contest.Setup{}, nil, nil, nil, err
	}
	st, err := contest.SetupOf(f, contest.Overrides{CivilShare: cs})
	if err != nil {
		return st, nil, nil, nil, BadRequest("", err)
	}
	if err := st.Validate(); err != nil {
		return st, nil, nil, nil, BadRequest("", err)
	}
	grid := func(name, def string) ([]float64, error) {
		v := r.URL.Query().Get(name)
		if v == "" {
			v = def
		}
		g, err := tender.ParseGrid(v)
		if err != nil {
			return nil, BadRequest(name, fmt.Errorf("%s: %w", name, err))
		}
		return g, nil
	}
	xs, err := grid("synergies", contest.DefaultSynergyGrid)
	if err != nil {
		return st, nil, nil, nil, err
	}
	ys, err := grid("powers", contest.DefaultPowerGrid)
	if err != nil {
		return st, nil, nil, nil, err
	}
	// The ranges of `contest map`, in percent (a saving below 100 %, a
	// power in [0, 100] %); the map takes fractions.
	for i, x := range xs {
		if x < 0 || x >= 100 {
			return st, nil, nil, nil, badRequestf("synergies", "synergies: %g %% outside [0, 100) %%", x)
		}
		xs[i] = units.FractionOf(x)
	}
	for i, y := range ys {
		if y < 0 || y > 100 {
			return st, nil, nil, nil, badRequestf("powers", "powers: %g %% outside [0, 100] %%", y)
		}
		ys[i] = units.FractionOf(y)
	}
	if len(xs)*len(ys) > 10000 {
		return st, nil, nil, nil, badRequestf("synergies", "the map has %d cells; at most 10,000", len(xs)*len(ys))
	}
	cells, err := contest.Map(r.Context(), st, xs, ys, nil)
	return st, xs, ys, cells, err
}

// apiContestMap is `infragame contest map case:ID --format json`: the cells
// row by row (host power), each over consortium cost saving.
func (s *Server) apiContestMap(r *http.Request) (any, error) {
	_, _, _, cells, err := s.contestMap(r)
	if err != nil {
		return nil, err
	}
	flat := []contest.Cell{}
	for _, row := range cells {
		flat = append(flat, row...)
	}
	return flat, nil
}

// contestCaseView is one case's page: the form of its inputs (the case's
// own values when a field is empty) and the results.
type contestCaseView struct {
	engineView
	ID     string
	Fields []financeField
	Verify bool
}

// contestFields are the inputs of a case's page: the analysis's overrides
// (`contest analyze --host-power --synergy --civil-share`) and the map's
// grids (`contest map --synergies --powers`).
var contestFields = []financeField{
	{Name: "host_power_pct", LabelKey: "web.contest.hostpower"},
	{Name: "synergy_pct", LabelKey: "web.contest.synergy"},
	{Name: "civil_share_pct", LabelKey: "web.contest.civilshare"},
	{Name: "synergies", LabelKey: "web.contest.synergies", Default: contest.DefaultSynergyGrid},
	{Name: "powers", LabelKey: "web.contest.powers", Default: contest.DefaultPowerGrid},
}

// pageContestCase shows one case's compete-or-cooperate analysis (the
// document of `contest analyze`) and its map, with a form to change the
// inputs.
func (s *Server) pageContestCase(w http.ResponseWriter, r *http.Request) {
	l := lang(r)
	// An empty field of the form is the case's value (the default grid).
	q := r.URL.Query()
	for k, vs := range q {
		if len(vs) == 1 && vs[0] == "" {
			q.Del(k)
		}
	}
	r.URL.RawQuery = q.Encode()
	st, xs, ys, cells, err := s.contestMap(r)
	if err != nil {
		s.renderError(w, r, "/contest", err)
		return
	}
	fig, err := viewFigure(publish.ContestMapChart(l, st.Exporters[0].Name, st.Exporters[1].Name, xs, ys, cells), "")
	if err != nil {
		s.renderError(w, r, "/contest", err)
		return
	}
	doc, err := s.apiContestCase(r)
	if err != nil {
		s.renderError(w, r, "/contest", err)
		return
	}
	res, err := resultHTML(doc, l)
	if err != nil {
		s.renderError(w, r, "/contest", err)
		return
	}
	id := url.PathEscape(r.PathValue("id"))
	v := contestCaseView{engineView: engineView{Form: engineForm{TitleKey: "web.nav.contest", IntroKey: "web.contest.intro",
		CLI: "infragame contest analyze case:" + r.PathValue("id") + " --format json; infragame contest map case:" + r.PathValue("id"),
		API: "/api/v1/contest/" + id + " · GET /api/v1/contest/" + id + "/map"},
		Figure: &fig, Result: res, HasResult: true}, ID: r.PathValue("id"), Verify: queryBool(q, "verify")}
	for _, f := range contestFields {
		f.Value = q.Get(f.Name)
		v.Fields = append(v.Fields, f)
	}
	s.render(w, http.StatusOK, "contestcase", s.newPage(r, "/contest", l.T("web.nav.contest")+" · "+r.PathValue("id"), v))
}
