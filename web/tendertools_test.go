package web_test

import (
	"bytes"
	"mime/multipart"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/infragame/infragame/cases"
)

func init() {
	apiCalls = append(apiCalls,
		struct{ method, path, body string }{"GET", "/api/v1/tender/jakarta-bandung-2015/breakeven?param=host.shadow_price&min=0&max=3", ""},
		struct{ method, path, body string }{"GET", "/api/v1/tender/jakarta-bandung-2015/breakeven?param=host.discount_rate_pct&min=0&max=20", ""},
		struct{ method, path, body string }{"GET", "/api/v1/tender/jakarta-bandung-2015/breakeven?param=host.nope", ""},
		struct{ method, path, body string }{"GET", "/api/v1/tender/jakarta-bandung-2015/breakeven", ""},
	)
	pagePaths = append(pagePaths, "/tender/jakarta-bandung-2015/breakeven?param=host.shadow_price&min=0&max=3",
		"/tender/jakarta-bandung-2015/evaluate?runs=200")
}

// TestTenderToolsEqualCLI: the break-even endpoint is `tender breakeven`
// for the same parameter and range (in percent for a _pct name, and when
// the range holds no break-even); the evaluation page's numbers are
// `tender evaluate --runs`'s.
func TestTenderToolsEqualCLI(t *testing.T) {
	ts := newStoreServer(t)
	for _, c := range []struct{ query, param, lo, hi string }{
		{"param=host.shadow_price&min=0&max=3", "host.shadow_price", "0", "3"},
		{"param=host.discount_rate_pct&min=0&max=20", "host.discount_rate_pct", "0", "20"},
		{"param=offers.japan.capex&min=3000&max=8000", "offers.japan.capex", "3000", "8000"},
	} {
		_, got := get(t, ts, "/api/v1/tender/jakarta-bandung-2015/breakeven?"+c.query)
		if want := runCLI(t, "tender", "breakeven", "case:jakarta-bandung-2015", "--param", c.param, "--min", c.lo, "--max", c.hi); !jsonEqual(t, got, want) {
			t.Errorf("breakeven %s differs from the CLI's:\n%.400s\nwant\n%.400s", c.query, got, want)
		}
	}
	resp, body := get(t, ts, "/api/v1/tender/jakarta-bandung-2015/breakeven?param=host.shadow_pric")
	if resp.StatusCode != 400 || !strings.Contains(body, "host.shadow_price") {
		t.Errorf("unknown parameter: %d %s", resp.StatusCode, body)
	}
	_, page := get(t, ts, "/tender/jakarta-bandung-2015/evaluate?lang=zh&runs=200&seed=3")
	if d := sameNumbers(htmlValues(t, section(t, page, "result", "share")), jsonNumbers(t, runCLI(t, "tender", "evaluate", "case:jakarta-bandung-2015", "--runs", "200", "--seed", "3"))); d != "" {
		t.Errorf("evaluate page: %s", d)
	}
}

func init() {
	apiCalls = append(apiCalls,
		struct{ method, path, body string }{"POST", "/api/v1/tender/backtest?only=true", "case-file"},
		struct{ method, path, body string }{"POST", "/api/v1/tender/backtest", "case-file"},
		struct{ method, path, body string }{"POST", "/api/v1/tender/backtest?only=true", "not: [a case"},
	)
}

// TestBacktestUploadEqualsCLI: case files uploaded to the backtest are
// `tender backtest FILES --only`; with the library, a case id given twice
// is refused as on the command line.
func TestBacktestUploadEqualsCLI(t *testing.T) {
	ts := newStoreServer(t)
	dir := t.TempDir()
	var paths []string
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for _, n := range []string{"jakarta-bandung-2015.yaml", "matarbari-sonadia-2015.yaml", "bangkok-chiang-mai-2017.yaml"} {
		raw, err := cases.Raw(n)
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, n)
		if err := os.WriteFile(p, raw, 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
		fw, _ := mw.CreateFormFile("case", n)
		fw.Write(raw)
	}
	mw.WriteField("only", "true")
	mw.Close()
	code, _, got := post(t, ts, "/api/v1/tender/backtest", mw.FormDataContentType(), body.Bytes())
	if want := runCLI(t, append(append([]string{"tender", "backtest"}, paths...), "--only")...); code != 200 || !jsonEqual(t, got, want) {
		t.Errorf("backtest of uploaded files (%d) differs from tender backtest FILES --only:\n%.400s\nwant\n%.400s", code, got, want)
	}
	raw, _ := os.ReadFile(paths[0])
	if code, _, got := post(t, ts, "/api/v1/tender/backtest", "application/yaml", raw); code != 400 || !strings.Contains(got, "already given") {
		t.Errorf("a library case uploaded again: %d %s", code, got)
	}
}
