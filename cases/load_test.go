package cases_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/infragame/infragame/cases"
)

func ExampleOpen() {
	f, err := cases.Open("case:mumbai-ahmedabad-2015", os.ReadFile)
	if err != nil {
		panic(err)
	}
	fmt.Println(f.ID, f.Outcome.Winner)
	_, err = cases.Open("case:nowhere", os.ReadFile)
	fmt.Println(err)
	// Output:
	// mumbai-ahmedabad-2015 japan
	// no case "nowhere" (see "infragame tender cases")
}

func ExampleChoiceModel() {
	m, err := cases.ChoiceModel()
	if err != nil {
		panic(err)
	}
	fmt.Printf("fitted on %d decided contests, %d offers\n", m.Cases, m.Offers)
	// Output:
	// fitted on 15 decided contests, 30 offers
}

func TestReadFiles(t *testing.T) {
	raw, err := cases.Raw("jakarta-bandung-2015.yaml")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	mine := strings.Replace(string(raw), "id: jakarta-bandung-2015", "id: my-case", 1)
	if err := os.WriteFile(filepath.Join(dir, "a.yaml"), []byte(mine), 0o600); err != nil {
		t.Fatal(err)
	}
	fs, err := cases.ReadFiles([]string{dir}, true)
	if err != nil || len(fs) != 1 || fs[0].ID != "my-case" {
		t.Fatalf("only: %v, %v", fs, err)
	}
	lib := len(cases.Names())
	if fs, err := cases.ReadFiles([]string{dir}, false); err != nil || len(fs) != lib+1 {
		t.Fatalf("with the library: %d files, %v (want %d)", len(fs), err, lib+1)
	}
	for name, c := range map[string]struct {
		content string
		want    string
	}{
		"dup.yaml": {string(raw), `case id "jakarta-bandung-2015" already given by the embedded library`},
		"big.yaml": {strings.Repeat("#", cases.MaxFileBytes+1), "larger than 1048576 bytes"},
		"bad.yaml": {"id: x\noffers: 3\n", "bad.yaml"},
	} {
		p := filepath.Join(t.TempDir(), name)
		if err := os.WriteFile(p, []byte(c.content), 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := cases.ReadFiles([]string{p}, false); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want %q", name, err, c.want)
		}
	}
	if _, err := cases.ReadFiles([]string{t.TempDir()}, true); err == nil || !strings.Contains(err.Error(), "no *.yaml case files") {
		t.Errorf("empty directory: %v", err)
	}
}
