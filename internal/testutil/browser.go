package testutil

import (
	"context"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/infragame/infragame/report"
)

// Browser starts headless Chromium for t (report.BrowserPath, else the
// Debian package chromium; skipped without it, failing under CI=true) and
// returns its allocator context, stopped when the test ends.
func Browser(t *testing.T) context.Context {
	t.Helper()
	bin, err := report.BrowserPath()
	if err != nil {
		bin = RequireTool(t, "chromium", "chromium")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(bin), chromedp.NoSandbox, chromedp.DisableGPU, chromedp.UserDataDir(filepath.Join(t.TempDir(), "profile")),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("no-first-run", true), chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.WindowSize(1280, 1000))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	return actx
}

// Tab opens a tab of the browser actx that collects what a page must not
// produce: console errors (and warnings when warnings is set), uncaught
// exceptions, and browser log errors (a failed request, a CSP violation).
// problems returns them so far; close closes the tab.
func Tab(t *testing.T, actx context.Context, warnings bool) (ctx context.Context, problems func() []string, close func()) {
	t.Helper()
	ctx, cancel := chromedp.NewContext(actx)
	var mu sync.Mutex
	var found []string
	if err := chromedp.Listen(ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch e := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError || (warnings && e.Type == runtime.ConsoleAPICalledTypeWarning) {
				var parts []string
				for _, a := range e.Args {
					parts = append(parts, string(a.Value))
				}
				found = append(found, "console "+string(e.Type)+": "+strings.Join(parts, " "))
			}
		case *runtime.EventExceptionThrown:
			found = append(found, "exception: "+e.ExceptionDetails.Text)
		case *log.EventEntryAdded:
			if e.Entry.Level == log.EntryLevelError {
				found = append(found, "log: "+e.Entry.Text+" "+e.Entry.URL)
			}
		}
	}); err != nil {
		t.Fatal(err)
	}
	return ctx, func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), found...)
	}, cancel
}
