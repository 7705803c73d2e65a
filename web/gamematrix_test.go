package web_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/infragame/infragame/internal/cli/fullcmd"
	"github.com/infragame/infragame/web"
)

// cliText runs `infragame ARGS` in-process (paths under examples/ relative
// to the repository) and returns what it printed, for the commands that
// print a file rather than a document.
func cliText(t testing.TB, args ...string) string {
	t.Helper()
	for i, a := range args {
		if strings.HasPrefix(a, "examples/") {
			args[i] = filepath.Join("..", a)
		}
	}
	var out, errb bytes.Buffer
	if code := fullcmd.Main(t.Context(), append([]string{"--db", ":memory:", "--no-progress"}, args...), strings.NewReader(""), &out, &errb); code != 0 {
		t.Fatalf("infragame %s: exit %d: %s", strings.Join(args, " "), code, errb.String())
	}
	return out.String()
}

func init() {
	matrix := exampleFile("game/bos-matrix.txt")
	pagePaths = append(pagePaths, "/game?game_text="+url.QueryEscape(matrix))
	body := func(kv map[string]any) string {
		b, _ := json.Marshal(kv)
		return string(b)
	}
	for _, c := range []struct{ path, body string }{
		{"/api/v1/game/solve", body(map[string]any{"game": matrix, "method": "lcp"})},
		{"/api/v1/game/solve", body(map[string]any{"game": "2,1 0,0\n0,0 1"})},
		{"/api/v1/game/convert", body(map[string]any{"game": matrix})},
		{"/api/v1/game/convert", body(map[string]any{"game": exampleFile("game/entry.efg"), "to": "nfg"})},
		{"/api/v1/game/convert", body(map[string]any{"game": matrix, "to": "xls"})},
	} {
		apiCalls = append(apiCalls, struct{ method, path, body string }{"POST", c.path, c.body})
	}
}

// TestGameMatrixEqualsCLI: a payoff matrix is solved, checked and
// converted by the API as `infragame game solve|check|convert` read the
// same text from a file; the game page shows the CLI's numbers and offers
// the game as an .nfg file (the bytes of `game convert --to nfg`); a bad
// matrix is a 400 at its line and column.
func TestGameMatrixEqualsCLI(t *testing.T) {
	ts := newServer(t, web.Config{})
	matrix := example(t, "game/bos-matrix.txt")
	for _, c := range []struct {
		path string
		req  map[string]any
		cli  []string
	}{
		{"/api/v1/game/solve", map[string]any{"game": matrix}, []string{"game", "solve", "examples/game/bos-matrix.txt"}},
		{"/api/v1/game/solve", map[string]any{"game": matrix, "method": "lcp"}, []string{"game", "solve", "examples/game/bos-matrix.txt", "--method", "lcp"}},
		{"/api/v1/game/check", map[string]any{"game": matrix, "profile": "2/3,1/3,1/3,2/3"}, []string{"game", "check", "examples/game/bos-matrix.txt", "2/3,1/3,1/3,2/3"}},
	} {
		status, _, got := postJSON(t, ts, c.path, c.req)
		if want := runCLI(t, c.cli...); status != 200 || !jsonEqual(t, got, want) {
			t.Errorf("%s: %d, differs from the CLI's:\n%.400s\nwant\n%.400s", strings.Join(c.cli, " "), status, got, want)
		}
	}
	// The same game as bos.nfg: the same equilibria.
	var a, b struct {
		Equilibria []struct {
			Exact [][]string `json:"exact"`
		} `json:"equilibria"`
	}
	_ = json.Unmarshal([]byte(runCLI(t, "game", "solve", "examples/game/bos-matrix.txt")), &a)
	_ = json.Unmarshal([]byte(runCLI(t, "game", "solve", "examples/game/bos.nfg")), &b)
	if len(a.Equilibria) != 3 || len(a.Equilibria) != len(b.Equilibria) {
		t.Errorf("bos-matrix.txt: %d equilibria, bos.nfg %d", len(a.Equilibria), len(b.Equilibria))
	}

	// Convert: the file's bytes, as the command line prints them.
	for _, c := range []struct {
		req map[string]any
		cli []string
	}{
		{map[string]any{"game": matrix}, []string{"game", "convert", "examples/game/bos-matrix.txt", "--to", "nfg"}},
		{map[string]any{"game": matrix, "to": "efg"}, []string{"game", "convert", "examples/game/bos-matrix.txt", "--to", "efg"}},
		{map[string]any{"game": example(t, "game/entry.efg")}, []string{"game", "convert", "examples/game/entry.efg", "--to", "nfg"}},
	} {
		status, ct, got := postJSON(t, ts, "/api/v1/game/convert", c.req)
		if want := cliText(t, c.cli...); status != 200 || got != want || !strings.HasPrefix(ct, "text/plain") {
			t.Errorf("%s: %d %s:\n%s\nwant\n%s", strings.Join(c.cli, " "), status, ct, got, want)
		}
	}

	// The page: pasted matrix → the CLI's numbers and a download form that
	// posts the game to the convert endpoint.
	_, page := get(t, ts, "/game?lang=zh&method=&game_text="+url.QueryEscape(matrix))
	res := section(t, page, "result", "download-form")
	if d := sameNumbers(htmlValues(t, res), jsonNumbers(t, runCLI(t, "game", "solve", "examples/game/bos-matrix.txt"))); d != "" {
		t.Errorf("game page: %s", d)
	}
	if !strings.Contains(page, `action="/api/v1/game/convert"`) || !strings.Contains(page, "下载 .nfg") {
		t.Errorf("game page: no download form")
	}
	form := url.Values{"game_text": {matrix}, "to": {"nfg"}}
	status, ct, got := post(t, ts, "/api/v1/game/convert", "application/x-www-form-urlencoded", []byte(form.Encode()))
	if want := cliText(t, "game", "convert", "examples/game/bos-matrix.txt", "--to", "nfg"); status != 200 || got != want || !strings.HasPrefix(ct, "text/plain") {
		t.Errorf("download form: %d %s %q", status, ct, got)
	}

	// A bad matrix: the reader's line and column in the problem.
	for _, c := range []struct {
		path      string
		req       map[string]any
		field     string
		line, col int
	}{
		{"/api/v1/game/solve", map[string]any{"game": "2,1 0,0\n0,0 1"}, "game", 2, 6},
		{"/api/v1/game/convert", map[string]any{"game": "2,1 0,0\n0,x 1,2"}, "game", 2, 3},
		{"/api/v1/game/convert", map[string]any{"game": matrix, "to": "xls"}, "to", 0, 0},
	} {
		status, _, body := postJSON(t, ts, c.path, c.req)
		var p web.Problem
		if err := json.Unmarshal([]byte(body), &p); err != nil || status != http.StatusBadRequest || p.Field != c.field || p.Line != c.line || p.Column != c.col {
			t.Errorf("%s %v: %d %+v, want 400 field %q line %d column %d", c.path, c.req, status, p, c.field, c.line, c.col)
		}
	}
}
