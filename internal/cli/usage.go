package cli

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// checkUsage makes every usage mistake an error with exit code 2, at any
// depth of the command tree:
//
//   - a group called with an unknown subcommand ("finance gee") says so and
//     suggests the closest subcommands, instead of printing help and exiting 0;
//   - a wrong number of arguments is a usage error, not a failure;
//   - an unknown flag suggests the closest flag names of that command.
//
// A group called with no argument still prints its help (exit 0).
func checkUsage(c *cobra.Command) {
	if c.HasSubCommands() && !c.Runnable() {
		c.Args = unknownSubcommand
		c.RunE = func(cmd *cobra.Command, _ []string) error { return cmd.Help() }
	} else if c.Args != nil {
		validate := c.Args
		c.Args = func(cmd *cobra.Command, args []string) error {
			if err := validate(cmd, args); err != nil {
				return usagef("%s: %v (see '%s --help')", cmd.CommandPath(), err, cmd.CommandPath())
			}
			return nil
		}
	}
	c.SetFlagErrorFunc(flagParseError)
	// A float flag whose default is NaN means "not given: take it from the
	// input"; its usage text says so, and help must not print "(default NaN)".
	c.LocalFlags().VisitAll(func(f *pflag.Flag) {
		if f.DefValue == "NaN" {
			f.DefValue = "0"
		}
	})
	for _, sub := range c.Commands() {
		checkUsage(sub)
	}
}

// unknownSubcommand is the Args check of a command group: any argument is an
// unknown subcommand.
func unknownSubcommand(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	var names []string
	for _, s := range cmd.Commands() {
		if s.IsAvailableCommand() {
			names = append(names, s.Name())
			names = append(names, s.Aliases...)
		}
	}
	msg := fmt.Sprintf("unknown command %q for %q", args[0], cmd.CommandPath())
	if sug := closest(args[0], names); len(sug) > 0 {
		msg += "; did you mean " + strings.Join(sug, " or ") + "?"
	} else {
		msg += fmt.Sprintf(" (see '%s --help')", cmd.CommandPath())
	}
	return usageError{fmt.Errorf("%s", msg)}
}

var unknownFlagRE = regexp.MustCompile(`unknown (?:shorthand )?flag: '?-{1,2}([^' ]+)'?`)

// flagParseError turns a flag parsing error into a usage error, with the closest
// flag names when the flag is unknown.
func flagParseError(cmd *cobra.Command, err error) error {
	if h := negativeHint(err); h != err {
		return usageError{h}
	}
	m := unknownFlagRE.FindStringSubmatch(err.Error())
	if m == nil {
		return usageError{err}
	}
	var names []string
	visit := func(f *pflag.Flag) {
		if !f.Hidden {
			names = append(names, "--"+f.Name)
		}
	}
	cmd.Flags().VisitAll(visit)
	cmd.InheritedFlags().VisitAll(visit)
	typed := "--" + strings.TrimLeft(m[1], "-")
	if i := strings.IndexByte(typed, '='); i > 0 {
		typed = typed[:i]
	}
	if sug := closest(typed, names); len(sug) > 0 {
		return usagef("%v for %q; did you mean %s?", err, cmd.CommandPath(), strings.Join(sug, " or "))
	}
	return usagef("%v for %q (see '%s --help')", err, cmd.CommandPath(), cmd.CommandPath())
}

// closest returns the candidates nearest to s: those within an edit distance
// of max(2, len(s)/3) (Damerau–Levenshtein with adjacent transpositions),
// or that have s as a prefix; at most three, nearest first.
func closest(s string, candidates []string) []string {
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
