package cases

import (
	"bytes"
	"encoding/json"
	"fmt"

	"go.yaml.in/yaml/v3"
)

// Documents returns every embedded case file, sorted by file name, as the
// JSON of what the file says: its keys in the file's order and under the
// file's names, so rates and shares are percentages in fields ending in
// _pct (share_financed_pct: 75), as in every input and output of
// infragame. It is the document of "infragame tender cases --format json".
func Documents() ([]json.RawMessage, error) {
	var out []json.RawMessage
	for _, n := range Names() {
		b, err := files.ReadFile(n)
		if err != nil {
			return nil, err
		}
		var doc yaml.Node
		if err := yaml.Unmarshal(b, &doc); err != nil {
			return nil, fmt.Errorf("cases/%s: %w", n, err)
		}
		var buf bytes.Buffer
		if err := writeJSON(&buf, &doc); err != nil {
			return nil, fmt.Errorf("cases/%s: %w", n, err)
		}
		out = append(out, buf.Bytes())
	}
	return out, nil
}

// writeJSON writes the YAML node n as JSON, keeping the order of mapping
// keys; scalars take the type YAML resolves them to.
func writeJSON(buf *bytes.Buffer, n *yaml.Node) error {
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			buf.WriteString("null")
			return nil
		}
		return writeJSON(buf, n.Content[0])
	case yaml.AliasNode:
		return writeJSON(buf, n.Alias)
	case yaml.MappingNode:
		buf.WriteByte('{')
		for i := 0; i+1 < len(n.Content); i += 2 {
			if i > 0 {
				buf.WriteByte(',')
			}
			k, err := json.Marshal(n.Content[i].Value)
			if err != nil {
				return err
			}
			buf.Write(k)
			buf.WriteByte(':')
			if err := writeJSON(buf, n.Content[i+1]); err != nil {
				return err
			}
		}
		buf.WriteByte('}')
	case yaml.SequenceNode:
		buf.WriteByte('[')
		for i, c := range n.Content {
			if i > 0 {
				buf.WriteByte(',')
			}
			if err := writeJSON(buf, c); err != nil {
				return err
			}
		}
		buf.WriteByte(']')
	default:
		var v any
		if err := n.Decode(&v); err != nil {
			return err
		}
		b, err := json.Marshal(v)
		if err != nil {
			return fmt.Errorf("line %d: %w", n.Line, err)
		}
		buf.Write(b)
	}
	return nil
}
