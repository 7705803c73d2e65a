// Package yamlpos is the one YAML reader of the project. It reads YAML
// strictly (unknown fields and duplicate keys are errors), within limits
// (input size, nesting depth, nodes after alias expansion), and locates
// fields by path, so that readers report every error with a file, a line
// and a field path in the file's own keys ("bidders[1].type.high"), never a
// Go type name.
//
// It is built on go.yaml.in/yaml/v3. A UTF-8 byte order mark at the start
// of a file is accepted.
package yamlpos

import (
	"bytes"
	"errors"
	"fmt"
	"github.com/infragame/infragame/internal/parseerr"
	"io"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Limits enforced on every document, before it is decoded into Go values.
const (
	// MaxBytes is the largest document accepted, in bytes. Readers of files
	// cap the size they read before this (see the input limits in
	// docs/limits.md); this is the backstop for callers passing bytes.
	MaxBytes = 64 << 20
	// MaxDepth is the deepest nesting of mappings and sequences accepted.
	MaxDepth = 100
	// MaxNodes is the largest number of nodes a document may have once its
	// aliases are expanded (a "billion laughs" document expands to far more).
	MaxNodes = 1_000_000
)

// ErrEmpty is returned, wrapped, for a document with no content.
var ErrEmpty = errors.New("the file is empty (no YAML document)")

// ErrMalformed is returned, wrapped, when the YAML library fails in an
// unexpected way on malformed input (a panic, which should not happen).
var ErrMalformed = errors.New("malformed YAML")

// ErrLimit is returned, wrapped, when a document exceeds one of the limits.
var ErrLimit = errors.New("YAML limit exceeded")

// Error is an error located by line (and column when known) and by field
// path in the file's keys: the project's one parse error,
// [parseerr.Error]. File may be empty when the caller names the file itself.
type Error = parseerr.Error

// Doc is a parsed YAML document, kept to locate fields.
type Doc struct {
	name string
	root *yaml.Node // content of the document; nil when empty
}

// Load parses data as one YAML document within the limits. An empty
// document gives a Doc whose Root is nil and no error. Errors carry the
// name, the line and, when known, the column.
func Load(name string, data []byte) (d *Doc, err error) {
	defer func() {
		if r := recover(); r != nil {
			d, err = nil, &Error{File: name, Err: fmt.Errorf("%w (%v)", ErrMalformed, r)}
		}
	}()
	if len(data) > MaxBytes {
		return nil, &Error{File: name, Err: fmt.Errorf("%w: the document is %d bytes, more than %d", ErrLimit, len(data), MaxBytes)}
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return &Doc{name: name}, nil
		}
		return nil, syntaxError(name, err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		return nil, &Error{File: name, Line: extra.Line, Err: errors.New("more than one YAML document in the file")}
	} else if !errors.Is(err, io.EOF) {
		return nil, syntaxError(name, err)
	}
	d = &Doc{name: name}
	if len(doc.Content) > 0 {
		d.root = doc.Content[0]
	}
	if d.root != nil {
		if err := checkLimits(d.root); err != nil {
			return nil, &Error{File: name, Line: err.line, Column: err.col, Err: err.err}
		}
	}
	return d, nil
}

// Root is the top node of the document; nil for an empty document.
func (d *Doc) Root() *yaml.Node {
	if d == nil {
		return nil
	}
	return d.root
}

// Name is the name the document was loaded under.
func (d *Doc) Name() string { return d.name }

// Unmarshal decodes data strictly (unknown fields and duplicate keys are
// errors) into v, within the limits. Errors are [*Error]s without a file
// name: "line 5: bidders[0].type.low: want a number, got "abc"". An empty
// document is an error wrapping [ErrEmpty].
func Unmarshal(data []byte, v any) error {
	d, err := Load("", data)
	if err != nil {
		return err
	}
	return d.decodeRoot(v)
}

// Decode decodes data strictly (unknown fields and duplicate keys are
// errors) into v, within the limits, and keeps the document to locate
// fields. Errors name the file, the line and the field path. An empty
// document is an error wrapping [ErrEmpty].
func Decode(name string, data []byte, v any) (*Doc, error) {
	d, err := Load(name, data)
	if err != nil {
		return nil, err
	}
	if err := d.decodeRoot(v); err != nil {
		return nil, err
	}
	return d, nil
}

// DecodeRoot decodes the whole document strictly into v, as [Decode]
// does, for readers that change the parsed document before decoding it.
// An empty document is an error wrapping [ErrEmpty].
func (d *Doc) DecodeRoot(v any) error { return d.decodeRoot(v) }

func (d *Doc) decodeRoot(v any) error {
	if d.root == nil {
		return &Error{File: d.name, Err: ErrEmpty}
	}
	return d.DecodeNode(d.root, "", v)
}

// DecodeNode decodes the node n, found at path in the document, strictly
// into v. Errors name the document's file, the line and the field path.
func (d *Doc) DecodeNode(n *yaml.Node, path string, v any) error {
	err := decodeStrict(n, path, v)
	setFile(err, d.name)
	return err
}

// setFile names the file in each [*Error] of err (joined errors included)
// that does not name one.
func setFile(err error, name string) {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		for _, e := range j.Unwrap() {
			setFile(e, name)
		}
		return
	}
	var e *Error
	if errors.As(err, &e) && e.File == "" {
		e.File = name
	}
}

// DecodeNode decodes the node n strictly into v, for custom unmarshalers
// (yaml.Unmarshaler) that decode a part of their node. Errors are
// [*Error]s with the line and the path below n.
func DecodeNode(n *yaml.Node, v any) error { return decodeStrict(n, "", v) }

// Parse keeps a parsed document only to locate fields with [Doc.Line], for
// readers that decode with [Unmarshal] and validate afterwards. A document
// that does not parse gives a Doc whose Line is always 0.
func Parse(name string, data []byte) *Doc {
	d, err := Load(name, data)
	if err != nil {
		return &Doc{name: name}
	}
	return d
}

// Locate places the errors of err that name a field but no line (the
// [parseerr.AtField] errors that validators of decoded values return, also
// inside an errors.Join) at that field's line and column in the document,
// or its nearest present parent's, and names the document's file. Other
// errors are kept as they are; nil stays nil.
func (d *Doc) Locate(err error) error {
	return parseerr.Map(err, func(e error) error {
		pe, ok := e.(*Error)
		if !ok || pe.Line > 0 || pe.Field == "" {
			return e
		}
		c := *pe
		c.Line, c.Column, _, _ = d.Pos(pe.Field)
		if c.File == "" {
			c.File = d.name
		}
		return &c
	})
}

// Errorf returns an [Error] at path (e.g. "bidders[0].type") with the line
// of that field or of its nearest present parent.
func (d *Doc) Errorf(path string, err error) error {
	line, col, _, _ := d.Pos(path)
	return &Error{File: d.name, Line: line, Column: col, Field: path, Err: err}
}

// Line returns the line of the node at path, or of its nearest existing
// parent; 0 if unknown.
func (d *Doc) Line(path string) int {
	l, _, _, _ := d.Pos(path)
	return l
}

// Pos returns the line and column of the value at path ("a.b[2].c"), or
// of its nearest existing parent. exact reports whether the node at the
// full path exists; text is its scalar value as written when it is a
// scalar. Map keys in the path may contain any character but '.' and '['.
func (d *Doc) Pos(path string) (line, col int, text string, exact bool) {
	if d == nil || d.root == nil {
		return 0, 0, "", false
	}
	n, found, all := walkPath(d.root, splitPath(path))
	if found == 0 && !all {
		return 0, 0, "", false
	}
	if all && n.Kind == yaml.ScalarNode {
		text = n.Value
	}
	return n.Line, n.Column, text, all
}

// Node returns the node at path, or nil.
func (d *Doc) Node(path string) *yaml.Node {
	if d == nil || d.root == nil {
		return nil
	}
	n, _, all := walkPath(d.root, splitPath(path))
	if !all {
		return nil
	}
	return n
}

// walkPath follows segs from n as far as they lead and returns the last
// node reached, the number of segments followed and whether that was all
// of them. A map key may itself contain dots (a parameter "jp.share" under
// params:): when a key is not found, the key joined with the keys after it
// is tried.
func walkPath(n *yaml.Node, segs []segment) (*yaml.Node, int, bool) {
	for i := 0; i < len(segs); i++ {
		next := child(n, segs[i])
		if next == nil && segs[i].index < 0 {
			key := segs[i].key
			for j := i + 1; j < len(segs) && segs[j].index < 0; j++ {
				key += "." + segs[j].key
				if next = child(n, segment{key: key, index: -1}); next != nil {
					i = j
					break
				}
			}
		}
		if next == nil {
			return n, i, false
		}
		n = next
	}
	return n, len(segs), true
}

// segment is one step of a path: a map key or a sequence index.
type segment struct {
	key   string
	index int // -1 for a key
}

func splitPath(path string) []segment {
	var out []segment
	for path != "" {
		switch {
		case path[0] == '.':
			path = path[1:]
		case path[0] == '[':
			end := strings.IndexByte(path, ']')
			if end < 0 {
				return append(out, segment{key: path, index: -1})
			}
			i := 0
			ok := end > 1
			for _, c := range path[1:end] {
				if c < '0' || c > '9' || i > 1<<40 {
					ok = false
					break
				}
				i = i*10 + int(c-'0')
			}
			if ok {
				out = append(out, segment{index: i})
			} else {
				out = append(out, segment{key: path[1:end], index: -1})
			}
			path = path[end+1:]
		default:
			end := strings.IndexAny(path, ".[")
			if end < 0 {
				end = len(path)
			}
			out = append(out, segment{key: path[:end], index: -1})
			path = path[end:]
		}
	}
	return out
}

func resolve(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return n
}

func child(n *yaml.Node, s segment) *yaml.Node {
	n = resolve(n)
	if n == nil {
		return nil
	}
	if s.index >= 0 {
		if n.Kind == yaml.SequenceNode && s.index < len(n.Content) {
			return n.Content[s.index]
		}
		return nil
	}
	if n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == s.key {
			return n.Content[i+1]
		}
	}
	return nil
}

// syntaxError turns an error of the YAML parser ("yaml: line 3: did not
// find expected key") into an [Error] at that line.
func syntaxError(name string, err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 0
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		n, tail, ok := cutInt(rest)
		if ok && strings.HasPrefix(tail, ": ") {
			line, msg = n, tail[2:]
		}
	}
	// The library reports the lines of parser (not scanner) errors counted
	// from 0, and omits line 0; the scanner's are counted from 1.
	if parserErrors[msg] {
		line++
	}
	if strings.Contains(msg, "exceeded max depth") || strings.Contains(msg, "excessive aliasing") {
		return &Error{File: name, Line: line, Err: fmt.Errorf("%w: %s", ErrLimit, msg)}
	}
	return &Error{File: name, Line: line, Err: errors.New(msg)}
}

// parserErrors are the messages of the library's parser, as opposed to
// its scanner.
var parserErrors = map[string]bool{
	"did not find expected <document start>": true,
	"did not find expected node content":     true,
	"did not find expected key":              true,
	"did not find expected '-' indicator":    true,
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"found undefined tag handle":             true,
	"found duplicate %YAML directive":        true,
	"found incompatible YAML document":       true,
	"found duplicate %TAG directive":         true,
}

// cutInt reads a leading decimal integer.
func cutInt(s string) (int, string, bool) {
	n, i := 0, 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' && i < 10 {
		n = n*10 + int(s[i]-'0')
		i++
	}
	return n, s[i:], i > 0
}

type limitError struct {
	line, col int
	err       error
}

// checkLimits walks the document: nesting depth, and the node count with
// aliases expanded (memoised per anchored node, so the walk itself stays
// linear in the document).
func checkLimits(root *yaml.Node) *limitError {
	size := map[*yaml.Node]int{}
	busy := map[*yaml.Node]bool{}
	var walk func(n *yaml.Node, depth int) (int, *limitError)
	walk = func(n *yaml.Node, depth int) (int, *limitError) {
		if depth > MaxDepth {
			return 0, &limitError{n.Line, n.Column, fmt.Errorf("%w: nesting deeper than %d levels", ErrLimit, MaxDepth)}
		}
		if n.Kind == yaml.AliasNode {
			t := n.Alias
			if t == nil {
				return 1, nil
			}
			if s, ok := size[t]; ok {
				return s, nil
			}
			if busy[t] {
				return 0, &limitError{n.Line, n.Column, fmt.Errorf("alias *%s refers to a value that contains it", n.Value)}
			}
			busy[t] = true
			s, err := walk(t, depth)
			busy[t] = false
			if err != nil {
				return 0, err
			}
			size[t] = s
			return s, nil
		}
		if n.Anchor != "" {
			busy[n] = true
			defer delete(busy, n)
		}
		total := 1
		for _, c := range n.Content {
			s, err := walk(c, depth+1)
			if err != nil {
				return 0, err
			}
			total += s
			if total > MaxNodes {
				return 0, &limitError{n.Line, n.Column, fmt.Errorf("%w: more than %d values once aliases are expanded", ErrLimit, MaxNodes)}
			}
		}
		if n.Anchor != "" {
			size[n] = total
		}
		return total, nil
	}
	_, err := walk(root, 0)
	return err
}
