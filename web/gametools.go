package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html/template"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"

	"github.com/infragame/infragame/cases"
	"github.com/infragame/infragame/contest/offergame"
	"github.com/infragame/infragame/game"
	"github.com/infragame/infragame/game/efg"
	"github.com/infragame/infragame/game/nfg"
	"github.com/infragame/infragame/tender"
)

// The game tools: `game random`, `game dominance`, `game check` and `game
// from-case` as API endpoints and pages; the games they write can be
// solved on the game page.

func (s *Server) gameToolRoutes() []route {
	return []route{
		{Method: "GET", Pattern: "/api/v1/game/random", Summary: "A random game written as an .nfg file, to download (infragame game random)", Raw: s.apiGameRandom},
		{Method: "POST", Pattern: "/api/v1/game/dominance", Summary: "Iterated elimination of strictly dominated strategies (infragame game dominance)", Handle: s.apiGameDominance},
		{Method: "GET", Pattern: "/api/v1/game/from-case/{id}", Summary: "The exporters' offer game of a library case: the offer grid (infragame game from-case case:ID --format json)", Handle: s.apiGameFromCase, Cache: true},
		{Method: "GET", Pattern: "/api/v1/game/from-case/{id}/file", Summary: "The offer game of a library case as an .nfg or .efg file, to download (infragame game from-case case:ID --form nfg|efg)", Raw: s.apiGameFromCaseFile},
	}
}

// maxRandomProfiles bounds the pure profiles of a random game made by the
// web app (the command line's default limit is game.DefaultMaxProfiles):
// the file is shown on the page.
const maxRandomProfiles = 10000

// randomGame reads the query of `game random`: strategies (default 3x3;
// one number: two players with that many), class (default uniform), seed
// (default 1), lo and hi (default 0 and 100), real, rho, levels; and
// returns the .nfg bytes the command line writes for the same flags.
func randomGame(q url.Values) ([]byte, error) {
	str := q.Get("strategies")
	if str == "" {
		str = "3x3"
	}
	shape, err := game.ParseShape(str)
	if err != nil {
		return nil, BadRequest("strategies", err)
	}
	if len(shape) == 1 {
		shape = append(shape, shape[0])
	}
	class := q.Get("class")
	if class == "" {
		class = string(game.Uniform)
	}
	var seed uint64 = 1
	if v := q.Get("seed"); v != "" {
		if seed, err = strconv.ParseUint(v, 10, 64); err != nil {
			return nil, badRequestf("seed", "seed: want a whole number ≥ 0, got %q", v)
		}
	}
	opt := game.RandomOptions{Hi: 100, Levels: 3, MaxProfiles: maxRandomProfiles}
	for _, f := range []struct {
		name string
		dst  *float64
	}{{"lo", &opt.Lo}, {"hi", &opt.Hi}, {"rho", &opt.Rho}} {
		if v := q.Get(f.name); v != "" {
			if *f.dst, err = strconv.ParseFloat(v, 64); err != nil {
				return nil, badRequestf(f.name, "%s: want a number, got %q", f.name, v)
			}
		}
	}
	if v := q.Get("levels"); v != "" {
		if opt.Levels, err = strconv.Atoi(v); err != nil {
			return nil, badRequestf("levels", "levels: want a whole number, got %q", v)
		}
	}
	opt.Real = queryBool(q, "real")
	g, err := game.Random(rand.New(rand.NewPCG(seed, 0)), game.Class(class), shape, opt)
	if err != nil {
		return nil, BadRequest("", err)
	}
	g.Comment = fmt.Sprintf("infragame game random --class %s --strategies %s --seed %d", class, str, seed)
	var b bytes.Buffer
	err = nfg.Write(&b, g, nfg.PayoffVersion)
	return b.Bytes(), err
}

// writeFile answers with a file to download, or with the problem of err.
func (s *Server) writeFile(w http.ResponseWriter, r *http.Request, name string, b []byte, err error) {
	if err != nil {
		p := problemFor(r, err)
		if p.Status >= 500 {
			s.logf("%s %s: %v", r.Method, r.URL.Path, err)
		}
		writeProblem(w, p)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	_, _ = w.Write(b)
}

func (s *Server) apiGameRandom(w http.ResponseWriter, r *http.Request) {
	b, err := randomGame(r.URL.Query())
	s.writeFile(w, r, "random.nfg", b, err)
}

// GameDominanceRequest is the input of POST /api/v1/game/dominance, as
// `infragame game dominance FILE [--pure]`.
type GameDominanceRequest struct {
	// Game is the text of a Gambit .nfg file or a payoff matrix.
	Game string `json:"game"`
	// Pure keeps to dominance by pure strategies (by default mixed
	// strategies dominate too, found by linear programming).
	Pure bool `json:"pure"`
}

func (s *Server) apiGameDominance(r *http.Request) (any, error) {
	var req GameDominanceRequest
	label, err := decodeEngineRequest(r, "game", &req)
	if err != nil {
		return nil, err
	}
	g, eg, err := parseGameText(label, req.Game)
	if err != nil {
		return nil, err
	}
	if eg != nil {
		return nil, badRequestf("game", "game: dominance needs a strategic-form game (.nfg or a payoff matrix); convert an .efg game first (infragame game convert FILE --to nfg)")
	}
	el, err := game.IteratedDominance(g, !req.Pure)
	return el, engineError("game", err)
}

// fromCase reads the options of `game from-case case:ID`: form (nfg or
// efg), markups (percent, comma-separated), soft_rate_pct, host (model or
// winner), leader; and builds the model.
func (s *Server) fromCase(r *http.Request) (*offergame.Model, string, string, error) {
	f, err := s.caseFile(r.PathValue("id"))
	if err != nil {
		return nil, "", "", err
	}
	q := r.URL.Query()
	form := q.Get("form")
	if form == "" {
		form = "nfg"
	}
	if form != "nfg" && form != "efg" {
		return nil, "", "", badRequestf("form", "form: want nfg or efg, got %q", form)
	}
	var grid offergame.Grid
	if v := q.Get("markups"); v != "" {
		if grid.Markups, err = offergame.ParseMarkups(v); err != nil {
			return nil, "", "", BadRequest("markups", err)
		}
	}
	if v := q.Get("soft_rate_pct"); v != "" {
		x, err := strconv.ParseFloat(v, 64)
		if err != nil || !(x >= 0 && x <= 100) {
			return nil, "", "", badRequestf("soft_rate_pct", "soft_rate_pct: want a percentage from 0 to 100 of the case's loan rate, got %q", v)
		}
		grid.SoftRate = x / 100
	}
	var choice *tender.ChoiceModel
	switch h := q.Get("host"); h {
	case "", "model":
		m, err := cases.ChoiceModel()
		if err != nil {
			return nil, "", "", err
		}
		choice = &m
	case "winner":
	default:
		return nil, "", "", badRequestf("host", "host: want model or winner, got %q", h)
	}
	m, err := offergame.New(f, tender.DefaultRule, grid, choice)
	if err != nil {
		return nil, "", "", BadRequest("", err)
	}
	return m, form, q.Get("leader"), nil
}

func (s *Server) apiGameFromCase(r *http.Request) (any, error) {
	m, form, _, err := s.fromCase(r)
	if err != nil {
		return nil, err
	}
	return offergame.Document{Model: m, Form: form}, nil
}

// fromCaseFile writes the game of the case as the command line does.
func (s *Server) fromCaseFile(r *http.Request) ([]byte, string, error) {
	m, form, leader, err := s.fromCase(r)
	if err != nil {
		return nil, "", err
	}
	var b bytes.Buffer
	if err := m.WriteGame(&b, form, leader); errors.Is(err, offergame.ErrInput) {
		return nil, "", BadRequest("leader", err)
	} else if err != nil {
		return nil, "", err
	}
	return b.Bytes(), form, nil
}

func (s *Server) apiGameFromCaseFile(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), s.cfg.ComputeTimeout)
	defer cancel()
	b, form, err := s.fromCaseFile(r.WithContext(ctx))
	s.writeFile(w, r, r.PathValue("id")+"."+form, b, err)
}

// toolField is one input of a tool page's form: a select when Choices are
// given, else a text field.
type toolField struct {
	Name, LabelKey, Value string
	Choices               []string
	Size                  int
}

// toolView is a page that makes a game (random, from a case) and offers
// it for download and to the game page's solvers.
type toolView struct {
	Path, IntroKey, CLI, API string
	Fields                   []toolField
	HasResult                bool
	Result                   template.HTML
	// Game is the game file made; Download its URL.
	Game, GameName, Download string
	Methods                  []string
	Link                     string
	Tools                    []navItem
}

// gameToolLinks are the game pages, for navigation between them.
func gameToolLinks(l string) []navItem {
	var out []navItem
	for _, t := range []struct{ path, key string }{{"/game", "web.nav.game"}, {"/game/random", "web.gamerandom.title"},
		{"/game/dominance", "web.gamedominance.title"}, {"/game/check", "web.gamecheck.title"}, {"/game/from-case", "web.fromcase.title"}} {
		out = append(out, navItem{Href: t.path + "?lang=" + l, Label: t.key})
	}
	return out
}

// fieldsFrom fills the fields' values from the query.
func fieldsFrom(q url.Values, fs []toolField) []toolField {
	for i := range fs {
		if v := q.Get(fs[i].Name); v != "" {
			fs[i].Value = v
		}
	}
	return fs
}

func gameMethods() []string {
	return dedupe(append([]string{""}, game.SolveMethods()...))
}

func (s *Server) pageGameRandom(w http.ResponseWriter, r *http.Request) {
	l := lang(r)
	q := r.URL.Query()
	classes := []string{}
	for _, c := range game.Classes {
		classes = append(classes, string(c))
	}
	v := toolView{Tools: gameToolLinks(string(l)), Path: "/game/random", IntroKey: "web.gamerandom.intro", CLI: "infragame game random --strategies S --class C --seed N [--lo A --hi B]",
		API: "GET /api/v1/game/random", Methods: gameMethods(),
		Fields: fieldsFrom(q, []toolField{{Name: "strategies", LabelKey: "web.gamerandom.strategies", Value: "3x3", Size: 8},
			{Name: "class", LabelKey: "web.gamerandom.class", Choices: classes, Value: "uniform"},
			{Name: "seed", LabelKey: "web.gamerandom.seed", Value: "1", Size: 8},
			{Name: "lo", LabelKey: "web.gamerandom.lo", Value: "0", Size: 6}, {Name: "hi", LabelKey: "web.gamerandom.hi", Value: "100", Size: 6}})}
	if q.Get("strategies") != "" {
		b, err := randomGame(q)
		if err != nil {
			pg := s.newPage(r, "/game", l.T("web.gamerandom.title"), v)
			pg.Error = problemFor(r, err).Detail
			s.render(w, problemFor(r, err).Status, "gametool", pg)
			return
		}
		dq := url.Values{}
		for _, f := range v.Fields {
			dq.Set(f.Name, f.Value)
		}
		v.HasResult, v.Game, v.GameName, v.Download, v.Link = true, string(b), "random.nfg", "/api/v1/game/random?"+dq.Encode(), r.URL.RequestURI()
	}
	s.render(w, http.StatusOK, "gametool", s.newPage(r, "/game", l.T("web.gamerandom.title"), v))
}

func (s *Server) pageGameFromCase(w http.ResponseWriter, r *http.Request) {
	l := lang(r)
	q := r.URL.Query()
	var ids []string
	for _, e := range s.caseEntries() {
		if e.Contest {
			ids = append(ids, e.ID)
		}
	}
	v := toolView{Tools: gameToolLinks(string(l)), Path: "/game/from-case", IntroKey: "web.fromcase.intro", CLI: "infragame game from-case case:ID --form nfg|efg [--markups 0,10,20] --format json",
		API: "GET /api/v1/game/from-case/{id} · /api/v1/game/from-case/{id}/file", Methods: gameMethods(),
		Fields: fieldsFrom(q, []toolField{{Name: "case", LabelKey: "web.tender.case", Choices: ids},
			{Name: "form", LabelKey: "web.fromcase.form", Choices: []string{"nfg", "efg"}, Value: "nfg"},
			{Name: "markups", LabelKey: "web.fromcase.markups", Value: "0,10,20", Size: 12},
			{Name: "host", LabelKey: "web.fromcase.host", Choices: []string{"model", "winner"}, Value: "model"}})}
	if id := q.Get("case"); id != "" {
		fail := func(err error) {
			pg := s.newPage(r, "/game", l.T("web.fromcase.title"), v)
			pg.Error = problemFor(r, err).Detail
			s.render(w, problemFor(r, err).Status, "gametool", pg)
		}
		r.SetPathValue("id", id)
		b, form, err := s.fromCaseFile(r)
		if err != nil {
			fail(err)
			return
		}
		doc, err := s.apiGameFromCase(r)
		if err != nil {
			fail(err)
			return
		}
		if v.Result, err = resultHTML(doc, l); err != nil {
			fail(err)
			return
		}
		dq := url.Values{}
		for _, f := range v.Fields[1:] {
			dq.Set(f.Name, f.Value)
		}
		v.HasResult, v.Game, v.GameName, v.Link = true, string(b), id+"."+form, r.URL.RequestURI()
		v.Download = "/api/v1/game/from-case/" + url.PathEscape(id) + "/file?" + dq.Encode()
		if form == "efg" {
			v.Methods = gameEFGMethods()
		}
	}
	s.render(w, http.StatusOK, "gametool", s.newPage(r, "/game", l.T("web.fromcase.title"), v))
}

// isNormalForm reports whether an example is a strategic-form game (an
// .nfg file or a payoff matrix).
func isNormalForm(b []byte) bool {
	g, _, err := parseGameText("example", string(b))
	return err == nil && g != nil
}

func gameEFGMethods() []string { return dedupe(append([]string{""}, efg.SolveMethods()...)) }
