package cases_test

import (
	"os"
	"strings"
	"testing"

	"github.com/infragame/infragame/cases"
	"github.com/infragame/infragame/tender"
)

// The backtest table quoted in docs/tender.md and the README is the one
// the code computes; when the library or the model changes, the failure
// prints the table to paste.
func TestBacktestTableQuoted(t *testing.T) {
	fs, err := cases.All()
	if err != nil {
		t.Fatal(err)
	}
	cv, err := tender.CrossValidate(fs)
	if err != nil {
		t.Fatal(err)
	}
	want := cv.Markdown()
	for _, p := range []string{"../docs/tender.md", "../README.md"} {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), want) {
			t.Errorf("%s does not quote the current backtest table; it should contain:\n%s", p, want)
		}
	}
}
