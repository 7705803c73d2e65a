package web_test

import (
	"net/url"
	"strings"
	"testing"
)

func init() {
	bos := exampleFile("game/bos.nfg")
	dominance := `{"game":` + jsString(exampleFile("game/deg.nfg")) + `}`
	apiCalls = append(apiCalls,
		struct{ method, path, body string }{"GET", "/api/v1/game/random?strategies=3x3&seed=42", ""},
		struct{ method, path, body string }{"GET", "/api/v1/game/random?strategies=3y3", ""},
		struct{ method, path, body string }{"POST", "/api/v1/game/dominance", dominance},
		struct{ method, path, body string }{"POST", "/api/v1/game/dominance", `{"game":` + jsString(bos) + `,"pure":true}`},
		struct{ method, path, body string }{"POST", "/api/v1/game/dominance", `{"game":""}`},
		struct{ method, path, body string }{"GET", "/api/v1/game/from-case/jakarta-bandung-2015", ""},
		struct{ method, path, body string }{"GET", "/api/v1/game/from-case/jakarta-bandung-2015/file?form=efg", ""},
		struct{ method, path, body string }{"GET", "/api/v1/game/from-case/jakarta-bandung-2015?markups=0,abc", ""},
		struct{ method, path, body string }{"GET", "/api/v1/game/from-case/nope", ""},
	)
	pagePaths = append(pagePaths, "/game/random?strategies=3x3&seed=42", "/game/from-case?case=jakarta-bandung-2015",
		"/game/dominance?game_text="+url.QueryEscape(exampleFile("game/deg.nfg")),
		"/game/check?profile=2/3,1/3,1/3,2/3&game_text="+url.QueryEscape(bos))
}

// TestGameToolsEqualCLI: random, dominance and from-case give what the
// command line gives for the same options: the same file bytes, the same
// JSON documents.
func TestGameToolsEqualCLI(t *testing.T) {
	ts := newStoreServer(t)
	for _, c := range []struct {
		path string
		args []string
		json bool
	}{
		{"/api/v1/game/random?strategies=3x3&seed=42", []string{"game", "random", "--strategies", "3x3", "--seed", "42", "--format", "table"}, false},
		{"/api/v1/game/random?strategies=2x2x2&class=covariance&rho=0.5&real=true&seed=7", []string{"game", "random", "--strategies", "2x2x2", "--class", "covariance", "--rho", "0.5", "--real", "--seed", "7", "--format", "table"}, false},
		{"/api/v1/game/from-case/jakarta-bandung-2015/file?form=efg", []string{"game", "from-case", "case:jakarta-bandung-2015", "--form", "efg", "--format", "table"}, false},
		{"/api/v1/game/from-case/jakarta-bandung-2015/file?markups=0,5&host=winner", []string{"game", "from-case", "case:jakarta-bandung-2015", "--markups", "0,5", "--host", "winner", "--format", "table"}, false},
		{"/api/v1/game/from-case/jakarta-bandung-2015?markups=0,5", []string{"game", "from-case", "case:jakarta-bandung-2015", "--markups", "0,5"}, true},
	} {
		resp, got := get(t, ts, c.path)
		want := runCLI(t, c.args...)
		if resp.StatusCode != 200 || c.json && !jsonEqual(t, got, want) || !c.json && got != want {
			t.Errorf("%s → %d differs from infragame %s:\n%.300s\nwant\n%.300s", c.path, resp.StatusCode, strings.Join(c.args, " "), got, want)
		}
	}
	for _, ex := range []string{"deg.nfg", "bos.nfg"} {
		_, _, got := postJSON(t, ts, "/api/v1/game/dominance", map[string]any{"game": exampleFile("game/" + ex)})
		if want := runCLI(t, "game", "dominance", "examples/game/"+ex); !jsonEqual(t, got, want) {
			t.Errorf("dominance %s differs from the CLI's:\n%.300s\nwant\n%.300s", ex, got, want)
		}
	}
}
