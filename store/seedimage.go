package store

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/rand"
	_ "embed"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"

	"github.com/infragame/infragame/dataset"
)

// seedImage is a gzipped store as Open makes it for a new file: every
// migration applied and the embedded dataset seeded, nothing imported.
// Its gzip comment is seedImageTag of the schema and data it holds. A new
// store file starts as a copy of it, which costs about 1 ms instead of the
// 30–80 ms of decoding the embedded YAML and writing its 480 records
// (BENCHMARKS.md, "Import and search"). When the tag does not match this
// binary (the data or the schema changed and the image was not made
// again), stores are made the slow way, with the same content;
// TestSeedImageCurrent fails until the image is rewritten with
//
//	go test ./store -run TestSeedImageCurrent -update-seed
//
//go:embed seed.sqlite.gz
var seedImage []byte

// seedImageTag names the schema version and the embedded data of a store.
func seedImageTag() string {
	return "schema " + strconv.Itoa(len(migrations)) + ", embedded data " + dataset.EmbeddedHash()
}

// createFromImage makes the store file at path, if it does not exist yet,
// as a copy of seedImage: written to a temporary file in the same
// directory, synced, then linked to path, so that path never holds a part
// of the image (a killed process leaves at most the temporary file) and a
// store another process made at the same moment is kept. It reports
// whether it made path; on any failure (a stale image, a file system
// without hard links) Open makes the store the slow way.
func createFromImage(path string) bool {
	if _, err := os.Lstat(path); !errors.Is(err, fs.ErrNotExist) {
		return false
	}
	zr, err := gzip.NewReader(bytes.NewReader(seedImage))
	if err != nil || zr.Comment != seedImageTag() {
		return false
	}
	var rnd [8]byte
	rand.Read(rnd[:])
	tmp := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".new-"+hex.EncodeToString(rnd[:]))
	f, err := os.OpenFile(tmp, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644) // as SQLite creates files
	if err != nil {
		return false
	}
	defer os.Remove(tmp)
	_, err = io.Copy(f, zr)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return false
	}
	// (the directory is not synced: a link lost in a crash only means
	// the store is made again)
	if err := os.Link(tmp, path); err != nil {
		return false // (if another process made it meanwhile, Open uses it)
	}
	return true
}

// writeSeedImage writes to w a gzipped image of a new store (see
// seedImage), made the slow way in a temporary directory.
func writeSeedImage(ctx context.Context, w io.Writer) error {
	dir, err := os.MkdirTemp("", "infragame-seed-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "seed.sqlite")
	st, err := open(ctx, path, false)
	if err != nil {
		return err
	}
	if _, err := st.db.ExecContext(ctx, "VACUUM"); err != nil {
		st.Close()
		return err
	}
	if err := st.Close(); err != nil { // checkpoints the WAL into the file
		return err
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	zw.Comment = seedImageTag()
	if _, err := zw.Write(b); err != nil {
		return err
	}
	return zw.Close()
}
