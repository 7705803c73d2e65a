package cli

import (
	"os"
	"path/filepath"
)

const defaultDBHint = "$INFRAGAME_DB, else <user data dir>/infragame/infragame.db"

// dbPath resolves the database file: --db, then $INFRAGAME_DB, then
// $XDG_DATA_HOME/infragame/infragame.db (~/.local/share/... on Linux,
// os.UserConfigDir elsewhere).
func (a *App) dbPath() (string, error) {
	if a.DBPath != "" {
		return a.DBPath, nil
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
