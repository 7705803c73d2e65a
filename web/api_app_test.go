package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/infragame/infragame/internal/cli/fullcmd"
	"github.com/infragame/infragame/store"
	"github.com/infragame/infragame/web"
)

// cliJSON runs infragame with args and --format json over the embedded
// data and returns its output decoded.
func cliJSON(t *testing.T, args ...string) any {
	t.Helper()
	var out, errb bytes.Buffer
	args = append([]string{"--db", ":memory:", "--format", "json"}, args...)
	if code := fullcmd.Main(context.Background(), args, strings.NewReader(""), &out, &errb); code != 0 {
		t.Fatalf("infragame %s: exit %d: %s", strings.Join(args, " "), code, errb.String())
	}
	var v any
	if err := json.Unmarshal(out.Bytes(), &v); err != nil {
		t.Fatalf("infragame %s: %v", strings.Join(args, " "), err)
	}
	return v
}

// newStoreServer serves the records as the command line reads them with
// --db :memory: (the store seeded with the embedded data; the store's order
// of records, which the brief's loan table follows), as "infragame serve"
// does.
func newStoreServer(t *testing.T) *httptest.Server {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, store.Memory)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	set, err := st.Records(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return serveSet(t, set, web.Config{}, nil)
}

// TestAPIEqualsCLI: for each engine of the application layer, the API's
// JSON equals the command line's --format json for the same inputs.
func TestAPIEqualsCLI(t *testing.T) {
	ts := newStoreServer(t)
	offers, err := os.ReadFile(filepath.Join("..", "examples", "finance", "jakarta-bandung.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		path string
		body []byte
		args []string
	}{
		{"finance ge, one method", "/api/v1/finance/ge?rate_pct=2&maturity_years=21.75&grace_years=5&discount_pct=10&method=aiddata", nil,
			[]string{"finance", "ge", "--rate", "2", "--maturity", "21.75", "--grace", "5", "--discount", "10", "--method", "aiddata"}},
		{"finance ge, all methods", "/api/v1/finance/ge?rate_pct=0.1&maturity_years=40&grace_years=10&income_group=lmic&currency=JPY&principal=700e9", nil,
			[]string{"finance", "ge", "--rate", "0.1", "--maturity", "40", "--grace", "10", "--method", "all", "--income-group", "lmic", "--currency", "JPY", "--principal", "700e9"}},
		{"finance schedule", "/api/v1/finance/schedule?principal=100&reference_path_pct=0.537&spread_pct=1.4&maturity_years=35&grace_years=5&front_end_fee_pct=0.25&commitment_fee_pct=0.25&disbursement_pct=40,30,30&discount_pct=10", nil,
			[]string{"finance", "schedule", "--principal", "100", "--reference-path", "0.537", "--spread", "1.4", "--maturity", "35", "--grace", "5",
				"--front-end-fee", "0.25", "--commitment-fee", "0.25", "--disbursement", "40,30,30", "--discount", "10"}},
		{"finance compare, project", "/api/v1/finance/compare?project=jakarta-bandung-hsr&host_discount_pct=10&call_probability_pct=10", nil,
			[]string{"finance", "compare", "--project", "jakarta-bandung-hsr", "--host-discount", "10", "--call-probability", "10"}},
		{"finance compare, file", "/api/v1/finance/compare?name=../examples/finance/jakarta-bandung.yaml&host_discount_pct=8", offers,
			[]string{"finance", "compare", filepath.Join("..", "examples", "finance", "jakarta-bandung.yaml"), "--host-discount", "8"}},
		{"tender evaluate", "/api/v1/tender/jakarta-bandung-2015/evaluate?seed=3", nil,
			[]string{"tender", "evaluate", "case:jakarta-bandung-2015", "--seed", "3"}},
		{"tender backtest", "/api/v1/tender/backtest", nil, []string{"tender", "backtest"}},
		{"contest analyze", "/api/v1/contest/jakarta-bandung-2015?host_power_pct=20&verify=1", nil,
			[]string{"contest", "analyze", "case:jakarta-bandung-2015", "--host-power", "20", "--verify"}},
		// A link written before the _pct names: the same percentage.
		{"contest analyze, old name", "/api/v1/contest/jakarta-bandung-2015?host_power=20&synergy=10", nil,
			[]string{"contest", "analyze", "case:jakarta-bandung-2015", "--host-power", "20", "--synergy", "10"}},
		{"brief", "/api/v1/brief", nil, []string{"brief"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			method := "GET"
			var body io.Reader
			if c.body != nil {
				method, body = "POST", bytes.NewReader(c.body)
			}
			req, err := http.NewRequest(method, ts.URL+c.path, body)
			if err != nil {
				t.Fatal(err)
			}
			resp, err := ts.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			b, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil || resp.StatusCode != 200 {
				t.Fatalf("%s %s: status %d: %s", method, c.path, resp.StatusCode, b)
			}
			var api any
			if err := json.Unmarshal(b, &api); err != nil {
				t.Fatal(err)
			}
			if want := cliJSON(t, c.args...); !reflect.DeepEqual(api, want) {
				t.Errorf("%s %s differs from infragame %s --format json", method, c.path, strings.Join(c.args, " "))
			}
		})
	}
}

// offersJSON is a comparison file written as JSON (YAML's subset), so the
// OpenAPI check can post it as application/json.
const offersJSON = `{"project": {"name": "test", "host_currency": "USD", "host_discount_pct": 10, "year": 2015},
 "offers": [
  {"name": "a", "cost": {"value": 100, "currency": "USD"}, "loan": {"currency": "USD", "share_financed_pct": 75, "rate_pct": 0.5, "maturity_years": 40, "grace_years": 10, "payments_per_year": 2}},
  {"name": "b", "cost": {"value": 95, "currency": "USD"}, "loan": {"currency": "USD", "share_financed_pct": 75, "rate_pct": 2, "maturity_years": 20, "grace_years": 5, "payments_per_year": 2}}],
 "break_even": [{"offer": "b", "target": "a", "param": "rate"}]}`

func init() {
	// Good and bad calls of the application-layer endpoints, validated
	// against openapi.json by TestAPIResponsesMatchSchema.
	apiCalls = append(apiCalls, []struct{ method, path, body string }{
		{"GET", "/api/v1/finance/ge?rate_pct=2&maturity_years=21.75&grace_years=5&discount_pct=10&method=aiddata", ""},
		{"GET", "/api/v1/finance/ge?rate_pct=0.1&maturity_years=40&grace_years=10&income_group=lmic", ""},
		{"GET", "/api/v1/finance/ge?rate_pct=-1&maturity_years=40", ""},
		{"GET", "/api/v1/finance/schedule?rate_pct=2&maturity_years=10&grace_years=2&discount_pct=5", ""},
		{"GET", "/api/v1/finance/schedule?rate_pct=2", ""},
		{"GET", "/api/v1/finance/compare?project=jakarta-bandung-hsr", ""},
		{"GET", "/api/v1/finance/compare?project=nope", ""},
		{"POST", "/api/v1/finance/compare?host_discount_pct=8", offersJSON},
		{"POST", "/api/v1/finance/compare", `{"project": {"name": "x"}, "offers": []}`},
		{"GET", "/api/v1/tender/jakarta-bandung-2015/evaluate", ""},
		{"GET", "/api/v1/tender/nope/evaluate", ""},
		{"POST", "/api/v1/tender/evaluate", "{}"},
		{"GET", "/api/v1/tender/backtest", ""},
		{"GET", "/api/v1/contest/jakarta-bandung-2015?host_power_pct=20&civil_share_pct=60", ""},
		{"GET", "/api/v1/contest/jakarta-bandung-2015?synergy_pct=120", ""},
		{"GET", "/api/v1/contest/jakarta-bandung-2015?host_power=20", ""},
		{"GET", "/api/v1/brief", ""},
	}...)
}

// TestAPIBadInput: bad input is a 4xx problem naming the field, or the
// line of the file in the body.
func TestAPIBadInput(t *testing.T) {
	ts := newServer(t, web.Config{})
	for _, c := range []struct {
		method, path, body string
		status             int
		field              string
		line               int
	}{
		{"GET", "/api/v1/finance/ge?rate_pct=-1&maturity_years=40", "", 400, "rate_pct", 0},
		{"GET", "/api/v1/finance/ge?rate_pct=2&maturity_years=40&method=oecd", "", 400, "method", 0},
		{"GET", "/api/v1/finance/schedule?rate_pct=2", "", 400, "maturity_years", 0},
		{"GET", "/api/v1/finance/compare?project=nope", "", 404, "", 0},
		{"POST", "/api/v1/finance/compare", "project:\n  name: x\n  host_currency: USD\n  host_discount_pct: 10\n  year: 2015\noffers:\n  - name: a\n    cost: {value: 1, currency: USD}\n    loan: {currency: USD, rate_pct: -2, maturity_years: 10, payments_per_year: 2}\n", 400, "offers", 7},
		{"GET", "/api/v1/tender/nope/evaluate", "", 404, "", 0},
		{"GET", "/api/v1/contest/jakarta-bandung-2015?synergy_pct=120", "", 400, "synergy_pct", 0},
		{"GET", "/api/v1/contest/jakarta-bandung-2015?host_power_pct=0.3", "", 400, "host_power_pct", 0},
		// An old link's fraction is refused as an unusual percentage, and
		// the two names of one share together are refused.
		{"GET", "/api/v1/contest/jakarta-bandung-2015?host_power=0.3", "", 400, "host_power", 0},
		{"GET", "/api/v1/contest/jakarta-bandung-2015?host_power=30&host_power_pct=30", "", 400, "host_power", 0},
		{"GET", "/api/v1/contest/mumbai-ahmedabad-2015", "", 400, "", 0},
	} {
		req, _ := http.NewRequest(c.method, ts.URL+c.path, strings.NewReader(c.body))
		resp, err := ts.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var p web.Problem
		err = json.NewDecoder(resp.Body).Decode(&p)
		resp.Body.Close()
		if err != nil || resp.StatusCode != c.status || p.Field != c.field || p.Line != c.line {
			t.Errorf("%s %s: %d %+v (%v), want %d field %q line %d", c.method, c.path, resp.StatusCode, p, err, c.status, c.field, c.line)
		}
	}
}
