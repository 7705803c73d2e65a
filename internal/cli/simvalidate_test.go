package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// sim validate --format json writes one document, valid or not: a bad file
// gives its problems with file, line, column and field, and exit 1 with
// nothing on standard error; a valid one an empty list.
func TestSimValidateJSON(t *testing.T) {
	db := tempDB(t)
	dir := t.TempDir()
	type problem struct {
		File, Field, Message string
		Line, Column         int
	}
	type check struct {
		File, Scenario string
		Valid          bool
		Problems       []problem
	}
	for _, c := range []struct {
		name, text string
		code       int
		want       []problem
	}{
		{"valid", "name: short\nstart: 2010\nend: 2012\nparams:\n  jp.markup_pct: 10\n", 0, []problem{}},
		// 0.5 in a percent field is 0.5 % (units.Check: a share below
		// 1 %): line 5, column 27 is the value.
		{"wrong scale", "name: s\nstart: 2010\nend: 2012\nparams:\n  jp.guarantee_share_pct: 0.5\n", 1,
			[]problem{{Field: "params.jp.guarantee_share_pct", Line: 5, Column: 27,
				Message: "0.5 read as 0.5 % is unusual for a share (this field is a percentage: 5 is 5 %); did you mean 50? Pass --allow-unusual to keep it."}}},
		// Line 4 is the unknown key.
		{"unknown key", "name: s\nstart: 2010\nend: 2012\ncolour: red\n", 1,
			[]problem{{Field: "colour", Line: 4, Column: 1, Message: `unknown field "colour"`}}},
	} {
		file := filepath.Join(dir, c.name+".yaml")
		if err := os.WriteFile(file, []byte(c.text), 0o644); err != nil {
			t.Fatal(err)
		}
		out, errOut, code := run(t, db, "sim", "validate", file, "--format", "json")
		var got check
		if err := json.Unmarshal([]byte(out), &got); err != nil || code != c.code || errOut != "" {
			t.Errorf("%s: exit %d (want %d), %v\n%s%s", c.name, code, c.code, err, out, errOut)
			continue
		}
		if got.File != file || got.Valid != (c.code == 0) || len(got.Problems) != len(c.want) || got.Problems == nil {
			t.Errorf("%s: %+v", c.name, got)
			continue
		}
		for i, w := range c.want {
			w.File = file
			if got.Problems[i] != w {
				t.Errorf("%s: problem %+v, want %+v", c.name, got.Problems[i], w)
			}
		}
	}
}
