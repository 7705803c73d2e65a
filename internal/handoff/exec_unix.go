//go:build unix

package handoff

import (
	"os"
	"syscall"
)

// run replaces this process with the program at path: the same process id,
// so the terminal's signals, the parent's wait and the exit code are its.
// It returns only on failure.
func run(path string, args []string) error {
	return syscall.Exec(path, append([]string{path}, args...), os.Environ())
}
