// Package examples embeds the example input files of the README and docs
// (games, auctions, cooperative games, offer files, LCC studies, records),
// so the web app can offer them as starting points. The files are read by
// the tests and the documentation as ordinary files too.
package examples

import "embed"

// FS holds every example file under its directory: "game/bos.nfg",
// "auction/issue.yaml", "coop/glove.yaml", "finance/jakarta-bandung.yaml", …
//
//go:embed auction coop data finance game lcc sweep
var FS embed.FS
