package i18n_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/infragame/infragame/brief"
	"github.com/infragame/infragame/report/i18n"
)

// TestEveryKeyTranslated fails when a catalogue entry lacks a language or
// when the languages disagree on the number of arguments they format.
func TestEveryKeyTranslated(t *testing.T) {
	verbs := regexp.MustCompile(`%(\[\d+\])?[-+#0]*(\.\d+)?(\[\d+\])?[a-zA-Z]`)
	for _, k := range i18n.Keys() {
		en, zh := i18n.EN.T(k), i18n.ZH.T(k)
		if strings.TrimSpace(en) == "" || strings.TrimSpace(zh) == "" {
			t.Errorf("%s: en %q, zh %q: a language is missing", k, en, zh)
		}
		ne := len(verbs.FindAllString(strings.ReplaceAll(en, "%%", ""), -1))
		nz := len(verbs.FindAllString(strings.ReplaceAll(zh, "%%", ""), -1))
		if ne != nz {
			t.Errorf("%s: %d verbs in en, %d in zh", k, ne, nz)
		}
	}
}

// TestKeysUsedExist scans the packages that draw labels for keys passed to
// T or Tf and fails on any key missing from the catalogue.
func TestKeysUsedExist(t *testing.T) {
	use := regexp.MustCompile(`\.Tf?\("([a-z0-9_.]+)"`)
	dirs := []string{"../../publish", "../../internal/cli", "../../web"}
	n := 0
	for _, dir := range dirs {
		files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range use.FindAllStringSubmatch(string(b), -1) {
				n++
				key := m[1]
				if strings.HasSuffix(key, ".") { // a prefix completed at run time; checked below
					continue
				}
				if !i18n.Has(key) {
					t.Errorf("%s: key %q is not in the catalogue", f, key)
				}
			}
		}
	}
	if n < 50 {
		t.Errorf("found only %d uses of the catalogue; has the scan broken?", n)
	}
	// keys built at run time
	for _, s := range brief.SectorSeries {
		if !i18n.Has("sector." + s.Sector) {
			t.Errorf("sector %q has no label", s.Sector)
		}
	}
	for _, axis := range []string{"grace", "maturity"} {
		if !i18n.Has("axis." + axis + "_years") {
			t.Errorf("axis %q has no label", axis)
		}
	}
	for _, k := range []string{"col.bidders", "col.partners", "terms.equity", "terms.debt_service", "terms.lifecycle", "terms.fiscal_premium", "terms.guarantee", "terms.tied"} {
		if !i18n.Has(k) {
			t.Errorf("%q missing", k)
		}
	}
}

func TestAmount(t *testing.T) {
	tests := []struct {
		l    i18n.Lang
		v    float64
		unit string
		want string
	}{
		// seed §1.1: "30 万亿日元" and §1.3: "9． 26 万亿日元"
		{i18n.ZH, 30e12, "JPY", "30万亿日元"},
		{i18n.ZH, 9.26e12, "JPY", "9.26万亿日元"},
		{i18n.ZH, 5e11, "JPY", "5000亿日元"},
		// seed: AIIB capital "1000 亿美元"
		{i18n.ZH, 1e11, "USD", "1000亿美元"},
		{i18n.ZH, 2.101e11, "USD", "2101亿美元"},
		{i18n.ZH, 250, "count", "250 count"},
		{i18n.EN, 30e12, "JPY", "¥30 tn"},
		{i18n.EN, 1e11, "USD", "$100 bn"},
		{i18n.EN, 1.5e6, "USD", "$1.5 m"},
	}
	for _, tt := range tests {
		if got := tt.l.Amount(tt.v, tt.unit); got != tt.want {
			t.Errorf("%s Amount(%g, %s) = %q, want %q", tt.l, tt.v, tt.unit, got, tt.want)
		}
	}
}

func TestParseLang(t *testing.T) {
	for s, want := range map[string]i18n.Lang{"en": i18n.EN, "ZH": i18n.ZH, "zh-Hans": i18n.ZH, "en-GB": i18n.EN} {
		if got, err := i18n.ParseLang(s); err != nil || got != want {
			t.Errorf("ParseLang(%q) = %q, %v", s, got, err)
		}
	}
	if _, err := i18n.ParseLang("ja"); err == nil {
		t.Error("ja accepted")
	}
	if got := i18n.EN.T("no.such.key"); got != "[no.such.key]" {
		t.Errorf("unknown key: %q", got)
	}
}

func ExampleLang_Amount() {
	fmt.Println(i18n.ZH.Amount(9.26e12, "JPY"), i18n.EN.Amount(9.26e12, "JPY"))
	fmt.Println(i18n.ZH.Amount(1e11, "USD"), i18n.EN.Amount(1e11, "USD"))
	// Output:
	// 9.26万亿日元 ¥9.26 tn
	// 1000亿美元 $100 bn
}
