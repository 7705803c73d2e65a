package web_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/infragame/infragame/internal/cli"
)

func init() {
	apiCalls = append(apiCalls,
		struct{ method, path, body string }{"POST", "/api/v1/sim/validate", `{"scenario": "name: x\nstart: 2010\nend: 2015\n"}`},
		struct{ method, path, body string }{"POST", "/api/v1/sim/validate", `{"scenario": "name: x\nstart: 2010\nend: 2015\nparams:\n  bogus: 1\n"}`},
	)
	pagePaths = append(pagePaths, "/sim/validate")
}

// simValidateCLI runs `infragame sim validate FILE` (it has no --format:
// it writes a line, or the error) and returns its exit code, standard
// output and standard error.
func simValidateCLI(t *testing.T, file string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := cli.Main(t.Context(), []string{"--db", ":memory:", "sim", "validate", file}, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

// TestSimValidateEqualsCLI: POST /api/v1/sim/validate and the /sim/validate
// page check a scenario as `sim validate FILE` does: a valid one gives the
// figures of the CLI's line, a bad one (unknown parameter, unknown key,
// bad YAML) a 400 problem whose detail is the CLI's message with the file
// named "scenario", and its line, column and field.
func TestSimValidateEqualsCLI(t *testing.T) {
	ts := newStoreServer(t)
	dir := t.TempDir()
	for _, c := range []struct {
		name, text, field string
		line              int
	}{
		{"valid", "name: mine\nstart: 2010\nend: 2020\nparams:\n  jp.markup: 0.1\n", "", 0},
		// Line 5 is the line of "bogus:" in the text.
		{"unknown-param", "name: mine\nstart: 2010\nend: 2015\nparams:\n  bogus: 1\n", "params.bogus", 5},
		// Line 4 is the line of the unknown key "colour:".
		{"unknown-key", "name: mine\nstart: 2010\nend: 2015\ncolour: red\n", "", 4},
		// The YAML reader reports the unclosed "[" at the end of input, line 2.
		{"bad-yaml", "name: [mine\n", "", 2},
	} {
		file := filepath.Join(dir, "scenario")
		if err := os.WriteFile(file, []byte(c.text), 0o644); err != nil {
			t.Fatal(err)
		}
		// A path with a separator is read as a file by the CLI.
		code, out, errb := simValidateCLI(t, file)
		status, _, body := postJSON(t, ts, "/api/v1/sim/validate", map[string]any{"scenario": c.text})
		if code == 0 {
			var got struct {
				File, Scenario string
				Start, End     int
				Params         int
				Valid          bool
			}
			if err := json.Unmarshal([]byte(body), &got); err != nil || status != 200 || !got.Valid {
				t.Errorf("%s: %d %s", c.name, status, body)
				continue
			}
			if want := strings.TrimSpace(out); !strings.Contains(want, `scenario "`+got.Scenario+`" is valid`) || !strings.Contains(want, "2010–2020, 1 parameters set") || got.Start != 2010 || got.End != 2020 || got.Params != 1 {
				t.Errorf("%s: API %s, CLI %s", c.name, body, want)
			}
			continue
		}
		var p struct {
			Detail, File, Field string
			Line                int
		}
		if err := json.Unmarshal([]byte(body), &p); err != nil || status != 400 {
			t.Errorf("%s: %d %s", c.name, status, body)
			continue
		}
		want := strings.TrimSpace(strings.TrimPrefix(strings.ReplaceAll(errb, file, "scenario"), "infragame: "))
		if p.Detail != want || p.File != "scenario" || p.Line != c.line || c.field != "" && p.Field != c.field {
			t.Errorf("%s: API %s\nCLI %s", c.name, body, errb)
		}
		if c.name == "unknown-param" {
			_, page := get(t, ts, "/sim/validate?lang=zh&scenario_text="+strings.ReplaceAll(strings.ReplaceAll(c.text, "\n", "%0A"), " ", "%20"))
			if !strings.Contains(page, "params.bogus") || !strings.Contains(page, "检查情景文件") {
				t.Errorf("page of a bad scenario lacks the error or the Chinese title:\n%.600s", page)
			}
		}
	}
}
