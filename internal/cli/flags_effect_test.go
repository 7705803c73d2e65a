package cli_test

import (
	"bytes"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/infragame/infragame/internal/cli"
	"github.com/infragame/infragame/internal/cli/fullcmd"
	"github.com/infragame/infragame/internal/testutil"
)

// The flag-effect test: every flag of every command is honoured or refused.
// For each flag, the command runs on a representative valid input twice, as
// given (the base) and with the flag set to a changed, valid value; then
//
//   - changes: the result differs (stdout, the exit code, and the files the
//     case names);
//   - refused: the flag does not apply to this input: a usage error (exit 2)
//     and a message that names the flag and says why;
//   - fails: the flag is honoured and the run fails because of it (a limit
//     reached, another sweep's plan, no Slurm cluster): a non-zero exit and
//     the message given;
//   - same: the flag is allowed to leave the result as it is, for the reason
//     given next to it in the table (an output path, a worker count, a
//     recorded attribute); the case checks the side effect where there is
//     one, and fails if the result does change (the entry would be stale).
//
// Every local flag of every leaf command and every global flag needs an
// entry: a flag added without one fails the test, as does an entry whose
// flag no longer exists.

type flagOutcome int

const (
	changes flagOutcome = iota
	refused
	same
	fails
)

// flagCase is one run of a flag against a base invocation.
type flagCase struct {
	args []string // added after the base: the flag and its changed value
	base []string // replaces the command's base invocation (flagBases)
	want flagOutcome
	why  string // same: why; refused, fails: a fragment of the error
	// files are part of the result: read after each run (and removed
	// before it).
	files []string
	// check inspects the side effect of the changed run.
	check func(t *testing.T)
	// fresh runs both invocations on a new, empty store each.
	fresh bool
	// baseFails: the base invocation fails without the flag (the flag is
	// what makes the input valid), and the changed one must succeed.
	baseFails bool
	// env is set for both runs.
	env map[string]string
	// alone: the base is not run (serve runs until stopped); the changed
	// invocation must be refused or fail.
	alone bool
}

// chg expects args to change the result of the command's base invocation.
func chg(args ...string) flagCase { return flagCase{args: args} }

// chgOn expects args to change the result of base.
func chgOn(base []string, args ...string) flagCase { return flagCase{args: args, base: base} }

// refuse expects args to be refused on the base invocation; msg is a
// fragment of the error besides the flag's name.
func refuse(msg string, args ...string) flagCase {
	return flagCase{args: args, want: refused, why: msg}
}

// failing expects args to be honoured and to make the run fail with msg.
func failing(msg string, args ...string) flagCase {
	return flagCase{args: args, want: fails, why: msg}
}

// keep allow-lists args: the result stays the same, for the reason why.
func keep(why string, args ...string) flagCase { return flagCase{args: args, want: same, why: why} }

// on returns fc with a different base.
func (fc flagCase) on(base ...string) flagCase { fc.base = base; return fc }

// reading returns fc with files that are part of the result.
func (fc flagCase) reading(files ...string) flagCase { fc.files = files; return fc }

// checking returns fc with a check of the side effect.
func (fc flagCase) checking(f func(t *testing.T)) flagCase { fc.check = f; return fc }

// The base invocations: one valid input per command (those of
// goldenCommands where they fit), in JSON where the command has records.
var flagBases = map[string][]string{
	"auction solve":    {"--format", "json", "auction", "solve", "examples/auction/issue.yaml"},
	"brief":            {"--format", "json", "brief"},
	"contest analyze":  {"--format", "json", "contest", "analyze", "case:jakarta-bandung-2015"},
	"contest map":      {"--format", "json", "contest", "map", "case:jakarta-bandung-2015", "--synergies", "0,10", "--powers", "0,50,100"},
	"data export":      {"--format", "json", "data", "export", "--kind", "project"},
	"data import":      {"data", "import", "--dry-run", "examples/data/my-projects.yaml"},
	"data list":        {"--format", "json", "data", "list", "project"},
	"data search":      {"--format", "json", "data", "search", "9.26", "trillion"},
	"data validate":    {"data", "validate", "examples/data/my-projects.yaml"},
	"finance compare":  {"--format", "json", "finance", "compare", "examples/finance/jakarta-bandung.yaml"},
	"finance fx":       {"--format", "json", "finance", "fx"},
	"finance ge":       {"--format", "json", "finance", "ge", "--rate", "2", "--maturity", "20", "--grace", "5"},
	"finance schedule": {"--format", "json", "finance", "schedule", "--principal", "100", "--rate", "2", "--maturity", "10", "--grace", "2"},
	"finance surface":  {"--format", "json", "finance", "surface", "--rates", "0:2:1", "--y", "0:10:5", "--maturity", "30"},
	"game check":       {"--format", "json", "game", "check", "examples/game/bos.nfg", "2/3,1/3,1/3,2/3"},
	"game convert":     {"game", "convert", "examples/game/entry.efg", "--to", "nfg"},
	"game dominance":   {"--format", "json", "game", "dominance", "examples/game/rps.nfg"},
	"game from-case":   {"game", "from-case", "case:jakarta-bandung-2015"},
	"game random":      {"game", "random", "--strategies", "3x3", "--seed", "1"},
	"game solve":       {"--format", "json", "game", "solve", "examples/game/bos.nfg"},
	"lcc run":          {"--format", "json", "lcc", "run", "examples/lcc/hsr_two_offers.yaml"},
	"report brief":     {"report", "brief", "-o", "r.html"},
	"report case":      {"report", "case", "case:jakarta-bandung-2015", "--breakevens", "1", "-o", "r.html"},
	"report finance":   {"report", "finance", "examples/finance/jakarta-bandung.yaml", "-o", "r.html"},
	"report sim":       {"report", "sim", "baseline", "--runs", "5", "-o", "r.html"},
	"report sweep":     {"report", "sweep", "fe-is.csv", "-o", "r.html"},
	"sim calibrate":    {"--format", "json", "sim", "calibrate", "--runs", "5"},
	"sim compare":      {"--format", "json", "sim", "compare", "baseline", "price-war", "--runs", "5"},
	"sim run":          {"--format", "json", "sim", "run", "baseline", "--runs", "5"},
	"sweep analyze":    {"--format", "json", "sweep", "analyze", "fe-is.csv"},
	"sweep merge":      {"sweep", "merge", "fe-sm", "-o", "fe-m.csv"},
	"sweep run":        {"sweep", "run", "examples/sweep/sim_morris.yaml", "--out", "sr"},
	"sweep slurm":      {"sweep", "slurm", "examples/sweep/contest_grid.yaml", "--array", "2", "--out", "cgs"},
	"tender backtest":  {"--format", "json", "tender", "backtest"},
	"tender breakeven": {"--format", "json", "tender", "breakeven", "case:jakarta-bandung-2015", "--param", "host.shadow_price", "--min", "0", "--max", "3"},
	"tender evaluate":  {"--format", "json", "tender", "evaluate", "case:jakarta-bandung-2015"},
	"tender map":       {"--format", "json", "tender", "map", "case:jakarta-bandung-2015", "--x", "host.shadow_price", "--y", "host.discount_rate", "--nx", "3", "--ny", "3"},
	"tender tornado":   {"--format", "json", "tender", "tornado", "case:jakarta-bandung-2015", "--pct", "20"},
	// the global flags, unless their case says otherwise
	"infragame": {"--format", "json", "finance", "ge", "--rate", "2", "--maturity", "20", "--grace", "5"},
}

// Reasons shared by many entries.
const (
	whyFile    = "output path: the result goes to the file (checked), the printed result is the same"
	whyWorkers = "determinism: same result with any worker count"
)

func isSVG(path string) func(t *testing.T) {
	return func(t *testing.T) {
		t.Helper()
		b, err := os.ReadFile(path)
		if err != nil || !bytes.Contains(b[:min(len(b), 200)], []byte("<svg")) {
			t.Errorf("%s: not an SVG file (%v)", path, err)
		}
	}
}

func isPNG(path string) func(t *testing.T) {
	return func(t *testing.T) {
		t.Helper()
		b, err := os.ReadFile(path)
		if err != nil || !bytes.HasPrefix(b, []byte("\x89PNG")) {
			t.Errorf("%s: not a PNG file (%v)", path, err)
		}
	}
}

func isFile(path, fragment string) func(t *testing.T) {
	return func(t *testing.T) {
		t.Helper()
		b, err := os.ReadFile(path)
		if err != nil || !bytes.Contains(b, []byte(fragment)) {
			t.Errorf("%s: missing or without %q (%v)", path, fragment, err)
		}
	}
}

// figure gives the --svg and --png cases of a command that draws a chart
// and, with lang, the --lang cases: it changes the chart, and is refused
// without one.
func figure(cases map[string][]flagCase, cmd string, lang bool) {
	cases[cmd+" --svg"] = []flagCase{keep(whyFile, "--svg", "fe.svg").checking(isSVG("fe.svg"))}
	cases[cmd+" --png"] = []flagCase{keep(whyFile, "--png", "fe.png").checking(isPNG("fe.png"))}
	if lang {
		base := append(slices.Clone(flagBases[cmd]), "--svg", "fe.svg")
		cases[cmd+" --lang"] = []flagCase{
			chgOn(base, "--lang", "zh").reading("fe.svg"),
			refuse("--svg or --png", "--lang", "zh"),
		}
	}
}

func flagCases() map[string][]flagCase {
	c := map[string][]flagCase{}
	add := func(key string, cases ...flagCase) {
		if _, dup := c[key]; dup {
			panic("duplicate flag case " + key)
		}
		c[key] = cases
	}
	withBase := func(cmd string, extra ...string) []string {
		return append(slices.Clone(flagBases[cmd]), extra...)
	}

	// auction solve
	figure(c, "auction solve", true)
	verify := withBase("auction solve", "--verify", "--draws", "2000")
	add("auction solve --draws", chgOn(verify, "--draws", "3000"), refuse("--verify", "--draws", "3000"))
	add("auction solve --seed", chgOn(verify, "--seed", "2"), refuse("--verify", "--seed", "2"))
	add("auction solve --grid", chg("--grid", "5"))
	add("auction solve --numerical", chgOn([]string{"--format", "json", "auction", "solve", "examples/auction/procurement.yaml"}, "--numerical"))
	add("auction solve --verify", chg("--verify", "--draws", "2000"))

	// brief
	figure(c, "brief", true)
	add("brief --chart", chgOn(withBase("brief", "--svg", "fe.svg"), "--chart", "sectors").reading("fe.svg"),
		refuse("--svg or --png", "--chart", "sectors"))

	// contest
	figure(c, "contest analyze", false)
	add("contest analyze --civil-share", chg("--civil-share", "50"))
	add("contest analyze --host-power", chg("--host-power", "90"))
	add("contest analyze --synergy", chg("--synergy", "20"))
	add("contest analyze --seed", chg("--seed", "2"))
	add("contest analyze --verify", chg("--verify"))
	figure(c, "contest map", false)
	add("contest map --civil-share", chg("--civil-share", "50"))
	add("contest map --host-power", refuse("--powers", "--host-power", "90"))
	add("contest map --synergy", refuse("--synergies", "--synergy", "20"))
	add("contest map --powers", chg("--powers", "0,100"))
	add("contest map --synergies", chg("--synergies", "0,20"))

	// lcc migrate, tender migrate, sim migrate: --write rewrites the file in place
	// (TestMigrateWrite); on standard input it is refused.
	for _, cmd := range []string{"lcc", "tender", "sim"} {
		add(cmd+" migrate --write", flagCase{args: []string{"--write"}, base: []string{cmd, "migrate", "-"}, alone: true, want: refused, why: "not standard input"})
	}

	// data
	add("data export --kind", chg("--kind", "fact"))
	add("data export --out", chgOn([]string{"--format", "csv", "data", "export", "--kind", "project"}, "--out", "fe-export").
		checking(isFile("fe-export/projects.csv", "jakarta-bandung-hsr")),
		refuse("--format csv", "--out", "fe-export"))
	add("data import --dry-run", flagCase{args: []string{"--dry-run"}, base: []string{"data", "import", "examples/data/my-projects.yaml"}, fresh: true})
	for _, cmd := range []string{"data import", "data validate"} {
		words := strings.Fields(cmd)
		aid := append(slices.Clone(words), "dataset/testdata/aiddata-gcdf3-sample.csv")
		list := append(slices.Clone(words), "fe-list.yaml")
		if cmd == "data import" {
			aid = append(aid, "--dry-run")
			list = append(list, "--dry-run")
		}
		// Without --from aiddata the file cannot be read; without --kind
		// a plain list has no kind.
		add(cmd+" --from", flagCase{args: []string{"--from", "aiddata"}, base: aid, baseFails: true})
		add(cmd+" --kind", flagCase{args: []string{"--kind", "project"}, base: list, baseFails: true},
			failing("holds fact records only", "--kind", "fact"),
			refuse("--from aiddata", "--kind", "project").on(append(slices.Clone(aid), "--from", "aiddata")...))
	}
	add("data list --exporter", chg("--exporter", "JP"))
	add("data list --flagged", chg("--flagged"))
	add("data list --host", chg("--host", "ID"))
	add("data list --region", chg("--region", "africa"))
	add("data list --sector", chg("--sector", "hsr"))
	add("data list --sort", chg("--sort", "value"))
	add("data list --topic", chgOn([]string{"--format", "json", "data", "list", "fact"}, "--topic", "filp"),
		refuse("to facts only", "--topic", "filp"))
	add("data list --year", chg("--year", "2015"))
	add("data search --kind", chg("--kind", "project"))
	add("data search --limit", chgOn([]string{"--format", "json", "data", "search", "9.26"}, "--limit", "1"), refuse("number of hits", "--limit", "-1"))

	// finance
	figure(c, "finance compare", true)
	add("finance compare --call-probability", chg("--call-probability", "50"))
	add("finance compare --fx", chg("--fx", "fe-fx.csv"))
	add("finance compare --host-discount", chg("--host-discount", "5"))
	add("finance compare --income-group", chg("--income-group", "ldc"))
	add("finance compare --project", chgOn([]string{"--format", "json", "finance", "compare", "--project", "jakarta-bandung-hsr"}, "--host-discount", "5"),
		refuse("FILE.yaml or --project", "--project", "jakarta-bandung-hsr"))
	fx := []string{"--format", "json", "finance", "fx", "--amount", "100", "--from", "JPY", "--year", "2015"}
	add("finance fx --amount", chgOn(fx, "--amount", "200"))
	add("finance fx --from", chgOn(fx, "--from", "CNY"))
	add("finance fx --fx", chg("--fx", "fe-fx.csv"))
	add("finance fx --to", chgOn(fx, "--to", "CNY"))
	add("finance fx --year", chgOn(fx, "--year", "2014"))
	for _, cmd := range []string{"finance ge", "finance schedule", "finance surface"} {
		// aiddata's convention fixes every term but rate, maturity, grace.
		aid := func(fc flagCase) []flagCase {
			if cmd == "finance schedule" {
				return []flagCase{fc}
			}
			r := refuse("other than aiddata", fc.args...).on(withBase(cmd, "--method", "aiddata")...)
			return []flagCase{fc, r}
		}
		add(cmd+" --commitment-fee", aid(chgOn(withBase(cmd, "--disbursement", "50,50"), "--commitment-fee", "0.5"))...)
		add(cmd+" --disbursement", aid(chg("--disbursement", "50,50"))...)
		add(cmd+" --first-at-grace-end", aid(chg("--first-at-grace-end"))...)
		add(cmd+" --front-end-fee", aid(chg("--front-end-fee", "1"))...)
		mat := []flagCase{chg("--maturity", "25")}
		if cmd == "finance surface" {
			mat = append(mat, refuse("--axis grace", "--maturity", "25").on("--format", "json", "finance", "surface", "--rates", "0:2:1", "--axis", "maturity", "--y", "20:30:5"))
		}
		add(cmd+" --maturity", mat...)
		add(cmd+" --payments-per-year", aid(chg("--payments-per-year", "1"))...)
		add(cmd+" --profile", aid(chg("--profile", "annuity"))...)
	}
	// Custom repayment shares, percent: 30 repayments (20 years, 5 of
	// grace, semi-annual) for ge, 16 (10 years, 2 of grace) for schedule.
	pcts := func(groups ...any) string {
		var parts []string
		for i := 0; i < len(groups); i += 2 {
			for range groups[i].(int) {
				parts = append(parts, groups[i+1].(string))
			}
		}
		return strings.Join(parts, ",")
	}
	for cmd, sh := range map[string][2]string{
		"finance ge":       {pcts(10, "5", 20, "2.5"), pcts(20, "2.5", 10, "5")},
		"finance schedule": {pcts(16, "6.25"), pcts(8, "5", 8, "7.5")},
	} {
		floating := withBase(cmd)
		if i := slices.Index(floating, "--rate"); i >= 0 {
			floating = slices.Delete(floating, i, i+2)
		}
		add(cmd+" --reference-path", chgOn(floating, "--reference-path", "1,2"), refuse("fixed-rate loans only", "--reference-path", "1,2"))
		add(cmd+" --spread", chgOn(append(slices.Clone(floating), "--reference-path", "1,2"), "--spread", "0.5"), refuse("floating loans only", "--spread", "0.5"))
		shares := []flagCase{chgOn(withBase(cmd, "--profile", "custom", "--shares", sh[0]), "--shares", sh[1]), refuse("profile custom", "--shares", sh[1])}
		if cmd == "finance ge" {
			shares = append(shares, refuse("other than aiddata", "--shares", sh[1]).on(withBase(cmd, "--method", "aiddata")...))
		}
		add(cmd+" --shares", shares...)
	}
	add("finance surface --reference-path", refuse("--rates", "--reference-path", "1,2"))
	add("finance surface --spread", refuse("--rates", "--spread", "0.5"))
	add("finance surface --shares", refuse("number of repayments", "--shares", "50,50"))
	for _, cmd := range []string{"finance ge", "finance schedule"} {
		add(cmd+" --currency", chg("--currency", "JPY"))
		add(cmd+" --grace", chg("--grace", "3"))
		add(cmd+" --guarantee-required", chg("--guarantee-required"))
		add(cmd+" --principal", chg("--principal", "200"))
		add(cmd+" --rate", chg("--rate", "3"))
		add(cmd+" --tied", chg("--tied"))
	}
	add("finance ge --discount", chg("--discount", "7"), refuse("aiddata and user only", "--discount", "7").on(withBase("finance ge", "--method", "imf")...))
	add("finance ge --income-group", chg("--income-group", "ldc"), refuse("dac2018", "--income-group", "ldc").on(withBase("finance ge", "--method", "imf")...))
	add("finance ge --method", chg("--method", "imf"))
	figure(c, "finance schedule", true)
	add("finance schedule --discount", chg("--discount", "5"))
	figure(c, "finance surface", false)
	// On the grace axis --grace is refused; on the maturity axis it is the
	// fixed grace period.
	add("finance surface --axis", flagCase{args: []string{"--axis", "maturity"}, base: []string{"--format", "json", "finance", "surface", "--rates", "0:2:1", "--y", "20:30:5", "--grace", "5"}, baseFails: true})
	add("finance surface --discount", chgOn(withBase("finance surface", "--method", "aiddata"), "--discount", "7"),
		refuse("--method", "--discount", "7"))
	add("finance surface --grace", chgOn([]string{"--format", "json", "finance", "surface", "--rates", "0:2:1", "--axis", "maturity", "--y", "20:30:5"}, "--grace", "3"),
		refuse("--axis maturity", "--grace", "3"))
	add("finance surface --income-group", chgOn(withBase("finance surface", "--method", "dac2018", "--income-group", "lic"), "--income-group", "umic"),
		refuse("dac2018", "--income-group", "umic"))
	add("finance surface --method", chg("--method", "dac1972"))
	add("finance surface --rate", refuse("--rates", "--rate", "3"))
	add("finance surface --rates", chg("--rates", "1:3:1"))
	add("finance surface --y", chg("--y", "0:10:2"))

	// game
	add("game check --tol", chgOn([]string{"--format", "json", "game", "check", "examples/game/bos.nfg", "0.66,0.34,0.33,0.67"}, "--tol", "0.1"))
	add("game convert --to", chg("--to", "efg"))
	add("game convert --output", chg("--output", "fe.nfg").checking(isFile("fe.nfg", "NFG 1")))
	add("game dominance --output", keep(whyFile, "--output", "fe.nfg").checking(isFile("fe.nfg", "NFG 1")))
	add("game dominance --pure", chgOn([]string{"--format", "json", "game", "dominance", "fe-mixdom.nfg"}, "--pure"))
	add("game from-case --form", chg("--form", "efg"))
	add("game from-case --host", chg("--host", "winner"))
	add("game from-case --leader", chgOn([]string{"game", "from-case", "case:jakarta-bandung-2015", "--form", "efg"}, "--leader", "china"),
		refuse("--form efg", "--leader", "china"))
	add("game from-case --markups", chg("--markups", "0,30"))
	add("game from-case --output", chg("--output", "fe.nfg").checking(isFile("fe.nfg", "NFG 1")))
	add("game from-case --soft-rate", chg("--soft-rate", "25"))
	add("game random --class", chg("--class", "zerosum"))
	add("game random --hi", chg("--hi", "50"))
	add("game random --levels", chgOn([]string{"game", "random", "--class", "degenerate"}, "--levels", "2"),
		refuse("--class degenerate", "--levels", "2"))
	add("game random --lo", chg("--lo", "10"))
	add("game random --lrsnash", chg("--lrsnash"))
	add("game random --outcome-version", chg("--outcome-version"))
	add("game random --output", chg("--output", "fe.nfg").checking(isFile("fe.nfg", "NFG 1")))
	add("game random --players", chgOn([]string{"game", "random", "--strategies", "2"}, "--players", "3"))
	add("game random --real", chg("--real"))
	add("game random --rho", chgOn([]string{"game", "random", "--class", "covariance"}, "--rho", "0.5"),
		refuse("--class covariance", "--rho", "0.5"))
	add("game random --seed", chg("--seed", "2"))
	add("game random --strategies", chg("--strategies", "2x3"))
	solve := func(method string, extra ...string) []string {
		return append([]string{"--format", "json", "game", "solve", "examples/game/bos.nfg", "--method", method}, extra...)
	}
	add("game solve --all", chgOn([]string{"game", "solve", "examples/game/entry.efg"}, "--all"),
		refuse(".efg", "--all"), refuse("JSON has every", "--all").on("--format", "json", "game", "solve", "examples/game/entry.efg"))
	add("game solve --decimals", chgOn([]string{"--format", "gambit", "game", "solve", "examples/game/bos.nfg", "--method", "logit"}, "--decimals", "3"),
		refuse("--format gambit", "--decimals", "3"))
	add("game solve --elim", refuse("dominated", "--elim").on("--format", "json", "game", "solve", "examples/game/deg.nfg"),
		refuse(".nfg", "--elim").on("--format", "json", "game", "solve", "examples/game/entry.efg"))
	add("game solve --exact-pivoting", keep("exactness: lcp's results are exact with or without it (only the arithmetic of the pivots changes)", "--exact-pivoting").on(solve("lcp")...),
		refuse("--method lcp", "--exact-pivoting"))
	add("game solve --label", chgOn(solve("lcp"), "--label", "2"), refuse("--method lcp", "--label", "2"))
	add("game solve --max-equilibria", failing("raise --max-equilibria", "--max-equilibria", "1"), refuse("--method enummixed", "--max-equilibria", "5").on(solve("lcp")...))
	add("game solve --max-iter", failing("did not converge", "--max-iter", "50").on(solve("fp")...), refuse("--method replicator or fp", "--max-iter", "50"))
	add("game solve --max-lambda", chgOn(solve("logit", "--path"), "--max-lambda", "2"), refuse("--method logit", "--max-lambda", "2"))
	add("game solve --max-pivots", failing("longer than 1 pivots", "--max-pivots", "1").on(solve("lcp")...), refuse("--method lcp", "--max-pivots", "1"))
	add("game solve --method", chg("--method", "pure"))
	add("game solve --path", chgOn(solve("logit"), "--path"), refuse("--method logit", "--path"))
	add("game solve --recursive", chgOn(solve("lcp", "--label", "1"), "--recursive"), refuse("--method lcp", "--recursive"))
	add("game solve --starts", chgOn([]string{"--format", "json", "game", "solve", "examples/game/kuhn-poker.efg"}, "--starts", "20"),
		refuse(".efg", "--starts", "3"), refuse("seqform", "--starts", "3").on("--format", "json", "game", "solve", "examples/game/entry.efg"))
	add("game solve --timeout", keep("a limit that is not reached leaves the result as it is (a reached one: TestGameSolveEnumLimits)", "--timeout", "1h"))
	add("game solve --tol", chgOn(solve("fp"), "--tol", "0.05"), refuse("non-exact", "--tol", "0.01"))
	add("game solve --workers", keep(whyWorkers, "--workers", "1"), refuse("--method enummixed", "--workers", "1").on(solve("lcp")...))

	// lcc
	figure(c, "lcc run", true)
	add("lcc run --max-runs", refuse("--max-runs", "--max-runs", "10").on(withBase("lcc run", "--runs", "20")...), refuse("with --runs only", "--max-runs", "10"))
	add("lcc run --runs", chg("--runs", "20"))
	add("lcc run --seed", chgOn(withBase("lcc run", "--runs", "20"), "--seed", "2"), refuse("--runs", "--seed", "2"))
	add("lcc run --workers", keep(whyWorkers, "--workers", "1").on(withBase("lcc run", "--runs", "20")...))

	// report: the HTML is the result
	for _, cmd := range []string{"report brief", "report case", "report finance", "report sim", "report sweep"} {
		add(cmd+" --lang", chg("--lang", "zh").reading("r.html"))
		// Printing takes Chromium seconds, and TestReportPDF
		// (browser_test.go) prints the reports; here the flag must start
		// the browser named by INFRAGAME_CHROMIUM, which does not exist.
		pdf := failing("fe-chromium", "--pdf", "fe.pdf")
		pdf.env = map[string]string{"INFRAGAME_CHROMIUM": "/nonexistent/fe-chromium"}
		add(cmd+" --pdf", pdf)
	}
	add("report case --breakevens", chg("--breakevens", "2").reading("r.html"))
	add("report case --pct", chg("--pct", "10").reading("r.html"))
	add("report finance --fx", chg("--fx", "fe-fx.csv").reading("r.html"))
	add("report sim --runs", chg("--runs", "6").reading("r.html"))
	add("report sim --seed", chg("--seed", "2").reading("r.html"))
	sweepMorris := []string{"report", "sweep", "fe-sm.csv", "-o", "r.html"}
	add("report sweep --bootstrap", chg("--bootstrap", "50").reading("r.html"), refuse("saltelli", "--bootstrap", "50").on(sweepMorris...))
	add("report sweep --confidence", chg("--confidence", "0.9").reading("r.html"), refuse("saltelli", "--confidence", "0.9").on(sweepMorris...))
	add("report sweep --plan", failing("plan's columns", "--plan", "fe-sm.csv.plan.json"))
	add("report sim --workers", keep(whyWorkers, "--workers", "1").reading("r.html"))
	add("report sim --years", chg("--years", "2015").reading("r.html"))

	// sim
	add("sim calibrate --estimate", chg("--estimate", "--evals", "8"))
	add("sim calibrate --evals", chgOn(withBase("sim calibrate", "--estimate", "--evals", "8"), "--evals", "10"),
		refuse("--estimate", "--evals", "10"))
	add("sim calibrate --runs", chg("--runs", "6"))
	add("sim calibrate --seed", chg("--seed", "2"))
	add("sim calibrate --workers", keep(whyWorkers, "--workers", "1"))
	add("sim compare --runs", chg("--runs", "6"))
	add("sim compare --seed", chg("--seed", "2"))
	add("sim compare --workers", keep(whyWorkers, "--workers", "1"))
	figure(c, "sim run", true)
	simSVG := withBase("sim run", "--svg", "fe.svg")
	add("sim run --chart", chgOn(simSVG, "--chart", "fan").reading("fe.svg"), refuse("--svg or --png", "--chart", "fan"))
	add("sim run --exporter", chgOn(append(slices.Clone(simSVG), "--chart", "fan"), "--exporter", "jp").reading("fe.svg"),
		refuse("--chart fan or hist", "--exporter", "jp"))
	add("sim run --rows", keep("output path: the rows go to the file (checked)", "--rows", "fe-rows.csv").checking(isFile("fe-rows.csv", "run")))
	add("sim run --rows-format", chgOn(withBase("sim run", "--rows", "fe-rows.out"), "--rows-format", "jsonl").reading("fe-rows.out"),
		refuse("--rows", "--rows-format", "jsonl"))
	add("sim run --runs", chg("--runs", "6"))
	add("sim run --seed", chg("--seed", "2"))
	add("sim run --workers", keep(whyWorkers, "--workers", "1"))
	add("sim run --years", chgOn([]string{"sim", "run", "baseline", "--runs", "5"}, "--years", "2015"), refuse("JSON carries every year", "--years", "2015"))

	// sweep
	morris := []string{"--format", "json", "sweep", "analyze", "fe-sm.csv"}
	add("sweep analyze --bootstrap", chg("--bootstrap", "50"), refuse("saltelli", "--bootstrap", "50").on(morris...))
	add("sweep analyze --confidence", chg("--confidence", "0.9"), refuse("saltelli", "--confidence", "0.9").on(morris...))
	add("sweep analyze --plan", keep("input path: the same plan read from another file gives the same result (the next case reads another sweep's plan)", "--plan", "fe-other.plan.json"),
		failing("plan's columns", "--plan", "fe-sm.csv.plan.json"))
	add("sweep analyze --svg", keep("output directory: one tornado chart per output (checked)", "--svg", "fe-svg").
		checking(func(t *testing.T) {
			if m, _ := filepath.Glob("fe-svg/*.svg"); len(m) == 0 {
				t.Error("sweep analyze --svg wrote no chart")
			}
		}))
	add("sweep analyze --png", keep("output directory: one PNG tornado chart per output (checked)", "--png", "fe-png").
		checking(func(t *testing.T) {
			if m, _ := filepath.Glob("fe-png/*.png"); len(m) == 0 {
				t.Error("sweep analyze --png wrote no chart")
			}
		}))
	add("sweep merge --output", keep(whyFile, "--output", "fe-m.csv").checking(isFile("fe-m.csv", ",")))
	add("sweep run --out", chg("--out", "fe-sr").reading("sr", "fe-sr").
		checking(func(t *testing.T) {
			if m, _ := filepath.Glob("fe-sr/*"); len(m) == 0 {
				t.Error("sweep run --out wrote nothing")
			}
		}))
	add("sweep run --shard", chg("--shard", "1/2").reading("sr"))
	add("sweep run --workers", keep(whyWorkers, "--workers", "1").reading("sr"))
	// The job scripts are the result of sweep slurm.
	slurm := func(args ...string) flagCase {
		return chg(args...).reading("cgs/slurm/contest-grid.sbatch", "cgs/slurm/contest-grid-merge.sbatch")
	}
	add("sweep slurm --array", slurm("--array", "3"))
	add("sweep slurm --binary", slurm("--binary", "/opt/fe/infragame"))
	add("sweep slurm --cpus", slurm("--cpus", "3"))
	add("sweep slurm --mem", slurm("--mem", "3G"))
	add("sweep slurm --name", chg("--name", "fejob").checking(isFile("cgs/slurm/fejob.sbatch", "fejob")))
	add("sweep slurm --out", chg("--out", "fe-cgs").checking(isFile("fe-cgs/slurm/contest-grid.sbatch", "#SBATCH")))
	add("sweep slurm --partition", slurm("--partition", "fepart"))
	add("sweep slurm --result", slurm("--result", "fe-result.parquet"))
	add("sweep slurm --submit", failing("sbatch", "--submit"))
	add("sweep slurm --time", slurm("--time", "02:00:00"))
	add("sweep slurm --wait", refuse("--submit", "--wait"))

	// tender
	add("tender backtest --fx-ppp", chg("--fx-ppp"))
	add("tender backtest --no-fiscal-space", chg("--no-fiscal-space"))
	add("tender backtest --no-tied-penalty", chg("--no-tied-penalty"))
	add("tender backtest --only", chgOn([]string{"--format", "json", "tender", "backtest", "fe-jakarta-bandung-2015.yaml", "fe-colombo-ect-2021.yaml"}, "--only"),
		refuse("file", "--only"))
	add("tender breakeven --max", chg("--max", "2"))
	add("tender breakeven --min", chg("--min", "0.5"))
	add("tender breakeven --offer", chgOn(withBase("tender breakeven", "--target-prob", "0.5", "--offer", "china"), "--offer", "japan"),
		refuse("--target-prob", "--offer", "japan"))
	add("tender breakeven --param", chg("--param", "host.discount_rate"))
	add("tender breakeven --steps", chg("--steps", "3"))
	add("tender breakeven --target-prob", chg("--target-prob", "0.5", "--offer", "china"))
	figure(c, "tender evaluate", true)
	add("tender evaluate --max-runs", refuse("--max-runs", "--max-runs", "10").on(withBase("tender evaluate", "--runs", "20")...), refuse("with --runs only", "--max-runs", "10"))
	add("tender evaluate --runs", chgOn([]string{"--format", "json", "tender", "evaluate", "examples/lcc/tender_three_offers.yaml"}, "--runs", "20"))
	add("tender evaluate --seed", chg("--seed", "2"))
	add("tender evaluate --workers", keep(whyWorkers, "--workers", "1").on("--format", "json", "tender", "evaluate", "examples/lcc/tender_three_offers.yaml", "--runs", "20"))
	figure(c, "tender map", false)
	add("tender map --nx", chg("--nx", "4"))
	add("tender map --ny", chg("--ny", "4"))
	add("tender map --x", chg("--x", "host.guarantee_cost"))
	add("tender map --y", chg("--y", "host.guarantee_cost"))
	add("tender map --xmin", chg("--xmin", "0.5"))
	add("tender map --xmax", chg("--xmax", "2"))
	add("tender map --ymin", chg("--ymin", "0.01"))
	add("tender map --ymax", chg("--ymax", "0.08"))
	figure(c, "tender tornado", true)
	add("tender tornado --pct", chg("--pct", "10"))

	// Global flags, on one command each.
	g := func(key string, fc flagCase) { add("infragame "+key, fc) }
	csv := []string{"--format", "csv", "finance", "ge", "--rate", "2", "--maturity", "20", "--grace", "5"}
	unusual := []string{"--format", "json", "finance", "ge", "--rate", "0.02", "--maturity", "20", "--grace", "5"}
	g("--allow-unusual", flagCase{args: []string{"--allow-unusual"}, base: unusual, baseFails: true})
	g("--bom", chgOn(csv, "--bom"))
	g("--csv-dir", chgOn(csv, "--csv-dir", "fe-csv").
		checking(func(t *testing.T) {
			if m, _ := filepath.Glob("fe-csv/*.csv"); len(m) == 0 {
				t.Error("--csv-dir wrote no table")
			}
		}))
	g("--db", keep("store location: the embedded data are the same in any new store (checked: the file is created)", "--db", "fe-other.db").
		checking(func(t *testing.T) {
			if _, err := os.Stat("fe-other.db"); err != nil {
				t.Error(err)
			}
		}).on("--format", "json", "data", "summary"))
	g("--debug", keep("stack traces of internal errors only; a correct run has none", "--debug"))
	g("--format", chg("--format", "csv"))
	g("--max-input-mb", keep("a limit that is not reached leaves the result as it is; reached limits are in the bad-input catalogue", "--max-input-mb", "2"))
	g("--no-progress", keep("progress bars are drawn on a terminal only, never into the result", "--no-progress"))
	g("--output", chg("--output", "fe-out.json").checking(isFile("fe-out.json", "grant")))
	g("--table", chgOn([]string{"--format", "csv", "--table", "records", "data", "summary"}, "--table", "orders_by_sector_seed"))
	// serve runs until stopped (TestGoldenOutputs starts and stops it, and
	// package web tests its limits): each flag shows it is read by a value
	// the server refuses, before it would listen.
	server := func(fc flagCase) flagCase {
		fc.base, fc.alone = []string{"serve", "--addr", "127.0.0.1:0"}, true
		return fc
	}
	add("serve --addr", server(failing("serve:", "--addr", "127.0.0.1:99999")))
	// Writes change what the server prints at start (the bearer token);
	// --timeout stops it after 1 s, on one port for every run so the base
	// is stable: a free one, not a fixed number another test run on the
	// machine might be using.
	add("serve --allow-writes", chgOn([]string{"--timeout", "1s", "serve", "--addr", freeLoopbackAddr()}, "--allow-writes"))
	add("serve --compute-timeout", server(refuse("must be in (0, 1h]", "--compute-timeout", "2h")))
	add("serve --max-body-mb", server(refuse("must be in [1, 1024]", "--max-body-mb", "0")))

	g("--timeout", failing("--timeout", "--timeout", "1ns").on("--format", "json", "sim", "run", "baseline", "--runs", "50"))
	return c
}

// TestFlagsHonouredOrRefused runs every flag case (see flagCase).
func TestFlagsHonouredOrRefused(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	work := scratchRepo(t, root)
	db := filepath.Join(work, "fe.db")
	cases := flagCases()

	// Every flag has an entry, every entry a flag.
	want := map[string]bool{}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if !c.HasSubCommands() && c.Name() != "help" && c.Name() != "completion" {
			path := strings.TrimPrefix(c.CommandPath(), "infragame ")
			c.LocalNonPersistentFlags().VisitAll(func(f *pflag.Flag) { want[path+" --"+f.Name] = true })
		}
		for _, s := range c.Commands() {
			walk(s)
		}
	}
	cmd := fullcmd.RootCommand()
	walk(cmd)
	cmd.PersistentFlags().VisitAll(func(f *pflag.Flag) { want["infragame --"+f.Name] = true })
	var missing, stale []string
	for k := range want {
		if len(cases[k]) == 0 {
			missing = append(missing, k)
		}
	}
	for k := range cases {
		if !want[k] {
			stale = append(stale, k)
		}
	}
	slices.Sort(missing)
	slices.Sort(stale)
	if len(missing) > 0 {
		t.Errorf("flags without a flag-effect case (add them to flagCases: changed, refused or allow-listed with a reason): %s", strings.Join(missing, ", "))
	}
	if len(stale) > 0 {
		t.Errorf("flag-effect cases for flags that do not exist: %s", strings.Join(stale, ", "))
	}

	// Inputs the cases refer to.
	writeFile := func(name, content string) {
		if err := os.WriteFile(filepath.Join(work, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	writeFile("fe-fx.csv", "currency,year,per_usd\nJPY,2015,100\nCNY,2015,5\nJPY,2014,100\nCNY,2014,5\n")
	mine, err := os.ReadFile(filepath.Join(root, "examples", "data", "my-projects.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	// A plain list of projects: the kind comes from --kind.
	if i := bytes.Index(mine, []byte("projects:\n")); i < 0 {
		t.Fatal("examples/data/my-projects.yaml has no projects: list")
	} else {
		writeFile("fe-list.yaml", string(mine[i+len("projects:\n"):]))
	}
	writeFile("fe-ishigami.yaml", "name: ishigami\nmodel: {kind: ishigami, args: [7, 0.1]}\nseed: 1\ndesign: {kind: saltelli, points: 256}\n"+
		"params:\n  - {name: x1, range: [-3.14, 3.14]}\n  - {name: x2, range: [-3.14, 3.14]}\n  - {name: x3, range: [-3.14, 3.14]}\n")
	writeFile("fe-mixdom.nfg", "NFG 1 R \"mixed dominance\" { \"R\" \"C\" } { 3 2 }\n\"\"\n\n3 0 0 0 1 0 0 1 3 1 1 1\n")
	// Two decided cases of one's own (the embedded ones under new ids).
	for _, id := range []string{"jakarta-bandung-2015", "colombo-ect-2021"} {
		writeFile("fe-"+id+".yaml", strings.Replace(mustRead(t, filepath.Join(root, "cases", id+".yaml")), "id: "+id, "id: fe-"+id, 1))
	}
	exec1 := func(dbPath string, args ...string) (string, string, int) {
		var out, errb bytes.Buffer
		code := fullcmd.Main(t.Context(), append([]string{"--db", dbPath, "--no-progress"}, args...), strings.NewReader(""), &out, &errb)
		return out.String(), errb.String(), code
	}
	for _, args := range [][]string{
		{"sweep", "run", "examples/sweep/sim_morris.yaml", "--out", "fe-sm"},
		{"sweep", "merge", "fe-sm", "-o", "fe-sm.csv"},
		{"sweep", "run", "fe-ishigami.yaml", "--out", "fe-is"},
		{"sweep", "merge", "fe-is", "-o", "fe-is.csv"},
	} {
		if _, e, code := exec1(db, args...); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, e)
		}
	}
	writeFile("fe-other.plan.json", mustRead(t, "fe-is.csv.plan.json"))

	// A report quotes its command line; that is not an effect.
	cmdLine := regexp.MustCompile(`infragame report [^<\n]*`)
	result := func(fc flagCase, dbPath string, args []string) (string, string, int) {
		for _, f := range fc.files {
			os.RemoveAll(f)
		}
		out, errOut, code := exec1(dbPath, args...)
		var b strings.Builder
		fmt.Fprintf(&b, "exit %d\n%s", code, out)
		for _, f := range fc.files {
			paths := []string{f}
			if st, err := os.Stat(f); err == nil && st.IsDir() {
				paths, _ = filepath.Glob(filepath.Join(f, "*"))
			}
			for _, p := range paths {
				content, err := os.ReadFile(p)
				fmt.Fprintf(&b, "\n== %s (%v) ==\n%s", p, err, cmdLine.ReplaceAll(content, []byte("infragame report …")))
			}
		}
		return b.String(), errOut, code
	}
	checked := map[string]bool{}
	// A base invocation gives the same result every time (checked once
	// below), so each distinct one runs once and its result is reused by
	// the other flags of its command: this halves the test's run time.
	type run struct {
		out, errOut string
		code        int
	}
	bases := map[string]run{}
	baseResult := func(fc flagCase, dbPath string, args []string) (string, string, int) {
		if fc.fresh {
			return result(fc, dbPath, args)
		}
		key := fmt.Sprint(args, fc.files, fc.env, dbPath)
		if r, ok := bases[key]; ok {
			return r.out, r.errOut, r.code
		}
		out, errOut, code := result(fc, dbPath, args)
		bases[key] = run{out, errOut, code}
		return out, errOut, code
	}
	keys := make([]string, 0, len(cases))
	for k := range cases {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, key := range keys {
		words := strings.Fields(key)
		flagName := words[len(words)-1]
		cmdPath := strings.Join(words[:len(words)-1], " ")
		for i, fc := range cases[key] {
			t.Run(fmt.Sprintf("%s/%d", strings.ReplaceAll(key, " ", "_"), i), func(t *testing.T) {
				if strings.Contains(strings.Join(fc.args, " "), ".png") {
					testutil.RequireTool(t, "rsvg-convert", "librsvg2-bin")
				}
				base := fc.base
				if base == nil {
					base = flagBases[cmdPath]
				}
				if base == nil {
					t.Fatalf("no base invocation for %q", cmdPath)
				}
				dbA, dbB := db, db
				if fc.fresh {
					dbA, dbB = filepath.Join(t.TempDir(), "a.db"), filepath.Join(t.TempDir(), "b.db")
				}
				for k, v := range fc.env {
					t.Setenv(k, v)
				}
				if fc.alone {
					if fc.want != refused && fc.want != fails {
						t.Fatal("a case without a base run must expect a refusal or a failure")
					}
					changed := append(slices.Clone(base), fc.args...)
					_, errAfter, code := result(fc, dbB, changed)
					if code == 0 || !strings.Contains(errAfter, fc.why) || fc.want == refused && (code != cli.ExitUsage || !strings.Contains(errAfter, flagName)) {
						t.Errorf("%v: want %s with %q; exit %d, stderr %q", changed, map[flagOutcome]string{refused: "a usage error", fails: "a failure"}[fc.want], fc.why, code, errAfter)
					}
					return
				}
				before, errBefore, code := baseResult(fc, dbA, base)
				// The base must give the same result every time, or a
				// "change" would prove nothing: each distinct base runs
				// twice.
				bkey := fmt.Sprint(base, fc.files, fc.env, fc.fresh)
				if !checked[bkey] && !fc.fresh {
					checked[bkey] = true
					if again, _, _ := result(fc, dbA, base); again != before {
						t.Fatalf("base %v: two runs differ, so an effect cannot be told from noise:\n%s", base, firstDiff(before, again))
					}
				}
				if fc.baseFails {
					if code == 0 {
						t.Errorf("base %v: succeeded; want it to need %s", base, flagName)
					}
				} else if code != 0 {
					t.Fatalf("base %v: exit %d: %s", base, code, errBefore)
				}
				changed := append(slices.Clone(base), fc.args...)
				after, errAfter, code := result(fc, dbB, changed)
				switch fc.want {
				case changes:
					if code != 0 {
						t.Fatalf("%v: exit %d (want a changed result): %s", changed, code, errAfter)
					}
					if before == after {
						t.Errorf("%v: accepted and ignored: the result is the same as without %s (%d bytes)", changed, flagName, len(after))
					}
					if fc.check != nil {
						fc.check(t)
					}
					// What changes the JSON must change the table too.
					if i := slices.Index(base, "json"); i > 0 && base[i-1] == "--format" && !fc.baseFails {
						tbase, tchanged := slices.Clone(base), slices.Clone(changed)
						tbase[i], tchanged[i] = "table", "table"
						tb, _, _ := baseResult(fc, dbA, tbase)
						ta, errT, code := result(fc, dbB, tchanged)
						if strings.HasPrefix(tb, "exit 2\n") {
							// no table format (data export): JSON is the result
						} else if code != 0 {
							t.Errorf("%v: exit %d: %s", tchanged, code, errT)
						} else if tb == ta {
							t.Errorf("%v: the JSON changes but the table is the same as without %s: the table ignores it", tchanged, flagName)
						}
					}
				case refused:
					if code != cli.ExitUsage || !strings.Contains(errAfter, flagName) || !strings.Contains(errAfter, fc.why) {
						t.Errorf("%v: want a usage error naming %s and %q; exit %d, stderr %q", changed, flagName, fc.why, code, errAfter)
					}
				case fails:
					if code == 0 || !strings.Contains(errAfter, fc.why) {
						t.Errorf("%v: want a failure with %q; exit %d, stderr %q", changed, fc.why, code, errAfter)
					}
				case same:
					if fc.why == "" {
						t.Fatal("an allow-listed flag needs a reason")
					}
					if code != 0 {
						t.Fatalf("%v: exit %d: %s", changed, code, errAfter)
					}
					if before != after {
						t.Errorf("%v: allow-listed (%s) but the result changed: make the case 'changes'\n%s", changed, fc.why, firstDiff(before, after))
					}
					if fc.check != nil {
						fc.check(t)
					}
				}
			})
		}
	}
}

// TestOutputFlagsEveryCommand gives every command (its goldenCommands
// invocation) an unknown --format and a --bom without --format csv: each
// must be a usage error, so no command ignores the output flags, whether it
// prints records or writes a file. A command that prints no records must
// also write -o FILE or refuse it (records commands: the golden and xlsx
// tests).
func TestOutputFlagsEveryCommand(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	work := scratchRepo(t, root)
	db := filepath.Join(work, "fmt.db")
	exec1 := func(args ...string) (string, int) {
		var out, errb bytes.Buffer
		code := fullcmd.Main(t.Context(), append([]string{"--db", db, "--no-progress"}, args...), strings.NewReader(""), &out, &errb)
		return errb.String(), code
	}
	covered := map[string]bool{}
	for _, gc := range goldenCommands {
		if slices.Contains(gc.args, "--help") {
			continue
		}
		covered["infragame "+strings.Join(gc.args[:leafDepth(gc.args)], " ")] = true
		for _, extra := range [][]string{{"--format", "xml"}, {"--bom"}} {
			flag := extra[0]
			if errOut, code := exec1(append(slices.Clone(extra), gc.args...)...); code != cli.ExitUsage || !strings.Contains(errOut, flag) {
				t.Errorf("%s %v: exit %d, want a usage error naming %s: %s", strings.Join(extra, " "), gc.args, code, flag, errOut)
			}
		}
		// -o FILE: the output goes to the file, or -o is refused.
		if gc.kind != "records" && !slices.Contains(gc.args, "-o") && !slices.Contains(gc.args, "--output") {
			out := filepath.Join(t.TempDir(), "out")
			errOut, code := exec1(append(slices.Clone(gc.args), "-o", out)...)
			if _, err := os.Stat(out); (err != nil) == (code == 0) || code != 0 && (code != cli.ExitUsage || !strings.Contains(errOut, "--output")) {
				t.Errorf("%v -o FILE: exit %d, file written: %v; want the file, or a usage error naming -o/--output: %s", gc.args, code, err == nil, errOut)
			}
		}
	}
	// Commands whose golden invocation is only their help.
	for _, args := range [][]string{{"data", "remove-import", "1"}} {
		covered["infragame "+strings.Join(args[:2], " ")] = true
		for _, extra := range [][]string{{"--format", "json"}, {"-o", "x"}} {
			if errOut, code := exec1(append(slices.Clone(extra), args...)...); code != cli.ExitUsage || !strings.Contains(errOut, extra[0]) && !strings.Contains(errOut, "--output") {
				t.Errorf("%v %v: exit %d, want a usage error: %s", extra, args, code, errOut)
			}
		}
	}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if !c.HasSubCommands() && c.Name() != "help" && c.Name() != "completion" && !covered[c.CommandPath()] {
			t.Errorf("%s: no invocation checks its output flags (add it to goldenCommands)", c.CommandPath())
		}
		for _, s := range c.Commands() {
			walk(s)
		}
	}
	walk(fullcmd.RootCommand())
}

func mustRead(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// freeLoopbackAddr returns a loopback address with a port that was free a
// moment ago.
func freeLoopbackAddr() string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}
