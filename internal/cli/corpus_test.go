package cli_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestWriteFuzzCorpus writes every input of the bad-input catalogue that
// a fuzz target reads into that target's testdata/fuzz directory, so that
// "go test" replays each one through the parsers and solvers. Run it with
// INFRAGAME_WRITE_CORPUS=1 after adding cases; it is skipped otherwise.
func TestWriteFuzzCorpus(t *testing.T) {
	if os.Getenv("INFRAGAME_WRITE_CORPUS") == "" {
		t.Skip("set INFRAGAME_WRITE_CORPUS=1 to rewrite the fuzz corpora from the catalogue")
	}
	// Which targets read the files of which command; string targets take
	// the file as a string, the rest as []byte.
	type target struct {
		dir    string
		string bool
	}
	byCommand := map[string][]target{
		"game":    {{"game/nfg/testdata/fuzz/FuzzParse", true}, {"game/nfg/testdata/fuzz/FuzzParseSolve", true}},
		"auction": {{"auction/testdata/fuzz/FuzzParseSpec", false}, {"auction/testdata/fuzz/FuzzSolve", false}},
		"lcc":     {{"lcc/testdata/fuzz/FuzzParseStudy", false}},
		"tender":  {{"tender/testdata/fuzz/FuzzParseFile", false}},
		"contest": {{"tender/testdata/fuzz/FuzzParseFile", false}},
		"coop":    {{"coop/testdata/fuzz/FuzzParseSpec", false}},
		"finance": {{"finance/offerfile/testdata/fuzz/FuzzParse", false}},
	}
	n := 0
	for _, c := range catalogue(t) {
		cmd := c.args[0]
		for i, a := range c.args {
			if !strings.HasPrefix(a, "-") && (i == 0 || !strings.HasPrefix(c.args[i-1], "--") || strings.Contains(c.args[i-1], "=")) {
				cmd = a
				break
			}
		}
		for name, b := range c.files {
			if len(b) > 64<<10 {
				continue // the large inputs are about limits the CLI enforces, not parsing
			}
			targets := byCommand[cmd]
			switch {
			case strings.HasPrefix(name, "fx."):
				targets = nil
				write(t, "finance/fxfile/testdata/fuzz/FuzzParse", c.id, fmt.Sprintf("string(%s)\n[]byte(%s)\n", strconv.Quote(name), strconv.Quote(string(b))))
				n++
			case strings.HasSuffix(name, ".csv"):
				targets = []target{{"dataset/testdata/fuzz/FuzzReadCSV", false}}
			case cmd == "data":
				targets = []target{{"dataset/testdata/fuzz/FuzzReadYAML", false}}
			}
			for _, tg := range targets {
				typ := "[]byte"
				if tg.string {
					typ = "string"
				}
				write(t, tg.dir, c.id+"-"+strings.TrimSuffix(name, filepath.Ext(name)), typ+"("+strconv.Quote(string(b))+")\n")
				n++
			}
		}
	}
	t.Logf("wrote %d corpus entries", n)
}

func write(t *testing.T, dir, name, body string) {
	t.Helper()
	dir = filepath.Join("..", "..", dir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	name = strings.NewReplacer(" ", "-", "/", "-").Replace(name)
	if err := os.WriteFile(filepath.Join(dir, "catalogue-"+name), []byte("go test fuzz v1\n"+body), 0o644); err != nil {
		t.Fatal(err)
	}
}
