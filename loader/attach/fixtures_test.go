package attach_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"html"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// Builders of small Word documents and workbooks: the tests write the
// WordprocessingML a word processor writes, so that what is read is what a
// real file holds, and TestFixtures writes the plans the loader's tests read.

const wordNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"`

// docx is a Word document being built: its body XML and numbering part.
type docx struct {
	body      strings.Builder
	numbering string
	styles    string
}

func run(text string) string {
	return `<w:r><w:t xml:space="preserve">` + html.EscapeString(text) + `</w:t></w:r>`
}

// p adds a paragraph; "\n" in text is a line break (Shift+Enter).
func (d *docx) p(text string) *docx {
	d.body.WriteString(`<w:p>` + runs(text) + `</w:p>`)
	return d
}

func runs(text string) string {
	var parts []string
	for _, l := range strings.Split(text, "\n") {
		parts = append(parts, run(l))
	}
	return strings.Join(parts, `<w:r><w:br/></w:r>`)
}

// li adds a paragraph of list numID at level ilvl.
func (d *docx) li(numID, ilvl int, text string) *docx {
	fmt.Fprintf(&d.body, `<w:p><w:pPr><w:numPr><w:ilvl w:val="%d"/><w:numId w:val="%d"/></w:numPr></w:pPr>%s</w:p>`, ilvl, numID, runs(text))
	return d
}

// raw adds body XML as it is.
func (d *docx) raw(xml string) *docx {
	d.body.WriteString(xml)
	return d
}

// tc is a table cell: its paragraphs, columns spanned, and vMerge
// ("restart", "continue" or "").
type tc struct {
	paras  []string
	span   int
	vMerge string
	numID  int // when set, the cell's paragraph is numbered by this list
}

// colWidths are the widths of a test table's grid columns in twentieths of
// a point, as Word sizes a five-column task table on A4: a narrow 序号, a
// wide task, three unit and date columns.
var colWidths = []int{700, 3800, 1300, 1300, 1300}

func colWidth(i int) int {
	if i < len(colWidths) {
		return colWidths[i]
	}
	return 1300
}

func cellXML(c tc, col int) string {
	var b strings.Builder
	span := max(c.span, 1)
	width := 0
	for i := col; i < col+span; i++ {
		width += colWidth(i)
	}
	fmt.Fprintf(&b, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/>`, width)
	if c.span > 1 {
		fmt.Fprintf(&b, `<w:gridSpan w:val="%d"/>`, c.span)
	}
	switch c.vMerge {
	case "restart":
		b.WriteString(`<w:vMerge w:val="restart"/>`)
	case "continue":
		b.WriteString(`<w:vMerge/>`)
	}
	b.WriteString(`</w:tcPr>`)
	if len(c.paras) == 0 {
		b.WriteString(`<w:p/>`)
	}
	for _, p := range c.paras {
		if c.numID > 0 {
			fmt.Fprintf(&b, `<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="%d"/></w:numPr></w:pPr>%s</w:p>`, c.numID, runs(p))
		} else {
			b.WriteString(`<w:p>` + runs(p) + `</w:p>`)
		}
	}
	b.WriteString(`</w:tc>`)
	return b.String()
}

// table adds a table; a string cell is a cell of one paragraph.
func (d *docx) table(rows ...[]any) *docx {
	columns := 0
	for _, r := range rows {
		n := 0
		for _, c := range r {
			if c, ok := c.(tc); ok {
				n += max(c.span, 1)
			} else {
				n++
			}
		}
		columns = max(columns, n)
	}
	d.body.WriteString(`<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/><w:tblBorders><w:top w:val="single" w:sz="4"/><w:left w:val="single" w:sz="4"/><w:bottom w:val="single" w:sz="4"/><w:right w:val="single" w:sz="4"/><w:insideH w:val="single" w:sz="4"/><w:insideV w:val="single" w:sz="4"/></w:tblBorders></w:tblPr><w:tblGrid>`)
	for i := range columns {
		fmt.Fprintf(&d.body, `<w:gridCol w:w="%d"/>`, colWidth(i))
	}
	d.body.WriteString(`</w:tblGrid>`)
	for _, r := range rows {
		d.body.WriteString(`<w:tr>`)
		col := 0
		for _, c := range r {
			cell, ok := c.(tc)
			if !ok {
				cell = tc{paras: []string{c.(string)}}
			}
			d.body.WriteString(cellXML(cell, col))
			col += max(cell.span, 1)
		}
		d.body.WriteString(`</w:tr>`)
	}
	d.body.WriteString(`</w:tbl>`)
	return d
}

// numLevel is a w:lvl: numFmt and lvlText.
func numLevel(ilvl int, format, text string) string {
	return fmt.Sprintf(`<w:lvl w:ilvl="%d"><w:start w:val="1"/><w:numFmt w:val="%s"/><w:lvlText w:val="%s"/></w:lvl>`, ilvl, format, text)
}

// abstractNum defines list id with levels and a w:num of the same id using it.
func abstractNum(id int, levels ...string) string {
	return fmt.Sprintf(`<w:abstractNum w:abstractNumId="%d">%s</w:abstractNum>`, id, strings.Join(levels, ""))
}

func num(numID, abstractID int, overrides string) string {
	return fmt.Sprintf(`<w:num w:numId="%d"><w:abstractNumId w:val="%d"/>%s</w:num>`, numID, abstractID, overrides)
}

// bytes writes the package as Word does, parts in a fixed order and dated
// alike so that the same document gives the same bytes.
func (d *docx) bytes(t testing.TB) []byte {
	t.Helper()
	parts := [][2]string{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`},
		{"word/_rels/document.xml.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`},
		{"word/document.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document ` + wordNS + `><w:body>` + d.body.String() + `<w:sectPr/></w:body></w:document>`},
		{"word/numbering.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering ` + wordNS + `>` + d.numbering + `</w:numbering>`},
		{"word/styles.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles ` + wordNS + `>` + d.styles + `</w:styles>`},
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: p[0], Method: zip.Deflate, Modified: time.Date(2025, 2, 10, 9, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(p[1])); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// planDOCX is a district plan as offices publish it in Word: title, number,
// notice, signature, sections numbered 一、 and tasks 1. by Word's lists,
// clauses in brackets, and an attached task table whose 序号 column Word
// numbers too, with a section row merged across and a lead unit merged down.
func planDOCX(t testing.TB) []byte {
	d := &docx{numbering: abstractNum(1, numLevel(0, "chineseCounting", "%1、")) +
		abstractNum(2, numLevel(0, "decimal", "%1.")) +
		abstractNum(3, numLevel(0, "decimal", "%1")) +
		num(1, 1, "") + num(2, 2, "") + num(3, 3, `<w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride>`)}
	d.p("南京市栖霞区人民政府关于印发2025年区政府工作报告重点工作任务分解方案的通知").
		p("栖政发〔2025〕6号").
		p("各街道办事处，区政府各部门，各直属单位：").
		p("区四届人大五次会议审议通过了《政府工作报告》。现将重点工作任务分解方案印发给你们，请各牵头单位会同配合单位抓紧制定推进计划，确保按期完成。").
		p("南京市栖霞区人民政府").
		p("2025年2月10日").
		p("2025年区政府工作报告重点工作任务分解方案").
		li(1, 0, "扩大有效需求").
		li(2, 0, "推动社会消费品零售总额稳步增长，办好各类促消费活动。（区商务局牵头，各街道配合）").
		li(2, 0, "加快重大项目建设，年内新开工项目30个以上。（区发改委牵头，区财政局、区统计局配合）").
		li(1, 0, "增进民生福祉").
		li(2, 0, "新建改扩建中小学和幼儿园5所。（区教育局牵头，区财政局配合）").
		li(2, 0, "完善养老服务网络，新增养老床位200张。（区民政局牵头）").
		p("附件").
		p("2025年区政府工作报告重点工作任务分解表").
		table(
			[]any{"序号", "工作任务", "牵头单位", "配合单位", "完成时限"},
			[]any{tc{paras: []string{"三、优化营商环境"}, span: 5}},
			[]any{tc{numID: 3, paras: []string{""}}, "深化政务服务改革，推行高频事项一网通办。", tc{paras: []string{"区政务办"}, vMerge: "restart"}, tc{paras: []string{"区数据局", "区司法局"}}, "2025年6月底前"},
			[]any{tc{numID: 3, paras: []string{""}}, "开展惠企政策直达行动，兑现资金不少于1亿元。", tc{vMerge: "continue"}, "区财政局", "2025年12月底前"},
		)
	return d.bytes(t)
}

// planXLSX is a task table as offices publish it in Excel: a title row
// merged across above the header, a section row merged across, a lead unit
// merged down two rows, units on separate lines of one cell, and an empty
// row.
func planXLSX(t testing.TB) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Sheet1"
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	set := func(cell string, v any) { must(f.SetCellValue(sheet, cell, v)) }
	set("A1", "南京市栖霞区2025年区政府工作报告重点工作任务分解表")
	must(f.MergeCell(sheet, "A1", "E1"))
	for i, h := range []string{"序号", "工作任务", "牵头单位", "配合单位", "完成时限"} {
		cell, _ := excelize.CoordinatesToCellName(i+1, 2)
		set(cell, h)
	}
	set("A3", "一、扩大有效需求")
	must(f.MergeCell(sheet, "A3", "E3"))
	rows := [][]any{
		{1, "推动社会消费品零售总额稳步增长，办好各类促消费活动。", "区商务局", "各街道", "2025年12月底前"},
		{2, "加快重大项目建设，年内新开工项目30个以上。", "区发改委", "区财政局\n区统计局", "2025年12月底前"},
		{3, "完善重大项目服务机制，建立项目专员制度。", nil, "区政务办", "2025年6月底前"},
	}
	for i, r := range rows {
		for j, v := range r {
			if v == nil {
				continue
			}
			cell, _ := excelize.CoordinatesToCellName(j+1, i+4)
			set(cell, v)
		}
	}
	must(f.MergeCell(sheet, "C5", "C6"))
	// Row 7 is left empty.
	set("A8", "二、增进民生福祉")
	must(f.MergeCell(sheet, "A8", "E8"))
	for j, v := range []any{4, "新建改扩建中小学和幼儿园5所。", "区教育局", "区财政局", "2025年9月底前"} {
		cell, _ := excelize.CoordinatesToCellName(j+1, 9)
		set(cell, v)
	}
	var buf bytes.Buffer
	must(f.Write(&buf))
	return buf.Bytes()
}
