package web

// engineRoutes are the API endpoints of the engines (finance, game,
// auction, coop).
func (s *Server) engineRoutes() []route { return nil }

// enginePages registers the engines' pages.
func (s *Server) enginePages() {}
