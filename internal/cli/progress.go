package cli

import (
	"github.com/schollz/progressbar/v3"
)

// progress returns a callback reporting done of total units of work, drawn
// as a bar on stderr only when stderr is a terminal and --no-progress is not
// set, and a function that finishes the bar. Domain packages report progress
// through such callbacks and never print.
func (a *App) progress(total int, desc string) (update func(done int), finish func()) {
	if a.NoProgress || !isTerminal(a.Err) || total <= 0 {
		return func(int) {}, func() {}
	}
	bar := progressbar.NewOptions(total,
		progressbar.OptionSetWriter(a.Err),
		progressbar.OptionSetDescription(desc),
		progressbar.OptionShowCount(),
		progressbar.OptionThrottle(100_000_000),
		progressbar.OptionClearOnFinish(),
	)
	return func(done int) { _ = bar.Set(done) }, func() { _ = bar.Finish() }
}
