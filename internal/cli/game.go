package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/big"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/spf13/cobra"

	"github.com/infragame/infragame/game"
	"github.com/infragame/infragame/game/nfg"
	"github.com/infragame/infragame/report"
)

func (a *App) gameCmd() *cobra.Command {
	c := &cobra.Command{
		Use:   "game",
		Short: "Solve, generate, convert and check finite games (Gambit .nfg and .efg files); build a case's offer game",
		Long: `Commands for finite games in strategic form, read from and written to Gambit's
.nfg format. Equilibria can be printed as Gambit's command-line tools print them
(--format gambit: lines "NE,p1,p2,..."), so scripts written for gambit-enummixed,
gambit-lcp, gambit-lp, gambit-logit and gambit-enumpure can switch.`,
	}
	c.PersistentFlags().IntVar(&a.maxProfiles, "max-profiles", game.DefaultMaxProfiles,
		fmt.Sprintf("largest game read or generated, in pure-strategy profiles (at most %d; memory is about 100 bytes per profile and player)", game.MaxProfiles))
	a.addSubcommands(c, subcommand{"solve", a.gameSolveCmd}, subcommand{"random", a.gameRandomCmd},
		subcommand{"check", a.gameCheckCmd}, subcommand{"dominance", a.gameDominanceCmd},
		subcommand{"convert", a.gameConvertCmd}, subcommand{"from-case", a.gameFromCaseCmd}) // the last two: efg.go
	return c
}

// readGameFile reads an .nfg file, or a payoff matrix (a text whose first
// word is not NFG, docs/game.md); "-" reads standard input (as Gambit's
// tools do).
func (a *App) readGameFile(path string) (*game.Game, error) {
	if a.maxProfiles < 1 || a.maxProfiles > game.MaxProfiles {
		return nil, usagef("--max-profiles must be in [1, %d]", game.MaxProfiles)
	}
	b, err := a.readInput(path)
	if err != nil {
		return nil, err
	}
	if path == "-" {
		path = "<stdin>"
	}
	var g *game.Game
	src := string(b) // one copy, which the game's names refer to
	if nfg.IsMatrix(src) {
		g, err = nfg.ParseMatrix(path, src, a.maxProfiles)
		if errors.Is(err, game.ErrTooLarge) && a.maxProfiles < game.MaxProfiles {
			return nil, fmt.Errorf("%w (raise the limit with --max-profiles, at most %d)", err, game.MaxProfiles)
		}
		return g, err
	}
	g, err = nfg.ParseMax(src, a.maxProfiles)
	if errors.Is(err, game.ErrTooLarge) && a.maxProfiles < game.MaxProfiles {
		return nil, fmt.Errorf("%s: %w (raise the limit with --max-profiles, at most %d)", path, err, game.MaxProfiles)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return g, nil
}

// appendGambitLine appends an equilibrium as Gambit's tools print it: the
// tag ("NE") and the probabilities player by player, comma-separated, exact
// fractions when known, otherwise decimals with the given number of
// digits; then a newline.
func appendGambitLine(b []byte, tag string, profile [][]float64, exact [][]string, decimals int) []byte {
	b = append(b, tag...)
	if exact != nil {
		for _, p := range exact {
			for _, s := range p {
				b = append(append(b, ','), s...)
			}
		}
	} else {
		for _, p := range profile {
			for _, v := range p {
				b = strconv.AppendFloat(append(b, ','), v, 'f', decimals, 64)
			}
		}
	}
	return append(b, '\n')
}

func (a *App) gameSolveCmd() *cobra.Command {
	var (
		method    string
		labels    []int
		recursive bool
		exactLH   bool
		maxLambda float64
		decimals  int
		showPath  bool
		elim      bool
		tol       float64
		maxIter   int
		maxPivots int
		timeout   time.Duration
		maxEq     int
		workers   int
		efgStarts int
		efgAll    bool
	)
	c := &cobra.Command{
		Use:   "solve FILE.nfg|FILE.efg|MATRIX.txt",
		Short: "Compute Nash equilibria of a game",
		Long: `Compute Nash equilibria of the game in FILE.nfg ("-": standard input) with one
of the methods below. A file whose first word is not NFG (nor EFG) is read as a
payoff matrix of a two-player game: one row of the row player's strategy a line
(or between ";"), each cell "a,b", optional "rows:" and "columns:" names; or the
matrices after "A:" and "B:" ("A:" alone: zero-sum). See docs/game.md.

Methods:

  pure        all pure-strategy equilibria, n players (as gambit-enumpure)
  enummixed   all extreme equilibria of a 2-player game, exact (as gambit-enummixed
              and lrsnash): lexicographic reverse search, memory independent of
              the number of vertices; reports maximal Nash subsets when the game
              is degenerate. Its time grows exponentially with the game's size
              (seconds at 16x16, minutes past 18x18): use --timeout, and
              --method lcp for one equilibrium
  lcp         Lemke–Howson from every starting label (or --label), exact (gambit-lcp)
  lp          2-player constant-sum games by linear programming (gambit-lp)
  logit       logit quantal-response path to a Nash equilibrium, n players (gambit-logit)
  simpdiv     simplicial subdivision with grid refinement, n players (gambit-simpdiv)
  replicator  replicator dynamics from the centroid, n players
  fp          fictitious play, n players

--format gambit prints "NE,p1,p2,..." lines (exact fractions from exact methods,
decimals from the others); table, json and csv give payoffs and regrets too.
Labels for --label are 1-based: 1..m for the row player's strategies, m+1..m+n
for the column player's.

--timeout stops any method after a duration (Ctrl-C stops it at any time);
enummixed shows the bases visited and equilibria found on a terminal.

An extensive-form game (.efg, or "EFG" on standard input) is solved with
  spe         subgame-perfect equilibrium by backward induction (perfect
              information, chance allowed, n players; the default for such games)
  seqform     sequence form and Lemke's algorithm, 2 players with perfect recall
              (the default otherwise; --starts for more equilibria)
  enummixed, lcp, pure   on the reduced normal form (game convert --to nfg)
and printed as behaviour strategies per information set, each verified.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if eg, ok, err := a.readEFGInput(args[0]); ok || err != nil { // .efg: efg.go
				if err != nil {
					return err
				}
				ctx := cmd.Context()
				if ctx == nil {
					ctx = context.Background()
				}
				if timeout > 0 {
					var cancel context.CancelFunc
					ctx, cancel = context.WithTimeout(ctx, timeout)
					defer cancel()
				}
				return a.solveEFG(ctx, eg, args[0], method, cmd.Flags().Changed("method"), efgStarts, efgAll)
			}
			g, err := a.readGameFile(args[0])
			if err != nil {
				return err
			}
			gambit := strings.EqualFold(strings.TrimSpace(a.FormatName), "gambit")
			var format report.Format
			if !gambit {
				if format, err = a.Format(); err != nil {
					return err
				}
			}
			if elim {
				el, err := game.IteratedDominance(g, true)
				if err != nil {
					return err
				}
				if len(el.Steps) > 0 {
					return usagef("--elim: the game has strictly dominated strategies; solve the reduced game written by \"infragame game dominance\" instead (results would refer to other strategy indices)")
				}
			}
			ctx := cmd.Context()
			if ctx == nil {
				ctx = context.Background()
			}
			if timeout < 0 {
				return usagef("--timeout %v: want a positive duration such as 30s or 10m", timeout)
			}
			if maxEq < 0 || workers < 0 {
				return usagef("--max-equilibria and --workers must not be negative")
			}
			if timeout > 0 {
				var cancel context.CancelFunc
				ctx, cancel = context.WithTimeout(ctx, timeout)
				defer cancel()
			}
			opts := game.SolveOptions{Recursive: recursive, ExactPivoting: exactLH, MaxPivots: maxPivots,
				MaxLambda: maxLambda, Tol: tol, MaxIter: maxIter, MaxEquilibria: maxEq, Workers: workers, Path: showPath}
			for _, l := range labels {
				opts.Labels = append(opts.Labels, l-1)
			}
			var res *game.SolveResult
			if method == "enummixed" {
				res, err = a.enumMixed(ctx, g, opts, timeout)
			} else {
				res, err = game.Solve(ctx, g, method, opts)
			}
			if errors.Is(err, game.ErrMethod) {
				return usagef("unknown --method %q (want pure, enummixed, lcp, lp, logit, simpdiv, replicator or fp)", method)
			}
			if errors.Is(err, context.DeadlineExceeded) {
				return fmt.Errorf("%s: %s: stopped by --timeout %v", args[0], method, timeout)
			}
			if err != nil {
				if errors.Is(err, game.ErrPlayers) && g.NumPlayers() != 2 {
					return fmt.Errorf("%s: %s: %w (for a %d-player game use --method pure, simpdiv, logit, replicator or fp)", args[0], method, err, g.NumPlayers())
				}
				return fmt.Errorf("%s: %s: %w", args[0], method, err)
			}
			if gambit {
				// About 8 bytes a probability: one allocation for most outputs.
				size := 0
				for _, p := range g.Strategies {
					size += 8 * len(p)
				}
				b := make([]byte, 0, (len(res.Path)+len(res.Equilibria))*(4+size))
				for _, p := range res.Path {
					b = appendGambitLine(b, strconv.FormatFloat(p.T, 'g', 10, 64), p.Profile, nil, decimals)
				}
				for _, e := range res.Equilibria {
					b = appendGambitLine(b, "NE", e.Profile, e.Exact, decimals)
				}
				_, err := a.Out.Write(b)
				return err
			}
			tables := []*report.Table{equilibriumTable(g, res, format)}
			if showPath {
				tables = append(tables, pathTable(g, method, res.Path))
			}
			return report.Write(a.Out, format, res, tables...)
		},
	}
	f := c.Flags()
	f.StringVar(&method, "method", "enummixed", "pure, enummixed, lcp, lp, logit, simpdiv, replicator or fp")
	f.IntSliceVar(&labels, "label", nil, "lcp: starting label(s), 1-based (default: all)")
	f.BoolVar(&recursive, "recursive", false, "lcp: also restart from every equilibrium found (Lemke–Howson graph component)")
	f.BoolVar(&exactLH, "exact-pivoting", false, "lcp: pivot in exact integer arithmetic throughout (slower; results are exact either way)")
	f.Float64Var(&maxLambda, "max-lambda", 1e6, "logit: end of the path")
	f.IntVar(&decimals, "decimals", 6, "digits of decimal probabilities in --format gambit")
	f.BoolVar(&showPath, "path", false, "logit, simpdiv, replicator, fp: include the path (λ, grid or iteration; gambit format: one \"t,p…\" line per point)")
	f.BoolVar(&elim, "elim", false, "refuse games with strictly dominated strategies (see game dominance)")
	f.Float64Var(&tol, "tol", 0, "regret tolerance relative to the payoff range for the non-exact methods (default per method)")
	f.IntVar(&maxIter, "max-iter", 0, "replicator, fp: iteration limit (default 100000)")
	f.IntVar(&maxPivots, "max-pivots", 0, "lcp: pivots per path (default 1000·(m+n)+20000)")
	f.DurationVar(&timeout, "timeout", 0, "stop after this long (e.g. 30s, 10m; default: no limit)")
	f.IntVar(&maxEq, "max-equilibria", game.DefaultMaxEquilibria, "enummixed: stop with an error after this many extreme equilibria (0: no limit)")
	f.IntVar(&workers, "workers", 0, "enummixed: goroutines walking the search tree (default: all cores; 1 for games with at most 12 strategies on a side)")
	f.IntVar(&efgStarts, "starts", 1, ".efg seqform: priors to start Lemke's algorithm from (distinct equilibria are listed)")
	f.BoolVar(&efgAll, "all", false, ".efg: also list information sets reached with probability 0")
	return c
}

// largeEnumSize is the smaller strategy count from which game solve warns
// that all-equilibria enumeration may take long (lrsnash and enummixed need
// seconds at 16x16 and minutes at 20x20 on uniform random games).
const largeEnumSize = 16

// enumMixed solves g with game.Solve's enummixed method, with a warning
// for large games, a progress line on a terminal, and errors that say what
// to do instead.
func (a *App) enumMixed(ctx context.Context, g *game.Game, opts game.SolveOptions, timeout time.Duration) (*game.SolveResult, error) {
	if g.NumPlayers() == 2 {
		m, n := len(g.Strategies[0]), len(g.Strategies[1])
		if min(m, n) >= largeEnumSize {
			fmt.Fprintf(a.Err, "note: enumerating all extreme equilibria of a %dx%d game takes time exponential in its size (minutes or more); memory stays small. For one equilibrium use --method lcp; --timeout limits the run, Ctrl-C stops it.\n", m, n)
		}
	}
	var found atomic.Int64
	opts.Progress = func(p game.EnumProgress) { found.Store(p.Equilibria) }
	if !a.NoProgress && isTerminal(a.Err) {
		bar := newBar(a.Err, "enummixed: bases visited", -1, 200*time.Millisecond)
		opts.Progress = func(p game.EnumProgress) {
			found.Store(p.Equilibria)
			bar.describe(fmt.Sprintf("enummixed: %d equilibria; bases visited", p.Equilibria))
			bar.set(p.Bases)
		}
		defer bar.finish()
	}
	res, err := game.Solve(ctx, g, "enummixed", opts)
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return nil, fmt.Errorf("stopped by --timeout %v before the enumeration finished (%d extreme equilibria found so far); enumerating all equilibria takes time exponential in the game's size: use --method lcp for one equilibrium, or a longer --timeout", timeout, found.Load())
	case errors.Is(err, context.Canceled):
		return nil, fmt.Errorf("interrupted before the enumeration finished (%d extreme equilibria found so far); use --method lcp for one equilibrium", found.Load())
	case errors.Is(err, game.ErrTooMany):
		return nil, fmt.Errorf("%w; raise --max-equilibria (0: no limit) if you need them all, or use --method lcp for one equilibrium", err)
	}
	return res, err
}

// equilibriumTable lists the equilibria. In a text table each player's
// profile is one cell (strategy names in the header when the game names its
// strategies); in CSV and workbooks every strategy has its own numeric
// column, "PLAYER:STRATEGY", so a spreadsheet can sort and sum them.
func equilibriumTable(g *game.Game, res *game.SolveResult, f report.Format) *report.Table {
	eqs := res.Equilibria
	t := &report.Table{Title: fmt.Sprintf("%s: %d equilibri%s (%s)", titleOr(g.Title), len(eqs), map[bool]string{true: "um", false: "a"}[len(eqs) == 1], res.Method)}
	t.Columns = []string{"#"}
	wide := f == report.FormatCSV || f == report.FormatXLSX
	for i, p := range g.Players {
		if wide {
			for _, s := range g.Strategies[i] {
				t.Columns = append(t.Columns, p+":"+s)
			}
			continue
		}
		col := fmt.Sprintf("%s (P%d) probabilities", p, i+1)
		if named(g.Strategies[i]) {
			col = fmt.Sprintf("%s (P%d) strategy", p, i+1)
		}
		t.Columns = append(t.Columns, col)
	}
	for i := range g.Players {
		t.Columns = append(t.Columns, fmt.Sprintf("payoff P%d", i+1))
	}
	t.Columns = append(t.Columns, "regret")
	if wide { // probabilities of the strategies, then payoffs
		t.SheetUnits = make([]string, len(t.Columns))
		for c := 1; c < len(t.Columns); c++ {
			t.SheetUnits[c] = report.UnitProbability
			if c >= len(t.Columns)-1-len(g.Players) {
				t.SheetUnits[c] = report.UnitPayoff
			}
		}
	}
	for k, e := range eqs {
		row := []any{k + 1}
		for i := range g.Players {
			if wide {
				for j, v := range e.Profile[i] {
					if e.Exact != nil {
						r, _ := new(big.Rat).SetString(e.Exact[i][j])
						v, _ = r.Float64()
					}
					row = append(row, v)
				}
				continue
			}
			var parts []string
			if e.Exact != nil {
				parts = e.Exact[i]
			} else {
				for _, v := range e.Profile[i] {
					parts = append(parts, report.FormatFloat(v))
				}
			}
			if named(g.Strategies[i]) {
				// name the strategies played: "compete", or "1/3 compete, 2/3 cooperate"
				var played []string
				for j, v := range parts {
					switch v {
					case "0":
					case "1":
						played = append(played, g.Strategies[i][j])
					default:
						played = append(played, v+" "+g.Strategies[i][j])
					}
				}
				row = append(row, strings.Join(played, ", "))
				continue
			}
			row = append(row, strings.Join(parts, " "))
		}
		for _, u := range e.Payoffs {
			row = append(row, u)
		}
		row = append(row, e.Regret)
		t.AddRow(row...)
	}
	if res.Value != nil {
		t.Notes = append(t.Notes, "value of the game to the row player: "+*res.Value)
	}
	if res.NonExtreme != nil && *res.NonExtreme {
		t.Notes = append(t.Notes, "note: "+res.Note)
		for _, c := range res.Cliques {
			var xs, ys []string
			for _, a := range c.X {
				xs = append(xs, "("+strings.Join(res.RowExtreme[a], " ")+")")
			}
			for _, b := range c.Y {
				ys = append(ys, "("+strings.Join(res.ColExtreme[b], " ")+")")
			}
			t.Notes = append(t.Notes, fmt.Sprintf("clique: any mixture of %s × any mixture of %s", strings.Join(xs, ", "), strings.Join(ys, ", ")))
		}
	}
	if m := res.Method; m == "lcp" || m == "enummixed" || m == "pure" {
		t.Notes = append(t.Notes, "probabilities are exact; regret 0 is verified in rational arithmetic")
	}
	return t
}

func titleOr(s string) string {
	if s == "" {
		return "game"
	}
	return s
}

func parseShape(s string) ([]int, error) {
	shape, err := game.ParseShape(s)
	if err != nil {
		return nil, usagef("--strategies %q: want counts like 8x8 or 2x3x2", s)
	}
	return shape, nil
}

func (a *App) gameRandomCmd() *cobra.Command {
	var (
		players  int
		strat    string
		seed     uint64
		class    string
		lo, hi   float64
		real     bool
		rho      float64
		levels   int
		out      string
		outcomes bool
		lrs      bool
	)
	c := &cobra.Command{
		Use:   "random",
		Short: "Write a random game as .nfg (to stdout or -o FILE)",
		Long: `Generate a random game of a class: uniform (independent uniform payoffs),
covariance (payoffs of each profile correlated with --rho), zerosum, coordination,
degenerate (payoffs from --levels small integers, many ties). Payoffs are integers
in [--lo, --hi] unless --real. The same --seed always gives the same game.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			shape, err := parseShape(strat)
			if err != nil {
				return err
			}
			if players > game.MaxPlayers {
				return usagef("--players %d: at most %d", players, game.MaxPlayers)
			}
			if a.maxProfiles < 1 || a.maxProfiles > game.MaxProfiles {
				return usagef("--max-profiles must be in [1, %d]", game.MaxProfiles)
			}
			if len(shape) == 1 && players > 1 {
				for len(shape) < players {
					shape = append(shape, shape[0])
				}
			}
			if len(shape) > 1 && !cmd.Flags().Changed("players") {
				players = len(shape) // "4x4x4" names three players
			}
			if lrs && players != 2 {
				return usagef("--lrsnash needs 2 players")
			}
			if len(shape) != players {
				return usagef("--strategies %q gives %d players, --players is %d", strat, len(shape), players)
			}
			if players < 2 {
				return usagef("--players must be at least 2")
			}
			rng := rand.New(rand.NewPCG(seed, 0))
			g, err := game.Random(rng, game.Class(class), shape, game.RandomOptions{Lo: lo, Hi: hi, Real: real, Rho: rho, Levels: levels, MaxProfiles: a.maxProfiles})
			if errors.Is(err, game.ErrTooLarge) && a.maxProfiles < game.MaxProfiles {
				return usagef("%w (raise the limit with --max-profiles, at most %d)", err, game.MaxProfiles)
			}
			if err != nil {
				return usageError{err}
			}
			g.Comment = fmt.Sprintf("infragame game random --class %s --strategies %s --seed %d", class, strat, seed)
			v := nfg.PayoffVersion
			if outcomes {
				v = nfg.OutcomeVersion
			}
			var b bytes.Buffer
			if lrs {
				writeLrsnash(&b, g)
			} else if err := nfg.Write(&b, g, v); err != nil {
				return err
			}
			if out == "" || out == "-" {
				_, err = a.Out.Write(b.Bytes())
				return err
			}
			return os.WriteFile(out, b.Bytes(), 0o644)
		},
	}
	f := c.Flags()
	f.IntVar(&players, "players", 2, "number of players")
	f.StringVar(&strat, "strategies", "3x3", "strategies per player, e.g. 8x8 or 2x2x2 (one number: same for all)")
	f.Uint64Var(&seed, "seed", 1, "random seed")
	f.StringVar(&class, "class", "uniform", "uniform, covariance, zerosum, coordination or degenerate")
	f.Float64Var(&lo, "lo", 0, "lowest payoff")
	f.Float64Var(&hi, "hi", 100, "highest payoff")
	f.BoolVar(&real, "real", false, "real-valued payoffs instead of integers")
	f.Float64Var(&rho, "rho", 0, "covariance class: correlation of the players' payoffs")
	f.IntVar(&levels, "levels", 3, "degenerate class: number of payoff values")
	f.StringVarP(&out, "output", "o", "", "write to this file instead of stdout")
	f.BoolVar(&outcomes, "outcome-version", false, "write the outcome version (with strategy names)")
	f.BoolVar(&lrs, "lrsnash", false, "write lrsnash's input format (\"m n\", A, B) instead of .nfg (2 players)")
	return c
}

// writeLrsnash writes a two-player game in lrsnash's input format: "m n",
// then the row player's matrix A and the column player's B, row by row.
func writeLrsnash(b *bytes.Buffer, g *game.Game) {
	ra, rb := g.RatMatrices()
	fmt.Fprintf(b, "%d %d\n", len(ra), len(ra[0]))
	for _, mtx := range [][][]*big.Rat{ra, rb} {
		b.WriteString("\n")
		for _, row := range mtx {
			for j, v := range row {
				if j > 0 {
					b.WriteString(" ")
				}
				b.WriteString(v.RatString())
			}
			b.WriteString("\n")
		}
	}
}

func shapeStr(g *game.Game) string {
	s := make([]string, g.NumPlayers())
	for i, v := range g.Shape() {
		s[i] = strconv.Itoa(v)
	}
	return strings.Join(s, "x")
}

func (a *App) gameCheckCmd() *cobra.Command {
	var tol float64
	c := &cobra.Command{
		Use:   "check FILE.nfg PROFILE | FILE.efg [PROFILE]",
		Short: "Print each player's payoff and regret at a mixed profile",
		Long: `PROFILE lists all probabilities in Gambit order, player 1's first, separated by
commas: fractions (1/3) or decimals (0.25). When every entry is a fraction or an
integer the regrets are computed exactly and the profile is an equilibrium only
if they are all 0; with decimals they are computed in floating point and must be
at most --tol. Regret is the most a player gains by deviating to a pure strategy.
For an .efg file it prints the game's structure (players, nodes, information
sets, perfect information and recall) and, with a PROFILE of behaviour
probabilities (player 1's information sets in order, each set's actions in
order, then player 2's …), verifies it exactly at every information set.`,
		Args: cobra.RangeArgs(1, 2),
		RunE: func(cmd *cobra.Command, args []string) error {
			if eg, ok, err := a.readEFGInput(args[0]); ok || err != nil { // .efg: efg.go
				if err != nil {
					return err
				}
				return a.checkEFG(eg, strings.Join(args[1:], ""))
			}
			if len(args) != 2 {
				return usagef("check FILE.nfg needs a PROFILE")
			}
			format, err := a.Format()
			if err != nil {
				return err
			}
			g, err := a.readGameFile(args[0])
			if err != nil {
				return err
			}
			p, rp, err := game.ParseProfile(g, args[1])
			if err != nil {
				return usageError{err}
			}
			res := game.CheckProfileAt(g, p, rp, tol)
			t := &report.Table{Title: titleOr(g.Title) + ": regrets at " + args[1], Columns: []string{"player", "payoff", "regret"}}
			for i, name := range g.Players {
				reg := report.FormatFloat(res.Regrets[i])
				if rp != nil {
					reg = res.ExactRegrets[i]
				}
				t.AddRow(name, res.Payoffs[i], reg)
			}
			if res.Equilibrium {
				t.Notes = append(t.Notes, "the profile is a Nash equilibrium")
			} else {
				t.Notes = append(t.Notes, "the profile is NOT a Nash equilibrium")
			}
			return report.Write(a.Out, format, res, t)
		},
	}
	c.Flags().Float64Var(&tol, "tol", 1e-9, "regret tolerance for decimal profiles (payoff units)")
	return c
}

func (a *App) gameDominanceCmd() *cobra.Command {
	var pure bool
	var out string
	c := &cobra.Command{
		Use:   "dominance FILE.nfg",
		Short: "Remove strictly dominated strategies iteratively",
		Long: `Iterated elimination of strictly dominated strategies: by pure strategies
(exact) and, unless --pure, by mixed strategies (linear programming). Prints the
eliminations; -o writes the reduced game as .nfg (outcome version, names kept).
With --format xlsx, -o FILE.xlsx names the workbook of the eliminations instead.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			out := a.workbookOutput(out)
			format, err := a.Format()
			if err != nil {
				return err
			}
			g, err := a.readGameFile(args[0])
			if err != nil {
				return err
			}
			el, err := game.IteratedDominance(g, !pure)
			if err != nil {
				return err
			}
			t := &report.Table{Title: titleOr(g.Title) + ": iterated strict dominance", Columns: []string{"round", "player", "strategy", "dominated by"}}
			for _, s := range el.Steps {
				var by []string
				for j := range g.Strategies[s.Player] {
					if w, ok := s.By[j]; ok {
						by = append(by, fmt.Sprintf("%s×%s", report.FormatFloat(w), g.Strategies[s.Player][j]))
					}
				}
				t.AddRow(s.Round, g.Players[s.Player], g.Strategies[s.Player][s.Strategy], strings.Join(by, " + "))
			}
			t.Notes = append(t.Notes, "remaining game: "+shapeStr(el.Game))
			if out != "" {
				var b bytes.Buffer
				if err := nfg.Write(&b, el.Game, nfg.OutcomeVersion); err != nil {
					return err
				}
				if err := os.WriteFile(out, b.Bytes(), 0o644); err != nil {
					return err
				}
			}
			return report.Write(a.Out, format, el, t)
		},
	}
	c.Flags().BoolVar(&pure, "pure", false, "only dominance by pure strategies")
	c.Flags().StringVarP(&out, "output", "o", "", "write the reduced game to this .nfg file (with --format xlsx: the workbook, FILE.xlsx)")
	return c
}

// named reports whether strategies carry names of their own, not just their
// numbers ("1", "2", ...).
func named(strategies []string) bool {
	for j, s := range strategies {
		if s != strconv.Itoa(j+1) {
			return true
		}
	}
	return false
}
