// Package efg reads, writes and solves finite games in extensive form, in
// Gambit's .efg file format (version 2, the outcome/infoset syntax).
//
// A file is a header followed by the game tree in pre-order, one node per
// line by convention (whitespace is not significant outside quotes):
//
//	EFG 2 R "Entry deterrence" { "Entrant" "Incumbent" } "optional comment"
//
//	p "" 1 1 "entrant" { "Out" "In" } 0
//	t "" 1 "stay out" { 0, 4 }
//	p "" 2 1 "incumbent" { "Fight" "Accommodate" } 0
//	t "" 2 "war" { -1, -1 }
//	t "" 3 "share" { 1, 1 }
//
// A personal node is
//
//	p "node label" PLAYER INFOSET ["infoset label"] [{ "action" … }] OUTCOME ["outcome label"] [{ payoff … }]
//
// a chance node is
//
//	c "node label" INFOSET ["infoset label"] [{ "action" PROB … }] OUTCOME …
//
// and a terminal node is
//
//	t "node label" OUTCOME ["outcome label"] [{ payoff … }]
//
// Players are numbered from 1; information sets are numbered within each
// player (chance has its own numbering). The action list (with the
// probabilities of a chance information set) is required where an
// information set first appears and may be repeated, identically, at its
// other members. OUTCOME 0 means no outcome; an outcome's payoff list (one
// number per player, commas optional) is required where it first appears.
// Payoffs and probabilities are integers, decimals (".8", "1e-3") or
// fractions ("1/3"), read exactly; a chance information set's
// probabilities must sum to exactly 1. An outcome attached to a
// non-terminal node adds its payoffs to every play through that node.
//
// The format is Gambit's, documented in "Game representation formats"
// (https://gambitproject.readthedocs.io/en/latest/formats.html). [Parse]
// is strict: every inconsistency is a [*ParseError] naming the file, line,
// column and field, and [Limits] bound the size of what it accepts.
//
// Solvers: [SubgamePerfect] (backward induction, perfect-information games
// with chance), [SequenceForm] (two-player games with perfect recall: the
// sequence form of Koller, Megiddo and von Stengel (1996) solved by
// Lemke's algorithm in exact arithmetic), and [ReducedNormalForm], which
// turns a game into a game.Game so that every strategic-form solver of
// package game applies. [Game.Check] verifies a behaviour profile: the
// regret of every information set reached with positive probability, each
// player's best-response value against the others, and, for
// perfect-information games, sequential rationality at every node.
//
// References: D. Koller, N. Megiddo and B. von Stengel, "Efficient
// computation of equilibria for extensive two-person games", Games and
// Economic Behavior 14 (1996) 247–259; B. von Stengel, "Computing
// equilibria for two-person games", ch. 45 of Handbook of Game Theory
// vol. 3 (2002); H. W. Kuhn, "A simplified two-person poker",
// Contributions to the Theory of Games I (1950) 97–103.
package efg
