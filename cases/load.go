package cases

import (
	"fmt"
	"github.com/infragame/infragame/internal/parseerr"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/infragame/infragame/tender"
	"github.com/infragame/infragame/units"
)

// MaxFileBytes bounds a user's case file read by [ReadFiles] (the embedded
// ones are under 20 KB).
const MaxFileBytes = 1 << 20

// Prefix marks a reference to an embedded case: "case:ID".
const Prefix = "case:"

// Open resolves ref: "case:ID" is the embedded case ID, anything else a
// path whose content read returns (read applies the caller's size limit and
// may read standard input or an upload). Errors name ref; a parse error
// keeps its line and field.
func Open(ref string, read func(path string) ([]byte, error), opts ...units.Options) (*tender.File, error) {
	var b []byte
	var err error
	if id, ok := strings.CutPrefix(ref, Prefix); ok {
		b, err = Raw(id + ".yaml")
		if err != nil {
			return nil, fmt.Errorf("no case %q (see \"infragame tender cases\")", id)
		}
	} else if b, err = read(ref); err != nil {
		return nil, err
	}
	f, err := tender.ParseFile(b, opts...)
	if err != nil {
		return nil, parseerr.InFile(ref, err)
	}
	return f, nil
}

// ReadFiles returns the embedded library (unless only) followed by the
// backtest cases in paths: files, or directories whose *.yaml files are read
// in name order. Each file must be at most [MaxFileBytes], have
// observables: and outcome:, and an id not already given (a file without id
// takes its base name). Errors name the file (and, from the parser, line
// and field).
func ReadFiles(paths []string, only bool) ([]*tender.File, error) {
	var fs []*tender.File
	if !only {
		lib, err := All()
		if err != nil {
			return nil, err
		}
		fs = lib
	}
	var files []string
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if !st.IsDir() {
			files = append(files, p)
			continue
		}
		m, err := filepath.Glob(filepath.Join(p, "*.yaml"))
		if err != nil {
			return nil, err
		}
		sort.Strings(m)
		if len(m) == 0 {
			return nil, fmt.Errorf("%s: no *.yaml case files", p)
		}
		files = append(files, m...)
	}
	var in []Named
	for _, p := range files {
		b, err := readLimited(p)
		if err != nil {
			return nil, err
		}
		in = append(in, Named{Name: p, Data: b})
	}
	return AddCases(fs, in)
}

// Named is the content of a case file with the name that its messages
// and a case without id: use (a path, an uploaded file's name).
type Named struct {
	Name string
	Data []byte
}

// AddCases parses backtest case files and appends them to lib (nil: the
// files alone), as `tender backtest FILES [--only]` does: each file needs
// observables: and outcome:; a file without id: takes its name; an id
// given twice is an error naming both. No case at all is an error. The
// web app's backtest of uploaded files calls it too.
func AddCases(lib []*tender.File, files []Named) ([]*tender.File, error) {
	fs := append([]*tender.File(nil), lib...)
	seen := map[string]string{}
	for _, f := range fs {
		seen[f.ID] = "the embedded library"
	}
	for _, n := range files {
		p := n.Name
		f, err := tender.ParseFile(n.Data)
		if err != nil {
			return nil, parseerr.InFile(p, err)
		}
		if f.Observables == nil || f.Outcome == nil {
			return nil, fmt.Errorf("%s: a backtest case needs observables: and outcome: (and no host:)", p)
		}
		if f.ID == "" {
			f.ID = filepath.Base(p)
		}
		if prev, ok := seen[f.ID]; ok {
			return nil, fmt.Errorf("%s: case id %q already given by %s", p, f.ID, prev)
		}
		seen[f.ID] = p
		fs = append(fs, f)
	}
	if len(fs) == 0 {
		return nil, fmt.Errorf("no cases: give case files or directories, or drop --only")
	}
	return fs, nil
}

// readLimited reads the file at p, refusing more than MaxFileBytes.
func readLimited(p string) ([]byte, error) {
	fh, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	b, err := io.ReadAll(io.LimitReader(fh, MaxFileBytes+1))
	if err != nil {
		return nil, err
	}
	if len(b) > MaxFileBytes {
		return nil, fmt.Errorf("%s: larger than %d bytes", p, MaxFileBytes)
	}
	return b, nil
}
