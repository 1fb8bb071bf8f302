package attach_test

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

// A PDF writer just big enough for test plans: text placed at points on A4
// pages in one font, with the ToUnicode map pdftotext extracts text by. The
// font is named, not embedded (a viewer substitutes a CJK font), which keeps
// a plan of two pages under 10 KB.

type pdfText struct {
	x, y, size float64
	text       string
}

type pdfDoc struct{ pages [][]pdfText }

func (d *pdfDoc) page() *[]pdfText {
	d.pages = append(d.pages, nil)
	return &d.pages[len(d.pages)-1]
}

// wrap splits text into lines of at most width points at size.
func wrap(text string, width, size float64) []string {
	var lines []string
	var cur strings.Builder
	w := 0.0
	for _, r := range text {
		cw := size
		if r < utf8.RuneSelf {
			cw = size / 2
		}
		if w+cw > width && cur.Len() > 0 {
			lines = append(lines, cur.String())
			cur.Reset()
			w = 0
		}
		cur.WriteRune(r)
		w += cw
	}
	if cur.Len() > 0 {
		lines = append(lines, cur.String())
	}
	return lines
}

func (d *pdfDoc) bytes() []byte {
	used := map[rune]bool{}
	for _, p := range d.pages {
		for _, t := range p {
			for _, r := range t.text {
				used[r] = true
			}
		}
	}
	var runes []rune
	for r := range used {
		runes = append(runes, r)
	}
	sort.Slice(runes, func(i, j int) bool { return runes[i] < runes[j] })

	var objs []string
	add := func(s string) int { objs = append(objs, s); return len(objs) }
	stream := func(dict, data string) string {
		return fmt.Sprintf("<< %s /Length %d >>\nstream\n%s\nendstream", dict, len(data), data)
	}
	var cmap strings.Builder
	cmap.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	for i := 0; i < len(runes); i += 100 {
		chunk := runes[i:min(i+100, len(runes))]
		fmt.Fprintf(&cmap, "%d beginbfchar\n", len(chunk))
		for _, r := range chunk {
			fmt.Fprintf(&cmap, "<%04X> <%04X>\n", r, r)
		}
		cmap.WriteString("endbfchar\n")
	}
	cmap.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend")
	var widths strings.Builder
	for _, r := range runes {
		if r < utf8.RuneSelf {
			fmt.Fprintf(&widths, "%d [500] ", r)
		}
	}
	catalog := add("<< /Type /Catalog /Pages 2 0 R >>")
	pagesObj := add("") // filled in below
	descriptor := add("<< /Type /FontDescriptor /FontName /SimSun /Flags 4 /FontBBox [0 -140 1000 860] /ItalicAngle 0 /Ascent 860 /Descent -140 /CapHeight 700 /StemV 80 >>")
	cid := add(fmt.Sprintf("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor %d 0 R /DW 1000 /W [%s] /CIDToGIDMap /Identity >>", descriptor, widths.String()))
	toUnicode := add(stream("", cmap.String()))
	font := add(fmt.Sprintf("<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>", cid, toUnicode))
	var kids []string
	for _, p := range d.pages {
		var content strings.Builder
		for _, t := range p {
			fmt.Fprintf(&content, "BT /F1 %g Tf 1 0 0 1 %g %g Tm <", t.size, t.x, t.y)
			for _, r := range t.text {
				fmt.Fprintf(&content, "%04X", r)
			}
			content.WriteString("> Tj ET\n")
		}
		c := add(stream("", content.String()))
		pg := add(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>", pagesObj, font, c))
		kids = append(kids, fmt.Sprintf("%d 0 R", pg))
	}
	objs[pagesObj-1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(kids))

	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xE2\xE3\xCF\xD3\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, catalog, xref)
	return b.Bytes()
}

// planPDF is the district plan of planDOCX as a printed PDF: the notice
// and numbered tasks on page 1, the task table, its cells wrapped and
// top-aligned as Word lays them out, on page 2.
func planPDF() []byte {
	var d pdfDoc
	p := d.page()
	y := 780.0
	line := func(x, size float64, text string) {
		for _, l := range wrap(text, 595-72-x, size) {
			*p = append(*p, pdfText{x, y, size, l})
			y -= size * 1.8
		}
	}
	line(90, 14, "南京市栖霞区人民政府关于印发2025年区政府工作报告重点工作任务分解方案的通知")
	line(230, 11, "栖政发〔2025〕6号")
	line(72, 11, "各街道办事处，区政府各部门，各直属单位：")
	line(72, 11, "区四届人大五次会议审议通过了《政府工作报告》。现将重点工作任务分解方案印发给你们，请各牵头单位会同配合单位抓紧制定推进计划，确保按期完成。")
	line(380, 11, "南京市栖霞区人民政府")
	line(395, 11, "2025年2月10日")
	line(150, 12, "2025年区政府工作报告重点工作任务分解方案")
	line(72, 11, "一、扩大有效需求")
	line(72, 11, "1.推动社会消费品零售总额稳步增长，办好各类促消费活动。（区商务局牵头，各街道配合）")
	line(72, 11, "2.加快重大项目建设，年内新开工项目30个以上。（区发改委牵头，区财政局、区统计局配合）")
	line(72, 11, "二、增进民生福祉")
	line(72, 11, "3.新建改扩建中小学和幼儿园5所。（区教育局牵头，区财政局配合）")
	line(72, 11, "4.完善养老服务网络，新增养老床位200张。（区民政局牵头）")
	line(280, 9, "— 1 —")

	p = d.page()
	y = 780
	line(72, 11, "附件")
	line(150, 12, "2025年区政府工作报告重点工作任务分解表")
	row := func(cells ...string) { y = tableRow(p, y, false, cells...) }
	row("序号", "工作任务", "牵头单位", "配合单位", "完成时限")
	*p = append(*p, pdfText{60, y, 9, "三、优化营商环境"})
	y -= 20
	row("5", "深化政务服务改革，推行高频事项一网通办，企业开办全程网上办理。", "区政务办", "区数据局、区司法局", "2025年6月底前")
	row("6", "开展惠企政策直达行动，兑现资金不少于1亿元。", "区财政局", "区工信局、区商务局", "2025年12月底前")
	line(280, 9, "— 2 —")
	return d.bytes()
}

// tableCols are the x and width of the columns of a test task table.
var tableCols = []struct{ x, w float64 }{{60, 30}, {100, 200}, {310, 80}, {400, 80}, {490, 70}}

// tableRow draws a table row whose top is at y, each cell's text wrapped
// to its column, its paragraphs ("\n") on lines of their own, aligned to the
// top of the row or centred in it; it returns the top of the next row.
func tableRow(p *[]pdfText, y float64, centred bool, cells ...string) float64 {
	const lead = 14.0
	var wrapped [][]string
	height := 0
	for i, c := range cells {
		var ls []string
		for _, para := range strings.Split(c, "\n") {
			ls = append(ls, wrap(para, tableCols[i].w, 9)...)
		}
		wrapped = append(wrapped, ls)
		height = max(height, len(ls))
	}
	for i, ls := range wrapped {
		yy := y
		if centred {
			yy -= float64(height-len(ls)) * lead / 2
		}
		for _, l := range ls {
			*p = append(*p, pdfText{tableCols[i].x, yy, 9, l})
			yy -= lead
		}
	}
	return y - float64(height)*lead - 6
}
