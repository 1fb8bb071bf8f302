// Package attach reads the files plans are published as — a Word document
// (.docx), a spreadsheet (.xlsx) or a PDF — into the numbered lines the
// loader parses, and says how to convert the formats it cannot read (.doc,
// .wps, .xls, .et, .dps). Anything else is handed to textin, which reads
// text and HTML.
//
// Formats are told by content, not by the file's name: a ZIP holding
// word/document.xml is a Word document, one holding xl/workbook.xml a
// workbook, %PDF- starts a PDF, and D0 CF 11 E0 an OLE2 compound file (the
// legacy Office and WPS formats).
//
// Tables come out as pipe rows, `| 序号 | 工作任务 | 牵头单位 |`, the form the
// loader reads task tables and metadata rows in: a cell's paragraphs and line
// breaks are joined by a space (a unit cell's names stay apart), a cell
// merged across columns fills its first column and leaves the others empty
// (so a merged section row is a row with one filled cell), and a cell merged
// down several rows repeats its text in each (so each task of a merged lead
// unit keeps it). Rows with one filled cell above a table's first row of
// several cells — a title, 附件1 — come out as plain lines.
//
// Line numbers point where a user can look:
//   - DOCX: the Nth paragraph or table row of the document body, counted in
//     document order from 1, empty paragraphs included; the paragraphs of a
//     cell share their row's number.
//   - XLSX: the row number Excel shows, plus 1,000,000 for each sheet before
//     the row's own (sheet 2, row 5 is line 1000005).
//   - PDF: the line of pdftotext's output.
package attach

import (
	"bytes"
	"errors"
	"fmt"
	"path"
	"strings"

	"github.com/dutygraph/dutygraph/loader/textin"
)

// Formats read here, besides textin's text and HTML.
const (
	FormatDOCX textin.Format = "docx"
	FormatXLSX textin.Format = "xlsx"
	FormatPDF  textin.Format = "pdf"
)

// Bounds on what one document may expand to. A plan is a few hundred
// kilobytes; these stop a ZIP bomb, a sheet of a million rows or a PDF that
// makes pdftotext run forever from exhausting the machine.
const (
	// MaxUnzipped bounds the decompressed size of all parts of a DOCX or
	// XLSX read, and the text pdftotext may write (the parser's own bound on
	// input).
	MaxUnzipped = 64 << 20
	// maxSheetXML bounds one worksheet's XML: excelize holds a sheet it
	// reads merged cells from in memory at several times its size.
	maxSheetXML = 16 << 20
	// maxCells bounds the cells read from a workbook or a Word document's
	// tables; maxLines the lines of any document.
	maxCells = 1 << 20
	maxLines = 1 << 20
)

// ErrUnsupported: the file is a format this package recognises but cannot
// read itself. The *UnsupportedError holding it says what to do.
var ErrUnsupported = errors.New("format not read directly")

// ErrTooLarge: the document expands beyond the bounds above.
var ErrTooLarge = errors.New("document too large")

// UnsupportedError is a recognised format the loader cannot read, with what
// the user can do about it: convert the file, or install a tool.
type UnsupportedError struct {
	Format string // what the file is, e.g. "legacy Word document (OLE2)"
	Remedy string // e.g. "convert it: libreoffice --headless --convert-to docx plan.doc"
}

func (e *UnsupportedError) Error() string { return e.Format + ": " + e.Remedy }

// Unwrap makes errors.Is(err, ErrUnsupported) hold.
func (e *UnsupportedError) Unwrap() error { return ErrUnsupported }

// Extensions are the names of files Decode reads (beyond textin's .txt,
// .htm and .html) or answers with an *UnsupportedError saying how to convert
// them. A folder loader should offer these files to Decode and list those
// failing with ErrUnsupported as skipped, with the error as the reason.
var Extensions = []string{".docx", ".xlsx", ".pdf", ".doc", ".wps", ".xls", ".et", ".dps"}

// IsAttachment reports whether name has one of Extensions.
func IsAttachment(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	for _, e := range Extensions {
		if e == ext {
			return true
		}
	}
	return false
}

// Decode reads b, the content of the file name (used only in advice on
// converting it), as a Word document, workbook or PDF when it is one, and as
// text or HTML through textin otherwise.
func Decode(b []byte, name string) (*textin.Text, error) {
	switch {
	case bytes.HasPrefix(b, []byte("PK\x03\x04")):
		switch officeKind(b) {
		case "docx":
			return decodeDOCX(b)
		case "xlsx":
			return decodeXLSX(b)
		}
	case bytes.HasPrefix(b, []byte("%PDF-")):
		return decodePDF(b)
	case bytes.HasPrefix(b, []byte("\xD0\xCF\x11\xE0")):
		return nil, legacyOffice(b, name)
	}
	return textin.Decode(b)
}

// out collects a document's lines.
type out struct {
	lines []textin.Line
}

// add appends a line, normalised as textin normalises text lines, unless it
// is empty or the document has reached maxLines.
func (o *out) add(num int, s string) error {
	s = textin.NormalizeLine(s)
	if s == "" {
		return nil
	}
	if len(o.lines) >= maxLines {
		return fmt.Errorf("%w: more than %d lines", ErrTooLarge, maxLines)
	}
	o.lines = append(o.lines, textin.Line{Num: num, Text: s})
	return nil
}

// text returns the lines read, or ErrEmpty when there are none.
func (o *out) text(f textin.Format, detail string) (*textin.Text, error) {
	if len(o.lines) == 0 {
		return nil, &textin.FormatError{Err: textin.ErrEmpty, Detail: detail}
	}
	return &textin.Text{Lines: o.lines, Format: f, Encoding: "UTF-8"}, nil
}
