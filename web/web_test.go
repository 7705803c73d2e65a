package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/infragame/infragame/cases"
	"github.com/infragame/infragame/dataset"
	"github.com/infragame/infragame/examples"
	"github.com/infragame/infragame/report/i18n"
	"github.com/infragame/infragame/web"
)

// newServer returns a test server over the embedded data.
func newServer(t testing.TB, cfg web.Config) *httptest.Server {
	t.Helper()
	set, err := dataset.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	return serveSet(t, set, cfg, nil)
}

// serveSet returns a test server over set and the case library; imp may be
// nil (read-only).
func serveSet(t testing.TB, set *dataset.Set, cfg web.Config, imp web.Importer) *httptest.Server {
	t.Helper()
	files, err := cases.All()
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Version == "" {
		cfg.Version = "test"
	}
	s, err := web.New(cfg, web.Data{Set: set, Cases: files}, imp)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	return ts
}

func get(t testing.TB, ts *httptest.Server, path string) (*http.Response, string) {
	t.Helper()
	resp, err := ts.Client().Get(ts.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(b)
}

// pagePaths are one URL of every page, with inputs.
var pagePaths = []string{
	"/", "/data", "/data?q=%E9%AB%98%E9%93%81", "/data?kind=fact&topic=orders", "/data/jakarta-bandung-hsr",
	"/tender", "/tender/jakarta-bandung-2015", "/contest", "/contest/jakarta-bandung-2015", "/sim", "/sweep", "/sweep?example=hsr_morris", "/api",
	"/game", "/auction", "/coop", "/finance",
	"/finance?principal=100&currency=USD&rate_pct=0.3&maturity_years=40&grace_years=10&profile=equal_principal&project=jakarta-bandung-hsr",
	"/game?method=enummixed&game_text=" + url.QueryEscape(exampleFile("game/bos.nfg")),
	"/auction?spec_text=" + url.QueryEscape(exampleFile("auction/issue.yaml")),
	"/coop?spec_text=" + url.QueryEscape(exampleFile("coop/glove.yaml")),
	"/data/import", "/migrate", "/sweep/slurm", "/sweep/slurm?example=ishigami&array=4&time=01:00:00",
	"/migrate?kind=tender&name=three.yaml&file_text=" + url.QueryEscape(testdataFile("../tender/testdata/three.yaml")),
}

// testdataFile returns a file's text (path relative to web/).
func testdataFile(name string) string {
	b, err := os.ReadFile(name)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// exampleFile returns an example file's text.
func exampleFile(name string) string {
	b, err := examples.FS.ReadFile(name)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// TestPagesBothLanguages opens every page in English and Chinese: 200,
// HTML, the language tag set, no untranslated label ("[key]"), the page's
// security headers.
func TestPagesBothLanguages(t *testing.T) {
	ts := newServer(t, web.Config{})
	missing := regexp.MustCompile(`\[(web|brief|case|col|axis|chart|terms|simrep|source)\.[a-z0-9_.]+\]`)
	for _, p := range pagePaths {
		for _, l := range i18n.Langs {
			sep := "?"
			if strings.Contains(p, "?") {
				sep = "&"
			}
			resp, body := get(t, ts, p+sep+"lang="+string(l))
			if resp.StatusCode != 200 {
				t.Errorf("%s %s: status %d\n%.400s", p, l, resp.StatusCode, body)
				continue
			}
			if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
				t.Errorf("%s: content type %q", p, ct)
			}
			wantTag := map[i18n.Lang]string{i18n.EN: `<html lang="en">`, i18n.ZH: `<html lang="zh-Hans">`}[l]
			if !strings.Contains(body, wantTag) {
				t.Errorf("%s %s: no %s", p, l, wantTag)
			}
			if m := missing.FindString(body); m != "" {
				t.Errorf("%s %s: untranslated label %s", p, l, m)
			}
			if l == i18n.ZH && !strings.Contains(body, "概览") {
				t.Errorf("%s zh: navigation not in Chinese", p)
			}
			if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
				t.Errorf("%s: CSP %q", p, csp)
			}
			if resp.Header.Get("X-Content-Type-Options") != "nosniff" || resp.Header.Get("X-Frame-Options") != "DENY" {
				t.Errorf("%s: security headers missing: %v", p, resp.Header)
			}
			if strings.Contains(body, "<script>") {
				t.Errorf("%s: inline script (the CSP forbids it)", p)
			}
		}
	}
}

// TestAcceptLanguage: without ?lang the browser's language is used.
func TestAcceptLanguage(t *testing.T) {
	ts := newServer(t, web.Config{})
	req, _ := http.NewRequest("GET", ts.URL+"/data", nil)
	req.Header.Set("Accept-Language", "zh-CN,zh;q=0.9,en;q=0.8")
	resp, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(b), `lang="zh-Hans"`) {
		t.Error("Accept-Language zh-CN did not give the Chinese page")
	}
}

// TestTemplateKeysExist: every label a template asks for is in the
// catalogue, in both languages.
func TestTemplateKeysExist(t *testing.T) {
	use := regexp.MustCompile(`\.L\.Tf? "([a-z0-9_.]+)"`)
	files, _ := filepath.Glob("templates/*.html")
	n := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range use.FindAllStringSubmatch(string(b), -1) {
			n++
			if !i18n.Has(m[1]) {
				t.Errorf("%s: label %q is not in the catalogue", f, m[1])
			}
		}
	}
	if n < 20 {
		t.Errorf("found only %d labels in the templates; has the scan broken?", n)
	}
	for _, st := range []string{"running", "done", "failed", "cancelled"} {
		if !i18n.Has("web.sim.state." + st) {
			t.Errorf("job state %q has no label", st)
		}
	}
}

// TestProblems: bad input is a 4xx problem document naming the field;
// unknown paths are 404s; nothing is a 500.
func TestProblems(t *testing.T) {
	ts := newServer(t, web.Config{})
	for _, c := range []struct {
		path   string
		status int
		field  string
		detail string
	}{
		{"/api/v1/records?kind=bogus", 400, "kind", `unknown kind "bogus"`},
		{"/api/v1/records", 400, "kind", "kind: required"},
		{"/api/v1/records?kind=project&year=20x5", 400, "year", `got "20x5"`},
		{"/api/v1/records?kind=project&region=atlantis", 400, "", "atlantis"},
		{"/api/v1/records?kind=project&q=" + strings.Repeat("x", 300), 400, "q", "longer than 200"},
		{"/api/v1/search?q=", 400, "q", "empty"},
		{"/api/v1/records/no-such-record", 404, "", `no record "no-such-record"`},
		{"/api/v1/reports/case/nope", 404, "", `no case "nope"`},
		{"/api/v1/reports/case/jakarta-bandung-2015?tornado=-5", 400, "tornado", "between 0 and 100"},
		{"/api/v1/reports/brief?lang=fr", 400, "lang", "unknown language"},
		{"/api/v1/jobs/ffff", 404, "", "no job"},
		{"/api/v1/nothing-here", 404, "", "no endpoint"},
	} {
		resp, body := get(t, ts, c.path)
		if resp.StatusCode != c.status {
			t.Errorf("%s: status %d, want %d\n%s", c.path, resp.StatusCode, c.status, body)
			continue
		}
		if ct := resp.Header.Get("Content-Type"); ct != "application/problem+json" {
			t.Errorf("%s: content type %q", c.path, ct)
		}
		var p web.Problem
		if err := json.Unmarshal([]byte(body), &p); err != nil {
			t.Errorf("%s: %v", c.path, err)
			continue
		}
		if p.Status != c.status || p.Title == "" || p.Field != c.field || !strings.Contains(p.Detail, c.detail) {
			t.Errorf("%s: problem %+v, want field %q and detail containing %q", c.path, p, c.field, c.detail)
		}
	}
	// Pages answer bad input with an HTML page carrying the message.
	resp, body := get(t, ts, "/data?year=abc")
	if resp.StatusCode != 400 || !strings.Contains(body, `year: want a year such as 2015, got &#34;abc&#34;`) {
		t.Errorf("/data?year=abc: %d\n%.600s", resp.StatusCode, body)
	}
	resp, _ = get(t, ts, "/no/such/page")
	if resp.StatusCode != 404 {
		t.Errorf("unknown page: %d", resp.StatusCode)
	}
}

// TestBodyLimit: a body over the limit is refused with 413 before it is
// read in full.
func TestBodyLimit(t *testing.T) {
	ts := newServer(t, web.Config{MaxBody: 1024})
	body := `{"scenario":"baseline","runs":1,"pad":"` + strings.Repeat("x", 4096) + `"}`
	resp, err := ts.Client().Post(ts.URL+"/api/v1/sim/jobs", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 413 && resp.StatusCode != 400 {
		t.Errorf("oversized body: %d %s", resp.StatusCode, b)
	}
	if !strings.Contains(string(b), "1024 bytes") {
		t.Errorf("oversized body: message does not state the limit: %s", b)
	}
}

// TestAPIEqualsCLIDocuments: the API serves the documents the command line
// prints with --format json for the same inputs (golden files of the CLI's
// contract tests, internal/cli/testdata/golden).
func TestAPIEqualsCLIDocuments(t *testing.T) {
	ts := newServer(t, web.Config{})
	golden := filepath.Join("..", "internal", "cli", "testdata", "golden")
	for _, c := range []struct{ path, golden string }{
		{"/api/v1/records?kind=project&region=asia", "data-list.json"},
		{"/api/v1/records/jakarta-bandung-hsr", "data-show.json"},
		{"/api/v1/search?q=9.26+trillion", "data-search.json"},
	} {
		want, err := os.ReadFile(filepath.Join(golden, c.golden))
		if err != nil {
			t.Fatal(err)
		}
		_, got := get(t, ts, c.path)
		if !jsonEqual(t, got, string(want)) {
			t.Errorf("%s differs from the CLI's %s:\n%.500s", c.path, c.golden, got)
		}
	}
	// The compete-or-cooperate rows are the brief's.
	b, err := os.ReadFile(filepath.Join(golden, "brief.json"))
	if err != nil {
		t.Fatal(err)
	}
	var brief struct {
		Rows json.RawMessage `json:"compete_or_cooperate"`
	}
	if err := json.Unmarshal(b, &brief); err != nil {
		t.Fatal(err)
	}
	_, got := get(t, ts, "/api/v1/contest")
	if !jsonEqual(t, got, string(brief.Rows)) {
		t.Errorf("/api/v1/contest differs from brief --format json's compete_or_cooperate:\n%.500s", got)
	}
}

func jsonEqual(t testing.TB, a, b string) bool {
	t.Helper()
	var x, y any
	if err := json.Unmarshal([]byte(a), &x); err != nil {
		t.Fatalf("not JSON: %v\n%.300s", err, a)
	}
	if err := json.Unmarshal([]byte(b), &y); err != nil {
		t.Fatalf("not JSON: %v\n%.300s", err, b)
	}
	xb, _ := json.Marshal(x)
	yb, _ := json.Marshal(y)
	return bytes.Equal(xb, yb)
}

// TestSimJob runs a simulation job through the API: started, followed by
// server-sent events to its end, fetched; and one cancelled.
func TestSimJob(t *testing.T) {
	ts := newServer(t, web.Config{})
	start := func(runs int) web.JobStatus {
		resp, err := ts.Client().Post(ts.URL+"/api/v1/sim/jobs", "application/json",
			strings.NewReader(`{"scenario":"baseline","runs":`+itoa(runs)+`,"seed":7}`))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var st web.JobStatus
		if err := json.NewDecoder(resp.Body).Decode(&st); err != nil || resp.StatusCode != 200 {
			t.Fatalf("start: %d %v", resp.StatusCode, err)
		}
		return st
	}
	st := start(20)
	resp, err := ts.Client().Get(ts.URL + "/api/v1/jobs/" + st.ID + "/events")
	if err != nil {
		t.Fatal(err)
	}
	events, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Errorf("events: content type %q", ct)
	}
	if !strings.Contains(string(events), "event: end") || !strings.Contains(string(events), `"state":"done"`) {
		t.Fatalf("events did not end with done:\n%s", events)
	}
	_, body := get(t, ts, "/api/v1/jobs/"+st.ID)
	var done struct {
		State  string `json:"state"`
		Done   int    `json:"done"`
		Result struct {
			Scenario string         `json:"scenario"`
			Runs     int            `json:"runs"`
			Summary  map[string]any `json:"summary"`
		} `json:"result"`
	}
	if err := json.Unmarshal([]byte(body), &done); err != nil {
		t.Fatal(err)
	}
	if done.State != "done" || done.Done != 20 || done.Result.Runs != 20 || done.Result.Scenario != "baseline" || len(done.Result.Summary) == 0 {
		t.Errorf("finished job: %.500s", body)
	}
	// The result page draws the report.
	_, page := get(t, ts, "/sim?scenario=baseline&runs=20&seed=7&job="+st.ID)
	if !strings.Contains(page, "data-echarts") {
		t.Error("the finished job's page has no chart")
	}
	// Cancel a long one.
	long := start(web.MaxSimRuns)
	req, _ := http.NewRequest("DELETE", ts.URL+"/api/v1/jobs/"+long.ID, nil)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	resp, err = ts.Client().Do(req.WithContext(ctx))
	if err != nil {
		t.Fatal(err)
	}
	var cst web.JobStatus
	_ = json.NewDecoder(resp.Body).Decode(&cst)
	resp.Body.Close()
	if cst.State != "cancelled" {
		t.Errorf("cancelled job: %+v", cst)
	}
	// Bad requests.
	for _, body := range []string{`{"scenario":"nope"}`, `{"scenario":"baseline","runs":0}`, `{"scenario":"baseline","bogus":1}`, `{}`} {
		resp, err := ts.Client().Post(ts.URL+"/api/v1/sim/jobs", "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 400 {
			t.Errorf("%s: %d %s", body, resp.StatusCode, b)
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestShareableURLs: a page's inputs are in its URL, and the language
// toggle keeps them.
func TestShareableURLs(t *testing.T) {
	ts := newServer(t, web.Config{})
	_, body := get(t, ts, "/data?kind=project&exporter=JP&lang=en")
	m := regexp.MustCompile(`id="lang-switch" href="([^"]+)"`).FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no language switch")
	}
	u, err := url.Parse(strings.ReplaceAll(m[1], "&amp;", "&"))
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	if u.Path != "/data" || q.Get("kind") != "project" || q.Get("exporter") != "JP" || q.Get("lang") != "zh" {
		t.Errorf("language switch %q loses the inputs", m[1])
	}
}

// TestCaseUpload: an uploaded case file gives the same report as the
// library case it copies; a bad file is a 400 naming the line and field.
func TestCaseUpload(t *testing.T) {
	ts := newServer(t, web.Config{})
	raw, err := cases.Raw("jakarta-bandung-2015.yaml")
	if err != nil {
		t.Fatal(err)
	}
	post := func(body string) (int, string) {
		resp, err := ts.Client().Post(ts.URL+"/api/v1/reports/case", "application/yaml", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	code, got := post(string(raw))
	if code != 200 {
		t.Fatalf("upload: %d %s", code, got)
	}
	_, want := get(t, ts, "/api/v1/reports/case/jakarta-bandung-2015")
	var a, b struct {
		Title    string
		Sections json.RawMessage
	}
	if err := json.Unmarshal([]byte(got), &a); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(want), &b); err != nil {
		t.Fatal(err)
	}
	if a.Title != b.Title || !jsonEqual(t, string(a.Sections), string(b.Sections)) {
		t.Error("the uploaded copy of a library case gives a different report")
	}
	bad := strings.Replace(string(raw), "name:", "nmae:", 1)
	code, body := post(bad)
	if code != 400 || !strings.Contains(body, "nmae") || !strings.Contains(body, "line") {
		t.Errorf("a misspelt field: %d %s", code, body)
	}
	// The page's form takes the pasted text.
	form := url.Values{"case_text": {string(raw)}}
	resp, err := ts.Client().PostForm(ts.URL+"/tender?lang=zh", form)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(page), "data-echarts") {
		t.Errorf("form upload: %d", resp.StatusCode)
	}
}

// TestEnginePagesShowTheAPIDocument: an engine page computed from a link
// shows every number of the API's document (which equals the CLI's JSON,
// TestEngineAPIEqualsCLI): the exact values in data-value, each shown
// rounded for reading.
func TestEnginePagesShowTheAPIDocument(t *testing.T) {
	ts := newServer(t, web.Config{})
	for _, c := range []struct{ page, api, field, file string }{
		{"/game?method=enummixed", "/api/v1/game/solve?method=enummixed", "game", "game/bos.nfg"},
		{"/coop?x=1", "/api/v1/coop/solve", "spec", "coop/glove.yaml"},
		{"/auction?x=1", "/api/v1/auction/solve", "spec", "auction/issue.yaml"},
	} {
		text := exampleFile(c.file)
		resp, page := get(t, ts, c.page+"&"+c.field+"_text="+url.QueryEscape(text))
		if resp.StatusCode != 200 || !strings.Contains(page, `id="result"`) {
			t.Errorf("%s: %d, no result", c.page, resp.StatusCode)
			continue
		}
		r, err := ts.Client().Post(ts.URL+c.api, "text/plain", strings.NewReader(text))
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(r.Body)
		r.Body.Close()
		want := jsonNumbers(t, string(body))
		if len(want) == 0 {
			t.Fatalf("%s: no numbers in %s", c.api, body)
		}
		if d := sameNumbers(htmlValues(t, page), want); d != "" {
			t.Errorf("%s: the page's data-value numbers are not the API document's: %s", c.page, d)
		}
		checkRounding(t, c.page, page)
	}
	// A bad input is shown with the reader's message, status 400.
	resp, page := get(t, ts, "/game?game_text="+url.QueryEscape("NFG 1 R \"x\" { \"A\" } { 2 }"))
	if resp.StatusCode != 400 || !strings.Contains(page, "line 1") {
		t.Errorf("bad game: %d\n%.400s", resp.StatusCode, page)
	}
}

// TestComputeDeadline: a page whose computation passes the server's
// deadline answers 503 with the reason, as the API does.
func TestComputeDeadline(t *testing.T) {
	ts := newServer(t, web.Config{ComputeTimeout: time.Nanosecond})
	spec := url.QueryEscape(exampleFile("auction/ten_bidders.yaml"))
	resp, page := get(t, ts, "/auction?spec_text="+spec)
	if resp.StatusCode != 503 || !strings.Contains(page, "deadline") {
		t.Errorf("page: %d\n%.300s", resp.StatusCode, page)
	}
	r, err := ts.Client().Post(ts.URL+"/api/v1/auction/solve", "text/plain", strings.NewReader(exampleFile("auction/ten_bidders.yaml")))
	if err != nil {
		t.Fatal(err)
	}
	r.Body.Close()
	if r.StatusCode != 503 {
		t.Errorf("API: %d", r.StatusCode)
	}
}
