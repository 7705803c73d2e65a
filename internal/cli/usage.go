package cli

import (
	"fmt"
	"regexp"
	"strings"
	"sync"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/infragame/infragame/internal/suggest"
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
	// The command's own and persistent flag sets are visited directly:
	// LocalFlags would merge every parent's persistent flags into each
	// command, a quarter of start-up's page faults.
	noNaN := func(f *pflag.Flag) {
		if f.DefValue == "NaN" {
			f.DefValue = "0"
		}
	}
	c.Flags().VisitAll(noNaN)
	c.PersistentFlags().VisitAll(noNaN)
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

var unknownFlagRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`unknown (?:shorthand )?flag: '?-{1,2}([^' ]+)'?`)
})

// flagParseError turns a flag parsing error into a usage error, with the closest
// flag names when the flag is unknown.
func flagParseError(cmd *cobra.Command, err error) error {
	if h := negativeHint(err); h != err {
		return usageError{h}
	}
	m := unknownFlagRE().FindStringSubmatch(err.Error())
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

// closest returns the candidates nearest to s (suggest.Closest).
func closest(s string, candidates []string) []string { return suggest.Closest(s, candidates) }
