package shards

import (
	"os"
	"syscall"
)

// startWriteback starts writing the n bytes of f from off to disk and
// does not wait for them (sync_file_range(2) with
// SYNC_FILE_RANGE_WRITE). It is a hint: an error shows again at the
// file's sync, which is what makes the data durable.
func startWriteback(f *os.File, off, n int64) {
	rc, err := f.SyscallConn()
	if err != nil {
		return
	}
	rc.Control(func(fd uintptr) {
		syscall.SyncFileRange(int(fd), off, n, 2 /* SYNC_FILE_RANGE_WRITE */)
	})
}
