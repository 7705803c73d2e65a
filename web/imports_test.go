package web_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/infragame/infragame/dataset"
	"github.com/infragame/infragame/store"
	"github.com/infragame/infragame/web"
)

// TestImports: a write server imports a file into a real store with the
// token and shows the new records at once; without the token, on a
// read-only server, twice, or with a bad file, nothing is written.
func TestImports(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "web.db")
	st, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	set, err := st.Records(ctx)
	if err != nil {
		t.Fatal(err)
	}
	const token = "0123456789abcdef0123"
	imp := func(ctx context.Context, req web.ImportRequest) (any, *dataset.Set, error) {
		res, err := st.ImportFile(ctx, req.Name, req.From, req.Kind, req.Content)
		if err != nil {
			return nil, nil, err
		}
		after, err := st.Records(ctx)
		return res, after, err
	}
	ts := serveSet(t, set, web.Config{AllowWrites: true, Token: token}, imp)
	body := exampleFile("data/my-projects.yaml")
	post := func(name, tok, content string) (int, string) {
		req, _ := http.NewRequest("POST", ts.URL+"/api/v1/imports?name="+name, strings.NewReader(content))
		req.Header.Set("Content-Type", "application/yaml")
		if tok != "" {
			req.Header.Set("Authorization", "Bearer "+tok)
		}
		resp, err := ts.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	count := func() int {
		recs, err := st.Records(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return recs.Len()
	}
	n0 := count()
	if code, b := post("my-projects.yaml", "", body); code != 401 {
		t.Errorf("no token: %d %s", code, b)
	}
	if code, b := post("my-projects.yaml", "wrong-token-wrong-token", body); code != 401 {
		t.Errorf("wrong token: %d %s", code, b)
	}
	bad := strings.Replace(body, "id:", "idd:", 1)
	if code, b := post("my-projects.yaml", token, bad); code != 400 || !strings.Contains(b, "idd") {
		t.Errorf("bad file: %d %s", code, b)
	}
	if count() != n0 {
		t.Fatal("a refused import wrote records")
	}
	code, b := post("my-projects.yaml", token, body)
	if code != 200 {
		t.Fatalf("import: %d %s", code, b)
	}
	var res struct {
		Records int `json:"records"`
	}
	if err := json.Unmarshal([]byte(b), &res); err != nil || res.Records == 0 || count() != n0+res.Records {
		t.Fatalf("import result %s; store has %d records, had %d", b, count(), n0)
	}
	if code, b := post("my-projects.yaml", token, body); code != 409 {
		t.Errorf("the same file twice: %d %s", code, b)
	}
	// The new records are served at once (the caches were reset).
	_, v := get(t, ts, "/api/v1/version")
	var ver web.Version
	if err := json.Unmarshal([]byte(v), &ver); err != nil || ver.Records != count() || !ver.Writes {
		t.Errorf("version after import: %s (store %d)", v, count())
	}
	// A read-only server refuses writes with 403.
	ro := newServer(t, web.Config{})
	req, _ := http.NewRequest("POST", ro.URL+"/api/v1/imports?name=my-projects.yaml", strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := ro.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 403 {
		t.Errorf("read-only server: %d", resp.StatusCode)
	}
}
