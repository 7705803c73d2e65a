package dataset

import (
	"fmt"
	"strings"
)

// Problem is one thing wrong with an input: where it is and why.
// Line and Column are 1-based; 0 means unknown.
type Problem struct {
	File   string `json:"file,omitempty"`
	Line   int    `json:"line,omitempty"`
	Column int    `json:"column,omitempty"`
	// Record is the id of the record the problem belongs to, when known.
	Record string `json:"record,omitempty"`
	// Field is the field path, e.g. "loans[0].rate_pct".
	Field  string `json:"field,omitempty"`
	Reason string `json:"reason"`
}

func (p Problem) Error() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
		if p.Column > 0 {
			fmt.Fprintf(&b, ":%d", p.Column)
		}
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	if p.Record != "" {
		fmt.Fprintf(&b, "record %q: ", p.Record)
	}
	if p.Field != "" {
		b.WriteString(p.Field)
		b.WriteString(": ")
	}
	b.WriteString(p.Reason)
	return b.String()
}

// Problems is a list of problems; as an error it prints them one per line.
type Problems []Problem

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.Error()
	}
	if len(ps) > 1 {
		return fmt.Sprintf("%d problems:\n%s", len(ps), strings.Join(lines, "\n"))
	}
	return strings.Join(lines, "\n")
}

// Err returns ps as an error, or nil when there are none.
func (ps Problems) Err() error {
	if len(ps) == 0 {
		return nil
	}
	return ps
}

// Position returns where the problem is, as the readers of other user files
// report it (parseerr.Error): the file, line, column and field path.
func (p Problem) Position() (file string, line, column int, field string) {
	return p.File, p.Line, p.Column, p.Field
}

// Unwrap returns each problem as an error, so that errors.As finds the
// first one's position.
func (ps Problems) Unwrap() []error {
	out := make([]error, len(ps))
	for i, p := range ps {
		out[i] = p
	}
	return out
}
