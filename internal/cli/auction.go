package cli

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/infragame/infragame/auction"
	"github.com/infragame/infragame/publish"
	"github.com/infragame/infragame/report"
	"github.com/infragame/infragame/report/i18n"
)

func (a *App) auctionCmd() *cobra.Command {
	c := &cobra.Command{
		Use:   "auction",
		Short: "First-price and scoring auctions with asymmetric bidders",
		Long: `Bayes–Nash equilibria of first-price sealed-bid auctions with independent
private types: value form (highest bid wins), procurement form (lowest price
wins, types are costs) and first-score auctions (form: scoring). See
docs/auction.md for the file format and the JSON fields.`,
	}
	a.addSubcommands(c, subcommand{"solve", a.auctionSolveCmd}, subcommand{"bid", a.auctionBidCmd})
	return c
}

func (a *App) readAuctionSpec(path string) (*auction.Spec, error) {
	b, err := a.readInput(path)
	if err != nil {
		return nil, err
	}
	return auction.ParseSpec(path, b)
}

func (a *App) auctionSolveCmd() *cobra.Command {
	var verify, numerical bool
	var seed uint64
	var draws, grid int
	var ff figureFlags
	c := &cobra.Command{
		Use:   "solve FILE.yaml",
		Short: "Solve the equilibrium: bids, win probabilities, profits, revenue",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := a.Format()
			if err != nil {
				return err
			}
			sp, err := a.readAuctionSpec(args[0])
			if err != nil {
				return err
			}
			if grid < 0 || grid > auction.MaxGridPoints {
				return usagef("--grid %d: want 1 to %d types per bidder (0: the file's grid or 11)", grid, auction.MaxGridPoints)
			}
			if draws < 1 || draws > auction.MaxDraws {
				return usagef("--draws %d: want 1 to %d", draws, auction.MaxDraws)
			}
			res, err := auction.SolveSpec(cmd.Context(), sp, auction.SpecOptions{GridPoints: grid, Numerical: numerical, Verify: verify, Seed: seed, Draws: draws})
			if err != nil {
				return err
			}
			var tables []*report.Table
			if res.Scoring != nil {
				if err := ff.draw(cmd, func(l i18n.Lang) (report.Chart, error) { return publish.BidChart(l, res.Scoring.Pseudo), nil }); err != nil {
					return err
				}
				tables = scoringTables(res.Scoring)
			} else {
				if err := ff.draw(cmd, func(l i18n.Lang) (report.Chart, error) { return publish.BidChart(l, res.Result), nil }); err != nil {
					return err
				}
				tables = auctionTables(res.Result)
			}
			if res.Verification != nil {
				tables = append(tables, verifyTables(res.Verification)...)
			}
			if err := report.Write(a.Out, f, res, tables...); err != nil {
				return err
			}
			return verifyErr(res.Verification)
		},
	}
	fl := c.Flags()
	fl.BoolVar(&verify, "verify", false, "run the best-response check and a Monte Carlo simulation; exit 1 if either fails")
	fl.BoolVar(&numerical, "numerical", false, "use the numerical solver even where a closed form exists")
	fl.Uint64Var(&seed, "seed", 1, "seed of the Monte Carlo simulation (with --verify)")
	fl.IntVar(&draws, "draws", 50000, "number of simulated auctions (with --verify)")
	fl.IntVar(&grid, "grid", 0, "number of types per bidder in the bid table (default: file's grid or 11)")
	ff.register(c, "the bid functions (pseudo-type bids for scoring auctions)")
	ff.registerLang(c)
	return c
}

func verifyErr(v *auction.Verification) error {
	if v != nil && !v.Passed {
		return fmt.Errorf("verification failed: max deviation gain %.3g (tolerance %g) or a Monte Carlo estimate beyond 3 standard errors", v.MaxDeviationGain, auction.DeviationTolerance)
	}
	return nil
}

// quantityUnit is the unit of a column whose rows are named quantities:
// prices and profits in the file's units, probabilities from 0 to 1.
const quantityUnit = "units of quantity: price units or probability"

func auctionTables(r *auction.Result) []*report.Table {
	typeWord, bidWord := "value", "bid"
	if r.Form == auction.Procurement {
		typeWord, bidWord = "cost", "price"
	}
	sum := &report.Table{Title: fmt.Sprintf("First-price auction, %s form (%s)", r.Form, r.Method), Columns: []string{"quantity", "first_price", "second_price"}}
	sum.AddRow("top_bid", r.TopBid, "")
	sum.AddRow("lowest_winning_bid", r.LowestWinningBid, "")
	sum.AddRow("revenue", r.Revenue, r.SecondPrice.Revenue)
	sum.AddRow("expected_price", r.ExpectedPrice, r.SecondPrice.ExpectedPrice)
	sum.AddRow("no_sale_probability", r.NoSaleProbability, r.SecondPrice.NoSaleProbability)
	sum.AddRow("efficiency_loss", r.EfficiencyLoss, 0.0)
	if r.Form == auction.Procurement {
		sum.Notes = append(sum.Notes, "Procurement: types are costs, bids are prices; revenue is the buyer's expected payment.")
	}
	bt := &report.Table{Title: "Bidders", Columns: []string{"name", "win_probability", "expected_profit", "can_win", "second_price_win_probability", "second_price_expected_profit"}}
	for i, b := range r.Bidders {
		sp := r.SecondPrice.Bidders[i]
		bt.AddRow(b.Name, b.WinProbability, b.ExpectedProfit, b.CanWin, sp.WinProbability, sp.ExpectedProfit)
	}
	sum.SetUnit(quantityUnit, "first_price", "second_price")
	bt.SetUnit(report.UnitPriceUnits, "expected_profit", "second_price_expected_profit")
	tables := []*report.Table{sum, bt}
	for _, b := range r.Bidders {
		t := &report.Table{Title: "Bid function of " + b.Name, Columns: []string{typeWord, bidWord}, SheetUnits: []string{report.UnitPriceUnits, report.UnitPriceUnits}}
		for _, p := range b.Bids {
			t.AddRow(p.Type, p.Bid)
		}
		tables = append(tables, t)
	}
	return tables
}

func scoringTables(r *auction.ScoringResult) []*report.Table {
	sum := &report.Table{Title: "First-score auction (" + r.Method + ")", Columns: []string{"quantity", "value"}}
	sum.AddRow("top_score", r.TopScore)
	sum.AddRow("lowest_winning_score", r.LowestWinningScore)
	sum.AddRow("expected_score", r.ExpectedScore)
	sum.AddRow("expected_price", r.ExpectedPrice)
	sum.AddRow("expected_quality", r.ExpectedQuality)
	sum.AddRow("no_sale_probability", r.NoSaleProbability)
	sum.AddRow("efficiency_loss", r.EfficiencyLoss)
	bt := &report.Table{Title: "Bidders", Columns: []string{"name", "price_weight", "win_probability", "expected_profit", "can_win"}}
	for _, b := range r.Bidders {
		bt.AddRow(b.Name, b.PriceWeight, b.WinProbability, b.ExpectedProfit, b.CanWin)
	}
	sum.SetUnit(quantityUnit, "value")
	bt.SetUnit(report.UnitPriceUnits, "expected_profit")
	bt.SetUnit("score per price unit", "price_weight")
	tables := []*report.Table{sum, bt}
	for _, b := range r.Bidders {
		t := &report.Table{Title: "Offers of " + b.Name, Columns: []string{"type", "quality", "pseudotype", "score", "price"},
			SheetUnits: []string{"cost type", "quality units", report.UnitPriceUnits, "score units", report.UnitPriceUnits}}
		for _, o := range b.Offers {
			t.AddRow(o.Type, o.Quality, o.Pseudotype, o.Score, o.Price)
		}
		tables = append(tables, t)
	}
	return tables
}

func verifyTables(v *auction.Verification) []*report.Table {
	t := &report.Table{Title: "Verification", Columns: []string{"check", "value", "tolerance", "passed"}}
	t.AddRow("max_deviation_gain", v.MaxDeviationGain, auction.DeviationTolerance, v.MaxDeviationGain <= auction.DeviationTolerance)
	mc := &report.Table{Title: fmt.Sprintf("Monte Carlo (seed %d, %d draws)", v.Seed, v.Draws), Columns: []string{"quantity", "exact", "estimate", "std_err", "z"}}
	for _, c := range v.MonteCarlo {
		mc.AddRow(c.Quantity, c.Exact, c.Estimate, c.StdErr, c.Z)
	}
	t.SetUnit(report.UnitPriceUnits, "value", "tolerance")
	mc.SetUnit(quantityUnit, "exact", "estimate", "std_err")
	mc.SetUnit("standard errors", "z")
	t.Notes = append(t.Notes, fmt.Sprintf("passed: %v (no deviation gain above %g, every |z| ≤ 3)", v.Passed, auction.DeviationTolerance))
	return []*report.Table{t, mc}
}

func (a *App) auctionBidCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "bid FILE.yaml BIDDER TYPE",
		Short: "Print the equilibrium bid (price) of BIDDER at value or cost TYPE; the bid is the last number printed",
		Long: `Print the equilibrium bid of one bidder at one type. BIDDER is a name from
the file or a 1-based index. TYPE is a value (value form), a cost (procurement
form) or the cost type θ (scoring form, which prints quality, score and price).
The last number on the output is the bid (the price in procurement and scoring).`,
		Args: cobra.ExactArgs(3),
		RunE: func(cmd *cobra.Command, args []string) error {
			sp, err := a.readAuctionSpec(args[0])
			if err != nil {
				return err
			}
			t, err := strconv.ParseFloat(args[2], 64)
			if err != nil {
				return usagef("TYPE %q is not a number", args[2])
			}
			idx, err := sp.BidderIndex(args[1])
			if err != nil {
				return usagef("no bidder %q (bidders: %v)", args[1], sp.BidderNames())
			}
			f, err := a.Format()
			if err != nil {
				return err
			}
			doc, err := auction.QuoteBid(cmd.Context(), sp, idx, t)
			if errors.Is(err, auction.ErrOutsideSupport) {
				lo, hi := sp.TypeDist(idx).Support()
				return usagef("TYPE %s is outside %s's support [%s, %s]: the equilibrium bid is defined only there",
					args[2], sp.BidderNames()[idx], strconv.FormatFloat(lo, 'g', -1, 64), strconv.FormatFloat(hi, 'g', -1, 64))
			}
			if err != nil {
				return err
			}
			switch f {
			case report.FormatJSON:
				return report.WriteJSON(a.Out, doc)
			case report.FormatCSV:
				tb := &report.Table{Columns: []string{"bidder", "type_kind", "type", "quality", "score", "bid"}}
				tb.Rows = append(tb.Rows, []string{doc.Bidder, doc.TypeKind, full(doc.Type), optFull(doc.Quality), optFull(doc.Score), full(doc.Bid)})
				return report.WriteCSV(a.Out, tb)
			case report.FormatXLSX:
				tb := &report.Table{Title: "Equilibrium bid", Columns: []string{"bidder", "type_kind", "type", "quality", "score", "bid"},
					SheetUnits: []string{"", "", "units of type_kind", "quality units", "score units", report.UnitPriceUnits}}
				tb.AddRow(doc.Bidder, doc.TypeKind, doc.Type, doc.Quality, doc.Score, doc.Bid)
				return report.Write(a.Out, f, doc, tb)
			}
			if doc.Quality != nil {
				_, err = fmt.Fprintf(a.Out, "%s type %s quality %s score %s price %s\n", doc.Bidder,
					strconv.FormatFloat(t, 'g', -1, 64), strconv.FormatFloat(*doc.Quality, 'g', 12, 64),
					strconv.FormatFloat(*doc.Score, 'g', 12, 64), strconv.FormatFloat(doc.Bid, 'g', 12, 64))
				return err
			}
			_, err = fmt.Fprintf(a.Out, "%s %s %s bid %s\n", doc.Bidder, doc.TypeKind,
				strconv.FormatFloat(t, 'g', -1, 64), strconv.FormatFloat(doc.Bid, 'g', 12, 64))
			return err
		},
	}
}

// full formats x with full precision for CSV.
func full(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }

func optFull(x *float64) string {
	if x == nil {
		return ""
	}
	return full(*x)
}
