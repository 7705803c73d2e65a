// Package parseerr is the error of the project's readers of user files: a
// message at a place in a file (file, line, column, field), in the style of
// encoding/csv.ParseError. Front ends read the place through [Error.Position]
// (the web API puts it into its problem documents) and the message through
// Error, which reads "file:line:column: field: message".
package parseerr

import (
	"fmt"
	"strings"
)

// Error is an error at a place in a file. Line and Column are 1-based, 0
// when unknown; Field is the path of the field in the file's own keys
// ("offers[1].loan.rate_pct") or a column name ("per_usd"), "" when the
// error concerns the file as a whole.
type Error struct {
	File         string
	Line, Column int
	Field        string
	Err          error
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
		if e.Column > 0 {
			fmt.Fprintf(&b, ":%d", e.Column)
		}
	}
	b.WriteString(": ")
	if e.Field != "" {
		b.WriteString(e.Field)
		b.WriteString(": ")
	}
	b.WriteString(e.Err.Error())
	return b.String()
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// Position returns where the error is.
func (e *Error) Position() (file string, line, column int, field string) {
	return e.File, e.Line, e.Column, e.Field
}

// At returns an Error at line and column of file, for field, with the
// message of format and args.
func At(file string, line, column int, field, format string, args ...any) *Error {
	return &Error{File: file, Line: line, Column: column, Field: field, Err: fmt.Errorf(format, args...)}
}
