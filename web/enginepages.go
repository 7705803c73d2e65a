package web

import (
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/infragame/infragame/auction"
	"github.com/infragame/infragame/examples"
	"github.com/infragame/infragame/game"
	"github.com/infragame/infragame/game/efg"
	"github.com/infragame/infragame/lcc"
	"github.com/infragame/infragame/publish"
	"github.com/infragame/infragame/report"
	"github.com/infragame/infragame/report/i18n"
)

// maxLinkInput is the longest pasted input a page puts in its link; a
// longer one is still computed, but the result has no shareable URL.
const maxLinkInput = 6000

// engineForm describes the page of one engine: the input field, the
// options, the example files and how to compute and chart the result. The
// computation is the API handler's, so page and API agree by construction.
type engineForm struct {
	Path, TitleKey, IntroKey string
	// Field is the input file's form field (the API's); the page pastes
	// it in Field+"_text" or uploads it in Field.
	Field string
	// Examples is the directory of examples.FS offered as starting points.
	Examples string
	Options  []formOption
	API      string
	CLI      string
	// Convert, when set, is the API path that writes the input as an .nfg
	// file: the page offers the game shown for download.
	Convert string
	run     func(r *http.Request) (any, error)
	// example, when set, tells which files of Examples are inputs of
	// this engine (a directory may hold others' files).
	example func(b []byte) bool
	// exampleQuery, when set, gives the options (name, value pairs) an
	// example's link carries besides its text, such as the profile
	// `game check` needs.
	exampleQuery func(b []byte) []string
	chart        func(l i18n.Lang, res any) report.Chart
	// Tools, when set, gives links to related pages (label keys).
	Tools func(l string) []navItem
}

// formOption is a select of the form, or a text field when Choices is
// empty.
type formOption struct {
	Name, LabelKey string
	Choices        []string
	Value          string
}

type engineView struct {
	Form      engineForm
	Tools     []navItem
	Text      string
	Examples  []navItem
	Result    template.HTML
	Figure    *figureView
	Link      string
	HasResult bool
	// Source is the input shown, posted to Form.Convert for download.
	Source string
}

func (s *Server) engineForms() []engineForm {
	methods := append(append([]string{""}, game.SolveMethods()...), efg.SolveMethods()...)
	methods = dedupe(methods)
	return []engineForm{
		{Path: "/game", TitleKey: "web.nav.game", IntroKey: "web.game.intro", Field: "game", Examples: "game",
			Options: []formOption{{Name: "method", LabelKey: "web.game.methodlabel", Choices: methods}},
			API:     "/api/v1/game/solve", CLI: "infragame game solve FILE [--method M] --format json", run: s.apiGameSolve,
			Convert: "/api/v1/game/convert", Tools: gameToolLinks},
		{Path: "/game/dominance", TitleKey: "web.gamedominance.title", IntroKey: "web.gamedominance.intro", Field: "game", Examples: "game",
			Options: []formOption{{Name: "pure", LabelKey: "web.gamedominance.pure", Choices: []string{"", "true"}}},
			API:     "/api/v1/game/dominance", CLI: "infragame game dominance FILE [--pure] --format json", run: s.apiGameDominance,
			example: isNormalForm, Convert: "/api/v1/game/convert", Tools: gameToolLinks},
		{Path: "/game/check", TitleKey: "web.gamecheck.title", IntroKey: "web.gamecheck.intro", Field: "game", Examples: "game",
			Options: []formOption{{Name: "profile", LabelKey: "web.gamecheck.profile"}},
			API:     "/api/v1/game/check", CLI: "infragame game check FILE PROFILE --format json", run: s.apiGameCheck,
			exampleQuery: uniformProfile,
			Convert:      "/api/v1/game/convert", Tools: gameToolLinks},
		{Path: "/auction", TitleKey: "web.nav.auction", IntroKey: "web.auction.intro", Field: "spec", Examples: "auction",
			Options: []formOption{{Name: "verify", LabelKey: "web.auction.verify", Choices: []string{"", "true"}},
				// websim: `auction bid` on the same page.
				{Name: "command", LabelKey: "web.auction.command", Choices: []string{"", "bid"}},
				{Name: "bidder", LabelKey: "web.auction.bidder"}, {Name: "type", LabelKey: "web.auction.type"}},
			API: "/api/v1/auction/solve · /api/v1/auction/bid", CLI: "infragame auction solve FILE [--verify] | auction bid FILE BIDDER TYPE --format json", run: s.auctionPage,
			chart: func(l i18n.Lang, res any) report.Chart {
				if r, ok := res.(*auction.SpecResult); ok && r.Result != nil {
					return publish.BidChart(l, r.Result)
				}
				return nil
			}},
		{Path: "/lcc", TitleKey: "web.nav.lcc", IntroKey: "web.lcc.intro", Field: "study", Examples: "lcc",
			// The seed of the Monte Carlo runs, as lcc run --seed (empty: 1).
			Options: []formOption{{Name: "runs", LabelKey: "web.lcc.runs", Choices: []string{"", "200", "1000", "10000"}},
				{Name: "seed", LabelKey: "web.gamerandom.seed"}},
			API: "/api/v1/lcc/run", CLI: "infragame lcc run FILE [--runs N --seed S] --format json", run: s.apiLCCRun, chart: lccChart,
			example: func(b []byte) bool { _, err := lcc.ParseStudy(b); return err == nil }},
		// websim: sim validate.
		{Path: "/sim/validate", TitleKey: "web.simvalidate.title", IntroKey: "web.simvalidate.intro", Field: "scenario",
			API: "/api/v1/sim/validate", CLI: "infragame sim validate FILE", run: s.apiSimValidate},
		{Path: "/coop", TitleKey: "web.nav.coop", IntroKey: "web.coop.intro", Field: "spec", Examples: "coop",
			Options: []formOption{{Name: "command", LabelKey: "web.coop.command", Choices: []string{"", "bargain"}}},
			API:     "/api/v1/coop/solve · /api/v1/coop/bargain", CLI: "infragame coop solve|bargain FILE --format json", run: s.coopPage},
	}
}

// uniformProfile is the profile of an example of /game/check: every
// player mixing uniformly over their strategies, written in Gambit's
// order as `game check` reads it (1/2,1/2,1/3,1/3,1/3). An .efg game needs
// none (its check without a profile lists the information sets).
func uniformProfile(b []byte) []string {
	g, eg, err := parseGameText("example", string(b))
	if err != nil || eg != nil {
		return nil
	}
	var ps []string
	for _, n := range g.Shape() {
		for range n {
			ps = append(ps, "1/"+strconv.Itoa(n))
		}
	}
	return []string{"profile", strings.Join(ps, ",")}
}

// auctionPage is `auction solve` or, with command=bid, `auction bid` of
// the bidder (name or number) at the type given.
func (s *Server) auctionPage(r *http.Request) (any, error) {
	switch c := r.FormValue("command"); c {
	case "", "solve":
		return s.apiAuctionSolve(r)
	case "bid":
		return s.apiAuctionBid(r)
	default:
		return nil, badRequestf("command", "command: want solve or bid, got %q", c)
	}
}

// coopPage is `coop solve` or, with command=bargain, `coop bargain`.
func (s *Server) coopPage(r *http.Request) (any, error) {
	switch c := r.FormValue("command"); c {
	case "", "solve":
		return s.apiCoopSolve(r)
	case "bargain":
		return s.apiCoopBargain(r)
	default:
		return nil, badRequestf("command", "command: want solve or bargain, got %q", c)
	}
}

func dedupe(s []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, x := range s {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

// enginePages registers the engines' pages.
func (s *Server) enginePages() {
	for _, f := range s.engineForms() {
		h := s.deadline(s.enginePage(f))
		s.mux.HandleFunc("GET "+f.Path, h)
		s.mux.HandleFunc("POST "+f.Path, h)
	}
}

// enginePage shows the form and, when an input is given (pasted, in the
// link, or uploaded), the result: the API's document as tables, a chart
// where the engine has one.
func (s *Server) enginePage(f engineForm) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		l := lang(r)
		v := engineView{Form: f}
		if f.Tools != nil {
			v.Tools = f.Tools(string(l))
		}
		for i := range v.Form.Options {
			v.Form.Options[i].Value = r.URL.Query().Get(v.Form.Options[i].Name)
		}
		names, _ := fs.Glob(examples.FS, f.Examples+"/*")
		sort.Strings(names)
		for _, n := range names {
			b, err := examples.FS.ReadFile(n)
			if err != nil || len(b) > maxLinkInput || f.example != nil && !f.example(b) {
				continue
			}
			kv := []string{f.Field + "_text", string(b)}
			if f.exampleQuery != nil {
				kv = append(kv, f.exampleQuery(b)...)
			}
			v.Examples = append(v.Examples, navItem{Href: link(l, f.Path, kv...), Label: path.Base(n)})
		}
		q := r.URL.Query()
		if r.Method == http.MethodPost || q.Get(f.Field+"_text") != "" {
			v.Text = q.Get(f.Field + "_text")
			res, err := f.run(r)
			if r.Form != nil { // an uploaded file's options are the form's
				for i := range v.Form.Options {
					v.Form.Options[i].Value = r.Form.Get(v.Form.Options[i].Name)
				}
			}
			if err != nil {
				pg := s.newPage(r, f.Path, l.T(f.TitleKey), v)
				pg.Error = problemFor(r, err).Detail
				s.render(w, problemFor(r, err).Status, "engine", pg)
				return
			}
			if v.Result, err = resultHTML(res); err != nil {
				s.renderError(w, r, f.Path, err)
				return
			}
			if f.chart != nil {
				if c := f.chart(l, res); c != nil {
					fig, err := viewFigure(c, "")
					if err != nil {
						s.renderError(w, r, f.Path, err)
						return
					}
					v.Figure = &fig
				}
			}
			v.HasResult = true
			if f.Convert != "" {
				// The game shown, pasted or uploaded, for "download .nfg".
				if v.Source = v.Text; v.Source == "" {
					if b, _, err := readUpload(r, f.Field); err == nil {
						v.Source = string(b)
					}
				}
			}
			if r.Method == http.MethodGet && len(v.Text) <= maxLinkInput {
				v.Link = r.URL.RequestURI()
			}
		}
		s.render(w, http.StatusOK, "engine", s.newPage(r, f.Path, l.T(f.TitleKey), v))
	}
}
