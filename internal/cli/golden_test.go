package cli_test

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"

	"github.com/infragame/infragame/dataset"
	"github.com/infragame/infragame/internal/cli"
	"github.com/infragame/infragame/internal/cli/fullcmd"
)

var updateGolden = flag.Bool("update-golden", false, "rewrite internal/cli/testdata/golden from the commands' output")

// goldenCommands gives every leaf command one invocation on the embedded
// data and the repository's examples. kind says what is pinned: "records"
// (JSON and every CSV table), "text" (what the command prints: a Gambit
// file, a message) or "run" (only that it succeeds: output that embeds the
// build, a path or the time).
var goldenCommands = []struct {
	name, kind string
	args       []string
}{
	{"auction-bid", "records", []string{"auction", "bid", "examples/auction/issue.yaml", "weak", "0.5"}},
	{"auction-solve", "records", []string{"auction", "solve", "examples/auction/issue.yaml"}},
	{"brief", "records", []string{"brief"}},
	{"serve", "server", []string{"serve", "--addr", "127.0.0.1:0"}},
	{"contest-analyze", "records", []string{"contest", "analyze", "case:jakarta-bandung-2015"}},
	{"contest-map", "records", []string{"contest", "map", "case:jakarta-bandung-2015", "--synergies", "0,10", "--powers", "0,50,100"}},
	{"coop-bargain", "records", []string{"coop", "bargain", "examples/coop/bargain.yaml"}},
	{"coop-solve", "records", []string{"coop", "solve", "examples/coop/glove.yaml"}},
	{"data-export", "records", []string{"data", "export", "--kind", "project"}},
	{"data-import", "text", []string{"data", "import", "--dry-run", "examples/data/my-projects.yaml"}},
	{"data-imports", "records", []string{"data", "imports"}},
	{"data-remove-import", "run", []string{"data", "remove-import", "--help"}},
	{"data-list", "records", []string{"data", "list", "project", "--region", "asia"}},
	{"data-search", "records", []string{"data", "search", "9.26", "trillion"}},
	{"data-show", "records", []string{"data", "show", "jakarta-bandung-hsr"}},
	{"data-summary", "records", []string{"data", "summary"}},
	{"data-validate", "text", []string{"data", "validate", "examples/data/my-projects.yaml"}},
	{"finance-compare", "records", []string{"finance", "compare", "examples/finance/jakarta-bandung.yaml"}},
	{"finance-fx", "records", []string{"finance", "fx"}},
	{"finance-ge", "records", []string{"finance", "ge", "--rate", "0.1", "--maturity", "40", "--grace", "10"}},
	{"finance-schedule", "records", []string{"finance", "schedule", "--principal", "100", "--rate", "2", "--maturity", "10", "--grace", "2"}},
	{"finance-surface", "records", []string{"finance", "surface", "--rates", "0:2:1", "--y", "0:10:5", "--maturity", "30"}},
	{"game-check", "records", []string{"game", "check", "examples/game/bos.nfg", "2/3,1/3,1/3,2/3"}},
	{"game-convert", "text", []string{"game", "convert", "examples/game/entry.efg", "--to", "nfg"}},
	{"game-dominance", "records", []string{"game", "dominance", "examples/game/rps.nfg"}},
	{"game-from-case", "text", []string{"game", "from-case", "case:jakarta-bandung-2015"}},
	{"game-from-case-grid", "records", []string{"game", "from-case", "case:jakarta-bandung-2015"}},
	{"game-random", "text", []string{"game", "random", "--strategies", "3x3", "--seed", "1"}},
	{"lcc-migrate", "text", []string{"lcc", "migrate", "lcc/testdata/two_offers.yaml"}},
	{"tender-migrate", "text", []string{"tender", "migrate", "tender/testdata/three.yaml"}},
	{"sim-migrate", "text", []string{"sim", "migrate", "market/testdata/fractions.yaml"}},
	{"game-solve", "records", []string{"game", "solve", "examples/game/bos.nfg"}},
	{"lcc-run", "records", []string{"lcc", "run", "examples/lcc/hsr_two_offers.yaml"}},
	{"report-brief", "run", []string{"report", "brief", "-o", "brief.html"}},
	{"report-case", "run", []string{"report", "case", "case:jakarta-bandung-2015", "--breakevens", "1", "-o", "case.html"}},
	{"report-finance", "run", []string{"report", "finance", "examples/finance/jakarta-bandung.yaml", "-o", "finance.html"}},
	{"report-sim", "run", []string{"report", "sim", "baseline", "--runs", "5", "-o", "sim.html"}},
	{"sim-calibrate", "records", []string{"sim", "calibrate"}},
	{"sim-compare", "records", []string{"sim", "compare", "baseline", "price-war", "--runs", "10"}},
	{"sim-params", "records", []string{"sim", "params"}},
	{"sim-run", "records", []string{"sim", "run", "baseline", "--runs", "10"}},
	{"sim-run-rows", "text", []string{"sim", "run", "market/testdata/fractions.yaml", "--runs", "1", "--rows", "-"}},
	{"sim-scenarios", "records", []string{"sim", "scenarios"}},
	{"sim-validate", "text", []string{"sim", "validate", "market/scenarios/price-war.yaml"}},
	{"sim-validate-records", "records", []string{"sim", "validate", "market/scenarios/price-war.yaml"}},
	{"sweep-design", "records", []string{"sweep", "design", "examples/sweep/contest_grid.yaml"}},
	{"sweep-run", "run", []string{"sweep", "run", "examples/sweep/sim_morris.yaml", "--out", "sm"}},
	{"sweep-merge", "run", []string{"sweep", "merge", "sm", "-o", "sm.csv"}},
	{"sweep-analyze", "records", []string{"sweep", "analyze", "sm.csv"}},
	{"report-sweep", "run", []string{"report", "sweep", "sm.csv", "-o", "sweep.html"}},
	{"sweep-slurm", "run", []string{"sweep", "slurm", "examples/sweep/contest_grid.yaml", "--array", "2", "--out", "cgs"}},
	{"tender-backtest", "records", []string{"tender", "backtest"}},
	{"tender-breakeven", "records", []string{"tender", "breakeven", "case:jakarta-bandung-2015", "--param", "host.shadow_price", "--min", "0", "--max", "3"}},
	{"tender-cases", "records", []string{"tender", "cases"}},
	{"tender-evaluate", "records", []string{"tender", "evaluate", "case:jakarta-bandung-2015"}},
	{"tender-map", "records", []string{"tender", "map", "case:jakarta-bandung-2015", "--x", "host.shadow_price", "--y", "host.discount_rate", "--nx", "3", "--ny", "3"}},
	{"tender-tornado", "records", []string{"tender", "tornado", "case:jakarta-bandung-2015", "--pct", "20"}},
	{"version", "run", []string{"version"}},
}

// TestGoldenOutputs pins the output contract of every command: "records"
// commands print one valid JSON document (no NaN or Inf can be encoded) and,
// with --format csv --csv-dir, rectangular tables whose numbers are plain;
// both are compared with testdata/golden (outputs over 64 KiB by SHA-256).
// "go test ./internal/cli -run TestGoldenOutputs -update-golden" rewrites
// them after an intended change. A test also fails when a command has no
// entry here, so a new command cannot skip the contract.
func TestGoldenOutputs(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join(root, "internal", "cli", "testdata", "golden")
	work := scratchRepo(t, root)
	db := filepath.Join(work, "golden.db")
	// Every command that reads records must say so (cli.ReadsRecords): the
	// front hands such a command to infragame-full when a database exists.
	full := fullcmd.Full()
	storeRecords, read := full.Records, false
	full.Records = func(ctx context.Context, a *cli.App) (*dataset.Set, error) {
		read = true
		return storeRecords(ctx, a)
	}
	exec := func(args ...string) (string, string, int) {
		var out, errb bytes.Buffer
		read = false
		a := &cli.App{In: strings.NewReader(""), Out: &out, Err: &errb, Full: full}
		code := a.Run(t.Context(), append([]string{"--db", db, "--no-progress"}, args...))
		if c, _, err := fullcmd.RootCommand().Find(args); read && err == nil && !cli.ReadsRecords(c) {
			t.Errorf("%q read the dataset's records but is not marked so (cli.readingRecords): the front would not hand it to infragame-full when a database exists", c.CommandPath())
		}
		return out.String(), errb.String(), code
	}
	covered := map[string]bool{}
	for _, gc := range goldenCommands {
		covered["infragame "+strings.Join(gc.args[:leafDepth(gc.args)], " ")] = true
		t.Run(gc.name, func(t *testing.T) {
			switch gc.kind {
			case "server":
				checkServer(t, db, gc.args)
			case "run":
				if _, errOut, code := exec(gc.args...); code != 0 {
					t.Fatalf("exit %d: %s", code, errOut)
				}
			case "text":
				out, errOut, code := exec(gc.args...)
				if code != 0 {
					t.Fatalf("exit %d: %s", code, errOut)
				}
				compareGolden(t, filepath.Join(golden, gc.name+".txt"), out)
			case "records":
				out, errOut, code := exec(append([]string{"--format", "json"}, gc.args...)...)
				if code != 0 {
					t.Fatalf("json: exit %d: %s", code, errOut)
				}
				if !json.Valid([]byte(out)) {
					t.Fatalf("json: not one valid JSON document:\n%.300s", out)
				}
				compareGolden(t, filepath.Join(golden, gc.name+".json"), out)
				dir := filepath.Join(work, "csv-"+gc.name)
				_, errOut, code = exec(append([]string{"--format", "csv", "--csv-dir", dir, "--bom=false"}, gc.args...)...)
				if code == 2 && strings.Contains(errOut, "writes one CSV table") {
					out, errOut, code = exec(append([]string{"--format", "csv"}, gc.args...)...)
					if code != 0 {
						t.Fatalf("csv: exit %d: %s", code, errOut)
					}
					checkCSV(t, "stdout", out)
					compareGolden(t, filepath.Join(golden, gc.name+".csv"), out)
					return
				}
				if code != 0 {
					t.Fatalf("csv: exit %d: %s", code, errOut)
				}
				files, _ := filepath.Glob(filepath.Join(dir, "*.csv"))
				sort.Strings(files)
				var all strings.Builder
				for _, f := range files {
					b, err := os.ReadFile(f)
					if err != nil {
						t.Fatal(err)
					}
					checkCSV(t, filepath.Base(f), string(b))
					fmt.Fprintf(&all, "== %s ==\n%s", filepath.Base(f), b)
				}
				compareGolden(t, filepath.Join(golden, gc.name+".csv"), all.String())
			}
		})
	}
	var missing []string
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if !c.HasSubCommands() && c.Name() != "help" && c.Name() != "completion" {
			if !covered[c.CommandPath()] {
				missing = append(missing, c.CommandPath())
			}
		}
		for _, s := range c.Commands() {
			walk(s)
		}
	}
	walk(fullcmd.RootCommand())
	if len(missing) > 0 {
		t.Errorf("commands without a golden entry (add them to goldenCommands): %s", strings.Join(missing, ", "))
	}
}

// leafDepth is how many leading words of args name the command.
func leafDepth(args []string) int {
	groups := []string{"auction", "contest", "coop", "data", "finance", "game", "lcc", "report", "sim", "sweep", "tender"}
	if slices.Contains(groups, args[0]) {
		return 2
	}
	return 1
}

// checkCSV requires one rectangular table: every record has the header's
// number of fields.
func checkCSV(t *testing.T, name, s string) {
	t.Helper()
	r := csv.NewReader(strings.NewReader(s))
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%s: not one rectangular CSV table: %v", name, err)
	}
	if len(recs) == 0 {
		t.Fatalf("%s: empty", name)
	}
}

func compareGolden(t *testing.T, path, got string) {
	t.Helper()
	if len(got) > 64<<10 {
		got = fmt.Sprintf("sha256 %x, %d bytes\n", sha256.Sum256([]byte(got)), len(got))
	}
	if *updateGolden {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update-golden to create it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from the output (run with -update-golden after an intended change):\n%s", filepath.Base(path), firstDiff(string(want), got))
	}
}

func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) || i < len(bl); i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			return fmt.Sprintf("line %d:\n  golden: %.200s\n  output: %.200s", i+1, x, y)
		}
	}
	return ""
}

// checkServer starts a server command on a free port, waits for the line
// with its URL, checks that /api/v1/version answers with JSON, then stops
// it as Ctrl-C would and expects exit code 0.
func checkServer(t *testing.T, db string, args []string) {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	pr, pw := io.Pipe()
	var errb bytes.Buffer
	code := make(chan int, 1)
	go func() {
		code <- fullcmd.Main(ctx, append([]string{"--db", db, "--no-progress"}, args...), strings.NewReader(""), pw, &errb)
		pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatalf("no URL printed: %v (stderr: %s)", err, errb.String())
	}
	u := regexp.MustCompile(`http://\S+/`).FindString(line)
	if u == "" {
		t.Fatalf("no URL in %q", line)
	}
	go func() { _, _ = io.Copy(io.Discard, pr) }()
	resp, err := http.Get(u + "api/v1/version")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !json.Valid(b) {
		t.Fatalf("GET /api/v1/version: %d %s", resp.StatusCode, b)
	}
	cancel()
	select {
	case c := <-code:
		if c != 0 {
			t.Fatalf("serve exited %d after the context was cancelled: %s", c, errb.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop within 10 s of cancellation")
	}
}
