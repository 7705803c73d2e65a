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
	// size is the capacity to read into: a regular file's size plus one
	// byte for the read that sees its end, so the whole file lands in one
	// allocation instead of io.ReadAll's growth from 512 bytes through
	// every size class in between; other inputs start at ReadAll's 512.
	size := 512
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
		if st.Mode().IsRegular() {
			size = int(st.Size()) + 1
		}
		r = f
	}
	b, err := readAllSized(io.LimitReader(r, limit+1), size)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if int64(len(b)) > limit {
		return nil, tooLarge(name)
	}
	return b, nil
}

// readAllSized is io.ReadAll starting from a buffer of size bytes: it
// reads r to its end, growing the buffer only if r holds size bytes or more.
func readAllSized(r io.Reader, size int) ([]byte, error) {
	b := make([]byte, 0, max(size, 1))
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err != nil {
			if err == io.EOF {
				err = nil
			}
			return b, err
		}
	}
}
