package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"html/template"
	"io"
	"strconv"
	"strings"

	"github.com/infragame/infragame/internal/numfmt"
	"github.com/infragame/infragame/report/i18n"
)

// node is a JSON value with its object keys in document order.
type node struct {
	kind   byte // 'o' object, 'a' array, 's' string, 'n' number, 'b' bool, 'z' null
	keys   []string
	vals   []*node
	scalar string
	// shown, when set, is how a number is shown instead of rounded
	// (a money amount with its unit, a percentage): see withUnits.
	shown string
}

// parseOrdered decodes JSON keeping the order of object keys, and numbers
// as written.
func parseOrdered(b []byte) (*node, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	n, err := decodeNode(dec)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("web: trailing data after the JSON document")
	}
	return n, nil
}

func decodeNode(dec *json.Decoder) (*node, error) {
	t, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch v := t.(type) {
	case json.Delim:
		switch v {
		case '{':
			n := &node{kind: 'o'}
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return nil, err
				}
				val, err := decodeNode(dec)
				if err != nil {
					return nil, err
				}
				n.keys = append(n.keys, kt.(string))
				n.vals = append(n.vals, val)
			}
			_, err := dec.Token()
			return n, err
		case '[':
			n := &node{kind: 'a'}
			for dec.More() {
				val, err := decodeNode(dec)
				if err != nil {
					return nil, err
				}
				n.vals = append(n.vals, val)
			}
			_, err := dec.Token()
			return n, err
		}
	case string:
		return &node{kind: 's', scalar: v}, nil
	case json.Number:
		return &node{kind: 'n', scalar: v.String()}, nil
	case bool:
		return &node{kind: 'b', scalar: fmt.Sprint(v)}, nil
	case nil:
		return &node{kind: 'z', scalar: "–"}, nil
	}
	return nil, fmt.Errorf("web: unexpected JSON token %v", t)
}

// resultHTML renders a result document (any value that encodes as JSON)
// as HTML: objects as labelled lists, arrays of objects as tables, every
// number rounded for reading as the command line's tables round it
// (numfmt.Short: 6 significant digits, money amounts as integers) in an
// element that keeps the exact value as the JSON document (and so
// `--format json`) writes it: <span class="n" data-value="EXACT">, with
// the exact value as its tooltip when the two differ.
func resultHTML(v any, l i18n.Lang) (template.HTML, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return "", err
	}
	n, err := parseOrdered(b)
	if err != nil {
		return "", err
	}
	var sb strings.Builder
	sb.WriteString(`<div class="result">`)
	writeNode(&sb, n, 0, l)
	sb.WriteString(`</div>`)
	return template.HTML(sb.String()), nil
}

// fieldLabel is the label of the JSON field k in language l
// (i18n.Lang.Field); a Chinese label keeps the field's name as its title.
func fieldLabel(k string, l i18n.Lang) string {
	name := html.EscapeString(l.Field(k))
	if l == i18n.ZH && i18n.HasField(k) {
		return `<span title="` + html.EscapeString(k) + `">` + name + `</span>`
	}
	return name
}

func writeNode(sb *strings.Builder, n *node, depth int, l i18n.Lang) {
	esc := html.EscapeString
	switch n.kind {
	case 'o':
		if len(n.keys) == 0 {
			sb.WriteString("–")
			return
		}
		sb.WriteString(`<dl>`)
		for i, k := range n.keys {
			fmt.Fprintf(sb, `<dt>%s</dt><dd data-key="%s">`, fieldLabel(k, l), esc(k))
			writeNode(sb, n.vals[i], depth+1, l)
			sb.WriteString(`</dd>`)
		}
		sb.WriteString(`</dl>`)
	case 'a':
		if len(n.vals) == 0 {
			sb.WriteString("–")
			return
		}
		if cols, ok := tableColumns(n); ok {
			sb.WriteString(`<div class="table-wrap"><table><thead><tr><th>#</th>`)
			for _, c := range cols {
				fmt.Fprintf(sb, `<th scope="col">%s</th>`, fieldLabel(c, l))
			}
			sb.WriteString(`</tr></thead><tbody>`)
			for i, row := range n.vals {
				fmt.Fprintf(sb, `<tr><td class="num">%d</td>`, i+1)
				for _, c := range cols {
					cell := row.get(c)
					class := ""
					if cell != nil && cell.kind == 'n' {
						class = ` class="num"`
					}
					fmt.Fprintf(sb, `<td%s data-key="%s">`, class, esc(c))
					if cell != nil {
						writeNode(sb, cell, depth+1, l)
					}
					sb.WriteString(`</td>`)
				}
				sb.WriteString(`</tr>`)
			}
			sb.WriteString(`</tbody></table></div>`)
			return
		}
		if allScalar(n) {
			parts := make([]string, len(n.vals))
			for i, v := range n.vals {
				if v.kind == 'n' && v.shown != "" {
					parts[i] = numberShownHTML(v.scalar, v.shown)
				} else if v.kind == 'n' {
					parts[i] = numberHTML(v.scalar)
				} else {
					parts[i] = esc(v.scalar)
				}
			}
			fmt.Fprintf(sb, `<span class="list">%s</span>`, strings.Join(parts, ", "))
			return
		}
		sb.WriteString(`<ol>`)
		for _, v := range n.vals {
			sb.WriteString(`<li>`)
			writeNode(sb, v, depth+1, l)
			sb.WriteString(`</li>`)
		}
		sb.WriteString(`</ol>`)
	case 'n':
		if n.shown != "" {
			sb.WriteString(numberShownHTML(n.scalar, n.shown))
			break
		}
		sb.WriteString(numberHTML(n.scalar))
	default:
		sb.WriteString(esc(n.scalar))
	}
}

// numberHTML shows a JSON number rounded for reading, the exact literal in
// data-value (and in the title when they differ).
func numberHTML(lit string) string {
	shown := readable(lit)
	e := html.EscapeString(lit)
	if shown == lit {
		return `<span class="n" data-value="` + e + `">` + html.EscapeString(shown) + `</span>`
	}
	return `<span class="n" data-value="` + e + `" title="` + e + `">` + html.EscapeString(shown) + `</span>`
}

// numberShownHTML shows a number as the text shown (a money amount with
// its unit, a percentage), the exact literal in data-value and the title.
func numberShownHTML(lit, shown string) string {
	e := html.EscapeString(lit)
	return `<span class="n" data-value="` + e + `" title="` + e + `">` + html.EscapeString(shown) + `</span>`
}

// resultHTMLUnits is resultHTML with money amounts and rates shown as a
// reader of language l expects (withUnits).
func resultHTMLUnits(v any, l i18n.Lang) (template.HTML, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return "", err
	}
	n, err := parseOrdered(b)
	if err != nil {
		return "", err
	}
	withUnits(n, l)
	var sb strings.Builder
	sb.WriteString(`<div class="result">`)
	writeNode(&sb, n, 0, l)
	sb.WriteString(`</div>`)
	return template.HTML(sb.String()), nil
}

// currencies are the units whose amounts withUnits writes with i18n's
// Amount (¥9.26 tn, 9.26万亿日元).
var currencies = map[string]bool{"JPY": true, "USD": true, "CNY": true, "EUR": true}

// withUnits marks the numbers of a document that carry a unit: an object's
// "value" (and "change") when the object, or one of its child objects, has
// a currency "unit" is shown as a money amount of language l; a number
// named *_pct, a percentage, with the language's percent sign. The exact values stay
// in data-value.
func withUnits(n *node, l i18n.Lang) {
	switch n.kind {
	case 'a':
		for _, v := range n.vals {
			withUnits(v, l)
		}
	case 'o':
		cur := ""
		if u := n.get("unit"); u != nil && u.kind == 's' && currencies[u.scalar] {
			cur = u.scalar
		} else {
			for _, v := range n.vals {
				if v.kind == 'o' {
					if u := v.get("unit"); u != nil && u.kind == 's' && currencies[u.scalar] {
						cur = u.scalar
						break
					}
				}
			}
		}
		for i, k := range n.keys {
			v := n.vals[i]
			if v.kind != 'n' {
				withUnits(v, l)
				continue
			}
			x, err := strconv.ParseFloat(v.scalar, 64)
			if err != nil {
				continue
			}
			switch {
			case cur != "" && (k == "value" || k == "change"):
				v.shown = l.Amount(x, cur)
			case strings.HasSuffix(k, "_pct"): // a percentage (53.3 is 53.3 %)
				v.shown = l.Percent(x / 100)
			}
		}
	}
}

// readable rounds a JSON number literal as the command line's tables do
// (numfmt.Short); whole numbers written without a fraction or exponent
// (counts, years, periods) are kept as written.
func readable(lit string) string {
	if !strings.ContainsAny(lit, ".eE") {
		return lit
	}
	x, err := strconv.ParseFloat(lit, 64)
	if err != nil {
		return lit
	}
	return numfmt.Short(x)
}

func (n *node) get(k string) *node {
	for i, key := range n.keys {
		if key == k {
			return n.vals[i]
		}
	}
	return nil
}

func allScalar(n *node) bool {
	for _, v := range n.vals {
		if v.kind == 'o' || v.kind == 'a' {
			return false
		}
	}
	return true
}

// tableColumns returns the union of the keys of an array of objects, in
// first-seen order, when every element is an object.
func tableColumns(n *node) ([]string, bool) {
	var cols []string
	seen := map[string]bool{}
	for _, v := range n.vals {
		if v.kind != 'o' {
			return nil, false
		}
		for _, k := range v.keys {
			if !seen[k] {
				seen[k] = true
				cols = append(cols, k)
			}
		}
	}
	return cols, len(cols) > 0
}
