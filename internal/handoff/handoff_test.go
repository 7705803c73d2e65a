package handoff

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// exe writes an executable file named name into dir.
func exe(t *testing.T, dir, name string) string {
	t.Helper()
	if runtime.GOOS == "windows" {
		name += ".exe"
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestFind checks the lookup order: $INFRAGAME_FULL, beside the front,
// PATH; and the refusals.
func TestFind(t *testing.T) {
	front, onPath, other := t.TempDir(), t.TempDir(), t.TempDir()
	self := exe(t, front, "infragame")
	t.Setenv(EnvVar, "")
	t.Setenv("PATH", onPath)
	if _, err := Find(self); !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), front) {
		t.Errorf("nowhere: %v", err)
	}
	p := exe(t, onPath, Name)
	if got, err := Find(self); got != p || err != nil {
		t.Errorf("on PATH: %q, %v; want %q", got, err, p)
	}
	b := exe(t, front, Name)
	if got, err := Find(self); got != b || err != nil {
		t.Errorf("beside the front: %q, %v; want %q (before PATH)", got, err, b)
	}
	e := exe(t, other, "my-full")
	t.Setenv(EnvVar, e)
	if got, err := Find(self); got != e || err != nil {
		t.Errorf("$%s: %q, %v; want %q (before all)", EnvVar, got, err, e)
	}
	t.Setenv(EnvVar, filepath.Join(other, "none"))
	if _, err := Find(self); err == nil || !strings.Contains(err.Error(), "$"+EnvVar) {
		t.Errorf("$%s naming nothing: %v", EnvVar, err)
	}
	t.Setenv(EnvVar, other)
	if _, err := Find(self); err == nil || !strings.Contains(err.Error(), "directory") {
		t.Errorf("$%s naming a directory: %v", EnvVar, err)
	}
	t.Setenv(EnvVar, self)
	if _, err := Find(self); err == nil || !strings.Contains(err.Error(), "is this program") {
		t.Errorf("$%s naming the front itself: %v", EnvVar, err)
	}
}
