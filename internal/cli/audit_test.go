package cli_test

import (
	"strings"
	"testing"
)

// Review, "other wrong numbers": tender evaluate --runs on a case without
// uncertain inputs ran identical draws without a word; it now says so.
func TestTenderRunsWithoutUncertainty(t *testing.T) {
	out, errOut, code := run(t, tempDB(t), "tender", "evaluate", "case:jakarta-bandung-2015", "--runs", "10")
	if code != 0 || !strings.Contains(errOut, "no uncertain inputs, so every run is the same evaluation") || !strings.Contains(out, "every run is the same evaluation") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
}

// Review, "database error omits the cause": --db naming a directory says so.
func TestDBDirectory(t *testing.T) {
	dir := t.TempDir()
	_, errOut, code := run(t, dir, "data", "summary")
	if code != 1 || !strings.Contains(errOut, dir+" is a directory; --db (or INFRAGAME_DB) names the database file") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
}
