package web

import (
	"net/http"
	"strings"

	"github.com/infragame/infragame/coop"
)

// coopRoutes are the endpoints of the cooperative-game engine: the
// documents of `infragame coop solve` and `infragame coop bargain`.
func (s *Server) coopRoutes() []route {
	return []route{
		{Method: "POST", Pattern: "/api/v1/coop/solve", Summary: "Shapley value, Banzhaf value and index, core and nucleolus of a TU game (infragame coop solve)", Handle: s.apiCoopSolve},
		{Method: "POST", Pattern: "/api/v1/coop/bargain", Summary: "Nash and Kalai–Smorodinsky solutions of a two-player bargaining problem (infragame coop bargain)", Handle: s.apiCoopBargain},
	}
}

// CoopRequest is the input of the coop endpoints: the text of a coop YAML
// file (docs/coop.md).
type CoopRequest struct {
	Spec string `json:"spec"`
}

func (s *Server) coopSpec(r *http.Request) (*coop.Spec, error) {
	var req CoopRequest
	label, err := decodeEngineRequest(r, "spec", &req)
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(req.Spec) == "" {
		return nil, badRequestf("spec", "spec: required: the text of a coop YAML file (docs/coop.md)")
	}
	sp, err := coop.ParseSpec(label, []byte(req.Spec))
	if err != nil {
		return nil, BadRequest("spec", err)
	}
	return sp, nil
}

func (s *Server) apiCoopSolve(r *http.Request) (any, error) {
	sp, err := s.coopSpec(r)
	if err != nil {
		return nil, err
	}
	if sp.Game == nil {
		return nil, badRequestf("spec", "spec: no characteristic function (POST /api/v1/coop/bargain solves a bargaining problem)")
	}
	res, err := coop.Solve(r.Context(), sp.Game)
	return res, engineError("spec", err)
}

func (s *Server) apiCoopBargain(r *http.Request) (any, error) {
	sp, err := s.coopSpec(r)
	if err != nil {
		return nil, err
	}
	if sp.Bargain == nil {
		return nil, badRequestf("spec", "spec: not a two-player bargaining problem")
	}
	res, err := coop.SolveBargain(sp.Bargain)
	return res, engineError("spec", err)
}
