package efg

import (
	"bytes"
	"context"
	"fmt"
	"math/big"
	"strings"

	"github.com/infragame/infragame/game"
)

// HasHeader reports whether src starts, after white space, with "EFG", the
// header of an extensive-form game file (a strategic-form .nfg file starts
// with "NFG").
func HasHeader(src []byte) bool {
	return bytes.HasPrefix(bytes.TrimLeft(src, " \t\r\n"), []byte("EFG"))
}

// SolveMethods lists the methods [Solve] accepts.
func SolveMethods() []string { return []string{"spe", "seqform", "enummixed", "lcp", "pure"} }

// DefaultMethod is the method [Solve] runs when none is named: "spe" for a
// game of perfect information, "seqform" otherwise.
func DefaultMethod(g *Game) string {
	if g.PerfectInformation() {
		return "spe"
	}
	return "seqform"
}

// SolveOptions tunes [Solve].
type SolveOptions struct {
	// Starts (seqform) is the number of priors Lemke's algorithm starts
	// from (0 or 1: the centroid only); distinct equilibria are listed.
	Starts int
}

// SolveResult is the document [Solve] returns: the equilibria of an
// extensive-form game as behaviour strategies, each verified exactly. It
// is what "infragame game solve FILE.efg --format json" prints; field names
// are stable.
type SolveResult struct {
	// Method is the method that was run ("check" for a single profile
	// verified by [Inspect]).
	Method string `json:"method"`
	// Title and Players are the game's.
	Title   string   `json:"title"`
	Players []string `json:"players"`
	// Equilibria are the equilibria found (null when there are none).
	Equilibria []VerifiedProfile `json:"equilibria"`
	// Ties (spe) are the decision nodes with several optimal actions; the
	// first is taken, and each choice gives a subgame-perfect equilibrium.
	Ties []Tie `json:"ties,omitempty"`
	// Sequences (seqform) are the sizes of the two players' sequence sets.
	Sequences *[2]int `json:"sequences,omitempty"`
	// Reduced (enummixed, lcp, pure) is the shape of the reduced normal
	// form that was solved: strategies per player.
	Reduced *[]int `json:"reduced_strategies,omitempty"`
	// Note explains the method or the result in words.
	Note string `json:"note,omitempty"`
}

// VerifiedProfile is a behaviour profile and its exact verification.
type VerifiedProfile struct {
	// Payoffs are the players' expected payoffs, exact fractions ("1/3"),
	// in the game's payoff units; PayoffsFloat the same in floating point.
	Payoffs      []string  `json:"payoffs"`
	PayoffsFloat []float64 `json:"payoffs_float"`
	// Nash reports that no player gains by deviating and every information
	// set reached with positive probability has zero regret.
	Nash bool `json:"nash"`
	// SubgamePerfect (games of perfect information only) reports zero
	// regret at every node, reached or not.
	SubgamePerfect *bool `json:"subgame_perfect,omitempty"`
	// Infosets list every personal information set, player 1's first, in
	// the order of the file.
	Infosets []InfosetPlay `json:"infosets"`
}

// InfosetPlay is the behaviour at one information set of a
// [VerifiedProfile].
type InfosetPlay struct {
	// Player and Infoset are 1-based, as in the file.
	Player  int    `json:"player"`
	Infoset int    `json:"infoset"`
	Label   string `json:"label,omitempty"`
	// Actions are the actions' names; Probabilities their exact
	// probabilities ("1/3"), in the same order.
	Actions       []string `json:"actions"`
	Probabilities []string `json:"probabilities"`
	// Reach is the exact probability that play reaches the set.
	Reach string `json:"reach"`
	// Regret is the best action's value minus the value of the mixture
	// played, exact, in payoff units (absent for an unreached set of
	// several nodes, where beliefs are undefined).
	Regret *string `json:"regret,omitempty"`
}

func ratFloat(r *big.Rat) float64 { f, _ := r.Float64(); return f }

// Verify checks b exactly ([Game.Check]) and returns it with its
// verification. It needs perfect recall (errors wrap [ErrPerfectRecall])
// and a profile of the game's shape (errors wrap [ErrProfile]).
func Verify(g *Game, b Behavior) (VerifiedProfile, error) {
	c, err := g.Check(b)
	if err != nil {
		return VerifiedProfile{}, err
	}
	j := VerifiedProfile{Nash: c.Nash}
	if c.PerfectInformation {
		sp := c.SequentiallyRational
		j.SubgamePerfect = &sp
	}
	for _, u := range c.Payoffs {
		j.Payoffs = append(j.Payoffs, u.RatString())
		j.PayoffsFloat = append(j.PayoffsFloat, ratFloat(u))
	}
	for _, ic := range c.Infosets {
		h := g.Infosets[ic.Player][ic.Infoset-1]
		is := InfosetPlay{Player: ic.Player, Infoset: ic.Infoset, Label: h.Label, Actions: h.Actions, Reach: ic.Reach.RatString()}
		for _, p := range b[ic.Player-1][ic.Infoset-1] {
			is.Probabilities = append(is.Probabilities, p.RatString())
		}
		if ic.Regret != nil {
			s := ic.Regret.RatString()
			is.Regret = &s
		}
		j.Infosets = append(j.Infosets, is)
	}
	return j, nil
}

// Solve computes equilibria of g with the named method ("" for
// [DefaultMethod]) and returns them verified:
//
//	spe        subgame-perfect equilibrium by backward induction
//	           ([SubgamePerfect]; perfect information, n players)
//	seqform    sequence form and Lemke's algorithm ([SequenceForm];
//	           2 players, perfect recall)
//	enummixed, lcp, pure
//	           the methods of [game.Solve] on the reduced normal form
//	           ([ReducedNormalForm]), mapped back to behaviour strategies
//
// An unknown method gives an error wrapping [game.ErrMethod]; a solver's
// failure is returned wrapped (for the normal-form methods, as "METHOD on
// the reduced normal form: …"), with no result.
func Solve(ctx context.Context, g *Game, method string, opts SolveOptions) (*SolveResult, error) {
	if method == "" {
		method = DefaultMethod(g)
	}
	res := &SolveResult{Method: method, Title: g.Title, Players: g.Players}
	var profiles []Behavior
	switch method {
	case "spe":
		s, err := SubgamePerfect(g)
		if err != nil {
			return nil, err
		}
		profiles = append(profiles, s.Behavior)
		res.Ties = s.Ties
	case "seqform":
		eqs, sf, err := SequenceForm(ctx, g, SeqFormOptions{Starts: opts.Starts})
		if err != nil {
			return nil, err
		}
		res.Sequences = &sf.Size
		for _, e := range eqs {
			profiles = append(profiles, e.Behavior)
		}
		res.Note = "sequence form (Koller–Megiddo–von Stengel) solved by Lemke's algorithm in exact arithmetic; at information sets a player's own earlier moves exclude, the behaviour is uniform"
	case "enummixed", "lcp", "pure":
		red, err := ReducedNormalForm(ctx, g)
		if err != nil {
			return nil, err
		}
		sh := red.Game.Shape()
		res.Reduced = &sh
		var eqs []game.Equilibrium
		switch method {
		case "enummixed":
			var ex *game.Extreme
			if ex, err = game.EnumMixed(ctx, red.Game); err == nil {
				eqs = ex.Equilibria
				if ex.NonExtreme {
					res.Note = "the reduced normal form is degenerate: mixtures of these equilibria within a maximal Nash subset are equilibria too (game convert --to nfg, then game solve, lists the subsets)"
				}
			}
		case "lcp":
			eqs, err = game.LemkeHowson(ctx, red.Game, game.LCPOptions{})
		case "pure":
			eqs, err = game.PureEquilibria(ctx, red.Game)
		}
		if err != nil {
			return nil, fmt.Errorf("%s on the reduced normal form: %w", method, err)
		}
		for _, e := range eqs {
			profiles = append(profiles, red.BehaviorFromMixed(g, e.Exact))
		}
	default:
		return nil, fmt.Errorf("%w %q for an extensive-form game (want %s)", game.ErrMethod, method, strings.Join(SolveMethods(), ", "))
	}
	for _, b := range profiles {
		j, err := Verify(g, b)
		if err != nil {
			return nil, err
		}
		res.Equilibria = append(res.Equilibria, j)
	}
	return res, nil
}

// Summary is the document [Inspect] returns: the structure of a game and,
// when a profile was given, its verification. It is what "infragame game
// check FILE.efg [PROFILE] --format json" prints.
type Summary struct {
	Title   string   `json:"title"`
	Players []string `json:"players"`
	// Nodes counts the nodes of the tree, Outcomes the outcomes.
	Nodes int `json:"nodes"`
	// Infosets counts the information sets of each player, chance first.
	Infosets           []int `json:"infosets"`
	Outcomes           int   `json:"outcomes"`
	PerfectInformation bool  `json:"perfect_information"`
	PerfectRecall      bool  `json:"perfect_recall"`
	// RecallProblem says where perfect recall fails.
	RecallProblem string `json:"recall_problem,omitempty"`
	// Profile is the verified profile, when one was given.
	Profile *VerifiedProfile `json:"profile,omitempty"`
}

// Inspect describes g and, when b is not nil, verifies the behaviour
// profile b ([Verify]), which needs perfect recall: without it the error
// wraps [ErrPerfectRecall] and says where recall fails.
func Inspect(g *Game, b Behavior) (*Summary, error) {
	s := &Summary{Title: g.Title, Players: g.Players, Nodes: g.NumNodes(), Outcomes: len(g.Outcomes), PerfectInformation: g.PerfectInformation()}
	for _, hs := range g.Infosets {
		s.Infosets = append(s.Infosets, len(hs))
	}
	recall := g.PerfectRecall()
	if recall != nil {
		s.RecallProblem = recall.Error()
	} else {
		s.PerfectRecall = true
	}
	if b == nil {
		return s, nil
	}
	if recall != nil {
		return nil, fmt.Errorf("checking a profile needs perfect recall: %w", recall)
	}
	j, err := Verify(g, b)
	if err != nil {
		return nil, err
	}
	s.Profile = &j
	return s, nil
}

// profileError is an invalid profile text: its message names the entry,
// and it matches [ErrProfile] with errors.Is.
type profileError struct{ msg string }

func (e *profileError) Error() string        { return e.msg }
func (e *profileError) Is(target error) bool { return target == ErrProfile }

// maxEntry bounds the length of one entry of a profile text, so that a
// fraction with huge numbers cannot make the exact arithmetic slow.
const maxEntry = 100

// ParseBehavior reads a behaviour profile of g written in Gambit's order:
// the probabilities of player 1's information sets in order, each set's
// actions in order, then player 2's …, separated by commas, each an
// integer, a fraction ("1/3") or a decimal ("0.25"), read exactly. Errors
// name the entry and match [ErrProfile] with errors.Is.
func ParseBehavior(g *Game, s string) (Behavior, error) {
	fields := strings.Split(s, ",")
	b := g.Centroid()
	want := 0
	for p := range b {
		for h := range b[p] {
			want += len(b[p][h])
		}
	}
	if len(fields) != want {
		return nil, &profileError{fmt.Sprintf("profile has %d entries, the game has %d actions at personal information sets", len(fields), want)}
	}
	k := 0
	for p := range b {
		for h := range b[p] {
			for a := range b[p][h] {
				tok := strings.TrimSpace(fields[k])
				r, ok := new(big.Rat).SetString(tok)
				if !ok || strings.ContainsAny(tok, "xXpPeE_") || len(tok) > maxEntry {
					return nil, &profileError{fmt.Sprintf("profile entry %d (player %d, information set %d, action %d): %q is not a number (fractions like 1/3 or decimals)", k+1, p+1, h+1, a+1, tok)}
				}
				b[p][h][a] = r
				k++
			}
		}
	}
	if err := g.CheckShape(b); err != nil {
		return nil, err
	}
	return b, nil
}
