// Package cases embeds the case library: real infrastructure contests
// between exporters, each a tender file (see package tender and
// docs/tender.md for the schema) with the host's observable attributes,
// the offers as known, the actual outcome and a source for every number.
package cases

import (
	"embed"
	"io/fs"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"

	"github.com/infragame/infragame/internal/parseerr"
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

// All parses every embedded case, sorted by file name. The files are
// parsed side by side on GOMAXPROCS goroutines (parsing the library's
// YAML is most of the set-up of "tender evaluate", which fits the
// host-choice model on it); the result and the error (that of the first
// bad file in name order) do not depend on it.
func All() ([]*tender.File, error) {
	names := Names()
	out := make([]*tender.File, len(names))
	errs := make([]error, len(names))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range max(1, min(runtime.GOMAXPROCS(0), len(names))) {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < len(names); i = int(next.Add(1)) - 1 {
				b, err := files.ReadFile(names[i])
				if err != nil {
					errs[i] = err
					continue
				}
				if out[i], err = tender.ParseFile(b); err != nil {
					errs[i] = parseerr.InFile("cases/"+names[i], err)
				}
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}
