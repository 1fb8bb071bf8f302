package attach

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
)

// zipKind tells what a ZIP package is by the main part it holds: "docx",
// "xlsx", "pptx", "odt", "ods", "ofd" (China's fixed-layout format, GB/T
// 33190), or "" for any other archive; err says why it is no archive that
// can be read.
func zipKind(b []byte) (kind string, err error) {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return "", err
	}
	for _, f := range zr.File {
		switch f.Name {
		case "word/document.xml":
			return "docx", nil
		case "xl/workbook.xml":
			return "xlsx", nil
		case "ppt/presentation.xml":
			return "pptx", nil
		case "OFD.xml":
			return "ofd", nil
		case "mimetype": // OpenDocument: the type is the entry's text
			if rc, err := f.Open(); err == nil {
				mime, _ := io.ReadAll(io.LimitReader(rc, 100))
				rc.Close()
				switch {
				case bytes.HasSuffix(mime, []byte("opendocument.text")):
					return "odt", nil
				case bytes.HasSuffix(mime, []byte("opendocument.spreadsheet")):
					return "ods", nil
				}
			}
		}
	}
	return "", nil
}

// parts reads the parts of a ZIP package within a budget of decompressed
// bytes shared by all of them, so that no part, declared small or not, can
// make reading it exhaust memory.
type parts struct {
	zr     *zip.Reader
	budget int64
}

func openParts(b []byte) (*parts, error) {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, err
	}
	return &parts{zr: zr, budget: MaxUnzipped}, nil
}

// read returns the named part, or nil when the package has none.
func (p *parts) read(name string) ([]byte, error) {
	for _, f := range p.zr.File {
		if f.Name != name {
			continue
		}
		if f.UncompressedSize64 > uint64(p.budget) {
			return nil, fmt.Errorf("%w: %s expands beyond %d MiB", ErrTooLarge, name, MaxUnzipped>>20)
		}
		rc, err := f.Open()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		defer rc.Close()
		data, err := io.ReadAll(io.LimitReader(rc, p.budget+1))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if int64(len(data)) > p.budget {
			return nil, fmt.Errorf("%w: %s expands beyond %d MiB", ErrTooLarge, name, MaxUnzipped>>20)
		}
		p.budget -= int64(len(data))
		return data, nil
	}
	return nil, nil
}
