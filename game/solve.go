package game

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"strings"

	"github.com/infragame/infragame/internal/numfmt"
)

// ErrMethod is returned (wrapped) by [Solve] for a method it does not know.
var ErrMethod = errors.New("game: unknown method")

// DefaultMaxEquilibria is the default bound on the extreme equilibria the
// enummixed method of [Solve] keeps (see [SolveOptions.MaxEquilibria]):
// about 1 KiB each at 20×20, so the answer stays under about 1 GiB.
const DefaultMaxEquilibria = 1_000_000

// SolveMethods lists the methods [Solve] accepts, in the order the
// command-line tool documents them.
func SolveMethods() []string {
	return []string{"pure", "enummixed", "lcp", "lp", "logit", "simpdiv", "replicator", "fp"}
}

// SolveOptions tunes [Solve]. Each field applies to the methods its comment
// names and is ignored by the others; zero values select each solver's
// default.
type SolveOptions struct {
	// Labels (lcp) lists the missing labels to start Lemke–Howson from,
	// 0-based as in [LCPOptions]; empty means every label.
	Labels []int
	// Recursive (lcp) also restarts from every equilibrium found.
	Recursive bool
	// ExactPivoting (lcp) pivots in exact integer arithmetic throughout.
	ExactPivoting bool
	// MaxPivots (lcp) bounds each path (0: 1000·(m+n)+20000).
	MaxPivots int
	// MaxLambda (logit) ends the quantal-response path (0: 1e6).
	MaxLambda float64
	// Tol (lp, logit, simpdiv, replicator, fp) is the regret tolerance
	// relative to the payoff range (0: each method's default).
	Tol float64
	// MaxIter (replicator, fp) bounds the iterations (0: 100000).
	MaxIter int
	// MaxEquilibria (enummixed) stops with an error wrapping [ErrTooMany]
	// after this many extreme equilibria; 0 means no limit.
	MaxEquilibria int
	// Workers (enummixed) is the number of goroutines walking the search
	// tree (0: runtime.GOMAXPROCS(0), or 1 for games with at most 12
	// strategies on some side).
	Workers int
	// Progress (enummixed), when not nil, receives the counts so far now
	// and then, never concurrently.
	Progress func(EnumProgress)
	// Path (logit, simpdiv, replicator, fp) keeps the path the method
	// followed in [SolveResult.Path].
	Path bool
}

// SolveResult is the document [Solve] returns: the game's names, the
// equilibria found and what the method adds. It is what "infragame game
// solve --format json" prints; field names are stable.
type SolveResult struct {
	// Method is the method that was run.
	Method string `json:"method"`
	// Title, Players and Strategies are the game's.
	Title      string     `json:"title"`
	Players    []string   `json:"players"`
	Strategies [][]string `json:"strategies"`
	// Equilibria lists the equilibria in the order the method found them
	// (null when there are none).
	Equilibria []SolvedEquilibrium `json:"equilibria"`
	// NonExtreme (enummixed) reports a degenerate game: some maximal Nash
	// subset (clique) holds several extreme strategies of a player, and
	// every mixture within a clique is an equilibrium.
	NonExtreme *bool `json:"non_extreme,omitempty"`
	// Cliques (enummixed) are the maximal Nash subsets, as indices into
	// RowExtreme and ColExtreme.
	Cliques []Clique `json:"cliques,omitempty"`
	// RowExtreme and ColExtreme (enummixed) are the distinct extreme
	// equilibrium strategies of the row and the column player, exact
	// probabilities as fractions ("1/3").
	RowExtreme [][]string `json:"row_extreme,omitempty"`
	ColExtreme [][]string `json:"column_extreme,omitempty"`
	// Value (lp) is the value of the game to the row player, in payoff
	// units: an exact fraction when the solution could be made exact,
	// otherwise a decimal with 6 significant digits.
	Value *string `json:"value,omitempty"`
	// Path (logit, simpdiv, replicator, fp, with [SolveOptions.Path]) is
	// the path followed: λ for logit, the grid for simpdiv, the iteration
	// for the dynamics.
	Path []PathPoint `json:"path,omitempty"`
	// Arithmetic (enummixed) is the number type the enumeration needed:
	// "int64", or "hybrid" when some entries needed math/big.
	Arithmetic string `json:"arithmetic,omitempty"`
	// Converged (replicator, fp) reports whether the dynamics reached an
	// equilibrium within the tolerance.
	Converged *bool `json:"converged,omitempty"`
	// Note explains the result in words when it needs it (degenerate games).
	Note string `json:"note,omitempty"`
}

// SolvedEquilibrium is one equilibrium of a [SolveResult].
type SolvedEquilibrium struct {
	// Profile holds each player's mixed strategy, probabilities in
	// Gambit's order (rounded when Exact is set). For enummixed a
	// player's slice may be shared by the equilibria that use the same
	// extreme strategy.
	Profile [][]float64 `json:"profile"`
	// Exact is the exact profile, fractions such as "1/3", from the exact
	// methods (pure, enummixed, lcp, and lp when it could be made exact).
	// For enummixed its slices are those of [SolveResult.RowExtreme] and
	// [SolveResult.ColExtreme], shared.
	Exact [][]string `json:"exact,omitempty"`
	// Payoffs are the players' expected payoffs, in payoff units.
	Payoffs []float64 `json:"payoffs"`
	// Regret is the largest gain any player has from deviating to a pure
	// strategy, in payoff units (0 for exact equilibria, verified exactly).
	Regret float64 `json:"regret"`
}

// newSolved renders an equilibrium for a [SolveResult].
func newSolved(e Equilibrium) SolvedEquilibrium {
	s := SolvedEquilibrium{Profile: e.Profile, Payoffs: e.Payoffs, Regret: e.Regret}
	if e.Exact != nil {
		s.Exact = ratStrings(e.Exact)
	}
	return s
}

// ratStrings writes exact vectors as fractions ("1/3", "0").
func ratStrings(v [][]*big.Rat) [][]string {
	out := make([][]string, len(v))
	for i, p := range v {
		out[i] = make([]string, len(p))
		for j, x := range p {
			out[i][j] = ratString(x)
		}
	}
	return out
}

// fillEnumMixed sets the enummixed fields of res from ex.
func fillEnumMixed(res *SolveResult, ex *Extreme) {
	ne := ex.NonExtreme
	res.NonExtreme, res.Cliques, res.Arithmetic = &ne, ex.Cliques, ex.Arithmetic
	res.RowExtreme, res.ColExtreme = ratStrings(ex.X), ratStrings(ex.Y)
	if ne {
		res.Note = degenerateNote
	}
	// Equilibrium k combines X[a] and Y[b] (Pairs[k] = {a, b}): its
	// fractions are those already written, shared.
	if len(ex.Equilibria) > 0 {
		res.Equilibria = make([]SolvedEquilibrium, len(ex.Equilibria))
	}
	for k, e := range ex.Equilibria {
		a, b := ex.Pairs[k][0], ex.Pairs[k][1]
		res.Equilibria[k] = SolvedEquilibrium{Profile: e.Profile, Payoffs: e.Payoffs, Regret: e.Regret,
			Exact: [][]string{res.RowExtreme[a], res.ColExtreme[b]}}
	}
}

// degenerateNote is the Note of a degenerate game solved by enummixed.
const degenerateNote = "the game is degenerate: some cliques (maximal Nash subsets) contain several extreme strategies, and every mixture within a clique is an equilibrium"

// Solve computes Nash equilibria of g with the named method and returns
// the result document:
//
//	pure        all pure equilibria, n players ([PureEquilibria])
//	enummixed   all extreme equilibria and the maximal Nash subsets of a
//	            2-player game, exact ([EnumMixedWith])
//	lcp         Lemke–Howson from every starting label, exact ([LemkeHowson])
//	lp          2-player constant-sum games by linear programming ([SolveZeroSum])
//	logit       limit of the logit quantal-response path, n players ([Logit])
//	simpdiv     simplicial subdivision, n players ([SimplicialSubdivision])
//	replicator  replicator dynamics from the centroid ([Replicator])
//	fp          fictitious play ([FictitiousPlay])
//
// Probabilities are in Gambit's order and payoffs in the game's payoff
// units. An unknown method gives an error wrapping [ErrMethod]; a solver's
// failure is returned as the solver returned it (wrapping [ErrPlayers],
// [ErrNoConvergence], [ErrTooMany], [ErrNotConstantSum], [ErrTooLarge] or
// the context's error), with no result.
func Solve(ctx context.Context, g *Game, method string, opts SolveOptions) (*SolveResult, error) {
	res := &SolveResult{Method: method, Title: g.Title, Players: g.Players, Strategies: g.Strategies}
	var (
		eqs  []Equilibrium
		path []PathPoint
		err  error
	)
	switch method {
	case "pure":
		eqs, err = PureEquilibria(ctx, g)
	case "enummixed":
		var f *enumFound
		f, err = enumSearch(ctx, g, EnumOptions{Workers: opts.Workers, MaxEquilibria: opts.MaxEquilibria, Progress: opts.Progress})
		if err != nil {
			break
		}
		var fast bool
		if fast, err = f.solveFast(g, res); fast || err != nil {
			break
		}
		var ex *Extreme
		if ex, err = f.extreme(g); err == nil {
			fillEnumMixed(res, ex)
		}
	case "lcp":
		eqs, err = LemkeHowson(ctx, g, LCPOptions{Labels: opts.Labels, Recursive: opts.Recursive, Exact: opts.ExactPivoting, MaxPivots: opts.MaxPivots})
	case "lp":
		var s *ZeroSumSolution
		s, err = SolveZeroSum(g, opts.Tol)
		if err == nil {
			eqs = []Equilibrium{s.Equilibrium}
			v := numfmt.Short(s.Value)
			if s.ExactValue != nil {
				v = s.ExactValue.RatString()
			}
			res.Value = &v
		}
	case "logit":
		var lr *LogitResult
		lr, err = Logit(ctx, g, LogitOptions{MaxLambda: opts.MaxLambda, Tol: opts.Tol})
		if err == nil {
			eqs, path = []Equilibrium{lr.Equilibrium}, lr.Path
		}
	case "simpdiv":
		var sr *SimpdivResult
		sr, err = SimplicialSubdivision(ctx, g, SimpdivOptions{Tol: opts.Tol})
		if err == nil {
			eqs, path = []Equilibrium{sr.Equilibrium}, sr.Restarts
		}
	case "replicator", "fp":
		var tr *Trajectory
		do := DynamicsOptions{Tol: opts.Tol, MaxIter: opts.MaxIter}
		if method == "replicator" {
			tr, err = Replicator(ctx, g, do)
		} else {
			tr, err = FictitiousPlay(ctx, g, do)
		}
		if err == nil {
			conv := tr.Equilibrium != nil
			res.Converged = &conv
			path = tr.Path
			if conv {
				eqs = []Equilibrium{*tr.Equilibrium}
			}
		}
	default:
		return nil, fmt.Errorf("%w %q (want %s)", ErrMethod, method, strings.Join(SolveMethods(), ", "))
	}
	if err != nil {
		return nil, err
	}
	for _, e := range eqs {
		res.Equilibria = append(res.Equilibria, newSolved(e))
	}
	if opts.Path {
		res.Path = path
	}
	return res, nil
}
