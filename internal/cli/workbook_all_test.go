package cli_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/infragame/infragame/internal/cli/fullcmd"
	"github.com/infragame/infragame/report"
)

// extraWorkbooks are records commands worth a workbook beyond the golden
// invocations: the whole dataset (every kind's columns) and the kinds
// data list prints.
var extraWorkbooks = []struct {
	name string
	args []string
}{
	{"data-export-all", []string{"data", "export"}},
	{"data-list-fact", []string{"data", "list", "fact"}},
	{"data-show-fact", []string{"data", "show", "jp-orders-2013-value"}},
	{"game-dominance-deg", []string{"game", "dominance", "examples/game/deg.nfg"}},
	{"game-solve-efg", []string{"game", "solve", "examples/game/entry.efg"}},
}

// TestEveryWorkbook writes the workbook of every command that prints
// records (every "records" entry of goldenCommands, so a new command is
// covered as soon as it has a golden entry) and checks two things on every
// data sheet:
//
//   - units: every numeric column's header carries a unit, "name (unit)"
//     or a percent sign, or names a column report.Unitless lists (counts,
//     identifiers, years);
//   - cells: every cell holds a value of the command's JSON output. Each
//     row is matched with the JSON object (an element of an array) holding
//     most of its cells; a cell whose column is named like a field of that
//     object ("win_probability", "value.amount") must hold that field's
//     value, any other cell a value of the document. Numbers match exactly or at the digits the cell shows, also
//     after a change of scale (×100 for a percentage, ÷10³…10¹² for
//     thousands to trillions); text matches a string, a key or a boolean
//     of the document, and a cell that combines several values ("458 /
//     225", "138 [129, 148]") matches when each of its numbers and words
//     does.
func TestEveryWorkbook(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	work := scratchRepo(t, root)
	db := filepath.Join(work, "wb.db")
	exec := func(args ...string) (string, string, int) {
		var out, errb bytes.Buffer
		code := fullcmd.Main(t.Context(), append([]string{"--db", db, "--no-progress"}, args...), strings.NewReader(""), &out, &errb)
		return out.String(), errb.String(), code
	}
	type job struct {
		name string
		args []string
	}
	var jobs []job
	for _, gc := range goldenCommands {
		switch gc.kind {
		case "run":
			if gc.args[0] == "sweep" { // the files sweep analyze reads
				if _, errOut, code := exec(gc.args...); code != 0 {
					t.Fatalf("%s: exit %d: %s", gc.name, code, errOut)
				}
			}
		case "records":
			jobs = append(jobs, job{gc.name, gc.args})
		}
	}
	for _, x := range extraWorkbooks {
		jobs = append(jobs, job{x.name, x.args})
	}
	for _, j := range jobs {
		t.Run(j.name, func(t *testing.T) {
			out, errOut, code := exec(append([]string{"--format", "json"}, j.args...)...)
			if code != 0 {
				t.Fatalf("json: exit %d: %s", code, errOut)
			}
			var doc any
			if err := json.Unmarshal([]byte(out), &doc); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(work, j.name+".xlsx")
			if _, errOut, code := exec(append([]string{"--format", "xlsx", "-o", path}, j.args...)...); code != 0 {
				t.Fatalf("xlsx: exit %d: %s", code, errOut)
			}
			f := openWorkbook(t, path)
			ix := indexJSON(doc)
			for _, sheet := range f.GetSheetList() {
				if sheet == "sources" || sheet == "about" {
					continue
				}
				rows := rawRows(t, f, sheet)
				if len(rows) == 0 {
					t.Errorf("sheet %q is empty", sheet)
					continue
				}
				checkUnits(t, sheet, rows)
				checkCells(t, j.name, sheet, rows, ix)
			}
		})
	}
}

// derivedColumns are workbook columns computed from the JSON output's
// values rather than copied from it, by sheet title prefix and column: a
// label, a verdict or a difference that the JSON leaves to its reader.
// Their cells are not compared.
var derivedColumns = map[[2]string]string{
	{"brief", "result"}:                              "hit, miss or undecided from the row's decided and hit",
	{"brief", "series"}:                              "series labels of the orders brief",
	{"sim-run", "host_surplus_usd_bn"}:               "the sum over regions of host_surplus",
	{"sim-run", "mean_host_debt"}:                    "the mean over regions of host_debt",
	{"data-summary", "series"}:                       "series labels of the orders brief",
	{"tender-backtest", "result"}:                    "hit, MISS or undecided from the row's decided and hit; predicted against actual",
	{"contest-analyze", "shapley_minus_competition"}: "the difference of two scenarios' profits",
	{"contest-analyze", "party"}:                     "row labels: each exporter, the exporters together, the host",
	{"contest-analyze", "question"}:                  "the questions the verdict answers",
	{"contest-analyze", "answer"}:                    "yes/no from pays_both and host_gain, thresholds to 4 decimals",
	{"sim-calibrate", "target_in_p10_p90"}:           "whether target lies in [p10, p90]",
	{"sim-params", "range"}:                          "[lo, hi], hi +Inf written as null in JSON",
	{"game-dominance", "player"}:                     "the player's name; the JSON gives its index",
	{"game-dominance", "strategy"}:                   "the strategy's name; the JSON gives its index",
	{"game-dominance", "dominated by"}:               "weights × strategy names; the JSON gives indices",
}

// derived reports whether a column of job's workbook is one of
// derivedColumns (job: a golden entry's name, or one of extraWorkbooks).
func derived(job, header string) bool {
	name, _ := report.SplitHeader(header)
	for k := range derivedColumns {
		if strings.HasPrefix(job, k[0]) && name == k[1] {
			return true
		}
	}
	return false
}

// placeholders stand for a value the JSON writes as null or "".
var placeholders = map[string]bool{"": true, "-": true, "(none)": true, "none": true, "n/a": true}

// intervalCell is a summary printed with its interval, "138 [129, 148]".
var intervalCell = regexp.MustCompile(`^[-+]?[0-9.]+(?:e[-+]?[0-9]+)? \[`)

// checkUnits requires a unit on every numeric column's header.
func checkUnits(t *testing.T, sheet string, rows [][]string) {
	t.Helper()
	for c, h := range rows[0] {
		numeric, n := true, 0
		for _, r := range rows[1:] {
			if c >= len(r) || r[c] == "" {
				continue
			}
			n++
			if _, err := strconv.ParseFloat(r[c], 64); err != nil && !intervalCell.MatchString(r[c]) {
				numeric = false
				break
			}
		}
		if !numeric || n == 0 {
			continue
		}
		name, unit := report.SplitHeader(h)
		if unit == "" && !strings.Contains(h, "%") && report.Unitless[name] == "" {
			t.Errorf("sheet %q: numeric column %q has no unit (set Table.Units, or add the name to report.ColumnUnits or report.Unitless)", sheet, h)
		}
	}
}

// jsonIndex holds a decoded JSON document's values: every object that is
// an element of an array (the candidates for a row) and the whole
// document's leaves.
type jsonIndex struct {
	records []*jsonLeaves
	all     *jsonLeaves
}

// jsonLeaves are the numbers and strings (with object keys and booleans)
// of one JSON value.
type jsonLeaves struct {
	keys  map[string]any // an object's values by flattened key ("value.amount")
	nums  []float64
	exact map[float64]bool
	strs  map[string]bool
	text  string // every string, joined, for word searches
}

func newLeaves() *jsonLeaves { return &jsonLeaves{exact: map[float64]bool{}, strs: map[string]bool{}} }

func (l *jsonLeaves) add(v any) {
	var b strings.Builder
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case float64:
			l.nums = append(l.nums, x)
			l.exact[x] = true
		case string:
			l.strs[x] = true
			b.WriteString(x)
			b.WriteByte('\n')
			if f, err := strconv.ParseFloat(x, 64); err == nil {
				l.nums = append(l.nums, f)
				l.exact[f] = true
			}
		case bool:
			l.strs[strconv.FormatBool(x)] = true
			if x {
				l.strs["yes"] = true
			} else {
				l.strs["no"] = true
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		case map[string]any:
			for k, e := range x {
				l.strs[k] = true
				b.WriteString(k)
				b.WriteByte('\n')
				walk(e)
			}
		}
	}
	walk(v)
	l.text += b.String()
}

func indexJSON(doc any) *jsonIndex {
	ix := &jsonIndex{all: newLeaves()}
	ix.all.add(doc)
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case []any:
			for _, e := range x {
				if m, ok := e.(map[string]any); ok {
					l := newLeaves()
					l.add(m)
					l.keys = flatKeys(m)
					ix.records = append(ix.records, l)
				}
				walk(e)
			}
		case map[string]any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	walk(doc)
	if m, ok := doc.(map[string]any); ok { // a document that is one record
		l := newLeaves()
		l.add(m)
		l.keys = flatKeys(m)
		ix.records = append(ix.records, l)
	}
	return ix
}

// flatKeys lists an object's values by key, nested objects' by "a.b".
func flatKeys(m map[string]any) map[string]any {
	out := map[string]any{}
	var walk func(prefix string, m map[string]any)
	walk = func(prefix string, m map[string]any) {
		for k, v := range m {
			out[prefix+k] = v
			if sub, ok := v.(map[string]any); ok {
				walk(prefix+k+".", sub)
			}
		}
	}
	walk("", m)
	return out
}

// scales are the changes of scale between a JSON number and a cell: the
// same, a percentage of a fraction or the reverse, thousands to trillions.
var scales = []float64{1, 100, 0.01, 1e-3, 1e-6, 1e-9, 1e-12}

// sigDigits is how many significant digits a number's text shows.
func sigDigits(s string) int {
	s = strings.TrimLeft(s, "+-")
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		s = s[:i]
	}
	if !strings.Contains(s, ".") {
		s = strings.TrimRight(s, "0") // 2590: three digits shown
	}
	s = strings.Replace(s, ".", "", 1)
	s = strings.TrimLeft(s, "0")
	if s == "" {
		return 1
	}
	return len(s)
}

// hasNumber reports whether the number written s is among l's numbers,
// exactly or at the digits s shows, after one of the scales.
func (l *jsonLeaves) hasNumber(s string) bool {
	y, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return false
	}
	if l.exact[y] {
		return true
	}
	d := sigDigits(s)
	for _, x := range l.nums {
		for _, sc := range scales {
			z := x * sc
			if z == y || math.Abs(z-y) <= 1e-12*math.Max(1, math.Abs(y)) {
				return true
			}
			if d < 17 {
				// y shows z to d digits, whichever way a tie was rounded
				ulp := math.Pow(10, math.Floor(math.Log10(math.Abs(z)))-float64(d)+1)
				if math.Abs(z-y) <= ulp/2*(1+1e-9) {
					return true
				}
			}
		}
	}
	return false
}

var (
	numberRE = regexp.MustCompile(`[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?`)
	wordRE   = regexp.MustCompile(`[\p{L}_][\p{L}\p{N}_.\-]*`)
)

// hasCell reports whether the cell's value is in l.
func (l *jsonLeaves) hasCell(cell string) bool {
	if l.strs[cell] || l.hasNumber(cell) {
		return true
	}
	if c := strings.TrimSpace(cell); c != cell && l.strs[c] {
		return true
	}
	// a cell combining values: each number and word must be there
	nums := numberRE.FindAllString(cell, -1)
	words := wordRE.FindAllString(numberRE.ReplaceAllString(cell, " "), -1)
	if len(nums)+len(words) == 0 {
		return false
	}
	for _, n := range nums {
		if !l.hasNumber(strings.TrimPrefix(n, "+")) && !strings.Contains(l.text, n) {
			return false
		}
	}
	for _, w := range words {
		if !strings.Contains(l.text, strings.Trim(w, ".-")) {
			return false
		}
	}
	return true
}

// field reports whether the column header names a field of the record
// (keyed) and, if so, whether cell holds its value: a number or string as
// hasCell matches it, a list of strings as "a|b", a list or object as its
// JSON, null as an empty cell.
func (l *jsonLeaves) field(header, cell string) (ok, keyed bool) {
	name, _ := report.SplitHeader(header)
	v, keyed := l.keys[name]
	if !keyed {
		return false, false
	}
	switch x := v.(type) {
	case nil:
		return placeholders[cell], true
	case string:
		if x == "" && placeholders[cell] {
			return true, true
		}
	case []any, map[string]any:
		if sameCell(cell, x) {
			return true, true
		}
		var got any
		if strings.HasPrefix(cell, "[") || strings.HasPrefix(cell, "{") {
			if json.Unmarshal([]byte(cell), &got) != nil {
				return false, true
			}
			a, _ := json.Marshal(got)
			b, _ := json.Marshal(x)
			return bytes.Equal(a, b), true
		}
		if _, obj := x.(map[string]any); obj {
			return false, false // a summary of the object: look in the document
		}
		// one element of a list per row ("shapley": [..] by player)
	}
	one := newLeaves()
	one.add(v)
	return one.hasCell(cell), true
}

// checkCells matches every row of a sheet with the JSON document.
func checkCells(t *testing.T, job, sheet string, rows [][]string, ix *jsonIndex) {
	t.Helper()
	bad := 0
	for r, row := range rows[1:] {
		var cells []int
		for c, v := range row {
			if v != "" {
				cells = append(cells, c)
			}
		}
		names := make([]string, len(row))
		for c := range row {
			names[c] = fmt.Sprintf("column %d", c+1)
			if c < len(rows[0]) {
				names[c] = rows[0][c]
			}
		}
		// the record holding most of the row's cells, a cell whose column
		// is one of its fields counting only when it holds that field
		var best *jsonLeaves
		bestN := -1
		for _, rec := range ix.records {
			n := 0
			for _, c := range cells {
				if ok, keyed := rec.field(names[c], row[c]); ok || (!keyed && rec.hasCell(row[c])) {
					n++
				}
			}
			if n > bestN {
				best, bestN = rec, n
				if n == len(cells) {
					break
				}
			}
		}
		for _, c := range cells {
			if derived(job, names[c]) {
				continue
			}
			if best != nil {
				if ok, keyed := best.field(names[c], row[c]); keyed {
					if ok {
						continue
					}
				} else if ix.all.hasCell(row[c]) || placeholders[row[c]] {
					continue // a placeholder for a field the JSON omits
				}
			} else if ix.all.hasCell(row[c]) {
				continue
			}
			if bad++; bad <= 10 {
				t.Errorf("sheet %q row %d %s: cell %q is not in the JSON output", sheet, r+2, names[c], row[c])
			}
		}
	}
	if bad > 10 {
		t.Errorf("sheet %q: %d cells in all not in the JSON output", sheet, bad)
	}
}
