// Package suggest finds the names nearest to a mistyped one, for "did you
// mean" hints in errors of the command line and the web API.
package suggest

import (
	"sort"
	"strings"
)

// Closest returns the candidates nearest to s: those within an edit distance
// of max(2, len(s)/3) (Damerau–Levenshtein with adjacent transpositions),
// or that have s as a prefix; at most three, nearest first.
func Closest(s string, candidates []string) []string {
	type scored struct {
		name string
		d    int
	}
	limit := max(2, len([]rune(s))/3)
	seen := map[string]bool{}
	var out []scored
	for _, c := range candidates {
		if seen[c] || c == s {
			continue
		}
		seen[c] = true
		d := editDistance(strings.ToLower(s), strings.ToLower(c))
		if d <= limit || (len(s) >= 3 && strings.HasPrefix(c, s)) {
			out = append(out, scored{c, d})
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].d != out[j].d {
			return out[i].d < out[j].d
		}
		return out[i].name < out[j].name
	})
	var names []string
	for i := 0; i < len(out) && i < 3; i++ {
		names = append(names, out[i].name)
	}
	return names
}

// editDistance is the optimal-string-alignment distance between a and b:
// insertions, deletions, substitutions and transpositions of adjacent
// runes each cost 1.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
