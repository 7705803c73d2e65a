// Package nfg reads and writes strategic-form games in Gambit's .nfg file
// format, version 1 ("NFG 1 R"), both its variants:
//
// The payoff version lists, after the header, the strategy counts and then
// every profile's payoffs, player 1's strategy varying fastest:
//
//	NFG 1 R "Matching pennies" { "Player 1" "Player 2" } { 2 2 }
//
//	1 -1 -1 1 -1 1 1 -1
//
// The outcome version names the strategies, lists outcomes with their
// payoffs, then gives each profile's outcome index (1-based; 0 is the null
// outcome with all payoffs zero):
//
//	NFG 1 R "Matching pennies" { "Player 1" "Player 2" }
//	{ { "H" "T" } { "H" "T" } }
//	""
//	{
//	{ "" 1, -1 }
//	{ "" -1, 1 }
//	}
//	1 2 2 1
//
// Whitespace is not significant except inside double quotes, where \" and
// \\ escape a quote and a backslash. Payoffs may be integers, decimals
// (".8", "1e-3") or fractions ("1/3"); they are read exactly into
// game.Game.Exact. The format is documented at
// https://gambitproject.readthedocs.io/en/latest/formats.html (Gambit, "Game
// representation formats").
//
// Errors are *[ParseError] values carrying the line, column and token where
// reading failed, in the style of encoding/csv, wrapping one of the
// package's sentinel errors.
package nfg
