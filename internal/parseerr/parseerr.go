// Package parseerr is the error of the project's readers of user files: a
// message at a place in a file (file, line, column, field), in the style of
// encoding/csv.ParseError. Front ends read the place through [Error.Position]
// (the web API puts it into its problem documents) and the message through
// Error, which reads "file:line:column: field: message".
package parseerr

import (
	"errors"
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
	switch {
	case e.File != "":
		b.WriteString(e.File)
		if e.Line > 0 {
			fmt.Fprintf(&b, ":%d", e.Line)
			if e.Column > 0 {
				fmt.Fprintf(&b, ":%d", e.Column)
			}
		}
		b.WriteString(": ")
	case e.Line > 0:
		// No file name: the caller names the file ("reading X: line 3: …").
		fmt.Fprintf(&b, "line %d: ", e.Line)
	}
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

// AtField returns an Error about field whose place in the file is not yet
// known: validators of decoded values return it, and the reader that kept
// the document fills in the file, line and column (yamlpos.Doc.Locate).
func AtField(field string, err error) *Error {
	return &Error{Field: field, Err: err}
}

// Fieldf is [AtField] with the message of format and args.
func Fieldf(field, format string, args ...any) *Error {
	return &Error{Field: field, Err: fmt.Errorf(format, args...)}
}

// Prefix returns err with every error in it placed under prefix: each
// *Error of err (err itself or each error of an errors.Join, recursively)
// gets the field prefix+"."+Field ("offers[0]" and "loan.rate" give
// "offers[0].loan.rate"; "offers" and "[0].id" give "offers[0].id"), and
// any other error becomes an *Error at prefix. nil stays nil. Errors are
// copied, never changed.
func Prefix(prefix string, err error) error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, Prefix(prefix, e))
		}
		return join(out)
	}
	e, ok := err.(*Error)
	if !ok {
		return &Error{Field: prefix, Err: err}
	}
	c := *e
	c.Field = JoinField(prefix, e.Field)
	return &c
}

// JoinField joins two parts of a field path: "a" and "b" give "a.b", "a"
// and "[2].b" give "a[2].b"; an empty part gives the other.
func JoinField(prefix, field string) string {
	switch {
	case prefix == "":
		return field
	case field == "":
		return prefix
	case strings.HasPrefix(field, "["):
		return prefix + field
	}
	return prefix + "." + field
}

// Leaves returns the errors of err: err itself, or the errors of an
// errors.Join, recursively, in order. nil gives none.
func Leaves(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, Leaves(e)...)
		}
		return out
	}
	return []error{err}
}

// Map returns err with f applied to each of its [Leaves], joined again as
// err was (one error stays one error). Errors for which f returns nil are
// dropped.
func Map(err error, f func(error) error) error {
	var out []error
	for _, e := range Leaves(err) {
		if m := f(e); m != nil {
			out = append(out, m)
		}
	}
	return join(out)
}

func join(errs []error) error {
	switch len(errs) {
	case 0:
		return nil
	case 1:
		return errs[0]
	}
	return errors.Join(errs...)
}

// InFile names the file of every error of err (err itself or each error of
// an errors.Join) that does not name one: an *Error gets File = name, any
// other error becomes an *Error in that file with no place. nil stays nil.
// Readers that parse bytes (and so do not know the file's name) leave the
// name to their callers, which call InFile.
func InFile(name string, err error) error {
	return Map(err, func(e error) error {
		pe, ok := e.(*Error)
		if !ok {
			return &Error{File: name, Err: e}
		}
		if pe.File != "" {
			return e
		}
		c := *pe
		c.File = name
		return &c
	})
}
