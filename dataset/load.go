package dataset

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"
)

//go:embed data
var embedded embed.FS

// embeddedFiles maps each embedded file to the kind of records it holds.
var embeddedFiles = []struct {
	name string
	kind Kind
}{
	{"facts.yaml", KindFact},
	{"projects.yaml", KindProject},
	{"institutions.yaml", KindInstitution},
	{"strategies.yaml", KindStrategy},
	{"events.yaml", KindEvent},
	{"fx.yaml", KindFX},
}

// Embedded loads and validates the dataset compiled into the binary. It
// returns an error listing every problem if the data do not validate (a
// test guarantees they do).
func Embedded() (*Set, error) {
	set := &Set{}
	var ps Problems
	for _, f := range embeddedFiles {
		b, err := embedded.ReadFile("data/" + f.name)
		if err != nil {
			if _, statErr := fs.Stat(embedded, "data/"+f.name); statErr != nil {
				continue // a kind with no file yet
			}
			return nil, err
		}
		s, p := ReadYAML(path.Join("dataset/data", f.name), b, f.kind)
		ps = append(ps, p...)
		if s != nil {
			for _, r := range s.All() {
				set.Add(r)
			}
			for id, w := range s.where {
				set.setWhere(id, w)
			}
		}
	}
	ps = append(ps, set.Locate(Validate(set, nil))...)
	if len(ps) > 0 {
		return nil, fmt.Errorf("embedded dataset: %w", ps)
	}
	return set, nil
}

// EmbeddedFiles returns the names and contents of the embedded data files,
// for fuzz corpora and for users who want the YAML itself.
func EmbeddedFiles() (map[string][]byte, error) {
	out := map[string][]byte{}
	for _, f := range embeddedFiles {
		b, err := embedded.ReadFile("data/" + f.name)
		if err == nil {
			out[f.name] = b
		}
	}
	return out, nil
}

// EmbeddedHash is a SHA-256 over the embedded files; the store reseeds its
// copy of the embedded records when it changes.
func EmbeddedHash() string { return embeddedHash() }

// embeddedHash is computed once: the embedded files never change while
// the program runs, and opening a store needs it once or twice. The files
// are read through a small buffer rather than copied whole
// ([EmbeddedFiles]): every command that opens a store computes it, and
// the 300 KB copy cost a fresh process about as much as the hash.
var embeddedHash = sync.OnceValue(func() string {
	h := sha256.New()
	names := make([]string, 0, len(embeddedFiles))
	for _, f := range embeddedFiles {
		names = append(names, f.name)
	}
	sort.Strings(names)
	buf := make([]byte, 16<<10)
	for _, n := range names {
		f, err := embedded.Open("data/" + n)
		if err != nil {
			continue // as EmbeddedFiles leaves it out
		}
		h.Write([]byte(n))
		io.CopyBuffer(h, struct{ io.Reader }{f}, buf)
		f.Close()
	}
	return hex.EncodeToString(h.Sum(nil))
})

// KindFromFilename guesses the kind of a top-level list from a file name
// such as "projects.yaml" or "my-facts.csv"; "" when it cannot.
func KindFromFilename(name string) Kind {
	base := strings.ToLower(path.Base(strings.ReplaceAll(name, "\\", "/")))
	base = strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(base, ".yaml"), ".yml"), ".csv"), ".json")
	for _, k := range Kinds {
		if base == k.Plural() || base == string(k) || strings.HasSuffix(base, "-"+k.Plural()) || strings.HasSuffix(base, "_"+k.Plural()) {
			return k
		}
	}
	return ""
}
