// Package store keeps infragame's records in an embedded SQLite database
// (modernc.org/sqlite: pure Go, no cgo).
//
// A store is created on first use: the schema comes from numbered
// migrations (tracked in PRAGMA user_version) and the embedded dataset is
// copied in. When a new binary carries different embedded data, the
// embedded copy is replaced on open; records the user imported are kept.
// Every write runs in one transaction and validates before it writes, so a
// bad file imports nothing and never damages what is stored.
//
// The store holds no business rules: it stores, lists and exports records
// and calls [dataset.Validate] before writing.
package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"database/sql/driver"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
	"unsafe"

	"modernc.org/sqlite"

	"github.com/infragame/infragame/dataset"
)

// Memory is the path that opens a private in-memory database.
const Memory = ":memory:"

// Store is an open database.
type Store struct {
	db       *sql.DB
	path     string
	readOnly bool
	// created: Open made the file and nothing has been imported yet
	// (see rollbackJournal)
	created bool
}

// querier is a *sql.DB or a *sql.Tx.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// migrations are applied in order; migration i brings user_version to i+1.
// Never edit a released migration: append a new one.
var migrations = []string{
	`CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
	 CREATE TABLE imports (
		id INTEGER PRIMARY KEY AUTOINCREMENT,
		file TEXT NOT NULL,
		sha256 TEXT NOT NULL UNIQUE,
		format TEXT NOT NULL,
		imported_at TEXT NOT NULL,
		records INTEGER NOT NULL);
	 CREATE TABLE records (
		id TEXT PRIMARY KEY,
		kind TEXT NOT NULL,
		origin TEXT NOT NULL CHECK (origin IN ('embedded', 'user')),
		import_id INTEGER REFERENCES imports(id) ON DELETE CASCADE,
		title TEXT NOT NULL,
		body TEXT NOT NULL);
	 CREATE INDEX records_kind ON records(kind);
	 CREATE INDEX records_import ON records(import_id);`,
	// 2: the normalised text search matches (dataset.SearchText), so that a
	// search selects its candidates without decoding every record; filled
	// in for existing records by backfillSearch.
	`ALTER TABLE records ADD COLUMN search TEXT NOT NULL DEFAULT '';`,
	// 3: the normalised headline (dataset.AppendHead), so that a search
	// ranks its hits and keeps the best in SQL without reading their
	// bodies; filled in for existing records by backfillHead. And the
	// file header's application id, by which Open knows its own stores
	// without a look at their tables (see checkForeign).
	`ALTER TABLE records ADD COLUMN head TEXT NOT NULL DEFAULT '';
	 PRAGMA application_id = ` + appIDSQL + `;`,
}

// appID is the application id in the header of a store (bytes 68–71 of
// the file, big-endian; PRAGMA application_id): "IGAM". appIDSQL is the
// same in decimal, for migration 3.
const (
	appID    = 0x4947414D
	appIDSQL = "1229406541"
)

// afterMigration runs Go code in the transaction of a migration (keyed by
// the user_version the migration brings the database to).
var afterMigration = map[int]func(ctx context.Context, tx *sql.Tx) error{
	2: backfillSearch,
	3: backfillHead,
}

// backfillSearch computes the search text of the records stored before
// migration 2.
func backfillSearch(ctx context.Context, tx *sql.Tx) error {
	return backfill(ctx, tx, "search", func(_ string, body []byte) (string, error) {
		return dataset.SearchTextJSON(body), nil
	})
}

// backfillHead computes the normalised headline of the records stored
// before migration 3.
func backfillHead(ctx context.Context, tx *sql.Tx) error {
	return backfill(ctx, tx, "head", func(kind string, body []byte) (string, error) {
		h, err := dataset.DecodeHead(dataset.Kind(kind), body)
		if err != nil {
			return "", fmt.Errorf("stored record: %w", err)
		}
		return string(dataset.AppendHead(nil, h)), nil
	})
}

// backfill sets the column col of every record to f(kind, body).
func backfill(ctx context.Context, tx *sql.Tx, col string, f func(kind string, body []byte) (string, error)) error {
	rows, err := tx.QueryContext(ctx, "SELECT rowid, kind, body FROM records")
	if err != nil {
		return err
	}
	type upd struct {
		rowid int64
		value string
	}
	var us []upd
	for rows.Next() {
		var u upd
		var kind string
		var body []byte
		if err := rows.Scan(&u.rowid, &kind, &body); err != nil {
			rows.Close()
			return err
		}
		if u.value, err = f(kind, body); err != nil {
			rows.Close()
			return err
		}
		us = append(us, u)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	st, err := tx.PrepareContext(ctx, "UPDATE records SET "+col+" = ? WHERE rowid = ?")
	if err != nil {
		return err
	}
	defer st.Close()
	for _, u := range us {
		if _, err := st.ExecContext(ctx, u.value, u.rowid); err != nil {
			return err
		}
	}
	return nil
}

// Open opens (creating if needed) the database at path, migrates it and
// makes sure it holds the current embedded dataset. path may be [Memory].
//
// A file that is a SQLite database of another application is refused
// before anything is written to it. A store that cannot be written (a
// read-only file or directory) is opened read-only when it is up to date,
// so it can still be read; writing to it then fails with [ErrReadOnly].
func Open(ctx context.Context, path string) (*Store, error) { return open(ctx, path, true) }

// open is Open; a new store file starts as a copy of the seed image when
// image is set (see createFromImage).
func open(ctx context.Context, path string, image bool) (*Store, error) {
	registerFunctions()
	dsn := "file::memory:?_pragma=foreign_keys(1)"
	created := false
	if path != Memory {
		if err := checkForeign(ctx, path); err != nil {
			return nil, err
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return nil, fmt.Errorf("store: %w", err)
		}
		if image {
			created = createFromImage(path)
		}
		// Transactions begin IMMEDIATE: an import validates against the
		// stored records inside its write transaction, so two imports at
		// once are serialised instead of both validating the same state.
		// A new store gets 64 KiB pages (SQLite's largest; the default is
		// 4 KiB): a 21,000-row import then costs 0.62× the CPU (fewer
		// b-tree splits and one write per 64 KiB through the WAL), and a
		// search, which scans every record's search text, reads the file
		// in a sixteenth of the calls (0.2× the time). page_size only
		// applies before the file's first write, so it precedes the
		// switch to WAL (_journal_mode runs after the _pragma list); a
		// store with smaller pages is rewritten once (growPages).
		dsn = "file:" + path + "?_pragma=foreign_keys(1)&_pragma=busy_timeout(5000)&_pragma=page_size(" + strconv.Itoa(pageSize) + ")&_journal_mode=WAL&_txlock=immediate"
	}
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	db.SetMaxOpenConns(1) // one connection: :memory: is per connection, and SQLite writes serialise anyway
	s := &Store{db: db, path: path, created: created}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		if isReadOnly(err) {
			return openReadOnly(ctx, path)
		}
		return nil, fmt.Errorf("store: %s: %w", path, friendly(err))
	}
	if err := s.seed(ctx); err != nil {
		db.Close()
		if isReadOnly(err) {
			return openReadOnly(ctx, path)
		}
		return nil, fmt.Errorf("store: %s: %w", path, friendly(err))
	}
	if path != Memory {
		s.growPages(ctx)
	}
	return s, nil
}

// pageSize is the page size of new stores (SQLite's largest).
const pageSize = 65536

// growPages rewrites a store made with smaller pages (by versions before
// 64 KiB pages) into 64 KiB pages, once: PRAGMA page_size then VACUUM,
// which a WAL database only allows in rollback-journal mode. It needs the
// store to itself; when another process has it open (the journal mode
// cannot change) or anything fails, the store is left as it is, whole,
// and the next open tries again.
func (s *Store) growPages(ctx context.Context) {
	var n int
	if s.db.QueryRowContext(ctx, "PRAGMA page_size").Scan(&n) != nil || n >= pageSize {
		return
	}
	c, err := s.db.Conn(ctx)
	if err != nil {
		return
	}
	defer c.Close()
	var mode string
	if c.QueryRowContext(ctx, "PRAGMA journal_mode = DELETE").Scan(&mode) != nil || mode != "delete" {
		return
	}
	defer c.ExecContext(context.Background(), "PRAGMA journal_mode = WAL")
	if _, err := c.ExecContext(ctx, fmt.Sprintf("PRAGMA page_size = %d", pageSize)); err != nil {
		return
	}
	c.ExecContext(ctx, "VACUUM")
}

// registerFunctions registers the SQL functions the store's queries use
// with the driver, once, before the first connection opens:
//
//   - ig_contains(s, t): whether the text s contains t (strings.Contains;
//     SQLite's instr compares byte by byte at every position, and the
//     search scan spent 40 % of its time there).
var registerFunctions = sync.OnceFunc(func() {
	sqlite.MustRegisterFunction("ig_contains", &sqlite.FunctionImpl{
		NArgs:         2,
		Deterministic: true,
		VolatileArgs:  true, // the arguments are not retained
		Scalar: func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
			s, _ := args[0].(string)
			t, _ := args[1].(string)
			return strings.Contains(s, t), nil
		},
	})
})

// ErrReadOnly is returned when writing to a store opened read-only.
var ErrReadOnly = errors.New("the store is read-only (no write permission on the file or its directory)")

// ErrBusy is returned when another process holds the store's write lock
// for longer than the busy timeout (5 s).
var ErrBusy = errors.New("the store is busy (another infragame command is writing to it); try again")

// ErrNotStore is returned for a SQLite file that is not an infragame store.
var ErrNotStore = errors.New("not an infragame store")

// OpenReadOnly opens an existing, up-to-date store without writing to it
// (no migration, no seeding, no change of journal mode).
func OpenReadOnly(ctx context.Context, path string) (*Store, error) { return openReadOnly(ctx, path) }

func openReadOnly(ctx context.Context, path string) (*Store, error) {
	registerFunctions()
	var last error
	// mode=ro reads a WAL store when its -shm file can be used; immutable=1
	// reads it in a directory where no -shm file can be created.
	for _, q := range []string{"mode=ro", "mode=ro&immutable=1"} {
		db, err := sql.Open("sqlite", "file:"+path+"?"+q+"&_pragma=busy_timeout(5000)")
		if err != nil {
			return nil, fmt.Errorf("store: open %s: %w", path, err)
		}
		db.SetMaxOpenConns(1)
		s := &Store{db: db, path: path, readOnly: true}
		v, err := s.SchemaVersion(ctx)
		if err != nil {
			db.Close()
			last = err
			continue
		}
		if v != len(migrations) {
			db.Close()
			return nil, fmt.Errorf("store: %s: %w, and its schema (version %d) needs an upgrade to version %d", path, ErrReadOnly, v, len(migrations))
		}
		var have string
		if err := db.QueryRowContext(ctx, "SELECT value FROM meta WHERE key = 'embedded_hash'").Scan(&have); err != nil || have != dataset.EmbeddedHash() {
			db.Close()
			return nil, fmt.Errorf("store: %s: %w, and its embedded dataset is out of date", path, ErrReadOnly)
		}
		return s, nil
	}
	return nil, fmt.Errorf("store: %s: %w", path, friendly(last))
}

// checkForeign refuses an existing SQLite file that is not an infragame
// store (its tables are not ours), reading it without writing: opening it
// normally would switch it to WAL mode.
//
// A file whose header carries the store's application id (set by
// migration 3) is one of ours and is not opened here: opening it took a
// connection of its own, which made and removed the store's -wal and
// -shm files again, about a tenth of a search's time in a fresh process.
// (A store whose header change is still in its WAL is looked at.)
func checkForeign(ctx context.Context, path string) error {
	st, err := os.Stat(path)
	if err != nil || !st.Mode().IsRegular() || st.Size() == 0 {
		return nil // new, empty or not a file: Open reports it
	}
	if hasAppID(path) {
		return nil
	}
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro&_pragma=busy_timeout(5000)")
	if err != nil {
		return nil
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
	if err != nil {
		if strings.Contains(err.Error(), "not a database") || strings.Contains(err.Error(), "malformed") {
			return fmt.Errorf("store: %s: %w (%v); nothing was changed", path, ErrNotStore, friendly(err))
		}
		return nil // unreadable here (e.g. locked): Open reports it
	}
	defer rows.Close()
	ours := ourTables()
	var names []string
	foreign := false
	for rows.Next() {
		var name string
		if rows.Scan(&name) == nil {
			names = append(names, name)
			base, _, _ := strings.Cut(name, "_") // FTS shadow tables: records_fts_data …
			foreign = foreign || !ours[name] && !ours[base]
		}
	}
	n := len(names)
	if foreign || n > 0 && n < 3 {
		return fmt.Errorf("store: %s: %w: it has tables %s; nothing was changed (give another --db file)", path, ErrNotStore, strings.Join(names, ", "))
	}
	var meta int
	if n > 0 && db.QueryRowContext(ctx, "SELECT count(*) FROM meta WHERE key = 'embedded_hash'").Scan(&meta) != nil {
		return fmt.Errorf("store: %s: %w: its meta table is not ours; nothing was changed", path, ErrNotStore)
	}
	return nil
}

// hasAppID reports whether the file at path is a SQLite database whose
// header holds [appID].
func hasAppID(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	var h [100]byte // the database header (sqlite.org/fileformat.html)
	if _, err := io.ReadFull(f, h[:]); err != nil {
		return false
	}
	return string(h[:16]) == "SQLite format 3\x00" && binary.BigEndian.Uint32(h[68:72]) == appID
}

var tableName = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)CREATE\s+(?:VIRTUAL\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(\w+)`)
})

// ourTables are the tables the migrations create.
func ourTables() map[string]bool {
	ours := map[string]bool{"sqlite_sequence": true}
	for _, m := range migrations {
		for _, g := range tableName().FindAllStringSubmatch(m, -1) {
			ours[g[1]] = true
		}
	}
	return ours
}

// isReadOnly reports whether err comes from writing a read-only database.
func isReadOnly(err error) bool {
	return err != nil && (strings.Contains(err.Error(), "readonly") || strings.Contains(err.Error(), "read-only"))
}

// friendly replaces SQLite's busy and read-only errors by ours.
func friendly(err error) error {
	switch {
	case err == nil:
		return nil
	case strings.Contains(err.Error(), "SQLITE_BUSY") || strings.Contains(err.Error(), "database is locked"):
		return ErrBusy
	case isReadOnly(err):
		return ErrReadOnly
	}
	return err
}

// Path is the database file ("" for memory).
func (s *Store) Path() string { return s.path }

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// SchemaVersion is the number of migrations applied.
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v)
	return v, err
}

func (s *Store) migrate(ctx context.Context) error {
	v, err := s.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	if v > len(migrations) {
		return fmt.Errorf("database schema version %d is newer than this program knows (%d): upgrade infragame", v, len(migrations))
	}
	for i := v; i < len(migrations); i++ {
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, migrations[i]); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %d: %w", i+1, err)
		}
		if f := afterMigration[i+1]; f != nil {
			if err := f(ctx, tx); err != nil {
				tx.Rollback()
				return fmt.Errorf("migration %d: %w", i+1, err)
			}
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", i+1)); err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return err
		}
	}
	return nil
}

// seed replaces the embedded records when the embedded data changed.
func (s *Store) seed(ctx context.Context) error {
	hash := dataset.EmbeddedHash()
	var have string
	err := s.db.QueryRowContext(ctx, "SELECT value FROM meta WHERE key = 'embedded_hash'").Scan(&have)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	if have == hash {
		return nil
	}
	emb, err := dataset.Embedded()
	if err != nil {
		return err
	}
	tx, c, done, err := s.beginBulk(ctx)
	if err != nil {
		return err
	}
	defer done()
	if _, err := tx.ExecContext(ctx, "DELETE FROM records WHERE origin = 'embedded'"); err != nil {
		return err
	}
	w, err := newWriter(ctx, c, "embedded", nil)
	if err != nil {
		return err
	}
	defer w.close()
	w.start(ctx)
	for _, r := range emb.All() {
		if err := w.add(ctx, r); err != nil {
			return seedErr(err)
		}
	}
	if err := w.flush(ctx); err != nil {
		return seedErr(err)
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO meta(key, value) VALUES('embedded_hash', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", hash); err != nil {
		return err
	}
	return tx.Commit()
}

// beginBulk begins a write transaction for many inserts, on a connection
// whose foreign-key enforcement is off until done (which also rolls back
// what was not committed). With enforcement on, SQLite keeps a statement
// journal for every multi-row INSERT into records (its import_id
// references imports, and a statement that may fail half-way must be
// undone alone): a copy of every 64 KiB page each statement touches,
// 10-20 % of the import's CPU. The writers set import_id to the import
// they have just inserted themselves (or NULL), so nothing is left
// unchecked; the other statements run with enforcement on.
func (s *Store) beginBulk(ctx context.Context) (tx *sql.Tx, c *sql.Conn, done func(), err error) {
	c, err = s.db.Conn(ctx)
	if err != nil {
		return nil, nil, nil, err
	}
	if _, err := c.ExecContext(ctx, "PRAGMA foreign_keys = OFF"); err != nil {
		c.Close()
		return nil, nil, nil, err
	}
	restore := func() {
		if _, err := c.ExecContext(context.Background(), "PRAGMA foreign_keys = ON"); err != nil {
			// never hand back a connection without enforcement
			c.Raw(func(any) error { return driver.ErrBadConn })
		}
		c.Close()
	}
	tx, err = c.BeginTx(ctx, nil)
	if err != nil {
		restore()
		return nil, nil, nil, err
	}
	return tx, c, func() { tx.Rollback(); restore() }, nil
}

// rollbackJournal switches the store to the rollback journal for an
// import, and returns the function that switches it back to WAL; nil when
// the switch is refused (another connection has the store open: the import
// then runs in WAL mode). ImportStream uses it only for the first import
// into a store this process has just made (a copy of the seed image, see
// createFromImage). In WAL mode SQLite writes every page of an import
// twice, to the WAL and, at the checkpoint, to the file (a sixth of an
// import's CPU in process); with the rollback journal it writes the new
// pages once and journals only the few pages the store had before, which
// a crash rolls back (the appended pages are cut off), so a killed import
// leaves the store as it was.
//
// fresh also runs the import without syncs (synchronous=OFF: SQLite
// synced the journal at every spill of its page cache, 0.1–0.3 s on a
// busy machine), and the caller syncs the store file once after the
// commit: a process killed at any point still leaves the store whole, but
// a power cut during this first import may leave it unreadable, a store
// that held nothing but the embedded data (remove it and import again).
//
// The price: processes that open the store during the import wait for it
// (busy timeout, 5 s) instead of reading the store as it was before.
func (s *Store) rollbackJournal(ctx context.Context, fresh bool) func() {
	var mode string
	if fresh {
		s.db.ExecContext(ctx, "PRAGMA synchronous = OFF")
	}
	if s.db.QueryRowContext(ctx, "PRAGMA journal_mode = DELETE").Scan(&mode) != nil || mode != "delete" {
		s.db.ExecContext(ctx, "PRAGMA synchronous = FULL")
		return nil
	}
	return func() {
		// (the switch writes the file header only: if a crash loses it,
		// the next open switches again)
		s.db.ExecContext(context.Background(), "PRAGMA journal_mode = WAL")
		s.db.ExecContext(context.Background(), "PRAGMA synchronous = FULL")
	}
}

// syncFile flushes the file at path to the disk.
func syncFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

// batchRows is the number of records one INSERT statement writes. Each
// statement executed costs database/sql and the driver a fixed overhead
// (arguments converted, the statement reset); 32 rows a statement cut it
// to a thirty-second while holding about 32 encoded records (≈ 50 KB for
// GCDF rows) in memory.
const batchRows = 32

// batches is the number of batches a pipelined writer holds: one being
// filled, one waiting and one being written, so memory stays at three
// batches (≈ 150 KB for GCDF rows) whatever the input's size.
const batches = 3

// batch is the encoded arguments of up to batchRows records.
type batch struct {
	args  []driver.NamedValue
	arena []byte // the records' bodies, search texts and heads
	first string // id of the first record, for errors
	n     int
}

// writer inserts records into the records table of a transaction in
// batches of [batchRows], each record encoded once into its batch's arena.
// Once started ([writer.start]), batches are written on a goroutine of
// their own while the caller reads, checks and encodes the next ones; the
// transaction is then the writer's until [writer.flush] or [writer.close]
// returns.
//
// The writer gives its statements to the SQLite driver itself
// (database/sql/driver), on the connection of the transaction, which
// [sql.Conn.Raw] locks for each statement as database/sql does: the
// arguments are built once as the driver's values, instead of
// database/sql converting and copying all 224 of every statement (6 MB
// for an import of 21,000 rows), and the values that are the same on
// every row are not bound at all (origin, import: SQL literals) or boxed
// once (kind). (The driver copies each text and blob it binds into memory
// of its own, at a cost near that of the SQLite insert itself.)
type writer struct {
	conn  *sql.Conn
	row   string               // the VALUES tuple of one record
	kinds map[dataset.Kind]any // each kind's name, boxed once
	full  driver.Stmt          // the INSERT of batchRows rows
	cur   *batch
	text  []byte // the search text of the record being added

	// pipelining; pending is nil while the writer writes synchronously
	pending chan *batch   // full batches, in order, to the writing goroutine
	free    chan *batch   // written batches, back to be filled
	failed  chan struct{} // closed when a write failed, err set before
	done    chan struct{} // closed when the writing goroutine returned
	err     error
}

// newWriter prepares the writer's statement on c, into whose transaction
// the writer writes.
//
// origin is "embedded" or "user"; importID is nil or the import's id.
func newWriter(ctx context.Context, c *sql.Conn, origin string, importID *int64) (*writer, error) {
	imp := "NULL"
	if importID != nil {
		imp = strconv.FormatInt(*importID, 10)
	}
	if origin != "embedded" && origin != "user" {
		panic("store: origin " + origin)
	}
	w := &writer{conn: c, row: "(?, ?, '" + origin + "', " + imp + ", ?, ?, ?, ?)", kinds: map[dataset.Kind]any{}, cur: &batch{}}
	err := c.Raw(func(dc any) error {
		st, err := prepare(ctx, dc, w.insertSQL(batchRows))
		w.full = st
		return err
	})
	if err != nil {
		return nil, err
	}
	return w, nil
}

// prepare prepares query on the driver's connection dc.
func prepare(ctx context.Context, dc any, query string) (driver.Stmt, error) {
	if p, ok := dc.(driver.ConnPrepareContext); ok {
		return p.PrepareContext(ctx, query)
	}
	return dc.(driver.Conn).Prepare(query)
}

// start writes the batches on a goroutine of its own from now on; the
// first write error stops it (later batches are dropped) and is returned
// by the next add or flush. Nothing else may use the transaction until
// flush or close returns.
func (w *writer) start(ctx context.Context) {
	w.pending = make(chan *batch, 1)
	w.free = make(chan *batch, batches)
	w.failed = make(chan struct{})
	w.done = make(chan struct{})
	for range batches - 1 {
		w.free <- &batch{}
	}
	go func() {
		defer close(w.done)
		for b := range w.pending {
			if w.err == nil {
				if err := w.exec(ctx, b); err != nil {
					w.err = err
					close(w.failed)
				}
			}
			w.free <- b // never blocks: free holds every batch
		}
	}()
}

func (w *writer) insertSQL(rows int) string {
	return "INSERT OR FAIL INTO records(id, kind, origin, import_id, title, body, search, head) VALUES" +
		strings.Repeat(w.row+", ", rows-1) + w.row
}

// add queues r, writing the batch when it is full. The record's JSON body,
// its search text and its head are appended to the batch's arena: body is
// bound as a blob, search and head as text through strings that share the arena's
// bytes (no copy), which stay unchanged until the batch has been written
// and reset (the driver copies what it binds; nothing keeps the strings).
func (w *writer) add(ctx context.Context, r dataset.Record) error {
	c := w.cur
	if cap(c.arena) == 0 {
		c.arena = make([]byte, 0, 64<<10)
	}
	start := len(c.arena)
	// when an append outgrows the arena it moves to a new array: the
	// pending rows keep their slices of the old one
	a, text, err := dataset.AppendJSONSearch(c.arena, w.text[:0], r) // as json.Marshal writes it
	if err != nil {
		return err
	}
	w.text = text
	body := a[start:len(a):len(a)]
	a = append(a, text...)
	search := a[start+len(body):]
	a = dataset.AppendHead(a, r)
	head := a[start+len(body)+len(search):]
	c.arena = a
	if c.n == 0 {
		c.first = r.Base().ID
	}
	kind, ok := w.kinds[r.RecordKind()]
	if !ok {
		kind = string(r.RecordKind())
		w.kinds[r.RecordKind()] = kind
	}
	for _, v := range [...]any{r.Base().ID, kind, dataset.Title(r), body, unsafe.String(unsafe.SliceData(search), len(search)), unsafe.String(unsafe.SliceData(head), len(head))} {
		c.args = append(c.args, driver.NamedValue{Ordinal: len(c.args) + 1, Value: v})
	}
	c.n++
	if c.n == batchRows {
		return w.send(ctx)
	}
	return nil
}

// send writes the current batch, or hands it to the writing goroutine and
// takes a written one to fill.
func (w *writer) send(ctx context.Context) error {
	if w.cur.n == 0 {
		return nil
	}
	if w.pending == nil {
		err := w.exec(ctx, w.cur)
		w.cur.reset()
		return err
	}
	select {
	case w.pending <- w.cur:
	case <-w.failed:
		return w.err
	}
	w.cur = <-w.free
	w.cur.reset()
	return nil
}

// flush writes the pending records and, if the writer was started, waits
// for every batch to be written: the transaction is the caller's again.
func (w *writer) flush(ctx context.Context) error {
	if err := w.send(ctx); err != nil {
		return err
	}
	if w.pending == nil {
		return nil
	}
	w.stop()
	return w.err
}

// stop ends the writing goroutine, if any, and waits for it.
func (w *writer) stop() {
	if w.pending == nil {
		return
	}
	close(w.pending)
	<-w.done
	w.pending = nil
}

// exec writes the records of b. The context is checked with the
// connection locked: once it is done, database/sql rolls the transaction
// back (under the same lock), and a statement run after that would
// commit on its own.
func (w *writer) exec(ctx context.Context, b *batch) error {
	err := w.conn.Raw(func(dc any) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		st := w.full
		if b.n != batchRows {
			var err error
			if st, err = prepare(ctx, dc, w.insertSQL(b.n)); err != nil {
				return err
			}
			defer st.Close()
		}
		e, ok := st.(driver.StmtExecContext)
		if !ok {
			return errors.New("the SQLite driver has no ExecContext")
		}
		// (without ctx: the driver would start a goroutine to watch it
		// for every statement; it was checked above, and one statement
		// takes well under a millisecond)
		_, err := e.ExecContext(context.Background(), b.args)
		return err
	})
	if err != nil {
		if b.n > 1 {
			return fmt.Errorf("records %q and the %d after it: %w", b.first, b.n-1, err)
		}
		return fmt.Errorf("record %q: %w", b.first, err)
	}
	return nil
}

func (b *batch) reset() {
	clear(b.args)
	b.args, b.arena, b.n = b.args[:0], b.arena[:0], 0
}

// close stops the writing goroutine (dropping what it was not given) and
// releases the prepared statement.
func (w *writer) close() {
	w.stop()
	w.conn.Raw(func(any) error { return w.full.Close() })
}

func seedErr(err error) error {
	if strings.Contains(err.Error(), "UNIQUE") {
		return fmt.Errorf("an embedded record collides with a record you imported (%w); export your records, remove that import and import them under another id", err)
	}
	return err
}

// Records returns every stored record (embedded and imported), sorted by id
// within each kind.
func (s *Store) Records(ctx context.Context) (*dataset.Set, error) {
	return s.query(ctx, "SELECT kind, body FROM records ORDER BY id")
}

// Import describes one import.
type Import struct {
	ID         int64  `json:"id"`
	File       string `json:"file"`
	SHA256     string `json:"sha256"`
	Format     string `json:"format"`
	ImportedAt string `json:"imported_at"`
	Records    int    `json:"records"`
}

// ErrAlreadyImported is returned when the same file content was imported before.
var ErrAlreadyImported = errors.New("this file was already imported")

// Hash is the content hash by which imports are recognised (SHA-256, hex).
func Hash(r io.Reader) (string, error) {
	h := sha256.New()
	if _, err := io.Copy(h, r); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// CheckNew returns an error wrapping [ErrAlreadyImported] when content with
// this hash was imported before. Callers check it before reading a file,
// so that refusing a second import costs one hash of the file.
func (s *Store) CheckNew(ctx context.Context, hash string) error { return checkNew(ctx, s.db, hash) }

func checkNew(ctx context.Context, q querier, hash string) error {
	var prev Import
	err := q.QueryRowContext(ctx, "SELECT id, file, imported_at FROM imports WHERE sha256 = ?", hash).Scan(&prev.ID, &prev.File, &prev.ImportedAt)
	if err == nil {
		return fmt.Errorf("%w as import #%d (%s, %s); nothing changed", ErrAlreadyImported, prev.ID, prev.File, prev.ImportedAt)
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	return nil
}

// Import stores the records of set as one import of file (whose bytes are
// content, hashed to refuse a second import of the same content). It
// validates set against the stored records first — duplicate ids within
// the file or with stored records, dangling references — and writes nothing
// if any problem is found; the returned error is then a [dataset.Problems].
func (s *Store) Import(ctx context.Context, file, format string, content []byte, set *dataset.Set) (Import, error) {
	sum := sha256.Sum256(content)
	all := set.All()
	i := 0
	next := func() ([]dataset.Record, dataset.Problem, dataset.Problems, error) {
		if i == len(all) {
			return nil, dataset.Problem{}, nil, io.EOF
		}
		i++
		return all[i-1 : i], dataset.Problem{}, nil, nil
	}
	imp, err := s.ImportStream(ctx, file, format, hex.EncodeToString(sum[:]), next)
	var ps dataset.Problems
	if errors.As(err, &ps) {
		return imp, set.Locate(ps)
	}
	return imp, err
}

// Source yields the records of a file a few at a time: the records of the
// next item (row), the item's position (for problems found later) and its
// own problems; io.EOF at the end. Any other error ends the input.
// ImportStream is done with an item's records (encoded them, kept their
// ids as strings) before it calls next again, so a Source may reuse them
// ([dataset.AidDataReader.ReuseRecord]).
type Source func() ([]dataset.Record, dataset.Problem, dataset.Problems, error)

// ImportStream stores the records of next as one import of file, whose
// content hash is hash ([Hash]), in one transaction, holding no more than
// one item's records (and the ids seen) in memory. Every record is checked
// as [dataset.Validate] checks a set — ids unique within the input and
// against the store, references to records that exist in the store or
// anywhere in the input, one FX rate per currency, year and series — and
// the problems of the input's own items are collected; if there is any
// problem, nothing is written and the error is a [dataset.Problems].
func (s *Store) ImportStream(ctx context.Context, file, format, hash string, next Source) (Import, error) {
	if s.readOnly {
		return Import{}, fmt.Errorf("store: %s: %w", s.path, ErrReadOnly)
	}
	syncOff := false
	// Only the first import into a store this process has just made uses
	// the rollback journal. Into an existing store, two imports at once
	// (two processes, or two handles in one) with the switch to the
	// rollback journal lost one of them now and then: both reported
	// success and the store held one (TestConcurrentImports, about 1 run
	// in 30); in WAL mode the write transactions serialise as documented.
	if s.path != Memory && s.created {
		s.created = false
		if restore := s.rollbackJournal(ctx, true); restore != nil {
			defer restore() // after done, below: the connection is free again
			syncOff = true
		}
	}
	// Everything from here runs in one write transaction (begun IMMEDIATE
	// on a file store), so what is validated is what is written to: two
	// imports at once are serialised, never both validated against the
	// same state.
	tx, c, done, err := s.beginBulk(ctx)
	if err != nil {
		return Import{}, s.writeErr(err)
	}
	defer done()
	if err := checkNew(ctx, tx, hash); err != nil {
		return Import{}, err
	}
	seen, err := ids(ctx, tx)
	if err != nil {
		return Import{}, s.writeErr(err)
	}
	fxSet, err := query(ctx, tx, "SELECT kind, body FROM records WHERE kind = ? ORDER BY id", string(dataset.KindFX))
	if err != nil {
		return Import{}, s.writeErr(err)
	}
	fxStored := fxSet.All()
	type fxKey struct {
		cur    string
		year   int
		series string
	}
	fx := map[fxKey]string{}
	for _, r := range fxStored {
		x := r.(*dataset.FX)
		fx[fxKey{x.Currency, x.Year, x.Series}] = x.ID
	}
	type ref struct {
		id, field, target, want string
		where                   dataset.Problem
	}
	var refs []ref // references to records not seen yet, checked at the end
	own := map[string]bool{}
	refer := func(id, list string, i int, target, want string, where dataset.Problem) {
		if _, ok := seen[target]; ok || own[target] {
			return
		}
		field := fmt.Sprintf("%s[%d]", list, i)
		if list == "loans" {
			field += ".lender"
		}
		refs = append(refs, ref{id, field, target, want, where})
	}
	var ps dataset.Problems
	problem := func(where dataset.Problem, id, field, reason string) {
		p := dataset.Problem{File: where.File, Line: where.Line, Column: where.Column, Record: id, Field: field, Reason: reason}
		if p.File == "" && p.Line > 0 {
			p.File = file
		}
		ps = append(ps, p)
	}

	imp := Import{File: file, SHA256: hash, Format: format, ImportedAt: time.Now().UTC().Format(time.RFC3339)}
	res, err := tx.ExecContext(ctx, "INSERT INTO imports(file, sha256, format, imported_at, records) VALUES(?, ?, ?, ?, 0)",
		imp.File, imp.SHA256, imp.Format, imp.ImportedAt)
	if err != nil {
		return Import{}, s.writeErr(err)
	}
	imp.ID, _ = res.LastInsertId()
	w, err := newWriter(ctx, c, "user", &imp.ID)
	if err != nil {
		return Import{}, s.writeErr(err)
	}
	// reading, checking and encoding the input on this goroutine and
	// writing to SQLite on the writer's take about as long each: done
	// side by side, the import takes about the longer of the two
	defer w.close() // before done: the goroutine ends before the rollback
	w.start(ctx)
	for {
		if err := ctx.Err(); err != nil {
			return Import{}, s.writeErr(err)
		}
		recs, where, rps, err := next()
		ps = append(ps, rps...)
		if err == io.EOF {
			break
		}
		if err != nil {
			if len(ps) > 0 {
				break
			}
			return Import{}, err
		}
		for _, r := range recs {
			id := r.Base().ID
			if own[id] {
				problem(where, id, "id", "duplicate id within the input")
				continue
			}
			own[id] = true
			if k, ok := seen[id]; ok {
				problem(where, id, "id", fmt.Sprintf("id already used by a %s record", k))
			}
			switch x := r.(type) {
			case *dataset.FX:
				k := fxKey{x.Currency, x.Year, x.Series}
				if other, dup := fx[k]; dup && other != x.ID {
					problem(where, id, "year", fmt.Sprintf("second %s rate for %d in series %q (also %s)", x.Currency, x.Year, x.Series, other))
				}
				fx[k] = x.ID
			case *dataset.Project:
				for i, l := range x.Lenders {
					refer(id, "lenders", i, l, "institution", where)
				}
				for i, l := range x.Loans {
					refer(id, "loans", i, l.Lender, "institution", where)
				}
			case *dataset.Event:
				for i, p := range x.Projects {
					refer(id, "projects", i, p, "project", where)
				}
				for i, in := range x.Institutions {
					refer(id, "institutions", i, in, "institution", where)
				}
			}
			if len(ps) > 0 {
				continue // nothing will be committed: only look for more problems
			}
			if err := w.add(ctx, r); err != nil {
				return Import{}, s.writeErr(err)
			}
			imp.Records++
		}
	}
	for _, r := range refs {
		if _, ok := seen[r.target]; !ok && !own[r.target] {
			problem(r.where, r.id, r.field, fmt.Sprintf("no %s with id %q", r.want, r.target))
		}
	}
	if len(ps) > 0 {
		return Import{}, ps
	}
	if err := w.flush(ctx); err != nil {
		return Import{}, s.writeErr(err)
	}
	if imp.Records == 0 {
		return Import{}, fmt.Errorf("%s: no records to import", file)
	}
	if _, err := tx.ExecContext(ctx, "UPDATE imports SET records = ? WHERE id = ?", imp.Records, imp.ID); err != nil {
		return Import{}, s.writeErr(err)
	}
	if err := tx.Commit(); err != nil {
		return Import{}, s.writeErr(err)
	}
	if syncOff {
		// committed without a sync: make the import durable before
		// saying it is done
		if err := syncFile(s.path); err != nil {
			return Import{}, s.writeErr(err)
		}
	}
	return imp, nil
}

// writeErr names the store in a write error and replaces SQLite's busy
// and read-only errors by [ErrBusy] and [ErrReadOnly]; a cancelled context
// says nothing was written.
func (s *Store) writeErr(err error) error {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("interrupted, nothing was written: %w", err)
	}
	return fmt.Errorf("store: %s: %w", s.path, friendly(err))
}

// ids returns the id and kind of every stored record.
func ids(ctx context.Context, q querier) (map[string]dataset.Kind, error) {
	rows, err := q.QueryContext(ctx, "SELECT id, kind FROM records")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]dataset.Kind{}
	for rows.Next() {
		var id, kind string
		if err := rows.Scan(&id, &kind); err != nil {
			return nil, err
		}
		out[id] = dataset.Kind(kind)
	}
	return out, rows.Err()
}

// RecordsOf returns the stored records of kind k, sorted by id.
func (s *Store) RecordsOf(ctx context.Context, k dataset.Kind) ([]dataset.Record, error) {
	set, err := s.query(ctx, "SELECT kind, body FROM records WHERE kind = ? ORDER BY id", string(k))
	if err != nil {
		return nil, err
	}
	return set.Of(k), nil
}

// Search returns the stored records that match every term of query, as
// [dataset.Search] matches and ranks them. Only the records whose search
// text contains every term are read and decoded.
func (s *Store) Search(ctx context.Context, query string) ([]dataset.Match, error) {
	return s.search(ctx, query, "")
}

// SearchHits returns the hits of query among the stored records of kind k
// ("" for every kind): [dataset.Hits]([Store.Search](query), k), the first
// limit of them (0 for all), and how many there are. With records false
// the hits' Record is nil.
//
// The hits are selected, scored, ranked, counted and cut to limit in one
// SQL statement, from the records' search texts and normalised headlines
// (the head column: a group of terms found there scores 2, see
// [dataset.Scored]); only the rowids of the hits returned come out of
// SQLite, and only those records are read (by rowid, a few hundred a
// statement) for their title and excerpt and, with records, decoded
// whole. A broad search (2,252 hits of
// 21,000 records) once read and decoded the head of every hit in Go to
// rank them, which cost more than the scan itself in a fresh process.
func (s *Store) SearchHits(ctx context.Context, query string, k dataset.Kind, records bool, limit int) ([]dataset.Hit, int, error) {
	q := dataset.NewQuery(query)
	if q.Empty() {
		return []dataset.Hit{}, 0, nil
	}
	// The scan reads every record once, through SQLite's page cache
	// (2,000 KiB: 31 of the store's 64 KiB pages), which cannot keep them
	// for the next search anyway; in a fresh process, filling it cost
	// about 450 page faults. The scan runs with a cache of 256 KiB, and the
	// connection gets its cache back after.
	c, err := s.db.Conn(ctx)
	if err != nil {
		return nil, 0, err
	}
	defer c.Close()
	var cache int
	if err := c.QueryRowContext(ctx, "PRAGMA cache_size").Scan(&cache); err != nil {
		return nil, 0, err
	}
	if _, err := c.ExecContext(ctx, "PRAGMA cache_size = -256"); err != nil {
		return nil, 0, err
	}
	defer c.ExecContext(context.Background(), "PRAGMA cache_size = "+strconv.Itoa(cache))
	sel, args := searchRanked(q.Groups(), k, limit)
	rows, err := c.QueryContext(ctx, sel, args...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	type hit struct {
		rowid int64
		kind  dataset.Kind
		alt   int // which alternative of the first group the search text holds
		score int
	}
	var hits []hit
	total := 0
	for rows.Next() {
		var h hit
		var kind string
		if err := rows.Scan(&h.rowid, &kind, &h.alt, &h.score, &total); err != nil {
			return nil, 0, err
		}
		h.kind = dataset.Kind(kind)
		hits = append(hits, h)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	rows.Close()
	out := make([]dataset.Hit, 0, len(hits))
	// the bodies of the hits, read a few hundred at a time by rowid
	bodies := map[int64][]byte{}
	var rowids []int64
	for i, h := range hits {
		if i%hitsRead == 0 {
			rowids = rowids[:0]
			for _, h := range hits[i:min(i+hitsRead, len(hits))] {
				rowids = append(rowids, h.rowid)
			}
			clear(bodies)
			if err := readBodies(ctx, c, rowids, bodies); err != nil {
				return nil, 0, err
			}
		}
		body, ok := bodies[h.rowid]
		if !ok {
			return nil, 0, fmt.Errorf("stored record %d: gone during the search", h.rowid)
		}
		head, err := dataset.DecodeHead(h.kind, body)
		if err != nil {
			return nil, 0, fmt.Errorf("stored record: %w", err)
		}
		sc := q.ScoreMatched(head, h.alt)
		if sc.Score != h.score {
			return nil, 0, fmt.Errorf("stored record %s: its stored head scores %d, the record %d (the store is inconsistent)", head.Base().ID, h.score, sc.Score)
		}
		var whole dataset.Record
		decode := func() (dataset.Record, error) {
			if whole == nil {
				r, err := dataset.Decode(h.kind, body)
				if err != nil {
					return nil, fmt.Errorf("stored record: %w", err)
				}
				whole = r
			}
			return whole, nil
		}
		m, err := q.Match(head, sc, func() (string, error) {
			r, err := decode()
			if err != nil {
				return "", err
			}
			return dataset.Text(r), nil
		})
		if err != nil {
			return nil, 0, err
		}
		hit := dataset.Hit{ID: head.Base().ID, Kind: head.RecordKind(), Title: dataset.Title(head), Excerpt: m.Excerpt}
		if records {
			if hit.Record, err = decode(); err != nil {
				return nil, 0, err
			}
		}
		out = append(out, hit)
	}
	return out, total, nil
}

// hitsRead is the number of records SearchHits reads in one statement
// (SQLite allows 32,766 parameters).
const hitsRead = 500

// readBodies reads the bodies of the records of the given rowids into
// bodies, by rowid, in one statement.
func readBodies(ctx context.Context, q querier, rowids []int64, bodies map[int64][]byte) error {
	if len(rowids) == 0 {
		return nil
	}
	args := make([]any, len(rowids))
	for i, id := range rowids {
		args[i] = id
	}
	rows, err := q.QueryContext(ctx, "SELECT rowid, body FROM records WHERE rowid IN (?"+strings.Repeat(", ?", len(rowids)-1)+")", args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var body []byte
		if err := rows.Scan(&id, &body); err != nil {
			return err
		}
		bodies[id] = body
	}
	return rows.Err()
}

// searchRanked is the statement (and its arguments) that selects the
// records of kind k ("" for all) whose search text contains every group of
// terms, best first, at most limit of them (0 for all): the rowid, kind,
// which alternative of the first group the search text holds (for the
// excerpt; -1 for none, which cannot be), the score and the number of
// hits. The order is dataset.Search's: score (2 for a group found in the
// head, 1 for one found only elsewhere) descending, then the kind's place
// in [dataset.Kinds], then the id (byte order, as strings.Compare).
func searchRanked(groups [][]string, k dataset.Kind, limit int) (string, []any) {
	var args []any
	var b strings.Builder
	b.WriteString("SELECT rowid, kind, ")
	if alts := groups[0]; len(alts) > 1 {
		b.WriteString("CASE")
		for i, alt := range alts {
			fmt.Fprintf(&b, " WHEN ig_contains(search, ?) THEN %d", i)
			args = append(args, alt)
		}
		b.WriteString(" ELSE -1 END")
	} else {
		b.WriteString("0")
	}
	b.WriteString(", ")
	for i, g := range groups {
		if i > 0 {
			b.WriteString(" + ")
		}
		b.WriteString("CASE WHEN ")
		for j, alt := range g {
			if j > 0 {
				b.WriteString(" OR ")
			}
			b.WriteString("ig_contains(head, ?)")
			args = append(args, alt)
		}
		b.WriteString(" THEN 2 ELSE 1 END")
	}
	b.WriteString(" AS score, count(*) OVER () FROM records WHERE ")
	where, wargs := searchWhere(groups, k)
	b.WriteString(where)
	args = append(args, wargs...)
	b.WriteString(" ORDER BY score DESC, CASE kind")
	for i, kind := range dataset.Kinds {
		fmt.Fprintf(&b, " WHEN '%s' THEN %d", kind, i)
	}
	fmt.Fprintf(&b, " ELSE %d END, id", len(dataset.Kinds))
	if limit > 0 {
		b.WriteString(" LIMIT ?")
		args = append(args, limit)
	}
	return b.String(), args
}

// searchWhere is the WHERE clause (and its arguments) that selects the
// records of kind k ("" for all) whose search text contains every group of
// terms (one of its alternatives).
func searchWhere(groups [][]string, k dataset.Kind) (string, []any) {
	var where []string
	var args []any
	for _, g := range groups {
		var alts []string
		for _, alt := range g {
			alts = append(alts, "ig_contains(search, ?)")
			args = append(args, alt)
		}
		where = append(where, "("+strings.Join(alts, " OR ")+")")
	}
	if k != "" {
		where = append(where, "kind = ?")
		args = append(args, string(k))
	}
	return strings.Join(where, " AND "), args
}

// search selects the records of kind k ("" for all) whose search text
// contains every term of query, decodes them whole and ranks them.
func (s *Store) search(ctx context.Context, query string, k dataset.Kind) ([]dataset.Match, error) {
	groups := dataset.Terms(query)
	if len(groups) == 0 {
		return nil, nil
	}
	where, args := searchWhere(groups, k)
	rows, err := s.db.QueryContext(ctx, "SELECT kind, body, search FROM records WHERE "+where+" ORDER BY id", args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	type hit struct {
		r    dataset.Record
		text string
	}
	byKind := map[dataset.Kind][]hit{}
	for rows.Next() {
		var kind, text string
		var body []byte
		if err := rows.Scan(&kind, &body, &text); err != nil {
			return nil, err
		}
		r, err := dataset.Decode(dataset.Kind(kind), body)
		if err != nil {
			return nil, fmt.Errorf("stored record: %w", err)
		}
		byKind[r.RecordKind()] = append(byKind[r.RecordKind()], hit{r, text})
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	// the stored search texts rank the hits; the order is Set.All's
	var rs []dataset.Record
	var texts []string
	for _, k := range dataset.Kinds {
		for _, h := range byKind[k] {
			rs, texts = append(rs, h.r), append(texts, h.text)
		}
	}
	return dataset.SearchTexts(rs, texts, query), nil
}

func (s *Store) query(ctx context.Context, q string, args ...any) (*dataset.Set, error) {
	return query(ctx, s.db, q, args...)
}

func query(ctx context.Context, db querier, q string, args ...any) (*dataset.Set, error) {
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	set := &dataset.Set{}
	for rows.Next() {
		var kind string
		var body []byte
		if err := rows.Scan(&kind, &body); err != nil {
			return nil, err
		}
		r, err := dataset.Decode(dataset.Kind(kind), body)
		if err != nil {
			return nil, fmt.Errorf("stored record: %w", err)
		}
		set.Add(r)
	}
	return set, rows.Err()
}

// Imports lists the imports, oldest first.
func (s *Store) Imports(ctx context.Context) ([]Import, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT id, file, sha256, format, imported_at, records FROM imports ORDER BY id")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Import
	for rows.Next() {
		var i Import
		if err := rows.Scan(&i.ID, &i.File, &i.SHA256, &i.Format, &i.ImportedAt, &i.Records); err != nil {
			return nil, err
		}
		out = append(out, i)
	}
	return out, rows.Err()
}

// RemoveImport deletes an import and its records (embedded records cannot
// be removed). It reports how many records were deleted.
func (s *Store) RemoveImport(ctx context.Context, id int64) (int, error) {
	if s.readOnly {
		return 0, fmt.Errorf("store: %s: %w", s.path, ErrReadOnly)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, s.writeErr(err)
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, "DELETE FROM records WHERE import_id = ? AND origin = 'user'", id)
	if err != nil {
		return 0, err
	}
	n, _ := res.RowsAffected()
	res, err = tx.ExecContext(ctx, "DELETE FROM imports WHERE id = ?", id)
	if err != nil {
		return 0, err
	}
	if m, _ := res.RowsAffected(); m == 0 {
		return 0, fmt.Errorf("no import #%d", id)
	}
	return int(n), tx.Commit()
}

// Origin says where a stored record came from: "embedded" or "user" (with
// the import number).
func (s *Store) Origin(ctx context.Context, id string) (origin string, importID int64, err error) {
	var imp sql.NullInt64
	err = s.db.QueryRowContext(ctx, "SELECT origin, import_id FROM records WHERE id = ?", id).Scan(&origin, &imp)
	return origin, imp.Int64, err
}
