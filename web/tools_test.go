package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/infragame/infragame/dataset"
	"github.com/infragame/infragame/internal/cli"
	"github.com/infragame/infragame/internal/cli/fullcmd"
	"github.com/infragame/infragame/store"
	"github.com/infragame/infragame/web"
)

// The tools' endpoints join apiCalls, so TestAPIResponsesMatchSchema checks
// them against openapi.json.
func init() {
	apiCalls = append(apiCalls, []struct{ method, path, body string }{
		{"POST", "/api/v1/migrate/tender?name=three.yaml", "tender-testdata"},
		{"POST", "/api/v1/migrate/other", "not: [a case"},
		{"GET", "/api/v1/sweep/jobs/nope/report", ""},
	}...)
}

// migrateFiles are the migrate commands' golden inputs
// (internal/cli/golden_test.go): old files with decimal rates.
var migrateFiles = []struct{ kind, path string }{
	{"lcc", "../lcc/testdata/two_offers.yaml"},
	{"tender", "../tender/testdata/three.yaml"},
	{"sim", "../market/testdata/fractions.yaml"},
}

// cliRun runs `infragame ARGS` in-process exactly as typed (no --db or
// --format added: a report states its command line) against the store
// $INFRAGAME_DB, and returns standard output and error.
func cliRun(t *testing.T, args ...string) (string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	if code := fullcmd.Main(t.Context(), args, strings.NewReader(""), &out, &errb); code != 0 {
		t.Fatalf("infragame %s: exit %d: %s", strings.Join(args, " "), code, errb.String())
	}
	return out.String(), errb.String()
}

// TestMigrateAPIEqualsCLI: for each migrate command, the API's migrated
// file (in the JSON document and as the download) is byte for byte what
// `infragame KIND migrate FILE` prints, and its count of fields rewritten
// is the one `migrate -w` reports; a file giving both names of a quantity
// is a 400 naming its line, as on the command line.
func TestMigrateAPIEqualsCLI(t *testing.T) {
	ts := newServer(t, web.Config{})
	for _, f := range migrateFiles {
		t.Run(f.kind, func(t *testing.T) {
			old, err := os.ReadFile(f.path)
			if err != nil {
				t.Fatal(err)
			}
			name := filepath.Base(f.path)
			want, _ := cliRun(t, "--db", ":memory:", f.kind, "migrate", f.path)
			tmp := filepath.Join(t.TempDir(), name)
			if err := os.WriteFile(tmp, old, 0o644); err != nil {
				t.Fatal(err)
			}
			_, msg := cliRun(t, "--db", ":memory:", f.kind, "migrate", "-w", tmp)
			m := regexp.MustCompile(`: (\d+) field\(s\) rewritten`).FindStringSubmatch(msg)
			if m == nil {
				t.Fatalf("migrate -w said %q", msg)
			}
			code, ct, body := post(t, ts, "/api/v1/migrate/"+f.kind+"?name="+name, "application/yaml", old)
			if code != 200 || ct != "application/json" {
				t.Fatalf("API: %d %s %.300s", code, ct, body)
			}
			var doc struct {
				Kind      string   `json:"kind"`
				Rewritten int      `json:"rewritten"`
				File      string   `json:"file"`
				Notes     []string `json:"notes"`
			}
			if err := json.Unmarshal([]byte(body), &doc); err != nil {
				t.Fatal(err)
			}
			if doc.File != want {
				t.Errorf("API file differs from the CLI's output:\nAPI %.300s\nCLI %.300s", doc.File, want)
			}
			if strconv.Itoa(doc.Rewritten) != m[1] || doc.Rewritten == 0 || doc.Kind != f.kind {
				t.Errorf("API rewritten %d (kind %q), CLI -w %s", doc.Rewritten, doc.Kind, m[1])
			}
			if len(doc.Notes) == 0 || !strings.Contains(msg, doc.Notes[0]) {
				t.Errorf("notes %q, CLI %q", doc.Notes, msg)
			}
			code, ct, file := post(t, ts, "/api/v1/migrate/"+f.kind+"/file?name="+name, "application/yaml", old)
			if code != 200 || file != want || !strings.HasPrefix(ct, "application/yaml") {
				t.Errorf("download: %d %s, same bytes %v", code, ct, file == want)
			}
			// The page shows the same text and count.
			_, page := get(t, ts, "/migrate?lang=zh&kind="+f.kind+"&name="+name+"&file_text="+url.QueryEscape(string(old)))
			if !strings.Contains(page, `id="migrate-rewritten" data-value="`+m[1]+`"`) || !strings.Contains(page, htmlEscape(want)) {
				t.Errorf("page lacks the count %s or the migrated text", m[1])
			}
		})
	}
	both := "analysis:\n  discount_rate: 0.05\n  discount_rate_pct: 5\n"
	code, _, body := post(t, ts, "/api/v1/migrate/lcc?name=both.yaml", "application/yaml", []byte(both))
	var p web.Problem
	_ = json.Unmarshal([]byte(body), &p)
	if code != 400 || p.File != "both.yaml" || p.Line != 2 || p.Path != "analysis.discount_rate" {
		t.Errorf("both names: %d %s", code, body)
	}
}

func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;").Replace(s)
}

// TestSlurmAPIEqualsCLI: the scripts of POST /api/v1/sweep/slurm and of
// the download links are those `infragame sweep slurm SPEC --array 4`
// writes for the same absolute paths and flags.
func TestSlurmAPIEqualsCLI(t *testing.T) {
	ts := newServer(t, web.Config{})
	dir := t.TempDir()
	spec := filepath.Join(dir, "ishigami.yaml")
	if err := os.WriteFile(spec, []byte(exampleFile("sweep/ishigami.yaml")), 0o644); err != nil {
		t.Fatal(err)
	}
	out, result, bin := filepath.Join(dir, "is.sweep"), filepath.Join(dir, "is.parquet"), "/opt/infragame/bin/infragame"
	cliRun(t, "--db", ":memory:", "sweep", "slurm", spec, "--array", "4", "--time", "01:00:00", "--mem", "4G", "--cpus", "2",
		"--partition", "short", "--out", out, "--result", result, "--binary", bin)
	req := map[string]any{"example": "ishigami", "spec_path": spec, "array": 4, "time": "01:00:00", "mem": "4G", "cpus": 2,
		"partition": "short", "out": out, "result": result, "binary": bin}
	code, _, body := postJSON(t, ts, "/api/v1/sweep/slurm", req)
	if code != 200 {
		t.Fatalf("API: %d %s", code, body)
	}
	var doc web.SlurmDoc
	if err := json.Unmarshal([]byte(body), &doc); err != nil {
		t.Fatal(err)
	}
	q := url.Values{"example": {"ishigami"}, "spec_path": {spec}, "array": {"4"}, "time": {"01:00:00"}, "mem": {"4G"}, "cpus": {"2"},
		"partition": {"short"}, "out": {out}, "result": {result}, "binary": {bin}}
	for _, s := range []struct {
		which string
		got   web.SlurmScript
	}{{"array", doc.Array}, {"merge", doc.Merge}} {
		want, err := os.ReadFile(filepath.Join(out, "slurm", s.got.File))
		if err != nil {
			t.Fatalf("%s: %v (the CLI wrote %s)", s.which, err, s.got.File)
		}
		if s.got.Text != string(want) {
			t.Errorf("%s script differs:\nAPI %s\nCLI %s", s.which, s.got.Text, want)
		}
		resp, dl := get(t, ts, "/api/v1/sweep/slurm/"+s.which+"?"+q.Encode())
		if resp.StatusCode != 200 || dl != string(want) || !strings.Contains(resp.Header.Get("Content-Disposition"), s.got.File) {
			t.Errorf("%s download: %d %q, same bytes %v", s.which, resp.StatusCode, resp.Header.Get("Content-Disposition"), dl == string(want))
		}
	}
	// The page's link is the form's inputs; it shows the same scripts.
	_, page := get(t, ts, "/sweep/slurm?lang=zh&"+q.Encode())
	if !strings.Contains(page, htmlEscape(doc.Array.Text)) || !strings.Contains(page, `id="slurm-tasks" data-value="4"`) {
		t.Error("the page does not show the API's array script")
	}
	// Too many tasks is refused as on the command line.
	code, _, body = postJSON(t, ts, "/api/v1/sweep/slurm", map[string]any{"example": "ishigami", "array": 1 << 30})
	if code != 400 || !strings.Contains(body, "more tasks than the plan") {
		t.Errorf("too many tasks: %d %s", code, body)
	}
}

// TestReportDownloadsEqualCLI: the finance and sweep report downloads are
// the bytes `infragame report finance|sweep NAME --lang L` writes (run in
// a directory holding NAME, with the same version).
func TestReportDownloadsEqualCLI(t *testing.T) {
	old := cli.Version
	cli.Version = "test"
	defer func() { cli.Version = old }()
	ts := newServer(t, web.Config{Version: "test"})
	dir := t.TempDir()
	t.Setenv("INFRAGAME_DB", filepath.Join(dir, "cli.db"))
	offers := exampleFile("finance/jakarta-bandung.yaml")
	if err := os.WriteFile(filepath.Join(dir, "jakarta-bandung.yaml"), []byte(offers), 0o644); err != nil {
		t.Fatal(err)
	}
	// A sweep job and the CLI's run of the same spec (hsr_morris: Morris,
	// no bootstrap; TestSweepAPIEqualsCLI shows the analyses equal).
	code, _, body := post(t, ts, "/api/v1/sweep/jobs", "application/json", []byte(`{"example": "hsr_morris"}`))
	if code != 200 {
		t.Fatalf("sweep: %d %s", code, body)
	}
	var st web.JobStatus
	_ = json.Unmarshal([]byte(body), &st)
	waitJob(t, func(p string) string { _, b := get(t, ts, p); return b }, st.ID)
	spec, err := filepath.Abs("../examples/sweep/hsr_morris.yaml")
	if err != nil {
		t.Fatal(err)
	}
	cliRun(t, "--no-progress", "sweep", "run", spec, "--out", filepath.Join(dir, "s"))
	cliRun(t, "--no-progress", "sweep", "merge", filepath.Join(dir, "s"), "-o", filepath.Join(dir, "r.csv"))
	t.Chdir(dir)
	for _, l := range []string{"en", "zh"} {
		want, _ := cliRun(t, "report", "finance", "jakarta-bandung.yaml", "--lang", l)
		code, ct, got := post(t, ts, "/api/v1/reports/finance?lang="+l+"&name=jakarta-bandung.yaml", "application/yaml", []byte(offers))
		if code != 200 || !strings.HasPrefix(ct, "text/html") {
			t.Fatalf("finance %s: %d %s %.300s", l, code, ct, got)
		}
		if got != want {
			t.Errorf("finance %s: the report differs from the CLI's (%d and %d bytes)\n%s", l, len(got), len(want), firstDiff(got, want))
		}
		want, _ = cliRun(t, "report", "sweep", "r.csv", "--lang", l)
		resp, got := get(t, ts, "/api/v1/sweep/jobs/"+st.ID+"/report?name=r.csv&lang="+l)
		if resp.StatusCode != 200 || got != want {
			t.Errorf("sweep %s: %d, the report differs from the CLI's (%d and %d bytes)\n%s", l, resp.StatusCode, len(got), len(want), firstDiff(got, want))
		}
	}
}

// firstDiff shows where two texts first differ.
func firstDiff(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	lo := max(0, i-120)
	return "web: " + a[lo:min(len(a), i+120)] + "\ncli: " + b[lo:min(len(b), i+120)]
}

// multipartFile is a form with the file in field (as the import page's
// script sends it).
func multipartFile(t *testing.T, field, name string, data []byte) ([]byte, string) {
	t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	fw, err := mw.CreateFormFile(field, name)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = fw.Write(data)
	_ = mw.Close()
	return b.Bytes(), mw.FormDataContentType()
}

// TestImportPage: a read-only server's /data/import explains how to allow
// writes; a write server's has the form. The upload the form's script
// sends (multipart, the token in the Authorization header) imports an
// AidData sample with the counts `infragame data import --from aiddata`
// prints for it; a bad file is a 400 naming its line and leaves the store
// as it was, and the same file twice is a 409.
func TestImportPage(t *testing.T) {
	ro := newServer(t, web.Config{})
	for _, l := range []string{"en", "zh"} {
		_, page := get(t, ro, "/data/import?lang="+l)
		if !strings.Contains(page, `id="import-readonly"`) || strings.Contains(page, `id="import-form"`) {
			t.Errorf("read-only %s: no explanation, or a form", l)
		}
	}
	ctx := context.Background()
	ts, st := writeServer(t)
	_, page := get(t, ts, "/data/import?lang=zh")
	if !strings.Contains(page, `id="import-form"`) || !strings.Contains(page, `id="import-token"`) {
		t.Fatal("write server: no import form")
	}
	upload := func(name, from string, data []byte) (int, string) {
		body, ct := multipartFile(t, "file", name, data)
		q := url.Values{"name": {name}}
		if from != "" {
			q.Set("from", from)
		}
		req, _ := http.NewRequest("POST", ts.URL+"/api/v1/imports?"+q.Encode(), bytes.NewReader(body))
		req.Header.Set("Content-Type", ct)
		req.Header.Set("Authorization", "Bearer "+writeToken)
		resp, err := ts.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	count := func() int {
		recs, err := st.Records(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return recs.Len()
	}
	n0 := count()
	bad, err := os.ReadFile("../dataset/testdata/aiddata-bad.csv")
	if err != nil {
		t.Fatal(err)
	}
	code, body := upload("aiddata-bad.csv", "aiddata", bad)
	var p web.Problem
	_ = json.Unmarshal([]byte(body), &p)
	if code != 400 || p.Line == 0 && !regexp.MustCompile(`:\d+`).MatchString(p.Detail) {
		t.Errorf("bad file: %d %s", code, body)
	}
	if count() != n0 {
		t.Fatal("a refused import wrote records")
	}
	sample, err := os.ReadFile("../dataset/testdata/aiddata-gcdf3-sample.csv")
	if err != nil {
		t.Fatal(err)
	}
	code, body = upload("aiddata-gcdf3-sample.csv", "aiddata", sample)
	if code != 200 {
		t.Fatalf("import: %d %s", code, body)
	}
	var res struct {
		Records int                  `json:"records"`
		Counts  map[dataset.Kind]int `json:"counts"`
	}
	if err := json.Unmarshal([]byte(body), &res); err != nil {
		t.Fatal(err)
	}
	// The command line on the same file into an empty store.
	t.Setenv("INFRAGAME_DB", filepath.Join(t.TempDir(), "cli.db"))
	out, _ := cliRun(t, "data", "import", "--from", "aiddata", "../dataset/testdata/aiddata-gcdf3-sample.csv")
	m := regexp.MustCompile(`imported (\d+) record`).FindStringSubmatch(out)
	if m == nil || m[1] != strconv.Itoa(res.Records) || count() != n0+res.Records {
		t.Errorf("API imported %d (store %d → %d), CLI: %s", res.Records, n0, count(), out)
	}
	for k, n := range res.Counts {
		if !strings.Contains(out, "  "+string(k)+": "+strconv.Itoa(n)+"\n") {
			t.Errorf("%s: API %d, CLI: %s", k, n, out)
		}
	}
	if code, body := upload("aiddata-gcdf3-sample.csv", "aiddata", sample); code != 409 {
		t.Errorf("the same file twice: %d %s", code, body)
	}
}

// writeToken is the bearer token of the servers writeServer starts.
const writeToken = "0123456789abcdef0123"

// writeServer starts a server with --allow-writes and token writeToken
// over a new store in a temporary directory, as `infragame serve
// --allow-writes` does, and returns it with the store (closed at the
// test's end).
func writeServer(t *testing.T) (*httptest.Server, *store.Store) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "web.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	set, err := st.Records(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return serveSet(t, set, web.Config{AllowWrites: true, Token: writeToken}, storeImporter(st)), st
}

// storeImporter is the importer `infragame serve --allow-writes` gives the
// server, over st.
func storeImporter(st *store.Store) web.Importer {
	return func(ctx context.Context, req web.ImportRequest) (any, *dataset.Set, error) {
		res, err := st.ImportFile(ctx, req.Name, req.From, req.Kind, req.Content)
		if err != nil {
			return nil, nil, err
		}
		after, err := st.Records(ctx)
		return res, after, err
	}
}

// The tour's steps done by the import and Slurm pages (TestTourPagesEqualCLI
// runs them; docs/web.md's tour table names the same pages).
func init() {
	tourSteps = append(tourSteps,
		tourStep{"infragame data import examples/data/my-projects.yaml", "/data/import", importStep("examples/data/my-projects.yaml", "")},
		tourStep{"infragame data import --from aiddata dataset/testdata/aiddata-gcdf3-sample.csv", "/data/import?from=aiddata", importStep("dataset/testdata/aiddata-gcdf3-sample.csv", "aiddata")},
		tourStep{"infragame sweep slurm examples/sweep/tender_sobol.yaml --array 8 --time 01:00:00 --submit", "/sweep/slurm?example=tender_sobol&array=8&time=01:00:00", slurmStep},
	)
}

// importStep: the tour's server is read-only, so its import page explains
// how to allow writes; a write server imports the file, uploaded as the
// page's script sends it, with the counts the command prints.
func importStep(file, from string) func(*testing.T, *httptest.Server, tourStep) {
	return func(t *testing.T, ts *httptest.Server, s tourStep) {
		for _, l := range []string{"en", "zh"} {
			if _, page := get(t, ts, withLang(s.url, l)); !strings.Contains(page, `id="import-readonly"`) {
				t.Errorf("%s %s: the read-only server does not explain", s.url, l)
			}
		}
		ws, _ := writeServer(t)
		if _, page := get(t, ws, withLang(s.url, "zh")); !strings.Contains(page, `id="import-form"`) {
			t.Errorf("%s: the write server shows no form", s.url)
		}
		data, err := os.ReadFile(filepath.Join("..", file))
		if err != nil {
			t.Fatal(err)
		}
		body, ct := multipartFile(t, "file", filepath.Base(file), data)
		q := url.Values{"name": {filepath.Base(file)}}
		args := []string{"data", "import", filepath.Join("..", file)}
		if from != "" {
			q.Set("from", from)
			args = append(args, "--from", from)
		}
		req, _ := http.NewRequest("POST", ws.URL+"/api/v1/imports?"+q.Encode(), bytes.NewReader(body))
		req.Header.Set("Content-Type", ct)
		req.Header.Set("Authorization", "Bearer "+writeToken)
		resp, err := ws.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		var res struct {
			Records int                  `json:"records"`
			Counts  map[dataset.Kind]int `json:"counts"`
		}
		if err := json.Unmarshal(b, &res); err != nil || resp.StatusCode != 200 {
			t.Fatalf("import: %d %s", resp.StatusCode, b)
		}
		t.Setenv("INFRAGAME_DB", filepath.Join(t.TempDir(), "cli.db"))
		out, _ := cliRun(t, args...)
		if !strings.Contains(out, "imported "+strconv.Itoa(res.Records)+" record(s)") {
			t.Errorf("API imported %d records; the CLI: %s", res.Records, out)
		}
		for k, n := range res.Counts {
			if !strings.Contains(out, "  "+string(k)+": "+strconv.Itoa(n)+"\n") {
				t.Errorf("%s: API %d; the CLI: %s", k, n, out)
			}
		}
	}
}

// slurmStep: the page's scripts (the cluster's paths left at their
// defaults) are the files `sweep slurm` writes for the same paths.
func slurmStep(t *testing.T, ts *httptest.Server, s tourStep) {
	_, page := get(t, ts, withLang(s.url, "zh"))
	if !strings.Contains(page, `id="slurm-tasks" data-value="8"`) {
		t.Fatalf("%s: no scripts for 8 tasks", s.url)
	}
	code, _, body := postJSON(t, ts, "/api/v1/sweep/slurm", map[string]any{"example": "tender_sobol", "array": 8, "time": "01:00:00"})
	if code != 200 {
		t.Fatalf("API: %d %s", code, body)
	}
	var doc web.SlurmDoc
	if err := json.Unmarshal([]byte(body), &doc); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(page, htmlEscape(doc.Array.Text)) || !strings.Contains(page, htmlEscape(doc.Merge.Text)) {
		t.Error("the page does not show the API's scripts")
	}
	// The CLI with the paths the page used (the defaults under
	// /path/on/cluster/): the spec is read from the example, the paths
	// are only written into the scripts.
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	cliRun(t, "--db", ":memory:", "sweep", "slurm", "../examples/sweep/tender_sobol.yaml", "--array", "8", "--time", "01:00:00",
		"--out", out, "--result", "/path/on/cluster/tender_sobol.sweep.parquet", "--binary", "/path/on/cluster/infragame")
	arr, err := os.ReadFile(filepath.Join(out, "slurm", doc.Array.File))
	if err != nil {
		t.Fatal(err)
	}
	// The CLI makes the spec and shard paths absolute here; the rest of
	// the script is the page's.
	abs, _ := filepath.Abs("../examples/sweep/tender_sobol.yaml")
	want := strings.NewReplacer(abs, "/path/on/cluster/tender_sobol.yaml", out, "/path/on/cluster/tender_sobol.sweep").Replace(string(arr))
	if doc.Array.Text != want {
		t.Errorf("array script:\nweb %s\ncli %s", doc.Array.Text, want)
	}
}
