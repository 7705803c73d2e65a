package dataset

import (
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// scaleWords maps scale words, in English and Chinese, to their factor.
// Longer words come first where one is a prefix of another (万亿 before 万).
var scaleWords = []struct {
	word   string
	factor float64
}{
	{"trillion", 1e12}, {"tn", 1e12}, {"万亿", 1e12}, {"兆", 1e12},
	{"billion", 1e9}, {"bn", 1e9}, {"十亿", 1e9},
	{"亿", 1e8},
	{"million", 1e6}, {"mn", 1e6}, {"mln", 1e6}, {"百万", 1e6},
	{"万", 1e4},
	{"thousand", 1e3}, {"千", 1e3},
}

// currencyWords maps currency words to the spellings records use: the
// ISO 4217 code in values and the Chinese word in printed figures.
var currencyWords = map[string][]string{
	"dollar": {"usd", "美元"}, "dollars": {"usd", "美元"}, "us$": {"usd", "美元"}, "$": {"usd", "美元"}, "usd": {"usd", "美元"}, "美元": {"usd", "美元"},
	"yen": {"jpy", "日元"}, "jpy": {"jpy", "日元"}, "¥": {"jpy", "日元"}, "日元": {"jpy", "日元"},
	"yuan": {"cny", "人民币"}, "rmb": {"cny", "人民币"}, "renminbi": {"cny", "人民币"}, "cny": {"cny", "人民币"}, "人民币": {"cny", "人民币"},
}

var numberPrefix = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[-+]?(\d+(?:,\d{3})*(?:\.\d+)?|\.\d+)`) })

// Terms turns a search query into the groups a record must match: every
// group must be found (in one field), and a group is found when any of its
// alternatives is. Terms are folded by [Normalize]. A number with a scale
// word — "9.26 trillion", "110 bn", "1100亿美元", "30万亿" — matches either as
// written or as the plain number records store (9260000000000); a currency
// word — "dollars", "yen", "美元" — matches its ISO code or Chinese word.
func Terms(query string) [][]string {
	toks := strings.Fields(query)
	var groups [][]string
	for i := 0; i < len(toks); i++ {
		t := Normalize(toks[i])
		// A bare number followed by a separate scale word.
		if numberPrefix().FindString(t) == t && i+1 < len(toks) {
			if f, ok := scaleOf(Normalize(toks[i+1])); ok {
				next := Normalize(toks[i+1])
				groups = append(groups, scaled(t, f, t+next))
				i++
				continue
			}
		}
		if num := numberPrefix().FindString(t); num != "" && num != t {
			rest := t[len(num):]
			for _, s := range scaleWords {
				if strings.HasPrefix(rest, s.word) {
					groups = append(groups, scaled(num, s.factor, t))
					if cur := strings.TrimPrefix(rest, s.word); cur != "" {
						if alts, ok := currencyWords[cur]; ok {
							groups = append(groups, alts)
						}
					}
					goto next
				}
			}
		}
		if alts, ok := currencyWords[t]; ok {
			groups = append(groups, append([]string{t}, alts...))
			continue
		}
		groups = append(groups, []string{t})
	next:
	}
	return groups
}

func scaleOf(word string) (float64, bool) {
	for _, s := range scaleWords {
		if word == s.word {
			return s.factor, true
		}
	}
	return 0, false
}

// scaled returns the alternatives of a scaled number: as written (folded)
// and as the plain number, formatted as records store values.
func scaled(num string, factor float64, written string) []string {
	f, err := strconv.ParseFloat(strings.ReplaceAll(num, ",", ""), 64)
	if err != nil {
		return []string{written}
	}
	// Round away the binary noise of the product (9.26 × 1e12).
	v, _ := strconv.ParseFloat(strconv.FormatFloat(f*factor, 'g', 12, 64), 64)
	return []string{written, strconv.FormatFloat(v, 'f', -1, 64)}
}

// matchGroups reports whether text contains an alternative of every group.
func matchGroups(text string, groups [][]string) bool {
	for _, g := range groups {
		ok := false
		for _, alt := range g {
			if strings.Contains(text, alt) {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}
