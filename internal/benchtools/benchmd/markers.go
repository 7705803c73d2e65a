package main

import (
	"flag"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
)

var (
	markerRE = regexp.MustCompile(`^<!-- generated:([a-z0-9-]+) (begin|end) -->$`)
	resultRE = regexp.MustCompile(`^<!-- result ([A-Za-z0-9_.\-/=]+)((?: [a-z0-9_]+=[^ ]+)*) -->$`)
)

// section is one generated section of the file: lines [begin, end] are
// its markers.
type section struct {
	name       string
	begin, end int
	body       []string // the lines between the markers
}

// parseSections finds the generated sections of lines and checks that the
// markers pair up: every begin has its end, no section is inside another
// and no name is used twice.
func parseSections(lines []string) ([]section, error) {
	var out []section
	seen := map[string]bool{}
	open := -1
	name := ""
	for i, l := range lines {
		if strings.HasPrefix(l, "<!-- generated:") && !markerRE.MatchString(l) {
			return nil, fmt.Errorf("line %d: malformed marker %q", i+1, l)
		}
		m := markerRE.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		switch m[2] {
		case "begin":
			if open >= 0 {
				return nil, fmt.Errorf("line %d: section %q begins inside %q (line %d)", i+1, m[1], name, open+1)
			}
			if seen[m[1]] {
				return nil, fmt.Errorf("line %d: section %q appears twice", i+1, m[1])
			}
			seen[m[1]] = true
			open, name = i, m[1]
		case "end":
			if open < 0 || m[1] != name {
				return nil, fmt.Errorf("line %d: end of %q without its begin", i+1, m[1])
			}
			out = append(out, section{name: name, begin: open, end: i, body: lines[open+1 : i]})
			open = -1
		}
	}
	if open >= 0 {
		return nil, fmt.Errorf("line %d: section %q has no end", open+1, name)
	}
	return out, nil
}

// result is one measured figure: a key and its named values.
type result struct {
	key     string
	section string
	vals    map[string]string
}

func (r result) num(name string) (float64, bool) {
	s, ok := r.vals[name]
	if !ok {
		return 0, false
	}
	v, err := strconv.ParseFloat(s, 64)
	return v, err == nil
}

func parseResults(secs []section) (map[string]result, error) {
	out := map[string]result{}
	for _, s := range secs {
		for _, l := range s.body {
			if !strings.HasPrefix(l, "<!-- result ") {
				continue
			}
			m := resultRE.FindStringSubmatch(l)
			if m == nil {
				return nil, fmt.Errorf("section %s: malformed result line %q", s.name, l)
			}
			r := result{key: m[1], section: s.name, vals: map[string]string{}}
			for _, kv := range strings.Fields(m[2]) {
				k, v, _ := strings.Cut(kv, "=")
				r.vals[k] = v
			}
			out[r.key] = r
		}
	}
	return out, nil
}

// stampRE finds what every generated section must say: the command that
// made it and the commit it was measured at.
var (
	commandRE = regexp.MustCompile("`scripts/bench\\.sh[^`]*`")
	commitRE  = regexp.MustCompile("commit `[0-9a-f]{7,40}`")
)

// check returns the problems of a file's generated sections.
func check(text string) []string {
	lines := strings.Split(text, "\n")
	secs, err := parseSections(lines)
	if err != nil {
		return []string{err.Error()}
	}
	if len(secs) == 0 {
		return []string{"no generated sections"}
	}
	var probs []string
	for _, s := range secs {
		body := strings.Join(s.body, "\n")
		if !commandRE.MatchString(body) {
			probs = append(probs, fmt.Sprintf("section %s: names no command (`scripts/bench.sh …`)", s.name))
		}
		if !commitRE.MatchString(body) {
			probs = append(probs, fmt.Sprintf("section %s: names no commit (commit `abc1234`)", s.name))
		}
	}
	if _, err := parseResults(secs); err != nil {
		probs = append(probs, err.Error())
	}
	return probs
}

// splice returns text with section name's body replaced by body; a
// section not yet in the file is an error (its markers are placed by
// hand, where the prose wants it).
func splice(text, name, body string) (string, error) {
	lines := strings.Split(text, "\n")
	secs, err := parseSections(lines)
	if err != nil {
		return "", err
	}
	for _, s := range secs {
		if s.name != name {
			continue
		}
		var out []string
		out = append(out, lines[:s.begin+1]...)
		out = append(out, strings.Split(strings.TrimRight(body, "\n"), "\n")...)
		out = append(out, lines[s.end:]...)
		return strings.Join(out, "\n"), nil
	}
	return "", fmt.Errorf("no section %q (add its markers first: <!-- generated:%s begin --> / end)", name, name)
}

func spliceCmd(args []string) error {
	fs := flag.NewFlagSet("splice", flag.ExitOnError)
	file := fileFlag(fs)
	name := fs.String("section", "", "section name")
	_ = fs.Parse(args)
	if fs.NArg() != 1 || *name == "" {
		return fmt.Errorf("usage: benchmd splice -file F -section NAME BODYFILE")
	}
	body, err := os.ReadFile(fs.Arg(0))
	if err != nil {
		return err
	}
	text, err := os.ReadFile(*file)
	if err != nil {
		return err
	}
	out, err := splice(string(text), *name, string(body))
	if err != nil {
		return err
	}
	return os.WriteFile(*file, []byte(out), 0o644)
}

func checkCmd(args []string) error {
	fs := flag.NewFlagSet("check", flag.ExitOnError)
	file := fileFlag(fs)
	_ = fs.Parse(args)
	text, err := os.ReadFile(*file)
	if err != nil {
		return err
	}
	if p := check(string(text)); len(p) > 0 {
		return fmt.Errorf("%s:\n  %s", *file, strings.Join(p, "\n  "))
	}
	return nil
}
