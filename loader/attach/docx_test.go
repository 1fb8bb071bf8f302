package attach_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/loader/attach"
	"github.com/dutygraph/dutygraph/loader/textin"
)

func decode(t *testing.T, b []byte) []textin.Line {
	t.Helper()
	text, err := attach.Decode(b, "plan")
	require.NoError(t, err)
	return text.Lines
}

func l(num int, text string) textin.Line { return textin.Line{Num: num, Text: text} }

func TestDOCXNumbering(t *testing.T) {
	tests := []struct {
		name string
		doc  *docx
		want []textin.Line
	}{
		{"chinese sections and decimal tasks counted on across sections", (&docx{numbering: abstractNum(1, numLevel(0, "chineseCounting", "%1、")) + abstractNum(2, numLevel(0, "decimal", "%1.")) + num(1, 1, "") + num(2, 2, "")}).
			li(1, 0, "发展经济").li(2, 0, "任务甲").li(2, 0, "任务乙").li(1, 0, "改善民生").li(2, 0, "任务丙"),
			[]textin.Line{l(1, "一、发展经济"), l(2, "1.任务甲"), l(3, "2.任务乙"), l(4, "二、改善民生"), l(5, "3.任务丙")}},
		{"levels of one list: the lower restarts under each higher", (&docx{numbering: abstractNum(1, numLevel(0, "chineseCounting", "%1、"), numLevel(1, "chineseCounting", "（%2）"), numLevel(2, "decimal", "%3.")) + num(1, 1, "")}).
			li(1, 0, "甲").li(1, 1, "乙").li(1, 2, "丙").li(1, 2, "丁").li(1, 1, "戊").li(1, 2, "己").li(1, 0, "庚").li(1, 1, "辛"),
			[]textin.Line{l(1, "一、甲"), l(2, "（一）乙"), l(3, "1.丙"), l(4, "2.丁"), l(5, "（二）戊"), l(6, "1.己"), l(7, "二、庚"), l(8, "（一）辛")}},
		{"compound, circled, letter, roman and legal numbers", (&docx{numbering: abstractNum(1, numLevel(0, "decimal", "%1."), numLevel(1, "decimal", "%1.%2")) + abstractNum(2, numLevel(0, "decimalEnclosedCircle", "%1")) + abstractNum(3, numLevel(0, "lowerLetter", "%1)")) + abstractNum(4, numLevel(0, "upperRoman", "%1.")) + abstractNum(5, numLevel(0, "chineseLegalSimplified", "第%1条")) + num(1, 1, "") + num(2, 2, "") + num(3, 3, "") + num(4, 4, "") + num(5, 5, "")}).
			li(1, 0, "a").li(1, 1, "b").li(1, 1, "c").li(2, 0, "d").li(2, 0, "e").li(3, 0, "f").li(4, 0, "g").li(4, 0, "h").li(5, 0, "i"),
			[]textin.Line{l(1, "1.a"), l(2, "1.1 b"), l(3, "1.2 c"), l(4, "①d"), l(5, "②e"), l(6, "a)f"), l(7, "I.g"), l(8, "II.h"), l(9, "第壹条 i")}},
		{"a list instance restarting at a number, bullets unnumbered", (&docx{numbering: abstractNum(1, numLevel(0, "decimal", "%1.")) + abstractNum(2, numLevel(0, "bullet", "\uF06C")) + num(1, 1, "") + num(2, 1, `<w:lvlOverride w:ilvl="0"><w:startOverride w:val="10"/></w:lvlOverride>`) + num(3, 2, "")}).
			li(1, 0, "a").li(1, 0, "b").li(2, 0, "c").li(2, 0, "d").li(3, 0, "e"),
			[]textin.Line{l(1, "1.a"), l(2, "2.b"), l(3, "10.c"), l(4, "11.d"), l(5, "e")}},
		{"numbering from the paragraph style, through basedOn", (&docx{numbering: abstractNum(1, numLevel(0, "chineseCounting", "%1、")) + num(7, 1, ""),
			styles: `<w:style w:type="paragraph" w:styleId="Heading1"><w:pPr><w:numPr><w:numId w:val="7"/></w:numPr></w:pPr></w:style><w:style w:type="paragraph" w:styleId="Plan1"><w:basedOn w:val="Heading1"/></w:style>`}).
			raw(`<w:p><w:pPr><w:pStyle w:val="Plan1"/></w:pPr>` + run("稳增长") + `</w:p>`).
			raw(`<w:p><w:pPr><w:pStyle w:val="Plan1"/><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr>` + run("不编号") + `</w:p>`).
			raw(`<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr>` + run("惠民生") + `</w:p>`),
			[]textin.Line{l(1, "一、稳增长"), l(2, "不编号"), l(3, "二、惠民生")}},
		{"a list linked to a list style takes that style's list",
			(&docx{numbering: `<w:abstractNum w:abstractNumId="1"><w:numStyleLink w:val="PlanList"/></w:abstractNum>` + abstractNum(2, numLevel(0, "chineseCounting", "%1、"), numLevel(1, "decimal", "%2.")) + num(1, 1, "") + num(2, 2, ""),
				styles: `<w:style w:type="numbering" w:styleId="PlanList"><w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style>`}).
				li(1, 0, "稳增长").li(1, 1, "任务甲").li(1, 1, "任务乙"),
			[]textin.Line{l(1, "一、稳增长"), l(2, "1.任务甲"), l(3, "2.任务乙")}},
		{"11 to 101 in Chinese", func() *docx {
			d := &docx{numbering: abstractNum(1, numLevel(0, "chineseCountingThousand", "%1、")) + num(1, 1, `<w:lvlOverride w:ilvl="0"><w:startOverride w:val="11"/></w:lvlOverride>`) + num(2, 1, `<w:lvlOverride w:ilvl="0"><w:startOverride w:val="20"/></w:lvlOverride>`) + num(3, 1, `<w:lvlOverride w:ilvl="0"><w:startOverride w:val="101"/></w:lvlOverride>`)}
			return d.li(1, 0, "a").li(2, 0, "b").li(2, 0, "c").li(3, 0, "d")
		}(), []textin.Line{l(1, "十一、a"), l(2, "二十、b"), l(3, "二十一、c"), l(4, "一百零一、d")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, decode(t, tt.doc.bytes(t)))
		})
	}
}

func TestDOCXText(t *testing.T) {
	tests := []struct {
		name string
		doc  *docx
		want []textin.Line
	}{
		{"line breaks split a paragraph; empty paragraphs keep their number",
			(&docx{}).p("1.任务甲\n牵头单位：区发改委").p("").p("全角１２３"),
			[]textin.Line{l(1, "1.任务甲"), l(1, "牵头单位：区发改委"), l(3, "全角123")}},
		{"tracked deletions and fallback copies are not text; text boxes are",
			(&docx{}).raw(`<w:p>` + run("推进") + `<w:del><w:r><w:delText>删去</w:delText></w:r></w:del><w:ins>` + run("新增") + `</w:ins>` + run("建设") + `</w:p>`).
				raw(`<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p>` + run("文本框") + `</w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p>` + run("文本框") + `</w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>` + run("正文") + `</w:p>`),
			[]textin.Line{l(1, "推进新增建设"), l(2, "文本框"), l(2, "正文")}},
		{"tabs and non-breaking hyphens in runs; tab stops are no text",
			(&docx{}).raw(`<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr>` + run("序号") + `<w:r><w:tab/></w:r>` + run("内容") + `<w:r><w:noBreakHyphen/></w:r>` + run("一") + `</w:p>`),
			[]textin.Line{l(1, "序号 内容-一")}},
		{"symbols from fonts: Unicode as it is, Wingdings' star",
			(&docx{}).raw(`<w:p>` + run("市发改委") + `<w:r><w:sym w:font="Wingdings" w:char="F0AB"/></w:r>` + run("、市商务局") + `<w:r><w:sym w:font="Wingdings" w:char="F06C"/><w:sym w:font="SimSun" w:char="2605"/></w:r></w:p>`),
			[]textin.Line{l(1, "市发改委★、市商务局★")}},
		{"numbering before a tracked change is not the paragraph's",
			(&docx{numbering: abstractNum(1, numLevel(0, "decimal", "%1.")) + num(1, 1, "")}).
				raw(`<w:p><w:pPr><w:pPrChange w:id="1"><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr></w:pPrChange></w:pPr>` + run("不再编号") + `</w:p>`),
			[]textin.Line{l(1, "不再编号")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, decode(t, tt.doc.bytes(t)))
		})
	}
}

func TestDOCXTables(t *testing.T) {
	tests := []struct {
		name string
		doc  *docx
		want []textin.Line
	}{
		{"merged across: first column filled, the others empty; merged down: repeated",
			(&docx{}).table(
				[]any{"序号", "工作任务", "牵头单位", "配合单位"},
				[]any{tc{paras: []string{"一、稳增长"}, span: 4}},
				[]any{"1", "任务甲", tc{paras: []string{"区发改委"}, vMerge: "restart"}, tc{paras: []string{"区财政局", "区统计局"}}},
				[]any{"2", "任务乙", tc{vMerge: "continue"}, "区商务局"},
				[]any{"3", tc{paras: []string{"任务丙"}, span: 2}, "区教育局"},
			),
			[]textin.Line{l(1, "| 序号 | 工作任务 | 牵头单位 | 配合单位 |"), l(2, "| 一、稳增长 |"), l(3, "| 1 | 任务甲 | 区发改委 | 区财政局 区统计局 |"), l(4, "| 2 | 任务乙 | 区发改委 | 区商务局 |"), l(5, "| 3 | 任务丙 |  | 区教育局 |")}},
		{"a title row above the header is a line; a row merged down only is none",
			(&docx{}).p("附件").table(
				[]any{tc{paras: []string{"重点任务分解表"}, span: 3, vMerge: "restart"}},
				[]any{tc{span: 3, vMerge: "continue"}},
				[]any{"序号", "任务", "责任单位"},
				[]any{"1", "任务|甲", "区发改委"},
			).p("注：完成时限为年底前。"),
			[]textin.Line{l(1, "附件"), l(2, "重点任务分解表"), l(4, "| 序号 | 任务 | 责任单位 |"), l(5, "| 1 | 任务｜甲 | 区发改委 |"), l(6, "注：完成时限为年底前。")}},
		{"a one-column table lays out text: its paragraphs are lines",
			(&docx{}).table([]any{tc{paras: []string{"一、稳增长", "1.任务甲（区发改委牵头）"}}}),
			[]textin.Line{l(1, "一、稳增长"), l(1, "1.任务甲（区发改委牵头）")}},
		{"a table in a cell is that cell's text; gridBefore keeps columns",
			(&docx{}).raw(`<w:tbl><w:tr><w:tc><w:p>` + run("1") + `</w:p></w:tc><w:tc><w:tbl><w:tr><w:tc><w:p>` + run("区发改委") + `</w:p></w:tc><w:tc><w:p>` + run("区财政局") + `</w:p></w:tc></w:tr></w:tbl><w:p/></w:tc></w:tr>` +
				`<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr><w:tc><w:p>` + run("区商务局") + `</w:p></w:tc><w:tc><w:p>` + run("x") + `</w:p></w:tc></w:tr></w:tbl>`),
			[]textin.Line{l(1, "| 1 | 区发改委 区财政局 |"), l(2, "|  | 区商务局 | x |")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, decode(t, tt.doc.bytes(t)))
		})
	}
}

func TestDOCXPlan(t *testing.T) {
	text, err := attach.Decode(planDOCX(t), "plan.docx")
	require.NoError(t, err)
	require.Equal(t, attach.FormatDOCX, text.Format)
	require.Contains(t, text.Lines, l(9, "1.推动社会消费品零售总额稳步增长，办好各类促消费活动。（区商务局牵头，各街道配合）"))
	require.Contains(t, text.Lines, l(18, "| 5 | 深化政务服务改革，推行高频事项一网通办。 | 区政务办 | 区数据局 区司法局 | 2025年6月底前 |"))
	require.Contains(t, text.Lines, l(19, "| 6 | 开展惠企政策直达行动，兑现资金不少于1亿元。 | 区政务办 | 区财政局 | 2025年12月底前 |"))
}

// TestDOCXFromLibreOffice: the plan saved again by LibreOffice 7.4, which
// rewrites its lists, styles and tables its own way, reads line for line as
// the plan does.
func TestDOCXFromLibreOffice(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "testdata", "attach", "qixia-2025-plan-libreoffice.docx"))
	require.NoError(t, err)
	require.Equal(t, decode(t, planDOCX(t)), decode(t, b))
}
