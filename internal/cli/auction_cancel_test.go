package cli_test

import (
	"path/filepath"
	"strings"
	"testing"
)

// The shooting solver polls the command's context: --timeout stops a
// ten-bidder solve (about 50 ms on a quiet machine) with the timeout
// message instead of running it to the end.
func TestAuctionSolveStopsAtTimeout(t *testing.T) {
	spec := filepath.Join("..", "..", "examples", "auction", "ten_bidders.yaml")
	_, stderr, code := run(t, tempDB(t), "--timeout", "1ms", "auction", "solve", spec)
	if code != 1 || !strings.Contains(stderr, "stopped after --timeout 1ms") {
		t.Errorf("exit %d, stderr %q: want 1 and the timeout message", code, stderr)
	}
}
