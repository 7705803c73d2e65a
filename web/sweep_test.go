package web_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/infragame/infragame/internal/cli/fullcmd"
	"github.com/infragame/infragame/web"
)

// The sweep endpoints join apiCalls, so TestAPIResponsesMatchSchema checks
// them against openapi.json.
func init() {
	apiCalls = append(apiCalls, []struct{ method, path, body string }{
		{"GET", "/api/v1/sweep/examples", ""},
		{"POST", "/api/v1/sweep/design", `{"example": "ishigami", "limit": 3}`},
		{"POST", "/api/v1/sweep/design", `{"spec": "name: x\nmodel: {kind: ishigami}\nbogus: 1\n"}`},
		{"POST", "/api/v1/sweep/jobs", `{"example": "nope"}`},
	}...)
}

// waitJob polls a job until it leaves "running" and returns its document.
func waitJob(t *testing.T, get func(string) string, id string) string {
	t.Helper()
	for range 1200 {
		body := get("/api/v1/jobs/" + id)
		if !strings.Contains(body, `"state": "running"`) && !strings.Contains(body, `"state":"running"`) {
			return body
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("job %s still running after 2 minutes", id)
	return ""
}

// runCLIFiles runs a command that writes files (no --format).
func runCLIFiles(t *testing.T, args ...string) {
	t.Helper()
	var out, errb bytes.Buffer
	if code := fullcmd.Main(t.Context(), append([]string{"--db", ":memory:", "--no-progress"}, args...), strings.NewReader(""), &out, &errb); code != 0 {
		t.Fatalf("infragame %s: exit %d: %s", strings.Join(args, " "), code, errb.String())
	}
}

// TestSweepAPIEqualsCLI: the analysis of a sweep job started from the API
// is the document of `sweep run`, `sweep merge`, `sweep analyze --format
// json` on the same spec (examples/sweep/hsr_morris.yaml: an LCC study,
// Morris, 20 Monte Carlo runs a point; ishigami.yaml: Saltelli with
// bootstrap intervals, 200 resamples to keep the test short).
func TestSweepAPIEqualsCLI(t *testing.T) {
	ts := newServer(t, web.Config{})
	getBody := func(p string) string { _, b := get(t, ts, p); return b }
	for _, c := range []struct {
		example string
		body    string
		flags   []string
	}{
		{"hsr_morris", `{"example": "hsr_morris"}`, nil},
		{"ishigami", `{"example": "ishigami", "bootstrap": 200}`, []string{"--bootstrap", "200"}},
	} {
		t.Run(c.example, func(t *testing.T) {
			code, _, body := post(t, ts, "/api/v1/sweep/jobs", "application/json", []byte(c.body))
			if code != 200 {
				t.Fatalf("start: %d %s", code, body)
			}
			var st web.JobStatus
			if err := json.Unmarshal([]byte(body), &st); err != nil {
				t.Fatal(err)
			}
			done := waitJob(t, getBody, st.ID)
			var doc struct {
				State  string          `json:"state"`
				Result json.RawMessage `json:"result"`
			}
			if err := json.Unmarshal([]byte(done), &doc); err != nil || doc.State != "done" {
				t.Fatalf("job: %v %.500s", err, done)
			}
			dir := t.TempDir()
			spec := "examples/sweep/" + c.example + ".yaml"
			runCLIFiles(t, "sweep", "run", filepath.Join("..", spec), "--out", filepath.Join(dir, "s"))
			res := filepath.Join(dir, "r.csv")
			runCLIFiles(t, "sweep", "merge", filepath.Join(dir, "s"), "-o", res)
			want := runCLI(t, append([]string{"sweep", "analyze", res}, c.flags...)...)
			if !jsonEqual(t, string(doc.Result), want) {
				t.Errorf("API analysis differs from the CLI's:\nAPI %.400s\nCLI %.400s", doc.Result, want)
			}
			// The rows download holds every row.
			_, csv := get(t, ts, "/api/v1/sweep/jobs/"+st.ID+"/rows?format=csv")
			_, page := get(t, ts, "/sweep?example="+c.example+"&job="+st.ID+"&lang=zh")
			if !strings.Contains(page, "data-echarts") || !strings.Contains(page, "结果行") {
				t.Error("the finished job's page has no chart or no Chinese label")
			}
			if strings.Count(csv, "\n") < 2 {
				t.Errorf("rows: %.300s", csv)
			}
		})
	}
}

// TestSweepErrors: a bad spec is a 400 problem with the file, line and
// field; a plan over the web app's cap is a 422 naming the design; the
// design is the CLI's.
func TestSweepErrors(t *testing.T) {
	ts := newServer(t, web.Config{})
	code, ct, body := post(t, ts, "/api/v1/sweep/design", "application/json", []byte(`{"spec": "name: x\nmodel: {kind: ishigami}\nbogus: 1\n"}`))
	var p web.Problem
	_ = json.Unmarshal([]byte(body), &p)
	if code != http.StatusBadRequest || ct != "application/problem+json" || p.Line != 3 || p.Field == "" || p.File != "spec" {
		t.Errorf("bad spec: %d %s %s", code, ct, body)
	}
	// 2^15 base samples of ishigami's 3 parameters: 32768·(3+2) = 163,840
	// points, over web.MaxSweepRows.
	big := strings.Replace(exampleFile("sweep/ishigami.yaml"), "points: 4096", "points: 32768", 1)
	b, _ := json.Marshal(map[string]string{"spec": big})
	code, _, body = post(t, ts, "/api/v1/sweep/jobs", "application/json", b)
	if code != http.StatusUnprocessableEntity || !strings.Contains(body, "163840 points") || !strings.Contains(body, `"field": "design"`) {
		t.Errorf("big plan: %d %s", code, body)
	}
	// The design: 4096·(3+2) points (docs/sweeps.md, saltelli), the first 20.
	_, _, body = post(t, ts, "/api/v1/sweep/design", "application/json", []byte(`{"example": "ishigami"}`))
	var d struct {
		Points int              `json:"points"`
		Plan   []map[string]any `json:"plan"`
	}
	if err := json.Unmarshal([]byte(body), &d); err != nil || d.Points != 20480 || len(d.Plan) != 20 {
		t.Errorf("design: %v %.300s", err, body)
	}
	full := runCLI(t, "sweep", "design", "examples/sweep/hsr_morris.yaml")
	_, _, body = post(t, ts, "/api/v1/sweep/design", "application/json", []byte(`{"example": "hsr_morris", "limit": 1000}`))
	if !jsonEqual(t, body, full) {
		t.Errorf("design differs from the CLI's:\nAPI %.300s\nCLI %.300s", body, full)
	}
}

// TestSweepPage runs a pasted spec through the page's form: the run
// redirects to the job's link, which keeps the spec, and the finished
// job's page has the analysis in Chinese with its chart; a bad spec is
// shown with its line.
func TestSweepPage(t *testing.T) {
	ts := newServer(t, web.Config{})
	spec := strings.Replace(exampleFile("sweep/ishigami.yaml"), "points: 4096", "points: 64", 1)
	resp, err := ts.Client().PostForm(ts.URL+"/sweep?lang=zh", url.Values{"spec_text": {spec}, "run": {"1"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	q := resp.Request.URL.Query()
	if resp.StatusCode != 200 || q.Get("job") == "" || q.Get("spec_text") != spec || q.Get("lang") != "zh" {
		t.Fatalf("run: %d %s", resp.StatusCode, resp.Request.URL)
	}
	waitJob(t, func(p string) string { _, b := get(t, ts, p); return b }, q.Get("job"))
	_, page := get(t, ts, resp.Request.URL.RequestURI())
	// 64·(3+2) = 320 points (docs/sweeps.md, saltelli).
	for _, want := range []string{"data-echarts", "320 / 320", "运行扫描", `id="design-points" data-value="320"`} {
		if !strings.Contains(page, want) {
			t.Errorf("job page lacks %q", want)
		}
	}
	resp, err = ts.Client().PostForm(ts.URL+"/sweep", url.Values{"spec_text": {"name: x\nmodel: {kind: ishigami}\nbogus: 1\n"}})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 400 || !strings.Contains(string(b), "spec:3:1: bogus") {
		t.Errorf("bad spec: %d %.2000s", resp.StatusCode, b)
	}
}
