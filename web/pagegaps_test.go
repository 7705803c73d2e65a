package web_test

import (
	"encoding/json"
	"html"
	"math"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/infragame/infragame/report"
	"github.com/infragame/infragame/web"
)

// TestGameCheckExamplesHaveProfile: every example link of /game/check
// carries a profile (an .nfg game has none by itself, and `game check`
// refuses a game without one), so clicking one gives a result.
func TestGameCheckExamplesHaveProfile(t *testing.T) {
	ts := newServer(t, web.Config{})
	_, page := get(t, ts, "/game/check?lang=zh")
	m := regexp.MustCompile(`id="examples">(.*?)</p>`).FindStringSubmatch(page)
	if m == nil {
		t.Fatal("no examples on /game/check")
	}
	links := regexp.MustCompile(`href="([^"]+)"`).FindAllStringSubmatch(m[1], -1)
	if len(links) < 3 {
		t.Fatalf("%d examples", len(links))
	}
	profiles := 0
	for _, l := range links {
		u := html.UnescapeString(l[1])
		q, _ := url.ParseQuery(u[strings.Index(u, "?")+1:])
		if q.Get("profile") != "" {
			profiles++
		}
		resp, body := get(t, ts, u)
		if resp.StatusCode != 200 || !strings.Contains(body, `id="result"`) {
			t.Errorf("%s: %d %.300s", u, resp.StatusCode, body[strings.Index(body, "<main>"):])
		}
	}
	if profiles == 0 {
		t.Error("no example carries a profile")
	}
	// rps.nfg: 3 strategies each, so the uniform profile is 1/3 six times.
	if want := "profile=" + url.QueryEscape("1/3,1/3,1/3,1/3,1/3,1/3"); !strings.Contains(html.UnescapeString(m[1]), want) {
		t.Errorf("rps.nfg's link lacks %s", want)
	}
}

// TestIndexChartWhiskers: the ECharts tornado of sensitivity indices has
// a whisker series per series with intervals, each datum [lo, hi,
// category, series, series count] in the bars' order (largest |index| on
// top, that is last).
func TestIndexChartWhiskers(t *testing.T) {
	c := &report.IndexChart{Title: "t", XLabel: "index", Params: []string{"a", "b", "c"},
		Series: []report.IndexSeries{
			{Name: "ST", Values: []float64{0.2, 0.7, -0.05}, Lo: []float64{0.1, 0.6, -0.1}, Hi: []float64{0.3, 0.8, math.NaN()}},
			{Name: "S1", Values: []float64{0.1, 0.5, 0}},
		}}
	o, err := web.EChartsOption(c)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(o)
	var got struct {
		YAxis struct {
			Data []string `json:"data"`
		} `json:"yAxis"`
		Series []struct {
			Name, Type string
			RenderItem string          `json:"renderItem"`
			Data       json.RawMessage `json:"data"`
		} `json:"series"`
	}
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatalf("%v\n%s", err, b)
	}
	if strings.Join(got.YAxis.Data, ",") != "c,a,b" {
		t.Errorf("categories %v, want c,a,b (|ST| ascending: the largest on top)", got.YAxis.Data)
	}
	if len(got.Series) != 3 || got.Series[2].Type != "custom" || got.Series[2].RenderItem != "whiskers" || got.Series[2].Name != "ST" {
		t.Fatalf("series: %s", b)
	}
	// c's interval has a NaN end: no whisker; a then b.
	want := [][]float64{{0.1, 0.3, 1, 0, 2}, {0.6, 0.8, 2, 0, 2}}
	if g, w := string(got.Series[2].Data), jsonString(want); g != w {
		t.Errorf("whiskers %s, want %s", g, w)
	}
}

func jsonString(v any) string { b, _ := json.Marshal(v); return string(b) }

// TestJobTablesCarryValues: the tables of a finished simulation's and
// sweep's pages keep each rounded number's exact value in data-value,
// shown rounded as report.Cell rounds; the sweep's index values are the
// numbers of the job's JSON document (the CLI's, TestSweepAPIEqualsCLI).
func TestJobTablesCarryValues(t *testing.T) {
	ts := newServer(t, web.Config{})
	resp, err := ts.Client().Post(ts.URL+"/api/v1/sim/jobs", "application/json", strings.NewReader(`{"scenario":"baseline","runs":8,"seed":7}`))
	if err != nil {
		t.Fatal(err)
	}
	var st web.JobStatus
	if err := json.NewDecoder(resp.Body).Decode(&st); err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	waitJob(t, func(p string) string { _, b := get(t, ts, p); return b }, st.ID)
	_, sim := get(t, ts, "/sim?scenario=baseline&runs=8&seed=7&job="+st.ID)
	spec := strings.Replace(exampleFile("sweep/ishigami.yaml"), "points: 4096", "points: 64", 1)
	resp, err = ts.Client().PostForm(ts.URL+"/sweep?lang=zh", url.Values{"spec_text": {spec}, "run": {"1"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	job := resp.Request.URL.Query().Get("job")
	waitJob(t, func(p string) string { _, b := get(t, ts, p); return b }, job)
	_, sw := get(t, ts, resp.Request.URL.RequestURI())
	_, swDoc := get(t, ts, "/api/v1/jobs/"+job)
	cell := regexp.MustCompile(`<td class="num"><span class="n" data-value="([^"]*)"(?: title="[^"]*")?>([^<]*)</span></td>`)
	for _, c := range []struct{ name, page, doc string }{{"sim", sim, ""}, {"sweep", sw, swDoc}} {
		ms := cell.FindAllStringSubmatch(c.page, -1)
		if len(ms) < 5 {
			t.Errorf("%s: %d table numbers with data-value", c.name, len(ms))
		}
		inDoc := map[float64]bool{}
		for _, n := range jsonNumbers(t, c.doc+"\n") {
			x, _ := strconv.ParseFloat(n, 64)
			inDoc[x] = true
		}
		found := 0
		for _, m := range ms {
			x, err := strconv.ParseFloat(m[1], 64)
			if err != nil {
				t.Fatalf("%s: data-value %q", c.name, m[1])
			}
			if got := report.Cell(x); got != html.UnescapeString(m[2]) {
				t.Errorf("%s: %s shown as %q, report.Cell gives %q", c.name, m[1], m[2], got)
			}
			if inDoc[x] {
				found++
			}
		}
		// The sweep's index tables are the analysis's numbers themselves
		// (the parameters' table shows the spec's ranges).
		if c.doc != "" && found < 10 {
			t.Errorf("%s: only %d of %d table values are in the job's document", c.name, found, len(ms))
		}
	}
}
