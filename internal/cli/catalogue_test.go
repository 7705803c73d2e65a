package cli_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/infragame/infragame/internal/cli"
	"github.com/infragame/infragame/internal/cli/fullcmd"
)

// The bad-input catalogue: every input of docs/limits.md ("Bad-input
// catalogue") as a CLI case with its exit code and a fragment of its
// message. Cases R<n> are the numbered cases of the December 2026
// reliability review (the 35 that failed and the 22 that were weak); cases
// N<n> are further inputs for every reader and command. Every case also
// checks that no Go panic or runtime trace and no Go type name reaches the
// user, and import cases check that the store did not change.

// catCase is one entry of the catalogue.
type catCase struct {
	id, what string
	// files are written into a fresh directory; args and stdin refer to
	// them as $D/name.
	files map[string][]byte
	setup func(t *testing.T, dir, db string)
	args  []string
	stdin []byte
	code  int
	msg   string // fragment of stderr (code ≠ 0) or stdout (code 0)
	// store: the case imports; the store must be byte-identical after it.
	store bool
}

func example(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", path))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// replace is strings.Replace on the first occurrence, failing the test
// when old is missing (an example file changed under the catalogue).
func replace(t testing.TB, b []byte, old, new string) []byte {
	t.Helper()
	if !bytes.Contains(b, []byte(old)) {
		t.Fatalf("%q not found in the base file", old)
	}
	return bytes.Replace(b, []byte(old), []byte(new), 1)
}

const bom = "\ufeff"

// aliasChain is the review's alias chain over sibling list fields: levels
// of ten aliases each (10^levels values once expanded).
func aliasChain(head, item func(i int, list string) string, levels int) []byte {
	var b strings.Builder
	b.WriteString(head(0, ""))
	b.WriteString(item(0, "&s0 ["+strings.Repeat("0.1, ", 9)+"0.1]"))
	for i := 1; i < levels; i++ {
		b.WriteString(item(i, fmt.Sprintf("&s%d [%s*s%d]", i, strings.Repeat(fmt.Sprintf("*s%d, ", i-1), 9), i-1)))
	}
	return []byte(b.String())
}

func nfgGame(payoffs string) []byte {
	return []byte("NFG 1 R \"\" { \"A\" \"B\" } { 2 2 }\n\"\"\n\n" + payoffs + "\n")
}

func bidders(n int, same bool) []byte {
	var b strings.Builder
	b.WriteString("form: value\nbidders:\n")
	for i := range n {
		hi := 1.0
		if !same {
			hi = 1 + float64(i%50)/100
		}
		fmt.Fprintf(&b, "  - {name: b%d, type: {dist: uniform, low: 0, high: %g}}\n", i, hi)
	}
	return []byte(b.String())
}

func catalogue(t *testing.T) []catCase {
	issue := example(t, "examples/auction/issue.yaml")
	offers := example(t, "examples/finance/jakarta-bandung.yaml")
	study := example(t, "examples/lcc/hsr_two_offers.yaml")
	three := example(t, "tender/testdata/three.yaml")
	mine := example(t, "examples/data/my-projects.yaml")
	aid := example(t, "dataset/testdata/aiddata-gcdf3-sample.csv")
	glove := example(t, "examples/coop/glove.yaml")
	aidLines := strings.Split(strings.TrimRight(string(aid), "\n"), "\n")
	cut := func(line string, n int) string { return strings.Join(strings.Split(line, ",")[:n], ",") }
	game := nfgGame("2 1 0 1 0 0 1 2")
	random := func(shape, name string) func(t *testing.T, dir, db string) {
		return func(t *testing.T, dir, db string) {
			if _, e, code := run(t, db, "game", "random", "--strategies", shape, "--seed", "3", "-o", filepath.Join(dir, name)); code != 0 {
				t.Fatalf("game random: %d %s", code, e)
			}
		}
	}
	sampleN := func(n int) []byte {
		var b strings.Builder
		b.WriteString("form: value\nbidders:\n  - name: a\n    type: {dist: uniform, low: 0, high: 1}\n  - name: b\n    type:\n      dist: empirical\n      sample: [")
		for i := range n {
			if i > 0 {
				b.WriteString(",")
			}
			fmt.Fprintf(&b, "%.4f", float64(i%9973)/9973)
		}
		b.WriteString("]\n")
		return []byte(b.String())
	}
	depth := func(open, close string, n int) []byte {
		return []byte("bidders: " + strings.Repeat(open, n) + strings.Repeat(close, n) + "\n")
	}
	biddersChain := aliasChain(
		func(int, string) string { return "form: value\nbidders:\n" },
		func(i int, list string) string {
			return fmt.Sprintf("  - name: b%d\n    type: {dist: empirical, sample: %s}\n", i, list)
		}, 9)
	lccChain := aliasChain(
		func(int, string) string { return "analysis: {horizon: 50, discount_rate: 0.05}\nalternatives:\n" },
		func(i int, list string) string {
			return fmt.Sprintf("  - name: a%d\n    capex: 1\n    phasing: %s\n", i, list)
		}, 9)
	offerChain := aliasChain(
		func(int, string) string { return "project: {name: x, year: 2015}\noffers:\n" },
		func(i int, list string) string {
			return fmt.Sprintf("  - name: o%d\n    loan: {disbursement_pct: %s}\n", i, list)
		}, 9)
	coopChain := aliasChain(
		func(int, string) string { return "players: [a, b]\nx:\n" },
		func(i int, list string) string { return fmt.Sprintf("  - %s\n", list) }, 9)
	var players20 string
	{
		var names, weights []string
		for i := range 20 {
			names = append(names, fmt.Sprintf("p%d", i))
			weights = append(weights, fmt.Sprint(i%9+1))
		}
		players20 = "players: [" + strings.Join(names, ", ") + "]\nweighted_majority: {quota: 60, weights: [" + strings.Join(weights, ", ") + "]}\n"
	}
	players25 := strings.Replace(strings.Replace(players20, "p19]", "p19, q0, q1, q2, q3, q4]", 1), "1, 2]}", "1, 2, 1, 1, 1, 1, 1]}", 1)

	return []catCase{
		// 2.1 game solve / game check (.nfg)
		{id: "R12", what: "payoff 1e400 (fp)", files: map[string][]byte{"g.nfg": nfgGame("2 1 0 1e400 0 0 1 2")},
			args: []string{"game", "solve", "$D/g.nfg", "--method", "fp"}, code: 1, msg: `line 4, column 7, token "1e400": invalid number: beyond the float64 range`},
		{id: "R12", what: "payoff 1e400 (check)", files: map[string][]byte{"g.nfg": nfgGame("2 1 0 1e400 0 0 1 2")},
			args: []string{"game", "check", "$D/g.nfg", "1,0,1,0"}, code: 1, msg: "beyond the float64 range"},
		{id: "R13", what: "payoff 1e1000", files: map[string][]byte{"g.nfg": nfgGame("2 1 0 1e1000 0 0 1 2")},
			args: []string{"game", "solve", "$D/g.nfg"}, code: 1, msg: "line 4, column 7"},
		{id: "R16", what: "3000-digit denominator, short message", files: map[string][]byte{"g.nfg": nfgGame("1/" + strings.Repeat("7", 3000) + " 1 0 1 0 0 1 2")},
			args: []string{"game", "solve", "$D/g.nfg"}, code: 1, msg: "(3002 bytes)\": invalid number: number too long"},
		{id: "R17", what: "3000-digit integer, short message", files: map[string][]byte{"g.nfg": nfgGame(strings.Repeat("9", 3000) + " 1 0 1 0 0 1 2")},
			args: []string{"game", "solve", "$D/g.nfg"}, code: 1, msg: "(3000 bytes)\": invalid number"},
		{id: "R26", what: "/dev/zero", args: []string{"--max-input-mb", "2", "game", "solve", "/dev/zero"}, code: 1, msg: "/dev/zero: input too large: more than 2 MiB (raise the limit with --max-input-mb)"},
		{id: "R35", what: "profile -1,2,1,0 read as a flag", files: map[string][]byte{"g.nfg": game},
			args: []string{"game", "check", "$D/g.nfg", "-1,2,1,0"}, code: 2, msg: "must come after --, e.g. -- -1,2,1,0"},
		{id: "R36", what: "2048x2048 game refused before reading payoffs", files: map[string][]byte{"g.nfg": []byte("NFG 1 R \"\" { \"A\" \"B\" } { 2048 2048 }\n\"\"\n\n1 2 3\n")},
			args: []string{"game", "check", "$D/g.nfg", "1,0"}, code: 1, msg: "more than 1048576 profiles (raise the limit with --max-profiles"},

		// 2.2 game random
		{id: "R37", what: "100000x100000", args: []string{"game", "random", "--strategies", "100000x100000", "-o", "$D/x.nfg"}, code: 2, msg: "more than 1048576 pure profiles"},
		{id: "R38", what: "4294967296x4294967296", args: []string{"game", "random", "--strategies", "4294967296x4294967296", "-o", "$D/x.nfg"}, code: 2, msg: "pure profiles"},
		{id: "R39", what: "4097x4096", args: []string{"game", "random", "--strategies", "4097x4096", "-o", "$D/x.nfg"}, code: 2, msg: "4097x4096 has more than 1048576 pure profiles"},
		{id: "R40", what: "40 players", args: []string{"game", "random", "--players", "40", "--strategies", "2", "-o", "$D/x.nfg"}, code: 2, msg: "--players 40: at most 24"},
		{id: "R41", what: "63 players (panicked)", args: []string{"game", "random", "--players", "63", "--strategies", "2", "-o", "$D/x.nfg"}, code: 2, msg: "at most 24"},
		{id: "R42", what: "64 players (overflowed to 0)", args: []string{"game", "random", "--players", "64", "--strategies", "2", "-o", "$D/x.nfg"}, code: 2, msg: "at most 24"},

		// 2.3 auction solve
		{id: "R46", what: "low: abc", files: map[string][]byte{"a.yaml": replace(t, issue, "low: 0, high: 1}", "low: abc, high: 1}")},
			args: []string{"auction", "solve", "$D/a.yaml"}, code: 1, msg: `a.yaml:6:32: bidders[0].type.low: want a number, got "abc"`},
		{id: "R47", what: "reserve: [1,2]", files: map[string][]byte{"a.yaml": replace(t, issue, "reserve: 0.25", "reserve: [1, 2]")},
			args: []string{"auction", "solve", "$D/a.yaml"}, code: 1, msg: "a.yaml:3:10: reserve: want a number, got a list"},
		{id: "R54", what: "1000 asymmetric bidders", files: map[string][]byte{"a.yaml": bidders(1000, false)},
			args: []string{"auction", "solve", "$D/a.yaml"}, code: 1, msg: "bidders: auction: size limit: 1000 bidders, at most 100"},
		{id: "R55", what: "1000 identical bidders", files: map[string][]byte{"a.yaml": bidders(1000, true)},
			args: []string{"auction", "solve", "$D/a.yaml"}, code: 1, msg: "1000 bidders, at most 100"},
		{id: "R60", what: "alias chain across bidders' sample", files: map[string][]byte{"a.yaml": biddersChain},
			args: []string{"auction", "solve", "$D/a.yaml"}, code: 1, msg: "YAML limit exceeded: more than 1000000 values once aliases are expanded"},
		{id: "R61", what: "10,000 nested [", files: map[string][]byte{"a.yaml": depth("[", "]", 10000)},
			args: []string{"auction", "solve", "$D/a.yaml"}, code: 1, msg: "YAML limit exceeded: nesting deeper than 100 levels"},
		{id: "R62", what: "10,000 nested {a:", files: map[string][]byte{"a.yaml": depth("{a: ", "}", 10000)},
			args: []string{"auction", "solve", "$D/a.yaml"}, code: 1, msg: "YAML limit exceeded: nesting deeper than 100 levels"},
		{id: "R63", what: "100,000 nested [", files: map[string][]byte{"a.yaml": depth("[", "]", 100000)},
			args: []string{"auction", "solve", "$D/a.yaml"}, code: 1, msg: "a.yaml: YAML limit exceeded: exceeded max depth of 10000"},
		{id: "R65", what: "valid spec + 5 MB of comments", files: map[string][]byte{"a.yaml": append(append([]byte(nil), issue...), bytes.Repeat([]byte("# a comment line of padding, padding, padding, padding\n"), 100000)...)},
			args: []string{"auction", "solve", "$D/a.yaml"}, code: 0, msg: "weak"},
		{id: "R66", what: "1 MB bidder name", files: map[string][]byte{"a.yaml": replace(t, issue, "name: weak", "name: "+strings.Repeat("w", 1<<20))},
			args: []string{"auction", "solve", "$D/a.yaml"}, code: 1, msg: "bidders[0].name: auction: size limit: 1048576 bytes, at most 200"},
		{id: "R67", what: "200,000-point sample", files: map[string][]byte{"a.yaml": sampleN(200000)},
			args: []string{"auction", "solve", "$D/a.yaml"}, code: 1, msg: "bidders[1].type.sample: auction: size limit: 200000 points, at most 100000"},
		{id: "R68", what: "grid: 1000000000", files: map[string][]byte{"a.yaml": append([]byte("grid: 1000000000\n"), issue...)},
			args: []string{"auction", "solve", "$D/a.yaml"}, code: 1, msg: "a.yaml:1:7: grid: auction: size limit: 1000000000 points, at most 10001"},
		{id: "R69", what: "--grid=-5", files: map[string][]byte{"a.yaml": issue},
			args: []string{"auction", "solve", "$D/a.yaml", "--grid=-5"}, code: 2, msg: "--grid -5: want 1 to 10001"},
		{id: "R73", what: "weak bidder's high 1e10 (panicked)", files: map[string][]byte{"a.yaml": replace(t, issue, "high: 1}", "high: 1e10}")},
			args: []string{"auction", "solve", "$D/a.yaml"}, code: 1, msg: "the widest support is 1e+10 times the narrowest (at most 100)"},
		{id: "R73", what: "weak bidder's high 1e308", files: map[string][]byte{"a.yaml": replace(t, issue, "high: 1}", "high: 1e308}")},
			args: []string{"auction", "solve", "$D/a.yaml"}, code: 1, msg: "widest support"},
		{id: "R74", what: "supports 1000x apart (wrong equilibrium)", files: map[string][]byte{"a.yaml": replace(t, issue, "high: 1}", "high: 1000}")},
			args: []string{"auction", "solve", "$D/a.yaml", "--verify"}, code: 1, msg: "the widest support is 1e+03 times the narrowest"},
		{id: "R78", what: "UTF-8 BOM", files: map[string][]byte{"a.yaml": append([]byte(bom), issue...)},
			args: []string{"auction", "solve", "$D/a.yaml"}, code: 0, msg: "strong"},
		{id: "R79", what: "--draws 1e10", files: map[string][]byte{"a.yaml": issue},
			args: []string{"auction", "solve", "$D/a.yaml", "--verify", "--draws", "10000000000"}, code: 2, msg: "--draws 10000000000: want 1 to 10000000"},

		// 2.4 finance
		{id: "R88", what: "--discount NaN", args: []string{"finance", "ge", "--method", "user", "--discount", "NaN", "--rate", "2", "--maturity", "20", "--grace", "5"}, code: 2, msg: `invalid argument "NaN" for "--discount" flag`},
		{id: "R89", what: "--discount=-100", args: []string{"finance", "ge", "--method", "user", "--discount=-100", "--rate", "2", "--maturity", "20", "--grace", "5"}, code: 2, msg: "out of range: -100 % (want a rate above -100 %)"},
		{id: "R92", what: "schedule --principal 1e308", args: []string{"finance", "schedule", "--principal", "1e308", "--rate", "2", "--maturity", "20", "--grace", "5"}, code: 2, msg: "--principal: out of range: 1e+308 is above 1e+20"},
		{id: "R93", what: "ge --principal 1e307", args: []string{"finance", "ge", "--principal", "1e307", "--rate", "2", "--maturity", "20", "--grace", "5"}, code: 2, msg: "is above 1e+20"},
		{id: "R100", what: "--rate 1e300", args: []string{"finance", "schedule", "--rate", "1e300", "--maturity", "20", "--grace", "5"}, code: 2, msg: "--rate: out of range: 1e+300 % is above 100 % a year"},
		{id: "R107", what: "offer cost 1e308", files: map[string][]byte{"o.yaml": replace(t, offers, "cost: {value: 700e9", "cost: {value: 1e308")},
			args: []string{"finance", "compare", "$D/o.yaml"}, code: 1, msg: "offers[0].cost.value: out of range: 1e+308 is above 1e+20"},
		{id: "R109", what: "rate_pct: low", files: map[string][]byte{"o.yaml": replace(t, offers, "rate_pct: 0.1", "rate_pct: low")},
			args: []string{"finance", "compare", "$D/o.yaml"}, code: 1, msg: `o.yaml:41:17: offers[0].loan.rate_pct: want a number, got "low"`},
		{id: "R116", what: "empty offer file", files: map[string][]byte{"o.yaml": nil},
			args: []string{"finance", "compare", "$D/o.yaml"}, code: 1, msg: "o.yaml: the file is empty (no YAML document)"},
		{id: "R118", what: "alias chain across offers", files: map[string][]byte{"o.yaml": offerChain},
			args: []string{"finance", "compare", "$D/o.yaml"}, code: 1, msg: "YAML limit exceeded"},

		// 2.5 lcc run
		{id: "R123", what: "horizon: fifty", files: map[string][]byte{"l.yaml": replace(t, study, "horizon: 50", "horizon: fifty")},
			args: []string{"lcc", "run", "$D/l.yaml"}, code: 1, msg: `l.yaml:5:12: analysis.horizon: want a whole number, got "fifty"`},
		{id: "R136", what: "alias chain across alternatives", files: map[string][]byte{"l.yaml": lccChain},
			args: []string{"lcc", "run", "$D/l.yaml"}, code: 1, msg: "YAML limit exceeded"},
		{id: "R137", what: "UTF-8 BOM", files: map[string][]byte{"l.yaml": append([]byte(bom), study...)},
			args: []string{"lcc", "run", "$D/l.yaml"}, code: 0, msg: "shinkansen"},
		{id: "R138", what: "--runs 1e9", files: map[string][]byte{"l.yaml": study},
			args: []string{"lcc", "run", "$D/l.yaml", "--runs", "1000000000"}, code: 2, msg: "--runs 1000000000: more than 1000000 (raise the limit with --max-runs, at most 100000000)"},

		// 2.6 tender evaluate
		{id: "R141", what: "shadow_price: high", files: map[string][]byte{"t.yaml": replace(t, three, "shadow_price: 0.3", "shadow_price: high")},
			args: []string{"tender", "evaluate", "$D/t.yaml"}, code: 1, msg: `t.yaml:6:17: host.shadow_price: want a number, got "high"`},
		{id: "R153", what: "--runs 1e9", files: map[string][]byte{"t.yaml": three},
			args: []string{"tender", "evaluate", "$D/t.yaml", "--runs", "1000000000"}, code: 2, msg: "raise the limit with --max-runs"},

		// 2.7 / 2.8 data import
		{id: "R169", what: "UTF-8 BOM + valid file", files: map[string][]byte{"d.yaml": append([]byte(bom), mine...)},
			args: []string{"data", "import", "$D/d.yaml"}, code: 0, msg: "imported"},
		{id: "R176", what: "AidData row with 10 of 45 columns", files: map[string][]byte{"ad.csv": []byte(aidLines[0] + "\n" + aidLines[1] + "\n" + cut(aidLines[2], 10) + "\n")},
			args: []string{"data", "import", "--from", "aiddata", "$D/ad.csv"}, code: 1, msg: "ad.csv:3:1: wrong number of columns: 10, the header has", store: true},
		{id: "R177", what: "AidData row with 2 extra columns", files: map[string][]byte{"ad.csv": []byte(aidLines[0] + "\n" + aidLines[1] + ",x,y\n")},
			args: []string{"data", "import", "--from", "aiddata", "$D/ad.csv"}, code: 1, msg: "ad.csv:2:1: wrong number of columns", store: true},

		// 3 store (R195–R197 concurrency, R201–R202 read-only: see
		// TestConcurrentImports and store/harden_test.go)
		{id: "R211", what: "another application's SQLite file", setup: func(t *testing.T, dir, _ string) {
			db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, "other.db"))
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if _, err := db.Exec("CREATE TABLE records (x INTEGER)"); err != nil {
				t.Fatal(err)
			}
		}, args: []string{"--db", "$D/other.db", "data", "summary"}, code: 1, msg: "not an infragame store: it has tables records; nothing was changed"},

		// 4 resource bounds and cancellation
		{id: "R213", what: "enummixed 30x30 stops at --timeout", setup: random("30x30", "g.nfg"),
			args: []string{"--timeout", "1s", "game", "solve", "$D/g.nfg", "--method", "enummixed"}, code: 1, msg: "stopped by --timeout 1s before the enumeration finished"},
		{id: "R216", what: "simpdiv 40x40 stops at --timeout", setup: random("40x40", "g.nfg"),
			args: []string{"--timeout", "1s", "game", "solve", "$D/g.nfg", "--method", "simpdiv"}, code: 1, msg: "simpdiv: stopped by --timeout 1s"},
		{id: "R218", what: "coop 20 players stops at --timeout", files: map[string][]byte{"c.yaml": []byte(players20)},
			args: []string{"--timeout", "1s", "coop", "solve", "$D/c.yaml"}, code: 1, msg: "stopped after --timeout 1s"},

		// Further cases, every reader and command.
		{id: "N1", what: "coop unknown field", files: map[string][]byte{"c.yaml": append(append([]byte(nil), glove...), "colour: red\n"...)},
			args: []string{"coop", "solve", "$D/c.yaml"}, code: 1, msg: `colour: unknown field "colour"`},
		{id: "N2", what: "coop 25 players", files: map[string][]byte{"c.yaml": []byte(players25)},
			args: []string{"coop", "solve", "$D/c.yaml"}, code: 1, msg: "at most 20 players"},
		{id: "N3", what: "coop weight abc", files: map[string][]byte{"c.yaml": []byte("players: [a, b, c]\nweighted_majority: {quota: 2, weights: [1, abc, 1]}\n")},
			args: []string{"coop", "solve", "$D/c.yaml"}, code: 1, msg: `weighted_majority.weights[1]: want a number, got "abc"`},
		{id: "N4", what: "coop empty file", files: map[string][]byte{"c.yaml": []byte("# nothing\n")},
			args: []string{"coop", "solve", "$D/c.yaml"}, code: 1, msg: "the file is empty"},
		{id: "N5", what: "coop BOM", files: map[string][]byte{"c.yaml": append([]byte(bom), glove...)},
			args: []string{"coop", "solve", "$D/c.yaml"}, code: 0, msg: "right1"},
		{id: "N6", what: "coop alias chain", files: map[string][]byte{"c.yaml": coopChain},
			args: []string{"coop", "solve", "$D/c.yaml"}, code: 1, msg: "YAML limit exceeded"},
		{id: "N7", what: "tender empty file", files: map[string][]byte{"t.yaml": nil},
			args: []string{"tender", "evaluate", "$D/t.yaml"}, code: 1, msg: "the file is empty"},
		{id: "N8", what: "tender BOM", files: map[string][]byte{"t.yaml": append([]byte(bom), three...)},
			args: []string{"tender", "evaluate", "$D/t.yaml"}, code: 0, msg: "quality"},
		{id: "N9", what: "tender unknown field", files: map[string][]byte{"t.yaml": replace(t, three, "shadow_price: 0.3", "shadow_price: 0.3\n  colour: red")},
			args: []string{"tender", "evaluate", "$D/t.yaml"}, code: 1, msg: `host.colour: unknown field "colour"`},
		{id: "N10", what: "tender deep nesting", files: map[string][]byte{"t.yaml": []byte("offers: " + strings.Repeat("[", 500) + strings.Repeat("]", 500) + "\n")},
			args: []string{"tender", "evaluate", "$D/t.yaml"}, code: 1, msg: "nesting deeper than 100"},
		{id: "N11", what: "tender --runs -1", files: map[string][]byte{"t.yaml": three},
			args: []string{"tender", "evaluate", "$D/t.yaml", "--runs", "-1"}, code: 2, msg: "--runs must be ≥ 0"},
		{id: "N12", what: "tender --max-runs 0", files: map[string][]byte{"t.yaml": three},
			args: []string{"tender", "evaluate", "$D/t.yaml", "--runs", "10", "--max-runs", "0"}, code: 2, msg: "--max-runs 0: want 1 to 100000000"},
		{id: "N13", what: "lcc --max-runs above the hard cap", files: map[string][]byte{"l.yaml": study},
			args: []string{"lcc", "run", "$D/l.yaml", "--runs", "10", "--max-runs", "1000000000"}, code: 2, msg: "--max-runs 1000000000"},
		{id: "N14", what: "lcc deep nesting", files: map[string][]byte{"l.yaml": []byte("alternatives: " + strings.Repeat("[", 200) + strings.Repeat("]", 200) + "\n")},
			args: []string{"lcc", "run", "$D/l.yaml"}, code: 1, msg: "nesting deeper than 100"},
		{id: "N15", what: "lcc two documents", files: map[string][]byte{"l.yaml": append(append([]byte(nil), study...), "---\nx: 1\n"...)},
			args: []string{"lcc", "run", "$D/l.yaml"}, code: 1, msg: "more than one YAML document"},
		{id: "N16", what: "--fx YAML type error", files: map[string][]byte{"o.yaml": offers, "fx.yaml": []byte("fx:\n  - {currency: JPY, year: soon, per_usd: 120}\n")},
			args: []string{"finance", "compare", "$D/o.yaml", "--fx", "$D/fx.yaml"}, code: 1, msg: `fx.yaml:2:27: fx[0].year: want a whole number, got "soon"`},
		{id: "N17", what: "--fx CSV NaN rate", files: map[string][]byte{"o.yaml": offers, "fx.csv": []byte("currency,year,per_usd\nJPY,2015,NaN\n")},
			args: []string{"finance", "compare", "$D/o.yaml", "--fx", "$D/fx.csv"}, code: 1, msg: "fx.csv:2"},
		{id: "N18", what: "--max-input-mb 0", files: map[string][]byte{"a.yaml": issue},
			args: []string{"--max-input-mb", "0", "auction", "solve", "$D/a.yaml"}, code: 2, msg: "--max-input-mb must be at least 1"},
		{id: "N19", what: "--timeout -1s", files: map[string][]byte{"a.yaml": issue},
			args: []string{"--timeout", "-1s", "auction", "solve", "$D/a.yaml"}, code: 2, msg: "--timeout must not be negative"},
		{id: "N20", what: "a directory as input", setup: func(t *testing.T, dir, _ string) { os.Mkdir(filepath.Join(dir, "sub"), 0o755) },
			args: []string{"auction", "solve", "$D/sub"}, code: 1, msg: "sub: is a directory"},
		{id: "N21", what: "missing file", args: []string{"lcc", "run", "$D/nope.yaml"}, code: 1, msg: "no such file or directory"},
		{id: "N22", what: "stdin over --max-input-mb", stdin: bytes.Repeat([]byte("0 "), 1<<20),
			args: []string{"--max-input-mb", "1", "game", "solve", "-"}, code: 1, msg: "<stdin>: input too large: more than 1 MiB"},
		{id: "N23", what: "--max-profiles 0", args: []string{"game", "random", "--max-profiles", "0", "-o", "$D/x.nfg"}, code: 2, msg: "--max-profiles must be in [1, 16777216]"},
		{id: "N24", what: "--max-profiles above the hard cap", files: map[string][]byte{"g.nfg": game},
			args: []string{"game", "solve", "$D/g.nfg", "--max-profiles", "1000000000"}, code: 2, msg: "--max-profiles must be in"},
		{id: "N25", what: "3x3 game under --max-profiles 4", setup: random("3x3", "g.nfg"),
			args: []string{"game", "solve", "$D/g.nfg", "--max-profiles", "4"}, code: 1, msg: "more than 4 profiles (raise the limit with --max-profiles"},
		{id: "N26", what: "payoff -1e400", files: map[string][]byte{"g.nfg": nfgGame("2 1 0 1 -1e400 0 1 2")},
			args: []string{"game", "solve", "$D/g.nfg"}, code: 1, msg: "line 4, column 9, token \"-1e400\": invalid number: beyond the float64 range"},
		{id: "N27", what: "dominance on an overflowing payoff", files: map[string][]byte{"g.nfg": nfgGame("2 1 0 1 0 0 1 3e308")},
			args: []string{"game", "dominance", "$D/g.nfg"}, code: 1, msg: "beyond the float64 range"},
		{id: "N28", what: "101 bidders", files: map[string][]byte{"a.yaml": bidders(101, false)},
			args: []string{"auction", "solve", "$D/a.yaml"}, code: 1, msg: "101 bidders, at most 100"},
		{id: "N29", what: "201-byte bidder name", files: map[string][]byte{"a.yaml": replace(t, issue, "name: weak", "name: "+strings.Repeat("é", 100)+"x")},
			args: []string{"auction", "solve", "$D/a.yaml"}, code: 1, msg: "201 bytes, at most 200"},
		{id: "N30", what: "--grid 10002", files: map[string][]byte{"a.yaml": issue},
			args: []string{"auction", "solve", "$D/a.yaml", "--grid", "10002"}, code: 2, msg: "--grid 10002"},
		{id: "N31", what: "--draws 0", files: map[string][]byte{"a.yaml": issue},
			args: []string{"auction", "solve", "$D/a.yaml", "--verify", "--draws", "0"}, code: 2, msg: "--draws 0"},
		{id: "N32", what: "auction two documents", files: map[string][]byte{"a.yaml": append(append([]byte(nil), issue...), "---\nform: value\n"...)},
			args: []string{"auction", "solve", "$D/a.yaml"}, code: 1, msg: "more than one YAML document"},
		{id: "N33", what: "alias containing itself", files: map[string][]byte{"a.yaml": []byte("bidders: &a [*a]\n")},
			args: []string{"auction", "solve", "$D/a.yaml"}, code: 1, msg: "a.yaml:1"},
		{id: "N34", what: "auction supports 100x apart still solve", files: map[string][]byte{"a.yaml": replace(t, issue, "high: 1}", "high: 100}")},
			args: []string{"auction", "solve", "$D/a.yaml", "--verify"}, code: 0, msg: "strong"},
		{id: "N35", what: "auction file with a tab", files: map[string][]byte{"a.yaml": []byte("form: value\nbidders:\n\t- name: a\n")},
			args: []string{"auction", "solve", "$D/a.yaml"}, code: 1, msg: "a.yaml:3: found character that cannot start any token"},
		{id: "N36", what: "data import: YAML empty", files: map[string][]byte{"d.yaml": nil},
			args: []string{"data", "import", "$D/d.yaml"}, code: 1, msg: "d.yaml: the file is empty", store: true},
		{id: "N37", what: "data import: alias chain", files: map[string][]byte{"d.yaml": aliasChain(
			func(int, string) string { return "projects:\n" },
			func(i int, list string) string { return fmt.Sprintf("  - id: p%d\n    size: %s\n", i, list) }, 9)},
			args: []string{"data", "import", "$D/d.yaml"}, code: 1, msg: "YAML limit exceeded", store: true},
		{id: "N38", what: "data import: year: twenty", files: map[string][]byte{"d.yaml": replace(t, mine, "year: 2016", "year: twenty")},
			args: []string{"data", "import", "$D/d.yaml"}, code: 1, msg: `d.yaml:11:11: record "example-port-expansion": year: want a whole number, got "twenty"`, store: true},
		{id: "N39", what: "data import: deep nesting", files: map[string][]byte{"d.yaml": []byte("projects: " + strings.Repeat("[", 300) + strings.Repeat("]", 300) + "\n")},
			args: []string{"data", "import", "$D/d.yaml"}, code: 1, msg: "nesting deeper than 100", store: true},
		{id: "N40", what: "data import: AidData BOM + short row", files: map[string][]byte{"ad.csv": []byte(bom + aidLines[0] + "\n" + cut(aidLines[1], 5) + "\n")},
			args: []string{"data", "import", "--from", "aiddata", "$D/ad.csv"}, code: 1, msg: "ad.csv:2:1: wrong number of columns: 5", store: true},
		{id: "N41", what: "data import: file over --max-input-mb", files: map[string][]byte{"d.yaml": append(append([]byte(nil), mine...), bytes.Repeat([]byte("# pad\n"), 200000)...)},
			args: []string{"--max-input-mb", "1", "data", "import", "$D/d.yaml"}, code: 1, msg: "input too large", store: true},
		{id: "N42", what: "data import: two YAML documents", files: map[string][]byte{"d.yaml": append(append([]byte(nil), mine...), "---\nfacts: []\n"...)},
			args: []string{"data", "import", "$D/d.yaml"}, code: 1, msg: "more than one YAML document", store: true},
		{id: "N43", what: "finance compare deep nesting", files: map[string][]byte{"o.yaml": []byte("offers: " + strings.Repeat("[", 150) + strings.Repeat("]", 150) + "\n")},
			args: []string{"finance", "compare", "$D/o.yaml"}, code: 1, msg: "nesting deeper than 100"},
		{id: "N44", what: "finance schedule --principal 1e21", args: []string{"finance", "schedule", "--principal", "1e21", "--rate", "2", "--maturity", "20", "--grace", "5"}, code: 2, msg: "above 1e+20"},
		{id: "N45", what: "contest analyze on an empty file", files: map[string][]byte{"t.yaml": nil},
			args: []string{"contest", "analyze", "$D/t.yaml"}, code: 1, msg: "the file is empty"},
		{id: "N46", what: "lcc cost 1e400", files: map[string][]byte{"l.yaml": replace(t, study, "horizon: 50", "horizon: 1e400")},
			args: []string{"lcc", "run", "$D/l.yaml"}, code: 1, msg: "analysis.horizon"},
		{id: "N48", what: ".nfg with a UTF-8 BOM", files: map[string][]byte{"g.nfg": append([]byte(bom), game...)},
			args: []string{"game", "solve", "$D/g.nfg"}, code: 0, msg: "equilibri"},
		{id: "N49", what: "--fx CSV with a UTF-8 BOM", files: map[string][]byte{"o.yaml": offers, "fx.csv": []byte(bom + "currency,year,per_usd\nJPY,2015,121\n")},
			args: []string{"finance", "compare", "$D/o.yaml", "--fx", "$D/fx.csv"}, code: 0, msg: "japan"},
		{id: "N50", what: "data import: empty CSV", files: map[string][]byte{"i.csv": []byte(bom + "\n")},
			args: []string{"data", "import", "--kind", "institution", "$D/i.csv"}, code: 1, msg: "i.csv: the file is empty", store: true},
		{id: "N47", what: "game random --hi Inf", args: []string{"game", "random", "--hi", "Inf", "-o", "$D/x.nfg"}, code: 2, msg: "must be finite"},
	}
}

func TestBadInputCatalogue(t *testing.T) {
	cases := catalogue(t)
	for _, c := range cases {
		t.Run(c.id+" "+c.what, func(t *testing.T) {
			dir := t.TempDir()
			db := filepath.Join(dir, "store.db")
			for name, b := range c.files {
				if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if c.setup != nil {
				c.setup(t, dir, db)
			}
			var before string
			if c.store {
				if _, e, code := run(t, db, "data", "summary"); code != 0 {
					t.Fatalf("store setup: %s", e)
				}
				before = storeState(t, db)
			}
			args := append([]string{"--db", db}, c.args...)
			for i := range args {
				args[i] = strings.ReplaceAll(args[i], "$D", dir)
			}
			var out, errb bytes.Buffer
			start := time.Now()
			code := fullcmd.Main(context.Background(), args, bytes.NewReader(c.stdin), &out, &errb)
			took := time.Since(start)
			got := errb.String()
			if c.code == 0 {
				got = out.String()
			}
			if code != c.code || !strings.Contains(got, c.msg) {
				t.Fatalf("exit %d, want %d; want %q in\nstdout: %.500s\nstderr: %.500s", code, c.code, c.msg, out.String(), errb.String())
			}
			for _, bad := range []string{"panic:", "goroutine ", "fatal error", "Go struct", "interface {}", "SQLITE", "constraint failed"} {
				if strings.Contains(errb.String(), bad) {
					t.Errorf("stderr contains %q:\n%.500s", bad, errb.String())
				}
			}
			if c.code != 0 && len(errb.String()) > 2000 {
				t.Errorf("message of %d bytes", len(errb.String()))
			}
			if took > 15*time.Second {
				t.Errorf("took %v", took) // a hang, not a timing threshold: the slowest case takes about 2 s
			}
			if c.store {
				if after := storeState(t, db); after != before {
					t.Errorf("store changed")
				}
			}
		})
	}
}

// storeState is the hash of the store's files (db and WAL) and of its JSON
// export.
func storeState(t *testing.T, db string) string {
	t.Helper()
	// The logical content, not the file's bytes: SQLite may checkpoint
	// the WAL into the file or change its header (a journal mode switched
	// and back) without changing what the store holds.
	h := sha256.New()
	for _, q := range [][]string{{"--format", "json", "data", "export"}, {"--format", "json", "data", "imports"}} {
		out, e, code := run(t, db, q...)
		if code != 0 {
			t.Fatalf("%s: %s", strings.Join(q, " "), e)
		}
		h.Write([]byte(out))
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}

// TestConcurrentImports is R195–R197: imports into one store at the same
// time. Each one either succeeds or fails with a validation message
// (already imported, id already used) or "the store is busy"; never with
// SQLite's constraint text, and the store holds exactly one of them.
func TestConcurrentImports(t *testing.T) {
	mine := example(t, "examples/data/my-projects.yaml")
	other := bytes.ReplaceAll(mine, []byte("Example port expansion"), []byte("Example port expansion, second file"))
	for _, c := range []struct {
		name   string
		a, b   []byte
		refuse string
	}{
		{"R196 same file twice", mine, mine, "already imported"},
		{"R197 same ids, different content", mine, other, "already used"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			db := filepath.Join(dir, "store.db")
			if _, e, code := run(t, db, "data", "summary"); code != 0 {
				t.Fatal(e)
			}
			files := []string{filepath.Join(dir, "a.yaml"), filepath.Join(dir, "b.yaml")}
			os.WriteFile(files[0], c.a, 0o644)
			os.WriteFile(files[1], c.b, 0o644)
			type res struct {
				code int
				err  string
			}
			ch := make(chan res, 2)
			for _, f := range files {
				go func() {
					var out, errb bytes.Buffer
					code := fullcmd.Main(context.Background(), []string{"--db", db, "data", "import", f}, strings.NewReader(""), &out, &errb)
					ch <- res{code, errb.String()}
				}()
			}
			r1, r2 := <-ch, <-ch
			ok := 0
			for _, r := range []res{r1, r2} {
				switch {
				case r.code == 0:
					ok++
				case strings.Contains(r.err, c.refuse) || strings.Contains(r.err, "the store is busy"):
				default:
					t.Errorf("exit %d: %s", r.code, r.err)
				}
				if strings.Contains(r.err, "constraint") || strings.Contains(r.err, "SQLITE") {
					t.Errorf("raw SQLite error: %s", r.err)
				}
			}
			if ok != 1 {
				t.Errorf("%d imports succeeded, want 1: %v %v", ok, r1, r2)
			}
		})
	}
}

// TestInternalError: a panic in a command (here: no standard input at all)
// is one line and a hint, exit code 3; --debug adds the stack trace.
func TestInternalError(t *testing.T) {
	for _, debug := range []bool{false, true} {
		var out, errb bytes.Buffer
		app := &cli.App{Out: &out, Err: &errb} // In is nil: reading it panics
		args := []string{"--db", filepath.Join(t.TempDir(), "s.db"), "game", "solve", "-"}
		if debug {
			args = append([]string{"--debug"}, args...)
		}
		code := app.Run(context.Background(), args)
		msg := errb.String()
		if code != cli.ExitInternal || !strings.HasPrefix(msg, "infragame: internal error: ") {
			t.Fatalf("exit %d: %s", code, msg)
		}
		if trace := strings.Contains(msg, "goroutine ") || strings.Contains(msg, ".go:"); trace != debug {
			t.Errorf("--debug %v: trace shown %v:\n%s", debug, trace, msg)
		}
		if !debug && strings.Count(msg, "\n") != 2 {
			t.Errorf("want two lines, got:\n%s", msg)
		}
	}
}
