package yamlpos

import (
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
)

// decodeStrict decodes n into v. Unknown fields are found first by walking
// the node against v's type, so they are reported with their field path;
// the library's type errors ("cannot unmarshal !!str into float64") are
// rewritten to name the field path and say what the field wants.
func decodeStrict(n *yaml.Node, path string, v any) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = &Error{Line: n.Line, Field: path, Err: fmt.Errorf("%w (%v)", ErrMalformed, r)}
		}
	}()
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return fmt.Errorf("yamlpos: decode into non-pointer %T", v)
	}
	if err := checkKnown(n, rv.Type().Elem(), path); err != nil {
		return err
	}
	err = n.Decode(v)
	if err == nil {
		return nil
	}
	var te *yaml.TypeError
	if !errors.As(err, &te) {
		var e *Error
		if errors.As(err, &e) {
			return err
		}
		return &Error{Line: n.Line, Column: n.Column, Field: path, Err: errors.New(strings.TrimPrefix(err.Error(), "yaml: "))}
	}
	var out []error
	for _, msg := range te.Errors {
		out = append(out, typeError(n, path, msg))
		if len(out) == 10 {
			break
		}
	}
	return errors.Join(out...)
}

var typeMsg = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile("^line (\\d+): cannot unmarshal (!!\\w+)(?: `(.*)`)? into (.+)$")
})
var lineMsg = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^line (\d+): (.*)$`) })

// typeError rewrites one message of a yaml.TypeError.
func typeError(root *yaml.Node, path, msg string) error {
	if m := typeMsg().FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		p, at := find(root, path, line, m[3], m[2])
		got := m[3]
		if got == "" {
			got = kindWord(m[2])
		} else {
			got = strconv.Quote(got)
		}
		e := &Error{Line: line, Field: p, Err: fmt.Errorf("want %s, got %s", want(m[4]), got)}
		if at != nil {
			e.Column = at.Column
		}
		return e
	}
	if m := lineMsg().FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		p, at := find(root, path, line, "", "")
		e := &Error{Line: line, Field: p, Err: errors.New(m[2])}
		if at != nil {
			e.Column = at.Column
		}
		return e
	}
	return &Error{Line: root.Line, Field: path, Err: errors.New(msg)}
}

// find returns the path of the first node at line whose value is value
// (any node at that line when value is empty), below root at path.
func find(root *yaml.Node, path string, line int, value, tag string) (string, *yaml.Node) {
	best := path
	var bestNode *yaml.Node
	var walk func(n *yaml.Node, p string, depth int) bool
	walk = func(n *yaml.Node, p string, depth int) bool {
		if n == nil || depth > MaxDepth+1 {
			return false
		}
		match := n.Kind == yaml.ScalarNode && n.Value == value
		if value == "" {
			match = tag == "" || n.ShortTag() == tag
		}
		if n.Line == line && match {
			best, bestNode = p, n
			return true
		}
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				if walk(n.Content[i+1], join(p, n.Content[i].Value), depth+1) {
					return true
				}
			}
		case yaml.SequenceNode:
			for i, c := range n.Content {
				if walk(c, p+"["+strconv.Itoa(i)+"]", depth+1) {
					return true
				}
			}
		case yaml.DocumentNode:
			for _, c := range n.Content {
				if walk(c, p, depth+1) {
					return true
				}
			}
		}
		return false
	}
	walk(root, path, 0)
	return best, bestNode
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// want says in words what a Go type of the library's message wants.
func want(goType string) string {
	t := strings.TrimLeft(goType, "*")
	switch {
	case strings.HasPrefix(t, "float"):
		return "a number"
	case strings.HasPrefix(t, "int"), strings.HasPrefix(t, "uint"):
		return "a whole number"
	case t == "string":
		return "a text value"
	case t == "bool":
		return "true or false"
	case strings.HasPrefix(t, "[]"):
		return "a list"
	case strings.HasPrefix(t, "map["):
		return "a mapping"
	case t == "time.Duration":
		return "a duration such as 30s"
	}
	return "a mapping" // structs
}

func kindWord(tag string) string {
	switch tag {
	case "!!seq":
		return "a list"
	case "!!map":
		return "a mapping"
	case "!!null":
		return "nothing"
	}
	return strings.TrimPrefix(tag, "!!")
}

var unmarshaler = reflect.TypeFor[yaml.Unmarshaler]()
var nodeType = reflect.TypeFor[yaml.Node]()

// checkKnown reports the first mapping key of n that v's type t has no
// field for, with its line and field path.
func checkKnown(n *yaml.Node, t reflect.Type, path string) error {
	n = resolve(n)
	if n == nil {
		return nil
	}
	for t.Kind() == reflect.Pointer {
		if t.Implements(unmarshaler) {
			return nil
		}
		t = t.Elem()
	}
	if t == nodeType || t.Implements(unmarshaler) || reflect.PointerTo(t).Implements(unmarshaler) {
		return nil
	}
	switch t.Kind() {
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			return nil
		}
		fields := structFields(t)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if k.Kind == yaml.ScalarNode && k.Tag == "!!merge" {
				continue
			}
			ft, ok := fields[k.Value]
			if !ok && fields["*"] != nil {
				continue
			}
			if !ok {
				return &Error{Line: k.Line, Column: k.Column, Field: join(path, k.Value), Err: fmt.Errorf("unknown field %q", k.Value)}
			}
			if err := checkKnown(n.Content[i+1], ft, join(path, k.Value)); err != nil {
				return err
			}
		}
	case reflect.Map:
		if n.Kind != yaml.MappingNode {
			return nil
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			if err := checkKnown(n.Content[i+1], t.Elem(), join(path, n.Content[i].Value)); err != nil {
				return err
			}
		}
	case reflect.Slice, reflect.Array:
		if n.Kind != yaml.SequenceNode {
			return nil
		}
		for i, c := range n.Content {
			if err := checkKnown(c, t.Elem(), path+"["+strconv.Itoa(i)+"]"); err != nil {
				return err
			}
		}
	}
	return nil
}

var fieldCache sync.Map // reflect.Type → map[string]reflect.Type

// structFields maps the YAML keys of struct type t (with inlined structs)
// to the types of their fields, by the rules of go.yaml.in/yaml/v3.
func structFields(t reflect.Type) map[string]reflect.Type {
	if m, ok := fieldCache.Load(t); ok {
		return m.(map[string]reflect.Type)
	}
	m := map[string]reflect.Type{}
	for i := range t.NumField() {
		f := t.Field(i)
		if f.PkgPath != "" && !f.Anonymous {
			continue
		}
		tag := f.Tag.Get("yaml")
		if tag == "" && !strings.Contains(string(f.Tag), ":") {
			tag = string(f.Tag)
		}
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if strings.Contains(","+opts+",", ",inline,") {
			ft := f.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct {
				for k, v := range structFields(ft) {
					m[k] = v
				}
			} else {
				m["*"] = ft // inline map: any key
			}
			continue
		}
		if f.PkgPath != "" {
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		m[name] = f.Type
	}
	fieldCache.Store(t, m)
	return m
}
