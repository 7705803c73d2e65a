// Package testutil holds helpers shared by tests: locating external oracle
// programs and honouring the CI rule that an oracle test may skip on a
// developer's machine but never in CI.
package testutil

import (
	"os"
	"os/exec"
	"testing"
)

// InCI reports whether the tests run in continuous integration (CI=true).
func InCI() bool { return os.Getenv("CI") == "true" }

// RequireTool returns the path of the external program name. When it is not
// installed the test is skipped with a message saying how to install it, or,
// when CI=true, fails: CI must never pass by skipping an oracle.
func RequireTool(t testing.TB, name, debianPackage string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err == nil {
		return p
	}
	msg := name + " not found (install Debian package " + debianPackage + ": apt-get install " + debianPackage + ")"
	if InCI() {
		t.Fatalf("%s; CI=true, so an oracle test may not skip", msg)
	}
	t.Skip(msg)
	return ""
}
