package tender_test

import (
	"strings"
	"testing"

	"github.com/infragame/infragame/tender"
)

// TestCaseTenderRefusesNonPositiveRealRate: a case whose sovereign yield
// is below its inflation would make delay lower the host's cost (and the
// choice model's log cost undefined); it is refused with the two fields.
func TestCaseTenderRefusesNonPositiveRealRate(t *testing.T) {
	f := &tender.File{Observables: &tender.Observables{SovereignYield: 0, Inflation: 0.06}}
	_, err := f.CaseTender(tender.DefaultRule)
	if err == nil || !strings.Contains(err.Error(), "sovereign_yield 0 with inflation 0.06") {
		t.Fatalf("err = %v", err)
	}
}
