package web

import (
	"fmt"
	"net/http"
	"net/url"

	"github.com/infragame/infragame/contest"
	"github.com/infragame/infragame/publish"
	"github.com/infragame/infragame/tender"
)

// contestMap computes the compete-or-cooperate map of a library case on
// the default grid of `infragame contest map case:ID`.
func (s *Server) contestMap(r *http.Request) (contest.Setup, []float64, []float64, [][]contest.Cell, error) {
	f, err := s.caseFile(r.PathValue("id"))
	if err != nil {
		return contest.Setup{}, nil, nil, nil, err
	}
	if f.Contest == nil {
		return contest.Setup{}, nil, nil, nil, badRequestf("id", "case %s has no contest: block (GET /api/v1/cases lists which have one)", f.ID)
	}
	st, err := contest.SetupOf(f, contest.Overrides{})
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

// pageContestCase shows one case's compete-or-cooperate analysis (the
// document of `contest analyze`) and its map.
func (s *Server) pageContestCase(w http.ResponseWriter, r *http.Request) {
	l := lang(r)
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
	res, err := resultHTML(doc)
	if err != nil {
		s.renderError(w, r, "/contest", err)
		return
	}
	id := url.PathEscape(r.PathValue("id"))
	v := engineView{Form: engineForm{TitleKey: "web.nav.contest", IntroKey: "web.contest.intro",
		CLI: "infragame contest analyze case:" + r.PathValue("id") + " --format json; infragame contest map case:" + r.PathValue("id"),
		API: "/api/v1/contest/" + id + " · GET /api/v1/contest/" + id + "/map"},
		Figure: &fig, Result: res, HasResult: true}
	s.render(w, http.StatusOK, "contestcase", s.newPage(r, "/contest", l.T("web.nav.contest")+" · "+r.PathValue("id"), v))
}
