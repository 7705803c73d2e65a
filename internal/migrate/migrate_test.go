package migrate

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/infragame/infragame/internal/pctyaml"
)

// Each kind migrates a decimal-form file: the keys gain _pct, the numbers
// move their decimal point in the text, everything else (comments, order,
// other fields) stays byte for byte, and the result reads.
func TestFile(t *testing.T) {
	tests := []struct {
		kind, in, want string
		rewritten      int
	}{
		{
			kind:      "lcc",
			in:        "# rates as decimals\nanalysis: {horizon: 30, discount_rate: 0.035, inflation: 0.02}\nalternatives:\n  - name: a\n    capex: 100\n    service_life: 30\n    om: 2\n    om_escalation: 0.01   # 1 %\n",
			want:      "# rates as decimals\nanalysis: {horizon: 30, discount_rate_pct: 3.5, inflation_pct: 2}\nalternatives:\n  - name: a\n    capex: 100\n    service_life: 30\n    om: 2\n    om_escalation_pct: 1   # 1 %\n",
			rewritten: 3,
		},
		{
			kind:      "sim",
			in:        "name: f\nstart: 2010\nend: 2012\nparams:\n  jp.concessional.rate: 0.01   # JICA yen loan\n  jp.guarantee_share: 0.5\n  jp.approval_years: 2\n",
			want:      "name: f\nstart: 2010\nend: 2012\nparams:\n  jp.concessional.rate_pct: 1   # JICA yen loan\n  jp.guarantee_share_pct: 50\n  jp.approval_years: 2\n",
			rewritten: 2,
		},
	}
	for _, tc := range tests {
		t.Run(tc.kind, func(t *testing.T) {
			k, err := Lookup(tc.kind)
			if err != nil {
				t.Fatal(err)
			}
			res, err := k.File("old.yaml", []byte(tc.in))
			if err != nil {
				t.Fatal(err)
			}
			if res.File != tc.want {
				t.Errorf("migrated:\n%s\nwant:\n%s", res.File, tc.want)
			}
			if res.Rewritten != tc.rewritten || res.Kind != tc.kind || res.Name != "old.yaml" {
				t.Errorf("result %+v, want %d rewritten", res, tc.rewritten)
			}
			if len(res.Notes) != 2 || !strings.HasPrefix(res.Notes[0], fmt.Sprintf("old.yaml: %d field(s) rewritten", tc.rewritten)) {
				t.Errorf("notes %q", res.Notes)
			}
			// Migrating the migrated file changes nothing and says so.
			again, err := k.File("old.yaml", []byte(res.File))
			if err != nil {
				t.Fatal(err)
			}
			if again.File != res.File || again.Rewritten != 0 || !strings.Contains(again.Notes[1], "returned unchanged") {
				t.Errorf("second migration: %+v", again)
			}
		})
	}
}

// The tender kind takes a case of the library back to its decimal form:
// written with the old names (rate: 0.001 for the 0.1 % yen loan,
// share_financed: 0.75), it migrates to the case file as it is, byte for
// byte.
func TestFileTenderCase(t *testing.T) {
	b, err := os.ReadFile("../../cases/jakarta-bandung-2015.yaml")
	if err != nil {
		t.Fatal(err)
	}
	current := string(b)
	old := strings.NewReplacer("rate_pct: 0.1,", "rate: 0.001,", "share_financed_pct: 75", "share_financed: 0.75").Replace(current)
	if old == current {
		t.Fatal("the case no longer has rate_pct: 0.1 or share_financed_pct: 75; pick other fields")
	}
	k, _ := Lookup("tender")
	res, err := k.File("jb.yaml", []byte(old))
	if err != nil {
		t.Fatal(err)
	}
	if res.File != current {
		t.Errorf("migrated case differs from the case file:\n%s", res.File)
	}
	if res.Rewritten < 2 {
		t.Errorf("%d fields rewritten, want at least 2", res.Rewritten)
	}
}

// The help text's example of each kind is itself a migration the kind
// performs, so the help never shows a field the code does not rewrite.
func TestHelpExamplesMigrate(t *testing.T) {
	for _, name := range Kinds() {
		k, _ := Lookup(name)
		if k.Before == "" || k.After == "" || k.What == "" {
			t.Errorf("%s: empty help fields %+v", name, k)
			continue
		}
		out, n, err := migrateText(k, k.Before)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if n != 1 || strings.TrimSpace(out) != k.After {
			t.Errorf("%s: %q migrates to %q (%d fields), help says %q", name, k.Before, out, n, k.After)
		}
	}
}

// Errors: an unknown kind, a file giving both names of one quantity (the
// line and field are named), and a rate that is not a plain number.
func TestErrors(t *testing.T) {
	if _, err := Lookup("auction"); !errors.Is(err, ErrUnknownKind) || !strings.Contains(err.Error(), `"auction"`) {
		t.Errorf("unknown kind: %v", err)
	}
	k, _ := Lookup("lcc")
	both := "analysis:\n  horizon: 30\n  discount_rate: 0.035\n  discount_rate_pct: 3.5\nalternatives:\n  - {name: a, capex: 100, service_life: 30}\n"
	if _, err := k.File("both.yaml", []byte(both)); err == nil || !strings.Contains(err.Error(), "both.yaml:3:3: analysis.discount_rate: both") {
		t.Errorf("both names: %v", err)
	}
	word := "analysis: {horizon: 30, discount_rate: low}\nalternatives:\n  - {name: a, capex: 100, service_life: 30}\n"
	if _, err := k.File("word.yaml", []byte(word)); err == nil || !strings.Contains(err.Error(), "word.yaml:1:") || !strings.Contains(err.Error(), "discount_rate") {
		t.Errorf("a rate that is not a number: %v", err)
	}
	if got := Kinds(); strings.Join(got, ",") != "lcc,sim,tender" {
		t.Errorf("Kinds() = %v", got)
	}
}

// migrateText runs the kind's field rewrite alone (without the check that
// the whole file reads), for one-line help examples.
func migrateText(k Kind, s string) (string, int, error) {
	out, n, err := pctyaml.Migrate("help", []byte(s), k.fields(), k.sourcesKey)
	return string(out), n, err
}

func ExampleKind_File() {
	k, _ := Lookup("sim")
	res, err := k.File("old.yaml", []byte("name: s\nstart: 2010\nend: 2011\nparams:\n  jp.concessional.rate: 0.01  # JICA\n"))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(res.File)
	fmt.Println(res.Notes[0])
	// Output:
	// name: s
	// start: 2010
	// end: 2011
	// params:
	//   jp.concessional.rate_pct: 1  # JICA
	// old.yaml: 1 field(s) rewritten as percentages
}
