package attach_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/loader/attach"
	"github.com/dutygraph/dutygraph/loader/textin"
)

// TestLegacyOffice: OLE2 files are named by the streams they hold, other
// formats by their signature, and the error says how to convert them.
func TestLegacyOffice(t *testing.T) {
	ole := func(stream string) []byte {
		b := []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + strings.Repeat("\x00", 64))
		for _, r := range stream {
			b = append(b, byte(r), 0)
		}
		return append(b, 0, 0)
	}
	tests := []struct {
		name string
		in   []byte
		want string
	}{
		{"计划.doc", ole("WordDocument"), "legacy Word/WPS document (.doc/.wps, OLE2): convert it to .docx first: libreoffice --headless --convert-to docx 计划.doc"},
		{"计划.wps", ole("WordDocument"), "libreoffice --headless --convert-to docx 计划.wps"},
		{"任务 表.xls", ole("Workbook"), "convert it to .xlsx first: libreoffice --headless --convert-to xlsx '任务 表.xls'"},
		{"任务表.et", ole("Book"), "libreoffice --headless --convert-to xlsx 任务表.et"},
		{"汇报.dps", ole("PowerPoint Document"), "libreoffice --headless --convert-to pdf 汇报.dps"},
		{"表.et", ole("Other"), "libreoffice --headless --convert-to xlsx 表.et"},
		{"加密.docx", ole("EncryptedPackage"), "password-protected Office document"},
		{"汇报.pptx", zipOf(t, map[string][]byte{"ppt/presentation.xml": []byte("<p/>")}), "libreoffice --headless --convert-to pdf 汇报.pptx"},
		{"方案.odt", zipOf(t, map[string][]byte{"mimetype": []byte("application/vnd.oasis.opendocument.text"), "content.xml": []byte("<x/>")}), "OpenDocument text (.odt): convert it to .docx first: libreoffice --headless --convert-to docx 方案.odt"},
		{"任务.ods", zipOf(t, map[string][]byte{"mimetype": []byte("application/vnd.oasis.opendocument.spreadsheet")}), "libreoffice --headless --convert-to xlsx 任务.ods"},
		{"通知.ofd", zipOf(t, map[string][]byte{"OFD.xml": []byte("<ofd/>")}), "OFD document: print or export it to PDF"},
		{"通知(1).rtf", []byte("{\\rtf1\\ansi 通知}"), "libreoffice --headless --convert-to docx '通知(1).rtf'"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := attach.Decode(tt.in, "dir/"+tt.name)
			var ue *attach.UnsupportedError
			require.True(t, errors.As(err, &ue), "%v", err)
			require.ErrorIs(t, err, attach.ErrUnsupported)
			require.Contains(t, err.Error(), tt.want)
		})
	}
}

func TestIsAttachment(t *testing.T) {
	for name, want := range map[string]bool{"a.DOCX": true, "b.xlsx": true, "c.pdf": true, "d.doc": true, "e.wps": true, "f.et": true, "g.txt": false, "h.yaml": false} {
		require.Equal(t, want, attach.IsAttachment(name), name)
	}
}

// TestOtherInput: text and HTML still go to textin, and a ZIP that is no
// Office document is not text.
func TestOtherInput(t *testing.T) {
	text, err := attach.Decode([]byte("一、稳增长\n1.任务（区发改委牵头）\n"), "a.txt")
	require.NoError(t, err)
	require.Equal(t, textin.FormatText, text.Format)
	_, err = attach.Decode(zipOf(t, map[string][]byte{"a.txt": []byte("x")}), "a.zip")
	require.ErrorIs(t, err, textin.ErrBinary)
	require.Contains(t, err.Error(), "ZIP archive that is no Word document")
	plan := planDOCX(t)
	_, err = attach.Decode(plan[:len(plan)/2], "cut.docx")
	require.ErrorIs(t, err, textin.ErrBinary)
	require.Contains(t, err.Error(), "damaged ZIP archive or Office document")
}
