package cli

import (
	"slices"
	"strings"

	"github.com/spf13/cobra"
)

// A flagRule says when a flag of a command applies. A flag given where it
// does not apply would be accepted and silently ignored; checkFlagRules
// refuses it instead (a usage error, exit 2) with the reason, before the
// command runs. Flags whose relevance depends on the input's content (the
// design of a sweep) are checked by their command.
type flagRule struct {
	cmd, flag string // command path without "infragame", flag name
	// applies reports whether the flag has an effect in this invocation.
	applies func(c *cobra.Command, args []string) bool
	// why completes "--flag applies …": when it applies.
	why string
}

// given: one of the flags was set.
func given(names ...string) func(*cobra.Command, []string) bool {
	return func(c *cobra.Command, _ []string) bool {
		return slices.ContainsFunc(names, c.Flags().Changed)
	}
}

// valueIn: flag's value (its default when not set) is one of values;
// "all" and comma lists count as naming every method they contain.
func valueIn(flag string, values ...string) func(*cobra.Command, []string) bool {
	return func(c *cobra.Command, _ []string) bool {
		f := c.Flags().Lookup(flag)
		if f == nil {
			return true
		}
		for _, v := range strings.Split(f.Value.String(), ",") {
			if slices.Contains(values, strings.ToLower(strings.TrimSpace(v))) {
				return true
			}
		}
		return false
	}
}

// not negates a condition.
func not(cond func(*cobra.Command, []string) bool) func(*cobra.Command, []string) bool {
	return func(c *cobra.Command, args []string) bool { return !cond(c, args) }
}

// both: every condition holds.
func both(conds ...func(*cobra.Command, []string) bool) func(*cobra.Command, []string) bool {
	return func(c *cobra.Command, args []string) bool {
		for _, cond := range conds {
			if !cond(c, args) {
				return false
			}
		}
		return true
	}
}

// firstArg: the first argument is one of values.
func firstArg(values ...string) func(*cobra.Command, []string) bool {
	return func(_ *cobra.Command, args []string) bool {
		return len(args) > 0 && slices.Contains(values, strings.ToLower(args[0]))
	}
}

// efgInput: the game is an extensive form (a .efg file, or standard input,
// which may hold either form).
func efgInput(_ *cobra.Command, args []string) bool {
	return len(args) > 0 && (args[0] == "-" || strings.HasSuffix(strings.ToLower(args[0]), ".efg"))
}

// nfgInput: the game is a normal form (not a .efg file).
func nfgInput(_ *cobra.Command, args []string) bool {
	return len(args) == 0 || !strings.HasSuffix(strings.ToLower(args[0]), ".efg")
}

func never(*cobra.Command, []string) bool { return false }

// notOnlyAidData: --method names a method other than aiddata (or all),
// which uses the full loan terms; aiddata uses rate, maturity and grace.
var notOnlyAidData = func(c *cobra.Command, _ []string) bool {
	f := c.Flags().Lookup("method")
	for _, v := range strings.Split(f.Value.String(), ",") {
		if v := strings.ToLower(strings.TrimSpace(v)); v != "" && v != "aiddata" {
			return true
		}
	}
	return false
}

var chartGiven = given("svg", "png")

// flagRules lists the flags of the command at path (without "infragame")
// that apply only in some invocations. The flag-effect test
// (flags_effect_test.go) checks that each flag either changes the result or
// is refused here. The rules (closures) of one command are built when that
// command is given a flag, not all of them in the package's initialiser
// before every command.
func flagRules(path string) []flagRule {
	switch path {
	case "auction solve":
		return []flagRule{
			{"auction solve", "draws", given("verify"), "with --verify only (the draws of its Monte Carlo simulation)"},
			{"auction solve", "seed", given("verify"), "with --verify only (the seed of its Monte Carlo simulation)"},
		}
	case "brief":
		return []flagRule{
			{"brief", "chart", chartGiven, "with --svg or --png only (it picks the chart they draw)"},
		}
	case "data export":
		return []flagRule{
			{"data export", "out", valueIn("format", "csv"), "with --format csv only (one CSV file per kind)"},
		}
	case "data list":
		return []flagRule{
			{"data list", "topic", firstArg("fact", "facts"), "to facts only: infragame data list fact --topic …"},
		}
	case "finance ge":
		return append([]flagRule{
			{"finance ge", "income-group", valueIn("method", "dac2018", "all"), "to --method dac2018 only (or all)"},
			{"finance ge", "spread", given("reference-path"), "to floating loans only (with --reference-path)"},
			{"finance ge", "rate", not(given("reference-path")), "to fixed-rate loans only: a floating loan's rate is --reference-path plus --spread"},
		}, aidDataRules(path)...)
	case "finance schedule":
		return []flagRule{
			{"finance schedule", "spread", given("reference-path"), "to floating loans only (with --reference-path)"},
			{"finance schedule", "rate", not(given("reference-path")), "to fixed-rate loans only: a floating loan's rate is --reference-path plus --spread"},
		}
	case "finance surface":
		return append([]flagRule{
			{"finance surface", "income-group", valueIn("method", "dac2018"), "to --method dac2018 only"},
			{"finance surface", "grace", valueIn("axis", "maturity"), "with --axis maturity only: on the grace axis the surface varies it over --y"},
			{"finance surface", "maturity", not(valueIn("axis", "maturity")), "with --axis grace only: on the maturity axis the surface varies it over --y"},
			{"finance surface", "rate", never, "nowhere in a surface: it varies the rate over --rates"},
			{"finance surface", "reference-path", never, "nowhere in a surface: it varies a fixed rate over --rates"},
			{"finance surface", "spread", never, "nowhere in a surface: it varies a fixed rate over --rates"},
			{"finance surface", "shares", never, "nowhere in a surface: custom shares fit one number of repayments, and the surface varies it"},
		}, aidDataRules(path)...)
	case "game from-case":
		return []flagRule{
			{"game from-case", "leader", valueIn("form", "efg"), "with --form efg only (who offers first in the sequential game)"},
		}
	case "game random":
		return []flagRule{
			{"game random", "levels", valueIn("class", "degenerate"), "with --class degenerate only"},
			{"game random", "rho", valueIn("class", "covariance"), "with --class covariance only"},
		}
	case "game solve":
		return []flagRule{
			{"game solve", "all", both(efgInput, not(valueIn("format", "json", "gambit"))), "to the tables of .efg games only (JSON has every information set)"},
			{"game solve", "starts", efgInput, "to .efg games only (seqform)"},
			{"game solve", "decimals", both(nfgInput, valueIn("format", "gambit")), "with --format gambit only, to .nfg games"},
			{"game solve", "elim", nfgInput, "to .nfg games only"},
			{"game solve", "exact-pivoting", both(nfgInput, valueIn("method", "lcp")), "with --method lcp only, to .nfg games"},
			{"game solve", "label", both(nfgInput, valueIn("method", "lcp")), "with --method lcp only, to .nfg games"},
			{"game solve", "max-pivots", both(nfgInput, valueIn("method", "lcp")), "with --method lcp only, to .nfg games"},
			{"game solve", "recursive", both(nfgInput, valueIn("method", "lcp")), "with --method lcp only, to .nfg games"},
			{"game solve", "max-equilibria", both(nfgInput, valueIn("method", "enummixed")), "with --method enummixed only, to .nfg games"},
			{"game solve", "workers", both(nfgInput, valueIn("method", "enummixed")), "with --method enummixed only, to .nfg games"},
			{"game solve", "max-lambda", both(nfgInput, valueIn("method", "logit")), "with --method logit only, to .nfg games"},
			{"game solve", "max-iter", both(nfgInput, valueIn("method", "replicator", "fp")), "with --method replicator or fp only, to .nfg games"},
			{"game solve", "path", both(nfgInput, valueIn("method", "logit", "simpdiv", "replicator", "fp")), "with --method logit, simpdiv, replicator or fp only, to .nfg games"},
			{"game solve", "tol", both(nfgInput, valueIn("method", "lp", "logit", "simpdiv", "replicator", "fp")), "with the non-exact methods only (lp, logit, simpdiv, replicator, fp), to .nfg games"},
		}
	case "lcc run":
		return []flagRule{
			{"lcc run", "max-runs", given("runs"), "with --runs only (the largest --runs accepted)"},
			{"lcc run", "seed", given("runs"), "with --runs only (the seed of the Monte Carlo runs)"},
		}
	case "sim calibrate":
		return []flagRule{
			{"sim calibrate", "evals", given("estimate"), "with --estimate only"},
		}
	case "sim run":
		return []flagRule{
			{"sim run", "chart", chartGiven, "with --svg or --png only (it picks the chart they draw)"},
			{"sim run", "exporter", both(chartGiven, valueIn("chart", "fan", "hist")), "with --chart fan or hist and --svg or --png only"},
			{"sim run", "rows-format", given("rows"), "with --rows only"},
			{"sim run", "years", not(valueIn("format", "json")), "to the summary tables only (table, csv, xlsx); JSON carries every year"},
		}
	case "sweep slurm":
		return []flagRule{
			{"sweep slurm", "wait", given("submit"), "with --submit only"},
		}
	case "tender breakeven":
		return []flagRule{
			{"tender breakeven", "offer", given("target-prob"), "with --target-prob only (the offer whose choice probability it targets)"},
		}
	case "tender evaluate":
		return []flagRule{
			{"tender evaluate", "max-runs", given("runs"), "with --runs only (the largest --runs accepted)"},
		}
	}
	return nil
}

// aidDataRules: AidData's convention (semi-annual equal principal, first
// repayment at the end of grace, no fees, all disbursed at commitment) uses
// only the rate, maturity and grace, so the other terms need another method
// (rules of "finance ge" and "finance surface").
func aidDataRules(cmd string) []flagRule {
	var rs []flagRule
	for _, fl := range []string{"payments-per-year", "profile", "first-at-grace-end", "front-end-fee", "commitment-fee", "disbursement", "shares"} {
		rs = append(rs, flagRule{cmd, fl, notOnlyAidData, "to methods other than aiddata, whose convention fixes these terms (semi-annual equal principal, repayments from the end of grace, no fees, all disbursed at commitment)"})
	}
	return rs
}

// formatless lists the commands whose output is a file or a message, not
// records: --format (other than table) and the CSV flags do not apply.
var formatless = map[string]string{
	"data import":        "a summary of the import",
	"data remove-import": "a summary of the removal",
	"data validate":      "the problems found",
	"game convert":       "a Gambit game file",
	"game random":        "a Gambit game file (or lrsnash input)",
	"lcc migrate":        "the migrated study file",
	"tender migrate":     "the migrated tender file",
	"report brief":       "an HTML report",
	"report case":        "an HTML report",
	"report finance":     "an HTML report",
	"report sim":         "an HTML report",
	"report sweep":       "an HTML report",
	"serve":              "web pages and a JSON API",
	"sweep merge":        "the merged result file",
	"sweep run":          "shard files",
	"sweep slurm":        "Slurm job scripts",
}

// noOutputFile lists the formatless commands that print a message only (or
// write where their own flags say): -o/--output does not apply.
var noOutputFile = map[string]bool{
	"data import": true, "data remove-import": true, "data validate": true,
	"sweep run": true, "sweep slurm": true, "serve": true,
}

// checkFlagRules refuses a flag given where it does not apply (flagRules),
// output-format flags of a command that prints no records (formatless), and
// --lang of a command that draws a chart when no chart is asked for.
func checkFlagRules(c *cobra.Command, args []string) error {
	path := strings.TrimPrefix(c.CommandPath(), "infragame ")
	if what, ok := formatless[path]; ok {
		if noOutputFile[path] && c.Flags().Changed("output") {
			return usagef("%s writes %s: -o/--output does not apply", c.CommandPath(), what)
		}
		for _, fl := range []string{"format", "table", "csv-dir", "bom"} {
			if f := c.Flags().Lookup(fl); f != nil && f.Changed && !(fl == "format" && strings.EqualFold(f.Value.String(), "table")) {
				return usagef("%s writes %s, not records: --%s does not apply", c.CommandPath(), what, fl)
			}
		}
	}
	if c.Flags().NFlag() == 0 {
		return nil // no flag given: no rule can refuse one
	}
	for _, r := range flagRules(path) {
		if r.cmd == path && c.Flags().Changed(r.flag) && !r.applies(c, args) {
			return usagef("%s: --%s applies %s; without that it would be ignored", c.CommandPath(), r.flag, r.why)
		}
	}
	// --lang labels the chart of --svg/--png (report commands: the report).
	if c.Flags().Lookup("png") != nil && c.Flags().Changed("lang") && !chartGiven(c, args) {
		return usagef("%s: --lang sets the language of the chart's labels: it applies with --svg or --png only; without them it would be ignored", c.CommandPath())
	}
	return nil
}
