package records

import (
	"os"
	"path/filepath"
)

// Memory is the path of a private in-memory store holding only the
// embedded dataset (store.Memory; a test checks they are equal).
const Memory = ":memory:"

// DefaultHint describes the default database file, for help texts.
const DefaultHint = "$INFRAGAME_DB, else <user data dir>/infragame/infragame.db"

// Path resolves the database file: flag (--db) when not "", then
// $INFRAGAME_DB, then $XDG_DATA_HOME/infragame/infragame.db
// (~/.local/share/... on Linux, os.UserConfigDir elsewhere).
func Path(flag string) (string, error) {
	if flag != "" {
		return flag, nil
	}
	if p := os.Getenv("INFRAGAME_DB"); p != "" {
		return p, nil
	}
	dir := os.Getenv("XDG_DATA_HOME")
	if dir == "" {
		if home, err := os.UserHomeDir(); err == nil {
			dir = filepath.Join(home, ".local", "share")
		} else if cfg, err2 := os.UserConfigDir(); err2 == nil {
			dir = cfg
		} else {
			return "", err
		}
	}
	return filepath.Join(dir, "infragame", "infragame.db"), nil
}

// Explicit reports whether the user named the database (flag or
// $INFRAGAME_DB) rather than leaving it to the default location.
func Explicit(flag string) bool { return flag != "" || os.Getenv("INFRAGAME_DB") != "" }
