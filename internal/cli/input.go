package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
)

// DefaultMaxInputMiB is the default of --max-input-mb: the largest input
// file any reader accepts, in MiB (see docs/limits.md).
const DefaultMaxInputMiB = 64

// errTooLarge is returned, wrapped, for an input over the size limit.
var errTooLarge = errors.New("input too large")

// readInput reads the file at path ("-" is standard input) up to the
// --max-input-mb limit. Devices and pipes are read through the same cap, so
// /dev/zero fails as soon as the limit is reached; a directory is refused.
func (a *App) readInput(path string) ([]byte, error) {
	limit := int64(a.MaxInputMiB) << 20
	if limit <= 0 {
		limit = DefaultMaxInputMiB << 20
	}
	tooLarge := func(name string) error {
		return fmt.Errorf("%s: %w: more than %d MiB (raise the limit with --max-input-mb)", name, errTooLarge, limit>>20)
	}
	var r io.Reader
	name := path
	if path == "-" {
		r, name = a.In, "<stdin>"
	} else {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		st, err := f.Stat()
		if err != nil {
			return nil, err
		}
		if st.IsDir() {
			return nil, fmt.Errorf("%s: is a directory", path)
		}
		if st.Mode().IsRegular() && st.Size() > limit {
			return nil, tooLarge(path)
		}
		r = f
	}
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if int64(len(b)) > limit {
		return nil, tooLarge(name)
	}
	return b, nil
}
