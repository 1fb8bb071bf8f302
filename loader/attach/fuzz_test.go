package attach_test

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/dutygraph/dutygraph/loader/attach"
	"github.com/dutygraph/dutygraph/loader/textin"
)

// FuzzDecode: no Word document or workbook, however damaged, makes Decode
// panic or hang, and every failure is one of the errors Decode documents.
// Plain `go test` runs the seeds; `go test -fuzz FuzzDecode ./loader/attach`
// explores further. PDFs are left out: pdftotext is not this code.
func FuzzDecode(f *testing.F) {
	f.Add(planDOCX(f))
	f.Add(planXLSX(f))
	d := (&docx{numbering: abstractNum(1, numLevel(0, "chineseCounting", "%1、"), numLevel(1, "decimal", "%1.%2")) + num(1, 1, `<w:lvlOverride w:ilvl="1"><w:startOverride w:val="0"/></w:lvlOverride>`)}).
		li(1, 0, "a").li(1, 1, "b").table([]any{tc{paras: []string{"x"}, span: 3, vMerge: "restart"}}, []any{tc{vMerge: "continue"}, "y"})
	f.Add(d.bytes(f))
	f.Fuzz(decodes)
}

// decodes checks one input as FuzzDecode does.
func decodes(t *testing.T, data []byte) {
	if bytes.HasPrefix(data, []byte("%PDF-")) {
		return
	}
	done := make(chan error, 1)
	go func() {
		_, err := attach.Decode(data, "fuzz")
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil && !errors.Is(err, textin.ErrBinary) && !errors.Is(err, textin.ErrEmpty) &&
			!errors.Is(err, attach.ErrTooLarge) && !errors.Is(err, attach.ErrUnsupported) {
			t.Fatalf("undocumented error %T: %v", err, err)
		}
	case <-time.After(3 * time.Second):
		t.Fatalf("Decode still running after 3s on %d bytes", len(data))
	}
}

// TestDecodeMutations damages the plans a few bytes at a time, as a short
// fuzzing run would, in every go test: a byte changed in a ZIP's directory
// or in deflated XML reaches paths the seeds do not.
func TestDecodeMutations(t *testing.T) {
	r := rand.New(rand.NewPCG(10, 2026))
	for _, base := range [][]byte{planDOCX(t), planXLSX(t)} {
		for range 200 {
			b := bytes.Clone(base)
			for range 1 + r.IntN(4) {
				b[r.IntN(len(b))] = byte(r.IntN(256))
			}
			decodes(t, b)
		}
	}
}
