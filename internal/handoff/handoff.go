// Package handoff lets the fast front (cmd/infragame) hand a command line
// to the complete program, infragame-full, the way git runs its git-*
// helpers: on Unix by replacing the process (execve), so the process id,
// signals such as Ctrl-C and the exit code are the full program's own;
// elsewhere by running it as a child with the same standard streams,
// forwarding signals and exiting with its exit code.
package handoff

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
)

// Name is the file name of the complete program (without ".exe").
const Name = "infragame-full"

// EnvVar names the environment variable that gives infragame-full's path,
// looked at first.
const EnvVar = "INFRAGAME_FULL"

// Install says how to get both programs.
const Install = "install both with 'go install ./cmd/...' in a clone of infragame (see README.md), or set " + EnvVar + " to its path"

// ErrNotFound is returned when infragame-full is in none of the places
// [Find] looks.
var ErrNotFound = errors.New(Name + " not found")

// Find returns the path of infragame-full: $INFRAGAME_FULL when set (it
// must name an executable file), else the file of that name in the
// directory of self (the running front; "" to skip), else the first on
// PATH. It refuses self, which would hand the command line to itself.
func Find(self string) (string, error) {
	name := Name
	if runtime.GOOS == "windows" {
		name += ".exe"
	}
	var p string
	if env := os.Getenv(EnvVar); env != "" {
		if err := executable(env); err != nil {
			return "", fmt.Errorf("$%s: %w", EnvVar, err)
		}
		p = env
	} else if self != "" && executable(filepath.Join(filepath.Dir(self), name)) == nil {
		p = filepath.Join(filepath.Dir(self), name)
	} else if lp, err := exec.LookPath(name); err == nil {
		p = lp
	} else {
		where := "on PATH"
		if self != "" {
			where = "beside this program (in " + filepath.Dir(self) + ") or on PATH"
		}
		return "", fmt.Errorf("%w: $%s is not set, and there is none %s", ErrNotFound, EnvVar, where)
	}
	if self != "" {
		a, errA := os.Stat(p)
		b, errB := os.Stat(self)
		if errA == nil && errB == nil && os.SameFile(a, b) {
			return "", fmt.Errorf("%s is this program, not %s", p, Name)
		}
	}
	return p, nil
}

// executable checks that p is a regular file that can be run.
func executable(p string) error {
	fi, err := os.Stat(p)
	if err != nil {
		return err
	}
	if fi.IsDir() {
		return fmt.Errorf("%s is a directory", p)
	}
	if runtime.GOOS != "windows" && fi.Mode().Perm()&0o111 == 0 {
		return &fs.PathError{Op: "run", Path: p, Err: fs.ErrPermission}
	}
	return nil
}

// Exec runs infragame-full with this process's arguments, environment and
// standard streams in place of this process; what names the command that
// needs it, for the error. It returns only when infragame-full cannot be
// found or started.
func Exec(what string) error {
	self, err := os.Executable()
	if err != nil {
		self = ""
	}
	p, err := Find(self)
	if err != nil {
		return fmt.Errorf("%s needs %s, the complete program (it links SQLite and the web server): %w; %s", what, Name, err, Install)
	}
	if err := run(p, os.Args[1:]); err != nil {
		return fmt.Errorf("%s needs %s: starting %s: %v", what, Name, p, err)
	}
	return nil
}
