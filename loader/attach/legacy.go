package attach

import (
	"bytes"
	"path"
	"strings"
	"unicode/utf16"
)

// legacyOffice says what an OLE2 compound file (the format of .doc, .xls,
// .wps, .et and .dps) is and how to convert it to a format Decode reads.
// The kind is read from the names of the streams the file holds, which its
// directory stores in UTF-16; the extension decides only when they do not.
func legacyOffice(b []byte, name string) error {
	kind := ""
	switch {
	case hasStream(b, "EncryptedPackage"):
		return &UnsupportedError{Format: "password-protected Office document", Remedy: "open it, remove the password and save it again as .docx or .xlsx"}
	case hasStream(b, "WordDocument"):
		kind = "doc"
	case hasStream(b, "Workbook") || hasStream(b, "Book"):
		kind = "xls"
	case hasStream(b, "PowerPoint Document"):
		kind = "ppt"
	default:
		switch strings.ToLower(path.Ext(name)) {
		case ".xls", ".et":
			kind = "xls"
		case ".dps", ".ppt":
			kind = "ppt"
		default:
			kind = "doc"
		}
	}
	switch kind {
	case "xls":
		return &UnsupportedError{Format: "legacy Excel/WPS spreadsheet (.xls/.et, OLE2)", Remedy: "convert it to .xlsx first: " + convert("xlsx", name)}
	case "ppt":
		return &UnsupportedError{Format: "legacy PowerPoint/WPS presentation (.ppt/.dps, OLE2)", Remedy: "convert it to PDF first: " + convert("pdf", name)}
	}
	return &UnsupportedError{Format: "legacy Word/WPS document (.doc/.wps, OLE2)", Remedy: "convert it to .docx first: " + convert("docx", name)}
}

// convert is the command that converts the file name to format, its name
// quoted for a POSIX shell where it needs to be.
func convert(format, name string) string {
	file := path.Base(name)
	if file == "." || file == "/" || file == "" {
		file = "FILE"
	}
	if strings.ContainsAny(file, " '\"$`\\&;|<>()*?[]#~!{}") {
		file = "'" + strings.ReplaceAll(file, "'", `'\''`) + "'"
	}
	return "libreoffice --headless --convert-to " + format + " " + file
}

// hasStream reports whether the compound file b names a stream so.
func hasStream(b []byte, stream string) bool {
	var want []byte
	for _, u := range utf16.Encode([]rune(stream)) {
		want = append(want, byte(u), byte(u>>8))
	}
	want = append(want, 0, 0) // the name ends there: Book is not Book1
	return bytes.Contains(b, want)
}
