package cli

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"
)

// progress returns a callback reporting done of total units of work, drawn
// as a bar on stderr only when stderr is a terminal and --no-progress is not
// set, and a function that finishes the bar. Domain packages report progress
// through such callbacks and never print.
func (a *App) progress(total int, desc string) (update func(done int), finish func()) {
	if a.NoProgress || !isTerminal(a.Err) || total <= 0 {
		return func(int) {}, func() {}
	}
	b := newBar(a.Err, desc, int64(total), 100*time.Millisecond)
	return func(done int) { b.set(int64(done)) }, b.finish
}

// bar draws the progress of a long command on one line of a terminal:
// "DESC  42% [########            ] 420/1000", or "DESC  420" when the
// total is unknown. It redraws at most once per throttle and clears its
// line when finished. Its methods may be called from any goroutine.
type bar struct {
	mu       sync.Mutex
	w        io.Writer
	desc     string
	total    int64 // < 0: unknown
	throttle time.Duration
	last     time.Time
	n        int64
	width    int // length of the line last drawn, to blank it
}

func newBar(w io.Writer, desc string, total int64, throttle time.Duration) *bar {
	return &bar{w: w, desc: desc, total: total, throttle: throttle}
}

// barCells is the number of cells of a bar with a known total.
const barCells = 20

func (b *bar) set(n int64) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.n = n
	if now := time.Now(); now.Sub(b.last) >= b.throttle {
		b.last = now
		b.draw()
	}
}

// describe changes the text before the count.
func (b *bar) describe(desc string) {
	b.mu.Lock()
	b.desc = desc
	b.mu.Unlock()
}

func (b *bar) draw() {
	var line string
	if b.total > 0 {
		f := min(max(float64(b.n)/float64(b.total), 0), 1)
		full := int(f * barCells)
		line = fmt.Sprintf("%s %3.0f%% [%s%s] %d/%d", b.desc, 100*f, strings.Repeat("#", full), strings.Repeat(" ", barCells-full), b.n, b.total)
	} else {
		line = fmt.Sprintf("%s %d", b.desc, b.n)
	}
	pad := max(b.width-len(line), 0)
	b.width = len(line)
	fmt.Fprintf(b.w, "\r%s%s", line, strings.Repeat(" ", pad))
}

// finish clears the bar's line.
func (b *bar) finish() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.width > 0 {
		fmt.Fprintf(b.w, "\r%s\r", strings.Repeat(" ", b.width))
		b.width = 0
	}
}
