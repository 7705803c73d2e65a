// Package i18n is the one message catalogue of infragame's human-facing
// output: chart titles and axis labels, report headings and table columns,
// in English and Simplified Chinese. Reports, charts and a web front end
// look labels up here, so a label exists in both languages or a test fails.
//
// It also writes amounts the way each language's sources print them: in
// Chinese with the number words of the seed paper (万亿日元 = 10^12 yen,
// 亿美元 = 10^8 dollars), in English with tn/bn.
package i18n

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
)

// Lang is a language of the catalogue.
type Lang string

// The languages of the catalogue.
const (
	EN Lang = "en"
	ZH Lang = "zh"
)

// Langs lists every language of the catalogue.
var Langs = []Lang{EN, ZH}

// ParseLang returns the language named s: en or zh (zh-CN, zh-Hans and
// en-US style tags are accepted).
func ParseLang(s string) (Lang, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	switch {
	case t == "en" || strings.HasPrefix(t, "en-"):
		return EN, nil
	case t == "zh" || strings.HasPrefix(t, "zh-"):
		return ZH, nil
	}
	return "", fmt.Errorf("i18n: unknown language %q (want en or zh)", s)
}

// T returns the message key in language l. An unknown key is returned
// as it is, in brackets, so a missing entry shows instead of vanishing; the
// package's tests check that every key used in the code is in the catalogue.
func (l Lang) T(key string) string {
	m, ok := lookup(key)
	if !ok {
		return "[" + key + "]"
	}
	if l == ZH {
		return m.zh
	}
	return m.en
}

// Tf formats the message key with args (fmt verbs in both languages).
func (l Lang) Tf(key string, args ...any) string { return fmt.Sprintf(l.T(key), args...) }

// Has reports whether key is in the catalogue.
func Has(key string) bool { _, ok := lookup(key); return ok }

// lookup finds key in the report catalogue or the web app's.
func lookup(key string) (msg, bool) {
	if m, ok := catalogue()[key]; ok {
		return m, true
	}
	m, ok := webCatalogue()[key]
	return m, ok
}

// Keys returns every key of the catalogue, sorted.
func Keys() []string {
	ks := make([]string, 0, len(catalogue())+len(webCatalogue()))
	for k := range catalogue() {
		ks = append(ks, k)
	}
	for k := range webCatalogue() {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// Name picks the Chinese name of a record in Chinese when it has one, else
// the English name.
func (l Lang) Name(en, zh string) string {
	if l == ZH && zh != "" {
		return zh
	}
	return en
}

// Amount writes a money amount in whole currency units (JPY, USD, CNY) the
// way the language's sources print it: in Chinese 9.26万亿日元, 1250亿美元,
// 3000亿元; in English ¥9.26 tn, $125 bn. Other units get the plain number
// and the unit.
func (l Lang) Amount(v float64, unit string) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	if l == ZH {
		word := map[string]string{"JPY": "日元", "USD": "美元", "CNY": "元", "EUR": "欧元"}[unit]
		if word == "" {
			return short(v) + " " + unit
		}
		switch a := math.Abs(v); {
		case a >= 1e12 && unit == "JPY":
			return short(v/1e12) + "万亿" + word
		case a >= 1e8:
			return short(v/1e8) + "亿" + word
		case a >= 1e4:
			return short(v/1e4) + "万" + word
		}
		return short(v) + word
	}
	sym := map[string]string{"JPY": "¥", "USD": "$", "CNY": "CN¥", "EUR": "€"}[unit]
	if sym == "" {
		return short(v) + " " + unit
	}
	switch a := math.Abs(v); {
	case a >= 1e12:
		return sym + short(v/1e12) + " tn"
	case a >= 1e9:
		return sym + short(v/1e9) + " bn"
	case a >= 1e6:
		return sym + short(v/1e6) + " m"
	}
	return sym + short(v)
}

// short prints x with at most four significant digits, no exponent.
func short(x float64) string {
	if math.Abs(x) >= 1000 {
		return strconv.FormatFloat(math.Round(x), 'f', -1, 64)
	}
	s := strconv.FormatFloat(x, 'g', 4, 64)
	if strings.ContainsAny(s, "e") {
		s = strconv.FormatFloat(x, 'f', -1, 64)
	}
	return s
}

// Percent writes a fraction as a percentage with one decimal (0.123 → 12.3 %).
func (l Lang) Percent(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "–"
	}
	if l == ZH {
		return fmt.Sprintf("%.1f%%", 100*x)
	}
	return fmt.Sprintf("%.1f %%", 100*x)
}
