package attach_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/loader/attach"
	"github.com/dutygraph/dutygraph/loader/textin"
)

func zipOf(t testing.TB, files map[string][]byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, data := range files {
		w, err := zw.Create(name)
		require.NoError(t, err)
		_, err = w.Write(data)
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	return buf.Bytes()
}

// zipLying stores name declaring size bytes when expanded, while its
// deflated data expands to data.
func zipLying(t testing.TB, name string, data []byte, size uint64) []byte {
	t.Helper()
	honest := zipOf(t, map[string][]byte{name: data})
	zr, err := zip.NewReader(bytes.NewReader(honest), int64(len(honest)))
	require.NoError(t, err)
	raw, err := zr.File[0].OpenRaw()
	require.NoError(t, err)
	var deflated bytes.Buffer
	_, err = deflated.ReadFrom(raw)
	require.NoError(t, err)
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	h := zr.File[0].FileHeader
	h.UncompressedSize64 = size
	w, err := zw.CreateRaw(&h)
	require.NoError(t, err)
	_, err = w.Write(deflated.Bytes())
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	return out.Bytes()
}

// TestBounds: no document may expand without limit in memory or time. Each
// attack comes in a few kilobytes.
func TestBounds(t *testing.T) {
	paragraph := []byte(`<w:p><w:r><w:t>` + strings.Repeat("任务", 50) + `</w:t></w:r></w:p>`)
	body := func(n int) []byte {
		return []byte(`<w:document ` + wordNS + `><w:body>` + string(bytes.Repeat(paragraph, n)) + `</w:body></w:document>`)
	}
	sheet := func(data string) []byte {
		return []byte(`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` + data + `</sheetData>` + `</worksheet>`)
	}
	workbook := func(sheetXML []byte) map[string][]byte {
		return map[string][]byte{
			"[Content_Types].xml":        []byte(`<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`),
			"_rels/.rels":                []byte(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
			"xl/workbook.xml":            []byte(`<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`),
			"xl/_rels/workbook.xml.rels": []byte(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`),
			"xl/worksheets/sheet1.xml":   sheetXML,
		}
	}
	withMerge := func(ref string) []byte {
		return []byte(strings.Replace(string(sheet(`<row r="1"><c r="A1" t="inlineStr"><is><t>序号</t></is></c><c r="B1" t="inlineStr"><is><t>牵头单位</t></is></c></row>`)), "</worksheet>", `<mergeCells count="1"><mergeCell ref="`+ref+`"/></mergeCells></worksheet>`, 1))
	}
	deepTables := []byte(`<w:document ` + wordNS + `><w:body>` + strings.Repeat(`<w:tbl><w:tr><w:tc>`, 100) + `</w:body></w:document>`)
	tests := []struct {
		name string
		in   []byte
		is   error
	}{
		{"document.xml declaring more than 64 MiB", zipLying(t, "word/document.xml", body(10), attach.MaxUnzipped+1), attach.ErrTooLarge},
		{"document.xml declaring less than it holds", zipLying(t, "word/document.xml", body(1000), 1000), textin.ErrBinary},
		{"tables nested 100 deep", zipOf(t, map[string][]byte{"word/document.xml": deepTables}), attach.ErrTooLarge},
		{"a sheet beyond 8 MiB", zipOf(t, workbook(sheet(strings.Repeat(`<row><c t="inlineStr"><is><t>x</t></is></c></row>`, 9<<20/48)))), attach.ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Logf("%d bytes", len(tt.in))
			_, err := attach.Decode(tt.in, "bomb")
			require.ErrorIs(t, err, tt.is)
		})
	}

	// Merges reaching the last cell of a sheet or beyond are read in no time
	// and no memory.
	for _, ref := range []string{"A1:XFD1048576", "A2:ZZZZ99999999", "B1:B1048576"} {
		require.Equal(t, []textin.Line{l(1, "| 序号 | 牵头单位 |")}, decode(t, zipOf(t, workbook(withMerge(ref)))), ref)
	}

	// A row numbered near the end of the sheet is reached without reading
	// a million empty rows into memory, and read.
	b := zipOf(t, workbook(sheet(`<row r="1"><c r="A1" t="inlineStr"><is><t>序号</t></is></c><c r="B1" t="inlineStr"><is><t>牵头单位</t></is></c></row><row r="999000"><c r="A999000" t="inlineStr"><is><t>1</t></is></c><c r="B999000" t="inlineStr"><is><t>区发改委</t></is></c></row><row r="1048576"><c r="A1048576" t="inlineStr"><is><t>far</t></is></c></row>`)))
	lines := decode(t, b)
	require.Equal(t, []textin.Line{l(1, "| 序号 | 牵头单位 |"), l(999000, "| 1 | 区发改委 |")}, lines, fmt.Sprint(lines))
}
