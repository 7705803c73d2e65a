package main_test

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestFrontLinksNoStoreOrWeb: the front must not link SQLite or the web
// server, whose package initialisers were most of the start-up time of
// "infragame version" (BENCHMARKS.md, "Start-up and binary size").
func TestFrontLinksNoStoreOrWeb(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	for _, p := range strings.Fields(string(out)) {
		switch p {
		case "modernc.org/sqlite", "net/http",
			"github.com/infragame/infragame/store",
			"github.com/infragame/infragame/web",
			"github.com/infragame/infragame/internal/cli/fullcmd":
			t.Errorf("cmd/infragame links %s; the commands that need it belong to infragame-full", p)
		}
	}
}

// TestMainsGrowStackEarly: both programs import internal/mainstack, which
// saves the runtime copying the main goroutine's stack deep inside start-up
// (see the package).
func TestMainsGrowStackEarly(t *testing.T) {
	for _, dir := range []string{".", "../infragame-full"} {
		out, err := exec.Command("go", "list", "-f", `{{join .Imports " "}}`, dir).Output()
		if err != nil {
			t.Fatalf("go list %s: %v", dir, err)
		}
		if !strings.Contains(" "+string(out)+" ", " github.com/infragame/infragame/internal/mainstack ") {
			t.Errorf("%s does not import internal/mainstack", dir)
		}
	}
}

// build compiles the front and the full program into one new directory
// and returns it.
func build(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds both programs")
	}
	dir := t.TempDir()
	cmd := exec.Command("go", "build", "-o", dir+string(filepath.Separator), ".", "../infragame-full")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return dir
}

// result is what a process printed and its exit code.
type result struct {
	stdout, stderr string
	code           int
}

// env is a clean environment: a new home (so no database of the user's is
// seen), no INFRAGAME_* or XDG_* variables, PATH as given, and extra.
func env(home, path string, extra ...string) []string {
	e := []string{"HOME=" + home, "PATH=" + path}
	return append(e, extra...)
}

// runIn runs bin with args from the repository's root (the examples are
// there) in environment e.
func runIn(t *testing.T, e []string, stdin string, bin string, args ...string) result {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir = filepath.Join("..", "..")
	cmd.Env = e
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("%s %q: %v", bin, args, err)
	}
	return result{out.String(), errb.String(), code}
}

// TestFrontMatchesFull runs commands of every kind through the front and
// through infragame-full, each in a home of its own, and requires the same
// standard output, standard error and exit code: the commands the front
// runs itself, those it hands off (data, serve, help of either, a command
// reading an existing database) and usage errors.
func TestFrontMatchesFull(t *testing.T) {
	dir := build(t)
	front, full := filepath.Join(dir, "infragame"), filepath.Join(dir, "infragame-full")
	// a database of the user's, with an import, so that the records differ
	// from the embedded data
	shared := t.TempDir()
	db := filepath.Join(shared, "mine.db")
	if r := runIn(t, env(shared, os.Getenv("PATH")), "", full, "--db", db, "data", "import", "examples/data/my-projects.yaml"); r.code != 0 {
		t.Fatalf("data import: %+v", r)
	}
	path := os.Getenv("PATH")
	for _, tc := range []struct {
		name  string
		args  []string
		stdin string
		code  int
	}{
		{"version", []string{"version"}, "", 0},
		{"version-json", []string{"version", "--format", "json"}, "", 0},
		{"help", []string{"--help"}, "", 0},
		{"no-args", nil, "", 0},
		{"game-solve", []string{"game", "solve", "examples/game/bos.nfg"}, "", 0},
		{"game-solve-stdin", []string{"game", "solve", "-"}, mustRead(t, "../../examples/game/rps.nfg"), 0},
		{"finance-ge", []string{"finance", "ge", "--rate", "2", "--maturity", "20", "--grace", "5"}, "", 0},
		{"lcc-run", []string{"lcc", "run", "examples/lcc/hsr_two_offers.yaml"}, "", 0},
		{"brief-no-db", []string{"brief"}, "", 0},
		{"brief-memory", []string{"--db", ":memory:", "brief", "--format", "json"}, "", 0},
		{"brief-db", []string{"--db", db, "brief"}, "", 0},
		{"data-summary-db", []string{"--db", db, "data", "summary"}, "", 0},
		{"finance-fx-db", []string{"finance", "fx", "--db", db}, "", 0},
		{"finance-compare-project", []string{"finance", "compare", "--project", "jakarta-bandung-hsr"}, "", 0},
		{"report-brief-db", []string{"--db", db, "report", "brief", "--lang", "xx"}, "", 2},
		{"data-list", []string{"data", "list", "project", "--exporter", "JP"}, "", 0},
		{"data-search", []string{"data", "search", "雅万"}, "", 0},
		{"data-help", []string{"data", "--help"}, "", 0},
		{"help-data", []string{"help", "data"}, "", 0},
		{"serve-help", []string{"serve", "--help"}, "", 0},
		{"serve-bad-flag", []string{"serve", "--adr", "x"}, "", 2},
		{"unknown-flag", []string{"--bogus", "version"}, "", 2},
		{"unknown-command", []string{"dat"}, "", 2},
		{"unknown-subcommand", []string{"game", "solvee"}, "", 2},
		{"data-unknown-subcommand", []string{"data", "lst"}, "", 2},
		{"unusual-rate", []string{"finance", "ge", "--rate", "0.02", "--maturity", "20", "--grace", "5"}, "", 2},
		{"missing-file", []string{"game", "solve", "no-such.nfg"}, "", 1},
		{"data-show-missing", []string{"data", "show", "no-such-id"}, "", 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := runIn(t, env(t.TempDir(), path), tc.stdin, front, tc.args...)
			g := runIn(t, env(t.TempDir(), path), tc.stdin, full, tc.args...)
			if f != g {
				t.Errorf("front and full differ:\nfront exit %d\nstdout %q\nstderr %q\nfull exit %d\nstdout %q\nstderr %q",
					f.code, clip(f.stdout), f.stderr, g.code, clip(g.stdout), g.stderr)
			}
			if g.code != tc.code {
				t.Errorf("exit %d, want %d; stderr %q", g.code, tc.code, g.stderr)
			}
		})
	}
}

func mustRead(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func clip(s string) string {
	if len(s) > 2000 {
		return s[:2000] + "…"
	}
	return s
}

// TestFrontWithoutFull: alone, the front runs what it can (the README's
// quick start, "brief", on a machine with no database) and says what to
// install for the rest.
func TestFrontWithoutFull(t *testing.T) {
	dir := build(t)
	alone := t.TempDir()
	front := filepath.Join(alone, "infragame")
	b, err := os.ReadFile(filepath.Join(dir, "infragame"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(front, b, 0o755); err != nil {
		t.Fatal(err)
	}
	empty := t.TempDir() // PATH: no infragame-full anywhere
	home := t.TempDir()
	if r := runIn(t, env(home, empty), "", front, "brief"); r.code != 0 || !strings.Contains(r.stdout, "jp-infra-export-target-2020") {
		t.Errorf("brief without a database: exit %d, stderr %q", r.code, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(home, ".local")); err == nil {
		t.Errorf("the front created files under the home directory")
	}
	// A database at the default location, no infragame-full (the front
	// run by "go run ./cmd/infragame"): the embedded data, with a note
	// naming the database that was not read.
	withDB := t.TempDir()
	def := filepath.Join(withDB, ".local", "share", "infragame", "infragame.db")
	if err := os.MkdirAll(filepath.Dir(def), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(def, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	noDB := runIn(t, env(home, empty), "", front, "brief")
	if r := runIn(t, env(withDB, empty), "", front, "brief"); r.code != 0 || r.stdout != noDB.stdout || !strings.Contains(r.stderr, "note: your database "+def+" is not read") || !strings.Contains(r.stderr, "go install ./cmd/...") {
		t.Errorf("brief with a default database and no infragame-full: exit %d, stderr %q, same output %v", r.code, r.stderr, r.stdout == noDB.stdout)
	}
	db := filepath.Join(home, "mine.db")
	if err := os.WriteFile(db, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args  []string
		extra []string
		want  []string
	}{
		{[]string{"data", "list", "fact"}, nil, []string{"infragame: data needs infragame-full", "go install ./cmd/...", "INFRAGAME_FULL"}},
		{[]string{"serve"}, nil, []string{"infragame: serve needs infragame-full"}},
		{[]string{"--db", db, "brief"}, nil, []string{`"infragame brief" with the database ` + db + " needs infragame-full"}},
		{[]string{"brief"}, []string{"INFRAGAME_DB=" + db}, []string{`"infragame brief" with the database ` + db}},
		{[]string{"data", "list", "fact"}, []string{"INFRAGAME_FULL=" + filepath.Join(empty, "nothing")}, []string{"$INFRAGAME_FULL:", "nothing"}},
		{[]string{"data", "list", "fact"}, []string{"INFRAGAME_FULL=" + front}, []string{"is this program, not infragame-full"}},
	} {
		r := runIn(t, env(home, empty, tc.extra...), "", front, tc.args...)
		if r.code != 1 || r.stdout != "" {
			t.Errorf("%q %q: exit %d, stdout %q; want exit 1 and nothing written", tc.extra, tc.args, r.code, r.stdout)
		}
		for _, w := range tc.want {
			if !strings.Contains(r.stderr, w) {
				t.Errorf("%q %q: stderr %q lacks %q", tc.extra, tc.args, r.stderr, w)
			}
		}
	}
}

// TestHandOffIsExec: on Unix the front becomes infragame-full in the same
// process, so Ctrl-C reaches the full program, which stops the server
// cleanly (exit 0), and the process is the full program's.
func TestHandOffIsExec(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("reads /proc")
	}
	dir := build(t)
	cmd := exec.Command(filepath.Join(dir, "infragame"), "serve", "--addr", "127.0.0.1:0")
	cmd.Env = env(t.TempDir(), os.Getenv("PATH"))
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var errb bytes.Buffer
	cmd.Stderr = &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil || !strings.HasPrefix(line, "infragame serve: http://127.0.0.1:") {
		cmd.Process.Kill()
		t.Fatalf("serve printed %q (%v); stderr %q", line, err, errb.String())
	}
	exe, err := os.Readlink("/proc/" + strconv.Itoa(cmd.Process.Pid) + "/exe")
	if err != nil || filepath.Base(exe) != "infragame-full" {
		t.Errorf("process %d runs %q (%v), want infragame-full", cmd.Process.Pid, exe, err)
	}
	// the full program takes signals over 50 ms after its start
	time.Sleep(200 * time.Millisecond)
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err != nil {
		t.Errorf("serve after Ctrl-C: %v; stderr %q", err, errb.String())
	}
}
