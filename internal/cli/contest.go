package cli

import (
	"fmt"
	"github.com/infragame/infragame/units"
	"math"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/infragame/infragame/cases"
	"github.com/infragame/infragame/contest"
	"github.com/infragame/infragame/contest/offergame"
	"github.com/infragame/infragame/publish"
	"github.com/infragame/infragame/report"
	"github.com/infragame/infragame/report/i18n"
	"github.com/infragame/infragame/tender"
)

func (a *App) contestCmd() *cobra.Command {
	c := &cobra.Command{
		Use:   "contest",
		Short: "Compete or cooperate? Head-on bidding against a consortium, for a case of the library",
		Long: `contest takes a case with a contest: block (the exporters' cost ranges, the host's
outside option, the consortium they could form) and compares:
  (a) competition: the first-price procurement auction between the exporters,
      ranked by the host's financing-adjusted cost (each exporter's expected
      profit, the host's expected surplus);
  (b) cooperation: a consortium bid (civil works from one, systems from the
      other, co-financing) bargaining with the host against its outside option,
      the joint profit split by the Shapley value and by Nash bargaining;
  (c) the gain from cooperation for the exporters and the gain or loss for the
      host, and the thresholds and the map of where cooperation pays both.
See docs/contest.md for the model.`,
	}
	a.addSubcommands(c, subcommand{"analyze", a.contestAnalyzeCmd}, subcommand{"map", a.contestMapCmd})
	return c
}

// caseMoney is the unit of a case's amounts: its currency at its price
// year ("USD 2015"; the library's cases are in millions, docs/tender.md).
func caseMoney(f *tender.File) string {
	return fmt.Sprintf("%s %d", f.Analysis.Currency, f.Analysis.PriceYear)
}

// loadCaseFile reads a tender file, or an embedded case given as case:ID.
func (a *App) loadCaseFile(path string, opts ...units.Options) (*tender.File, error) {
	return cases.Open(path, a.readInput, opts...)
}

// contestOverrides are command-line overrides of the case's contest block.
type contestOverrides struct {
	hostPower, synergy, civilShare float64
}

func (o *contestOverrides) flags(cmd *cobra.Command) {
	cmd.Flags().Var(pctFlag(&o.hostPower, math.NaN()), "host-power", "host's bargaining power against the consortium, percent 0–100 (default: the case's)")
	cmd.Flags().Var(pctFlag(&o.synergy, math.NaN()), "synergy", "consortium cost saving, percent of cost, 0 to below 100 (default: the case's)")
	cmd.Flags().Var(pctFlag(&o.civilShare, math.NaN()), "civil-share", "civil works' share of cost, percent 0–100 (default: the case's)")
}

// sharesPct checks the values of a share flag or grid given in percent
// (within [0, 100], below 100 when open; plausible, see package units) and
// returns them as fractions.
func (a *App) sharesPct(flag string, open bool, pcts ...float64) ([]float64, error) {
	out := make([]float64, len(pcts))
	for i, v := range pcts {
		if v < 0 || v > 100 || open && v >= 100 {
			hi := "100]"
			if open {
				hi = "100)"
			}
			return nil, usagef("%s: %s %% is outside [0, %s %% (this flag is a percentage: 12 is 12 %%)", flag, strconv.FormatFloat(v, 'g', -1, 64), hi)
		}
		if err := a.plausible(flag, units.Share, units.Percent, v); err != nil {
			return nil, err
		}
		out[i] = units.FractionOf(v)
	}
	return out, nil
}

func (o *contestOverrides) setup(a *App, path string, opts ...units.Options) (*tender.File, contest.Setup, error) {
	f, err := a.loadCaseFile(path, opts...)
	if err != nil {
		return nil, contest.Setup{}, err
	}
	var ov contest.Overrides
	for _, fl := range []struct {
		name string
		v    float64
		open bool
		dst  **float64
	}{{"--host-power", o.hostPower, false, &ov.HostPower}, {"--synergy", o.synergy, true, &ov.Synergy}, {"--civil-share", o.civilShare, false, &ov.CivilShare}} {
		if math.IsNaN(fl.v) {
			continue
		}
		fr, err := a.sharesPct(fl.name, fl.open, fl.v)
		if err != nil {
			return nil, contest.Setup{}, err
		}
		*fl.dst = &fr[0]
	}
	s, err := contest.SetupOf(f, ov)
	if err != nil {
		return nil, s, fmt.Errorf("%s: %w", path, err)
	}
	if err := s.Validate(); err != nil {
		return nil, s, usageError{err}
	}
	return f, s, nil
}

func (a *App) contestAnalyzeCmd() *cobra.Command {
	var o contestOverrides
	var verify bool
	var ff figureFlags
	var seed uint64
	cmd := &cobra.Command{
		Use:     "analyze FILE.yaml|case:ID",
		Short:   "Competitive against cooperative outcome, with the split and the thresholds",
		Example: "  infragame contest analyze case:jakarta-bandung-2015\n  infragame contest analyze case:jakarta-bandung-2015 --host-power 20 --verify --format json",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			format, err := a.Format()
			if err != nil {
				return err
			}
			f, s, err := o.setup(a, args[0], a.unitOptions())
			if err != nil {
				return err
			}
			m, err := cases.ChoiceModel()
			if err != nil {
				return err
			}
			doc, err := contest.AnalyzeCase(cmd.Context(), f, s, contest.CaseOptions{Verify: verify, Choice: &m, Seed: seed})
			if err != nil {
				return err
			}
			if ff.wanted() {
				if err := a.writeContestMap(cmd, s, ff, nil, nil); err != nil {
					return err
				}
			}
			tables := contestTables(doc)
			money := caseMoney(f)
			for _, t := range tables {
				t.SetUnit(money, "cost_low", "cost_high", "price_offered", "host_cost_offered", "K", "expected_profit", "host_surplus",
					"competition", "consortium_shapley", "nash_bargaining", "shapley_minus_competition")
				t.SetUnit("host cost per price", "W")
			}
			if doc.Choice != nil {
				tables = append(tables, choiceTable(m, doc.Choice))
			}
			if doc.OfferGame != nil {
				og := offerGameTable(doc.OfferGame)
				og.SetUnit(money, og.Columns[4], og.Columns[5])
				og.SetUnit(report.UnitProbability, og.Columns[3])
				tables = append(tables, og)
			}
			return report.Write(a.Out, format, doc, tables...)
		},
	}
	o.flags(cmd)
	cmd.Flags().BoolVar(&verify, "verify", false, "check the competitive equilibrium: best responses on a grid and a seeded Monte Carlo")
	ff.register(cmd, "the cooperation map (cost saving × host power)")
	cmd.Flags().Uint64Var(&seed, "seed", 1, "seed of the host-choice model's coefficient draws")
	return cmd
}

func contestTables(d *contest.Report) []*report.Table {
	r := d.Result
	s := r.Setup
	setup := &report.Table{Title: "Setup (host cost H = W·price + K, financing-adjusted, PV at the host's rate)",
		Columns: []string{"exporter", "cost_low", "cost_high", "price_offered", "host_cost_offered", "W", "K"}}
	for _, e := range s.Exporters {
		setup.AddRow(e.Name, e.Low, e.High, e.Line.Price, e.Line.HostCost, e.Line.W, e.Line.K)
	}
	cl := contest.ConsortiumLine(s)
	setup.AddRow("consortium", "", "", "", "", cl.W, cl.K)
	setup.Notes = []string{
		fmt.Sprintf("Outside option R = %s (host cost). Consortium: civil works from %s (share %g %%), saving %g %%, finance shares %g %%/%g %%; host bargaining power %g %%.",
			report.FormatFloat(s.Reserve), s.Exporters[s.CivilFrom].Name, units.PercentOf(s.CivilShare), units.PercentOf(s.Synergy),
			units.PercentOf(s.FinanceShare[0]), units.PercentOf(s.FinanceShare[1]), units.PercentOf(s.HostPower)),
	}
	comp := &report.Table{Title: "(a) Competition: first-price procurement auction in host-cost terms",
		Columns: []string{"party", "win_probability", "expected_profit", "host_surplus"}}
	for _, e := range r.Competitive.Exporters {
		comp.AddRow(e.Name, e.WinProbability, e.ExpectedProfit, "")
	}
	comp.AddRow("host", "", "", r.Competitive.HostSurplus)
	comp.Notes = []string{fmt.Sprintf("No-sale probability %s; efficiency loss %s (host-cost units). Profits in price units.",
		report.FormatFloat(r.Competitive.NoSaleProbability), report.FormatFloat(r.Competitive.EfficiencyLoss))}
	sc := r.Scenarios()
	co := &report.Table{Title: "(b) Cooperation: consortium bargaining with the host against its outside option (each column one scenario)",
		Columns: []string{"party", "competition", "consortium_shapley", "nash_bargaining", "shapley_minus_competition"}}
	for i, e := range r.Competitive.Exporters {
		co.AddRow(e.Name, sc[0].Profit[i], sc[1].Profit[i], sc[2].Profit[i], sc[1].Profit[i]-sc[0].Profit[i])
	}
	co.AddRow("exporters together", sc[0].ExportersTotal, sc[1].ExportersTotal, sc[2].ExportersTotal, sc[1].ExportersTotal-sc[0].ExportersTotal)
	co.AddRow("host (surplus)", sc[0].HostSurplus, sc[1].HostSurplus, sc[2].HostSurplus, sc[1].HostSurplus-sc[0].HostSurplus)
	nashNote := "Nash bargaining between the exporters: the consortium forms (there is a gain to share) and, with transferable utility, the split equals the Shapley value."
	if !sc[2].ConsortiumForms {
		nashNote = "Nash bargaining between the exporters: the joint profit is below what they earn competing, so no consortium forms and the column is the competitive outcome (the disagreement point)."
	}
	co.Notes = []string{
		fmt.Sprintf("Consortium trades with probability %s. consortium_shapley: the consortium forms and the Shapley value splits its profit (a loss is shared).",
			report.FormatFloat(r.Cooperative.TradeProbability)),
		nashNote,
		"Exporters' profits in price units; the host's surplus in host-cost units.",
	}
	verdict := &report.Table{Title: "(c) Does cooperation pay?", Columns: []string{"question", "answer"}}
	yes := map[bool]string{true: "yes", false: "no"}
	verdict.AddRow("cooperation pays both exporters", yes[r.PaysBoth])
	verdict.AddRow("host gains from cooperation", yes[r.HostGain >= 0])
	if d.MaxHostPowerPct != nil {
		verdict.AddRow("largest host bargaining power at which it pays both, %", fmt.Sprintf("%.2f", *d.MaxHostPowerPct))
	} else {
		verdict.AddRow("largest host bargaining power at which it pays both, %", "none: not even if the consortium keeps all the gain")
	}
	if d.MinSynergyPct != nil {
		verdict.AddRow(fmt.Sprintf("smallest cost saving at which it pays both (host power %g %%), %%", units.PercentOf(s.HostPower)), fmt.Sprintf("%.2f", *d.MinSynergyPct))
	} else {
		verdict.AddRow(fmt.Sprintf("smallest cost saving at which it pays both (host power %g %%), %%", units.PercentOf(s.HostPower)), "none up to 90 %")
	}
	tables := []*report.Table{setup, comp, co, verdict}
	if v := d.Verification; v != nil {
		vt := &report.Table{Title: "Verification of the competitive equilibrium (profits and revenue in host-cost units)", Columns: []string{"check", "value"}}
		vt.AddRow("max gain from deviating", v.MaxDeviationGain)
		for _, m := range v.MonteCarlo {
			vt.AddRow(fmt.Sprintf("Monte Carlo %s", m.Quantity), fmt.Sprintf("exact %s, simulated %s ± %s", report.FormatFloat(m.Exact), report.FormatFloat(m.Estimate), report.FormatFloat(m.StdErr)))
		}
		vt.AddRow("passed", yes[v.Passed])
		tables = append(tables, vt)
	}
	return tables
}

func (a *App) writeContestMap(cmd *cobra.Command, s contest.Setup, ff figureFlags, xs, ys []float64) error {
	if xs == nil {
		xs = tender.Linspace(0, 0.3, 31)
	}
	if ys == nil {
		ys = tender.Linspace(0, 1, 21)
	}
	_, err := a.contestMap(cmd, s, xs, ys, ff)
	return err
}

func (a *App) contestMap(cmd *cobra.Command, s contest.Setup, xs, ys []float64, ff figureFlags) ([][]contest.Cell, error) {
	update, finish := a.progress(len(ys), "cooperation map")
	cells, err := contest.Map(cmd.Context(), s, xs, ys, func(done, _ int) { update(done) })
	finish()
	if err != nil {
		return nil, err
	}
	if !ff.wanted() {
		return cells, nil
	}
	return cells, ff.write(cmd, publish.ContestMapChart(i18n.EN, s.Exporters[0].Name, s.Exporters[1].Name, xs, ys, cells))
}

func (a *App) contestMapCmd() *cobra.Command {
	var o contestOverrides
	var sx, sy string
	var ff figureFlags
	cmd := &cobra.Command{
		Use:     "map FILE.yaml|case:ID [--synergies 0:30:1] [--powers 0:100:5] [--svg FILE]",
		Short:   "Where cooperation pays: verdict over consortium cost saving × host bargaining power",
		Example: "  infragame contest map case:jakarta-bandung-2015 --svg coop.svg --format csv",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			format, err := a.Format()
			if err != nil {
				return err
			}
			for flag, axis := range map[string]string{"host-power": "--powers", "synergy": "--synergies"} {
				if cmd.Flags().Changed(flag) {
					return usagef("--%s does not apply to contest map: the map varies it over %s (use 'contest analyze --%s' for one value)", flag, axis, flag)
				}
			}
			xs, err := parseGrid(sx)
			if err != nil {
				return usagef("--synergies: %v", err)
			}
			ys, err := parseGrid(sy)
			if err != nil {
				return usagef("--powers: %v", err)
			}
			if xs, err = a.sharesPct("--synergies", true, xs...); err != nil {
				return err
			}
			if ys, err = a.sharesPct("--powers", false, ys...); err != nil {
				return err
			}
			f, s, err := o.setup(a, args[0], a.unitOptions())
			if err != nil {
				return err
			}
			cells, err := a.contestMap(cmd, s, xs, ys, ff)
			if err != nil {
				return err
			}
			t := &report.Table{Title: "Gain from cooperation over cost saving × host bargaining power",
				Columns: []string{"synergy_pct", "host_power_pct", "exporters_gain", "host_gain", "verdict"}}
			t.SetUnit(caseMoney(f), "exporters_gain", "host_gain")
			var flat []contest.Cell
			for _, row := range cells {
				for _, c := range row {
					t.AddRow(units.PercentOf(c.Synergy), units.PercentOf(c.HostPower), c.ExportersGain, c.HostGain, c.Verdict)
					flat = append(flat, c)
				}
			}
			return report.Write(a.Out, format, flat, t)
		},
	}
	o.flags(cmd)
	cmd.Flags().StringVar(&sx, "synergies", contest.DefaultSynergyGrid, "consortium cost savings, percent of cost: start:stop:step or a,b,c")
	cmd.Flags().StringVar(&sy, "powers", contest.DefaultPowerGrid, "host bargaining powers, percent: start:stop:step or a,b,c")
	ff.register(cmd, "the map")
	return cmd
}

// offerGameTable renders the offer-game section (d) of "contest analyze".
func offerGameTable(og *contest.OfferGame) *report.Table {
	sol, off := og.Solution, og.Offers
	t := &report.Table{ID: "offer-game", Title: "(d) Offer game: equilibria of the exporters' simultaneous offers (markup × finance terms; host-choice model of tender evaluate)",
		Columns: []string{"#", off[0], off[1], "p_choice_" + off[0], "expected_profit_" + off[0], "expected_profit_" + off[1]}}
	plays := func(ps []offergame.Play) string {
		var s []string
		for _, p := range ps {
			if p.Probability == 1 {
				s = append(s, p.Option)
			} else {
				s = append(s, fmt.Sprintf("%s (%s)", p.Option, report.FormatFloat(p.Probability)))
			}
		}
		return strings.Join(s, " / ")
	}
	for k, e := range sol.Equilibria {
		pc := ""
		if len(e.Plays[0]) == 1 && len(e.Plays[1]) == 1 {
			pc = report.FormatFloat(e.WinProbability[0])
		}
		t.AddRow(k+1, plays(e.Plays[0]), plays(e.Plays[1]), pc, e.Payoffs[0], e.Payoffs[1])
	}
	var mk []string
	for _, x := range og.Grid.Markups {
		mk = append(mk, fmt.Sprintf("%g %%", units.PercentOf(x)))
	}
	t.Notes = append(t.Notes, fmt.Sprintf("Grid: markups %s over expected cost (midpoint of the cost range); terms: the case's loan or %g × its rate, the concession (grant-element rise at %g %% × amount lent) borne by the exporter. Profits in price units; %s equilibria, exact. \"infragame game from-case\" writes the game.",
		strings.Join(mk, ", "), og.Grid.SoftRate, units.PercentOf(og.Grid.Discount), sol.Method))
	return t
}
