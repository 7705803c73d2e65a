package web_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/infragame/infragame/web"
)

func init() {
	apiCalls = append(apiCalls,
		struct{ method, path, body string }{"POST", "/api/v1/sim/compare", `{"a":"baseline","b":"nope"}`},
		struct{ method, path, body string }{"POST", "/api/v1/sim/compare", `{"a":"baseline","b":"baseline","runs":0}`},
	)
}

// TestSimCompareJobEqualsCLI: a comparison job streams its progress and
// ends with the document of `sim compare A B --format json` for the same
// runs and seed; a long one is cancelled; bad requests are 400 problems.
func TestSimCompareJobEqualsCLI(t *testing.T) {
	ts := newServer(t, web.Config{})
	start := func(body string) web.JobStatus {
		t.Helper()
		resp, err := ts.Client().Post(ts.URL+"/api/v1/sim/compare", "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var st web.JobStatus
		if err := json.NewDecoder(resp.Body).Decode(&st); err != nil || resp.StatusCode != 200 || st.Kind != "compare" {
			t.Fatalf("start: %d %v %+v", resp.StatusCode, err, st)
		}
		return st
	}
	st := start(`{"a":"baseline","b":"price-war","runs":20,"seed":7}`)
	resp, err := ts.Client().Get(ts.URL + "/api/v1/jobs/" + st.ID + "/events")
	if err != nil {
		t.Fatal(err)
	}
	events, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(events), "event: end") || !strings.Contains(string(events), `"state":"done"`) {
		t.Fatalf("events did not end with done:\n%s", events)
	}
	_, body := get(t, ts, "/api/v1/jobs/"+st.ID)
	var done struct {
		State  string          `json:"state"`
		Result json.RawMessage `json:"result"`
	}
	if err := json.Unmarshal([]byte(body), &done); err != nil || done.State != "done" {
		t.Fatalf("finished job: %v %.300s", err, body)
	}
	if want := runCLI(t, "sim", "compare", "baseline", "price-war", "--runs", "20", "--seed", "7"); !jsonEqual(t, string(done.Result), want) {
		t.Errorf("comparison differs from the CLI's:\n%.400s\nwant\n%.400s", done.Result, want)
	}
	// The /sim page's form: /sim/compare starts the job and redirects to
	// its page, which shows the finished comparison's numbers (the same
	// document) once done.
	_, page := get(t, ts, "/sim?lang=zh")
	if !strings.Contains(page, `id="compare-form"`) || !strings.Contains(page, "比较两个情景") && !strings.Contains(page, "情景 A") {
		t.Errorf("/sim has no comparison form in Chinese")
	}
	noRedirect := *ts.Client()
	noRedirect.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err = noRedirect.Get(ts.URL + "/sim/compare?lang=zh&a=baseline&b=price-war&runs=20&seed=7")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	loc := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusSeeOther || !strings.Contains(loc, "job=") {
		t.Fatalf("compare form: %d %q", resp.StatusCode, loc)
	}
	id := loc[strings.Index(loc, "job=")+4:]
	if i := strings.IndexByte(id, '&'); i >= 0 {
		id = id[:i]
	}
	if r, err := ts.Client().Get(ts.URL + "/api/v1/jobs/" + id + "/events"); err == nil {
		_, _ = io.ReadAll(r.Body)
		r.Body.Close()
	}
	_, page = get(t, ts, loc)
	if d := sameNumbers(htmlValues(t, section(t, page, "result", "")), jsonNumbers(t, runCLI(t, "sim", "compare", "baseline", "price-war", "--runs", "20", "--seed", "7"))); d != "" {
		t.Errorf("comparison page: %s", d)
	}
	long := start(`{"a":"baseline","b":"price-war","runs":10000}`)
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
	for body, field := range map[string]string{`{"a":"nope","b":"baseline"}`: "a", `{"a":"baseline"}`: "b",
		`{"a":"baseline","b":"baseline","runs":10001}`: "runs", `{"a":"baseline","b":"baseline","bogus":1}`: ""} {
		resp, err := ts.Client().Post(ts.URL+"/api/v1/sim/compare", "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 400 || field != "" && !strings.Contains(string(b), `"field": "`+field+`"`) {
			t.Errorf("%s: %d %s", body, resp.StatusCode, b)
		}
	}
}

func init() {
	apiCalls = append(apiCalls,
		struct{ method, path, body string }{"POST", "/api/v1/sim/calibrate", `{"runs":0}`},
		struct{ method, path, body string }{"POST", "/api/v1/sim/calibrate", `{"runs":5,"seed":2}`},
	)
}

// TestSimCalibrateJobEqualsCLI: a calibration job ends with the document
// of `sim calibrate --runs N --seed S --format json`; too many runs and
// the command line's --estimate are refused.
func TestSimCalibrateJobEqualsCLI(t *testing.T) {
	ts := newServer(t, web.Config{})
	resp, err := ts.Client().Post(ts.URL+"/api/v1/sim/calibrate", "application/json", strings.NewReader(`{"runs":20,"seed":7}`))
	if err != nil {
		t.Fatal(err)
	}
	var st web.JobStatus
	if err := json.NewDecoder(resp.Body).Decode(&st); err != nil || resp.StatusCode != 200 || st.Kind != "calibrate" {
		t.Fatalf("start: %d %v %+v", resp.StatusCode, err, st)
	}
	resp.Body.Close()
	resp, err = ts.Client().Get(ts.URL + "/api/v1/jobs/" + st.ID + "/events")
	if err != nil {
		t.Fatal(err)
	}
	events, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(events), "event: end") {
		t.Fatalf("events did not end:\n%s", events)
	}
	_, body := get(t, ts, "/api/v1/jobs/"+st.ID)
	var done struct {
		State  string          `json:"state"`
		Result json.RawMessage `json:"result"`
	}
	if err := json.Unmarshal([]byte(body), &done); err != nil || done.State != "done" {
		t.Fatalf("finished job: %v %.300s", err, body)
	}
	if want := runCLI(t, "sim", "calibrate", "--runs", "20", "--seed", "7"); !jsonEqual(t, string(done.Result), want) {
		t.Errorf("calibration differs from the CLI's:\n%.400s\nwant\n%.400s", done.Result, want)
	}
	// The /sim page's form: /sim/calibrate starts the job and redirects to
	// its page, which shows the finished document's numbers.
	noRedirect := *ts.Client()
	noRedirect.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err = noRedirect.Get(ts.URL + "/sim/calibrate?lang=zh&runs=20&seed=7")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	loc := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusSeeOther || !strings.Contains(loc, "job=") {
		t.Fatalf("calibrate form: %d %q", resp.StatusCode, loc)
	}
	id := loc[strings.Index(loc, "job=")+4:]
	if i := strings.IndexByte(id, '&'); i >= 0 {
		id = id[:i]
	}
	if r, err := ts.Client().Get(ts.URL + "/api/v1/jobs/" + id + "/events"); err == nil {
		_, _ = io.ReadAll(r.Body)
		r.Body.Close()
	}
	_, page := get(t, ts, loc)
	if !strings.Contains(page, "基准情景的校准矩") {
		t.Error("the calibration page has no Chinese title")
	}
	if d := sameNumbers(htmlValues(t, section(t, page, "result", "")), jsonNumbers(t, runCLI(t, "sim", "calibrate", "--runs", "20", "--seed", "7"))); d != "" {
		t.Errorf("calibration page: %s", d)
	}
	for _, body := range []string{`{"runs":20001}`, `{"estimate":true}`} {
		resp, err := ts.Client().Post(ts.URL+"/api/v1/sim/calibrate", "application/json", strings.NewReader(body))
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
