package web_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/infragame/infragame/web"
)

// TestDataPageSearchLimit: the dataset page shows the best
// web.DefaultPageHits hits of a search, as `infragame data search`'s table
// does, with the number found and a link to every hit; ?limit=N shows N,
// ?limit=0 all, and a bad limit is a 400 naming the field. The hits shown
// are the first of the API's ranked list, in its order.
func TestDataPageSearchLimit(t *testing.T) {
	ts := newServer(t, web.Config{})
	// "2015" matches 147 records of the embedded data (any kind).
	_, body := get(t, ts, "/api/v1/search?q=2015")
	var res struct {
		Total int `json:"total"`
		Hits  []struct {
			ID string `json:"id"`
		} `json:"hits"`
	}
	if err := json.Unmarshal([]byte(body), &res); err != nil {
		t.Fatal(err)
	}
	if res.Total <= web.DefaultPageHits || len(res.Hits) != res.Total {
		t.Fatalf("the test needs more than %d hits for 2015, all returned by the API; got %d of %d", web.DefaultPageHits, len(res.Hits), res.Total)
	}
	for _, tc := range []struct {
		query   string
		shown   int
		showAll bool
	}{
		{"", web.DefaultPageHits, true},
		{"&limit=3", 3, true},
		{"&limit=0", res.Total, false},
		{"&limit=100000", res.Total, false},
	} {
		resp, page := get(t, ts, "/data?kind=&q=2015"+tc.query)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: status %d", tc.query, resp.StatusCode)
		}
		got := recordIDsShown(t, page)
		if len(got) != tc.shown {
			t.Errorf("%q: %d records shown, want %d", tc.query, len(got), tc.shown)
		}
		for i := range min(len(got), len(res.Hits)) {
			if got[i] != res.Hits[i].ID {
				t.Errorf("%q: hit %d is %s, the API's is %s", tc.query, i, got[i], res.Hits[i].ID)
				break
			}
		}
		if want := `>` + itoa(res.Total) + ` record(s)`; !strings.Contains(page, want) {
			t.Errorf("%q: the page does not say %q", tc.query, want)
		}
		hasAll := strings.Contains(page, `id="show-all"`)
		if hasAll != tc.showAll {
			t.Errorf("%q: show-all link present %v, want %v", tc.query, hasAll, tc.showAll)
		}
	}
	// The show-all link keeps the query and asks for every hit.
	_, page := get(t, ts, "/data?kind=&q=2015")
	i := strings.Index(page, `id="show-all"`)
	j := strings.LastIndex(page[:i], `href="`)
	href := strings.ReplaceAll(page[j+len(`href="`):strings.Index(page[j+len(`href="`):], `"`)+j+len(`href="`)], "&amp;", "&")
	u, err := url.Parse(href)
	if err != nil {
		t.Fatal(err)
	}
	if u.Query().Get("q") != "2015" || u.Query().Get("limit") != "0" {
		t.Errorf("show-all link %q: want q=2015 and limit=0", href)
	}
	for _, bad := range []string{"-1", "x", "1.5"} {
		resp, page := get(t, ts, "/data?q=2015&limit="+bad)
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(page, "limit") {
			t.Errorf("limit=%s: status %d, want 400 naming limit", bad, resp.StatusCode)
		}
	}
}

// TestDataPageListPages: a list without a query shows web.DefaultPageRecords
// records a page (?per= to change, 0 for all) with the range, the page and
// links to the neighbouring pages; the pages together list every record of
// the kind once, in the API's order. A page past the last, or a bad page or
// per, is a 400 naming the field.
func TestDataPageListPages(t *testing.T) {
	ts := newServer(t, web.Config{})
	_, body := get(t, ts, "/api/v1/records?kind=fx")
	var recs []struct {
		ID string `json:"id"`
	}
	if err := json.Unmarshal([]byte(body), &recs); err != nil {
		t.Fatal(err)
	}
	if len(recs) <= 100 || len(recs) > web.DefaultPageRecords {
		t.Fatalf("the test needs 101..%d exchange rates in the embedded data, has %d", web.DefaultPageRecords, len(recs))
	}
	// the default page holds them all: no pager
	_, page := get(t, ts, "/data?kind=fx")
	if got := recordIDsShown(t, page); len(got) != len(recs) || strings.Contains(page, `id="page-range"`) {
		t.Fatalf("default page: %d records shown of %d, pager %v", len(got), len(recs), strings.Contains(page, `id="page-range"`))
	}
	pages := (len(recs) + 99) / 100
	var all []string
	href := "/data?kind=fx&per=100"
	for p := 1; p <= pages; p++ {
		resp, page := get(t, ts, href)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("page %d (%s): status %d", p, href, resp.StatusCode)
		}
		got := recordIDsShown(t, page)
		want := min(100, len(recs)-(p-1)*100)
		if len(got) != want {
			t.Errorf("page %d: %d records, want %d", p, len(got), want)
		}
		all = append(all, got...)
		rng := fmt.Sprintf("records %d–%d, page %d of %d", (p-1)*100+1, (p-1)*100+want, p, pages)
		if !strings.Contains(page, rng) || !strings.Contains(page, ">"+itoa(len(recs))+" record(s)") {
			t.Errorf("page %d does not say %q and the total", p, rng)
		}
		if hasPrev := strings.Contains(page, `id="page-prev"`); hasPrev != (p > 1) {
			t.Errorf("page %d: previous link %v", p, hasPrev)
		}
		i := strings.Index(page, `id="page-next"`)
		if (i >= 0) != (p < pages) {
			t.Fatalf("page %d: next link %v", p, i >= 0)
		}
		if i >= 0 {
			j := strings.LastIndex(page[:i], `href="`) + len(`href="`)
			href = strings.ReplaceAll(page[j:j+strings.Index(page[j:], `"`)], "&amp;", "&")
		}
	}
	if len(all) != len(recs) {
		t.Fatalf("the pages listed %d records, want %d", len(all), len(recs))
	}
	for i := range all {
		if all[i] != recs[i].ID {
			t.Fatalf("record %d is %s, the API's is %s", i, all[i], recs[i].ID)
		}
	}
	for _, bad := range []string{"per=-1", "per=x", "page=0", "page=x", "per=100&page=" + itoa(pages+1), "page=2"} {
		resp, page := get(t, ts, "/data?kind=fx&"+bad)
		field, _, _ := strings.Cut(bad[strings.LastIndex(bad, "&")+1:], "=")
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(page, field) {
			t.Errorf("%s: status %d, want 400 naming %s", bad, resp.StatusCode, field)
		}
	}
}

// recordIDsShown lists, in order and once each, the records the dataset
// page links to below its count line (the summary and import links aside).
func recordIDsShown(t *testing.T, page string) []string {
	t.Helper()
	var out []string
	seen := map[string]bool{}
	for _, m := range recordLink.FindAllStringSubmatch(section(t, page, "count", ""), -1) {
		if !seen[m[1]] && m[1] != "summary" && m[1] != "import" {
			seen[m[1]] = true
			out = append(out, m[1])
		}
	}
	return out
}
