package dataset

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/infragame/infragame/internal/yamlpos"
	"go.yaml.in/yaml/v3"
)

func bytesReader(b []byte) *bytes.Reader { return bytes.NewReader(b) }

// ReadYAML reads records from a YAML (or JSON) document named file.
//
// The document is either a sequence of records of one kind — then kind must
// be given, as it is for the embedded files — or a mapping from plural kind
// names ("facts", "projects", "institutions", "strategies", "events", "fx")
// to sequences, the shape that `infragame data export --format json` writes.
// Decoding is strict (an unknown field is an error) and within the limits
// of package yamlpos (nesting depth, aliases). Every record is then
// checked with [Check]-level field rules; all problems are returned, each
// with line and column of the offending node. Cross-record rules (duplicate
// ids, references) are checked by [Validate].
func ReadYAML(file string, data []byte, kind Kind) (set *Set, ps Problems) {
	set = &Set{}
	doc, err := yamlpos.Load(file, data)
	if err != nil {
		return nil, Problems{yamlProblem(file, err)}
	}
	body := doc.Root()
	if body == nil {
		return set, nil
	}
	switch body.Kind {
	case yaml.SequenceNode:
		if kind == "" {
			return nil, Problems{{File: file, Line: 1, Reason: "a top-level list needs its kind; use a mapping with keys facts, projects, institutions, strategies, events, fx"}}
		}
		ps = append(ps, readSeq(doc, body, kind, "", set)...)
	case yaml.MappingNode:
		for i := 0; i+1 < len(body.Content); i += 2 {
			kn, vn := body.Content[i], body.Content[i+1]
			key := kn.Value
			if key == "version" || key == "generated_by" || key == "summary" {
				continue // export metadata
			}
			k, err := ParseKind(key)
			if err != nil {
				ps = append(ps, Problem{File: file, Line: kn.Line, Column: kn.Column, Field: key, Reason: err.Error()})
				continue
			}
			if kind != "" && k != kind {
				ps = append(ps, Problem{File: file, Line: kn.Line, Column: kn.Column, Field: key, Reason: fmt.Sprintf("this file holds %s records only", kind)})
				continue
			}
			seq := vn
			if seq.Kind == yaml.AliasNode {
				seq = seq.Alias
			}
			if seq.Kind != yaml.SequenceNode {
				if seq.ShortTag() == "!!null" {
					continue
				}
				ps = append(ps, Problem{File: file, Line: kn.Line, Column: kn.Column, Field: key, Reason: "want a list of records"})
				continue
			}
			ps = append(ps, readSeq(doc, seq, k, key, set)...)
		}
	default:
		return nil, Problems{{File: file, Line: body.Line, Column: body.Column, Reason: "want a list of records or a mapping of kind to list"}}
	}
	return set, ps
}

func readSeq(doc *yamlpos.Doc, seq *yaml.Node, k Kind, prefix string, set *Set) Problems {
	file := doc.Name()
	var ps Problems
	for i, item := range seq.Content {
		r := New(k)
		where := fmt.Sprintf("%s[%d]", prefix, i)
		if prefix == "" {
			where = fmt.Sprintf("[%d]", i)
		}
		if err := yamlpos.DecodeNode(item, r); err != nil {
			p := yamlProblem(file, err)
			if p.Line == 0 {
				p.Line, p.Column = item.Line, item.Column
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
				p.Line, p.Column = item.Line, item.Column
			}
			ps = append(ps, p)
		}
		set.setWhere(r.Base().ID, Problem{File: file, Line: item.Line, Column: item.Column})
		set.Add(r)
	}
	return ps
}

// idOf returns the scalar value of an "id" key in a mapping node, if any.
func idOf(n *yaml.Node) string {
	if n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	if n != nil && n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == "id" {
				return n.Content[i+1].Value
			}
		}
	}
	return ""
}

type pos struct{ line, col int }

// fieldPositions maps field paths ("loans[0].rate_pct") of a record node to
// the position of their value; a nested field points at its key.
func fieldPositions(n *yaml.Node) map[string]pos {
	out := map[string]pos{}
	var walk func(n *yaml.Node, path string, depth int)
	walk = func(n *yaml.Node, path string, depth int) {
		if n == nil || depth > yamlpos.MaxDepth {
			return
		}
		if n.Kind == yaml.AliasNode {
			n = n.Alias
		}
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				p := k.Value
				if path != "" {
					p = path + "." + p
				}
				if v.Kind == yaml.ScalarNode {
					out[p] = pos{v.Line, v.Column}
				} else {
					out[p] = pos{k.Line, k.Column}
					walk(v, p, depth+1)
				}
			}
		case yaml.SequenceNode:
			for i, v := range n.Content {
				p := path + "[" + strconv.Itoa(i) + "]"
				out[p] = pos{v.Line, v.Column}
				walk(v, p, depth+1)
			}
		}
	}
	walk(n, "", 0)
	return out
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

// yamlProblem converts an error of package yamlpos into a Problem with its
// position and field path.
func yamlProblem(file string, err error) Problem {
	var ye *yamlpos.Error
	if errors.As(err, &ye) {
		return Problem{File: file, Line: ye.Line, Column: ye.Column, Field: ye.Field, Reason: ye.Err.Error()}
	}
	return Problem{File: file, Reason: err.Error()}
}
