// Package textin turns the bytes of a saved document into normalised lines of
// UTF-8 text: it strips byte-order marks, detects GB18030/GBK and UTF-16,
// folds CRLF, maps full-width letters and digits to half-width, and extracts
// the text of HTML pages saved from a government site.
//
// Every line keeps the number of the source line it came from, so that a
// warning about an HTML page points at the line a user sees in an editor.
package textin

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// Errors for input that holds no readable text. Decode wraps them in a
// *FormatError naming what was seen; test with errors.Is.
var (
	ErrEmpty  = errors.New("empty file")
	ErrBinary = errors.New("binary file, not text")
)

// FormatError says why bytes could not be read as text.
type FormatError struct {
	Err    error  // ErrEmpty or ErrBinary
	Detail string // e.g. "PDF document", "NUL bytes"
}

func (e *FormatError) Error() string {
	if e.Detail == "" {
		return e.Err.Error()
	}
	return fmt.Sprintf("%s (%s)", e.Err, e.Detail)
}

// Unwrap makes errors.Is(err, ErrBinary) hold.
func (e *FormatError) Unwrap() error { return e.Err }

// Line is one line of decoded text, trimmed of surrounding white space
// (including the ideographic space U+3000 used for indentation).
type Line struct {
	Num  int    // 1-based line in the source file
	Text string // normalised; "" for a blank line
}

// Format is how the source was written.
type Format string

const (
	FormatText Format = "text"
	FormatHTML Format = "html"
)

// Text is a decoded document.
type Text struct {
	Lines    []Line
	Format   Format
	Encoding string // "UTF-8", "GB18030", "UTF-16LE", "UTF-16BE"
	// ConvertedFromTraditional says the document was written in traditional
	// characters and Lines hold it converted to simplified, so the parser
	// can tell the user that what it shows is not the text as written.
	ConvertedFromTraditional bool
}

// Decode reads b as a text or HTML document. It fails with ErrEmpty when b
// holds nothing but white space and with ErrBinary when b is not text in any
// encoding it knows.
//
// Decode takes b over: the lines of UTF-8 text share its memory rather
// than copy the whole document, so the caller must not change b
// afterwards.
func Decode(b []byte) (*Text, error) {
	s, enc, err := decodeBytes(b)
	if err != nil {
		return nil, err
	}
	t := &Text{Encoding: enc, Format: FormatText}
	if looksLikeHTML(s) {
		t.Format = FormatHTML
		t.Lines = htmlLines(s)
	} else {
		t.Lines = textLines(s)
	}
	t.convertTraditional()
	for _, l := range t.Lines {
		if l.Text != "" {
			return t, nil
		}
	}
	if t.Format == FormatHTML {
		return nil, &FormatError{Err: ErrEmpty, Detail: "HTML page without text"}
	}
	return nil, &FormatError{Err: ErrEmpty}
}

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// magic lists file signatures of formats users are likely to try by mistake,
// so the error can say what the file is.
var magic = []struct {
	prefix string
	name   string
}{
	{"%PDF", "PDF document"},
	{"PK\x03\x04", "ZIP archive or Office document (.docx/.xlsx)"},
	{"\xD0\xCF\x11\xE0", "legacy Office document (.doc/.xls)"},
	{"{\\rtf", "RTF document"},
	{"\x89PNG", "PNG image"},
	{"GIF8", "GIF image"},
	{"\xFF\xD8\xFF", "JPEG image"},
	{"\x1F\x8B", "gzip archive"},
	{"Rar!", "RAR archive"},
	{"7z\xBC\xAF", "7-Zip archive"},
}

// decodeBytes returns b as a UTF-8 string and the name of its encoding.
func decodeBytes(b []byte) (string, string, error) {
	if len(bytes.TrimSpace(b)) == 0 {
		return "", "", &FormatError{Err: ErrEmpty}
	}
	switch {
	case bytes.HasPrefix(b, bomUTF8):
		b = b[len(bomUTF8):]
	case bytes.HasPrefix(b, bomUTF16LE):
		return decodeUTF16(b[2:], false), "UTF-16LE", nil
	case bytes.HasPrefix(b, bomUTF16BE):
		return decodeUTF16(b[2:], true), "UTF-16BE", nil
	}
	for _, m := range magic {
		if bytes.HasPrefix(b, []byte(m.prefix)) {
			return "", "", &FormatError{Err: ErrBinary, Detail: m.name}
		}
	}
	if detail := binaryDetail(b); detail != "" {
		return "", "", &FormatError{Err: ErrBinary, Detail: detail}
	}
	if utf8.Valid(b) {
		return unsafe.String(unsafe.SliceData(b), len(b)), "UTF-8", nil
	}
	if mostlyUTF8(b) {
		// A UTF-8 file with a few damaged bytes (a cut download, a bad
		// copy) is still UTF-8: read as GB18030 all of it would be garbled.
		return strings.ToValidUTF8(string(b), "\uFFFD"), "UTF-8", nil
	}
	// GB18030 is a superset of GBK and GB2312, the encodings Chinese
	// government sites save text in when it is not UTF-8.
	s, err := simplifiedchinese.GB18030.NewDecoder().Bytes(b)
	if err != nil || tooManyReplacements(s) {
		return "", "", &FormatError{Err: ErrBinary, Detail: "neither UTF-8 nor GB18030 text"}
	}
	return string(s), "GB18030", nil
}

// binaryDetail reports why b looks binary, or "" when it looks like text: NUL
// bytes never occur in text, and more than 1% of other control characters
// (besides tab, newline, carriage return, form feed and escape) in its first
// 64 KiB is no text editor's output.
func binaryDetail(b []byte) string {
	if bytes.IndexByte(b, 0) >= 0 {
		return "NUL bytes"
	}
	b = b[:min(len(b), 64<<10)]
	controls := 0
	for _, c := range b {
		controls += int(isControl[c])
	}
	if controls*100 > len(b) {
		return "control characters"
	}
	return ""
}

// isControl is 1 for the control bytes binaryDetail counts: a table, as it
// reads up to 64 KiB of every file.
var isControl = func() (t [256]uint8) {
	for c := range 0x20 {
		t[c] = 1
	}
	for _, c := range []byte{'\t', '\n', '\r', '\f', 0x1B} {
		t[c] = 0
	}
	t[0x7F] = 1
	return t
}()

// mostlyUTF8 reports whether b is UTF-8 text with few invalid bytes: at most
// one per hundred well-formed multi-byte characters. GBK text, whose byte
// pairs rarely form UTF-8 sequences, is far from that.
func mostlyUTF8(b []byte) bool {
	valid, invalid := 0, 0
	for len(b) > 0 {
		if b[0] < utf8.RuneSelf {
			b = b[1:]
			continue
		}
		r, n := utf8.DecodeRune(b)
		if r == utf8.RuneError && n == 1 {
			invalid++
		} else {
			valid++
		}
		b = b[n:]
	}
	return valid > 0 && invalid*100 <= valid
}

// tooManyReplacements tells a real GB18030 text (a stray bad byte at most)
// from bytes that only decode into replacement characters.
func tooManyReplacements(s []byte) bool {
	bad, total := 0, 0
	for len(s) > 0 {
		r, n := utf8.DecodeRune(s)
		s = s[n:]
		total++
		if r == utf8.RuneError {
			bad++
		}
	}
	return bad*50 > total
}

func decodeUTF16(b []byte, bigEndian bool) string {
	u := make([]uint16, len(b)/2)
	for i := range u {
		if bigEndian {
			u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		} else {
			u[i] = uint16(b[2*i+1])<<8 | uint16(b[2*i])
		}
	}
	return string(utf16.Decode(u))
}
