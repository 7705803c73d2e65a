package cli

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"math/big"
	"os"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/infragame/infragame/contest/offergame"
	"github.com/infragame/infragame/game"
	"github.com/infragame/infragame/game/efg"
	"github.com/infragame/infragame/report"
	"github.com/infragame/infragame/tender"
	"github.com/infragame/infragame/units"
)

// readEFGInput reads path ("-": standard input) and reports whether it is
// an extensive-form game: by the .efg extension, or for standard input
// and other names by an "EFG" header. When it is not, standard input is
// put back for the strategic-form reader.
func (a *App) readEFGInput(path string) (*efg.Game, bool, error) {
	if path != "-" && !strings.EqualFold(strings.TrimSpace(pathExt(path)), ".efg") {
		if strings.EqualFold(pathExt(path), ".nfg") {
			return nil, false, nil
		}
		b, err := a.readInput(path)
		if err != nil || !efg.HasHeader(b) {
			return nil, false, nil // the strategic-form reader reports errors
		}
		g, err := efg.Parse(path, b)
		return g, true, err
	}
	var b []byte
	var err error
	name := path
	if path == "-" {
		b, err = a.readInput("-")
		name = "<stdin>"
		if err == nil && !efg.HasHeader(b) {
			a.In = bytes.NewReader(b)
			return nil, false, nil
		}
	} else {
		b, err = a.readInput(path)
	}
	if err != nil {
		return nil, true, err
	}
	g, err := efg.Parse(name, b)
	return g, true, err
}

func pathExt(p string) string {
	if i := strings.LastIndexByte(p, '.'); i >= 0 && !strings.ContainsAny(p[i:], `/\`) {
		return p[i:]
	}
	return ""
}

func actionName(h *efg.Infoset, a int) string {
	if h.Actions[a] != "" {
		return h.Actions[a]
	}
	return strconv.Itoa(a + 1)
}

// efgTables renders equilibria as one table: a row per information set
// reached with positive probability (all with --all), the actions played
// with positive probability.
func efgTables(g *efg.Game, res *efg.SolveResult, all bool) []*report.Table {
	t := &report.Table{ID: "behaviour", Title: fmt.Sprintf("%s: %d equilibri%s (%s)", titleOr(g.Title), len(res.Equilibria), map[bool]string{true: "um", false: "a"}[len(res.Equilibria) == 1], res.Method),
		Columns:    []string{"#", "player", "information set", "reach", "behaviour (action: probability)", "regret"},
		SheetUnits: []string{"", "", "", report.UnitProbability, "", report.UnitPayoff}}
	for k, e := range res.Equilibria {
		for _, is := range e.Infosets {
			if is.Reach == "0" && !all {
				continue
			}
			h := g.Infosets[is.Player][is.Infoset-1]
			var parts []string
			for a, p := range is.Probabilities {
				if p != "0" {
					parts = append(parts, actionName(h, a)+": "+p)
				}
			}
			name := strconv.Itoa(is.Infoset)
			if is.Label != "" {
				name += " " + is.Label
			}
			reg := ""
			if is.Regret != nil {
				reg = *is.Regret
			}
			t.AddRow(k+1, g.Players[is.Player-1], name, is.Reach, strings.Join(parts, ", "), reg)
		}
		var pays []string
		for i, p := range e.Payoffs {
			r, _ := new(big.Rat).SetString(p)
			pays = append(pays, fmt.Sprintf("%s %s", g.Players[i], efg.FormatRat(r)))
		}
		verdict := "verified: no player gains by deviating (best-response payoffs equal the equilibrium payoffs), zero regret at every information set reached"
		if !e.Nash {
			verdict = "NOT an equilibrium"
		}
		if e.SubgamePerfect != nil {
			if *e.SubgamePerfect {
				verdict += "; sequentially rational at every node (subgame perfect)"
			} else {
				verdict += "; NOT sequentially rational at some unreached node (not subgame perfect)"
			}
		}
		t.Notes = append(t.Notes, fmt.Sprintf("equilibrium %d: payoffs %s; %s", k+1, strings.Join(pays, ", "), verdict))
	}
	if !all {
		t.Notes = append(t.Notes, "information sets reached with probability 0 are omitted (--all lists them; the JSON output has them all)")
	}
	for _, tie := range res.Ties {
		h := g.Infosets[tie.Player][tie.Infoset-1]
		var acts []string
		for _, a := range tie.Actions {
			acts = append(acts, actionName(h, a))
		}
		t.Notes = append(t.Notes, fmt.Sprintf("tie: %s at information set %d%s is indifferent between %s (the first is taken; each gives a subgame-perfect equilibrium)", g.Players[tie.Player-1], tie.Infoset, labelIn(h.Label), strings.Join(acts, ", ")))
	}
	if res.Note != "" {
		t.Notes = append(t.Notes, res.Note)
	}
	return []*report.Table{t}
}

func labelIn(s string) string {
	if s == "" {
		return ""
	}
	return " (" + s + ")"
}

// solveEFG is "game solve" for an extensive-form game.
func (a *App) solveEFG(ctx context.Context, g *efg.Game, path, method string, methodSet bool, starts int, all bool) error {
	gambit := strings.EqualFold(strings.TrimSpace(a.FormatName), "gambit")
	var format report.Format
	var err error
	if !gambit {
		if format, err = a.Format(); err != nil {
			return err
		}
	}
	unknown := usagef("unknown --method %q for an extensive-form game (want spe, seqform, enummixed, lcp or pure)", method)
	if !methodSet {
		method = "" // efg.DefaultMethod
	} else if method == "" {
		return unknown
	}
	if m := cmp.Or(method, efg.DefaultMethod(g)); starts != 1 && m != "seqform" {
		return usagef("--starts applies to --method seqform only (the default for games without perfect information); %s is solved with %s", path, m)
	}
	res, err := efg.Solve(ctx, g, method, efg.SolveOptions{Starts: starts})
	if errors.Is(err, game.ErrMethod) {
		return unknown
	}
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if gambit {
		var sb strings.Builder
		for _, e := range res.Equilibria {
			var parts []string
			for _, is := range e.Infosets {
				parts = append(parts, is.Probabilities...)
			}
			fmt.Fprintln(&sb, "NE,"+strings.Join(parts, ","))
		}
		_, err := io.WriteString(a.Out, sb.String())
		return err
	}
	return report.Write(a.Out, format, res, efgTables(g, res, all)...)
}

// checkEFG is "game check FILE.efg [PROFILE]": the game's structure and,
// with a profile (behaviour probabilities in Gambit order: player 1's
// information sets in order, each set's actions in order, then player 2's
// …), its verification.
func (a *App) checkEFG(g *efg.Game, profile string) error {
	format, err := a.Format()
	if err != nil {
		return err
	}
	var b efg.Behavior
	if profile != "" {
		if b, err = efg.ParseBehavior(g, profile); err != nil {
			return usageError{err}
		}
	}
	doc, err := efg.Inspect(g, b)
	if errors.Is(err, efg.ErrPerfectRecall) {
		return usageError{err}
	}
	if err != nil {
		return err
	}
	t := &report.Table{ID: "structure", Title: titleOr(g.Title) + ": extensive-form game", Columns: []string{"property", "value"}}
	t.AddRow("players", strings.Join(g.Players, ", "))
	t.AddRow("nodes", doc.Nodes)
	var isets []string
	for p, n := range doc.Infosets {
		who := "chance"
		if p > 0 {
			who = g.Players[p-1]
		}
		isets = append(isets, fmt.Sprintf("%s %d", who, n))
	}
	t.AddRow("information sets", strings.Join(isets, ", "))
	t.AddRow("outcomes", doc.Outcomes)
	t.AddRow("perfect information", doc.PerfectInformation)
	t.AddRow("perfect recall", doc.PerfectRecall)
	if doc.RecallProblem != "" {
		t.Notes = append(t.Notes, doc.RecallProblem)
	}
	tables := []*report.Table{t}
	if doc.Profile != nil {
		j := *doc.Profile
		res := &efg.SolveResult{Method: "check", Title: g.Title, Players: g.Players, Equilibria: []efg.VerifiedProfile{j}}
		pt := efgTables(g, res, true)[0]
		pt.Title = titleOr(g.Title) + ": behaviour profile " + profile
		pt.Notes = pt.Notes[:1]
		if !j.Nash {
			pt.Notes[0] = "the profile is NOT a Nash equilibrium (see the regrets and the best-response payoffs in the JSON output)"
		} else {
			pt.Notes[0] = strings.Replace(pt.Notes[0], "equilibrium 1", "the profile is a Nash equilibrium", 1)
		}
		tables = append(tables, pt)
	}
	return report.Write(a.Out, format, doc, tables...)
}

func (a *App) gameConvertCmd() *cobra.Command {
	var to, out string
	c := &cobra.Command{
		Use:   "convert FILE.efg|FILE.nfg --to nfg|efg [-o FILE]",
		Short: "Convert between extensive (.efg) and strategic (.nfg) form",
		Long: `--to nfg writes the reduced normal form of an extensive-form game (strategies are
plans: an action at every information set the player's own moves do not exclude,
"*" elsewhere), so that every strategic-form method of "game solve" applies.
--to efg writes a strategic-form game as an extensive-form game in which the
players move in turn without seeing earlier moves (one information set each), or
rewrites an .efg file canonically. Payoffs stay exact.`,
		Example: "  infragame game convert examples/game/kuhn-poker.efg --to nfg -o kuhn.nfg\n  infragame game solve kuhn.nfg --method lp",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			if ctx == nil {
				ctx = context.Background()
			}
			eg, isEFG, err := a.readEFGInput(args[0])
			if err != nil {
				return err
			}
			if to != "nfg" && to != "efg" {
				return usagef("--to %q: want nfg or efg", to)
			}
			var g *game.Game
			if !isEFG {
				if g, err = a.readGameFile(args[0]); err != nil {
					return err
				}
			}
			b, err := efg.Convert(ctx, g, eg, to)
			if err != nil {
				return fmt.Errorf("%s: %w", args[0], err)
			}
			if out == "" || out == "-" {
				_, err = a.Out.Write(b)
				return err
			}
			return os.WriteFile(out, b, 0o644)
		},
	}
	c.Flags().StringVar(&to, "to", "", "target format: nfg or efg")
	c.Flags().StringVarP(&out, "output", "o", "", "write to this file instead of stdout")
	return c
}

// parseMarkups reads --markups (offergame.ParseMarkups, the web app's
// reader too) with the error naming the flag.
func parseMarkups(s string) ([]float64, error) {
	m, err := offergame.ParseMarkups(s)
	if err != nil {
		return nil, usagef("--markups %q: want comma-separated percentages above -100 such as 0,10,20", s)
	}
	return m, nil
}

func (a *App) gameFromCaseCmd() *cobra.Command {
	var (
		form, out, markups, leader, host string
		softRate                         float64
	)
	c := &cobra.Command{
		Use:   "from-case FILE.yaml|case:ID [--form nfg|efg] [-o FILE]",
		Short: "Build the exporters' offer game of a contest case (.nfg) or the sequential offer game (.efg)",
		Long: `--form nfg (default): the simultaneous offer game. Each exporter of the case's
contest: block chooses a markup over its expected cost (--markups, in %) and finance terms
(the case's loan, or a soft loan at --soft-rate % of its interest rate, the
concession borne by the exporter as the rise in grant element × amount lent); the
host chooses with the host-choice model of "tender evaluate" (conditional logit
fitted on the case library; --host winner: the tender engine's winner); payoffs
are expected profits (probability of being chosen × profit).
--form efg: the sequential game with the case's numbers: the --leader's first
offer, the other exporter's counter-offer, the leader's revision, the host's
award (a chance move with the model's probabilities; with --host winner a third
player whose payoff is the tender score of the offer it awards).
Without -o the game is written to stdout; with -o a summary of the grid is printed.
With --format json, csv or xlsx the grid is printed as records (the game is
written only to -o FILE); --format xlsx -o FILE.xlsx writes the grid's workbook.`,
		Example: "  infragame game from-case case:jakarta-bandung-2015 -o jb.nfg\n  infragame game from-case case:jakarta-bandung-2015 --form efg -o jb.efg\n  infragame game solve jb.efg",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := a.loadCaseFile(args[0], a.unitOptions())
			if err != nil {
				return err
			}
			var grid offergame.Grid
			if softRate != 0 {
				fr, err := a.sharesPct("--soft-rate", false, softRate)
				if err != nil {
					return err
				}
				grid.SoftRate = fr[0]
			}
			if markups != "" {
				if grid.Markups, err = parseMarkups(markups); err != nil {
					return err
				}
			}
			choice, err := hostChoice(host)
			if err != nil {
				return err
			}
			m, err := offergame.New(f, tender.DefaultRule, grid, choice)
			if err != nil {
				return usageError{err}
			}
			out := a.workbookOutput(out)
			format, err := a.Format()
			if err != nil {
				return err
			}
			records := format != report.FormatTable
			var b bytes.Buffer
			if err := m.WriteGame(&b, form, leader); errors.Is(err, offergame.ErrInput) {
				return usageError{err}
			} else if err != nil {
				return err
			}
			if (out == "" || out == "-") && !records {
				_, err = a.Out.Write(b.Bytes())
				return err
			}
			title := fmt.Sprintf("%s: offer grid", m.Case)
			if out != "" && out != "-" {
				if err := os.WriteFile(out, b.Bytes(), 0o644); err != nil {
					return err
				}
				title = fmt.Sprintf("%s: offer grid (%s written to %s)", m.Case, form, out)
			} else {
				out = ""
			}
			money := caseMoney(f)
			t := &report.Table{ID: "offer-grid", Title: title,
				Columns:    []string{"exporter", "option", "price", "loan_rate_pct", "concession_cost", "expected_cost"},
				SheetUnits: []string{"", "", money, report.UnitPercent, money, money}}
			for _, e := range m.Exporters {
				for _, o := range e.Options {
					t.AddRow(e.Offer, o.Label, o.Price, units.PercentOf(o.Rate), o.Concession, e.ExpectedCost)
				}
			}
			return report.Write(a.Out, format, offergame.Document{Model: m, Form: form, Output: out}, t)
		},
	}
	f := c.Flags()
	f.StringVar(&form, "form", "nfg", "nfg (simultaneous offer game) or efg (sequential offer game)")
	f.StringVarP(&out, "output", "o", "", "write the game to this file (with --format xlsx: the grid's workbook, FILE.xlsx)")
	f.StringVar(&markups, "markups", "", "markups over expected cost, comma-separated percentages (default 0,10,20)")
	f.Var(pctFlag(&softRate, 0), "soft-rate", "soft terms: this percentage of the case's loan rate (default 50)")
	f.StringVar(&leader, "leader", "", "efg: the exporter (offer id) who offers first (default: the case's first offer)")
	f.StringVar(&host, "host", "model", "host's decision: model (choice probabilities of tender evaluate) or winner (the tender winner)")
	return c
}

// hostChoice returns the host-choice model for --host model, nil for
// --host winner.
func hostChoice(host string) (*tender.ChoiceModel, error) {
	switch host {
	case "model":
		m, err := libraryModel()
		if err != nil {
			return nil, err
		}
		return &m, nil
	case "winner":
		return nil, nil
	}
	return nil, usagef("--host %q: want model or winner", host)
}
