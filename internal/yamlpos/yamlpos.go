// Package yamlpos reads YAML strictly and locates fields by path, so that
// spec readers can report semantic errors with a file, a line and a field
// path ("bidders[1].type.high").
package yamlpos

import (
	"errors"
	"fmt"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

// Error is a semantic error located by field path and, when the field is
// present in the file, by line.
type Error struct {
	File string
	Line int
	Path string
	Err  error
}

func (e *Error) Error() string {
	loc := e.File
	if e.Line > 0 {
		loc = fmt.Sprintf("%s:%d", e.File, e.Line)
	}
	return fmt.Sprintf("%s: %s: %v", loc, e.Path, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// Doc is a YAML document decoded into a value, kept to locate fields.
type Doc struct {
	name string
	file *ast.File
}

// ErrMalformed is returned, wrapped, when the YAML library panics on
// malformed input (goccy/go-yaml v1.19.2 does on some tags, e.g. "!0 ").
var ErrMalformed = errors.New("malformed YAML")

// Unmarshal decodes data strictly (unknown fields are errors) into v, like
// yaml.UnmarshalWithOptions with yaml.Strict, but turns a panic of the YAML
// library into an error wrapping [ErrMalformed]. Errors of the library are
// returned as they are, so callers can format them with their positions.
func Unmarshal(data []byte, v any) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%w (%v)", ErrMalformed, r)
		}
	}()
	return yaml.UnmarshalWithOptions(data, v, yaml.Strict())
}

// Decode decodes data strictly (unknown fields are errors) into v. Syntax
// and type errors carry the file name, line and column. A panic of the
// YAML library on malformed input (seen on some tags) becomes an error.
func Decode(name string, data []byte, v any) (d *Doc, err error) {
	defer func() {
		if r := recover(); r != nil {
			d, err = nil, fmt.Errorf("%s: malformed YAML (%v)", name, r)
		}
	}()
	if err := yaml.UnmarshalWithOptions(data, v, yaml.Strict()); err != nil {
		return nil, fmt.Errorf("%s: %s", name, yaml.FormatError(err, false, false))
	}
	d = &Doc{name: name}
	d.file, _ = parser.ParseBytes(data, 0)
	return d, nil
}

// Parse keeps a parsed document only to locate fields with [Doc.Line], for
// readers that decode with [Unmarshal] and validate afterwards. A document
// that does not parse gives a Doc whose Line is always 0.
func Parse(name string, data []byte) (d *Doc) {
	d = &Doc{name: name}
	defer func() {
		if recover() != nil {
			d.file = nil
		}
	}()
	d.file, _ = parser.ParseBytes(data, 0)
	return d
}

// LocateLines prefixes each line of err that starts with a field path
// ("offers[0].loan.rate: …", as validation errors are written) with the
// line of that field in the document: "line 12: offers[0].loan.rate: …".
// Lines whose path is not found are left as they are; nil stays nil.
func (d *Doc) LocateLines(err error) error {
	if err == nil {
		return nil
	}
	lines := strings.Split(err.Error(), "\n")
	changed := false
	for i, l := range lines {
		path, _, ok := strings.Cut(l, ": ")
		if !ok || strings.ContainsAny(path, " \t") {
			continue
		}
		if n := d.Line(path); n > 0 {
			lines[i] = fmt.Sprintf("line %d: %s", n, l)
			changed = true
		}
	}
	if !changed {
		return err
	}
	return &located{msg: strings.Join(lines, "\n"), err: err}
}

// located is an error with line numbers added to its message; it unwraps
// to the original.
type located struct {
	msg string
	err error
}

func (l *located) Error() string { return l.msg }
func (l *located) Unwrap() error { return l.err }

// Errorf returns an [Error] at path (e.g. "bidders[0].type") with the line
// of that field or of its nearest present parent.
func (d *Doc) Errorf(path string, err error) error {
	return &Error{File: d.name, Line: d.Line(path), Path: path, Err: err}
}

// Line returns the line of the node at path, or of its nearest existing
// parent; 0 if unknown.
func (d *Doc) Line(path string) (line int) {
	if d == nil || d.file == nil {
		return 0
	}
	defer func() {
		if recover() != nil {
			line = 0
		}
	}()
	for p := path; p != ""; {
		yp, err := yaml.PathString("$." + p)
		if err == nil {
			if n, err := yp.FilterFile(d.file); err == nil && n != nil {
				if tk := n.GetToken(); tk != nil && tk.Position != nil {
					return tk.Position.Line
				}
			}
		}
		i := strings.LastIndexAny(p, ".[")
		if i < 0 {
			break
		}
		p = p[:i]
	}
	return 0
}
