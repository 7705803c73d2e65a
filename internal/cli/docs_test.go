package cli_test

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/infragame/infragame/internal/cli/fullcmd"
)

var updateDocs = flag.Bool("update-docs", false, "rewrite the outputs shown in README.md and docs/*.md from the commands' actual output")

// TestDocsExamples runs every command shown in README.md and docs/*.md as
// "$ infragame ..." inside a fenced block, from a scratch copy of the
// repository's layout (examples, cases and test data are reachable by the
// paths the docs use; files a command writes land in the scratch
// directory), and compares what it prints — standard output, then standard
// error, as a terminal shows them — with the lines shown under it. The
// shown lines may be an excerpt: they must appear, in order and
// contiguously, in the output (trailing spaces ignored). A command whose
// shown output is empty must succeed. "go test ./internal/cli -run
// TestDocsExamples -update-docs" rewrites the shown lines from the actual
// output (an excerpt keeps its length and starts at its first line).
func TestDocsExamples(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(root, "docs", "*.md"))
	files = append([]string{filepath.Join(root, "README.md")}, files...)
	work := scratchRepo(t, root)
	db := filepath.Join(work, "docs.db")
	n := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(string(data), "\n")
		var updates []docUpdate
		for _, ex := range docExamples(lines) {
			n++
			name := filepath.Base(f) + ":" + strconv.Itoa(ex.line+1)
			got, code := runDocCommand(t, db, ex.cmd)
			if strings.Contains(ex.cmd, "# needs a Slurm cluster") {
				continue // submitting needs a cluster: the Slurm test in sweep_slurm_test.go covers it
			}
			if ex.bare || len(ex.shown) == 0 {
				if code != 0 {
					t.Errorf("%s: %s: exit %d\n%s", name, ex.cmd, code, got)
				}
				continue
			}
			if containsBlock(got, ex.shown) {
				continue
			}
			if *updateDocs {
				repl := excerptOf(got, ex.shown)
				for k := range repl {
					if repl[k] != "" {
						repl[k] = ex.indent + repl[k]
					}
				}
				updates = append(updates, docUpdate{ex.start, ex.end, repl})
				t.Logf("%s: updated", name)
				continue
			}
			t.Errorf("%s: %s\nshown:\n%s\nactual:\n%s", name, ex.cmd, strings.Join(ex.shown, "\n"), strings.Join(got, "\n"))
		}
		for k := len(updates) - 1; k >= 0; k-- { // from the end: earlier positions stay valid
			u := updates[k]
			lines = append(lines[:u.start], append(u.lines, lines[u.end:]...)...)
		}
		if len(updates) > 0 {
			if err := os.WriteFile(f, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
				t.Fatal(err)
			}
			t.Errorf("%s rewritten: run the test again to check it", f)
		}
	}
	if n < 40 {
		t.Errorf("only %d documented commands found", n)
	}
}

type docUpdate struct {
	start, end int
	lines      []string
}

type docExample struct {
	line       int // of the "$ infragame" line
	cmd        string
	shown      []string
	start, end int // the shown lines are lines[start:end]
	indent     string
	bare       bool // an indented "infragame ..." line without output
}

// docExamples finds the documented commands: "$ infragame ..." lines in
// fenced blocks, each with the lines under it up to the next "$ " line or
// the end of the block; the same in indented (four-space) blocks; and
// "infragame ..." lines of indented blocks, which show no output and must
// succeed. A command may continue over lines ending in "\".
func docExamples(lines []string) []docExample {
	var out []docExample
	in := false
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if strings.HasPrefix(l, "```") {
			in = !in
			continue
		}
		indent := ""
		switch {
		case in && strings.HasPrefix(l, "$ infragame"):
		case !in && strings.HasPrefix(l, "    $ infragame"):
			indent = "    "
		case !in && strings.HasPrefix(l, "    infragame "):
			ex := docExample{line: i, cmd: strings.TrimSpace(l), start: i + 1, end: i + 1, bare: true}
			for strings.HasSuffix(ex.cmd, "\\") && i+1 < len(lines) {
				i++
				ex.cmd = strings.TrimSuffix(ex.cmd, "\\") + " " + strings.TrimSpace(lines[i])
				ex.start, ex.end = i+1, i+1
			}
			out = append(out, ex)
			continue
		default:
			continue
		}
		ex := docExample{line: i, cmd: strings.TrimPrefix(strings.TrimPrefix(l, indent), "$ ")}
		for strings.HasSuffix(ex.cmd, "\\") && i+1 < len(lines) {
			i++
			ex.cmd = strings.TrimSuffix(ex.cmd, "\\") + " " + strings.TrimSpace(lines[i])
		}
		ex.start = i + 1
		j := i + 1
		if indent == "" {
			for j < len(lines) && !strings.HasPrefix(lines[j], "```") && !strings.HasPrefix(lines[j], "$ ") {
				j++
			}
		} else {
			for j < len(lines) && strings.HasPrefix(lines[j], indent) && !strings.HasPrefix(lines[j], indent+"$ ") {
				j++
			}
		}
		ex.end = j
		for _, s := range lines[ex.start:j] {
			ex.shown = append(ex.shown, strings.TrimPrefix(s, indent))
		}
		ex.indent = indent
		out = append(out, ex)
		i = j - 1
	}
	return out
}

var shellWord = regexp.MustCompile(`'[^']*'|"[^"]*"|\S+`)

// runDocCommand runs one documented command line: commands joined by "&&"
// run in turn; words are split as a shell would for the quoting the docs
// use. It returns stdout then stderr as lines, and the last exit code.
func runDocCommand(t *testing.T, db, line string) ([]string, int) {
	t.Helper()
	var all bytes.Buffer
	code := 0
	for _, part := range strings.Split(line, "&&") {
		words := shellWord.FindAllString(strings.TrimSpace(part), -1)
		if len(words) == 0 || words[0] != "infragame" {
			t.Fatalf("documented command %q is not an infragame command", part)
		}
		var args []string
		redirect := ""
		for k := 1; k < len(words); k++ {
			w := words[k]
			if strings.HasPrefix(w, "#") {
				break
			}
			if w == ">" && k+1 < len(words) {
				redirect = words[k+1]
				break
			}
			args = append(args, strings.Trim(w, `'"`))
		}
		var out, errb bytes.Buffer
		full := append([]string{"--db", db, "--no-progress"}, args...)
		code = fullcmd.Main(context.Background(), full, strings.NewReader(""), &out, &errb)
		if redirect != "" {
			if err := os.WriteFile(redirect, out.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			out.Reset()
		}
		all.Write(out.Bytes())
		all.Write(errb.Bytes())
		if code != 0 {
			break
		}
	}
	s := strings.TrimRight(all.String(), "\n")
	var lines []string
	for _, l := range strings.Split(s, "\n") {
		lines = append(lines, strings.TrimRight(l, " \t"))
	}
	return lines, code
}

// containsBlock reports whether shown appears in got as contiguous lines
// (trailing spaces ignored); a line "..." or "…" in shown stands for any
// number of omitted lines, and "…" within a line for omitted text, so an
// excerpt may skip part of the output.
func containsBlock(got, shown []string) bool {
	for len(shown) > 0 && strings.TrimSpace(shown[len(shown)-1]) == "" {
		shown = shown[:len(shown)-1]
	}
	var segs [][]string
	cur := []string{}
	for _, s := range shown {
		if t := strings.TrimSpace(s); t == "..." || t == "…" {
			segs = append(segs, cur)
			cur = []string{}
			continue
		}
		cur = append(cur, strings.TrimRight(s, " \t"))
	}
	segs = append(segs, cur)
	pos := 0
	for _, seg := range segs {
		if len(seg) == 0 {
			continue
		}
		found := -1
		for i := pos; i+len(seg) <= len(got); i++ {
			ok := true
			for k, s := range seg {
				if !lineMatches(s, got[i+k]) {
					ok = false
					break
				}
			}
			if ok {
				found = i
				break
			}
		}
		if found < 0 {
			return false
		}
		pos = found + len(seg)
	}
	return true
}

// lineMatches compares a shown line with an output line; a "…" in the
// shown line stands for omitted text within the line.
func lineMatches(shown, got string) bool {
	if !strings.Contains(shown, "…") {
		return shown == got
	}
	parts := strings.Split(shown, "…")
	if !strings.HasPrefix(got, parts[0]) {
		return false
	}
	rest := got[len(parts[0]):]
	for _, p := range parts[1 : len(parts)-1] {
		i := strings.Index(rest, p)
		if i < 0 {
			return false
		}
		rest = rest[i+len(p):]
	}
	return strings.HasSuffix(rest, parts[len(parts)-1])
}

// excerptOf picks the lines of got to show in place of shown: the whole
// output when it is not much longer than what was shown, else as many lines
// as were shown from where shown's first line occurs (or from the start).
func excerptOf(got, shown []string) []string {
	n := len(shown)
	for n > 0 && strings.TrimSpace(shown[n-1]) == "" {
		n--
	}
	trail := shown[n:]
	if len(got) <= 2*n+10 {
		return append(append([]string{}, got...), trail...)
	}
	from := 0
	for i, g := range got {
		if g == strings.TrimRight(shown[0], " \t") {
			from = i
			break
		}
	}
	end := min(from+n, len(got))
	return append(append([]string{}, got[from:end]...), trail...)
}

// scratchRepo makes a working directory that looks like the repository
// (every top-level entry linked, so the paths the docs use resolve) and
// changes into it for the test. examples/ is copied instead: commands write
// next to their inputs (sweep outputs, Slurm scripts), and must never touch
// the repository's files.
func scratchRepo(t *testing.T, root string) string {
	t.Helper()
	work := t.TempDir()
	entries, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			continue
		}
		src, dst := filepath.Join(root, e.Name()), filepath.Join(work, e.Name())
		if e.Name() == "examples" {
			err = os.CopyFS(dst, os.DirFS(src))
		} else {
			err = os.Symlink(src, dst)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(work)
	return work
}
