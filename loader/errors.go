package loader

import (
	"errors"
	"fmt"
)

// ErrNoDocument: the file is text, but neither a plan (numbered tasks with
// responsibility clauses) nor a work report.
var ErrNoDocument = errors.New("no plan or work report found")

// ErrTooManyTasks: the document holds more than MaxDocumentTasks tasks.
var ErrTooManyTasks = errors.New("too many tasks")

// MaxDocumentTasks is the most tasks one document may hold. Real plans
// hold 80 to 300 (the seeds at most 170, generated ones at most 200); 5,000
// is far above any of them and keeps one hostile file from filling the
// store on its own.
const MaxDocumentTasks = 5000

// ParseError is a file Parse cannot read at all: empty, binary, or holding
// no plan or report. Problems inside a readable document are Warnings
// instead, never errors.
type ParseError struct {
	File string
	Line int    // 0 when the problem concerns the whole file
	Msg  string // what is wrong and, where it helps, what to do
	// Err is the cause: textin.ErrEmpty, textin.ErrBinary, ErrNoDocument,
	// attach.ErrUnsupported (a .doc to convert, pdftotext missing),
	// attach.ErrTooLarge, ErrTooManyTasks, an ambiguous --jurisdiction, or a read error.
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
