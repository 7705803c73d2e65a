// Package cases embeds the case library: real infrastructure contests
// between exporters, each a tender file (see package tender and
// docs/tender.md for the schema) with the host's observable attributes,
// the offers as known, the actual outcome and a source for every number.
package cases

import (
	"embed"
	"github.com/infragame/infragame/internal/parseerr"
	"io/fs"
	"sort"

	"github.com/infragame/infragame/tender"
)

//go:embed *.yaml
var files embed.FS

// Names returns the file names of the embedded cases, sorted.
func Names() []string {
	ents, _ := fs.Glob(files, "*.yaml")
	sort.Strings(ents)
	return ents
}

// Raw returns the YAML text of the case file name.
func Raw(name string) ([]byte, error) { return files.ReadFile(name) }

// All parses every embedded case, sorted by file name.
func All() ([]*tender.File, error) {
	var out []*tender.File
	for _, n := range Names() {
		b, err := files.ReadFile(n)
		if err != nil {
			return nil, err
		}
		f, err := tender.ParseFile(b)
		if err != nil {
			return nil, parseerr.InFile("cases/"+n, err)
		}
		out = append(out, f)
	}
	return out, nil
}
