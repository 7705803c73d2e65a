package web

// engineRoutes are the API endpoints of the engines (finance, game,
// auction, coop).
func (s *Server) engineRoutes() []route {
	var rs []route
	rs = append(rs, s.gameRoutes()...)     // api_game.go
	rs = append(rs, s.gameToolRoutes()...) // gametools.go
	rs = append(rs, s.coopRoutes()...)     // api_coop.go
	rs = append(rs, s.auctionRoutes()...)  // api_auction.go
	rs = append(rs, s.lccRoutes()...)      // api_lcc.go
	return rs
}
