package web_test

import (
	"encoding/json"
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
	idsShown := func(page string) []string {
		var ids []string
		seen := map[string]bool{}
		for _, m := range recordLink.FindAllStringSubmatch(section(t, page, "count", ""), -1) {
			if !seen[m[1]] && m[1] != "summary" && m[1] != "import" {
				seen[m[1]] = true
				ids = append(ids, m[1])
			}
		}
		return ids
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
		got := idsShown(page)
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
