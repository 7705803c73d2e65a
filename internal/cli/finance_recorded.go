package cli

import (
	"strings"

	"github.com/infragame/infragame/finance"
)

// recordedNote states the loan attributes that are recorded but not priced
// (--guarantee-required, --tied), so a table shows what JSON echoes; "" when
// there are none.
func recordedNote(t finance.LoanTerms) string {
	var parts []string
	if t.GuaranteeRequired {
		parts = append(parts, "a sovereign guarantee is required")
	}
	if t.Tied {
		parts = append(parts, "procurement is tied")
	}
	if len(parts) == 0 {
		return ""
	}
	return "recorded, not priced here: " + strings.Join(parts, "; ")
}
