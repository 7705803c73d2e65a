package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/infragame/infragame/game"
	"github.com/infragame/infragame/game/efg"
	"github.com/infragame/infragame/game/nfg"
)

// gameRoutes are the endpoints of the game engine: the documents of
// `infragame game solve` and `infragame game check` for .nfg and .efg games.
func (s *Server) gameRoutes() []route {
	return []route{
		{Method: "POST", Pattern: "/api/v1/game/solve", Summary: "Nash equilibria of an .nfg or .efg game (infragame game solve)", Handle: s.apiGameSolve},
		{Method: "POST", Pattern: "/api/v1/game/convert", Summary: "A game written as an .nfg or .efg file, to download (infragame game convert --to)", Raw: s.apiGameConvert},
		{Method: "POST", Pattern: "/api/v1/game/check", Summary: "Payoffs and regrets at a profile, or an .efg game's structure (infragame game check)", Handle: s.apiGameCheck},
	}
}

// GameSolveRequest is the input of POST /api/v1/game/solve: a game file
// and the options of `infragame game solve`, with the same defaults.
type GameSolveRequest struct {
	// Game is the text of a Gambit .nfg or .efg file, told apart by its
	// header ("NFG" or "EFG").
	Game string `json:"game"`
	// Method is one of game.SolveMethods for an .nfg game (default
	// enummixed) or of efg.SolveMethods for an .efg game (default
	// efg.DefaultMethod).
	Method string `json:"method"`
	// Label (lcp) lists starting labels, 1-based: 1..m for the row
	// player's strategies, m+1..m+n for the column player's.
	Label         []int   `json:"label"`
	Recursive     bool    `json:"recursive"`
	ExactPivoting bool    `json:"exact_pivoting"`
	MaxLambda     float64 `json:"max_lambda"`
	Tol           float64 `json:"tol"`
	MaxIter       int     `json:"max_iter"`
	MaxPivots     int     `json:"max_pivots"`
	// MaxEquilibria (enummixed) bounds the extreme equilibria (default
	// game.DefaultMaxEquilibria; 0: no limit).
	MaxEquilibria int  `json:"max_equilibria"`
	Path          bool `json:"path"`
	// Starts (.efg, seqform) is the number of priors Lemke's algorithm
	// starts from (default 1).
	Starts int `json:"starts"`
}

// parseGameText reads the text of an .nfg or .efg file or a payoff matrix
// (a text that starts with neither NFG nor EFG: nfg.ParseMatrix), as
// `infragame game solve` does; exactly one of the games returned is set.
// label names the file in messages.
func parseGameText(label, text string) (*game.Game, *efg.Game, error) {
	if strings.TrimSpace(text) == "" {
		return nil, nil, badRequestf("game", "game: required: the text of a Gambit .nfg or .efg file")
	}
	if efg.HasHeader([]byte(text)) {
		g, err := efg.Parse(label, []byte(text))
		if err != nil {
			return nil, nil, BadRequest("game", err)
		}
		return nil, g, nil
	}
	if nfg.IsMatrix(text) {
		g, err := nfg.ParseMatrix(label, text, game.DefaultMaxProfiles)
		if err != nil {
			return nil, nil, BadRequest("game", err)
		}
		return g, nil, nil
	}
	g, err := nfg.ParseMax(text, game.DefaultMaxProfiles)
	if err != nil {
		return nil, nil, BadRequest("game", fmt.Errorf("%s: %w", label, err))
	}
	return g, nil, nil
}

// engineError marks a solver's refusal of its input (wrong number of
// players, not constant-sum, too large, no convergence…) as bad input; the
// context's errors (the compute deadline) pass unchanged.
func engineError(field string, err error) error {
	if err == nil || errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		return err
	}
	return BadRequest(field, err)
}

func (s *Server) apiGameSolve(r *http.Request) (any, error) {
	req := GameSolveRequest{MaxLambda: 1e6, MaxEquilibria: game.DefaultMaxEquilibria, Starts: 1}
	label, err := decodeEngineRequest(r, "game", &req)
	if err != nil {
		return nil, err
	}
	if req.MaxEquilibria < 0 {
		return nil, badRequestf("max_equilibria", "max_equilibria: must not be negative")
	}
	g, eg, err := parseGameText(label, req.Game)
	if err != nil {
		return nil, err
	}
	ctx := r.Context()
	if eg != nil {
		res, err := efg.Solve(ctx, eg, req.Method, efg.SolveOptions{Starts: req.Starts})
		if errors.Is(err, game.ErrMethod) {
			return nil, BadRequest("method", err)
		}
		return res, engineError("", err)
	}
	method := req.Method
	if method == "" {
		method = "enummixed"
	}
	opts := game.SolveOptions{Recursive: req.Recursive, ExactPivoting: req.ExactPivoting, MaxPivots: req.MaxPivots,
		MaxLambda: req.MaxLambda, Tol: req.Tol, MaxIter: req.MaxIter, MaxEquilibria: req.MaxEquilibria, Path: req.Path}
	for _, l := range req.Label {
		opts.Labels = append(opts.Labels, l-1)
	}
	res, err := game.Solve(ctx, g, method, opts)
	if errors.Is(err, game.ErrMethod) {
		return nil, BadRequest("method", err)
	}
	if errors.Is(err, game.ErrPlayers) && g.NumPlayers() != 2 {
		// The command line's advice, with the request's field name.
		return nil, BadRequest("method", fmt.Errorf("%s: %w (for a %d-player game use the method pure, simpdiv, logit, replicator or fp)", method, err, g.NumPlayers()))
	}
	return res, engineError("", err)
}

// GameCheckRequest is the input of POST /api/v1/game/check, as
// `infragame game check`.
type GameCheckRequest struct {
	// Game is the text of a Gambit .nfg or .efg file.
	Game string `json:"game"`
	// Profile lists every probability in Gambit's order, separated by
	// commas: a mixed profile of an .nfg game (required), a behaviour
	// profile of an .efg game (optional: without it, the structure only).
	Profile string `json:"profile"`
	// Tol is the regret tolerance of decimal .nfg profiles, in payoff
	// units (default 1e-9).
	Tol float64 `json:"tol"`
}

func (s *Server) apiGameCheck(r *http.Request) (any, error) {
	req := GameCheckRequest{Tol: 1e-9}
	label, err := decodeEngineRequest(r, "game", &req)
	if err != nil {
		return nil, err
	}
	g, eg, err := parseGameText(label, req.Game)
	if err != nil {
		return nil, err
	}
	if eg != nil {
		var b efg.Behavior
		if strings.TrimSpace(req.Profile) != "" {
			if b, err = efg.ParseBehavior(eg, req.Profile); err != nil {
				return nil, BadRequest("profile", err)
			}
		}
		doc, err := efg.Inspect(eg, b)
		if err != nil {
			return nil, BadRequest("profile", err)
		}
		return doc, nil
	}
	if strings.TrimSpace(req.Profile) == "" {
		return nil, badRequestf("profile", "profile: required for an .nfg game: every probability in Gambit's order, such as 2/3,1/3,1/3,2/3")
	}
	p, exact, err := game.ParseProfile(g, req.Profile)
	if err != nil {
		return nil, BadRequest("profile", err)
	}
	return game.CheckProfileAt(g, p, exact, req.Tol), nil
}

// GameConvertRequest is the input of POST /api/v1/game/convert, as
// `infragame game convert FILE --to nfg|efg`.
type GameConvertRequest struct {
	// Game is the text of an .nfg or .efg file or a payoff matrix.
	Game string `json:"game"`
	// To is the format written: nfg (default) or efg.
	To string `json:"to"`
}

// apiGameConvert answers with the game written as a file (text/plain, to
// be saved as game.nfg or game.efg): the bytes `infragame game convert
// FILE --to nfg|efg` prints.
func (s *Server) apiGameConvert(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), s.cfg.ComputeTimeout)
	defer cancel()
	r = r.WithContext(ctx)
	b, to, err := gameConvert(r)
	if err != nil {
		p := problemFor(r, err)
		if p.Status >= 500 {
			s.logf("%s %s: %v", r.Method, r.URL.Path, err)
		}
		writeProblem(w, p)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="game.`+to+`"`)
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write(b)
}

func gameConvert(r *http.Request) ([]byte, string, error) {
	req := GameConvertRequest{To: "nfg"}
	label, err := decodeEngineRequest(r, "game", &req)
	if err != nil {
		return nil, "", err
	}
	if req.To != "nfg" && req.To != "efg" {
		return nil, "", badRequestf("to", "to: want nfg or efg, got %q", req.To)
	}
	g, eg, err := parseGameText(label, req.Game)
	if err != nil {
		return nil, "", err
	}
	b, err := efg.Convert(r.Context(), g, eg, req.To)
	return b, req.To, engineError("game", err)
}
