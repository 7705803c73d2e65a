// Package pctyaml reads and migrates the percentage fields of YAML input
// files. infragame writes every rate and share as a percentage, in a field
// whose name ends in _pct (discount_rate_pct: 5 is 5 %). Files written
// before that rule give the same quantities as decimal fractions under the
// old name (discount_rate: 0.05); both are read.
//
// [Normalize] turns the _pct fields of a parsed document into the decimal
// fields the domain types decode (the decimal point is moved in the text,
// so a migrated file decodes to the same float64 values as the old one),
// refuses a mapping giving both names of one quantity, and checks each
// percentage for plausibility ([units.Check]) on the value as typed.
// [Migrate] rewrites an old file's decimal fields to _pct fields in the
// text itself, so comments, order and layout are kept.
package pctyaml

import (
	"bytes"
	"errors"
	"fmt"
	"github.com/infragame/infragame/internal/parseerr"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/infragame/infragame/internal/yamlpos"
	"github.com/infragame/infragame/units"
	"go.yaml.in/yaml/v3"
)

// Suffix ends the name of every percentage field.
const Suffix = "_pct"

// Shape is the YAML form of a field's value.
type Shape int

// Shapes.
const (
	// Scalar is a number.
	Scalar Shape = iota
	// Number is a number or a distribution mapping ({dist: triangular,
	// min: …, mode: …, max: …}; see lcc.Number): its min, mode, max, mean,
	// sd and value are rates; a lognormal's mu is shifted by ln 100 and its
	// sigma kept.
	Number
	// List is a sequence of numbers (capex phasing).
	List
	// Map is a mapping of names to numbers (inflation by currency).
	Map
)

// Field is a rate or share of a file format.
type Field struct {
	// Path locates the field by its old (decimal) name: keys separated by
	// dots, "*" for any sequence item or mapping key
	// ("offers.*.loan.rate"). The percentage field is the last key plus
	// [Suffix].
	Path string
	// Key, when not empty, is the field's last key taken literally, dots
	// and all (a scenario's params: {jp.guarantee_share: 0.5}); Path is
	// then the path of the mapping that holds it.
	Key   string
	Shape Shape
	// Kind is the plausibility check applied to a percentage; Checked
	// false leaves the value to the reader's range checks.
	Kind    units.Kind
	Checked bool
}

// Under returns fields with prefix (keys separated by dots) put before
// each path.
func Under(prefix string, fields []Field) []Field {
	out := make([]Field, len(fields))
	for i, f := range fields {
		f.Path = prefix + "." + f.Path
		out[i] = f
	}
	return out
}

// match returns the field whose path is segs (old names), if any.
// It is called for every mapping key of a file, so it compares the
// segments of each path in place instead of splitting it.
func match(fields []Field, segs []string) (Field, bool) {
	for _, f := range fields {
		if f.Key != "" {
			if n := len(segs) - 1; n >= 1 && segs[n] == f.Key && pathMatches(f.Path, segs[:n]) {
				return f, true
			}
			continue
		}
		if pathMatches(f.Path, segs) {
			return f, true
		}
	}
	return Field{}, false
}

// pathMatches reports whether the dotted path, whose "*" segments match
// any segment, has exactly the segments segs.
func pathMatches(path string, segs []string) bool {
	if len(segs) == 0 {
		return false
	}
	for i, s := range segs {
		p, rest, more := strings.Cut(path, ".")
		if more != (i < len(segs)-1) || (p != "*" && p != s) {
			return false
		}
		path = rest
	}
	return true
}

// NewName returns the percentage name of a dotted path that names a field
// of fields (old names, sequence items by any key: "offers.japan.loan.rate"
// gives "offers.japan.loan.rate_pct"), or of a path below a Map field
// ("observables.lender_inflation.JPY"); ok is false for other paths.
func NewName(fields []Field, path string) (string, bool) {
	segs := strings.Split(path, ".")
	for n := len(segs); n > 0; n-- {
		if _, ok := match(fields, segs[:n]); ok {
			out := append([]string(nil), segs...)
			out[n-1] += Suffix
			return strings.Join(out, "."), true
		}
	}
	return "", false
}

// OldName is the inverse of [NewName]: the decimal name of a path with a
// percentage field in it; ok is false when there is none.
func OldName(fields []Field, path string) (string, bool) {
	segs := strings.Split(path, ".")
	for n := len(segs); n > 0; n-- {
		base, ok := strings.CutSuffix(segs[n-1], Suffix)
		if !ok {
			continue
		}
		old := append(append([]string(nil), segs[:n-1]...), base)
		if _, ok := match(fields, old); ok {
			out := append([]string(nil), segs...)
			out[n-1] = base
			return strings.Join(out, "."), true
		}
	}
	return "", false
}

// walker visits the mappings of a document with the path of each key.
type walker struct {
	fields []Field
	// visit is called for each key of a mapping whose old or new name is a
	// field; key and val are the key and value nodes, display the path in
	// the file's own keys ("offers[0].loan.rate_pct").
	visit func(m *yaml.Node, i int, f Field, isNew bool, display string)
}

func (w *walker) walk(n *yaml.Node, segs []string, display string) {
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i].Value
			d := k
			if display != "" {
				d = display + "." + k
			}
			if f, ok := match(w.fields, append(segs, k)); ok {
				w.visit(n, i, f, false, d)
				continue
			}
			if base, ok := strings.CutSuffix(k, Suffix); ok {
				if f, ok := match(w.fields, append(segs, base)); ok {
					w.visit(n, i, f, true, d)
					continue
				}
			}
			w.walk(n.Content[i+1], append(segs, k), d)
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			w.walk(c, append(segs, strconv.Itoa(i)), fmt.Sprintf("%s[%d]", display, i))
		}
	}
}

// sibling reports whether mapping m has key name.
func sibling(m *yaml.Node, name string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == name {
			return m.Content[i]
		}
	}
	return nil
}

// numbers returns the scalar nodes of a field's value that hold rates, the
// lognormal mu node (to shift by ln 100) if any, and the node whose value
// stands for the whole field in plausibility checks (nil when none).
func numbers(f Field, v *yaml.Node) (rates []*yaml.Node, mu *yaml.Node, central []*yaml.Node, err error) {
	num := func(n *yaml.Node) error {
		if n.Kind != yaml.ScalarNode || (n.ShortTag() != "!!int" && n.ShortTag() != "!!float") {
			return fmt.Errorf("want a number, got %q", n.Value)
		}
		return nil
	}
	switch {
	case v.Kind == yaml.AliasNode:
		return nil, nil, nil, errors.New("an alias (*name) is not accepted in a rate or share; write the value")
	case f.Shape == List && v.Kind == yaml.SequenceNode:
		for _, c := range v.Content {
			if err := num(c); err != nil {
				return nil, nil, nil, err
			}
			rates = append(rates, c)
		}
		return rates, nil, nil, nil
	case f.Shape == Map && v.Kind == yaml.MappingNode:
		for i := 1; i < len(v.Content); i += 2 {
			if err := num(v.Content[i]); err != nil {
				return nil, nil, nil, err
			}
			rates = append(rates, v.Content[i])
		}
		return rates, nil, rates, nil
	case f.Shape == Number && v.Kind == yaml.MappingNode:
		by := map[string]*yaml.Node{}
		for i := 0; i+1 < len(v.Content); i += 2 {
			k, c := v.Content[i].Value, v.Content[i+1]
			switch k {
			case "min", "mode", "max", "mean", "sd", "value":
				if err := num(c); err != nil {
					return nil, nil, nil, fmt.Errorf("%s: %w", k, err)
				}
				rates = append(rates, c)
				by[k] = c
			case "mu":
				if err := num(c); err != nil {
					return nil, nil, nil, fmt.Errorf("%s: %w", k, err)
				}
				mu = c
			}
		}
		for _, k := range []string{"value", "mode", "mean"} {
			if by[k] != nil {
				return rates, mu, []*yaml.Node{by[k]}, nil
			}
		}
		return rates, mu, nil, nil
	case f.Shape == Scalar || f.Shape == Number:
		if err := num(v); err != nil {
			return nil, nil, nil, err
		}
		return []*yaml.Node{v}, nil, []*yaml.Node{v}, nil
	}
	want := map[Shape]string{List: "a list of numbers", Map: "a mapping of names to numbers"}[f.Shape]
	return nil, nil, nil, fmt.Errorf("want %s", want)
}

// Normalize rewrites, in the parsed document root, every percentage field
// of fields (name ending in [Suffix]) into its decimal field, the value
// divided by 100 by moving the decimal point, so that the document then
// decodes into types that know only the decimal names. It refuses a
// mapping giving both names of one quantity and a percentage that
// [units.Check] finds unusual for its field's kind (unless allowUnusual);
// errors are [*yamlpos.Error]s with the line, column and path in the
// file's own keys, and the value as the user typed it.
func Normalize(root *yaml.Node, fields []Field, allowUnusual bool) error {
	_, err := NormalizeNotes(root, fields, allowUnusual)
	return err
}

// Converted is a percentage [NormalizeNotes] turned into a fraction.
type Converted struct {
	// Line and Column locate the number in the file; Path is the field's
	// path in the file's keys ("offers[0].share_financed_pct").
	Line, Column int
	Path         string
	// Typed is the number as written (175), Fraction what the readers
	// check (1.75).
	Typed, Fraction string
}

// NormalizeNotes is [Normalize], and it returns the numbers it converted,
// for [Explain].
func NormalizeNotes(root *yaml.Node, fields []Field, allowUnusual bool) ([]Converted, error) {
	if root == nil {
		return nil, nil
	}
	var conv []Converted
	var errs []error
	fail := func(n *yaml.Node, path string, err error) {
		errs = append(errs, &yamlpos.Error{Line: n.Line, Column: n.Column, Field: path, Err: err})
	}
	w := walker{fields: fields}
	w.visit = func(m *yaml.Node, i int, f Field, isNew bool, display string) {
		if !isNew {
			return
		}
		key, val := m.Content[i], m.Content[i+1]
		base := strings.TrimSuffix(key.Value, Suffix)
		if sibling(m, base) != nil {
			fail(key, display, fmt.Errorf("both %s (a percentage) and %s (a decimal fraction) are given; keep one (%s)", key.Value, base, key.Value))
			return
		}
		rates, mu, central, err := numbers(f, val)
		if err != nil {
			fail(val, display, err)
			return
		}
		if f.Checked && !allowUnusual {
			for _, c := range central {
				v, err := strconv.ParseFloat(c.Value, 64)
				if err != nil {
					continue
				}
				if u := units.Check(f.Kind, units.Percent, v); u != nil {
					fail(c, display, u)
					return
				}
			}
			// A lognormal has no central value among its keys: its
			// median e^mu is checked, and mu + ln 100 suggested.
			if len(central) == 0 && mu != nil {
				if m, err := strconv.ParseFloat(mu.Value, 64); err == nil {
					if u := units.Check(f.Kind, units.Percent, math.Exp(m)); u != nil {
						msg := fmt.Sprintf("lognormal median e^mu = %s (mu %s): %v", strconv.FormatFloat(math.Exp(m), 'g', 10, 64), mu.Value, u)
						if !math.IsNaN(u.Likely) {
							msg += fmt.Sprintf(" (for that median, mu %s)", strconv.FormatFloat(math.Log(u.Likely), 'g', 10, 64))
						}
						fail(mu, display, errors.New(msg))
						return
					}
				}
			}
		}
		for _, r := range rates {
			s, err := units.ShiftDecimal(r.Value, -2)
			if err != nil {
				fail(r, display, err)
				return
			}
			conv = append(conv, Converted{Line: r.Line, Column: r.Column, Path: display, Typed: r.Value, Fraction: s})
			r.Value, r.Tag = s, "!!float"
		}
		if mu != nil {
			v, _ := strconv.ParseFloat(mu.Value, 64)
			mu.Value = strconv.FormatFloat(v-math.Log(100), 'g', -1, 64)
		}
		key.Value = base
	}
	w.walk(root, nil, "")
	return conv, errors.Join(errs...)
}

// Explain names, in each error of err located at a number the reader
// converted from a percentage (a [yamlpos.Error] whose line and column are
// those of a [Converted]), the field as the file gives it and the
// percentage it gave, since readers check the decimal fraction:
// "offers[0].asset.resilience_pct: must be ≤ 1, got 1.7 (as a fraction;
// the file says 170 %)". Other errors are kept; nil stays nil.
func Explain(err error, conv []Converted) error {
	if err == nil || len(conv) == 0 {
		return err
	}
	return parseerr.Map(err, func(e error) error {
		pe, ok := e.(*yamlpos.Error)
		if !ok || pe.Line == 0 {
			return e
		}
		for _, c := range conv {
			if c.Line == pe.Line && (pe.Column == 0 || c.Column == pe.Column) {
				x := *pe
				x.Field = c.Path
				x.Err = fmt.Errorf("%w (as a fraction; the file says %s %%)", pe.Err, c.Typed)
				return &x
			}
		}
		return e
	})
}

// edit replaces n bytes at off with text.
type edit struct {
	off, n int
	text   string
}

// Migrate rewrites data, a YAML document whose rates and shares are written
// as decimal fractions under the old names of fields, to the percentage
// fields: "rate: 0.001" becomes "rate_pct: 0.1". Only those keys and
// numbers change in the text; comments, order, quoting and layout are kept.
// When sourcesKey is not empty, the keys of the top-level mapping of that
// name (dotted field paths, as in case files' sources:) that name a
// migrated field are renamed too. It returns the new text and the number
// of fields renamed (0 for a file already migrated). A file giving a
// quantity under both names, or a rate that is not a plain number, is an
// error naming its line.
func Migrate(name string, data []byte, fields []Field, sourcesKey string) ([]byte, int, error) {
	return rewrite(name, data, fields, sourcesKey, true)
}

// Unmigrate is the inverse of [Migrate]: it rewrites the percentage fields
// of data as decimal fractions under the old names, as files were written
// before the one-unit rule. The tests use it to check that every shipped
// file gives the same results in both forms.
func Unmigrate(name string, data []byte, fields []Field, sourcesKey string) ([]byte, int, error) {
	return rewrite(name, data, fields, sourcesKey, false)
}

func rewrite(name string, data []byte, fields []Field, sourcesKey string, toPct bool) ([]byte, int, error) {
	doc, err := yamlpos.Load(name, data)
	if err != nil {
		return nil, 0, err
	}
	root := doc.Root()
	if root == nil {
		return nil, 0, &yamlpos.Error{File: name, Err: yamlpos.ErrEmpty}
	}
	lines := lineStarts(data)
	var edits []edit
	var errs []error
	fail := func(n *yaml.Node, path string, err error) {
		errs = append(errs, &yamlpos.Error{File: name, Line: n.Line, Column: n.Column, Field: path, Err: err})
	}
	// at returns the byte offset of node n and checks that its text there is
	// its value (a plain scalar) or its value quoted.
	at := func(n *yaml.Node) (off, length int, quote string, ok bool) {
		if n.Line < 1 || n.Line > len(lines) {
			return 0, 0, "", false
		}
		off = lines[n.Line-1]
		for c := 1; c < n.Column && off < len(data); c++ {
			_, size := utf8.DecodeRune(data[off:])
			off += size
		}
		switch n.Style {
		case 0:
		case yaml.DoubleQuotedStyle:
			quote = `"`
		case yaml.SingleQuotedStyle:
			quote = `'`
		default:
			return 0, 0, "", false
		}
		want := quote + n.Value + quote
		if !bytes.HasPrefix(data[off:], []byte(want)) {
			return 0, 0, "", false
		}
		return off, len(want), quote, true
	}
	count := 0
	w := walker{fields: fields}
	places, lnScale := 2, math.Log(100)
	if !toPct {
		places, lnScale = -2, -math.Log(100)
	}
	w.visit = func(m *yaml.Node, i int, f Field, isNew bool, display string) {
		if isNew != !toPct {
			return
		}
		key, val := m.Content[i], m.Content[i+1]
		base := strings.TrimSuffix(key.Value, Suffix)
		other, newKey := base+Suffix, base+Suffix
		if !toPct {
			other, newKey = base, base
		}
		if sibling(m, other) != nil {
			fail(key, display, fmt.Errorf("both %s and %s are given; remove one", base, base+Suffix))
			return
		}
		rates, mu, _, err := numbers(f, val)
		if err != nil {
			fail(val, display, err)
			return
		}
		off, n, q, ok := at(key)
		if !ok {
			fail(key, display, errors.New("cannot locate the key in the text to rewrite it"))
			return
		}
		var es []edit
		es = append(es, edit{off, n, q + newKey + q})
		for _, r := range rates {
			s, err := units.ShiftDecimal(r.Value, places)
			off, n, _, ok := at(r)
			if err != nil || !ok || r.Style != 0 {
				fail(r, display, fmt.Errorf("cannot rewrite %q as a percentage; edit it by hand", r.Value))
				return
			}
			es = append(es, edit{off, n, s})
		}
		if mu != nil {
			v, _ := strconv.ParseFloat(mu.Value, 64)
			off, n, _, ok := at(mu)
			if !ok {
				fail(mu, display, fmt.Errorf("cannot rewrite %q; edit it by hand", mu.Value))
				return
			}
			es = append(es, edit{off, n, strconv.FormatFloat(v+lnScale, 'g', -1, 64)})
		}
		edits = append(edits, es...)
		count++
	}
	w.walk(root, nil, "")
	if sourcesKey != "" && root.Kind == yaml.MappingNode {
		if src := child(root, sourcesKey); src != nil && src.Kind == yaml.MappingNode {
			for i := 0; i+1 < len(src.Content); i += 2 {
				k := src.Content[i]
				nn, ok := NewName(fields, k.Value)
				if !toPct {
					nn, ok = OldName(fields, k.Value)
				}
				if !ok {
					continue
				}
				off, n, q, ok := at(k)
				if !ok {
					fail(k, sourcesKey+"."+k.Value, errors.New("cannot locate the key in the text to rewrite it"))
					continue
				}
				edits = append(edits, edit{off, n, q + nn + q})
			}
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, 0, err
	}
	// Apply from the end so earlier offsets stay valid.
	out := append([]byte(nil), data...)
	sort.Slice(edits, func(i, j int) bool { return edits[i].off < edits[j].off })
	for i := len(edits) - 1; i >= 0; i-- {
		e := edits[i]
		out = append(out[:e.off], append([]byte(e.text), out[e.off+e.n:]...)...)
	}
	return out, count, nil
}

func child(m *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// lineStarts returns the byte offset of each line of data.
func lineStarts(data []byte) []int {
	starts := []int{0}
	for i, b := range data {
		if b == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}
