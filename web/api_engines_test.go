package web_test

import (
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/infragame/infragame/internal/cli/fullcmd"
	"github.com/infragame/infragame/web"
)

// post sends body to path with the content type ct and returns the status,
// the content type and the body of the answer.
func post(t testing.TB, ts *httptest.Server, path, ct string, body []byte) (int, string, string) {
	t.Helper()
	resp, err := ts.Client().Post(ts.URL+path, ct, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header.Get("Content-Type"), string(b)
}

func postJSON(t testing.TB, ts *httptest.Server, path string, req map[string]any) (int, string, string) {
	t.Helper()
	b, err := json.Marshal(req)
	if err != nil {
		t.Fatal(err)
	}
	return post(t, ts, path, "application/json", b)
}

func example(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "examples", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// runCLI runs `infragame ARGS --format json` in-process on the examples
// (paths relative to the repository) and returns what it printed.
func runCLI(t testing.TB, args ...string) string {
	t.Helper()
	for i, a := range args {
		if strings.HasPrefix(a, "examples/") {
			args[i] = filepath.Join("..", a)
		}
	}
	var out, errb bytes.Buffer
	code := fullcmd.Main(t.Context(), append([]string{"--db", ":memory:", "--no-progress", "--format", "json"}, args...), strings.NewReader(""), &out, &errb)
	if code != 0 && !(code == 1 && strings.Contains(errb.String(), "verification failed")) {
		t.Fatalf("infragame %s: exit %d: %s", strings.Join(args, " "), code, errb.String())
	}
	return out.String()
}

// The engines' calls join apiCalls, so TestAPIResponsesMatchSchema checks
// their requests and responses against openapi.json.
func init() {
	body := func(kv ...any) string {
		m := map[string]any{}
		for i := 0; i < len(kv); i += 2 {
			v := kv[i+1]
			if f, ok := v.(string); ok && strings.HasPrefix(f, "examples/") {
				b, err := os.ReadFile(filepath.Join("..", f))
				if err != nil {
					panic(err)
				}
				v = string(b)
			}
			m[kv[i].(string)] = v
		}
		b, err := json.Marshal(m)
		if err != nil {
			panic(err)
		}
		return string(b)
	}
	for _, c := range []struct{ path, body string }{
		{"/api/v1/game/solve", body("game", "examples/game/bos.nfg")},
		{"/api/v1/game/solve", body("game", "examples/game/rps.nfg", "method", "lp")},
		{"/api/v1/game/solve", body("game", "examples/game/bos.nfg", "method", "logit", "path", true)},
		{"/api/v1/game/solve", body("game", "examples/game/kuhn-poker.efg")},
		{"/api/v1/game/solve", body("game", "examples/game/bos.nfg", "method", "bogus")},
		{"/api/v1/game/check", body("game", "examples/game/bos.nfg", "profile", "1/2,1/2,1,0")},
		{"/api/v1/game/check", body("game", "examples/game/entry.efg", "profile", "0,1,0,1")},
		{"/api/v1/game/check", body("game", "examples/game/bos.nfg")},
		{"/api/v1/coop/solve", body("spec", "examples/coop/consortium.yaml")},
		{"/api/v1/coop/solve", body("spec", "examples/coop/bargain.yaml")},
		{"/api/v1/coop/bargain", body("spec", "examples/coop/bargain.yaml")},
		{"/api/v1/auction/solve", body("spec", "examples/auction/scoring.yaml", "verify", true, "draws", 2000)},
		{"/api/v1/auction/solve", body("spec", "examples/auction/issue.yaml", "grid", -1)},
		{"/api/v1/auction/bid", body("spec", "examples/auction/procurement.yaml", "bidder", "1", "type", 1.5)},
		{"/api/v1/auction/bid", body("spec", "examples/auction/procurement.yaml", "bidder", "9", "type", 1.5)},
	} {
		apiCalls = append(apiCalls, struct{ method, path, body string }{"POST", c.path, c.body})
	}
}

// TestEngineAPIEqualsCLI: for each engine (game, game/efg, coop, auction)
// the API's document equals what `infragame … --format json` prints for
// the same file and options: the two front ends call the same functions.
func TestEngineAPIEqualsCLI(t *testing.T) {
	ts := newServer(t, web.Config{})
	for _, c := range []struct {
		path string
		req  map[string]any
		cli  []string
	}{
		{"/api/v1/game/solve", map[string]any{"game": example(t, "game/bos.nfg")}, []string{"game", "solve", "examples/game/bos.nfg"}},
		{"/api/v1/game/solve", map[string]any{"game": example(t, "game/deg.nfg")}, []string{"game", "solve", "examples/game/deg.nfg"}},
		{"/api/v1/game/solve", map[string]any{"game": example(t, "game/bos.nfg"), "method": "lcp", "label": []int{2}, "recursive": true},
			[]string{"game", "solve", "examples/game/bos.nfg", "--method", "lcp", "--label", "2", "--recursive"}},
		{"/api/v1/game/solve", map[string]any{"game": example(t, "game/rps.nfg"), "method": "lp"}, []string{"game", "solve", "examples/game/rps.nfg", "--method", "lp"}},
		{"/api/v1/game/solve", map[string]any{"game": example(t, "game/bos.nfg"), "method": "logit", "path": true},
			[]string{"game", "solve", "examples/game/bos.nfg", "--method", "logit", "--path"}},
		{"/api/v1/game/solve", map[string]any{"game": example(t, "game/mm.nfg"), "method": "simpdiv"}, []string{"game", "solve", "examples/game/mm.nfg", "--method", "simpdiv"}},
		{"/api/v1/game/solve", map[string]any{"game": example(t, "game/bos.nfg"), "method": "replicator", "max_iter": 500, "tol": 0.01},
			[]string{"game", "solve", "examples/game/bos.nfg", "--method", "replicator", "--max-iter", "500", "--tol", "0.01"}},
		{"/api/v1/game/solve", map[string]any{"game": example(t, "game/entry.efg")}, []string{"game", "solve", "examples/game/entry.efg"}},
		{"/api/v1/game/solve", map[string]any{"game": example(t, "game/kuhn-poker.efg"), "starts": 3}, []string{"game", "solve", "examples/game/kuhn-poker.efg", "--starts", "3"}},
		{"/api/v1/game/solve", map[string]any{"game": example(t, "game/entry.efg"), "method": "enummixed"}, []string{"game", "solve", "examples/game/entry.efg", "--method", "enummixed"}},
		{"/api/v1/game/check", map[string]any{"game": example(t, "game/bos.nfg"), "profile": "2/3,1/3,1/3,2/3"}, []string{"game", "check", "examples/game/bos.nfg", "2/3,1/3,1/3,2/3"}},
		{"/api/v1/game/check", map[string]any{"game": example(t, "game/bos.nfg"), "profile": "0.5,0.5,0.5,0.5", "tol": 1}, []string{"game", "check", "examples/game/bos.nfg", "0.5,0.5,0.5,0.5", "--tol", "1"}},
		{"/api/v1/game/check", map[string]any{"game": example(t, "game/kuhn-poker.efg")}, []string{"game", "check", "examples/game/kuhn-poker.efg"}},
		{"/api/v1/game/check", map[string]any{"game": example(t, "game/entry.efg"), "profile": "1,0,1,0"}, []string{"game", "check", "examples/game/entry.efg", "1,0,1,0"}},
		{"/api/v1/coop/solve", map[string]any{"spec": example(t, "coop/glove.yaml")}, []string{"coop", "solve", "examples/coop/glove.yaml"}},
		{"/api/v1/coop/solve", map[string]any{"spec": example(t, "coop/airport.yaml")}, []string{"coop", "solve", "examples/coop/airport.yaml"}},
		{"/api/v1/coop/solve", map[string]any{"spec": example(t, "coop/security_council.yaml")}, []string{"coop", "solve", "examples/coop/security_council.yaml"}},
		{"/api/v1/coop/bargain", map[string]any{"spec": example(t, "coop/bargain.yaml")}, []string{"coop", "bargain", "examples/coop/bargain.yaml"}},
		{"/api/v1/auction/solve", map[string]any{"spec": example(t, "auction/issue.yaml")}, []string{"auction", "solve", "examples/auction/issue.yaml"}},
		{"/api/v1/auction/solve", map[string]any{"spec": example(t, "auction/procurement.yaml"), "grid": 5, "verify": true, "draws": 3000, "seed": 7},
			[]string{"auction", "solve", "examples/auction/procurement.yaml", "--grid", "5", "--verify", "--draws", "3000", "--seed", "7"}},
		{"/api/v1/auction/solve", map[string]any{"spec": example(t, "auction/scoring.yaml"), "numerical": true}, []string{"auction", "solve", "examples/auction/scoring.yaml", "--numerical"}},
		{"/api/v1/auction/bid", map[string]any{"spec": example(t, "auction/issue.yaml"), "bidder": "weak", "type": 0.5}, []string{"auction", "bid", "examples/auction/issue.yaml", "weak", "0.5"}},
		{"/api/v1/auction/bid", map[string]any{"spec": example(t, "auction/scoring.yaml"), "bidder": "1", "type": 1.2}, []string{"auction", "bid", "examples/auction/scoring.yaml", "1", "1.2"}},
	} {
		name := strings.Join(c.cli, " ")
		status, _, got := postJSON(t, ts, c.path, c.req)
		if status != http.StatusOK {
			t.Errorf("%s: status %d: %.300s", name, status, got)
			continue
		}
		if want := runCLI(t, c.cli...); !jsonEqual(t, got, want) {
			t.Errorf("%s: the API's document differs from the CLI's:\n%.600s\nwant\n%.600s", name, got, want)
		}
	}
}

// TestEngineAPIForms: the file as the body with the options in the query,
// a page's URL-encoded form (the file pasted in game_text) and a multipart
// form (the file uploaded) give the same document as JSON.
func TestEngineAPIForms(t *testing.T) {
	ts := newServer(t, web.Config{})
	bos := example(t, "game/bos.nfg")
	_, _, want := postJSON(t, ts, "/api/v1/game/solve", map[string]any{"game": bos, "method": "lcp", "label": []int{1, 3}})
	if status, _, got := post(t, ts, "/api/v1/game/solve?method=lcp&label=1,3", "text/plain", []byte(bos)); status != 200 || !jsonEqual(t, got, want) {
		t.Errorf("file as the body: %d %.300s", status, got)
	}
	form := url.Values{"game_text": {bos}, "method": {"lcp"}, "label": {"1,3"}}
	if status, _, got := post(t, ts, "/api/v1/game/solve", "application/x-www-form-urlencoded", []byte(form.Encode())); status != 200 || !jsonEqual(t, got, want) {
		t.Errorf("URL-encoded form: %d %.300s", status, got)
	}
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	fw, err := mw.CreateFormFile("game", "bos.nfg")
	if err != nil {
		t.Fatal(err)
	}
	fw.Write([]byte(bos))
	mw.WriteField("method", "lcp")
	mw.WriteField("label", "1")
	mw.WriteField("label", "3")
	mw.Close()
	if status, _, got := post(t, ts, "/api/v1/game/solve", mw.FormDataContentType(), b.Bytes()); status != 200 || !jsonEqual(t, got, want) {
		t.Errorf("multipart upload: %d %.300s", status, got)
	}
	issue := example(t, "auction/issue.yaml")
	_, _, want = postJSON(t, ts, "/api/v1/auction/bid", map[string]any{"spec": issue, "bidder": "strong", "type": 0.75})
	form = url.Values{"spec_text": {issue}, "bidder": {"strong"}, "type": {"0.75"}}
	if status, _, got := post(t, ts, "/api/v1/auction/bid", "application/x-www-form-urlencoded", []byte(form.Encode())); status != 200 || !jsonEqual(t, got, want) {
		t.Errorf("auction bid form: %d %.300s", status, got)
	}
	if status, _, got := post(t, ts, "/api/v1/auction/bid?bidder=strong&type=0.75", "application/yaml", []byte(issue)); status != 200 || !jsonEqual(t, got, want) {
		t.Errorf("auction bid, YAML body: %d %.300s", status, got)
	}
	// A parse error names the uploaded file and its line.
	mw = multipart.NewWriter(&b)
	b.Reset()
	fw, _ = mw.CreateFormFile("spec", "mine.yaml")
	fw.Write([]byte("players: [a, b]\nvalues: {a: 0, a+b: 1}\nbogus: 1\n"))
	mw.Close()
	status, _, got := post(t, ts, "/api/v1/coop/solve", mw.FormDataContentType(), b.Bytes())
	var p web.Problem
	if err := json.Unmarshal([]byte(got), &p); err != nil || status != 400 || p.Field != "spec" || p.Path != "bogus" || p.Line != 3 || !strings.Contains(p.Detail, "mine.yaml") || !strings.Contains(p.Detail, "bogus") {
		t.Errorf("bad upload: %d %+v", status, p)
	}
}

// TestEngineAPIBadInput: bad input is a 400 problem naming the field.
func TestEngineAPIBadInput(t *testing.T) {
	ts := newServer(t, web.Config{})
	bos, issue := example(t, "game/bos.nfg"), example(t, "auction/issue.yaml")
	for _, c := range []struct {
		path, field, detail string
		req                 map[string]any
	}{
		{"/api/v1/game/solve", "game", "required", map[string]any{}},
		{"/api/v1/game/solve", "game", "nfg", map[string]any{"game": "NFG 1 R \"x\" { \"a\" } { 2 }\n1"}},
		{"/api/v1/game/solve", "method", "unknown method", map[string]any{"game": bos, "method": "bogus"}},
		{"/api/v1/game/solve", "method", "unknown method", map[string]any{"game": example(t, "game/entry.efg"), "method": "lp"}},
		{"/api/v1/game/solve", "", "not constant-sum", map[string]any{"game": bos, "method": "lp"}},
		{"/api/v1/game/solve", "max_equilibria", "negative", map[string]any{"game": bos, "max_equilibria": -1}},
		{"/api/v1/game/solve", "", "unknown field", map[string]any{"game": bos, "methd": "lcp"}},
		{"/api/v1/game/check", "profile", "required", map[string]any{"game": bos}},
		{"/api/v1/game/check", "profile", "profile has 3 entries", map[string]any{"game": bos, "profile": "1,0,1"}},
		{"/api/v1/coop/solve", "spec", "no characteristic function", map[string]any{"spec": example(t, "coop/bargain.yaml")}},
		{"/api/v1/coop/bargain", "spec", "not a two-player bargaining problem", map[string]any{"spec": example(t, "coop/glove.yaml")}},
		{"/api/v1/coop/solve", "spec", "missing coalition", map[string]any{"spec": "players: [a, b]\nvalues: {a: 0, a+b: 1}\n"}},
		{"/api/v1/auction/solve", "draws", "web app", map[string]any{"spec": issue, "verify": true, "draws": 10000000}},
		{"/api/v1/auction/solve", "spec", "", map[string]any{"spec": "form: value\nbidders: []\n"}},
		{"/api/v1/auction/bid", "bidder", "no such bidder", map[string]any{"spec": issue, "bidder": "nobody", "type": 0.5}},
		{"/api/v1/auction/bid", "type", "outside", map[string]any{"spec": issue, "bidder": "weak", "type": 7}},
		{"/api/v1/auction/bid", "type", "required", map[string]any{"spec": issue, "bidder": "weak"}},
	} {
		status, ct, body := postJSON(t, ts, c.path, c.req)
		var p web.Problem
		if err := json.Unmarshal([]byte(body), &p); err != nil {
			t.Fatalf("%s %v: not a problem document: %.300s", c.path, c.req, body)
		}
		if status != http.StatusBadRequest || ct != "application/problem+json" || p.Field != c.field || !strings.Contains(p.Detail, c.detail) {
			t.Errorf("%s %v: %d %s field %q detail %q; want 400, field %q, detail with %q", c.path, c.req, status, ct, p.Field, p.Detail, c.field, c.detail)
		}
	}
}

// TestContestMapEqualsCLI: the map endpoint serves `infragame contest map
// case:ID --format json` on the same grid.
func TestContestMapEqualsCLI(t *testing.T) {
	ts := newServer(t, web.Config{})
	want := runCLI(t, "contest", "map", "case:jakarta-bandung-2015")
	_, got := get(t, ts, "/api/v1/contest/jakarta-bandung-2015/map")
	if !jsonEqual(t, got, want) {
		t.Errorf("map differs from the CLI's:\n%.400s", got)
	}
	want = runCLI(t, "contest", "map", "case:jakarta-bandung-2015", "--synergies", "0,10", "--powers", "0:100:50")
	_, got = get(t, ts, "/api/v1/contest/jakarta-bandung-2015/map?synergies=0,10&powers=0:100:50")
	if !jsonEqual(t, got, want) {
		t.Errorf("map with a grid differs from the CLI's:\n%.400s", got)
	}
	resp, _ := get(t, ts, "/api/v1/contest/jakarta-bandung-2015/map?powers=100:0:10")
	if resp.StatusCode != 400 {
		t.Errorf("a bad grid: %d", resp.StatusCode)
	}
	resp, _ = get(t, ts, "/api/v1/contest/bar-boljare-2013/map")
	if resp.StatusCode != 400 && resp.StatusCode != 200 {
		t.Errorf("a case without a contest block: %d", resp.StatusCode)
	}
}
