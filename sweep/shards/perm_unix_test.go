//go:build unix

package shards

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// The files of a shard directory and a merged result get the permissions
// the umask gives any new file (0644 under umask 022), not os.CreateTemp's
// 0600: other users and jobs of a cluster read them.
func TestFilesFollowUmask(t *testing.T) {
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	dir := t.TempDir()
	runShards(t, dir, 2, 3)
	out := filepath.Join(t.TempDir(), "result.csv")
	if _, err := Merge(context.Background(), dir, out, nil); err != nil {
		t.Fatal(err)
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	paths := []string{out}
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("temporary file %s left behind", e.Name())
		}
		paths = append(paths, filepath.Join(dir, e.Name()))
	}
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := st.Mode().Perm(), os.FileMode(0o644); got != want {
			t.Errorf("%s: mode %v, want %v", filepath.Base(p), got, want)
		}
	}
}
