// Package records gives the dataset records a command or a server works on
// without linking SQLite while it can: it locates the user's database file
// ([Path]), and while no database exists there the records are the
// embedded dataset exactly as a store holding only it returns them
// ([Embedded]). Only a database that exists needs package store to be read
// ([Load] with an [Opener]).
//
// This is what lets the fast front binary (cmd/infragame), which does not
// link SQLite, run the commands that read records on a machine with no
// database of its own, and hand the rest to infragame-full.
package records

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/infragame/infragame/dataset"
)

// Embedded returns the embedded dataset in the form a store holding only
// the embedded data returns it (store.Open(ctx, store.Memory) then
// Records): the records of each kind sorted by id. A test in this package
// compares the two record by record.
func Embedded() (*dataset.Set, error) {
	emb, err := dataset.Embedded()
	if err != nil {
		return nil, err
	}
	// A new set: the store's has no file positions of the embedded YAML.
	set := &dataset.Set{}
	for _, r := range emb.All() {
		set.Add(r)
	}
	set.SortByID()
	return set, nil
}

// Exists reports whether something exists at path that a store would open
// (a database, or a directory or other file it would refuse); false for
// [Memory] and for a path that does not exist. An error other than "does
// not exist" (a directory that cannot be searched) counts as existing:
// the store decides what to say.
func Exists(path string) bool {
	if path == Memory {
		return false
	}
	_, err := os.Stat(path)
	return !errors.Is(err, fs.ErrNotExist)
}

// An Opener returns every record of the database at path (embedded and
// imported), as store.Open then Records do.
type Opener func(ctx context.Context, path string) (*dataset.Set, error)

// ErrNeedStore is returned by [Load] for a database that exists when no
// [Opener] was given.
var ErrNeedStore = errors.New("records: reading a database needs the store (infragame-full)")

// Load returns the records of the database at path when one exists
// ([Exists]), read by open; otherwise the embedded dataset ([Embedded]),
// and no file is created.
func Load(ctx context.Context, path string, open Opener) (*dataset.Set, error) {
	if !Exists(path) {
		return Embedded()
	}
	if open == nil {
		return nil, fmt.Errorf("%s: %w", path, ErrNeedStore)
	}
	return open(ctx, path)
}
