package loader

import (
	"errors"
	"fmt"
)

// ErrNoDocument: the file is text, but neither a plan (numbered tasks with
// responsibility clauses) nor a work report.
var ErrNoDocument = errors.New("no plan or work report found")

// ParseError is a file Parse cannot read at all: empty, binary, or holding
// no plan or report. Problems inside a readable document are Warnings
// instead, never errors.
type ParseError struct {
	File string
	Line int    // 0 when the problem concerns the whole file
	Msg  string // what is wrong and, where it helps, what to do
	// Err is the cause: textin.ErrEmpty, textin.ErrBinary, ErrNoDocument,
	// attach.ErrUnsupported (a .doc to convert, pdftotext missing),
	// attach.ErrTooLarge, an ambiguous --jurisdiction, or a read error.
	Err error
}

func (e *ParseError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// Unwrap makes errors.Is(err, ErrNoDocument) and errors.Is(err,
// textin.ErrBinary) hold.
func (e *ParseError) Unwrap() error { return e.Err }
