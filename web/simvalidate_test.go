package web_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/infragame/infragame/internal/cli/fullcmd"
	"github.com/infragame/infragame/market"
)

func init() {
	apiCalls = append(apiCalls,
		struct{ method, path, body string }{"POST", "/api/v1/sim/validate", `{"scenario": "name: x\nstart: 2010\nend: 2015\n"}`},
		struct{ method, path, body string }{"POST", "/api/v1/sim/validate", `{"scenario": "name: x\nstart: 2010\nend: 2015\nparams:\n  bogus: 1\n"}`},
	)
	pagePaths = append(pagePaths, "/sim/validate")
}

// simValidateCLI runs `infragame sim validate FILE --format json` and
// returns its exit code and its document (one, valid or not).
func simValidateCLI(t *testing.T, file string) (int, market.ScenarioCheck) {
	t.Helper()
	var out, errb bytes.Buffer
	code := fullcmd.Main(t.Context(), []string{"--db", ":memory:", "sim", "validate", file, "--format", "json"}, strings.NewReader(""), &out, &errb)
	var c market.ScenarioCheck
	if err := json.Unmarshal(out.Bytes(), &c); err != nil {
		t.Fatalf("sim validate --format json: exit %d, %v\n%s%s", code, err, out.String(), errb.String())
	}
	return code, c
}

// TestSimValidateEqualsCLI: POST /api/v1/sim/validate and the /sim/validate
// page check a scenario as `sim validate FILE --format json` does: a valid
// one gives the CLI's document (the file named "scenario"), a bad one
// (unknown parameter, unknown key, bad YAML, a share on the wrong scale) a
// 400 problem with the line, column, field and message of the CLI's first
// problem, its detail reading scenario:line:column: field: message.
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
		{"unknown-key", "name: mine\nstart: 2010\nend: 2015\ncolour: red\n", "colour", 4},
		// The YAML reader reports the unclosed "[" at the end of input, line 2.
		{"bad-yaml", "name: [mine\n", "", 2},
		// 0.5 in a percent field is 0.5 % (units.Check), on line 5.
		{"wrong-scale", "name: mine\nstart: 2010\nend: 2015\nparams:\n  jp.guarantee_share_pct: 0.5\n", "params.jp.guarantee_share_pct", 5},
	} {
		file := filepath.Join(dir, "scenario")
		if err := os.WriteFile(file, []byte(c.text), 0o644); err != nil {
			t.Fatal(err)
		}
		// A path with a separator is read as a file by the CLI.
		code, cliDoc := simValidateCLI(t, file)
		status, _, body := postJSON(t, ts, "/api/v1/sim/validate", map[string]any{"scenario": c.text})
		if code == 0 {
			var got market.ScenarioCheck
			if err := json.Unmarshal([]byte(body), &got); err != nil || status != 200 || !got.Valid {
				t.Errorf("%s: %d %s", c.name, status, body)
				continue
			}
			cliDoc.File = "scenario"
			if !reflect.DeepEqual(got, cliDoc) {
				t.Errorf("%s: API %+v, CLI %+v", c.name, got, cliDoc)
			}
			continue
		}
		var p struct {
			Detail, File, Field string
			Line, Column        int
		}
		if err := json.Unmarshal([]byte(body), &p); err != nil || status != 400 || cliDoc.Valid || len(cliDoc.Problems) == 0 {
			t.Errorf("%s: %d %s; CLI %+v", c.name, status, body, cliDoc)
			continue
		}
		w := cliDoc.Problems[0]
		detail := fmt.Sprintf("scenario:%d", w.Line)
		if w.Column > 0 {
			detail += fmt.Sprintf(":%d", w.Column)
		}
		detail += ": "
		if w.Field != "" {
			detail += w.Field + ": "
		}
		detail += w.Message
		if p.Detail != detail || p.File != "scenario" || p.Line != w.Line || p.Line != c.line || p.Field != w.Field || p.Field != c.field {
			t.Errorf("%s: API %s\nCLI %+v", c.name, body, w)
		}
		if c.name == "unknown-param" {
			_, page := get(t, ts, "/sim/validate?lang=zh&scenario_text="+strings.ReplaceAll(strings.ReplaceAll(c.text, "\n", "%0A"), " ", "%20"))
			if !strings.Contains(page, "params.bogus") || !strings.Contains(page, "检查情景文件") {
				t.Errorf("page of a bad scenario lacks the error or the Chinese title:\n%.600s", page)
			}
		}
	}
}
