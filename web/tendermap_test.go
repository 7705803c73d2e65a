package web_test

import (
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/infragame/infragame/cases"
	"github.com/infragame/infragame/web"
)

func init() {
	pagePaths = append(pagePaths, "/tender/jakarta-bandung-2015/map?nx=3&ny=3", "/tender/backtest")
	apiCalls = append(apiCalls, []struct{ method, path, body string }{
		{"GET", "/api/v1/tender/jakarta-bandung-2015/map?x=host.shadow_price&y=host.discount_rate&nx=3&ny=2", ""},
		{"GET", "/api/v1/tender/jakarta-bandung-2015/map?x=bogus&y=host.discount_rate", ""},
		{"GET", "/api/v1/tender/nope/map?x=host.shadow_price&y=host.discount_rate", ""},
		{"POST", "/api/v1/tender/map?x=host.shadow_price&y=host.discount_rate&nx=2&ny=2", "case-file"},
	}...)
}

// TestTenderMapEqualsCLI: the who-wins map of a library case and of an
// uploaded case file is `infragame tender map … --format json` on the same
// grid, its page shows every number of that document, and bad input is a
// 400 naming the field.
func TestTenderMapEqualsCLI(t *testing.T) {
	ts := newServer(t, web.Config{})
	for _, c := range []struct {
		query string
		args  []string
	}{
		{"x=host.shadow_price&y=host.discount_rate", []string{"--x", "host.shadow_price", "--y", "host.discount_rate"}},
		// The grid of docs/tender.md's example map, made coarser.
		{"x=host.shadow_price&xmin=0&xmax=1&y=host.discount_rate&ymin=0&ymax=0.08&nx=6&ny=5",
			[]string{"--x", "host.shadow_price", "--xmin", "0", "--xmax", "1", "--y", "host.discount_rate", "--ymin", "0", "--ymax", "0.08", "--nx", "6", "--ny", "5"}},
		// A rate named NAME_pct is in percent, as on the command line.
		{"x=host.shadow_price&xmin=0&xmax=1&y=host.discount_rate_pct&ymin=0&ymax=8&nx=6&ny=5",
			[]string{"--x", "host.shadow_price", "--xmin", "0", "--xmax", "1", "--y", "host.discount_rate_pct", "--ymin", "0", "--ymax", "8", "--nx", "6", "--ny", "5"}},
	} {
		want := runCLI(t, append([]string{"tender", "map", "case:jakarta-bandung-2015"}, c.args...)...)
		_, got := get(t, ts, "/api/v1/tender/jakarta-bandung-2015/map?"+c.query)
		if !jsonEqual(t, got, want) {
			t.Errorf("map %s differs from the CLI's:\n%.400s\nwant\n%.400s", c.query, got, want)
		}
	}
	// The page: the form's fields (empty ones are the CLI's defaults).
	_, page := get(t, ts, "/tender/jakarta-bandung-2015/map?lang=zh&x=offers.china.capex&y=host.discount_rate&nx=4&ny=3&xmin=&xmax=&ymin=&ymax=")
	want := runCLI(t, "tender", "map", "case:jakarta-bandung-2015", "--x", "offers.china.capex", "--y", "host.discount_rate", "--nx", "4", "--ny", "3")
	if d := sameNumbers(htmlValues(t, section(t, page, "result", "")), jsonNumbers(t, want)); d != "" {
		t.Errorf("map page: %s", d)
	}
	checkRounding(t, "map page", section(t, page, "result", ""))
	if !strings.Contains(page, "谁在何处中标") || !strings.Contains(page, `data-echarts=`) {
		t.Errorf("map page: no Chinese title or no chart")
	}

	// A case file of one's own: the body of the API, and the page's upload.
	raw, err := cases.Raw("matarbari-sonadia-2015.yaml")
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "my-case.yaml")
	if err := os.WriteFile(file, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	want = runCLI(t, "tender", "map", file, "--x", "host.shadow_price", "--y", "host.discount_rate", "--nx", "3", "--ny", "4")
	code, _, got := post(t, ts, "/api/v1/tender/map?x=host.shadow_price&y=host.discount_rate&nx=3&ny=4", "application/yaml", raw)
	if code != 200 || !jsonEqual(t, got, want) {
		t.Errorf("map of a file: %d, differs from the CLI's:\n%.400s", code, got)
	}
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormFile("case", "my-case.yaml")
	_, _ = fw.Write(raw)
	for k, v := range map[string]string{"case_text": "", "x": "host.shadow_price", "y": "host.discount_rate", "nx": "3", "ny": "4", "xmin": "", "ymax": ""} {
		_ = mw.WriteField(k, v)
	}
	_ = mw.Close()
	code, _, page = post(t, ts, "/tender/map?lang=en", mw.FormDataContentType(), body.Bytes())
	if code != 200 {
		t.Fatalf("map upload page: %d\n%.500s", code, page)
	}
	if d := sameNumbers(htmlValues(t, section(t, page, "result", "")), jsonNumbers(t, want)); d != "" {
		t.Errorf("map upload page: %s", d)
	}

	for _, c := range []struct {
		method, path, body string
		status             int
		field              string
	}{
		{"GET", "/api/v1/tender/jakarta-bandung-2015/map?y=host.discount_rate", "", 400, "x"},
		{"GET", "/api/v1/tender/jakarta-bandung-2015/map?x=host.shadow_price&y=bogus", "", 400, "y"},
		{"GET", "/api/v1/tender/jakarta-bandung-2015/map?x=host.shadow_price&y=host.discount_rate&nx=200&ny=200", "", 400, "nx"},
		{"GET", "/api/v1/tender/jakarta-bandung-2015/map?x=host.shadow_price&y=host.discount_rate&xmin=1&xmax=0", "", 400, "xmin"},
		{"GET", "/api/v1/tender/jakarta-bandung-2015/map?x=host.shadow_price&y=host.shadow_price", "", 400, "y"},
		{"GET", "/api/v1/tender/nope/map?x=host.shadow_price&y=host.discount_rate", "", 404, ""},
		{"POST", "/api/v1/tender/map?x=host.shadow_price&y=host.discount_rate", "not: [a case", 400, "case"},
	} {
		req, _ := http.NewRequest(c.method, ts.URL+c.path, strings.NewReader(c.body))
		resp, err := ts.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		var p web.Problem
		if err := json.Unmarshal(b, &p); err != nil || resp.StatusCode != c.status || p.Field != c.field {
			t.Errorf("%s %s: %d %+v, want %d field %q", c.method, c.path, resp.StatusCode, p, c.status, c.field)
		}
	}
}

// TestTenderBacktestPage: the backtest page shows every number of
// `infragame tender backtest --format json`.
func TestTenderBacktestPage(t *testing.T) {
	ts := newServer(t, web.Config{})
	_, page := get(t, ts, "/tender/backtest?lang=zh")
	res := section(t, page, "result", "")
	if d := sameNumbers(htmlValues(t, res), jsonNumbers(t, runCLI(t, "tender", "backtest"))); d != "" {
		t.Errorf("backtest page: %s", d)
	}
	checkRounding(t, "backtest page", res)
	if _, page = get(t, ts, "/tender?lang=zh"); !strings.Contains(page, `href="/tender/backtest?lang=zh"`) {
		t.Error("the tender page has no link to the backtest")
	}
}
