package attach

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strings"
	"time"

	"github.com/dutygraph/dutygraph/loader/textin"
)

// pdftotextTimeout bounds one run of pdftotext: a plan of a hundred pages
// takes well under a second. A variable for the tests.
var pdftotextTimeout = 30 * time.Second

// maxPDFPages bounds the pages pdftotext reads.
const maxPDFPages = 2000

// installPoppler is the advice when pdftotext is missing.
const installPoppler = "reading PDF needs pdftotext: install poppler-utils (apt-get install poppler-utils)"

// decodePDF reads a PDF's text with Debian's pdftotext, in -bbox-layout
// mode: each word comes with its place on the page, so that a task table's
// columns and rows can be told apart and written as pipe rows (see bbox.go
// and layoutLines), while text outside tables reads line by line.
func decodePDF(b []byte) (*textin.Text, error) {
	prog, err := exec.LookPath("pdftotext")
	if err != nil {
		return nil, &UnsupportedError{Format: "PDF document", Remedy: installPoppler}
	}
	ctx, cancel := context.WithTimeout(context.Background(), pdftotextTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, prog, "-bbox-layout", "-enc", "UTF-8", "-l", fmt.Sprint(maxPDFPages), "-", "-")
	cmd.Stdin = bytes.NewReader(b)
	var stderr limitedBuffer
	stderr.max = 4 << 10
	cmd.Stderr = &stderr
	cmd.WaitDelay = time.Second
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, &UnsupportedError{Format: "PDF document", Remedy: "pdftotext did not start (" + err.Error() + "); " + installPoppler}
	}
	text, readErr := io.ReadAll(io.LimitReader(stdout, MaxUnzipped+1))
	if len(text) > MaxUnzipped {
		cancel() // stop pdftotext rather than wait for the rest
	}
	waitErr := cmd.Wait()
	switch {
	case len(text) > MaxUnzipped:
		return nil, fmt.Errorf("%w: PDF text and its layout beyond %d MiB", ErrTooLarge, MaxUnzipped>>20)
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		return nil, fmt.Errorf("%w: pdftotext still running after %v", ErrTooLarge, pdftotextTimeout)
	case readErr != nil:
		return nil, readErr
	case waitErr != nil:
		detail := strings.TrimSpace(stderr.String())
		if detail == "" {
			detail = waitErr.Error()
		}
		return nil, &textin.FormatError{Err: textin.ErrBinary, Detail: "PDF document pdftotext cannot read: " + firstLine(detail)}
	}
	o := out{}
	if err := layoutLines(&o, bboxLines(text)); err != nil {
		return nil, err
	}
	return o.text(FormatPDF, "PDF without text: a scan needs OCR first")
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// limitedBuffer keeps the first max bytes written to it.
type limitedBuffer struct {
	bytes.Buffer
	max int
}

func (l *limitedBuffer) Write(p []byte) (int, error) {
	if room := l.max - l.Len(); room > 0 {
		l.Buffer.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}
