package web_test

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"testing"
)

// openapiSpec is openapi.json decoded as plain JSON, for the walk of
// undeclaredKeys.
type openapiSpec struct {
	Paths      map[string]map[string]any `json:"paths"`
	Components struct {
		Schemas map[string]any `json:"schemas"`
	} `json:"components"`
}

// responseSchema is the schema of the JSON response of method and path
// (a concrete path such as /api/v1/records/x matched against the
// templates) with the given status, or nil. Of several matching templates
// the one with the most literal segments wins, as in the router
// (/records/search before /records/{id}).
func (s *openapiSpec) responseSchema(method, path string, status int) map[string]any {
	path, _, _ = strings.Cut(path, "?")
	best, bestLit := "", -1
	for tmpl := range s.Paths {
		if lit, ok := pathMatches(tmpl, path); ok && (lit > bestLit || lit == bestLit && tmpl < best) {
			best, bestLit = tmpl, lit
		}
	}
	if bestLit < 0 {
		return nil
	}
	op, _ := s.Paths[best][strings.ToLower(method)].(map[string]any)
	resp, _ := op["responses"].(map[string]any)
	r, _ := resp[fmt.Sprint(status)].(map[string]any)
	content, _ := r["content"].(map[string]any)
	js, _ := content["application/json"].(map[string]any)
	sch, _ := js["schema"].(map[string]any)
	return sch
}

// pathMatches reports whether path fits the template tmpl, and how many of
// tmpl's segments are literal.
func pathMatches(tmpl, path string) (int, bool) {
	t, p := strings.Split(tmpl, "/"), strings.Split(path, "/")
	if len(t) != len(p) {
		return 0, false
	}
	lit := 0
	for i := range t {
		if strings.HasPrefix(t[i], "{") {
			continue
		}
		if t[i] != p[i] {
			return 0, false
		}
		lit++
	}
	return lit, true
}

// resolve follows $refs to the components (a chain of at most 8).
func (s *openapiSpec) resolve(sch map[string]any) map[string]any {
	for i := 0; i < 8 && sch != nil; i++ {
		ref, ok := sch["$ref"].(string)
		if !ok {
			return sch
		}
		sch, _ = s.Components.Schemas[strings.TrimPrefix(ref, "#/components/schemas/")].(map[string]any)
	}
	return sch
}

// undeclaredKeys walks a response value v with its schema, down to depth
// levels of objects, and adds to out the JSON paths of the object keys the
// schema does not declare. An object schema with neither properties nor
// additionalProperties is reported once, as "PATH: no properties"; an
// array of objects without items as "PATH[]: no items"; a dangling $ref
// as "PATH: unresolved". Of anyOf/oneOf branches, the first that fits v
// (see fits) is followed; if none fits, "PATH: no branch fits".
// additionalProperties: true declares any key (the schema says so
// explicitly); a schema additionalProperties declares the keys as data.
func (s *openapiSpec) undeclaredKeys(sch map[string]any, v any, path string, depth int, out map[string]bool) {
	if depth < 0 || sch == nil {
		return
	}
	if sch = s.resolve(sch); sch == nil {
		out[path+": unresolved"] = true
		return
	}
	for _, k := range []string{"anyOf", "oneOf"} {
		if alts, ok := sch[k].([]any); ok {
			for _, a := range alts {
				as, _ := a.(map[string]any)
				if as = s.resolve(as); as != nil && fits(as, v) {
					s.undeclaredKeys(as, v, path, depth, out)
					return
				}
			}
			out[path+": no branch fits"] = true
			return
		}
	}
	switch v := v.(type) {
	case map[string]any:
		props, _ := sch["properties"].(map[string]any)
		addl, hasAddl := sch["additionalProperties"]
		if props == nil && !hasAddl {
			out[path+": no properties"] = true
			return
		}
		for k, val := range v {
			if p, ok := props[k].(map[string]any); ok {
				s.undeclaredKeys(p, val, path+"."+k, depth-1, out)
			} else if a, ok := addl.(map[string]any); ok {
				s.undeclaredKeys(a, val, path+".*", depth-1, out)
			} else if addl != true {
				out[path+"."+k] = true
			}
		}
	case []any:
		if items, ok := sch["items"].(map[string]any); ok {
			for _, e := range v {
				s.undeclaredKeys(items, e, path+"[]", depth, out)
			}
		} else if len(v) > 0 {
			if _, obj := v[0].(map[string]any); obj {
				out[path+"[]: no items"] = true
			}
		}
	}
}

// fits reports whether v may be an instance of the branch sch: its JSON
// type is one sch allows (when sch states a type), and an object has every
// key sch requires.
func fits(sch map[string]any, v any) bool {
	var jt string
	switch v.(type) {
	case map[string]any:
		jt = "object"
	case []any:
		jt = "array"
	case string:
		jt = "string"
	case float64:
		jt = "number"
	case bool:
		jt = "boolean"
	case nil:
		jt = "null"
	}
	if t, ok := sch["type"]; ok {
		types := []any{t}
		if ts, ok := t.([]any); ok {
			types = ts
		}
		match := false
		for _, t := range types {
			match = match || t == jt || t == "integer" && jt == "number"
		}
		if !match {
			return false
		}
	}
	m, ok := v.(map[string]any)
	if !ok {
		return true
	}
	req, _ := sch["required"].([]any)
	for _, r := range req {
		if _, ok := m[r.(string)]; !ok {
			return false
		}
	}
	return true
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// TestUndeclaredKeysWalker checks the walker on a hand-written schema and
// document, so that TestAPIResponsesMatchSchema cannot pass by a walker
// that reports nothing.
func TestUndeclaredKeysWalker(t *testing.T) {
	const spec = `{
	  "paths": {
	    "/r/{id}": {"get": {"responses": {"200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Wide"}}}}}}},
	    "/r/search": {"get": {"responses": {"200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Doc"}}}}}}}
	  },
	  "components": {"schemas": {
	    "Doc": {"type": "object", "properties": {
	      "ok": {"type": "number"},
	      "ref": {"$ref": "#/components/schemas/Inner"},
	      "list": {"type": "array", "items": {"$ref": "#/components/schemas/Inner"}},
	      "bare": {"type": "array"},
	      "loose": {"type": "object"},
	      "counts": {"type": "object", "additionalProperties": {"$ref": "#/components/schemas/Inner"}},
	      "free": {"type": "object", "additionalProperties": true},
	      "poly": {"anyOf": [{"$ref": "#/components/schemas/A"}, {"$ref": "#/components/schemas/B"}]},
	      "gone": {"$ref": "#/components/schemas/Missing"}
	    }},
	    "Inner": {"type": "object", "properties": {"x": {"type": "number"}}},
	    "A": {"type": "object", "required": ["a"], "properties": {"a": {"type": "string"}}},
	    "B": {"type": "object", "required": ["b"], "properties": {"b": {"type": "string"}}},
	    "Wide": {"type": "object", "additionalProperties": true}
	  }}
	}`
	const doc = `{
	  "ok": 1, "extra": 2,
	  "ref": {"x": 1, "y": 2},
	  "list": [{"x": 1}, {"z": 1}],
	  "bare": [{"x": 1}],
	  "loose": {"x": 1},
	  "counts": {"asia": {"x": 1, "w": 2}},
	  "free": {"anything": {"deep": 1}},
	  "poly": [{"b": "1", "c": 2}],
	  "gone": {"x": 1}
	}`
	var s openapiSpec
	if err := json.Unmarshal([]byte(spec), &s); err != nil {
		t.Fatal(err)
	}
	var v any
	if err := json.Unmarshal([]byte(doc), &v); err != nil {
		t.Fatal(err)
	}
	sch := s.responseSchema("GET", "/r/search?q=1", 200)
	if sch == nil || sch["$ref"] != "#/components/schemas/Doc" {
		t.Fatalf("responseSchema(/r/search) = %v, want the literal path's Doc", sch)
	}
	if s.responseSchema("GET", "/r/search", 404) != nil || s.responseSchema("POST", "/r/search", 200) != nil {
		t.Error("responseSchema found a schema for an undocumented status or method")
	}
	got := map[string]bool{}
	s.undeclaredKeys(sch, v, "", 3, got)
	want := []string{
		".bare[]: no items",
		".counts.*.w",
		".extra",
		".gone: unresolved",
		".list[].z",
		".loose: no properties",
		".poly: no branch fits", // an array fits neither object branch
		".ref.y",
	}
	if g := sortedKeys(got); strings.Join(g, "\n") != strings.Join(want, "\n") {
		t.Errorf("undeclaredKeys =\n%s\nwant\n%s", strings.Join(g, "\n"), strings.Join(want, "\n"))
	}
	// The anyOf branch that fits is followed: B's b is declared, c is not.
	got = map[string]bool{}
	s.undeclaredKeys(s.Components.Schemas["Doc"].(map[string]any)["properties"].(map[string]any)["poly"].(map[string]any),
		map[string]any{"b": "1", "c": 2.0}, "", 3, got)
	if g := sortedKeys(got); len(g) != 1 || g[0] != ".c" {
		t.Errorf("anyOf walk = %v, want [.c]", g)
	}
	// Depth bounds the walk: at depth 0 the keys of the top object are
	// checked, not those of its children.
	got = map[string]bool{}
	s.undeclaredKeys(sch, map[string]any{"ref": map[string]any{"y": 1.0}, "extra": 1.0}, "", 0, got)
	if g := sortedKeys(got); len(g) != 1 || g[0] != ".extra" {
		t.Errorf("depth-0 walk = %v, want [.extra]", g)
	}
}
