package web_test

import (
	"encoding/json"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/infragame/infragame/web"
)

// TestNewPagesInBrowser runs, in headless Chromium and in both languages,
// the pages that came last: a migrate (the text shown and downloaded is
// the CLI's output, the count its -w count), the Slurm scripts (shown and
// downloaded: the files `sweep slurm` writes) and an import through the
// form's script with the bearer token (the records imported are the
// CLI's count for the file; a bad file is refused with its line and
// writes nothing). No page may log an error.
func TestNewPagesInBrowser(t *testing.T) {
	b := newFormTab(t)
	dir := t.TempDir()
	ts, _ := writeServer(t)

	// The command line's answers.
	three := testdataFile("../tender/testdata/three.yaml")
	migrated, _ := cliRun(t, "--db", ":memory:", "tender", "migrate", "../tender/testdata/three.yaml")
	tmp := filepath.Join(dir, "three.yaml")
	if err := os.WriteFile(tmp, []byte(three), 0o644); err != nil {
		t.Fatal(err)
	}
	_, msg := cliRun(t, "--db", ":memory:", "tender", "migrate", "-w", tmp)
	rewritten := regexp.MustCompile(`: (\d+) field`).FindStringSubmatch(msg)[1]
	spec := filepath.Join(dir, "ishigami.yaml")
	if err := os.WriteFile(spec, []byte(exampleFile("sweep/ishigami.yaml")), 0o644); err != nil {
		t.Fatal(err)
	}
	out, result, bin := filepath.Join(dir, "is.sweep"), filepath.Join(dir, "is.parquet"), "/opt/infragame/bin/infragame"
	cliRun(t, "--db", ":memory:", "sweep", "slurm", spec, "--array", "4", "--out", out, "--result", result, "--binary", bin)
	arrayScript, err := os.ReadFile(filepath.Join(out, "slurm", "ishigami.sbatch"))
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("INFRAGAME_DB", filepath.Join(dir, "cli.db"))
	imported := map[string]string{}
	for _, f := range []struct{ file, from string }{{"dataset/testdata/aiddata-gcdf3-sample.csv", "aiddata"}, {"examples/data/my-projects.yaml", ""}} {
		args := []string{"data", "import", "../" + f.file}
		if f.from != "" {
			args = append(args, "--from", f.from)
		}
		o, _ := cliRun(t, args...)
		imported[f.file] = regexp.MustCompile(`imported (\d+) record`).FindStringSubmatch(o)[1]
	}

	for _, l := range []struct {
		lang, file, from string
		labels           []string
	}{
		{"en", "dataset/testdata/aiddata-gcdf3-sample.csv", "aiddata", []string{"Migrate an old input file", "Sweep on a Slurm cluster", "Import your records"}},
		{"zh", "examples/data/my-projects.yaml", "", []string{"迁移旧输入文件", "在 Slurm 集群上运行扫描", "导入您的记录"}},
	} {
		// Migrate: paste the old file, read the notes, download.
		b.open(ts.URL + "/migrate?lang=" + l.lang)
		b.do("kind", chromedp.SetValue(chromedp.CSS("#migrate-kind"), "tender"))
		b.fill("#migrate-name", "three.yaml")
		b.do("paste", chromedp.SetValue(chromedp.CSS("#migrate-input"), three))
		b.submit("#migrate-submit", `document.getElementById("result") !== null`)
		if got := eval[string](b, `document.getElementById("migrated").textContent`); got != migrated {
			t.Errorf("migrate %s: the page shows\n%.300s\nthe CLI prints\n%.300s", l.lang, got, migrated)
		}
		if got := eval[string](b, `document.getElementById("migrate-rewritten").dataset.value`); got != rewritten {
			t.Errorf("migrate %s: %s fields rewritten, the CLI's -w says %s", l.lang, got, rewritten)
		}
		if got := b.fetchText(`document.getElementById("download-form").action, {method: "POST", body: new FormData(document.getElementById("download-form"))}`); got != migrated {
			t.Errorf("migrate %s: the download differs from the CLI's output", l.lang)
		}
		b.hasText("migrate "+l.lang, l.labels[0])
		b.finish("migrate-" + l.lang)

		// Slurm: an example, 4 tasks, the cluster's paths.
		b.open(ts.URL + "/sweep/slurm?lang=" + l.lang)
		b.do("example", chromedp.SetValue(chromedp.CSS("#slurm-example"), "ishigami"))
		b.fill("#slurm-array", "4")
		b.fill("#slurm-spec-path", spec)
		b.fill("#slurm-out", out)
		b.fill("#slurm-result", result)
		b.fill("#slurm-binary", bin)
		b.submit("#slurm-submit", `document.getElementById("result") !== null`)
		if got := eval[string](b, `document.getElementById("slurm-array-text").textContent`); got != string(arrayScript) {
			t.Errorf("slurm %s: the page shows\n%s\nthe CLI writes\n%s", l.lang, got, arrayScript)
		}
		if got := b.fetchText(`document.getElementById("slurm-download-array").href`); got != string(arrayScript) {
			t.Errorf("slurm %s: the download differs from the CLI's script", l.lang)
		}
		if got := eval[string](b, `document.getElementById("slurm-tasks").dataset.value`); got != "4" {
			t.Errorf("slurm %s: %s tasks", l.lang, got)
		}
		b.hasText("slurm "+l.lang, l.labels[1])
		b.finish("slurm-" + l.lang)

		// Import: the token, the file, its format; the report.
		b.open(ts.URL + "/data/import?lang=" + l.lang)
		if err := waitFor(b.ctx, `document.readyState === "complete"`, 20*time.Second); err != nil {
			t.Fatal(err)
		}
		if l.lang == "en" {
			b.fill("#import-token", writeToken)
		} else if got := eval[string](b, `document.getElementById("import-token").value`); got != writeToken {
			// The second import uses the token the first one kept.
			t.Errorf("the token field was not filled from sessionStorage: %q", got)
		}
		if l.from != "" {
			b.do("from", chromedp.SetValue(chromedp.CSS("#import-from"), l.from))
			// First a bad file: refused with its position, nothing written.
			before := recordsServed(t, ts)
			b.do("upload bad", chromedp.SetUploadFiles(chromedp.CSS("#import-file"), []string{abs(t, "dataset/testdata/aiddata-bad.csv")}))
			b.do("import bad", chromedp.Click(chromedp.CSS("#import-submit")))
			if err := waitFor(b.ctx, `document.getElementById("import-result").dataset.state !== undefined`, 60*time.Second); err != nil {
				t.Fatal(err)
			}
			if got := eval[string](b, `document.getElementById("import-result").dataset.state + " " + document.getElementById("import-result").dataset.status`); got != "refused 400" {
				t.Errorf("bad file: %s", got)
			}
			if txt := eval[string](b, `document.getElementById("import-error").textContent`); !regexp.MustCompile(`aiddata-bad\.csv:\d+`).MatchString(txt) {
				t.Errorf("bad file: the problem does not name the line: %s", txt)
			}
			if after := recordsServed(t, ts); after != before {
				t.Errorf("a refused import changed the records: %d → %d", before, after)
			}
			// The browser logs the 400 answer as a failed resource: expected.
			b.seen = len(b.problems())
		}
		b.do("upload", chromedp.SetUploadFiles(chromedp.CSS("#import-file"), []string{abs(t, l.file)}))
		b.do("import", chromedp.Click(chromedp.CSS("#import-submit")))
		if err := waitFor(b.ctx, `document.getElementById("import-result").dataset.state === "done" || document.getElementById("import-result").dataset.state === "refused" && document.getElementById("import-error") !== null`, 60*time.Second); err != nil {
			t.Fatal(err)
		}
		if got := eval[string](b, `document.getElementById("import-result").dataset.state`); got != "done" {
			t.Fatalf("import %s: %s: %s", l.lang, got, eval[string](b, `document.getElementById("import-result").textContent`))
		}
		if got := eval[string](b, `document.getElementById("import-records").dataset.value`); got != imported[l.file] {
			t.Errorf("import %s: %s records, the CLI imports %s", l.lang, got, imported[l.file])
		}
		if n, _ := strconv.Atoi(imported[l.file]); n == 0 {
			t.Errorf("the CLI imported nothing from %s", l.file)
		}
		if tok := eval[string](b, `sessionStorage.getItem("infragame-token")`); tok != writeToken {
			t.Errorf("the token is not kept in sessionStorage: %q", tok)
		}
		b.hasText("import "+l.lang, l.labels[2])
		b.finish("import-" + l.lang)
	}
}

// recordsServed is the number of records the server shows.
func recordsServed(t *testing.T, ts *httptest.Server) int {
	t.Helper()
	_, body := get(t, ts, "/api/v1/version")
	var v web.Version
	if err := json.Unmarshal([]byte(body), &v); err != nil {
		t.Fatal(err)
	}
	return v.Records
}
