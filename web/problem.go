package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
)

// Problem is an RFC 9457 problem document, with the input position of a
// parse error when there is one (the same file, line, column and field the
// command line prints).
type Problem struct {
	Type     string `json:"type"`
	Title    string `json:"title"`
	Status   int    `json:"status"`
	Detail   string `json:"detail,omitempty"`
	Instance string `json:"instance,omitempty"`
	File     string `json:"file,omitempty"`
	Line     int    `json:"line,omitempty"`
	Column   int    `json:"column,omitempty"`
	Field    string `json:"field,omitempty"`
	// Path is the field's path inside the uploaded or pasted file
	// ("bidders[0].type"), when the reader knows it; Field then names the
	// request's field that carried the file ("spec").
	Path string `json:"path,omitempty"`
}

// inputError is bad input: a 4xx with the reader's message.
type inputError struct {
	status int
	err    error
	field  string
}

func (e *inputError) Error() string { return e.err.Error() }
func (e *inputError) Unwrap() error { return e.err }

// BadRequest marks err as the client's fault (400), naming the request
// field it concerns ("" when the error names it itself).
func BadRequest(field string, err error) error {
	return &inputError{status: http.StatusBadRequest, err: err, field: field}
}

// badRequestf is BadRequest with a formatted message.
func badRequestf(field, format string, args ...any) error {
	return BadRequest(field, fmt.Errorf(format, args...))
}

// notFound is a 404 with a message.
func notFound(format string, args ...any) error {
	return &inputError{status: http.StatusNotFound, err: fmt.Errorf(format, args...)}
}

// positioned is implemented by the parse errors of the readers (.nfg,
// offer files, cases, dataset files) that know where in the input they are.
type positioned interface {
	error
	Position() (file string, line, column int, field string)
}

// problemFor turns an error into a problem document. Bad input (marked with
// BadRequest, or a parse error with a position) is a 4xx; a timeout is 503
// with the deadline in the detail; anything else is a 500 whose detail is
// the error's message, never a stack trace.
func problemFor(r *http.Request, err error) Problem {
	p := Problem{Type: "about:blank", Status: http.StatusInternalServerError, Detail: err.Error(), Instance: r.URL.Path}
	var ie *inputError
	var pe positioned
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &mbe):
		p.Status = http.StatusRequestEntityTooLarge
		p.Detail = fmt.Sprintf("request body larger than %d bytes", mbe.Limit)
	case errors.As(err, &ie):
		p.Status = ie.status
		p.Field = ie.field
	case errors.Is(err, context.DeadlineExceeded):
		p.Status = http.StatusServiceUnavailable
		p.Detail = "the computation did not finish within the server's deadline: " + err.Error()
	case errors.Is(err, context.Canceled):
		p.Status = 499 // the client went away; nobody reads this
	}
	if errors.As(err, &pe) {
		if p.Status == http.StatusInternalServerError {
			p.Status = http.StatusBadRequest
		}
		f, l, c, fld := pe.Position()
		p.File, p.Line, p.Column = f, l, c
		if fld != "" {
			p.Path = fld
			if p.Field == "" {
				p.Field = fld
			}
		}
	}
	p.Title = http.StatusText(p.Status)
	if p.Title == "" {
		p.Title = "Client closed request"
	}
	return p
}

// writeProblem writes p as application/problem+json.
func writeProblem(w http.ResponseWriter, p Problem) {
	w.Header().Set("Content-Type", "application/problem+json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(p.Status)
	b, _ := json.MarshalIndent(p, "", "  ")
	_, _ = w.Write(append(b, '\n'))
}
