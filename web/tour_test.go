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
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/infragame/infragame/web"
)

// tourStep is one command of the README's tour ("## A tour") and the page
// that does the same in the browser: its URL (the inputs in the query, as
// a shared link holds them) and the check that the page shows what the
// command prints for the same inputs. docs/web.md ("The README tour in the
// browser") is the same table for readers; TestTourDocumented keeps the
// three in step.
type tourStep struct {
	// command is the command as the README writes it.
	command string
	// url is the page, as docs/web.md names it.
	url string
	// check compares the page with the command line; nil for a step done
	// by another page's check (listed for the table).
	check func(t *testing.T, ts *httptest.Server, s tourStep)
}

// numbersOf checks that the numbers shown in the section of the page
// between the ids from and to ("" to the end) equal the numbers of the
// CLI's --format json for args (exact values, kept in data-value).
func numbersOf(from, to string, args ...string) func(*testing.T, *httptest.Server, tourStep) {
	return func(t *testing.T, ts *httptest.Server, s tourStep) {
		t.Helper()
		want := jsonNumbers(t, runCLI(t, args...))
		for _, l := range []string{"en", "zh"} {
			resp, page := get(t, ts, withLang(s.url, l))
			if resp.StatusCode != 200 {
				t.Fatalf("%s %s: %d\n%.400s", s.url, l, resp.StatusCode, page)
			}
			if m := untranslated.FindString(page); m != "" {
				t.Errorf("%s %s: label %s has no translation", s.url, l, m)
			}
			if d := sameNumbers(htmlValues(t, section(t, page, from, to)), want); d != "" {
				t.Errorf("%s %s: %s", s.url, l, d)
			}
		}
	}
}

// withLang adds lang=l to the query of u.
func withLang(u, l string) string {
	if strings.Contains(u, "?") {
		return u + "&lang=" + l
	}
	return u + "?lang=" + l
}

// untranslated is a label key shown for want of its translation.
var untranslated = regexp.MustCompile(`\[(web|brief|case|col|axis|chart|terms|simrep|source)\.[a-z0-9_.]+\]`)

// cellsOf checks that the page's table cells are those of the CLI's
// report (infragame report ARGS, in English).
func cellsOf(args ...string) func(*testing.T, *httptest.Server, tourStep) {
	return func(t *testing.T, ts *httptest.Server, s tourStep) {
		t.Helper()
		_, page := get(t, ts, s.url)
		if d := sameCells(pageCells(page), cliReport(t, "en", args...)); d != "" {
			t.Errorf("%s: %s", s.url, d)
		}
	}
}

func pageCells(page string) []string {
	var cells []string
	for _, m := range tdRE.FindAllStringSubmatch(page, -1) {
		cells = append(cells, strings.TrimSpace(htmlText(m[1])))
	}
	return cells
}

var recordLink = regexp.MustCompile(`<a href="/data/([a-z0-9][a-z0-9._-]*)\?`)

// idsOf checks that the records the explorer lists are those the CLI's
// JSON lists (each element's "id"), in any order.
func idsOf(args ...string) func(*testing.T, *httptest.Server, tourStep) {
	return func(t *testing.T, ts *httptest.Server, s tourStep) {
		t.Helper()
		_, page := get(t, ts, s.url)
		// A record is linked from its id and its title.
		seen := map[string]bool{}
		var got []string
		for _, m := range recordLink.FindAllStringSubmatch(section(t, page, "count", ""), -1) {
			if !seen[m[1]] && m[1] != "summary" && m[1] != "import" {
				seen[m[1]] = true
				got = append(got, m[1])
			}
		}
		// data list prints an array of records, data search an object
		// whose hits are the records found
		type doc struct {
			ID string `json:"id"`
		}
		var docs []doc
		out := []byte(runCLI(t, args...))
		if err := json.Unmarshal(out, &docs); err != nil {
			var found struct {
				Hits []doc `json:"hits"`
			}
			if json.Unmarshal(out, &found) != nil {
				t.Fatal(err)
			}
			docs = found.Hits
		}
		var want []string
		for _, d := range docs {
			want = append(want, d.ID)
		}
		sort.Strings(got)
		sort.Strings(want)
		if strings.Join(got, " ") != strings.Join(want, " ") || len(want) == 0 {
			t.Errorf("%s lists %v; infragame %s lists %v", s.url, got, strings.Join(args, " "), want)
		}
	}
}

// jobPage opens a page that starts a job and redirects to its link, waits
// for the job and returns the finished page and its URL.
func jobPage(t *testing.T, ts *httptest.Server, u string) (string, string) {
	t.Helper()
	resp, err := ts.Client().Get(ts.URL + u)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	id := resp.Request.URL.Query().Get("job")
	if resp.StatusCode != 200 || id == "" {
		t.Fatalf("%s: %d, %s", u, resp.StatusCode, resp.Request.URL)
	}
	done := waitJob(t, func(p string) string { _, b := get(t, ts, p); return b }, id)
	if !strings.Contains(done, `"state": "done"`) && !strings.Contains(done, `"state":"done"`) {
		t.Fatalf("%s: job %.400s", u, done)
	}
	link := resp.Request.URL.RequestURI()
	_, page := get(t, ts, link)
	return page, link
}

// tourSteps are the README tour's commands, in its order (the data import
// and Slurm steps are appended in tools_test.go's init).
var tourSteps = []tourStep{
	{"infragame brief", "/?lang=en", cellsOf("brief")},

	{"infragame data summary", "/data/summary", numbersOf("result", "", "data", "summary")},
	{"infragame data search 9.26", "/data?q=9.26", idsOf("data", "search", "9.26")},
	{"infragame data search 雅万", "/data?q=" + url.QueryEscape("雅万"), idsOf("data", "search", "雅万")},
	{"infragame data show jakarta-bandung-hsr", "/data/jakarta-bandung-hsr", func(t *testing.T, ts *httptest.Server, s tourStep) {
		_, page := get(t, ts, s.url)
		var rec struct {
			Source string `json:"source"`
			Quote  string `json:"quote"`
			Name   string `json:"name"`
		}
		if err := json.Unmarshal([]byte(runCLI(t, "data", "show", "jakarta-bandung-hsr")), &rec); err != nil {
			t.Fatal(err)
		}
		text := htmlText(page)
		for _, want := range []string{rec.Source, rec.Name} {
			if want == "" || !strings.Contains(text, want) {
				t.Errorf("%s does not show %q", s.url, want)
			}
		}
	}},
	{"infragame data list project --exporter JP --format csv", "/data?kind=project&exporter=JP", idsOf("data", "list", "project", "--exporter", "JP")},
	{"infragame data list fact --flagged", "/data?kind=fact&flagged=1", idsOf("data", "list", "fact", "--flagged")},
	{"infragame data export --format json > all.json", "/api/v1/export?format=json", func(t *testing.T, ts *httptest.Server, s tourStep) {
		// The explorer's "JSON" link without filters.
		_, page := get(t, ts, "/data?kind=")
		if !strings.Contains(page, `href="/api/v1/export?`) {
			t.Errorf("/data has no export link")
		}
		_, body := get(t, ts, s.url)
		if withoutVersion(t, body) != withoutVersion(t, runCLI(t, "data", "export")) {
			t.Errorf("%s differs from data export --format json", s.url)
		}
	}},

	{"infragame finance ge --rate 2 --maturity 21.75 --grace 5 --discount 10 --method aiddata", "/finance?rate_pct=2&maturity_years=21.75&grace_years=5&discount_pct=10&method=aiddata",
		numbersOf("ge-result", "schedule-result", "finance", "ge", "--rate", "2", "--maturity", "21.75", "--grace", "5", "--discount", "10", "--method", "aiddata")},
	{"infragame finance schedule --principal 1e9 --currency JPY --rate 0.1 --maturity 40 --grace 10", "/finance?principal=1e9&currency=JPY&rate_pct=0.1&maturity_years=40&grace_years=10",
		numbersOf("schedule-result", "compare-form", "finance", "schedule", "--principal", "1e9", "--currency", "JPY", "--rate", "0.1", "--maturity", "40", "--grace", "10")},
	{"infragame finance compare examples/finance/jakarta-bandung.yaml", "POST /finance (offers)", func(t *testing.T, ts *httptest.Server, s tourStep) {
		code, page := upload(t, ts, "/finance?lang=en", "offers", nil, "examples/finance/jakarta-bandung.yaml")
		if code != 200 {
			t.Fatalf("%d %.400s", code, page)
		}
		if d := sameNumbers(htmlValues(t, section(t, page, "compare-result", "")), jsonNumbers(t, runCLI(t, "finance", "compare", "examples/finance/jakarta-bandung.yaml"))); d != "" {
			t.Error(d)
		}
	}},
	{"infragame finance compare --project jakarta-bandung-hsr --call-probability 10", "/finance?project=jakarta-bandung-hsr&call_probability_pct=10",
		numbersOf("compare-result", "", "finance", "compare", "--project", "jakarta-bandung-hsr", "--call-probability", "10")},
	{"infragame finance surface --method imf --rates 0:5:0.25 --axis grace --y 0:15:1 --maturity 40 --svg ge.svg", "/finance/surface?method=imf&rates=0:5:0.25&axis=grace&y=0:15:1&maturity_years=40",
		numbersOf("result", "", "finance", "surface", "--method", "imf", "--rates", "0:5:0.25", "--axis", "grace", "--y", "0:15:1", "--maturity", "40")},

	{"infragame lcc run examples/lcc/hsr_two_offers.yaml", "/lcc?study_text=…hsr_two_offers.yaml", func(t *testing.T, ts *httptest.Server, s tourStep) {
		s.url = "/lcc?study_text=" + url.QueryEscape(exampleFile("lcc/hsr_two_offers.yaml"))
		numbersOf("result", "", "lcc", "run", "examples/lcc/hsr_two_offers.yaml")(t, ts, s)
	}},
	{"infragame lcc run examples/lcc/hsr_two_offers.yaml --runs 10000 --seed 42", "/lcc?runs=10000&seed=42&study_text=…hsr_two_offers.yaml", func(t *testing.T, ts *httptest.Server, s tourStep) {
		s.url = "/lcc?runs=10000&seed=42&study_text=" + url.QueryEscape(exampleFile("lcc/hsr_two_offers.yaml"))
		numbersOf("result", "", "lcc", "run", "examples/lcc/hsr_two_offers.yaml", "--runs", "10000", "--seed", "42")(t, ts, s)
	}},
	{"infragame tender evaluate case:jakarta-bandung-2015", "/tender/jakarta-bandung-2015/evaluate?runs=0",
		numbersOf("result", "", "tender", "evaluate", "case:jakarta-bandung-2015")},
	{"infragame tender breakeven case:jakarta-bandung-2015 --param host.shadow_price --min 0 --max 3", "/tender/jakarta-bandung-2015/breakeven?param=host.shadow_price&min=0&max=3",
		numbersOf("result", "", "tender", "breakeven", "case:jakarta-bandung-2015", "--param", "host.shadow_price", "--min", "0", "--max", "3")},
	{"infragame tender map case:jakarta-bandung-2015 --x host.shadow_price --y host.discount_rate --svg map.svg", "/tender/jakarta-bandung-2015/map?x=host.shadow_price&y=host.discount_rate",
		numbersOf("result", "", "tender", "map", "case:jakarta-bandung-2015", "--x", "host.shadow_price", "--y", "host.discount_rate")},
	{"infragame tender backtest", "/tender/backtest", numbersOf("result", "", "tender", "backtest")},
	{"infragame tender backtest cases/ --only", "POST /tender/backtest (case files, only)", func(t *testing.T, ts *httptest.Server, s tourStep) {
		files := []string{"cases/jakarta-bandung-2015.yaml", "cases/matarbari-sonadia-2015.yaml"}
		code, page := upload(t, ts, "/tender/backtest?lang=en", "case", map[string]string{"only": "true"}, files...)
		if code != 200 {
			t.Fatalf("%d %.400s", code, page)
		}
		args := []string{"tender", "backtest"}
		for _, f := range files {
			args = append(args, filepath.Join("..", f))
		}
		if d := sameNumbers(htmlValues(t, section(t, page, "result", "")), jsonNumbers(t, runCLI(t, append(args, "--only")...))); d != "" {
			t.Error(d)
		}
	}},
	{"infragame tender breakeven case:jakarta-bandung-2015 --param offers.japan.capex --target-prob 0.5 --offer japan", "/tender/jakarta-bandung-2015/breakeven?param=offers.japan.capex&target_prob=0.5&offer=japan",
		numbersOf("result", "", "tender", "breakeven", "case:jakarta-bandung-2015", "--param", "offers.japan.capex", "--target-prob", "0.5", "--offer", "japan")},

	{"infragame contest analyze case:jakarta-bandung-2015 --verify", "/contest/jakarta-bandung-2015?verify=true",
		numbersOf("result", "", "contest", "analyze", "case:jakarta-bandung-2015", "--verify")},
	{"infragame contest map case:jakarta-bandung-2015 --svg coop.svg", "/contest/jakarta-bandung-2015?lang=zh", func(t *testing.T, ts *httptest.Server, s tourStep) {
		_, page := get(t, ts, s.url)
		var cells []struct {
			Gain float64 `json:"exporters_gain"`
		}
		if err := json.Unmarshal([]byte(runCLI(t, "contest", "map", "case:jakarta-bandung-2015")), &cells); err != nil {
			t.Fatal(err)
		}
		m := regexp.MustCompile(`data-echarts="([^"]*)"`).FindAllStringSubmatch(page, -1)
		var opt struct {
			Series []struct {
				Data []struct {
					Value []float64 `json:"value"`
				} `json:"data"`
			} `json:"series"`
		}
		if len(m) == 0 {
			t.Fatal("no map on the page")
		}
		if err := json.Unmarshal([]byte(htmlText(m[len(m)-1][1])), &opt); err != nil || len(opt.Series) == 0 {
			t.Fatalf("map: %v", err)
		}
		data := opt.Series[0].Data
		if len(data) != len(cells) {
			t.Fatalf("%d cells shown, contest map has %d", len(data), len(cells))
		}
		for i := range cells {
			if v := data[i].Value; len(v) != 3 || v[2] != cells[i].Gain {
				t.Errorf("cell %d: %v shown, contest map has gain %v", i, v, cells[i].Gain)
			}
		}
	}},

	{"infragame game solve examples/game/bos.nfg --method enummixed --format gambit", "/game?method=enummixed&game_text=…bos.nfg", func(t *testing.T, ts *httptest.Server, s tourStep) {
		s.url = "/game?method=enummixed&game_text=" + url.QueryEscape(exampleFile("game/bos.nfg"))
		numbersOf("result", "", "game", "solve", "examples/game/bos.nfg", "--method", "enummixed")(t, ts, s)
	}},
	{"infragame game random --strategies 8x8 --seed 42 -o g.nfg", "/game/random?strategies=8x8&seed=42", func(t *testing.T, ts *httptest.Server, s tourStep) {
		_, body := get(t, ts, "/api/v1/game/random?strategies=8x8&seed=42")
		if want := cliText(t, "game", "random", "--strategies", "8x8", "--seed", "42"); body != want {
			t.Errorf("the download differs from game random's file")
		}
		_, page := get(t, ts, s.url)
		if !strings.Contains(htmlText(page), cliText(t, "game", "random", "--strategies", "8x8", "--seed", "42")) {
			t.Errorf("%s does not show game random's file", s.url)
		}
	}},
	{"infragame game check g.nfg 1/2,1/2,0,0,0,0,0,0,1,0,0,0,0,0,0,0", "/game/check?profile=1/2,1/2,0,0,0,0,0,0,1,0,0,0,0,0,0,0&game_text=…g.nfg", func(t *testing.T, ts *httptest.Server, s tourStep) {
		g := cliText(t, "game", "random", "--strategies", "8x8", "--seed", "42")
		file := filepath.Join(t.TempDir(), "g.nfg")
		if err := os.WriteFile(file, []byte(g), 0o644); err != nil {
			t.Fatal(err)
		}
		profile := "1/2,1/2,0,0,0,0,0,0,1,0,0,0,0,0,0,0"
		s.url = "/game/check?profile=" + profile + "&game_text=" + url.QueryEscape(g)
		numbersOf("result", "", "game", "check", file, profile)(t, ts, s)
	}},
	{"infragame game solve examples/game/bos-matrix.txt --format gambit", "/game?game_text=…bos-matrix.txt", func(t *testing.T, ts *httptest.Server, s tourStep) {
		s.url = "/game?game_text=" + url.QueryEscape(exampleFile("game/bos-matrix.txt"))
		numbersOf("result", "", "game", "solve", "examples/game/bos-matrix.txt")(t, ts, s)
	}},
	{"infragame game solve examples/game/kuhn-poker.efg --format gambit", "/game?game_text=…kuhn-poker.efg", func(t *testing.T, ts *httptest.Server, s tourStep) {
		s.url = "/game?game_text=" + url.QueryEscape(exampleFile("game/kuhn-poker.efg"))
		numbersOf("result", "", "game", "solve", "examples/game/kuhn-poker.efg")(t, ts, s)
	}},
	{"infragame game from-case case:jakarta-bandung-2015 --form efg -o jb.efg && infragame game solve jb.efg", "/game/from-case?case=jakarta-bandung-2015&form=efg, then “Solve this game”", func(t *testing.T, ts *httptest.Server, s tourStep) {
		s.url = "/game/from-case?case=jakarta-bandung-2015&form=efg"
		numbersOf("result", "game-file", "game", "from-case", "case:jakarta-bandung-2015", "--form", "efg")(t, ts, s)
		efgText := cliText(t, "game", "from-case", "case:jakarta-bandung-2015", "--form", "efg")
		file := filepath.Join(t.TempDir(), "jb.efg")
		if err := os.WriteFile(file, []byte(efgText), 0o644); err != nil {
			t.Fatal(err)
		}
		// "Solve this game" posts the file shown to /game.
		code, _, page := post(t, ts, "/game?lang=en", "application/x-www-form-urlencoded", []byte(url.Values{"game_text": {efgText}, "method": {""}}.Encode()))
		if code != 200 {
			t.Fatalf("solve: %d %.400s", code, page)
		}
		if d := sameNumbers(htmlValues(t, section(t, page, "result", "")), jsonNumbers(t, runCLI(t, "game", "solve", file))); d != "" {
			t.Errorf("solve jb.efg: %s", d)
		}
	}},

	{"infragame auction solve examples/auction/issue.yaml --verify", "/auction?verify=true&spec_text=…issue.yaml", func(t *testing.T, ts *httptest.Server, s tourStep) {
		s.url = "/auction?verify=true&spec_text=" + url.QueryEscape(exampleFile("auction/issue.yaml"))
		numbersOf("result", "", "auction", "solve", "examples/auction/issue.yaml", "--verify")(t, ts, s)
	}},
	{"infragame auction bid examples/auction/issue.yaml weak 0.8", "/auction?command=bid&bidder=weak&type=0.8&spec_text=…issue.yaml", func(t *testing.T, ts *httptest.Server, s tourStep) {
		s.url = "/auction?command=bid&bidder=weak&type=0.8&spec_text=" + url.QueryEscape(exampleFile("auction/issue.yaml"))
		numbersOf("result", "", "auction", "bid", "examples/auction/issue.yaml", "weak", "0.8")(t, ts, s)
	}},
	{"infragame auction solve examples/auction/scoring.yaml", "/auction?spec_text=…scoring.yaml", func(t *testing.T, ts *httptest.Server, s tourStep) {
		s.url = "/auction?spec_text=" + url.QueryEscape(exampleFile("auction/scoring.yaml"))
		numbersOf("result", "", "auction", "solve", "examples/auction/scoring.yaml")(t, ts, s)
	}},
	{"infragame auction solve examples/auction/issue.yaml", "/auction?spec_text=…issue.yaml", func(t *testing.T, ts *httptest.Server, s tourStep) {
		s.url = "/auction?spec_text=" + url.QueryEscape(exampleFile("auction/issue.yaml"))
		numbersOf("result", "", "auction", "solve", "examples/auction/issue.yaml")(t, ts, s)
	}},
	{"infragame coop solve examples/coop/glove.yaml", "/coop?spec_text=…glove.yaml", func(t *testing.T, ts *httptest.Server, s tourStep) {
		s.url = "/coop?spec_text=" + url.QueryEscape(exampleFile("coop/glove.yaml"))
		numbersOf("result", "", "coop", "solve", "examples/coop/glove.yaml")(t, ts, s)
	}},
	{"infragame coop bargain examples/coop/bargain.yaml", "/coop?command=bargain&spec_text=…bargain.yaml", func(t *testing.T, ts *httptest.Server, s tourStep) {
		s.url = "/coop?command=bargain&spec_text=" + url.QueryEscape(exampleFile("coop/bargain.yaml"))
		numbersOf("result", "", "coop", "bargain", "examples/coop/bargain.yaml")(t, ts, s)
	}},

	{"infragame sweep design examples/sweep/tender_sobol.yaml", "/sweep?example=tender_sobol", func(t *testing.T, ts *httptest.Server, s tourStep) {
		_, page := get(t, ts, s.url)
		var d struct {
			Points int               `json:"points"`
			Plan   []json.RawMessage `json:"plan"`
		}
		if err := json.Unmarshal([]byte(runCLI(t, "sweep", "design", "examples/sweep/tender_sobol.yaml")), &d); err != nil {
			t.Fatal(err)
		}
		// The page shows the count and the first 20 points.
		var want []string
		for _, p := range d.Plan[:20] {
			var row struct {
				Values map[string]json.Number `json:"values"`
			}
			dec := json.NewDecoder(bytes.NewReader(p))
			dec.UseNumber()
			if err := dec.Decode(&row); err != nil {
				t.Fatal(err)
			}
			for _, v := range row.Values {
				want = append(want, v.String())
			}
		}
		got := htmlValues(t, section(t, page, "design", ""))
		if len(got) == 0 || got[0] != jsonNumbers(t, `[`+itoa(d.Points)+`]`)[0] {
			t.Fatalf("design points: %v, the CLI has %d", got[:min(1, len(got))], d.Points)
		}
		if diff := sameNumbers(got[1:], want); diff != "" {
			t.Errorf("design: %s", diff)
		}
	}},
	{"infragame sweep run examples/sweep/tender_sobol.yaml --out ts", "/sweep?example=tender_sobol&run=1", nil},
	{"infragame sweep merge ts -o ts.parquet", "/sweep?example=tender_sobol&run=1 (the rows: CSV or JSON)", nil},
	{"infragame sweep analyze ts.parquet --svg charts", "/sweep?example=tender_sobol&run=1", func(t *testing.T, ts *httptest.Server, s tourStep) {
		page, _ := jobPage(t, ts, s.url)
		dir := t.TempDir()
		runCLIFiles(t, "sweep", "run", filepath.Join("..", "examples/sweep/tender_sobol.yaml"), "--out", filepath.Join(dir, "ts"))
		res := filepath.Join(dir, "ts.csv")
		runCLIFiles(t, "sweep", "merge", filepath.Join(dir, "ts"), "-o", res)
		// The analysis is `report sweep`'s tables; the design's rows come
		// after them.
		got := pageCells(page[:strings.Index(page, `id="design"`)])
		if d := sameCells(got, cliReport(t, "en", "sweep", res)); d != "" {
			t.Errorf("analysis: %s", d)
		}
		m := regexp.MustCompile(`/api/v1/sweep/jobs/([^/]+)/rows\?format=csv`).FindStringSubmatch(page)
		if m == nil {
			t.Fatal("no rows link")
		}
		_, rows := get(t, ts, m[0])
		want, err := os.ReadFile(res)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Count(rows, "\n") != strings.Count(string(want), "\n") {
			t.Errorf("rows: %d lines, sweep merge writes %d", strings.Count(rows, "\n"), strings.Count(string(want), "\n"))
		}
	}},

	{"infragame sim scenarios", "/sim (the scenario list)", func(t *testing.T, ts *httptest.Server, s tourStep) {
		_, page := get(t, ts, "/sim")
		var scs []struct {
			Name string `json:"name"`
		}
		if err := json.Unmarshal([]byte(runCLI(t, "sim", "scenarios")), &scs); err != nil || len(scs) == 0 {
			t.Fatalf("sim scenarios: %v", err)
		}
		for _, sc := range scs {
			if !strings.Contains(page, `<option value="`+sc.Name+`"`) {
				t.Errorf("/sim does not offer %s", sc.Name)
			}
		}
	}},
	{"infragame sim run japan-tiers-pqi --runs 200 --rows runs.parquet --svg orders.svg", "/sim?scenario=japan-tiers-pqi&runs=200&seed=1", func(t *testing.T, ts *httptest.Server, s tourStep) {
		page, _ := jobPage(t, ts, s.url)
		if d := sameCells(pageCells(page), cliReport(t, "en", "sim", "japan-tiers-pqi", "--runs", "200", "--seed", "1")); d != "" {
			t.Errorf("%s", d)
		}
	}},
	{"infragame sim compare baseline japan-tiers-pqi --runs 200", "/sim/compare?a=baseline&b=japan-tiers-pqi&runs=200&seed=1", func(t *testing.T, ts *httptest.Server, s tourStep) {
		page, _ := jobPage(t, ts, s.url)
		if d := sameNumbers(htmlValues(t, section(t, page, "result", "")), jsonNumbers(t, runCLI(t, "sim", "compare", "baseline", "japan-tiers-pqi", "--runs", "200"))); d != "" {
			t.Error(d)
		}
	}},
	{"infragame sim calibrate", "/sim/calibrate?runs=200&seed=1", func(t *testing.T, ts *httptest.Server, s tourStep) {
		page, _ := jobPage(t, ts, s.url)
		if d := sameNumbers(htmlValues(t, section(t, page, "result", "")), jsonNumbers(t, runCLI(t, "sim", "calibrate"))); d != "" {
			t.Error(d)
		}
	}},
	{"infragame sim validate market/scenarios/price-war.yaml", "/sim/validate?scenario_text=…price-war.yaml", func(t *testing.T, ts *httptest.Server, s tourStep) {
		text, err := os.ReadFile(filepath.Join("..", "market", "scenarios", "price-war.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		_, page := get(t, ts, "/sim/validate?scenario_text="+url.QueryEscape(string(text)))
		code, out := simValidateCLI(t, filepath.Join("..", "market", "scenarios", "price-war.yaml"))
		var v struct {
			Scenario string `json:"scenario"`
			Start    int    `json:"start"`
			End      int    `json:"end"`
			Params   int    `json:"params"`
		}
		_, _, body := postJSON(t, ts, "/api/v1/sim/validate", map[string]any{"scenario": string(text)})
		if err := json.Unmarshal([]byte(body), &v); err != nil {
			t.Fatal(err)
		}
		if code != 0 || !out.Valid || out.Name != v.Scenario || out.Start != v.Start || out.End != v.End || out.Params != v.Params {
			t.Errorf("sim validate says %+v; the API %s", out, body)
		}
		if !strings.Contains(page, v.Scenario) || len(htmlValues(t, section(t, page, "result", ""))) == 0 {
			t.Errorf("/sim/validate does not show the scenario checked")
		}
	}},

	{"go run ./cmd/infragame-full serve", "/", nil},
}

// tourElsewhere are the tour's commands whose pages are being added
// elsewhere; docs/web.md lists them so. None is left.
var tourElsewhere = []string{}

// upload posts files as the form field name (with the other fields) and
// returns the status and the page.
func upload(t *testing.T, ts *httptest.Server, path, name string, fields map[string]string, files ...string) (int, string) {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for _, f := range files {
		b, err := os.ReadFile(filepath.Join("..", f))
		if err != nil {
			t.Fatal(err)
		}
		fw, err := mw.CreateFormFile(name, filepath.Base(f))
		if err != nil {
			t.Fatal(err)
		}
		_, _ = fw.Write(b)
	}
	for k, v := range fields {
		_ = mw.WriteField(k, v)
	}
	_ = mw.Close()
	resp, err := ts.Client().Post(ts.URL+path, mw.FormDataContentType(), &body)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// TestTourPagesEqualCLI walks the README's tour: for each command, its page
// shows the numbers (data-value), records, files or report cells the
// command prints for the same inputs.
func TestTourPagesEqualCLI(t *testing.T) {
	ts := newStoreServer(t)
	for _, s := range tourSteps {
		if s.check == nil {
			continue
		}
		t.Run(s.command, func(t *testing.T) {
			if strings.HasPrefix(s.url, "/") && !strings.ContainsAny(s.url, "… ") {
				if resp, body := get(t, ts, s.url); resp.StatusCode != http.StatusOK {
					t.Fatalf("%s: %d\n%.400s", s.url, resp.StatusCode, body)
				}
			}
			s.check(t, ts, s)
		})
	}
}

// TestTourDocumented: every command of the README's tour has its page in
// tourSteps (or is being added elsewhere), and docs/web.md's table "The
// README tour in the browser" names each command with the same page.
func TestTourDocumented(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	tour := string(readme)
	tour = tour[strings.Index(tour, "## A tour"):strings.Index(tour, "## Reports, charts and workbooks")]
	steps := map[string]tourStep{}
	for _, s := range tourSteps {
		steps[s.command] = s
	}
	elsewhere := map[string]bool{}
	for _, c := range tourElsewhere {
		elsewhere[c] = true
	}
	cmdLine := regexp.MustCompile(`^(?:    |\$ )((?:go run \./cmd/)?infragame(?:-full)? .*?)(?:\s{2,}#.*)?$`)
	var commands []string
	for _, line := range strings.Split(tour, "\n") {
		if m := cmdLine.FindStringSubmatch(line); m != nil {
			commands = append(commands, strings.TrimSpace(m[1]))
		}
	}
	if len(commands) < 40 {
		t.Fatalf("found %d commands in the README's tour", len(commands))
	}
	docs, err := os.ReadFile(filepath.Join("..", "docs", "web.md"))
	if err != nil {
		t.Fatal(err)
	}
	d := string(docs)
	i := strings.Index(d, "## The README tour in the browser")
	if i < 0 {
		t.Fatal(`docs/web.md has no "## The README tour in the browser"`)
	}
	d = d[i:]
	if j := strings.Index(d[3:], "\n## "); j >= 0 {
		d = d[:j+3]
	}
	rows := map[string]string{}
	for _, line := range strings.Split(d, "\n") {
		cols := strings.Split(line, " | ")
		if len(cols) < 2 || !strings.HasPrefix(line, "| `") {
			continue
		}
		rows[strings.Trim(strings.TrimPrefix(cols[0], "| "), "`")] = strings.Trim(cols[1], "`")
	}
	for _, s := range tourSteps {
		if u, ok := rows[s.command]; !ok || u != s.url {
			t.Errorf("docs/web.md: %q has page %q, the test %q", s.command, u, s.url)
		}
	}
	for _, c := range commands {
		s, ok := steps[c]
		switch {
		case elsewhere[c]:
			if !strings.Contains(rows[c], "web4") {
				t.Errorf("docs/web.md: %q is not listed as being done by web4", c)
			}
		case !ok:
			t.Errorf("README tour command %q has no page in tourSteps", c)
		case rows[c] != s.url:
			t.Errorf("docs/web.md: %q has page %q, the test %q", c, rows[c], s.url)
		}
	}
}

var exampleLink = regexp.MustCompile(`<p class="links" id="examples">(.*?)</p>`)

// TestExampleLinksWork: every example a page offers opens a result, not an
// error (the walk found the three-player game and the bargaining problem
// refused by the default solver and command; /game/check's examples carry
// a profile).
func TestExampleLinksWork(t *testing.T) {
	ts := newServer(t, web.Config{})
	for _, p := range []string{"/game", "/game/dominance", "/game/check", "/auction", "/coop", "/lcc", "/sweep"} {
		for _, l := range []string{"en", "zh"} {
			_, page := get(t, ts, p+"?lang="+l)
			m := exampleLink.FindStringSubmatch(page)
			if m == nil {
				t.Errorf("%s: no examples", p)
				continue
			}
			hrefs := regexp.MustCompile(`href="([^"]+)"`).FindAllStringSubmatch(m[1], -1)
			if len(hrefs) == 0 {
				t.Errorf("%s: no example links", p)
			}
			for _, h := range hrefs {
				u := htmlText(h[1])
				if resp, body := get(t, ts, u); resp.StatusCode != http.StatusOK {
					t.Errorf("%s %s: example %.80s: %d %s", p, l, u, resp.StatusCode, regexp.MustCompile(`<pre id="error">[^<]*`).FindString(body))
				}
			}
		}
	}
	// A game of three players with the default solver: the command line's
	// advice.
	_, _, body := postJSON(t, ts, "/api/v1/game/solve", map[string]any{"game": exampleFile("game/mm.nfg")})
	if !strings.Contains(body, "for a 3-player game use the method pure, simpdiv, logit, replicator or fp") || !strings.Contains(body, `"field": "method"`) {
		t.Errorf("3-player game with enummixed: %s", body)
	}
}
