package dataset

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

func bytesReader(b []byte) *bytes.Reader { return bytes.NewReader(b) }

// ReadYAML reads records from a YAML (or JSON) document named file.
//
// The document is either a sequence of records of one kind — then kind must
// be given, as it is for the embedded files — or a mapping from plural kind
// names ("facts", "projects", "institutions", "strategies", "events", "fx")
// to sequences, the shape that `infragame data export --format json` writes.
// Decoding is strict (an unknown field is an error). Every record is then
// checked with [Check]-level field rules; all problems are returned, each
// with line and column of the offending node. Cross-record rules (duplicate
// ids, references) are checked by [Validate].
func ReadYAML(file string, data []byte, kind Kind) (set *Set, ps Problems) {
	// goccy/go-yaml v1.19.2 dereferences nil on some malformed input (a
	// tagged empty value such as "!0 "); report it as a parse problem.
	defer func() {
		if r := recover(); r != nil {
			set, ps = nil, Problems{{File: file, Reason: fmt.Sprintf("cannot parse YAML: %v", r)}}
		}
	}()
	set = &Set{}
	f, err := parser.ParseBytes(data, 0)
	if err != nil {
		return nil, Problems{yamlProblem(file, err)}
	}
	if len(f.Docs) == 0 || f.Docs[0] == nil || f.Docs[0].Body == nil {
		return set, nil
	}
	if len(f.Docs) > 1 {
		return nil, Problems{{File: file, Line: docLine(f.Docs[1]), Reason: "more than one YAML document in the file"}}
	}
	body := f.Docs[0].Body
	switch n := unwrap(body).(type) {
	case *ast.SequenceNode:
		if kind == "" {
			return nil, Problems{{File: file, Line: 1, Reason: "a top-level list needs its kind; use a mapping with keys facts, projects, institutions, strategies, events, fx"}}
		}
		ps = append(ps, readSeq(file, n, kind, "", set)...)
	case *ast.MappingNode:
		for _, mv := range n.Values {
			key := keyName(mv.Key)
			pos := mv.Key.GetToken().Position
			if key == "version" || key == "generated_by" || key == "summary" {
				continue // export metadata
			}
			k, err := ParseKind(key)
			if err != nil {
				ps = append(ps, Problem{File: file, Line: pos.Line, Column: pos.Column, Field: key, Reason: err.Error()})
				continue
			}
			if kind != "" && k != kind {
				ps = append(ps, Problem{File: file, Line: pos.Line, Column: pos.Column, Field: key, Reason: fmt.Sprintf("this file holds %s records only", kind)})
				continue
			}
			seq, ok := unwrap(mv.Value).(*ast.SequenceNode)
			if !ok {
				if _, isNull := mv.Value.(*ast.NullNode); isNull {
					continue
				}
				ps = append(ps, Problem{File: file, Line: pos.Line, Column: pos.Column, Field: key, Reason: "want a list of records"})
				continue
			}
			ps = append(ps, readSeq(file, seq, k, key, set)...)
		}
	default:
		tk := body.GetToken()
		return nil, Problems{{File: file, Line: tk.Position.Line, Column: tk.Position.Column, Reason: "want a list of records or a mapping of kind to list"}}
	}
	return set, ps
}

func docLine(d *ast.DocumentNode) int {
	if d == nil || d.GetToken() == nil {
		return 0
	}
	return d.GetToken().Position.Line
}

func unwrap(n ast.Node) ast.Node {
	for {
		switch x := n.(type) {
		case *ast.TagNode:
			n = x.Value
		case *ast.AnchorNode:
			n = x.Value
		default:
			return n
		}
	}
}

func readSeq(file string, seq *ast.SequenceNode, k Kind, prefix string, set *Set) Problems {
	var ps Problems
	for i, item := range seq.Values {
		r := New(k)
		where := fmt.Sprintf("%s[%d]", prefix, i)
		if prefix == "" {
			where = fmt.Sprintf("[%d]", i)
		}
		if err := yaml.NodeToValue(item, r, yaml.Strict()); err != nil {
			p := yamlProblem(file, err)
			if p.Line == 0 {
				tk := item.GetToken()
				p.Line, p.Column = tk.Position.Line, tk.Position.Column
			}
			p.Record = idOf(item)
			if p.Field == "" {
				p.Field = where
			}
			ps = append(ps, p)
			continue
		}
		lines := fieldPositions(item)
		c := &checker{}
		r.check(c)
		for _, fp := range c.problems {
			p := Problem{File: file, Record: r.Base().ID, Field: fp.Field, Reason: fp.Reason}
			p.Line, p.Column = lookupPos(lines, fp.Field)
			if p.Line == 0 {
				tk := item.GetToken()
				p.Line, p.Column = tk.Position.Line, tk.Position.Column
			}
			ps = append(ps, p)
		}
		tk := item.GetToken()
		set.setWhere(r.Base().ID, Problem{File: file, Line: tk.Position.Line, Column: tk.Position.Column})
		set.Add(r)
	}
	return ps
}

// idOf returns the scalar value of an "id" key in a mapping node, if any.
func idOf(n ast.Node) string {
	if m, ok := unwrap(n).(*ast.MappingNode); ok {
		for _, mv := range m.Values {
			if keyName(mv.Key) == "id" {
				return strings.Trim(mv.Value.String(), `"'`)
			}
		}
	}
	return ""
}

type pos struct{ line, col int }

// fieldPositions maps field paths ("loans[0].rate_pct") of a record node to
// the position of their value.
func fieldPositions(n ast.Node) map[string]pos {
	out := map[string]pos{}
	var walk func(n ast.Node, path string)
	walk = func(n ast.Node, path string) {
		n = unwrap(n)
		if n == nil {
			return
		}
		if tk := n.GetToken(); tk != nil && path != "" {
			out[path] = pos{tk.Position.Line, tk.Position.Column}
		}
		switch x := n.(type) {
		case *ast.MappingNode:
			for _, mv := range x.Values {
				p := keyName(mv.Key)
				if path != "" {
					p = path + "." + p
				}
				kt := mv.Key.GetToken()
				out[p] = pos{kt.Position.Line, kt.Position.Column}
				walkValue(mv.Value, p, out, walk)
			}
		case *ast.MappingValueNode:
			p := keyName(x.Key)
			if path != "" {
				p = path + "." + p
			}
			kt := x.Key.GetToken()
			out[p] = pos{kt.Position.Line, kt.Position.Column}
			walkValue(x.Value, p, out, walk)
		case *ast.SequenceNode:
			for i, v := range x.Values {
				walk(v, path+"["+strconv.Itoa(i)+"]")
			}
		}
	}
	walk(n, "")
	return out
}

// walkValue records nested fields of a value; a scalar field points at its
// value, a nested one at its key.
func walkValue(v ast.Node, p string, out map[string]pos, walk func(ast.Node, string)) {
	switch unwrap(v).(type) {
	case *ast.MappingNode, *ast.SequenceNode, *ast.MappingValueNode:
		key := out[p]
		walk(v, p)
		out[p] = key
	default:
		if tk := v.GetToken(); tk != nil {
			out[p] = pos{tk.Position.Line, tk.Position.Column}
		}
	}
}

// lookupPos finds the position of field f, or of its nearest parent.
func lookupPos(m map[string]pos, f string) (int, int) {
	for f != "" {
		if p, ok := m[f]; ok {
			return p.line, p.col
		}
		i := strings.LastIndexAny(f, ".[")
		if i < 0 {
			break
		}
		f = f[:i]
	}
	return 0, 0
}

// yamlProblem converts a go-yaml error into a Problem with its position.
func yamlProblem(file string, err error) Problem {
	var ye yaml.Error
	if errors.As(err, &ye) {
		p := Problem{File: file, Reason: ye.GetMessage()}
		if tk := ye.GetToken(); tk != nil {
			p.Line, p.Column = tk.Position.Line, tk.Position.Column
		}
		var te *yaml.TypeError
		if errors.As(err, &te) {
			p.Reason = fmt.Sprintf("cannot read %s as %s", te.SrcType, te.DstType)
			if te.StructFieldName != nil {
				p.Field = *te.StructFieldName
			}
		}
		return p
	}
	return Problem{File: file, Reason: err.Error()}
}

// keyName is a mapping key without its quotes ("id" and id are the same key).
func keyName(k ast.MapKeyNode) string {
	if tk := k.GetToken(); tk != nil {
		return tk.Value
	}
	return k.String()
}
