package web_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/pb33f/libopenapi"
	validator "github.com/pb33f/libopenapi-validator"

	"github.com/infragame/infragame/cases"
	"github.com/infragame/infragame/web"
)

// apiCalls are requests covering every documented operation, good and bad;
// each request and its response are validated against openapi.json.
var apiCalls = []struct {
	method, path, body string
}{
	{"GET", "/api/v1/version", ""},
	{"GET", "/api/v1/records?kind=project&region=asia", ""},
	{"GET", "/api/v1/records?kind=fact&topic=orders&flagged=true", ""},
	{"GET", "/api/v1/records?kind=bogus", ""},
	{"GET", "/api/v1/records/jakarta-bandung-hsr", ""},
	{"GET", "/api/v1/records/nope", ""},
	{"GET", "/api/v1/search?q=%E9%AB%98%E9%93%81", ""},
	{"GET", "/api/v1/search?q=%E9%AB%98%E9%93%81&limit=1", ""},
	{"GET", "/api/v1/search?q=rail&limit=-1", ""},
	{"GET", "/api/v1/cases", ""},
	{"GET", "/api/v1/contest", ""},
	{"GET", "/api/v1/contest/jakarta-bandung-2015/map", ""},
	{"GET", "/api/v1/contest/nope/map", ""},
	{"GET", "/api/v1/reports/brief?lang=zh", ""},
	{"GET", "/api/v1/reports/case/jakarta-bandung-2015", ""},
	{"GET", "/api/v1/sim/scenarios", ""},
	{"POST", "/api/v1/reports/case", "case-file"},
	{"POST", "/api/v1/imports?name=projects.yaml", "not: [a file"},
	{"POST", "/api/v1/reports/case", "not: [a case"},
	{"POST", "/api/v1/sim/jobs", `{"scenario":"baseline","runs":2,"seed":3}`},
	{"POST", "/api/v1/sim/jobs", `{"scenario":"baseline","runs":0}`},
	{"POST", "/api/v1/migrate/tender", "not: [a case"},
	{"POST", "/api/v1/sweep/slurm", `{"example":"ishigami","array":4,"spec_path":"/home/u/ishigami.yaml","time":"01:00:00"}`},
	{"POST", "/api/v1/sweep/slurm", `{"example":"ishigami"}`},
	{"GET", "/api/v1/sweep/slurm/array?example=ishigami&array=2", ""},
	{"GET", "/api/v1/sweep/slurm/other?example=ishigami&array=2", ""},
}

// TestOpenAPIDocumentValid: the served document is a valid OpenAPI 3.1
// description (checked by libopenapi-validator, an implementation no one
// here wrote).
func TestOpenAPIDocumentValid(t *testing.T) {
	ts := newServer(t, web.Config{})
	_, body := get(t, ts, "/api/openapi.json")
	doc, err := libopenapi.NewDocument([]byte(body))
	if err != nil {
		t.Fatal(err)
	}
	if v := doc.GetVersion(); v != "3.1.0" {
		t.Errorf("OpenAPI version %q, want 3.1.0", v)
	}
	v, errs := validator.NewValidator(doc)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if ok, verrs := v.ValidateDocument(); !ok {
		for _, e := range verrs {
			t.Errorf("openapi.json: %s: %s (line %d)", e.Message, e.Reason, e.SpecLine)
		}
	}
}

// TestOpenAPICoversRoutes: every route the server has is documented with
// its method, and every documented operation exists.
func TestOpenAPICoversRoutes(t *testing.T) {
	b, err := os.ReadFile("openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Paths map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	documented := map[string]bool{}
	for p, ops := range doc.Paths {
		for m := range ops {
			documented[strings.ToUpper(m)+" "+p] = true
		}
	}
	served := map[string]bool{}
	for _, r := range web.Routes() {
		served[r] = true
		if !documented[r] {
			t.Errorf("route %s is not in openapi.json", r)
		}
	}
	var extra []string
	for d := range documented {
		if !served[d] {
			extra = append(extra, d)
		}
	}
	sort.Strings(extra)
	if len(extra) > 0 {
		t.Errorf("openapi.json documents operations the server does not have: %v", extra)
	}
}

// TestAPIResponsesMatchSchema sends apiCalls and validates each request and
// response (status, content type, body schema) against the document. The
// schemas must also be complete: every key of a successful response, down
// to declaredDepth levels of objects, is declared (a schema that allowed
// anything would validate every response and document nothing).
const declaredDepth = 3

func TestAPIResponsesMatchSchema(t *testing.T) {
	ts := newServer(t, web.Config{})
	spec, err := os.ReadFile("openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := libopenapi.NewDocument(spec)
	if err != nil {
		t.Fatal(err)
	}
	v, errs := validator.NewValidator(doc)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	raw, err := cases.Raw("jakarta-bandung-2015.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var plain openapiSpec
	if err := json.Unmarshal(spec, &plain); err != nil {
		t.Fatal(err)
	}
	undeclared := map[string]bool{}
	for _, c := range apiCalls {
		ct := "application/json"
		if c.body == "case-file" {
			c.body, ct = string(raw), "application/yaml"
		} else if c.body == "tender-testdata" {
			b, err := os.ReadFile("../tender/testdata/three.yaml")
			if err != nil {
				t.Fatal(err)
			}
			c.body, ct = string(b), "application/yaml"
		} else if strings.HasPrefix(c.body, "not:") {
			ct = "application/yaml"
		}
		req, _ := http.NewRequest(c.method, ts.URL+c.path, strings.NewReader(c.body))
		if c.body != "" {
			req.Header.Set("Content-Type", ct)
		}
		resp, err := ts.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		// The validator reads the bodies again.
		resp.Body = io.NopCloser(bytes.NewReader(body))
		vreq, _ := http.NewRequest(c.method, "http://localhost"+c.path, strings.NewReader(c.body))
		if c.body != "" {
			vreq.Header.Set("Content-Type", ct)
		}
		if ok, verrs := v.ValidateHttpResponse(vreq, resp); !ok {
			for _, e := range verrs {
				t.Errorf("%s %s → %d: %s: %s\n%.300s", c.method, c.path, resp.StatusCode, e.Message, e.Reason, body)
			}
		}
		if resp.StatusCode < 300 && strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
			var doc any
			if err := json.Unmarshal(body, &doc); err == nil {
				method, path, _ := strings.Cut(c.method+" "+c.path, " ")
				if sch := plain.responseSchema(method, path, resp.StatusCode); sch != nil {
					keys := map[string]bool{}
					plain.undeclaredKeys(sch, doc, "", declaredDepth, keys)
					for k := range keys {
						undeclared[c.method+" "+strings.SplitN(c.path, "?", 2)[0]+" "+k] = true
					}
				}
			}
		}
		if resp.StatusCode < 400 {
			vreq, _ = http.NewRequest(c.method, "http://localhost"+c.path, strings.NewReader(c.body))
			if c.body != "" {
				vreq.Header.Set("Content-Type", ct)
			}
			if ok, verrs := v.ValidateHttpRequest(vreq); !ok {
				for _, e := range verrs {
					t.Errorf("%s %s: request: %s: %s", c.method, c.path, e.Message, e.Reason)
				}
			}
		}
	}
	for _, k := range sortedKeys(undeclared) {
		t.Errorf("openapi.json does not declare %s", k)
	}
}
