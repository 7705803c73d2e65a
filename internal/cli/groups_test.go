package cli

import (
	"slices"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// commandShape lists every command path under c with its flags, so two
// trees can be compared.
func commandShape(c *cobra.Command) []string {
	var out []string
	var walk func(*cobra.Command)
	walk = func(c *cobra.Command) {
		var flags []string
		c.Flags().VisitAll(func(f *pflag.Flag) { flags = append(flags, f.Name+"="+f.DefValue) })
		c.PersistentFlags().VisitAll(func(f *pflag.Flag) { flags = append(flags, "p:"+f.Name+"="+f.DefValue) })
		slices.Sort(flags)
		out = append(out, c.CommandPath()+" ["+strings.Join(flags, " ")+"]")
		for _, s := range c.Commands() {
			walk(s)
		}
	}
	walk(c)
	return out
}

// TestGroupsMatchTree checks the table of top-level commands that Run uses
// to build only the named group: each name is its command's name, every
// top-level command is in the table, and a group built alone has the same
// subcommands and flags as in the whole tree.
func TestGroupsMatchTree(t *testing.T) {
	a := &App{}
	full := a.rootCmd()
	var names []string
	for _, g := range a.groups() {
		names = append(names, g.name)
	}
	for _, c := range full.Commands() {
		if !slices.Contains(names, c.Name()) {
			t.Errorf("top-level command %q is not in App.groups", c.Name())
		}
	}
	for _, g := range a.groups() {
		alone := (&App{}).rootCmdFor(g.name)
		if len(alone.Commands()) != 1 || alone.Commands()[0].Name() != g.name {
			t.Errorf("group %q builds %d commands, want exactly %q", g.name, len(alone.Commands()), g.name)
			continue
		}
		var inFull *cobra.Command
		for _, c := range full.Commands() {
			if c.Name() == g.name {
				inFull = c
			}
		}
		if inFull == nil {
			t.Errorf("group %q is not a command of the whole tree", g.name)
			continue
		}
		if got, want := commandShape(alone.Commands()[0]), commandShape(inFull); !slices.Equal(got, want) {
			t.Errorf("group %q alone differs from the whole tree:\n got %q\nwant %q", g.name, got, want)
		}
	}
}

func TestGroupOf(t *testing.T) {
	a := &App{}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{nil, ""},
		{[]string{"version"}, "version"},
		{[]string{"--format", "json", "data", "list"}, "data"},
		{[]string{"--format=json", "game", "solve"}, "game"},
		{[]string{"--db", "game", "data", "list"}, "data"},
		{[]string{"-o", "x.xlsx", "tender", "cases"}, "tender"},
		{[]string{"--no-progress", "sim", "run"}, "sim"},
		{[]string{"help", "data"}, ""},
		{[]string{"completion", "bash"}, ""},
		{[]string{"dat"}, ""},
		{[]string{"--", "data"}, ""},
		{[]string{"--help"}, ""},
	} {
		if got := a.groupOf(tc.args); got != tc.want {
			t.Errorf("groupOf(%q) = %q, want %q", tc.args, got, tc.want)
		}
	}
}

// TestSubcommandsMatchTree checks App.addSubcommands: with the run naming
// a subcommand, its group is built with that subcommand alone, with the
// same flags as in the whole tree (so each name given to addSubcommands is
// its command's name); "lcc" builds its two subcommands itself.
func TestSubcommandsMatchTree(t *testing.T) {
	full := (&App{}).rootCmd()
	for _, g := range full.Commands() {
		if len(g.Commands()) < 2 {
			continue
		}
		for _, s := range g.Commands() {
			alone := (&App{onlySub: s.Name()}).rootCmdFor(g.Name())
			subs := alone.Commands()[0].Commands()
			if g.Name() == "lcc" {
				if len(subs) != len(g.Commands()) {
					t.Errorf("lcc %s: %d subcommands built, want all %d", s.Name(), len(subs), len(g.Commands()))
				}
				continue
			}
			if len(subs) != 1 || subs[0].Name() != s.Name() {
				var names []string
				for _, c := range subs {
					names = append(names, c.Name())
				}
				t.Errorf("%s %s: built %v, want only %s (is its name in addSubcommands the first word of its Use?)", g.Name(), s.Name(), names, s.Name())
				continue
			}
			if got, want := commandShape(subs[0]), commandShape(s); !slices.Equal(got, want) {
				t.Errorf("%s %s built alone:\n%v\nin the whole tree:\n%v", g.Name(), s.Name(), got, want)
			}
		}
	}
}

// TestCommandOf checks which group and subcommand a command line names.
func TestCommandOf(t *testing.T) {
	a := &App{}
	for _, tc := range []struct {
		args       []string
		group, sub string
	}{
		{[]string{"game", "solve", "g.nfg"}, "game", "solve"},
		{[]string{"--format", "json", "game", "solve"}, "game", "solve"},
		{[]string{"game", "--max-profiles", "9", "solve"}, "game", ""},
		{[]string{"game"}, "game", ""},
		{[]string{"game", "slove"}, "game", "slove"},
		{[]string{"help", "game", "solve"}, "", ""},
		{[]string{"--", "game", "solve"}, "", ""},
	} {
		g, s := a.commandOf(tc.args)
		if g != tc.group || s != tc.sub {
			t.Errorf("commandOf(%q) = %q, %q; want %q, %q", tc.args, g, s, tc.group, tc.sub)
		}
	}
}
