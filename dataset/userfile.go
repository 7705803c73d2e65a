package dataset

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
)

// Errors of [ParseUserFile] about how a file was given (a front end words
// them with its own flag or field names).
var (
	// ErrNeedKind: a CSV file whose name does not say its kind, and no
	// kind given.
	ErrNeedKind = errors.New("cannot tell the kind of records from the file name")
	// ErrKindAidData: a kind given with an AidData file (every row of one
	// is a project).
	ErrKindAidData = errors.New("a kind does not apply to an AidData file: every row is a project")
	// ErrUnknownSource: a source format other than "", "infragame" or
	// "aiddata".
	ErrUnknownSource = errors.New("unknown source format (want aiddata, or nothing for infragame's own schema)")
	// ErrEmptyFile: nothing but white space (and a byte-order mark).
	ErrEmptyFile = errors.New("the file is empty")
)

// ParseUserFile reads the records of a user's file: YAML/JSON of the
// export shape (or a plain list when name or k says the kind), CSV of one
// kind (from k or the file name), or an AidData GCDF 3.0 CSV when from is
// "aiddata" (known resolves its lenders). name locates problems and, with
// its extension and base name, tells the format and kind. Problems come
// back as [Problems] with file and line.
func ParseUserFile(name string, data []byte, from string, k Kind, known *Set) (*Set, error) {
	if len(bytes.TrimSpace(bytes.TrimPrefix(data, []byte("\ufeff")))) == 0 {
		return nil, fmt.Errorf("%s: %w", name, ErrEmptyFile)
	}
	var set *Set
	var ps Problems
	switch from {
	case "aiddata":
		if k != "" {
			return nil, ErrKindAidData
		}
		set, ps = ReadAidData(name, bytes.NewReader(data), known)
	case "", "infragame":
		if k == "" {
			k = KindFromFilename(name)
		}
		if strings.ToLower(filepath.Ext(name)) == ".csv" {
			if k == "" {
				return nil, fmt.Errorf("%s: %w", name, ErrNeedKind)
			}
			set, ps = ReadCSV(name, bytes.NewReader(data), k)
		} else {
			set, ps = ReadYAML(name, data, k)
		}
	default:
		return nil, fmt.Errorf("%q: %w", from, ErrUnknownSource)
	}
	if len(ps) > 0 {
		return nil, ps
	}
	return set, nil
}
